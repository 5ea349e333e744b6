"""Reconciliation rules: the cases mutation testing found untested (`make mutation`).

Hand-worked verdicts for a recomputation with no value, the rule in words for every
qualifier, the gap of interval recomputations and of values outside a range, ranges
with decimals, the 'at most' relation, the float allowance (one part in a billion of
the published value, at least 1e-9), and the chapter's table of worked examples.
"""

import math

import pandas as pd
import pytest

from helpers.chapters.reconciliation_rules import compare, rule_examples

NAN = float("nan")


@pytest.mark.parametrize(("low", "high"), [(NAN, None), (NAN, 5.0), (5.0, NAN)])
def test_a_recomputation_with_no_value_never_agrees(low, high):
    verdict = compare(10, "=", low, high)
    assert verdict.agrees is False
    assert math.isnan(verdict.gap)
    assert math.isnan(verdict.relative_gap)
    assert verdict.rule == "no value"


@pytest.mark.parametrize(
    ("args", "kwargs", "rule"),
    [
        ((0.9, "=", 0.917), {}, "equal at the published precision: within ±0.05"),
        ((137, "=", 140), {}, "equal at the published precision: within ±0.5"),
        ((40, "~", 44), {}, "about: within ±5"),
        ((2900, "~", 3100), {}, "about: within ±145"),
        ((200, "<", 160), {}, "less than 200"),
        ((30000, "<", 28500), {"note": "just under"}, "less than 30000, and within 3000 of it"),
        ((137, ">", 159), {}, "more than 137"),
        ((100, ">", 104), {"note": "ruim"}, "more than 100, and within 10 of it"),
        ((400, "range", 672), {"value_high": 700}, "inside 400..700"),
        ((0.9, "=", 0.8), {"relation": "at_most"}, "at most 0.9 (rounding slack 0.05)"),
        (
            (400, "range", 650),
            {"value_high": 700, "relation": "at_most"},
            "at most 700 (rounding slack 0.5)",
        ),
    ],
)
def test_the_rule_applied_is_said_in_words(args, kwargs, rule):
    assert compare(*args, **kwargs).rule == rule


def test_an_unknown_qualifier_is_named_in_the_message():
    with pytest.raises(ValueError, match="unknown qualifier '≈'"):
        compare(1, "≈", 1)


# --- intervals: the point nearest the claim ------------------------------------------------


@pytest.mark.parametrize(
    ("args", "kwargs", "agrees", "gap"),
    [
        # plain 'less than': the lowest point of 50..95 is the one that best satisfies it
        ((100, "<", 50, 95), {}, True, -50),
        # 'just under 100' asks for 90..100: the point of 50..99 nearest 90 is 90
        ((100, "<", 50, 99), {"note": "just under"}, True, -10),
        # plain 'more than': the highest point of 50..130
        ((100, ">", 50, 130), {}, True, 30),
        # 'ruim 100' asks for 100..110: the point of 96..130 nearest 110 is 110
        ((100, ">", 96, 130), {"note": "ruim"}, True, 10),
    ],
)
def test_an_interval_is_judged_at_its_point_nearest_the_claim(args, kwargs, agrees, gap):
    verdict = compare(*args, **kwargs)
    assert verdict.agrees is agrees
    assert verdict.gap == pytest.approx(gap)


@pytest.mark.parametrize(
    ("low", "high", "gap"),
    [
        (750, None, 50),  # above the range: measured from its top, 700
        (350, None, -50),  # below the range: measured from its bottom, 400
        (720, 800, 20),  # an interval above: its nearest end, 720
        (300, 380, -20),  # an interval below: its nearest end, 380
        (650, None, 0),  # inside
    ],
)
def test_the_gap_to_a_range_is_measured_from_its_nearer_end(low, high, gap):
    verdict = compare(400, "range", low, high, value_high=700)
    assert verdict.agrees is (gap == 0)
    assert verdict.gap == pytest.approx(gap)
    assert verdict.relative_gap == pytest.approx(gap / 400)


@pytest.mark.parametrize(
    ("recomputed", "agrees"),
    [(0.35, True), (0.3, False), (0.75, True), (0.8, False), (0.55, True)],
)
def test_a_range_with_decimals_is_widened_by_half_its_last_decimal(recomputed, agrees):
    # 0.4-0.7 printed: 0.35..0.75 agrees (half a unit of 0.1 at each end)
    assert compare(0.4, "range", recomputed, value_high=0.7).agrees is agrees


@pytest.mark.parametrize(
    ("recomputed", "agrees"),
    [(399.5, True), (700.5, True), (399.4, False), (700.6, False)],
)
def test_a_range_includes_the_ends_of_its_rounding_slack(recomputed, agrees):
    assert compare(400, "range", recomputed, value_high=700).agrees is agrees


# --- the 'at most' relation ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "recomputed", "agrees", "gap"),
    [
        (0.9, 0.95, True, 0.05),  # at the rounding slack of 0.9: a tie counts
        (0.9, 1.0, False, 0.1),  # beyond the slack of 0.9 (half of 0.1, not of 1)
        (12, 12.5, True, 0.5),
        (12, 12.6, False, 0.6),
    ],
)
def test_at_most_allows_half_a_unit_of_the_published_precision(value, recomputed, agrees, gap):
    verdict = compare(value, "=", recomputed, relation="at_most")
    assert verdict.agrees is agrees
    assert verdict.gap == pytest.approx(gap)


