"""Check an inventory workbook without building a book: ``make validate INVENTORY=...``.

``python -m helpers.inputs.validate PATH [--language nl|en] [--annotate OUT.xlsx]``
prints the report (file named once, grouped by column, one-line summary) and exits 0
when the workbook is read, 2 when it is refused. ``--annotate`` also writes a copy of the
workbook with every problem cell coloured and commented (never beside the original
unless asked, never over it).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from helpers.errors import InputError
from helpers.inputs.annotate import annotate_workbook
from helpers.inputs.report import console_report
from helpers.inputs.workbook import read_inventory


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.inputs.validate",
        description="Validate an inventory workbook (.xlsx) against the inventory schema.",
    )
    parser.add_argument("path", help="the inventory workbook (.xlsx)")
    parser.add_argument("--language", choices=("nl", "en"), default="nl")
    parser.add_argument("--annotate", help="write an annotated copy of the workbook here")
    args = parser.parse_args(argv)
    try:
        result = read_inventory(args.path)
        items, status, stream = result.warnings, 0, sys.stdout
    except InputError as exc:
        result, items, status, stream = exc, exc.problems + exc.warnings, 2, sys.stderr
    print(console_report(result, args.language), file=stream)
    if args.annotate and items and any(p.sheet for p in items):
        out = annotate_workbook(args.path, items, args.annotate, args.language)
        word = "Geannoteerde kopie" if args.language == "nl" else "Annotated copy"
        print(f"{word}: {out}", file=stream)
    return status


if __name__ == "__main__":
    sys.exit(main())
