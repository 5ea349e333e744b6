"""Numbers keep their "%" and "€" on the same line, on a phone, in text and in tables.

Run after `make book`. The formatted strings are left as they are ("36.5 %", "€ 1.120"):
`book/_static/book-numbers.js` wraps each pair in a span that does not wrap, so the page
text the tests and the ledger read is unchanged.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import offline_page, serve

HTML = Path(__file__).parents[2] / "_build" / "html"
PHONE = 375
PAGES = (
    "generated/inventory.html",
    "generated/reconciliation.html",
    "generated/savings/cautious.html",
)
# Text nodes outside the wrapping spans that still hold a breakable number-sign pair, and the
# spans that the browser laid out on more than one line.
CHECK = r"""() => {
  const pair = /\d\s%|€\s\d/;
  const article = document.querySelector('.bd-article');
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  const loose = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const skipped = node.parentElement.closest('.book-nowrap, script, style, svg, code, pre');
    if (pair.test(node.nodeValue) && !skipped) loose.push(node.nodeValue.trim().slice(0, 60));
  }
  const spans = [...document.querySelectorAll('.book-nowrap')];
  const broken = spans.filter(s => s.getClientRects().length > 1).map(s => s.textContent);
  return {loose, broken, spans: spans.length,
          nowrap: spans.length ? getComputedStyle(spans[0]).whiteSpace : ''};
}"""


@pytest.fixture(scope="module")
def book():
    if not (HTML / "index.html").is_file():
        pytest.fail("no built book in _build/html: run `make book` first (make test does)")
    with serve(HTML) as base:
        yield base


def test_numbers_and_their_signs_stay_together_on_a_phone(book):
    found = {}
    with offline_page(book) as page:
        page.set_viewport_size({"width": PHONE, "height": 800})
        for path in PAGES:
            page.goto(f"{book}/{path}")
            page.wait_for_load_state("load")
            found[path] = page.evaluate(CHECK)
            width = page.evaluate("() => document.documentElement.scrollWidth")
            assert width <= PHONE, (path, width)  # wide tables scroll inside their own box
    assert all(result["spans"] > 0 for result in found.values()), found
    assert {p: r["nowrap"] for p, r in found.items()} == dict.fromkeys(PAGES, "nowrap")
    assert {p: r["loose"] for p, r in found.items() if r["loose"]} == {}
    assert {p: r["broken"] for p, r in found.items() if r["broken"]} == {}
