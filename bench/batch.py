"""Batch bench: one `make compare` book over 10, 30 and 100 synthetic workbooks.

Each workbook has 50-500 rows (seeded, so runs repeat). For each batch size the compare
command runs in a fresh output folder (cold: every notebook executed) and the bench
records wall time, time per workbook and the peak memory of the process tree, then writes
``bench/batch-results.md``. Usage: ``python bench/batch.py [--sizes 10 30 100] [--jobs 2]``.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from helpers.pipeline.books import PHASE_HTML, PHASE_NOTEBOOKS  # noqa: E402
from helpers.tools.synthetic import synthetic_inventory, write_inventory_workbook  # noqa: E402

RESULTS = ROOT / "bench" / "batch-results.md"
MUNICIPALITIES = 342
TARGET_WORKBOOKS, TARGET_SECONDS = 100, 600
LINEAR_SPREAD = 1.3  # the largest extra-workbook cost at most 1.3 times the smallest


def workbooks(folder: Path, n: int, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        rows = synthetic_inventory(rng.randint(50, 500), seed=seed * 1000 + i)
        paths.append(write_inventory_workbook(rows, folder / f"gemeente-{i:03d}.xlsx", title=None))
    return paths


def compare(paths: list[Path], out: Path, jobs: int) -> tuple[float, float, float, float]:
    """Wall seconds, peak memory (MiB, largest process), notebook and HTML seconds."""
    command = [sys.executable, "-m", "helpers.pipeline", "--jobs", str(jobs), "compare",
               "--inventories", *map(str, paths), "--out", str(out)]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    started = time.monotonic()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.monotonic() - started
    if result.returncode != 0:
        raise SystemExit(result.stdout[-2000:] + result.stderr[-2000:])
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, peak, _phase(result.stderr, PHASE_NOTEBOOKS), _phase(result.stderr, PHASE_HTML)


def _phase(output: str, label: str) -> float:
    """Seconds of one phase, as the compare command reports it."""
    found = re.search(rf"{re.escape(label)} ([0-9.]+) s", output)
    return float(found.group(1)) if found else float("nan")


def report(rows: list[tuple], jobs: int) -> str:
    lines = [
        "# Batch bench: `make compare` over many synthetic workbooks",
        "",
        f"Written by `python bench/batch.py`; {os.cpu_count()} cores, `--jobs {jobs}`, cold "
        "runs (every notebook executed), synthetic workbooks of 50-500 rows. Load average "
        f"at the end: {os.getloadavg()[0]:.1f} (the machine is shared, so the figures are "
        "upper bounds for an idle one).",
        "",
        "| workbooks | rows in all | wall time | per workbook | notebooks | downloads and HTML "
        "| peak memory (largest process) | load average (1 min) at the end |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, total_rows, seconds, peak, notebooks, html, load in rows:
        lines.append(
            f"| {n} | {total_rows:,} | {seconds:.0f} s | {seconds / n:.1f} s | {notebooks:.0f} s "
            f"| {html:.0f} s | {peak:.0f} MiB | {load:.1f} |"
        )
    lines += ["", *growth(rows), ""]
    n, _, seconds, *_ = rows[-1]
    per = seconds / n
    if n >= TARGET_WORKBOOKS:
        verdict = "met" if seconds <= TARGET_SECONDS else "missed"
        lines += [
            f"Target: {TARGET_WORKBOOKS} workbooks in {TARGET_SECONDS // 60} minutes or less "
            f"on 2 cores: {verdict} ({seconds / 60:.1f} minutes).",
            "",
        ]
    lines += [
        f"At the largest batch's {per:.1f} s per workbook, all {MUNICIPALITIES} Dutch "
        f"municipalities would take about {MUNICIPALITIES * per / 60:.0f} minutes on this "
        "machine (estimate: linear growth from the measured rows; the HTML build of one "
        "huge book grows with the page count too).",
        "",
        "## Spreading the runs over machines",
        "",
        "Every workbook's page is an independent papermill run; only the comparison chapter "
        "and the HTML build need all of them. No scheduler of our own is needed to spread "
        "them: with **Dask distributed**, `execute_one` (helpers.pipeline.execute) can be "
        "submitted per run to a `distributed.Client` instead of the local process pool, "
        "each worker writing its executed page to a shared folder, after which one machine "
        "runs the comparison notebook and `jupyter-book build`. With a **CI matrix** (GitHub "
        "Actions `strategy.matrix`, GitLab `parallel:matrix`), each job runs `make rerun` "
        "on a slice of the workbooks and uploads its executed pages as artifacts; a final "
        "job downloads them and runs `make compare`, whose cache keys make it skip every "
        "page whose inputs did not change.",
        "",
    ]
    return "\n".join(lines)


def growth(rows: list[tuple]) -> list[str]:
    """Say whether the time grows linearly: the cost of each extra workbook, size to size."""
    if len(rows) < 2:
        return ["One batch size only: no statement on growth."]
    slopes = [
        (b[2] - a[2]) / (b[0] - a[0]) for a, b in zip(rows, rows[1:], strict=False) if b[0] > a[0]
    ]
    spread = max(slopes) / min(slopes) if min(slopes) > 0 else float("inf")
    steps = ", ".join(f"{s:.1f} s" for s in slopes)
    shape = (
        "linear (each extra workbook costs about the same)"
        if spread <= LINEAR_SPREAD
        else "not linear (the cost of an extra workbook changes with the batch size)"
    )
    return [f"Time per extra workbook between the batch sizes: {steps}; growth is {shape}."]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 30, 100])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="batch-") as scratch:
        scratch = Path(scratch)
        for n in args.sizes:
            folder = scratch / f"in-{n}"
            folder.mkdir()
            paths = workbooks(folder, n)
            total = sum(_rows(p) for p in paths)
            seconds, peak, notebooks, html = compare(paths, scratch / f"out-{n}", args.jobs)
            rows.append((n, total, seconds, peak, notebooks, html, os.getloadavg()[0]))
            print(f"{n} workbooks: {seconds:.0f} s, {seconds / n:.1f} s each, {peak:.0f} MiB")
            RESULTS.write_text(report(rows, args.jobs), encoding="utf-8")  # after each size
    print(f"written: {RESULTS.relative_to(ROOT)}")
    return 0


def _rows(path: Path) -> int:
    from openpyxl import load_workbook

    sheet = load_workbook(path, read_only=True).worksheets[0]
    return max(0, (sheet.max_row or 1) - 1)


if __name__ == "__main__":
    raise SystemExit(main())
