"""Cache keys: a run is re-executed only when something it depends on has changed.

A run depends on its template, its parameters, its title, the helper code the notebooks
import (``src/helpers`` without the pipeline itself) and the data files it declares.
Jupyter Book's own cache looks at code cells only; this one also sees the data.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from helpers.paths import ROOT, shown

HELPERS = ROOT / "src" / "helpers"


def files_under(paths: Iterable[Path]) -> list[Path]:
    """Every file in the given files and folders, sorted, ignoring caches."""
    found = set()
    for path in paths:
        candidates = path.rglob("*") if path.is_dir() else [path]
        found.update(p for p in candidates if p.is_file() and "__pycache__" not in p.parts)
    return sorted(found)


def fingerprint(paths: Iterable[Path]) -> str:
    """A hash of the names and contents of every file under ``paths``."""
    digest = hashlib.sha256()
    for path in files_under(paths):
        digest.update(shown(path).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def helper_code_fingerprint() -> str:
    """The helper code the notebooks import: everything in src/helpers but the pipeline."""
    code = [p for p in files_under([HELPERS]) if "pipeline" not in p.relative_to(HELPERS).parts]
    return fingerprint(code)


def run_key(run, helper_code: str) -> str:
    """The cache key of one run."""
    digest = hashlib.sha256()
    digest.update(fingerprint([run.template]).encode())
    digest.update(json.dumps(run.parameters, sort_keys=True, default=str).encode())
    digest.update(run.title.encode())
    digest.update(helper_code.encode())
    digest.update(fingerprint(run.data).encode())
    return digest.hexdigest()
