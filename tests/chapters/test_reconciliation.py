"""The reconciliation: status rules on hand-made cases, the links table, reviewed statuses."""

import csv
import math

import pandas as pd
import pytest

from helpers.chapters.recomputations import LINK_COLUMNS, Intervals, link_problems, read_links
from helpers.chapters.reconciliation import STATUSES, reconcile
from helpers.chapters.reconciliation_rules import (
    about_tolerance,
    compare,
    decimals,
    half_unit,
    significant_unit,
)
from helpers.inputs.figures import load_figures
from helpers.paths import DATA, ROOT
from helpers.tools.ledger import PIN_COLUMNS, reconciliation_pins

EXPECTED = ROOT / "tests" / "reconciliation_expected.csv"


@pytest.fixture(scope="module")
def figures():
    return load_figures(DATA)


@pytest.fixture(scope="module")
def result():
    return reconcile(DATA)


# --- precision -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "places", "half", "significant"),
    [
        (0.9, 1, 0.05, 0.1),
        (137, 0, 0.5, 1),
        (2900, 0, 0.5, 100),
        (40, 0, 0.5, 10),
        (33.3, 1, 0.05, 0.1),
        (0.05, 2, 0.005, 0.01),
        (0, 0, 0.5, 1),
    ],
)
def test_precision_of_published_numbers(value, places, half, significant):
    assert decimals(value) == places
    assert half_unit(value) == pytest.approx(half)
    assert significant_unit(value) == pytest.approx(significant)


def test_about_tolerance_is_half_the_last_digit_but_at_least_five_percent():
    assert about_tolerance(40) == pytest.approx(5)  # half of the tens digit
    assert about_tolerance(2900) == pytest.approx(145)  # 5 % beats half a hundred
    assert about_tolerance(2) == pytest.approx(0.5)


# --- the status rules on hand-made cases ---------------------------------------------------


def agrees(value, qualifier, low, high=None, **kw):
    return compare(value, qualifier, low, high, **kw).agrees


@pytest.mark.parametrize(
    ("value", "recomputed", "expected"),
    [
        (0.9, 0.917, True),  # rounds to 0.9
        (0.9, 0.85, True),  # tie: could round either way
        (0.9, 0.95, True),  # tie on the other side
        (0.9, 0.951, False),
        (0.9, 0.849, False),
        (137, 137, True),
        (137, 137.4, True),
        (137, 137.6, False),
        (3.5, 3.529, True),
        (125000, 125000, True),
        (120, 125, False),
    ],
)
def test_exact_figures_match_at_the_published_precision(value, recomputed, expected):
    assert agrees(value, "=", recomputed) is expected


@pytest.mark.parametrize(
    ("value", "recomputed", "expected"),
    [
        (40, 44.9, True),
        (40, 45.1, False),
        (2900, 3040, True),
        (2900, 3050, False),
        (2, 2.5, True),
        (2, 2.6, False),
        (175000, 174000, True),
    ],
)
def test_about_figures(value, recomputed, expected):
    assert agrees(value, "~", recomputed) is expected


def test_less_than_and_just_under():
    assert agrees(200, "<", 160)
    assert not agrees(200, "<", 200)  # strict
    assert not agrees(200, "<", 201)
    assert agrees(30000, "<", 28500, note="'een kleine 30.000' = just under")
    assert not agrees(30000, "<", 25000, note="just under")  # holds, but not close
    assert not agrees(1000, "<", 1626, note="just under")
    assert agrees(1000, "<", 1626 - 700, note="")  # no closeness asked


def test_more_than_and_a_bit_more():
    assert agrees(137, ">", 159)
    assert not agrees(137, ">", 137)
    assert agrees(100, ">", 104, note="'ruim 100' = a bit more than")
    assert not agrees(100, ">", 150, note="ruim")
    assert agrees(100, ">", 150)


