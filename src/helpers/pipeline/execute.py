"""Execute runs with papermill, in parallel, each into its page of the book.

An executed notebook records its cache key in its metadata; a run whose page already
carries the same key is not executed again. A failed run keeps its executed copy (with
the error) in the failed folder and leaves the previous good page in place.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import nbformat
from tqdm import tqdm

from helpers.page.i18n import DEFAULT, Language
from helpers.page.text import escape
from helpers.paths import ROOT, shown
from helpers.pipeline.build import die_with_parent
from helpers.pipeline.cache import run_keys

KERNEL = "prevention-book"
METADATA_KEY = "prevention_book"
VOLATILE_METADATA = ("papermill", "execution")
STARTUP_DEATH = "Kernel died before replying to kernel_info"
STARTUP_ATTEMPTS = 3


@dataclass(frozen=True)
class Outcome:
    """What happened to one run."""

    run: object
    status: str  # cached | executed | failed
    seconds: float = 0.0
    error: str = ""

    def summary(self) -> str:
        if self.status == "executed":
            return f"{self.run.name}: executed in {self.seconds:.1f} s"
        return f"{self.run.name}: {self.status}"


class RunFailed(Exception):
    """A notebook failed; the message names the notebook, its parameters and the cell."""


def page_path(book_dir: Path, run) -> Path:
    return book_dir / f"{run.page}.ipynb"


def stored_key(path: Path) -> str | None:
    """The cache key an executed page was made with, if any."""
    if not path.is_file():
        return None
    try:
        return nbformat.read(path, as_version=4).metadata.get(METADATA_KEY, {}).get("cache_key")
    except Exception:  # an unreadable page is simply not a cache hit
        return None


def execute_all(runs, book_dir: Path, failed_dir: Path, jobs: int, force: bool = False, graph=None):
    """Execute every run whose page is stale; return the outcomes in plan order.

    ``graph`` (an `ImportGraph`) is the helper package the templates import: ``src/helpers``
    unless given.
    """
    keys = run_keys(runs, graph)
    stale = [r for r in runs if force or stored_key(page_path(book_dir, r)) != keys[r]]
    outcomes = {r: Outcome(r, "cached") for r in runs if r not in stale}
    for outcome in outcomes.values():
        tqdm.write(outcome.summary())
    if stale:
        outcomes.update(_execute_parallel(stale, keys, book_dir, failed_dir, jobs))
    return [outcomes[r] for r in runs if r in outcomes]


def _execute_parallel(stale, keys, book_dir, failed_dir, jobs):
    """Run ``jobs`` notebooks at a time; after a failure, start no other run.

    Runs are handed to the pool one at a time as workers free up: a pool holding them
    all would already have queued some to its workers, and those cannot be cancelled.
    """
    outcomes, waiting, running = {}, list(stale), {}
    context = multiprocessing.get_context("spawn")
    with (
        ProcessPoolExecutor(
            max_workers=max(1, jobs),
            mp_context=context,
            initializer=die_with_parent,  # a killed build leaves no worker behind
            initargs=(os.getpid(),),
        ) as pool,
        tqdm(total=len(stale), desc="notebooks", unit="nb") as bar,
    ):
        while waiting or running:
            while waiting and len(running) < max(1, jobs):
                run = waiting.pop(0)
                running[pool.submit(execute_one, run, keys[run], book_dir, failed_dir)] = run
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                outcome = future.result()
                outcomes[running.pop(future)] = outcome
                bar.update()
                tqdm.write(outcome.summary())
                if outcome.status == "failed" and waiting:
                    tqdm.write(
                        f"not started after the failure: {', '.join(r.name for r in waiting)}"
                    )
                    waiting.clear()
    failures = [o for o in outcomes.values() if o.status == "failed"]
    if failures:
        raise RunFailed("\n\n".join(o.error for o in failures))
    return outcomes


def execute_one(run, key: str, book_dir: Path, failed_dir: Path) -> Outcome:
    """Execute one run with papermill and move the result into its page."""
    from papermill.exceptions import PapermillExecutionError

    target = page_path(book_dir, run)
    started = time.monotonic()
    log = failed_dir.parent / "logs" / f"{run.page}.log"
    with _stderr_to(log), tempfile.TemporaryDirectory(prefix="run-") as scratch:
        executed = Path(scratch) / target.name
        try:
            _execute_with_startup_retry(run, executed)
        except Exception as exc:  # report any failure of the run, with the copy it left
            kept = failed_dir / f"{run.page}.ipynb"
            if executed.exists():
                kept.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(executed, kept)
            cell = (
                _failing_cell(exc)
                if isinstance(exc, PapermillExecutionError)
                else _kernel_log_tail(log)
            )
            return Outcome(
                run, "failed", time.monotonic() - started, _describe(run, exc, cell, kept)
            )
        finish_page(executed, run, key)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(_same_filesystem_copy(executed, target), target)
    (failed_dir / f"{run.page}.ipynb").unlink(missing_ok=True)
    return Outcome(run, "executed", time.monotonic() - started)


def _execute_with_startup_retry(run, executed: Path) -> None:
    """Run papermill; start the kernel once more if it dies before answering.

    A kernel that dies at start-up (before any cell ran) is a known, transient failure
    of parallel kernels on a busy machine; a second start is safe because nothing has
    been executed. Any failure after start-up is reported at once.
    """
    import papermill

    for attempt in range(1, STARTUP_ATTEMPTS + 1):
        try:
            papermill.execute_notebook(
                str(run.template),
                str(executed),
                parameters=run.parameters,
                kernel_name=KERNEL,
                language="python",
                cwd=str(ROOT),
                progress_bar=False,
                request_save_on_cell_execute=False,  # write once at the end: ~20% faster
            )
            return
        except RuntimeError as exc:
            if STARTUP_DEATH not in str(exc) or attempt == STARTUP_ATTEMPTS:
                raise
            print(f"{run.name}: the kernel died at start-up; starting it again", file=sys.stderr)


@contextmanager
def _stderr_to(log: Path):
    """Send this worker's stderr (and so the kernel's warnings) to a log file."""
    log.parent.mkdir(parents=True, exist_ok=True)
    saved = os.dup(2)
    with log.open("w") as handle:
        os.dup2(handle.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def finish_page(path: Path, run, key: str) -> None:
    """Give the page its title, hide the parameter cells, drop run-dependent metadata."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        for name in VOLATILE_METADATA:
            cell.metadata.pop(name, None)
        tags = cell.metadata.get("tags", [])
        if {"parameters", "injected-parameters"} & set(tags) and "remove-cell" not in tags:
            cell.metadata["tags"] = [*tags, "remove-cell"]
    t = Language(run.parameters.get("language", DEFAULT))  # a Dutch book's headings too
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = t.markdown(cell.source)
    notebook.metadata.pop("papermill", None)
    notebook.metadata[METADATA_KEY] = {
        "cache_key": key,
        "template": shown(run.template),
        "parameters": run.parameters,
    }
    notebook.cells.insert(0, nbformat.v4.new_markdown_cell(f"# {escape(safe_title(run.title))}"))
    for number, cell in enumerate(notebook.cells):
        cell.id = f"cell-{number}"
    nbformat.write(notebook, path)


