"""Safe builds: inputs are only read, and a failed or killed build keeps the last good book.

Each test builds a good rerun book from workbook A into OUT, then starts a rerun of a
different workbook B into the same OUT in a subprocess and interferes with it:

* SIGKILL of the build process while a notebook executes, and while ``jupyter-book``
  runs (the phase is read from the process tree: an ``ipykernel`` or a ``jupyter-book``
  process under the build). Only the build process is killed, as the OOM killer or a
  cancelled job would: its workers and ``jupyter-book`` must die with it.
* a second build started while the first holds the lock.

Afterwards ``OUT/html`` must be byte-identical to the good book, nothing may still run,
the lock (``fcntl.flock``, released by the kernel when its holder dies) must not block,
and a later rerun must succeed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers.tools.synthetic import synthetic_inventory, write_inventory_workbook

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc")


def rerun_command(workbook: Path, out: Path) -> list[str]:
    return [
        sys.executable, "-m", "helpers.pipeline", "--jobs", "2", "rerun",
        "--inventory", str(workbook), "--municipality", "Zonnedal", "--year", "2025",
        "--out", str(out),
    ]  # fmt: skip


def rerun(workbook: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        rerun_command(workbook, out), capture_output=True, text=True, cwd=ROOT, timeout=900
    )


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- process tree ------------------------------------------------------------------------


def _parents() -> dict[int, int]:
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            found[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    return found


def descendants(pid: int) -> list[int]:
    parents = _parents()
    children: dict[int, list[int]] = {}
    for child, parent in parents.items():
        children.setdefault(parent, []).append(child)
    found, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def wait_for_phase(proc: subprocess.Popen, marker: str, timeout: float = 300) -> list[int]:
    """Wait until a process whose command line holds ``marker`` runs under ``proc``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        tree = descendants(proc.pid)
        if any(marker in cmdline(p) for p in tree):
            return tree
        if proc.poll() is not None:
            pytest.fail(f"the build ended (exit {proc.returncode}) before {marker!r} ran")
        time.sleep(0.02)
    pytest.fail(f"{marker!r} never started")


# -- fixtures ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory):
    folder = tmp_path_factory.mktemp("books")
    a = write_inventory_workbook(synthetic_inventory(30, seed=1), folder / "a.xlsx")
    rows = synthetic_inventory(300, seed=2)
    rows[0]["title"] = "Workbook B marker activity"
    b = write_inventory_workbook(rows, folder / "b.xlsx")
    out = folder / "good"
    result = rerun(a, out)
    assert result.returncode == 0, result.stderr
    return a, b, out


@pytest.fixture
def good_book(workbooks, tmp_path):
    """A copy of the good book of workbook A, in a fresh OUT."""
    a, b, built = workbooks
    out = tmp_path / "out"
    shutil.copytree(built, out, symlinks=True)
    return a, b, out, snapshot(out / "html")


def kill_in_phase(workbook: Path, out: Path, marker: str, settle: float) -> list[int]:
    proc = subprocess.Popen(
        rerun_command(workbook, out),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_for_phase(proc, marker)
        time.sleep(settle)
        tree = descendants(proc.pid)
        assert proc.poll() is None, "the build finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:  # only on a failed assertion above
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return tree


def assert_nothing_left_running(tree: list[int], timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    alive = tree
    while time.monotonic() < deadline:
        alive = [p for p in tree if running(p)]
        if not alive:
            return
        time.sleep(0.1)
    left = [(p, cmdline(p)[:100]) for p in alive]
    for pid in alive:  # clean up what this test started before failing
        os.kill(pid, signal.SIGKILL)
    pytest.fail(f"processes of the killed build still run: {left}")


def assert_recovers(workbook: Path, out: Path, before: dict[str, str]) -> None:
    assert snapshot(out / "html") == before, "the last good book was changed"
    started = time.monotonic()
    result = rerun(workbook, out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Another build is running" not in result.stderr
    assert snapshot(out / "html") != before
    page = (out / "html" / "generated" / "inventory.html").read_text(encoding="utf-8")
    assert "Workbook B marker activity" in page
    print(f"rerun after the kill: {time.monotonic() - started:.1f} s")


# -- tests ---------------------------------------------------------------------------------


def test_rerun_leaves_its_inputs_byte_identical(workbooks, tmp_path):
    a, _, _ = workbooks
    before, mtime = sha(a), a.stat().st_mtime_ns
    result = rerun(a, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert sha(a) == before and a.stat().st_mtime_ns == mtime


def test_killed_during_notebook_execution(good_book):
    _, b, out, before = good_book
    before_b = sha(b)
    tree = kill_in_phase(b, out, "ipykernel", settle=0.5)
    assert_nothing_left_running(tree)
    assert sha(b) == before_b
    assert_recovers(b, out, before)


def test_killed_during_jupyter_book(good_book):
    _, b, out, before = good_book
    tree = kill_in_phase(b, out, "jupyter-book", settle=1.0)
    assert_nothing_left_running(tree)
    assert_recovers(b, out, before)


def test_two_builds_at_once(good_book):
    _, b, out, before = good_book
    first = subprocess.Popen(
        rerun_command(b, out),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        lock = out / ".lock"
        while lock.read_text().strip() != str(first.pid):  # the first holds the lock
            assert time.monotonic() < deadline and first.poll() is None
            time.sleep(0.05)
        started = time.monotonic()
        second = rerun(b, out)
        seconds = time.monotonic() - started
        assert first.poll() is None, "the first build ended before the second was tried"
        assert second.returncode == 1
        assert "Another build is running" in second.stderr
        assert str(first.pid) in second.stderr
        assert "Traceback" not in second.stderr
        assert seconds < 20, f"the second build took {seconds:.1f} s to give up"
        stdout, stderr = first.communicate(timeout=900)
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
            first.wait()
    assert first.returncode == 0, stdout + stderr
    assert snapshot(out / "html") != before
