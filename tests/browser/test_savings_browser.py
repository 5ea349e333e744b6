"""The savings explorer works in the built book, offline: a slider moves the break-even line.

Run after `make book`. Selectors this test relies on:

- `.book-chart-canvas`: the element `helpers.page.charts.show` renders each chart into.
- `g[class~="case1_breakeven_marks"] line`: the break-even rule of the first explorer
  chart. Vega's SVG renderer gives each mark group the class `<name>_marks`, and
  `helpers.chapters.savings.explorer_chart` names the rule layer `<key>_breakeven` with
  `key = "case<n>"` (n = position of the intervention in the page's list).
- `input[type=range][name="case1_avoided"]`: vega-embed's slider for the parameter
  `case1_avoided` (avoided cost per success); vega listens to its `input` event.
"""

from pathlib import Path

import pytest
from browser import offline_page, serve

HTML = Path(__file__).parents[2] / "_build" / "html"
PAGE = "generated/savings/cautious.html"
RULE = 'g[class~="case1_breakeven_marks"] line'
SLIDER = 'input[type=range][name="case1_avoided"]'

RULE_X = f"""() => {{
    const line = document.querySelector('{RULE}');
    if (!line) return null;
    const box = line.getBoundingClientRect();
    return box.left + box.width / 2;
}}"""


@pytest.fixture(scope="module")
def book():
    if not (HTML / PAGE).is_file():
        pytest.fail(f"no {PAGE} in _build/html: run `make book` first (make test does)")
    with serve(HTML) as base:
        yield base


def set_slider(page, selector: str, value: float) -> None:
    page.eval_on_selector(
        selector,
        """(el, v) => {
            el.value = String(v);
            el.dispatchEvent(new Event('input', {bubbles: true}));
            el.dispatchEvent(new Event('change', {bubbles: true}));
        }""",
        value,
    )


def test_moving_the_avoided_cost_slider_moves_the_break_even_rule(book):
    with offline_page(book) as page:
        page.goto(f"{book}/{PAGE}")
        page.wait_for_function(f"() => !!document.querySelector('{SLIDER}')", timeout=15000)
        page.wait_for_function(f"() => ({RULE_X})() !== null", timeout=15000)
        before = page.evaluate(RULE_X)
        start = float(page.eval_on_selector(SLIDER, "el => el.value"))
        # twice the avoided cost halves the break-even success rate: the rule moves left
        set_slider(page, SLIDER, start * 2)
        page.wait_for_function(
            f"(b) => {{ const x = ({RULE_X})(); return x !== null && Math.abs(x - b) > 1; }}",
            arg=before,
            timeout=5000,
        )
        after = page.evaluate(RULE_X)
        assert after < before, (before, after)
        assert page.errors == [], page.errors
        assert page.blocked == [], page.blocked


def test_share_slider_moves_the_rule_right(book):
    with offline_page(book) as page:
        page.goto(f"{book}/{PAGE}")
        page.wait_for_function(f"() => ({RULE_X})() !== null", timeout=15000)
        before = page.evaluate(RULE_X)
        # counting half of the benefit doubles the break-even success rate
        set_slider(page, 'input[type=range][name="case1_share"]', 0.5)
        page.wait_for_function(
            f"(b) => {{ const x = ({RULE_X})(); return x === null || Math.abs(x - b) > 1; }}",
            arg=before,
            timeout=5000,
        )
        after = page.evaluate(RULE_X)
        assert after is None or after > before, (before, after)
