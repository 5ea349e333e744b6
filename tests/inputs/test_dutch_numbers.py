"""Parsing Dutch (and English) numbers, ranges and qualifiers."""

import datetime as dt
import math

import pytest

from helpers.inputs.dutch_numbers import UNKNOWN, Amount, format_amount, parse_amount


@pytest.mark.parametrize(
    ("cell", "low", "high", "qualifier"),
    [
        # Excel numeric cells
        (1050, 1050, 1050, "="),
        (2.5, 2.5, 2.5, "="),
        (0, 0, 0, "="),
        # plain and Dutch-formatted text
        ("1050", 1050, 1050, "="),
        ("1.050", 1050, 1050, "="),
        ("2,5", 2.5, 2.5, "="),
        ("12,50", 12.5, 12.5, "="),
        ("1.000.000", 1_000_000, 1_000_000, "="),
        ("2.900,50", 2900.5, 2900.5, "="),
        ("30 000", 30000, 30000, "="),
        # English where unambiguous
        ("2.5", 2.5, 2.5, "="),
        ("1,050.5", 1050.5, 1050.5, "="),
        ("1,000,000", 1_000_000, 1_000_000, "="),
        # currency and "no cents"
        ("€ 2.900,-", 2900, 2900, "="),
        ("€2.900,-", 2900, 2900, "="),
        ("€ 175.000, -", 175000, 175000, "="),
        ("€ 12.500 per jaar", 12500, 12500, "="),
        ("12.500 euro", 12500, 12500, "="),
        ("EUR 400", 400, 400, "="),
        # about
        ("ca. 30.000", 30000, 30000, "~"),
        ("ca 30.000", 30000, 30000, "~"),
        ("ongeveer 200", 200, 200, "~"),
        ("circa 12", 12, 12, "~"),
        ("rond de 80", 80, 80, "~"),
        ("± 50", 50, 50, "~"),
        ("Ca. € 2.900,-", 2900, 2900, "~"),
        # more than / less than
        ("ruim 100", 100, None, ">"),
        ("meer dan 100", 100, None, ">"),
        ("100+", 100, None, ">"),
        ("minimaal 20", 20, None, ">"),
        ("bijna 100", None, 100, "almost"),
        ("net onder 50", None, 50, "almost"),
        ("minder dan 10", None, 10, "<"),
        ("max. 50", None, 50, "<"),
        ("maximaal 50", None, 50, "<"),
        # ranges keep both ends
        ("400-700", 400, 700, "range"),
        ("400 - 700", 400, 700, "range"),
        ("400 – 700", 400, 700, "range"),
        ("400—700", 400, 700, "range"),
        ("5.000 tot 100.000", 5000, 100_000, "range"),
        ("5.000 tot en met 100.000", 5000, 100_000, "range"),
        ("tussen 400 en 700", 400, 700, "range"),
        ("€ 5.000 - € 10.000", 5000, 10000, "range"),
        ("ca. 400-700", 400, 700, "range"),
        ("2,5-3,5", 2.5, 3.5, "range"),
        # units and multipliers
        ("60 gezinnen", 60, 60, "="),
        ("ca. 300 deelnemers per jaar", 300, 300, "~"),
        ("10k", 10000, 10000, "="),
        ("12,5 duizend", 12500, 12500, "="),
    ],
)
def test_formats(cell, low, high, qualifier):
    amount = parse_amount(cell)
    assert amount == Amount(
        None if low is None else float(low), None if high is None else float(high), qualifier
    )
    assert not amount.unknown


@pytest.mark.parametrize(
    "cell",
    [None, "", "  ", "onbekend", "Onbekend", "unknown", "n.v.t.", "nvt", "?", "-", float("nan")],
)
def test_unknown(cell):
    amount = parse_amount(cell)
    assert amount.unknown
    assert amount == UNKNOWN
    assert amount.low is None and amount.high is None and amount.qualifier is None
    assert amount.point is None


def test_ambiguous_separator_rule_dutch_wins():
    # one separator followed by exactly three digits: thousands, whichever the separator
    assert parse_amount("1.050").low == 1050
    assert parse_amount("1,050").low == 1050
    assert parse_amount("999,999").low == 999999
    # not three digits after it: a decimal separator
    assert parse_amount("1,05").low == 1.05
    assert parse_amount("1.05").low == 1.05
    assert parse_amount("1,0500").low == 1.05
    # a leading 0 or more than 3 digits before it cannot be thousands grouping
    assert parse_amount("0,125").low == 0.125
    assert parse_amount("0.125").low == 0.125
    assert parse_amount("1234,567").low == pytest.approx(1234.567)
    # both separators: the last one is the decimal separator
    assert parse_amount("1.234,5").low == 1234.5
    assert parse_amount("1,234.5").low == 1234.5


def test_excel_numeric_cells_are_taken_as_they_are():
    assert parse_amount(1.05).low == 1.05  # a real Excel number is never re-interpreted
    assert parse_amount(1050.0).qualifier == "="


def test_negative_numbers_parse_and_are_flagged():
    amount = parse_amount("-5")
    assert amount.low == -5 and amount.is_negative
    assert parse_amount(-3).is_negative
    assert not parse_amount("400-700").is_negative


def test_point_value():
    assert parse_amount("400-700").point == 550
    assert parse_amount("ruim 100").point == 100
    assert parse_amount("bijna 100").point == 100
    assert parse_amount("ca. 30.000").point == 30000


def test_format_amount():
    assert format_amount(parse_amount("400-700")) == "400-700"
    assert format_amount(parse_amount("ca. 30.000")) == "~30000"
    assert format_amount(parse_amount("bijna 100")) == "<100"
    assert format_amount(parse_amount("onbekend")) == "unknown"


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("12 appels", "appels"),
        ("abc", "no number"),
        ("veel", "no number"),
        ("1.2.3", "thousands"),
        ("1,2,3", "thousands"),
        ("50%", "percentage"),
        ("700-400", "larger"),
        ("€ 2.900,- per gezin", "per gezin"),
        ("€ 500 per maand", "per maand"),
        (True, "yes/no"),
        (dt.datetime(2024, 7, 4), "date"),
        (float("inf"), "infinite"),
        ([1, 2], "unsupported"),
    ],
)
def test_errors_say_why(cell, reason):
    with pytest.raises(ValueError, match=reason):
        parse_amount(cell)


def test_nan_is_unknown_not_error():
    assert parse_amount(math.nan).unknown
