"""Build the HTML book with Jupyter Book, never damaging the last good build.

Sphinx writes into a work folder; only a build that succeeds is copied next to the
published folder and swapped in with renames. A lock keeps two builds apart, and a
fingerprint of every input lets a no-change build return at once.
"""

from __future__ import annotations

import fcntl
import functools
import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from helpers.pipeline.cache import fingerprint


class BuildError(Exception):
    """Jupyter Book failed or another build holds the lock."""


def _prctl():
    """libc's prctl, looked up in the parent (a forked child should not load libraries)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


_PRCTL = _prctl()


def die_with_parent(parent: int | None = None) -> None:
    """Ask Linux to kill this process when its parent dies (no-op elsewhere).

    A build killed with SIGKILL cannot stop its children; without this, a notebook worker
    or a ``jupyter-book`` run would go on as an orphan, writing into the work folders of
    the next build. Used as ``preexec_fn`` and as the worker pool's initializer.
    """
    if _PRCTL is None:
        return
    _PRCTL(1, 9)  # PR_SET_PDEATHSIG, SIGKILL
    if parent is not None and os.getppid() != parent:  # the parent died before prctl
        os._exit(1)


@contextmanager
def build_lock(build_dir: Path):
    """Hold an exclusive lock on ``build_dir`` for the duration of a build."""
    build_dir.mkdir(parents=True, exist_ok=True)
    lock_path = build_dir / ".lock"
    with lock_path.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise BuildError(
                f"Another build is running in {build_dir} (process {holder}). "
                "Wait for it to finish; nothing was changed."
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()


def build_html(source: Path, config: Path, toc: Path, inputs: list[Path], build_dir: Path) -> bool:
    """Build ``build_dir/html`` from ``source``; return False when nothing had changed."""
    published = build_dir / "html"
    stamp = build_dir / ".inputs-fingerprint"
    current = fingerprint([source, config, toc, *inputs])
    if (published / "index.html").is_file() and stamp.is_file() and stamp.read_text() == current:
        return False
    work = build_dir / ".work"
    # One Sphinx process: `-j 2` was measured no faster on two cores, and Sphinx then
    # warns that an extension is not parallel-safe, which -W turns into a failure
    # (bench/sphinx-jobs.md).
    command = [
        str(Path(sys.executable).with_name("jupyter-book")),
        "build",
        str(source),
        "--config",
        str(config),
        "--toc",
        str(toc),
        "--path-output",
        str(work),
        "-W",
        "--keep-going",
        "-q",
    ]
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        preexec_fn=functools.partial(die_with_parent, os.getpid()),  # noqa: PLW1509
    )
    if result.returncode != 0:
        log = build_dir / "jupyter-book.log"
        log.write_text(result.stdout + result.stderr, encoding="utf-8")
        raise BuildError(
            f"jupyter-book build failed (exit {result.returncode}); the last good book in "
            f"{published} is untouched. Log: {log}\n{_tail(result.stdout + result.stderr)}"
        )
    publish(work / "_build" / "html", published)
    stamp.write_text(current)
    return True


def publish(built: Path, published: Path) -> None:
    """Copy a finished build beside the published one, then swap them with renames."""
    incoming = published.with_name(published.name + ".incoming")
    outgoing = published.with_name(published.name + ".outgoing")
    for leftover in (incoming, outgoing):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.copytree(built, incoming)
    if published.exists():
        os.replace(published, outgoing)
    os.replace(incoming, published)
    shutil.rmtree(outgoing, ignore_errors=True)


def _tail(text: str, lines: int = 30) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])
