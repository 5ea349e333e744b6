"""Compare two executed notebooks after the sanitizing rules nbval uses.

``python -m helpers.tools.notebook_diff A.ipynb B.ipynb`` prints a unified diff of the two
notebooks' cells and outputs after applying the regex rules of
``tests/nbval_sanitize.cfg`` (and no others); exit status 0 = same, 1 = different.
"""

from __future__ import annotations

import argparse
import configparser
import difflib
import json
import re
import sys
from pathlib import Path

import nbformat

from helpers.paths import ROOT

SANITIZE_FILE = ROOT / "tests" / "nbval_sanitize.cfg"


def sanitize_rules(path: Path = SANITIZE_FILE) -> list[tuple[re.Pattern, str]]:
    """The (regex, replacement) pairs of an nbval sanitize file, in file order."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(path, encoding="utf-8")
    return [
        (re.compile(parser[name]["regex"]), parser[name]["replace"]) for name in parser.sections()
    ]


def _clean(value, rules):
    if isinstance(value, str):
        for pattern, replacement in rules:
            value = pattern.sub(replacement, value)
        return value
    if isinstance(value, list):
        return [_clean(v, rules) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v, rules) for k, v in value.items()}
    return value


def comparable(path: Path, rules=None) -> str:
    """The notebook as sorted, indented JSON with every output string sanitized."""
    rules = sanitize_rules() if rules is None else rules
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if "outputs" in cell:
            cell["outputs"] = _clean(cell["outputs"], rules)
    return json.dumps(notebook, sort_keys=True, indent=1, ensure_ascii=False)


def diff(a: Path, b: Path, rules=None) -> str:
    """Unified diff of two notebooks after sanitizing; empty when they are the same."""
    left, right = comparable(a, rules), comparable(b, rules)
    if left == right:
        return ""
    lines = difflib.unified_diff(
        left.splitlines(), right.splitlines(), str(a), str(b), lineterm="", n=2
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.tools.notebook_diff", description=__doc__
    )
    parser.add_argument("a", type=Path)
    parser.add_argument("b", type=Path)
    args = parser.parse_args(argv)
    text = diff(args.a, args.b)
    if text:
        print(text)
        return 1
    print("same after sanitizing")
    return 0


if __name__ == "__main__":
    sys.exit(main())