def test_an_upper_value_is_read_only_for_a_range():
    # a stray value_high on an exact figure does not raise the limit from 10 to 20
    assert compare(10, "=", 11, value_high=20, relation="at_most").agrees is False
    assert compare(10, "range", 11, value_high=20, relation="at_most").agrees is True


# --- the float allowance: 1e-9 times the published value, at least 1e-9 --------------------


@pytest.mark.parametrize(
    ("args", "kwargs", "agrees"),
    [
        # a million: the allowance is 0.001
        ((1e6, "=", 1e6 + 0.5 + 0.0005), {}, True),
        ((1e6, "=", 1e6 + 0.5 + 0.002), {}, False),
        ((1e6, "<", 1e6 - 0.0005), {}, False),  # within the allowance: equal, not less
        ((1e6, "<", 1e6 - 0.002), {}, True),
        ((1e6, ">", 1e6 + 0.0005), {}, False),
        ((1e6, ">", 1e6 + 0.002), {}, True),
        ((1e6, "<", 9e5 - 0.0005), {"note": "just under"}, True),
        ((1e6, "<", 9e5 - 0.002), {"note": "just under"}, False),
        ((1e6, ">", 1.1e6 + 0.0005), {"note": "ruim"}, True),
        ((1e6, ">", 1.1e6 + 0.002), {"note": "ruim"}, False),
        # a half: the allowance is 1e-9, not half of it and not twice it
        ((0.5, "=", 0.55 + 0.5e-9), {}, True),
        ((0.5, "=", 0.55 + 1.5e-9), {}, False),
        ((0.5, "<", 0.5 - 0.5e-9), {}, False),
        ((0.5, "<", 0.5 - 1.5e-9), {}, True),
        ((0.5, ">", 0.5 + 0.5e-9), {}, False),
        ((0.5, ">", 0.5 + 1.5e-9), {}, True),
        ((0.5, "<", 0.45 - 0.5e-9), {"note": "just under"}, True),
        ((0.5, "<", 0.45 - 1.5e-9), {"note": "just under"}, False),
        ((0.5, ">", 0.55 + 0.5e-9), {"note": "ruim"}, True),
        ((0.5, ">", 0.55 + 1.5e-9), {"note": "ruim"}, False),
    ],
)
def test_the_float_allowance_scales_with_the_published_value(args, kwargs, agrees):
    assert compare(*args, **kwargs).agrees is agrees


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        ((100, "<", 90), {"note": "just under"}),  # exactly 10 % under
        ((100, ">", 110), {"note": "ruim"}),  # exactly 10 % over
    ],
)
def test_just_under_and_just_over_include_the_ten_percent_edge(args, kwargs):
    assert compare(*args, **kwargs).agrees is True


# --- the chapter's worked examples ---------------------------------------------------------

EXAMPLES = [
    (
        "0.9 % printed, 0.917 % recomputed",
        "=",
        "equal at the published precision: within ±0.05",
        "matches",
    ),
    (
        "0.9 % printed, 0.96 % recomputed",
        "=",
        "equal at the published precision: within ±0.05",
        "differs",
    ),
    ("137 printed, 137 counted", "=", "equal at the published precision: within ±0.5", "matches"),
    ("about 40 printed, 44 recomputed", "~", "about: within ±5", "matches"),
    ("about 2,900 printed, 3,100 recomputed", "~", "about: within ±145", "differs"),
    (
        "just under 30,000, 28,500 recomputed",
        "<",
        "less than 30000, and within 3000 of it",
        "matches",
    ),
    ("just under 1,000, 1,626 recomputed", "<", "less than 1000, and within 100 of it", "differs"),
    ("more than 137, 159 recomputed", ">", "more than 137", "matches"),
    ("400-700 printed, 672 recomputed", "range", "inside 400..700", "matches"),
    ("3.5 printed, 3.53 from approximate inputs", "=", "about: within ±0.175", "matches"),
]


def test_worked_examples_table_is_the_hand_worked_one():
    expected = pd.DataFrame(EXAMPLES, columns=["example", "qualifier", "rule applied", "status"])
    pd.testing.assert_frame_equal(rule_examples(), expected)


@pytest.mark.parametrize(
    ("args", "kwargs", "agrees"),
    [
        # 'within' checks keep a recomputation exactly at the allowance's edge ...
        ((0, "=", 0.5 + 1e-9), {}, True),  # half a unit of 0, plus 1e-9
        ((12, "=", 12.5 + 1e-9), {"relation": "at_most"}, True),
        ((400, "range", 399.5 - 1e-9), {"value_high": 700}, True),
        ((400, "range", 700.5 + 1e-9), {"value_high": 700}, True),
        ((1.0, "<", 1.0 - 0.1 - 1e-9), {"note": "just under"}, True),
        ((1.0, ">", 1.0 + 0.1 + 1e-9), {"note": "ruim"}, True),
        # ... while 'less' and 'more' must clear it: at the edge the numbers are equal
        ((1.0, "<", 1.0 - 1e-9), {}, False),
        ((1.0, ">", 1.0 + 1e-9), {}, False),
    ],
)
def test_a_recomputation_exactly_at_the_edge_of_the_allowance(args, kwargs, agrees):
    assert compare(*args, **kwargs).agrees is agrees
