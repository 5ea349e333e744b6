"""The comparison page and the case pages in the built book (after `make book`)."""

from __future__ import annotations

import csv
import html

import pytest

from helpers.paths import AMERSFOORT, ROOT


def read_csv(name: str) -> list[dict]:
    with (AMERSFOORT / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def built_html():
    folder = ROOT / "_build" / "html"
    if not (folder / "index.html").is_file():
        pytest.fail("no built book in _build/html: run `make book` first (make test does)")
    return folder


def test_every_case_id_has_a_page_in_the_built_book():
    pages = built_html() / "generated" / "case-studies"
    for row in read_csv("case_studies.csv"):
        page = pages / f"{int(row['annex_number']):02d}-{row['case_id']}.html"
        assert page.is_file(), f"no page for case {row['case_id']}: {page}"
        assert html.escape(row["name"], quote=False) in page.read_text(encoding="utf-8")
    assert len(list(pages.glob("*.html"))) == len(read_csv("case_studies.csv"))


def test_the_comparison_page_is_built():
    page = built_html() / "generated" / "case-comparison.html"
    assert page.is_file()
    text = page.read_text(encoding="utf-8")
    assert "Comparing the twelve interventions" in text
    assert "not a measurement" in text
