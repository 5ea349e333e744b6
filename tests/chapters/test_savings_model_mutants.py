"""The savings model's smaller promises, written for the mutants the other tests missed.

Each business case says where every input comes from, the NPV model's factors scale what
they name, and a figure falls back to its printed value when it has no computed one.
Expected values and texts are written out by hand from the small tables below.
"""

import math

import pandas as pd
import pytest
from scenarios import case as make_case
from scenarios import scenario

from helpers.chapters.savings_model import (
    business_cases,
    key_figure,
    npv_model,
)

SOURCE = "2024 report, annex 3, 5.4"  # what source_of makes of the rows below
TNO = "; value given by Westra et al. (TNO) 2021, outside the 2024 report"


def figure_row(figure_id, value, unit, computed=None):
    return {
        "figure_id": figure_id,
        "value": value,
        "computed": value if computed is None else computed,
        "unit": unit,
        "qualifier": "=",
        "report": "amersfoort-2024",
        "section": "annex 3, 5.4",
        "kind": "published",
        "formula": "",
    }


def inputs(case_id="taalent", low="", success="t_s", avoided="", extra=()):
    """One case's key-figure row and a figures table: 200 people at €50 (low end €30),
    a success rate of 40 %, an avoided cost of €900, plus ``extra`` rows."""
    keys = pd.DataFrame(
        [
            {
                "case_id": case_id,
                "participants_figure_id": "t_n",
                "annual_cost_figure_id": "",
                "cost_per_participant_figure_id": "t_c",
                "cost_per_participant_low_figure_id": low,
                "municipal_share_figure_id": "",
                "success_rate_figure_id": success,
                "avoided_cost_figure_id": avoided,
                "note": "x",
            }
        ]
    )
    rows = [
        figure_row("t_n", 200, "persons"),
        figure_row("t_c", 50, "EUR_per_person"),
        figure_row("t_l", 30, "EUR_per_person"),
        figure_row("t_s", 40, "percent"),
        figure_row("t_a", 900, "EUR_per_person"),
        *extra,
    ]
    return keys, pd.DataFrame(rows)


# --- where each input comes from ------------------------------------------------------------


def test_every_origin_names_its_figure_and_source():
    keys, figures = inputs(low="t_l", avoided="t_a")
    (case,) = business_cases(keys, figures, scenario(municipal_benefit_share=0.3))
    assert case.participants_origin == f"t_n: {SOURCE}"
    assert case.cost_origin == f"t_c: {SOURCE}"
    assert (case.cost_low, case.cost_low_origin) == (30, f"t_l: {SOURCE}")
    assert case.success_origin == f"t_s: {SOURCE} × factor 1 (scenario)"
    assert case.avoided_origin == f"t_a: {SOURCE}"
    assert (case.benefit_share, case.share_origin) == (0.3, "assumption (scenario-wide)")


def test_a_case_without_a_cost_range_has_an_empty_low_origin():
    keys, figures = inputs()
    (case,) = business_cases(keys, figures, scenario())
    assert case.cost_low is None
    assert case.cost_low_origin == ""


def test_a_value_from_outside_the_report_says_so():
    gross = figure_row("cen_tno_gross_saving_implied", 133, "EUR_per_person")
    keys, figures = inputs(
        "centering-zwangerschap", success="", avoided="cen_tno_gross_saving_implied",
        extra=[gross],
    )  # fmt: skip
    (case,) = business_cases(keys, figures, scenario())
    assert case.avoided_origin == f"cen_tno_gross_saving_implied: {SOURCE}{TNO}"
    assert case.participants_origin == f"t_n: {SOURCE}"  # the others name no outside source


def test_assumed_success_rate_is_a_scenario_parameter():
    keys, figures = inputs(success="")
    (case,) = business_cases(keys, figures, scenario(assumed_success_rates={"taalent": 25}))
    assert case.success_rate == 0.25
    assert case.success_origin == "assumption (scenario parameter)"


def test_average_saving_case_is_capped_at_every_participant():
    keys, figures = inputs("centering-zwangerschap", success="")
    (case,) = business_cases(keys, figures, scenario(success_rate_factor=1.5))
    assert case.success_rate == 1.0  # 100 % × 1.5 is still everyone
    (half,) = business_cases(keys, figures, scenario(success_rate_factor=0.5))
    assert half.success_rate == 0.5


def test_benefit_share_per_case_or_scenario_wide():
    s = scenario(
        municipal_benefit_share=0.3,
        municipal_benefit_share_by_case={"taalent": {"share": "0.8", "basis": "report, 5.4"}},
    )
    assert s.benefit_share("taalent") == (0.8, "report, 5.4")
    assert s.benefit_share("bouwdepot") == (0.3, "assumption (scenario-wide)")


# --- a figure's value ------------------------------------------------------------------------


def test_key_figure_takes_the_printed_value_when_nothing_was_computed():
    keys, figures = inputs()
    figures.loc[figures["figure_id"] == "t_n", "computed"] = math.nan
    participants = key_figure(keys.iloc[0], "participants", figures)
    assert participants.figure_id == "t_n"
    assert participants.value == 200
    figures.loc[figures["figure_id"] == "t_c", "computed"] = 55  # recomputed wins
    assert key_figure(keys.iloc[0], "cost_per_participant", figures).value == 55


# --- the NPV model's factors -----------------------------------------------------------------

# 10 participants at €100, success 30 %, avoided cost €1,000, all counted, no discounting,
# one year, no delay: benefit 10 × 0.3 × 1,000 = 3,000, cost 10 × 100 = 1,000.
PLAIN = dict(
    participants=10,
    cost_per_participant=100.0,
    success_rate=0.3,
    avoided_cost=1_000.0,
    benefit_share=1.0,
    discount_rate=0.0,
    horizon_years=1,
    benefit_delay_years=0,
)


@pytest.mark.parametrize(
    ("factors", "expected"),
    [
        ({}, 3_000 - 1_000),  # every factor 1 by default
        ({"success_factor": 2.0}, 6_000 - 1_000),  # 10 × 0.6 × 1,000
        ({"success_factor": 4.0}, 10_000 - 1_000),  # 1.2 is capped at everyone: 10 × 1,000
        ({"avoided_cost_factor": 0.5}, 1_500 - 1_000),
        ({"cost_factor": 3.0}, 3_000 - 3_000),
        ({"cost_factor": 0.5}, 3_000 - 500),
    ],
)
def test_npv_model_factors_scale_what_they_name(factors, expected):
    assert npv_model(**PLAIN, **factors) == pytest.approx(expected)


def test_avoided_cost_needed_at_the_low_end_of_a_cost_range():
    case = make_case(success_rate=0.25)
    s = scenario(discount_rate=0.1, benefit_delay_years=1)
    assert case.avoided_cost_needed(s, cost=60) == pytest.approx(60 / 0.25 * 1.1)  # 264
    assert case.avoided_cost_needed(s) == pytest.approx(100 / 0.25 * 1.1)  # 440
