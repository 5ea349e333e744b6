"""Rows that are not interventions: the cases mutation testing found untested (`make mutation`).

Each test pins a behaviour a surviving mutant changed: the Dutch wording of each row
label, the three-letter floor and the default of section headings, blank and unknown
cells beside a totals row, a sum of exactly two rows, the half-unit slack, a second
totals row after a first, and the plausible limits at and beside their edges.
"""

import pytest

from helpers.inputs.dutch_numbers import UNKNOWN, Amount
from helpers.inputs.rows import implausible, label_row, sum_rows


def exact(value):
    return Amount(value, value, "=")


def column(*values):
    """A column of exact numbers; None stays a blank cell, "?" an unknown one."""
    return [None if v is None else UNKNOWN if v == "?" else exact(v) for v in values]


# --- labels ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "has_other_data", "label"),
    [
        ("Totaal", True, ("a totals row", "een totaalrij")),
        ("Subtotaal jeugd", False, ("a totals row", "een totaalrij")),
        ("Bron: jaarverslag 2023", False, ("a note or source row", "een bron- of opmerkingsrij")),
        ("JEUGD", False, ("a section heading", "een tussenkop")),
    ],
)
def test_each_label_names_the_row_in_english_and_dutch(title, has_other_data, label):
    assert label_row(title, has_other_data) == label


def test_section_headings_are_looked_for_unless_the_sheet_says_otherwise():
    assert label_row("OUDEREN", False) == ("a section heading", "een tussenkop")
    assert label_row("OUDEREN", False, headings=False) is None


@pytest.mark.parametrize(
    ("title", "label"),
    [
        ("GGD", ("a section heading", "een tussenkop")),  # three capitals: the floor
        ("A-B-C", ("a section heading", "een tussenkop")),  # letters count, not characters
        ("GG", None),  # two capitals: too short for a heading
        ("2024", None),  # no letters at all
        ("Jeugd", None),  # not all capitals
        ("JEUGd", None),
    ],
)
def test_a_section_heading_is_three_or_more_letters_all_capitals(title, label):
    assert label_row(title, False, headings=True) == label


# --- totals found by their numbers ---------------------------------------------------------


def test_a_sum_of_exactly_two_rows_is_found():
    found = sum_rows([5, 6, 7], {"reach_total": column(10, 20, 30)})
    assert found == {7: (5, 6, ["reach_total"])}


def test_one_row_above_is_not_enough_for_a_sum():
    assert sum_rows([5, 6], {"reach_total": column(10, 10)}) == {}


@pytest.mark.parametrize(
    ("total", "is_sum"),
    [(30.4, True), (29.6, True), (30.5, False), (29.5, False), (31, False), (29, False)],
)
def test_a_sum_allows_less_than_half_a_unit(total, is_sum):
    found = sum_rows([1, 2, 3], {"reach_total": column(10, 20, total)})
    assert (3 in found) is is_sum


def test_blank_and_unknown_cells_do_not_stop_a_totals_row():
    numbers = {
        "participants_full": column(None, None, "?"),  # blank, blank, unknown
        "reach_total": column(100, 200, 300),
    }
    assert sum_rows([2, 3, 4], numbers) == {4: (2, 3, ["reach_total"])}


def test_a_row_with_one_number_that_is_not_the_sum_is_not_a_totals_row():
    numbers = {
        "reach_total": column(100, 200, 300),  # 300 is the sum ...
        "annual_cost_eur": column(1000, 2000, 2500),  # ... but 2,500 is not
    }
    assert sum_rows([2, 3, 4], numbers) == {}


def test_an_empty_row_is_not_a_totals_row():
    assert sum_rows([2, 3, 4], {"reach_total": column(100, 200, None)}) == {}


def test_a_second_totals_row_sums_only_the_rows_after_the_first():
    numbers = {"reach_total": column(10, 20, 30, 1, 2, 3, 7)}
    found = sum_rows([10, 11, 12, 13, 14, 15, 16], numbers)
    assert found == {12: (10, 11, ["reach_total"]), 15: (13, 14, ["reach_total"])}


def test_after_a_totals_row_one_row_is_again_not_enough():
    numbers = {"reach_total": column(10, 20, 30, 5, 5)}
    assert sum_rows([1, 2, 3, 4, 5], numbers) == {3: (1, 2, ["reach_total"])}


# --- implausible values --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "amount", "expected"),
    [
        ("reach_total", exact(1_000_000), False),  # at the limit: still plausible
        ("reach_total", exact(1_000_001), True),
        ("participants_target_group", Amount(10, 1_000_001, "range"), True),
        ("annual_cost_eur", exact(50_000_000), False),
        ("annual_cost_eur", exact(50_000_001), True),
        ("reach_total", None, False),  # a blank cell
        ("reach_total", UNKNOWN, False),
        ("title", exact(5_000_000_000), False),  # a field without a limit
        ("title", None, False),
    ],
)
def test_plausible_limits_at_and_beside_their_edges(key, amount, expected):
    assert implausible(key, amount) is expected
