"""The built book in headless Chromium with the network off (run after `make book`).

Every page of the run plan is opened; its charts must be drawn (data marks in vega's SVG,
not only an empty SVG) and as many as `browser.MINIMUM` asks. `offline_page` fails the
test on any page error, console error, blocked or failed request.
"""

import re
from pathlib import Path

import pytest
from browser import CHARTS_DRAWN, MINIMUM, offline_page, serve

HTML = Path(__file__).parents[2] / "_build" / "html"
CDN = re.compile(r"cdn\.jsdelivr|unpkg\.com")
CHART_PAGES = sorted(page for page, (charts, _) in MINIMUM.items() if charts)


@pytest.fixture(scope="module")
def book():
    if not (HTML / "index.html").is_file():
        pytest.fail("no built book in _build/html: run `make book` first (make test does)")
    with serve(HTML) as base:
        yield base


def drawn_charts(page, url: str) -> int:
    """Open ``url``, wait until every chart has drawn marks; the number of charts."""
    page.goto(url)
    page.wait_for_function(CHARTS_DRAWN, timeout=20000)
    return page.locator(".book-chart-canvas").count()


def test_no_page_loads_anything_from_a_cdn():
    pages = list(HTML.rglob("*.html"))
    assert len(pages) > len(MINIMUM)
    offending = [p for p in pages if CDN.search(p.read_text(encoding="utf-8"))]
    assert offending == []


def test_pages_with_charts_are_the_pinned_ones():
    built = {
        p.relative_to(HTML).with_suffix("").as_posix()
        for p in HTML.rglob("*.html")
        if "book-chart-canvas" in p.read_text(encoding="utf-8")
    }
    assert set(CHART_PAGES) <= built
    assert "generated/inventory" in built


@pytest.mark.parametrize("page_name", CHART_PAGES)
def test_every_chart_page_draws_its_charts(book, page_name):
    with offline_page(book) as page:
        count = drawn_charts(page, f"{book}/{page_name}.html")
        assert count >= MINIMUM[page_name][0]


def test_the_book_opens_from_disk_with_the_network_off():
    """What the README tells readers to do: open _build/html/index.html in a browser."""
    base = HTML.resolve().as_uri()
    with offline_page(base, offline=True) as page:
        page.goto(f"{base}/index.html")
        assert page.title()
        assert drawn_charts(page, f"{base}/generated/inventory.html") >= 1
        assert drawn_charts(page, f"{base}/generated/savings/cautious.html") >= 1


def test_a_missing_chart_library_is_noticed(book):
    """The checks can fail: with the vega bundle refused, charts stay undrawn and the
    refused request and the page error are reported."""
    with offline_page(book, expect_problems=True) as page:
        page.route(re.compile(r"vega-bundle\.js"), lambda route: route.abort())
        page.goto(f"{book}/generated/inventory.html")
        page.wait_for_load_state("load")
        assert not page.evaluate(CHARTS_DRAWN)
        assert page.problems["failed requests"]
        assert page.problems["page errors"]


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
