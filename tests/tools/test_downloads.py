"""The Excel download of every table: content, sheet names, text stays text, no personal data."""

import json
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from openpyxl import load_workbook

from helpers.page.tables import TABLE_MIME, show_table
from helpers.paths import BOOK, ROOT
from helpers.tools.downloads import (
    SOURCES_SHEET,
    BookTable,
    book_tables,
    sheet_names,
    toc_pages,
    write_tables_workbook,
)

HOSTILE = ['=HYPERLINK("http://evil.example","click")', "+31 33 469 0000", "-2+3", "@SUM(A1)"]


def captured_tables(monkeypatch, frames_and_captions):
    """Outputs of show_table, as the kernel would store them."""
    outputs = []
    monkeypatch.setattr("helpers.page.tables.display", lambda bundle, raw: outputs.append(bundle))
    for frame, caption in frames_and_captions:
        show_table(frame, caption)
    return outputs


def write_notebook(path, outputs):
    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("show_table(...)")
    cell.outputs = [nbformat.v4.new_output("display_data", data=o) for o in outputs]
    notebook.cells = [cell]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)


def test_show_table_emits_data_and_caption(monkeypatch):
    frame = pd.DataFrame({"title": ["A", None], "n": [1, 2.5], "groups": [("0-4", "4-12"), ()]})
    (bundle,) = captured_tables(monkeypatch, [(frame, "Counts; computed from data/x.csv.")])
    payload = bundle[TABLE_MIME]
    assert payload["caption"] == "Counts; computed from data/x.csv."
    assert payload["columns"] == ["title", "n", "groups"]
    assert payload["data"] == [["A", 1, "0-4; 4-12"], [None, 2.5, ""]]
    json.dumps(payload, allow_nan=False)
    assert "text/html" in bundle and "text/plain" in bundle


def test_sheet_names_are_unique_valid_and_short():
    tables = [BookTable(p, "c", ["a"], []) for p in ["generated/x", "generated/x", "a/b:c*?[]" * 6]]
    tables += [BookTable("generated/sources", "c", ["a"], [])] * 2
    names = sheet_names(tables)
    assert len({n.casefold() for n in names} | {SOURCES_SHEET.casefold()}) == len(names) + 1
    for name in names:
        assert 0 < len(name) <= 31
        assert not set(name) & set("[]:*?/\\")
    assert names[:2] == ["x 1", "x 2"]


@pytest.fixture
def book(tmp_path, monkeypatch):
    """A two-page book whose tables include hostile text."""
    first = pd.DataFrame({"title": HOSTILE, "n": [1, 2, 3, 4]})
    second = pd.DataFrame({"figure": ["x"], "value": [0.917]})
    write_notebook(
        tmp_path / "generated" / "b.ipynb",
        captured_tables(monkeypatch, [(second, "=Second; computed from data/y.csv.")]),
    )
    write_notebook(
        tmp_path / "generated" / "a.ipynb",
        captured_tables(monkeypatch, [(first, "Titles; computed from data/x.xlsx.")]),
    )
    toc = tmp_path / "_toc.yml"
    toc.write_text(
        "format: jb-book\nroot: index\nparts:\n  - caption: P\n    chapters:\n"
        "      - file: generated/b\n      - file: generated/a\n"
    )
    return tmp_path, toc, {"b": second, "a": first}


def test_workbook_holds_every_table_in_page_order_and_reads_back(book):
    root, toc, frames = book
    path = write_tables_workbook(root, toc, root / "out.xlsx")
    workbook = load_workbook(path)
    assert workbook.sheetnames == [SOURCES_SHEET, "b 1", "a 1"]
    sources = list(workbook[SOURCES_SHEET].iter_rows(values_only=True))
    assert sources[1] == ("b 1", "generated/b", "=Second; computed from data/y.csv.")
    for sheet, key in (("b 1", "b"), ("a 1", "a")):
        rows = list(workbook[sheet].iter_rows(values_only=True))
        assert list(rows[1]) == list(frames[key].columns)
        assert [list(r) for r in rows[2:]] == frames[key].values.tolist()


def test_hostile_text_reads_back_as_text_never_a_formula(book):
    root, toc, _ = book
    path = write_tables_workbook(root, toc, root / "out.xlsx")
    workbook = load_workbook(path)  # not data_only: a formula would show as a formula
    cells = [c for ws in workbook.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    titles = [c.value for c in workbook["a 1"]["A"][2:]]
    assert titles == HOSTILE
    assert workbook["b 1"]["A1"].value.startswith("=Second")


def test_unchanged_tables_leave_the_file_untouched(book):
    root, toc, _ = book
    path = write_tables_workbook(root, toc, root / "out.xlsx")
    before = path.read_bytes()
    write_tables_workbook(root, toc, path)
    assert path.read_bytes() == before


def test_the_same_tables_written_afresh_give_the_same_bytes(book):
    root, toc, _ = book
    first = write_tables_workbook(root, toc, root / "first.xlsx").read_bytes()
    time.sleep(1.1)  # a save stamped with the clock would now differ
    assert write_tables_workbook(root, toc, root / "second.xlsx").read_bytes() == first


def test_toc_pages_follow_the_book(tmp_path):
    pages = toc_pages(ROOT / "_toc.yml", BOOK)
    assert pages[0] == "index"
    assert pages.index("generated/inventory") < pages.index("generated/reconciliation")


def test_personal_data_never_reaches_the_download(tmp_path):
    """A contact person planted in a workbook is absent from the executed page and the xlsx."""
    from helpers.tools.synthetic import synthetic_inventory, write_inventory_workbook

    planted = "Planted Contactname Xq"
    rows = synthetic_inventory(8, seed=7)
    for row in rows:
        row["contact_person"] = planted
    rows[0]["title"] = HOSTILE[3]  # (a cell starting with "=" would be a formula: refused)
    workbook = write_inventory_workbook(rows, tmp_path / "planted.xlsx")
    page = tmp_path / "book" / "generated" / "inventory.ipynb"
    page.parent.mkdir(parents=True)
    subprocess.run(
        [sys.executable, "-m", "papermill", str(ROOT / "notebooks" / "01_inventory.ipynb"),
         str(page), "-k", "prevention-book", "--cwd", str(ROOT), "--no-progress-bar",
         "-p", "inventory_path", str(workbook), "-p", "municipality", "Planted",
         "-p", "published_report", ""],
        check=True, capture_output=True,
    )  # fmt: skip
    assert planted not in page.read_text(encoding="utf-8")
    toc = tmp_path / "_toc.yml"
    toc.write_text("format: jb-book\nroot: generated/inventory\n")
    tables = book_tables(tmp_path / "book", toc)
    assert tables, "the inventory page emitted no tables"
    path = write_tables_workbook(tmp_path / "book", toc, tmp_path / "tables.xlsx")
    values = [
        str(c.value)
        for ws in load_workbook(path).worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    ]
    assert not [v for v in values if planted in v]
    assert HOSTILE[3] in values  # the hostile title arrived, as text


def test_pdf_config_uses_xelatex_without_extra_tex_packages():
    from helpers.tools.pdf import pdf_config

    settings = pdf_config(ROOT / "_config.yml", BOOK)
    assert settings["latex"]["latex_engine"] == "xelatex"
    assert settings["latex"]["use_jupyterbook_latex"] is False
    assert settings["sphinx"]["config"]["latex_use_xindy"] is False
    assert all(Path(b).is_absolute() and Path(b).is_file() for b in settings["bibtex_bibfiles"])
