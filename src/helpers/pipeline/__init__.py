"""The build pipeline: run plan -> papermill (parallel, cached) -> Jupyter Book -> _build/html."""
