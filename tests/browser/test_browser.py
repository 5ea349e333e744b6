"""The built book in headless Chromium with the network off (run after `make book`)."""

import re
from pathlib import Path

import pytest
from browser import offline_page, serve

HTML = Path(__file__).parents[2] / "_build" / "html"
CDN = re.compile(r"cdn\.jsdelivr|unpkg\.com")


@pytest.fixture(scope="module")
def book():
    if not (HTML / "index.html").is_file():
        pytest.fail("no built book in _build/html: run `make book` first (make test does)")
    with serve(HTML) as base:
        yield base


def chart_pages() -> list[str]:
    pages = sorted(HTML.rglob("*.html"))
    return [p.relative_to(HTML).as_posix() for p in pages if "book-chart" in p.read_text()]


def test_no_page_loads_anything_from_a_cdn():
    offending = [p for p in HTML.rglob("*.html") if CDN.search(p.read_text(encoding="utf-8"))]
    assert offending == []


def test_there_are_chart_pages():
    assert "generated/inventory.html" in chart_pages()


def test_every_chart_page_renders_its_charts(book):
    with offline_page(book) as page:
        for page_path in chart_pages():
            page.goto(f"{book}/{page_path}")
            page.wait_for_function(
                "() => [...document.querySelectorAll('.book-chart-canvas')]"
                ".every(el => el.classList.contains('vega-embed') && el.querySelector('svg'))",
                timeout=15000,
            )
        assert page.errors == [], page.errors
        assert page.blocked == [], page.blocked


def test_parameter_cells_are_not_shown(book):
    text = (HTML / "generated" / "inventory.html").read_text(encoding="utf-8")
    assert "inventory_path =" not in text
    assert "published_report =" not in text


def test_case_pages_have_distinct_titles():
    titles = []
    for page in sorted((HTML / "generated" / "case-studies").glob("*.html")):
        titles.append(re.search(r"<title>(.*?)</title>", page.read_text(encoding="utf-8")).group(1))
    assert len(titles) == 12
    assert len(set(titles)) == 12
