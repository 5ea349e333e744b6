"""Is Sphinx's parallel build (``-j 2``) faster for the book's HTML step, with the same output?

Builds the executed book (``book/``, after ``make book``) with ``jupyter-book build``
into fresh folders, alternating one Sphinx process (``-j 1``) and two (``-j 2``), and
compares every output file byte for byte. ``jupyter-book build`` has no ``-j`` option,
so its own command runs with ``jobs`` passed to its Sphinx call. ``-W`` is left out: with
it the ``-j 2`` build fails (see the note written with the results). Writes
``bench/sphinx-jobs.md``, which ``bench/results.md`` includes.

    .venv/bin/python bench/sphinx_jobs.py [--reps 3]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import sys
import tempfile
from pathlib import Path

from bench_measure import BenchError, Sample, measure

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "sphinx-jobs.md"
RUNNER = (
    "import functools, sys; import jupyter_book.sphinx as s; "
    "s.build_sphinx = functools.partial(s.build_sphinx, jobs=int(sys.argv[1])); "
    "from jupyter_book.cli.main import main; main(sys.argv[2:])"
)
SERIAL_READ = "does not declare if it is safe for parallel reading"


def build(jobs: int, output: Path, log: Path) -> Sample:
    command = [
        sys.executable, "-c", RUNNER, str(jobs), "build", str(REPO / "book"),
        "--config", str(REPO / "_config.yml"), "--toc", str(REPO / "_toc.yml"),
        "--path-output", str(output), "--keep-going", "-q",
    ]  # fmt: skip
    return measure(command, REPO, dict(os.environ), log)


def tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args(argv)
    if not (REPO / "book" / "generated").is_dir():
        print("no executed book: run `make book` first", file=sys.stderr)
        return 1
    load_start = os.getloadavg()
    times: dict[int, list[float]] = {1: [], 2: []}
    identical, differing = 0, []
    with tempfile.TemporaryDirectory(prefix="sphinx-jobs-") as scratch:
        log = Path(scratch) / "build.log"
        try:
            for rep in range(args.reps):
                trees = {}
                for jobs in (1, 2):
                    output = Path(scratch) / f"j{jobs}-{rep}"
                    times[jobs].append(build(jobs, output, log).seconds)
                    trees[jobs] = tree(output / "_build" / "html")
                if trees[1] == trees[2]:
                    identical += 1
                else:
                    differing += [k for k in trees[1] if trees[1][k] != trees[2].get(k)][:5]
        except BenchError as exc:
            print(f"sphinx_jobs failed: {exc}", file=sys.stderr)
            return 1
        serial_read = SERIAL_READ in log.read_text(errors="replace")
    write(times, identical, differing, serial_read, load_start, os.getloadavg())
    print(f"results: {OUT.relative_to(REPO)}")
    return 0


def write(times, identical, differing, serial_read, load_start, load_end) -> None:
    def row(jobs: int) -> str:
        t = times[jobs]
        return (
            f"| `-j {jobs}` | {len(t)} | {statistics.median(t):.1f} | {min(t):.1f}–{max(t):.1f} |"
        )

    load = ", ".join(f"{x:.1f}" for x in load_start), ", ".join(f"{x:.1f}" for x in load_end)
    lines = [
        "## Sphinx's parallel build for the HTML step (`bench/sphinx_jobs.py`)",
        "",
        f"{os.cpu_count()} cores; load average at start {load[0]}, at end {load[1]}. "
        "`jupyter-book build` of the executed book into an empty folder, one Sphinx "
        "process against two, alternating.",
        "",
        "| Sphinx | builds | median s | min–max s |",
        "|---|---:|---:|---:|",
        row(1),
        row(2),
        "",
        f"Output: {identical} of {len(times[1])} pairs byte-identical"
        + (f"; differing files: {', '.join(differing)}" if differing else "")
        + ".",
    ]
    if serial_read:
        lines.append(
            "With `-j 2` Sphinx still reads the pages one at a time: an extension that Jupyter "
            "Book adds (sphinx_multitoc_numbering) does not declare itself safe for parallel "
            "reading, so Sphinx warns and reads serially; only writing runs in two processes. "
            "That warning also fails the book's `-W` build."
        )
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
