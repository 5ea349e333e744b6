"""Finance: the edges mutation testing found untested (`make mutation`).

Hand-worked values for the guards (what counts as positive, the lowest discount rate),
the defaults of each function, streams of unequal length, and the tornado table.
"""

import pandas as pd
import pytest

from helpers.chapters.finance import (
    annuity_factor,
    breakeven_success_rate,
    business_case_npv,
    business_case_streams,
    cost_per_participant,
    cost_per_successful_participant,
    discount_factor,
    net_benefit_per_participant,
    npv,
    tornado,
)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: cost_per_participant(100, 0), "participants must be positive, got 0"),
        (lambda: cost_per_participant(100, -2), "participants must be positive, got -2"),
        (lambda: cost_per_successful_participant(100, 0, 0.5), "participants must be positive"),
        (lambda: cost_per_successful_participant(100, 10, 0), "success_rate must be positive"),
        (lambda: breakeven_success_rate(10, 0), "avoided_cost_per_success must be positive"),
        (lambda: breakeven_success_rate(10, 100, 0), "benefit_share must be positive, got 0"),
        (lambda: discount_factor(-1, 1), "discount rate must be above -1, got -1"),
        (lambda: discount_factor(-1.5, 1), "discount rate must be above -1"),
        (lambda: business_case_streams(1, 1, 0), "horizon_years must be at least 1, got 0"),
        (lambda: business_case_streams(1, 1, 2, -1), "delay_years must not be negative, got -1"),
    ],
)
def test_guards_refuse_with_a_message_that_names_the_input(call, message):
    with pytest.raises(ValueError) as error:
        call()
    assert message in str(error.value)


def test_values_just_inside_the_guards_are_accepted():
    assert cost_per_participant(100, 0.5) == 200
    assert cost_per_successful_participant(100, 10, 0.25) == 40
    assert discount_factor(-0.5, 1) == 2  # a negative rate above -1 is allowed
    assert discount_factor(0.1, 0) == 1
    assert breakeven_success_rate(10, 100, 0.5) == pytest.approx(0.2)


def test_defaults_count_the_whole_benefit_now_and_undiscounted():
    assert breakeven_success_rate(50, 1000) == pytest.approx(0.05)
    assert net_benefit_per_participant(0.1, 1000, 50) == pytest.approx(50)
    # share 0.5, 5 % a year, two years' delay: 0.1 x 1000 x 0.5 / 1.1025 - 50
    assert net_benefit_per_participant(0.1, 1000, 50, 0.5, 0.05, 2) == pytest.approx(
        50 / 1.1025 - 50
    )


def test_annuity_factor_edges():
    assert annuity_factor(0.1, 0) == 0
    assert annuity_factor(0.1, -3) == 0
    assert annuity_factor(0, 3) == 3.0
    assert annuity_factor(0, 3, start=2) == 3.0
    assert annuity_factor(0.1, 1) == pytest.approx(1)
    assert annuity_factor(0.1, 2, start=1) == pytest.approx(1 / 1.1 + 1 / 1.21)


def test_npv_of_streams_of_unequal_length():
    assert npv([10], [1, 1], 0.0) == 8
    assert npv([], [1], 0.5) == -1
    assert npv([0, 0, 121], [], 0.1) == pytest.approx(100)


def test_streams_by_hand():
    benefits, costs = business_case_streams(10, 100, 4, delay_years=2, benefit_share=0.5)
    assert benefits == [0.0, 0.0, 50.0, 50.0]
    assert costs == [10.0, 10.0, 10.0, 10.0]
    assert business_case_streams(10, 100, 2) == ([100.0, 100.0], [10.0, 10.0])
    assert business_case_npv(10, 100, 0.0, 3) == 270
    assert business_case_npv(10, 100, 0.0, 3, delay_years=1, benefit_share=0.5) == 70


def square_minus(a, b):
    return a * a - b


def test_tornado_table_by_hand():
    table = tornado(square_minus, {"a": 2, "b": 1}, {"b": (0, 4), "a": (1, 3)}, {"a": "A"})
    assert table.to_dict("records") == [
        {
            "input": "a",
            "label": "A",
            "base_value": 2,
            "low_value": 1,
            "high_value": 3,
            "base_result": 3,
            "result_low": 0,
            "result_high": 8,
            "swing": 8,
        },
        {
            "input": "b",
            "label": "b",
            "base_value": 1,
            "low_value": 0,
            "high_value": 4,
            "base_result": 3,
            "result_low": 4,
            "result_high": 0,
            "swing": 4,
        },
    ]


def test_tornado_keeps_the_given_order_for_equal_swings_and_refuses_unknown_inputs():
    table = tornado(square_minus, {"a": 0, "b": 0}, {"b": (0, 2), "a": (0, 2)})
    assert list(table["input"]) == ["a", "b"]  # swings 4 (a) and 2 (b): largest first
    tie = tornado(lambda a, b: a + b, {"a": 0, "b": 0}, {"b": (0, 1), "a": (0, 1)})
    assert list(tie["input"]) == ["b", "a"]
    assert list(tie.index) == [0, 1]
    assert tornado(square_minus, {"a": 1, "b": 1}, {}).equals(pd.DataFrame())
    with pytest.raises(KeyError, match=r"ranges for inputs not in base: \['c'\]"):
        tornado(square_minus, {"a": 1, "b": 1}, {"c": (0, 1)})


def test_each_default_alone_changes_nothing():
    """A delay without a rate is not discounted; a rate without a delay changes nothing."""
    assert breakeven_success_rate(50, 1000, delay_years=2) == pytest.approx(0.05)
    assert breakeven_success_rate(50, 1000, discount_rate=0.1) == pytest.approx(0.05)
    assert net_benefit_per_participant(0.1, 1000, 50, delay_years=2) == pytest.approx(50)
    assert net_benefit_per_participant(0.1, 1000, 50, discount_rate=0.1) == pytest.approx(50)


def test_tornado_keeps_the_given_order_of_many_equal_swings():
    names = [f"x{i:02d}" for i in range(40)]
    swings = [1 + (i % 3) for i in range(40)]  # many ties, in three groups

    def model(**inputs):
        return sum(inputs.values())

    base = dict.fromkeys(names, 0.0)
    ranges = {n: (0.0, float(s)) for n, s in zip(names, swings, strict=True)}
    table = tornado(model, base, ranges)
    expected = sorted(names, key=lambda n: -ranges[n][1])  # Python's sort is stable
    assert list(table["input"]) == expected
