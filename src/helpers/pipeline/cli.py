"""Command line of the pipeline: ``python -m helpers.pipeline book|rerun|compare``.

User mistakes and failed notebooks end with a message and a non-zero exit, never a
traceback. ``make rerun`` and ``make compare`` hand their values over in the environment
(``RERUN_INVENTORY``, ``RERUN_MUNICIPALITY``, ...) with ``--from-env``: no shell ever reads
them, so spaces, quotes, apostrophes, accents, ``$`` and backticks arrive unchanged.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
import time
from pathlib import Path

from helpers.errors import InputError
from helpers.inputs.report import console_report
from helpers.page.i18n import language_code
from helpers.pipeline.books import compare_book, main_book, rerun_book
from helpers.pipeline.build import BuildError
from helpers.pipeline.execute import RunFailed
from helpers.pipeline.plan import PlanError

ENV = "RERUN_"  # prefix of the variables the Makefile passes


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
    rerun.add_argument("--inventory", type=Path)
    rerun.add_argument("--municipality", default="")
    rerun.add_argument("--year", default=None)
    compare = commands.add_parser("compare", help="one book over several inventory workbooks")
    compare.add_argument("--inventories", nargs="*", type=Path, default=[])
    for sub in (rerun, compare):
        sub.add_argument("--out", type=Path, default=None)
        sub.add_argument("--language", default=None, help="en (default) or nl")
        sub.add_argument(
            "--from-env", action="store_true", help=f"read unset options from {ENV}* variables"
        )
    return parser.parse_args(argv)


def from_environment(args: argparse.Namespace, environ=os.environ) -> argparse.Namespace:
    """Fill options the command line left unset from the ``RERUN_*`` variables, verbatim.

    ``RERUN_INVENTORIES`` is split like a shell word list (quotes group a name with
    spaces) by `shlex`, which only splits: nothing is expanded or run.
    """

    def value(name: str) -> str:
        return environ.get(ENV + name, "")

    if args.command == "rerun":
        args.inventory = args.inventory or (
            Path(value("INVENTORY")) if value("INVENTORY") else None
        )
        args.municipality = args.municipality or value("MUNICIPALITY")
        args.year = args.year or value("YEAR") or None
    else:
        args.inventories = args.inventories or [Path(p) for p in shlex.split(value("INVENTORIES"))]
    args.out = args.out or (Path(value("OUT")) if value("OUT") else None)
    args.language = args.language or value("LANGUAGE")
    return args


def _year(text) -> int | None:
    if text in (None, ""):
        return None
    if not str(text).strip().isdigit():
        raise UsageError(f"YEAR must be a year such as 2025, got {text!r}")
    return int(text)


class UsageError(Exception):
    """The command was called without what it needs."""


def run(args: argparse.Namespace) -> Path:
    if args.command == "book":
        return main_book(jobs=args.jobs, force=args.force, only=args.only)
    language = language_code(args.language)
    if args.command == "rerun":
        if not args.inventory:
            raise UsageError("usage: make rerun INVENTORY=file.xlsx [MUNICIPALITY=Name] "
                             "[YEAR=2025] [OUT=dir] [LANGUAGE=nl]")  # fmt: skip
        return rerun_book(
            args.inventory, args.municipality, _year(args.year), args.out, args.jobs,
            args.force, language,
        )  # fmt: skip
    if not args.inventories:
        raise UsageError('usage: make compare INVENTORIES="a.xlsx b.xlsx" [OUT=dir] [LANGUAGE=nl]')
    return compare_book(args.inventories, args.out, args.jobs, args.force, language)


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    if args.command != "book" and args.from_env:
        args = from_environment(args)
    started = time.monotonic()
    try:
        target = run(args)
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return 2
    except (PlanError, RunFailed, BuildError) as exc:
        print(f"\n{exc}", file=sys.stderr)
        return 1
    except InputError as exc:
        report = console_report(exc, language_code(getattr(args, "language", None)))
        print(f"\n{report}\nNothing was built.", file=sys.stderr)
        return 2
    print(f"Book ready: {target} ({time.monotonic() - started:.1f} s)")
    return 0
