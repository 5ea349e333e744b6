"""The downloads of the built book: the Excel workbook of every table and the PDF.

Run after `make book` and `make pdf` (make test runs both). A missing build or tool is a
failure that says which command to run, never a skip.
"""

import shutil
import subprocess

from helpers.paths import BOOK, BUILD, ROOT
from helpers.tools.downloads import book_tables, build_workbook

PDF = BUILD / "pdf" / "book.pdf"


def test_the_workbook_of_the_real_book_has_a_sheet_per_table():
    tables = book_tables(BOOK, ROOT / "_toc.yml")
    assert tables, "no tables found in book/generated: run `make book` first"
    workbook = build_workbook(tables)
    assert len(workbook.sheetnames) == len(tables) + 1


def test_the_pdf_holds_the_whole_book():
    assert PDF.is_file(), "no _build/pdf/book.pdf: run `make pdf` (it installs TeX as root)"
    assert PDF.read_bytes()[:5] == b"%PDF-"
    assert shutil.which("pdftotext"), "pdftotext missing: run `make pdf-deps` (poppler-utils)"
    text = subprocess.run(
        ["pdftotext", str(PDF), "-"], check=True, capture_output=True, text=True
    ).stdout
    for title in ("The inventory", "A guide for reviewers", "Reconciliation"):
        assert title in text
