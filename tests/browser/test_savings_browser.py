"""The savings explorer in the built book, offline: the break-even rule sits at the computed
break-even success rate, before and after the sliders move.

Run after `make book`. The expected position comes from `finance.breakeven_success_rate`
with the slider values read from the page, not from the chart's own vega expression.
Selectors this test relies on (layer names set in `savings_charts.explorer_chart`; vega's
SVG renderer gives each mark group the class `<name>_marks`):

- `g[class~="case1_breakeven_marks"] line`: the break-even rule of the first explorer
  (`key = "case<n>"`, n = position of the intervention in the page's list).
- `g[class~="case1_zero_marks"] line`: the zero line, which spans the plot's width, so it
  gives the x axis in pixels (the axis runs from 0 to `explorer_start(...).x_max`).
- `g[class~="case1_label_marks"] text`: the rule's label.
- `input[type=range][name="case1_avoided"]`, `...[name="case1_share"]`: vega-embed's sliders.
"""

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from browser import offline_page, serve
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from helpers.chapters import finance
from helpers.chapters.savings_charts import explorer_start
from helpers.chapters.savings_model import Scenario, business_cases
from helpers.inputs.amersfoort import key_figures
from helpers.inputs.figures import evaluate, load_figures
from helpers.paths import DATA, ROOT

HTML = Path(__file__).parents[2] / "_build" / "html"
PAGE = "generated/savings/cautious.html"
RULE = 'g[class~="case1_breakeven_marks"] line'
ZERO = 'g[class~="case1_zero_marks"] line'
LABEL = 'g[class~="case1_label_marks"] text'
AVOIDED = 'input[type=range][name="case1_avoided"]'
SHARE = 'input[type=range][name="case1_share"]'

# The rule's value on the x axis: (rule centre − plot left) / plot width × x_max.
RULE_FRACTION = f"""() => {{
    const rule = document.querySelector('{RULE}');
    const zero = document.querySelector('{ZERO}');
    if (!rule || !zero) return null;
    const r = rule.getBoundingClientRect(), z = zero.getBoundingClientRect();
    return (r.left + r.width / 2 - z.left) / z.width;
}}"""


@pytest.fixture(scope="module")
def book():
    if not (HTML / PAGE).is_file():
        pytest.fail(f"no {PAGE} in _build/html: run `make book` first (make test does)")
    with serve(HTML) as base:
        yield base


@pytest.fixture(scope="module")
def first_case():
    """The cautious scenario of the run plan, the first intervention on its page, the x
    axis maximum and the avoided cost the explorer starts at."""
    plan = yaml.safe_load((ROOT / "runplan.yml").read_text(encoding="utf-8"))
    (run,) = [r for r in plan["runs"] if r["name"] == "savings-cautious"]
    parameters = dict(run["parameters"])
    s = Scenario(name=parameters.pop("scenario"), **parameters)
    case = business_cases(key_figures(), evaluate(load_figures(DATA)), s)[0]
    start = explorer_start(case, s)
    return SimpleNamespace(case=case, scenario=s, x_max=start.x_max, avoided=start.avoided_cost)


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


def slider(page, selector: str) -> float:
    return float(page.eval_on_selector(selector, "el => el.value"))


def open_explorer(page, base: str) -> None:
    page.goto(f"{base}/{PAGE}")
    try:
        page.wait_for_function(f"() => !!document.querySelector('{AVOIDED}')", timeout=15000)
        page.wait_for_function(f"() => ({RULE_FRACTION})() !== null", timeout=15000)
    except PlaywrightTimeout:
        pytest.fail(f"the first explorer has no break-even rule ({RULE}) or no zero line")


def expected_pct(first_case, avoided: float, share: float) -> float:
    """The break-even success rate (%) for these slider values, by `finance`."""
    case, s = first_case.case, first_case.scenario
    return 100 * finance.breakeven_success_rate(
        case.cost_per_participant, avoided, share, s.discount_rate, s.benefit_delay_years
    )


def check_rule(page, first_case, avoided: float, share: float) -> float:
    """The rule and its label sit at the computed break-even; returns that value.

    ``avoided`` and ``share`` are the values vega holds: the chart's start values until a
    slider is moved, then the slider's own (snapped to its step) value.
    """
    x_max = first_case.x_max
    expected = expected_pct(first_case, avoided, share)
    drawn = page.evaluate(RULE_FRACTION) * x_max
    assert drawn == pytest.approx(expected, abs=0.0005 * x_max), (drawn, expected)
    label = page.eval_on_selector(LABEL, "el => el.textContent")
    shown = re.fullmatch(r"break-even (\d+\.\d\d) %", label)
    assert shown, label
    assert float(shown[1]) == pytest.approx(expected, abs=0.0051), (label, expected)  # 2 decimals
    return expected


def wait_for_move(page, before: float) -> None:
    page.wait_for_function(
        f"(b) => {{ const f = ({RULE_FRACTION})(); return f !== null && Math.abs(f - b) > 1e-3; }}",
        arg=before,
        timeout=5000,
    )


def test_rule_starts_at_the_computed_break_even(book, first_case):
    with offline_page(book) as page:
        open_explorer(page, book)
        check_rule(page, first_case, first_case.avoided, 1.0)
        assert page.errors == [], page.errors
        assert page.blocked == [], page.blocked


def test_doubling_the_avoided_cost_halves_the_break_even(book, first_case):
    with offline_page(book) as page:
        open_explorer(page, book)
        start = check_rule(page, first_case, first_case.avoided, 1.0)
        before = page.evaluate(RULE_FRACTION)
        set_slider(page, AVOIDED, first_case.avoided * 2)
        wait_for_move(page, before)
        moved = check_rule(page, first_case, slider(page, AVOIDED), 1.0)
        assert moved == pytest.approx(start / 2, rel=0.01)
        assert page.errors == [], page.errors
        assert page.blocked == [], page.blocked


def test_counting_half_the_benefit_doubles_the_break_even(book, first_case):
    with offline_page(book) as page:
        open_explorer(page, book)
        start = check_rule(page, first_case, first_case.avoided, 1.0)
        before = page.evaluate(RULE_FRACTION)
        set_slider(page, SHARE, 0.5)
        wait_for_move(page, before)
        moved = check_rule(page, first_case, first_case.avoided, slider(page, SHARE))
        assert moved == pytest.approx(start * 2, rel=0.001)
        assert page.errors == [], page.errors
        assert page.blocked == [], page.blocked