def test_ranges_include_their_ends_with_rounding_slack():
    assert agrees(400, "range", 672, value_high=700)
    assert agrees(400, "range", 700.4, value_high=700)
    assert agrees(400, "range", 399.6, value_high=700)
    assert not agrees(400, "range", 701, value_high=700)
    assert not agrees(400, "range", 399, value_high=700)


def test_interval_recomputations_agree_when_any_point_does():
    assert agrees(8, "~", 8, 10)  # 200 / 20..25 groups
    assert agrees(100, ">", 96, 104, note="ruim")  # 8 classes of 12..13
    assert not agrees(100, ">", 90, 99, note="ruim")


def test_approximate_inputs_use_the_about_rule_for_exact_figures():
    assert not agrees(12, "=", 12.4 + 0.2)
    assert agrees(12, "=", 12.6, approximate=True)


def test_at_most_relation():
    assert agrees(12, "=", 10, relation="at_most")
    assert agrees(12, "=", 12.4, relation="at_most")
    assert not agrees(12, "=", 13, relation="at_most")
    assert agrees(400, "range", 690, value_high=700, relation="at_most")


def test_gap_is_recomputed_minus_published():
    verdict = compare(120, "=", 125)
    assert verdict.gap == pytest.approx(5)
    assert verdict.relative_gap == pytest.approx(5 / 120)
    assert math.isnan(compare(0, "=", 1).relative_gap)


def test_unknown_qualifier_is_refused():
    with pytest.raises(ValueError):
        compare(1, "≈", 1)


def test_interval_arithmetic_on_a_hand_made_table():
    rows = [
        ("a", "published", 20.0, 25.0, "range", ""),
        ("b", "published", 200.0, float("nan"), "<", ""),
        ("c", "derived", float("nan"), float("nan"), "=", "b / a"),
        ("d", "derived", float("nan"), float("nan"), "=", "a * 2 - 5"),
        ("e", "published", 3.0, float("nan"), "=", ""),
        ("f", "derived", float("nan"), float("nan"), "=", "e + e"),
    ]
    frame = pd.DataFrame(
        rows, columns=["figure_id", "kind", "value", "value_high", "qualifier", "formula"]
    )
    intervals = Intervals(frame)
    assert intervals("c") == pytest.approx((8, 10))
    assert intervals("d") == pytest.approx((35, 45))
    assert intervals("f") == pytest.approx((6, 6))
    assert intervals.approximate("c") and not intervals.approximate("f")


# --- the links table -----------------------------------------------------------------------


def test_links_table_is_valid(figures):
    links = read_links(DATA)
    assert list(links.columns) == LINK_COLUMNS
    assert link_problems(links, figures) == []


def test_links_table_rejects_wrong_kinds_and_unknown_ids(figures):
    bad = pd.DataFrame(
        [
            ["inv_in_scope_check", "inv_in_scope", "same", "reversed"],  # derived as published
            ["inv_in_scope", "no_such_id", "same", "unknown id"],
            ["inv_in_scope", "ch6_in_scope", "same", "a published figure needs 'restates'"],
            ["inv_in_scope", "inv_in_scope_check", "equals", "unknown relation"],
        ],
        columns=LINK_COLUMNS,
    )
    problems = "\n".join(link_problems(bad, figures))
    assert "published_id inv_in_scope_check is derived" in problems
    assert "'no_such_id' is not a figure id" in problems
    assert "ch6_in_scope is published" in problems
    assert "relation 'equals'" in problems


#: Rows whose note mentions a comparison but that recompute no published figure.
NOT_RECOMPUTATIONS = {
    "rew_lessons_difference": "a difference between two published lesson counts",
}


def test_every_check_reconciles_or_compare_row_is_linked(figures):
    links = read_links(DATA)
    linked = set(links["published_id"]) | set(links["recomputed_id"])
    derived = figures[figures["kind"] == "derived"]
    marked = derived[
        derived["figure_id"].str.endswith("_check")
        | derived["note"].str.startswith("reconciles:")
        | derived["note"].str.contains("compare", case=False)
    ]
    published_marked = figures[
        (figures["kind"] == "published") & figures["note"].str.startswith("reconciles:")
    ]
    missing = sorted(
        (set(marked["figure_id"]) | set(published_marked["figure_id"]))
        - linked
        - set(NOT_RECOMPUTATIONS)
    )
    assert not missing, f"rows that re-derive a published figure but are not linked: {missing}"


