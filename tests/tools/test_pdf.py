"""The PDF's settings: A4, a title page naming both reports, captions kept with figures."""

from pathlib import Path

import yaml

from helpers.tools.pdf import pdf_config, title_page

ROOT = Path(__file__).parents[2]


def test_pdf_is_a4_with_our_title_page_and_no_xindy():
    settings = pdf_config(ROOT / "_config.yml", ROOT / "book")
    sphinx = settings["sphinx"]["config"]
    assert sphinx["latex_elements"]["papersize"] == "a4paper"
    assert sphinx["latex_use_xindy"] is False
    assert settings["latex"]["latex_engine"] == "xelatex"
    title = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["title"]
    assert title in sphinx["latex_elements"]["maketitle"]


def test_title_page_names_both_reports_and_their_years():
    page = title_page("A book")
    assert page.startswith(r"\begin{titlepage}") and page.endswith(r"\end{titlepage}")
    assert r"\textit{Collectieve preventieve interventies in de gemeente Amersfoort}" in page
    assert r"\textit{Voor het evenwicht van kwetsbare inwoners}" in page
    assert "2024" in page and "2017" in page
