"""Business-case arithmetic, checked against cases small enough to work out by hand."""

import math

import pandas as pd
import pytest

from helpers.chapters import finance
from helpers.inputs.figures import evaluate, load_figures
from helpers.paths import DATA


def test_cost_per_participant_and_per_success():
    assert finance.cost_per_participant(10_000, 40) == 250
    # 40 participants, 1 in 4 succeeds: 10 successes share 10,000
    assert finance.cost_per_successful_participant(10_000, 40, 0.25) == 1_000
    with pytest.raises(ValueError):
        finance.cost_per_participant(10_000, 0)
    with pytest.raises(ValueError):
        finance.cost_per_successful_participant(10_000, 40, 0)


def test_breakeven_success_rate_by_hand():
    # a participation costs 100 and a success saves 1,000: one in ten must succeed
    assert finance.breakeven_success_rate(100, 1_000) == pytest.approx(0.1)
    # only half of the saving counts: one in five
    assert finance.breakeven_success_rate(100, 1_000, benefit_share=0.5) == pytest.approx(0.2)
    # the saving comes a year later at 10 %: 110 / 1000
    assert finance.breakeven_success_rate(
        100, 1_000, discount_rate=0.10, delay_years=1
    ) == pytest.approx(0.11)


def test_net_benefit_is_zero_at_breakeven():
    s = finance.breakeven_success_rate(2_900, 50_000, 0.3, 0.0225, 2)
    assert finance.net_benefit_per_participant(s, 50_000, 2_900, 0.3, 0.0225, 2) == pytest.approx(0)
    assert finance.net_benefit_per_participant(0.5, 1_000, 100) == pytest.approx(400)


def test_annuity_factor_known_values():
    # 1 a year for 2 years at 10 %, paid at t = 0 and t = 1: 1 + 1/1.1
    assert finance.annuity_factor(0.10, 2) == pytest.approx(1 + 1 / 1.1)
    # three years starting at t = 2: 1/1.1**2 + 1/1.1**3 + 1/1.1**4
    expected = sum(1.1**-t for t in (2, 3, 4))
    assert finance.annuity_factor(0.10, 3, start=2) == pytest.approx(expected)
    assert finance.annuity_factor(0.0, 7) == 7
    assert finance.annuity_factor(0.05, 0) == 0


def test_npv_with_a_known_annuity():
    # costs 100 a year for 3 years, benefits 150 a year: NPV = 50 × AF(5 %, 3)
    value = finance.npv([150, 150, 150], [100, 100, 100], 0.05)
    assert value == pytest.approx(50 * (1 + 1 / 1.05 + 1 / 1.05**2))


def test_npv_at_zero_rate_is_a_plain_sum():
    assert finance.npv([0, 30, 30, 30], [50, 0, 0], 0.0) == 40


def test_one_year_horizon():
    # one year, no delay: benefit share × benefit − cost, nothing discounted
    assert finance.business_case_npv(1_000, 3_000, 0.0225, 1, 0, 0.5) == pytest.approx(500)
    # one year with a delay of one: the benefit falls outside the horizon
    assert finance.business_case_npv(1_000, 3_000, 0.0225, 1, 1, 1.0) == pytest.approx(-1_000)


def test_delay_moves_benefits_and_matches_the_closed_form():
    benefits, costs = finance.business_case_streams(100, 200, 4, delay_years=2, benefit_share=0.5)
    assert costs == [100, 100, 100, 100]
    assert benefits == [0, 0, 100, 100]
    r = 0.03
    # years 2 and 3: benefit 100 against cost 100, so only years 0 and 1 count
    by_hand = -100 - 100 / 1.03
    assert finance.business_case_npv(100, 200, r, 4, 2, 0.5) == pytest.approx(by_hand)
    closed = 0.5 * 200 * finance.annuity_factor(r, 2, start=2) - 100 * finance.annuity_factor(r, 4)
    assert finance.business_case_npv(100, 200, r, 4, 2, 0.5) == pytest.approx(closed)


def test_invalid_streams():
    with pytest.raises(ValueError):
        finance.business_case_streams(1, 1, 0)
    with pytest.raises(ValueError):
        finance.business_case_streams(1, 1, 3, delay_years=-1)


def test_tornado_orders_by_swing():
    def model(a, b, c):
        return 10 * a + b - c

    table = finance.tornado(
        model, {"a": 1, "b": 1, "c": 1}, {"b": (0, 2), "a": (0, 2), "c": (1, 1)}
    )
    assert list(table["input"]) == ["a", "b", "c"]
    assert list(table["swing"]) == [20, 2, 0]
    assert set(table["base_result"]) == {10}
    first = table.iloc[0]
    assert (first["result_low"], first["result_high"]) == (0, 20)
    with pytest.raises(KeyError):
        finance.tornado(model, {"a": 1, "b": 1, "c": 1}, {"d": (0, 1)})


def test_stevig_ouderschap_breakeven_follows_from_its_inputs():
    """1 prevented case per 109 participations, printed as 'about 0.9 %' (annex 3, 2.6).

    If a prevented case is worth exactly 109 participations' cost, the break-even success
    rate is 1/109 whatever the cost per participation is: check that finance gives the
    published rate at the published precision (one decimal).
    """
    figures = evaluate(load_figures(DATA)).set_index("figure_id")
    cases = figures.loc["sto_breakeven_cases_prevented", "value"]
    participations = figures.loc["sto_breakeven_participations", "value"]
    published = figures.loc["sto_breakeven_success_rate", "value"]
    cost = figures.loc["sto_cost_per_family", "value"]
    case_value = cost * participations / cases
    rate = finance.breakeven_success_rate(cost, case_value) * 100
    assert math.isclose(rate, 100 * cases / participations)
    assert round(rate, 1) == published
    assert abs(rate - published) < 0.05
    assert not pd.isna(rate)