def test_reconciles_notes_point_to_the_linked_figure(figures):
    links = read_links(DATA)
    pairs = {frozenset(p) for p in zip(links["published_id"], links["recomputed_id"], strict=True)}
    for _, row in figures[figures["note"].str.startswith("reconciles:")].iterrows():
        target = row["note"].split()[1].rstrip(".;,")
        assert frozenset((row["figure_id"], target)) in pairs, row["figure_id"]


# --- the reviewed statuses -----------------------------------------------------------------


def test_every_published_figure_has_exactly_one_status(result, figures):
    published = set(figures.loc[figures["kind"] == "published", "figure_id"])
    assert set(result.table["figure_id"]) == published
    assert result.table["figure_id"].is_unique
    assert set(result.table["status"]) <= set(STATUSES)
    missing = result.table[result.table["status"] == "not reproducible"]
    assert (missing["reason"].str.len() > 10).all()
    differs = result.table[result.table["status"] == "differs"]
    assert differs["gap"].notna().all() and (differs["found"] != "").all()


def test_statuses_values_and_gaps_are_the_reviewed_ones():
    """Every published figure keeps its reviewed status, values and gap (`make pins`)."""
    with EXPECTED.open(encoding="utf-8", newline="") as handle:
        expected = {row["figure_id"]: row for row in csv.DictReader(handle)}
    actual = {row["figure_id"]: row for row in reconciliation_pins(DATA)}
    changed = [
        f"{fid} {column}: expected {expected[fid][column]!r}, now {actual[fid][column]!r}"
        for fid in sorted(expected.keys() & actual.keys())
        for column in PIN_COLUMNS[1:]
        if expected[fid][column] != actual[fid][column]
    ]
    new = [
        f"{fid}: new figure, status {actual[fid]['status']!r}"
        for fid in sorted(actual.keys() - expected.keys())
    ]
    gone = [
        f"{fid}: no longer a published figure" for fid in sorted(expected.keys() - actual.keys())
    ]
    problems = changed + new + gone
    assert not problems, (
        "reconciliation changed; review it, then run `make pins` to rewrite "
        "tests/reconciliation_expected.csv:\n" + "\n".join(problems)
    )


def test_pins_hold_values_and_gaps_not_only_statuses():
    with EXPECTED.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == PIN_COLUMNS
    differs = [r for r in rows if r["status"] == "differs"]
    assert differs and all(r["gap"] and r["recomputed"] for r in differs)
    # a hand-checked row: 47 people fitness-tested, 46 accounted for in the text (annex 3, 10.4)
    svk = next(r for r in rows if r["figure_id"] == "svk_fitness_tested_2023")
    assert (svk["published"], svk["recomputed"], float(svk["gap"])) == ("47", "46", -1.0)


def test_inconsistencies_come_from_the_differs_statuses(result):
    found = result.inconsistencies()
    assert set(found["figure_id"]) == set(
        result.table.loc[result.table["status"] == "differs", "figure_id"]
    )
    # the 11 + 21 = 32 sentence of the 2017 report is one of them, found inside the report
    row = found[found["figure_id"] == "kvds_d1_strength_or_direction"].iloc[0]
    assert "within the report" in set(found.loc[found["figure_id"] == row["figure_id"], "found"])


def test_data_counts_are_independent_of_the_figures_table(result):
    """The workbook-row count for 137 is a count of rows, not a copy of the figure."""
    from helpers.inputs.workbook import read_inventory

    rows = read_inventory(DATA / "amersfoort-2024" / "inventory.xlsx").frame
    counted = [
        r for r in result.recomputations if r.figure_id == "inv_in_scope" and r.origin == "data"
    ]
    assert counted and counted[0].low == int(rows["in_scope"].fillna(False).sum())