def safe_title(title: str) -> str:
    """A page title without ``<`` and ``>``: user text (a municipality) can be in titles.

    Escaping is not enough there: the book theme copies page titles into the HTML with
    their tags stripped and entities decoded (a print header, the sidebar, the search
    results), so an escaped ``<script>`` would come back as a real one.
    """
    return " ".join(title.replace("<", " ").replace(">", " ").split())


def _same_filesystem_copy(source: Path, target: Path) -> Path:
    """Copy next to the target so the final move is an atomic rename."""
    staged = target.with_name(f".{target.name}.partial")
    shutil.copyfile(source, staged)
    return staged


def _kernel_log_tail(log: Path, lines: int = 8) -> str:
    """The last lines the kernel wrote, to say why it died."""
    tail = log.read_text(errors="replace").strip().splitlines()[-lines:] if log.exists() else []
    return "".join(f"  kernel log: {line}\n" for line in tail)


def _failing_cell(exc) -> str:
    source = (exc.source or "").strip().splitlines()
    first = source[0] if source else ""
    return f"  cell:       #{exc.cell_index} (execution count {exc.exec_count}): {first}\n"


def _describe(run, exc, cell: str, kept: Path) -> str:
    error = (
        f"{exc.ename}: {exc.evalue}" if hasattr(exc, "ename") else f"{type(exc).__name__}: {exc}"
    )
    copy = f"executed copy kept for inspection: {kept}" if kept.exists() else "no executed copy"
    return (
        f"Notebook failed: {run.name}\n"
        f"  template:   {shown(run.template)}\n"
        f"  parameters: {run.parameters}\n"
        f"{cell}"
        f"  error:      {error}\n"
        f"  {copy}"
    )
