"""Command line of the pipeline: ``python -m helpers.pipeline book|rerun``.

User mistakes and failed notebooks end with a message and a non-zero exit, never a
traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from helpers.errors import InputError
from helpers.pipeline.books import main_book, rerun_book
from helpers.pipeline.build import BuildError
from helpers.pipeline.execute import RunFailed
from helpers.pipeline.plan import PlanError


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m helpers.pipeline", description=__doc__)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parallel runs")
    parser.add_argument("--force", action="store_true", help="re-execute every notebook")
    commands = parser.add_subparsers(dest="command", required=True)
    book = commands.add_parser("book", help="build the Amersfoort book into _build/html")
    book.add_argument(
        "--only", metavar="PATTERN", help="execute only runs whose name matches; no HTML build"
    )
    rerun = commands.add_parser("rerun", help="build a book for another inventory workbook")
    rerun.add_argument("--inventory", required=True, type=Path)
    rerun.add_argument("--municipality", default="")
    rerun.add_argument("--year", type=int, default=None)
    rerun.add_argument("--out", type=Path, default=None)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    started = time.monotonic()
    try:
        if args.command == "book":
            target = main_book(jobs=args.jobs, force=args.force, only=args.only)
        else:
            target = rerun_book(
                args.inventory, args.municipality, args.year, args.out, args.jobs, args.force
            )
    except (PlanError, RunFailed, BuildError) as exc:
        print(f"\n{exc}", file=sys.stderr)
        return 1
    except InputError as exc:
        print(f"\n{exc}\nNothing was built.", file=sys.stderr)
        return 2
    print(f"Book ready: {target} ({time.monotonic() - started:.1f} s)")
    return 0
