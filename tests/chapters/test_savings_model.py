"""The business-case model against hand-worked cases, and both run-plan scenarios' tables.

Expected values are worked out here by hand (explicit sums and products), never by
calling the code under test a second time.
"""

import re

import pandas as pd
import pytest
import yaml
from scenarios import case, scenario

from helpers.chapters import savings_charts as charts
from helpers.chapters import savings_tables as tables
from helpers.chapters.savings_model import Scenario, business_cases
from helpers.inputs.amersfoort import key_figures
from helpers.paths import ROOT

# --- break-even per case: discounting and the share counted -------------------------------


def test_breakeven_counts_discounting_and_the_share():
    s = scenario(discount_rate=0.1, benefit_delay_years=1)
    # s* = c (1 + r)^d / (A m) = 100 × 1.1 / (1000 × 0.5) = 0.22
    assert case().breakeven(s) == pytest.approx(0.22)
    # all beneficiaries: m = 1 -> 0.11
    assert case().breakeven(s, share=1.0) == pytest.approx(0.11)
    # two years at 10 %: 100 × 1.21 / 1000
    assert case().breakeven(scenario(discount_rate=0.1, benefit_delay_years=2), share=1.0) == (
        pytest.approx(0.121)
    )
    # at the low end of a cost range: 50 × 1.1 / 500
    assert case().breakeven(s, cost=50) == pytest.approx(0.11)


def test_no_breakeven_without_avoided_cost_or_share():
    assert case(avoided_cost=None).breakeven(scenario()) is None
    assert case(benefit_share=0.0).breakeven(scenario()) is None


def test_avoided_cost_needed_is_cost_over_success_grown_by_the_delay():
    # 100 / 0.3 × 1.05 ** 2 = 367.5
    s = scenario(discount_rate=0.05, benefit_delay_years=2)
    assert case().avoided_cost_needed(s) == pytest.approx(100 / 0.3 * 1.1025)
    assert case(success_rate=None).avoided_cost_needed(s) is None


# --- success-rate factor and avoided cost, through business_cases --------------------------


@pytest.fixture
def small_inputs():
    """A hand-made key-figure row and figures table for one case (taalent)."""
    keys = pd.DataFrame(
        [
            {
                "case_id": "taalent",
                "participants_figure_id": "t_n",
                "annual_cost_figure_id": "",
                "cost_per_participant_figure_id": "t_c",
                "cost_per_participant_low_figure_id": "",
                "municipal_share_figure_id": "",
                "success_rate_figure_id": "t_s",
                "avoided_cost_figure_id": "",
                "note": "x",
            }
        ]
    )
    rows = [("t_n", 200, "persons"), ("t_c", 50, "EUR_per_person"), ("t_s", 40, "percent")]
    figures = pd.DataFrame(
        [
            {
                "figure_id": fid,
                "value": value,
                "computed": value,
                "unit": unit,
                "qualifier": "=",
                "report": "amersfoort-2024",
                "section": "annex 3, 5.4",
                "kind": "published",
                "formula": "",
            }
            for fid, value, unit in rows
        ]
    )
    return keys, figures


def test_success_rate_factor_scales_the_published_measure(small_inputs):
    keys, figures = small_inputs
    (half,) = business_cases(keys, figures, scenario(success_rate_factor=0.5))
    assert half.success_rate == pytest.approx(0.2)  # 40 % × 0.5
    (capped,) = business_cases(keys, figures, scenario(success_rate_factor=3))
    assert capped.success_rate == 1.0  # 40 % × 3 is capped at 100 %


def test_assumed_avoided_cost_is_used_as_given(small_inputs):
    keys, figures = small_inputs
    s = scenario(assumed_avoided_costs={"taalent": 5_000})
    (taalent,) = business_cases(keys, figures, s)
    assert taalent.avoided_cost == 5_000
    assert taalent.avoided_origin.startswith("assumption")
    # one year, no discounting: 200 × 0.4 × 5,000 − 200 × 50
    assert taalent.npv(s) == pytest.approx(400_000 - 10_000)
    (plain,) = business_cases(keys, figures, scenario())
    assert plain.avoided_cost is None and plain.npv(scenario()) is None


def test_npv_with_delay_discounting_and_share(small_inputs):
    keys, figures = small_inputs
    s = scenario(
        discount_rate=0.1,
        horizon_years=3,
        benefit_delay_years=1,
        municipal_benefit_share=0.25,
        assumed_avoided_costs={"taalent": 1_000},
    )
    (taalent,) = business_cases(keys, figures, s)
    benefit, cost = 200 * 0.4 * 1_000, 200 * 50
    by_hand = 0.25 * benefit * (1 / 1.1 + 1 / 1.21) - cost * (1 + 1 / 1.1 + 1 / 1.21)
    assert taalent.npv(s) == pytest.approx(by_hand)
    every = benefit * (1 / 1.1 + 1 / 1.21) - cost * (1 + 1 / 1.1 + 1 / 1.21)
    assert taalent.npv(s, benefit_share=1.0) == pytest.approx(every)


