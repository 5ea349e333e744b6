"""What the values alone do not show: formulas, merged cells, hidden and struck-through rows.

openpyxl's read-only mode streams values only, so one quick pass over the sheet's XML
finds the marks an office uses: cells merged over several rows (their value sits only in
the first), rows hidden in Excel, and titles struck through (how "stopped" is marked).
A formula without a saved result needs a second, formula-keeping pass, made only when
the XML contains a formula at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import column_index_from_string, range_boundaries

_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell ref="([A-Z]+\d+:[A-Z]+\d+)"')
_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_CELL = re.compile(rb'<(?:\w+:)?c r="([A-Z]+)(\d+)"([^>]*)>')
_STYLE = re.compile(rb'\bs="(\d+)"')


@dataclass
class SheetMarks:
    """Formulas, merged ranges, hidden rows and struck-through cells of one sheet."""

    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # min/max col/row
    hidden_rows: set[int] = field(default_factory=set)
    struck: set[tuple[int, int]] = field(default_factory=set)  # (row, 0-based column)


def _struck_styles(wb) -> set[bytes]:
    """Cell-style ids whose font is struck through."""
    fonts = getattr(wb, "_fonts", [])
    struck_fonts = {i for i, font in enumerate(fonts) if getattr(font, "strike", False)}
    styles = getattr(wb, "_cell_styles", [])
    return {str(i).encode() for i, xf in enumerate(styles) if xf.fontId in struck_fonts}


def scan_sheet(source: Path, wb, ws, header_row: int, indices: list[int]) -> SheetMarks:
    """The marks of the data rows below ``header_row`` in the read columns ``indices``."""
    marks = SheetMarks()
    path = getattr(ws, "_worksheet_path", None)
    if path is None:
        return marks
    data = wb._archive.read(path)  # noqa: SLF001 - openpyxl keeps the zip here
    wanted = set(indices)
    for ref in _MERGE.findall(data):
        min_col, min_row, max_col, max_row = range_boundaries(ref.decode())
        if max_row > min_row and max_row > header_row:
            marks.merged.append((min_col, min_row, max_col, max_row))
    if _HIDDEN.search(data):
        for attrs in _ROW.findall(data):
            number = _ROW_NUMBER.search(attrs)
            if number and _HIDDEN.search(attrs) and int(number.group(1)) > header_row:
                marks.hidden_rows.add(int(number.group(1)))
    struck = _struck_styles(wb)
    if struck:
        for letter, row, attrs in _CELL.findall(data):
            style = _STYLE.search(attrs)
            col = column_index_from_string(letter.decode()) - 1
            if style and style.group(1) in struck and col in wanted and int(row) > header_row:
                marks.struck.add((int(row), col))
    if _FORMULA_TAG.search(data):
        marks.formulas = _formula_cells(source, ws.title, header_row, wanted)
    return marks


def _formula_cells(
    source: Path, title: str, header_row: int, wanted: set[int]
) -> dict[tuple[int, int], str]:
    """(row, 0-based column) -> formula, for formula cells of the read columns."""
    import openpyxl

    found: dict[tuple[int, int], str] = {}
    with open(source, "rb") as fh:
        wb2 = openpyxl.load_workbook(fh, read_only=True, data_only=False)
        try:
            sheet = wb2[title]
            sheet.reset_dimensions()
            for row in sheet.iter_rows(min_row=header_row + 1):
                for cell in row:
                    if getattr(cell, "data_type", None) == "f" and cell.column - 1 in wanted:
                        found[(cell.row, cell.column - 1)] = str(cell.value)
        finally:
            wb2.close()
    return found
