"""An annotated copy of a workbook: problem cells coloured, a comment on each.

The original is never touched: it is opened read-only and the copy is written to a
temporary file beside the target, then moved in. openpyxl rewrites the copy, so charts
and images of the original are not kept in it (the values, formulas and styles are).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from helpers.errors import Problem

FILLS = {
    "error": PatternFill("solid", fgColor="F4B6B6"),  # light red: refused
    "warning": PatternFill("solid", fgColor="FFE699"),  # light yellow: read with a notice
}


def annotate_workbook(
    source: str | Path, items: Iterable[Problem], target: str | Path, language: str = "nl"
) -> Path:
    """Write a copy of ``source`` to ``target`` with every located item marked."""
    source, target = Path(source), Path(target)
    if target.resolve() == source.resolve():
        raise ValueError("the annotated copy must not overwrite the original")
    with open(source, "rb") as fh:
        wb = load_workbook(fh)
    comments: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for item in items:
        if item.sheet not in wb.sheetnames or item.row is None:
            continue
        ref = f"{item.column_letter or 'A'}{item.row}"
        comments.setdefault((item.sheet, ref), []).append((item.severity, item.text(language)))
    for (sheet, ref), notes in comments.items():
        cell = wb[sheet][ref]
        worst = "error" if any(s == "error" for s, _ in notes) else "warning"
        cell.fill = FILLS[worst]
        comment = Comment("\n".join(text for _, text in notes), "validatie")
        comment.width, comment.height = 300, 60 + 40 * len(notes)
        cell.comment = comment
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