# --- the two scenarios of the run plan ------------------------------------------------------


def runplan_scenario(name: str) -> Scenario:
    plan = yaml.safe_load((ROOT / "runplan.yml").read_text(encoding="utf-8"))
    (run,) = [r for r in plan["runs"] if r["name"] == f"savings-{name}"]
    parameters = dict(run["parameters"])
    return Scenario(name=parameters.pop("scenario"), **parameters)


def rows(frame: pd.DataFrame) -> dict:
    return {r["intervention"]: r for r in frame.to_dict("records")}


def euro_text(value: float) -> str:
    sign = "-" if value < 0 else ""
    return f"{sign}€{abs(round(value)):,}"


def pv(amount: float, years) -> float:
    return sum(amount / 1.0225**t for t in years)


# CenteringZwangerschap: 500 women, €57 extra cost, €133 gross saving (76 + 57), 100 %
# success by construction; the gemeente counts none of the saving.
NPV = {
    "cautious": (  # factor 0.5, 5 years, saving 2 years later
        pv(500 * 0.5 * 133, range(2, 5)) - pv(500 * 57, range(5)),
        -pv(500 * 57, range(5)),
    ),
    "optimistic": (  # factor 1, 15 years, saving 1 year later
        pv(500 * 133, range(1, 15)) - pv(500 * 57, range(15)),
        -pv(500 * 57, range(15)),
    ),
}
BREAKEVEN = {
    # Centering: 57 × 1.0225^d / 133; avoided cost needed 57 / s × 1.0225^d;
    # Stevig Ouderschap: 2,900 / assumed rate × 1.0225^d; Coach & Cootje: 1,000 and 1,626.
    "cautious": ("44.8 %", "€119", "€606,394", "€1,046 to €1,700"),
    "optimistic": ("43.8 %", "€58", "€148,262", "€1,022 to €1,663"),
}


@pytest.mark.parametrize("name", ["cautious", "optimistic"])
def test_npv_table_of_each_scenario(name, figures):
    s = runplan_scenario(name)
    table = rows(tables.npv_table(business_cases(key_figures(), figures, s), s))
    assert list(table) == ["CenteringZwangerschap"]
    all_, gemeente = NPV[name]
    assert table["CenteringZwangerschap"]["NPV, all"] == euro_text(all_)
    assert table["CenteringZwangerschap"]["NPV, gemeente"] == euro_text(gemeente)


@pytest.mark.parametrize("name", ["cautious", "optimistic"])
def test_breakeven_table_of_each_scenario(name, figures):
    s = runplan_scenario(name)
    table = rows(tables.breakeven_table(business_cases(key_figures(), figures, s), s))
    rate, needed, sto_needed, cec_saving = BREAKEVEN[name]
    centering = table["CenteringZwangerschap"]
    assert centering["break-even rate, all"] == rate
    assert centering["break-even rate, gemeente"] == "not known"  # share 0
    assert centering["avoided cost needed, all"] == needed
    assert table["Stevig ouderschap"]["avoided cost needed, all"] == sto_needed
    assert table["Stevig ouderschap"]["avoided cost / success used"] == "not known"
    assert table["Coach & Cootje"]["cost / participant"] == "€1,000 to €1,626"
    assert table["Coach & Cootje"]["saving needed / participant"] == cec_saving


# --- the explorer's break-even rule -------------------------------------------------------


def _evaluate_vega(expression: str, values: dict) -> float:
    """Evaluate a plain arithmetic vega expression with the parameters replaced by values."""
    for name, value in values.items():
        expression = expression.replace(name, repr(value))
    assert re.fullmatch(r"[\d\s.*/()+\-e]+", expression), expression
    return eval(expression)  # noqa: S307 - digits and operators only, checked above


def test_explorer_rule_expression_gives_the_computed_breakeven():
    s = scenario(discount_rate=0.1, benefit_delay_years=2)
    spec = charts.explorer_chart(case(), s, key="k1").to_dict()
    (rule,) = [layer for layer in spec["layer"] if layer.get("name") == "k1_breakeven"]
    (calculate,) = [t for t in rule["transform"] if "calculate" in t]
    values = {"k1_avoided": 2_000.0, "k1_share": 0.5}
    # 100 × 100 × 1.21 / (2,000 × 0.5) = 12.1 %
    assert _evaluate_vega(calculate["calculate"], values) == pytest.approx(12.1)
    names = {p["name"] for p in spec["params"]}
    assert {"k1_success", "k1_avoided", "k1_share"} <= names
    assert "k1_zero" in [layer.get("name") for layer in spec["layer"]]
