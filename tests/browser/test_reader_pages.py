"""The "Must show" rules of issue 12 on the built book (run after `make book`).

Reader pages are every page except the reconciliation chapter and the reviewers' guide
(and Sphinx's index and search pages). On them: no snake_case code or figure id in the
visible text (collapsed parts aside), no table whose numbers are all zero, no number
printed like 674107.0. Every generated chapter and case page opens with "Key findings".
Every chart's legend and labels stay inside the chart, on a wide and on a phone screen.
The rules are in ``tests/reader_rules.py`` and tested in ``tests/page/``.
"""

from pathlib import Path

import pytest
from browser import offline_page, serve
from reader_rules import (
    code_tokens,
    key_findings_problem,
    outside,
    raw_floats,
    visible_text,
    zero_tables,
)

from helpers.inputs.figures import load_figures
from helpers.paths import DATA

HTML = Path(__file__).parents[2] / "_build" / "html"
NOT_PAGES = ("_static/", "_sources/", "_downloads/", "_images/")
NOT_FOR_READERS = {
    "generated/reconciliation.html",
    "reviewers-guide.html",
    "genindex.html",
    "search.html",
}
WIDTHS = (1280, 375)
CHART_TEXTS = """() => [...document.querySelectorAll('.book-chart-canvas')].map(canvas => {
  const svg = canvas.querySelector('svg');
  const box = r => ({x: r.x, y: r.y, width: r.width, height: r.height});
  const figure = canvas.closest('figure');
  const caption = figure && figure.querySelector('figcaption');
  return {
    caption: caption ? caption.textContent.trim().slice(0, 70) : canvas.id,
    frame: box(svg.getBoundingClientRect()),
    texts: [...svg.querySelectorAll('text')]
      .map(t => ({text: t.textContent.trim(), ...box(t.getBoundingClientRect())}))
      .filter(t => t.text && (t.width || t.height)),
  };
})"""


def pages() -> list[str]:
    found = (p.relative_to(HTML).as_posix() for p in sorted(HTML.rglob("*.html")))
    return [p for p in found if not p.startswith(NOT_PAGES)]


def reader_pages() -> list[str]:
    return [p for p in pages() if p not in NOT_FOR_READERS]


def generated_pages() -> list[str]:
    return [p for p in pages() if p.startswith("generated/")]


def read(path: str) -> str:
    return (HTML / path).read_text(encoding="utf-8")


def test_the_book_is_built():
    assert (HTML / "index.html").is_file(), "no built book: run `make book` (make test does)"
    assert len(generated_pages()) >= 12 + 5


@pytest.mark.parametrize("path", reader_pages())
def test_no_code_or_figure_id_in_visible_text(path):
    tokens = code_tokens(visible_text(read(path)))
    ids = set(load_figures(DATA)["figure_id"])
    figure_ids = [t for t in tokens if t in ids]
    assert not tokens, (
        f"{len(tokens)} visible code tokens ({len(figure_ids)} figure ids): "
        f"{', '.join(sorted(set(tokens))[:25])}"
    )


@pytest.mark.parametrize("path", generated_pages())
def test_generated_page_opens_with_key_findings(path):
    assert key_findings_problem(read(path)) is None, key_findings_problem(read(path))


@pytest.mark.parametrize("path", reader_pages())
def test_no_table_of_zeros(path):
    assert zero_tables(read(path)) == []


@pytest.mark.parametrize("path", reader_pages())
def test_no_number_printed_as_a_float(path):
    assert raw_floats(read(path)) == []


def test_chart_legends_and_labels_stay_inside_their_chart():
    chart_pages = [p for p in pages() if "book-chart" in read(p)]
    assert chart_pages, "no page with a chart"
    problems = []
    with serve(HTML) as base, offline_page(base) as page:
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            for path in chart_pages:
                page.goto(f"{base}/{path}")
                page.wait_for_function(
                    "() => [...document.querySelectorAll('.book-chart-canvas')]"
                    ".every(el => el.classList.contains('vega-embed') && el.querySelector('svg'))",
                    timeout=15000,
                )
                for chart in page.evaluate(CHART_TEXTS):
                    for text in chart["texts"]:
                        if outside(text, chart["frame"]) or text["text"].endswith("…"):
                            problems.append(
                                f"{path} @{width}px, {chart['caption']!r}: {text['text']!r}"
                            )
    assert not problems, f"{len(problems)} clipped or cut labels:\n" + "\n".join(problems[:40])
