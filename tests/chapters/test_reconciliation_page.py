"""Reader statuses and the reconciliation page's sentences, on hand-made tables."""

from __future__ import annotations

import dataclasses
import math

import pandas as pd
import pytest

from helpers.chapters import reconciliation_page as page
from helpers.chapters.reconciliation import (
    CANNOT,
    FAILURE_COLUMNS,
    READER_STATUSES,
    RESULT_COLUMNS,
    STATED_ONCE,
    Reconciliation,
    reconcile,
    why_not_reproducible,
)
from helpers.page import palette
from helpers.paths import DATA


def result(statuses: list[tuple[str, str]], failed: list[dict] | None = None):
    """A reconciliation of figures f0, f1, ... with (report, reader status) each."""
    rows = [
        {
            **dict.fromkeys(RESULT_COLUMNS, ""),
            "figure_id": f"f{i}",
            "report": report,
            "metric": f"metric_{i}",
            "section": "3.2",
            "status": "not reproducible" if status in (CANNOT, STATED_ONCE) else status,
            "reader_status": status,
            "reason": "r" if status in (CANNOT, STATED_ONCE) else "",
        }
        for i, (report, status) in enumerate(statuses)
    ]
    failed = pd.DataFrame(failed or [], columns=FAILURE_COLUMNS)
    return Reconciliation(
        pd.DataFrame(rows, columns=RESULT_COLUMNS), [], pd.DataFrame(), "", failed
    )


def gap(figure_id: str, found: str, relative: float, report: str = "kvds-2017") -> dict:
    return {
        **dict.fromkeys(FAILURE_COLUMNS, ""),
        "figure_id": figure_id,
        "found": found,
        "report": report,
        "section": "2",
        "published": "33",
        "recomputed": "32",
        "gap": -1.0,
        "relative_gap": relative,
    }


SAMPLE = result(
    [("amersfoort-2024", "matches")] * 3
    + [("kvds-2017", "differs"), ("kvds-2017", "differs")]
    + [("amersfoort-2024", STATED_ONCE)] * 4
    + [("kvds-2017", CANNOT)],
    [
        gap("f3", "within the report", -0.03),
        gap("f4", "within the report", 0.5),
        gap("f4", "report vs coded data", 0.2),
    ],
)


def test_key_findings_separate_failures_from_figures_with_nothing_to_check():
    sentences = page.key_findings(SAMPLE)
    assert sentences[0] == (
        "Of the 10 figures the two reports publish, 5 (50.0 %) could be recomputed here: "
        "3 match the printed number and 2 differ from it."
    )
    assert sentences[1].startswith("4 are inputs stated once")
    assert (
        "and 1 are counts over rows the studies did not publish: neither kind is a failure"
        in (sentences[1])
    )
    assert "2 figures disagree with another figure of the same report" in sentences[2]
    assert "largest relative gap is metric 4 (§2)" in sentences[2]
    assert sentences[3].startswith("Against the data this project coded, 1 published counts")


def test_status_table_has_every_status_and_a_meaning_each():
    table = page.status_table(SAMPLE).set_index("status")
    assert list(table.index) == list(READER_STATUSES)
    assert table["all"].tolist() == [3, 2, 1, 4]
    assert table.loc[STATED_ONCE, "2024 report"] == 4
    assert table.loc[CANNOT, "2017 report"] == 1
    assert table["what it means for your trust"].str.len().gt(30).all()


def test_differs_is_the_alarm_colour_and_axes_are_words():
    spec = page.status_chart(SAMPLE, "SRC").to_dict()
    scale = spec["encoding"]["color"]["scale"]
    colours = dict(zip(scale["domain"], scale["range"], strict=True))
    assert colours["differs"] == palette.DIFFERS
    assert colours["stated once"] != colours["cannot be reproduced"]
    assert len(set(colours.values())) == len(READER_STATUSES)
    assert spec["encoding"]["x"]["title"] == "published figures"


@pytest.mark.parametrize(
    ("value", "relative", "text"),
    [(5, False, "+5"), (-1000, False, "-1,000"), (0.042, True, "+4.2 %"), (math.nan, False, "")],
)
def test_signed(value, relative, text):
    assert page.signed(value, relative) == text


def test_presentable_speaks_words():
    frame = SAMPLE.table.head(1).assign(gap=2.0, relative_gap=0.1)
    shown = page.presentable(frame, ["report", "metric", "section", "gap", "relative_gap"])
    assert list(shown.columns) == ["report", "what", "section", "gap", "relative gap"]
    assert shown.iloc[0].tolist() == ["2024 report", "metric 0", "§3.2", "+2", "+10.0 %"]


def row(figure_id: str, report="amersfoort-2024", unit="count", intervention="") -> pd.Series:
    return pd.Series(
        {"figure_id": figure_id, "report": report, "unit": unit, "intervention": intervention}
    )


@pytest.mark.parametrize(
    ("figure", "status"),
    [
        (row("inv_excluded"), CANNOT),  # the 95 excluded rows were never published
        (row("inv_age_0_4"), CANNOT),
        (row("ch4_something_counted"), CANNOT),
        (row("kvds_d1_anything", report="kvds-2017"), CANNOT),
        (row("kvds_programme_duration", report="kvds-2017"), STATED_ONCE),
        (row("x_cost", intervention="case-a"), STATED_ONCE),  # an annex-3 input
        (row("x_start", unit="year"), STATED_ONCE),
        (row("kvds_finding", report="kvds-2017"), STATED_ONCE),
        (row("ch2_method_statement"), STATED_ONCE),
    ],
)
def test_why_not_reproducible_splits_counts_from_inputs(figure, status):
    found, reason = why_not_reproducible(figure)
    assert found == status and len(reason) > 10


def test_reader_statuses_refine_the_reviewers_statuses():
    table = reconcile(DATA).table
    for status, reader in zip(table["status"], table["reader_status"], strict=True):
        assert reader == status if status != "not reproducible" else reader in (CANNOT, STATED_ONCE)
    # most figures without a recomputation are inputs stated once, not failures
    missing = table[table["status"] == "not reproducible"]
    assert (missing["reader_status"] == STATED_ONCE).sum() > len(missing) / 2


def test_sources_sentence_names_the_files():
    text = page.sources_sentence(SAMPLE, "data", "links.csv")
    assert text.startswith("No mapping file was found")
    assert text.endswith("`data/links.csv` (0 pairs).")
    mapped = dataclasses.replace(SAMPLE, balance_mapping="data/kvds-2017/count_comparison.csv")
    assert "as mapped in `data/kvds-2017/count_comparison.csv`." in (
        page.sources_sentence(mapped, "data", "links.csv")
    )
