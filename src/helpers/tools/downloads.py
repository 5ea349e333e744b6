"""The Excel download: every table of the book in one workbook, in page order.

`helpers.page.tables.show_table` puts each table's data and caption into its output under
`helpers.page.tables.TABLE_MIME`. After the notebooks are executed, the pipeline calls
`write_tables_workbook`, which reads those outputs from the executed pages in table-of-
contents order and writes ``book/_static/downloads/tables.xlsx``:

* one sheet per table, named after its page and number (unique, at most 31 characters,
  none of the characters Excel forbids);
* a ``Sources`` sheet first: sheet name, page, caption;
* every text cell is written as text (``data_type = "s"``), so a title such as
  ``=HYPERLINK(...)`` or ``+31...`` never becomes a formula.

The workbook is rewritten only when its content changes (a digest of the tables is
stored in the workbook's properties), so an unchanged book keeps an unchanged file.
"""

from __future__ import annotations

import glob
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
import yaml
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font

from helpers.page.tables import TABLE_MIME
from helpers.tools.reproducible_xlsx import save_workbook

DOWNLOADS = Path("_static") / "downloads"
WORKBOOK_NAME = "tables.xlsx"
SOURCES_SHEET = "Sources"
MAX_SHEET = 31
FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class BookTable:
    """One table of the book: the page it is on, its caption, columns and rows."""

    page: str
    caption: str
    columns: list[str]
    rows: list[list]


def toc_pages(toc: Path, book_dir: Path) -> list[str]:
    """Pages of a Jupyter Book table of contents, in reading order (globs expanded)."""
    spec = yaml.safe_load(Path(toc).read_text(encoding="utf-8")) or {}
    pages: list[str] = []

    def add(entries) -> None:
        for entry in entries or []:
            if "file" in entry:
                pages.append(str(Path(entry["file"]).with_suffix("")))
            if "glob" in entry:
                found = sorted(glob.glob(str(Path(book_dir) / entry["glob"])))
                pages.extend(
                    Path(f).relative_to(book_dir).with_suffix("").as_posix() for f in found
                )
            add(entry.get("sections"))
            add(entry.get("chapters"))

    if "root" in spec:
        pages.append(str(Path(spec["root"]).with_suffix("")))
    add(spec.get("parts"))
    add(spec.get("chapters"))
    return list(dict.fromkeys(pages))


def notebook_tables(path: Path, page: str) -> list[BookTable]:
    """The tables `show_table` emitted in one executed notebook, in output order."""
    notebook = nbformat.read(path, as_version=4)
    tables = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            payload = output.get("data", {}).get(TABLE_MIME)
            if payload is None:
                continue
            if isinstance(payload, str):
                payload = json.loads(payload)
            tables.append(
                BookTable(page, payload["caption"], list(payload["columns"]), payload["data"])
            )
    return tables


def book_tables(book_dir: Path, toc: Path) -> list[BookTable]:
    """Every table of the book's executed notebooks, in page order."""
    book_dir = Path(book_dir)
    tables = []
    for page in toc_pages(toc, book_dir):
        path = book_dir / f"{page}.ipynb"
        if path.is_file():
            tables += notebook_tables(path, page)
    return tables


def sheet_names(tables: list[BookTable]) -> list[str]:
    """A unique, valid Excel sheet name per table: '<page> <n>', at most 31 characters."""
    names: list[str] = []
    taken = {SOURCES_SHEET.casefold()}
    counters: dict[str, int] = {}
    for table in tables:
        stem = FORBIDDEN.sub("-", Path(table.page).name).strip("'") or "table"
        counters[stem] = counters.get(stem, 0) + 1
        number = counters[stem]
        while True:
            suffix = f" {number}"
            name = stem[: MAX_SHEET - len(suffix)].rstrip() + suffix
            if name.casefold() not in taken:
                break
            number += 1
        taken.add(name.casefold())
        names.append(name)
    return names


def _write_cell(sheet, row: int, column: int, value) -> Cell:
    """Write one value; text is always stored as text, never parsed as a formula."""
    cell = sheet.cell(row=row, column=column)
    if value is None:
        return cell
    if isinstance(value, bool) or not isinstance(value, int | float):
        value = str(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would make '=...' a formula
    return cell


def digest(tables: list[BookTable]) -> str:
    """A fingerprint of the tables' content (pages, captions, columns, cells)."""
    payload = json.dumps(
        [[t.page, t.caption, t.columns, t.rows] for t in tables], sort_keys=True, default=str
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def build_workbook(tables: list[BookTable]) -> Workbook:
    """The workbook: a Sources sheet, then one sheet per table."""
    workbook = Workbook()
    sources = workbook.active
    sources.title = SOURCES_SHEET
    bold = Font(bold=True)
    for column, header in enumerate(("sheet", "page", "caption"), start=1):
        _write_cell(sources, 1, column, header).font = bold
    for row, (name, table) in enumerate(zip(sheet_names(tables), tables, strict=True), start=2):
        for column, value in enumerate((name, table.page, table.caption), start=1):
            _write_cell(sources, row, column, value)
        sheet = workbook.create_sheet(name)
        _write_cell(sheet, 1, 1, table.caption).font = Font(italic=True)
        for column, header in enumerate(table.columns, start=1):
            _write_cell(sheet, 2, column, header).font = bold
        for r, values in enumerate(table.rows, start=3):
            for c, value in enumerate(values, start=1):
                _write_cell(sheet, r, c, value)
        sheet.freeze_panes = "A3"
    sources.column_dimensions["A"].width = 32
    sources.column_dimensions["B"].width = 40
    sources.column_dimensions["C"].width = 100
    for row in sources.iter_rows(min_row=2):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")
    workbook.properties.creator = "prevention-book pipeline"
    return workbook


def _stored_digest(path: Path) -> str | None:
    try:
        return load_workbook(path, read_only=True).properties.identifier
    except Exception:  # a missing or broken file is simply rewritten
        return None


def write_tables_workbook(book_dir: Path, toc: Path, target: Path | None = None) -> Path:
    """Collect every table of the executed book and write the Excel download."""
    book_dir = Path(book_dir)
    target = Path(target) if target else book_dir / DOWNLOADS / WORKBOOK_NAME
    tables = book_tables(book_dir, toc)
    fingerprint = digest(tables)
    if target.is_file() and _stored_digest(target) == fingerprint:
        return target
    workbook = build_workbook(tables)
    workbook.properties.identifier = fingerprint
    return save_workbook(workbook, target)


def main(argv: list[str] | None = None) -> int:
    from helpers.paths import BOOK, ROOT

    print(write_tables_workbook(BOOK, ROOT / "_toc.yml"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
