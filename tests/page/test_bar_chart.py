"""`bar_chart`: one horizontal bar chart for the book, stacked, grouped or as ranges."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.chapters import cost_reach, municipalities
from helpers.page import palette
from helpers.page.charts import WRAPPED_LABEL, bar_chart
from helpers.page.i18n import Language

AGES = pd.DataFrame({"age group": ["0-4", "4-12"], "interventions": [31, 54]})
EN = Language("en")


@pytest.mark.parametrize(
    ("source", "colour"),
    [("2024 report, §3.4", palette.AS_PUBLISHED), ("computed from a.xlsx", palette.COMPUTED)],
)
def test_single_bars_take_the_colour_of_their_source(source, colour):
    spec = bar_chart(AGES, "age group", "interventions", source).to_dict()
    assert spec["mark"] == {"type": "bar", "color": colour}
    assert spec["encoding"]["y"]["axis"]["labelExpr"] == WRAPPED_LABEL
    assert spec["height"] == {"step": 20}
    assert spec["width"] == 480


def test_long_labels_get_a_taller_row():
    long = AGES.assign(**{"age group": ["a label long enough to need two lines here", "b"]})
    assert bar_chart(long, "age group", "interventions", "s").to_dict()["height"] == {"step": 32}


def stack(grouped: bool, **options) -> dict:
    frame = pd.DataFrame(
        {
            "measure": ["in scope", "in scope", "cost known", "cost known"],
            "place": ["A", "B", "A", "B"],
            "share": [40.0, 50.0, 10.0, 20.0],
        }
    )
    return bar_chart(frame, "measure", "share", "s", color="place", grouped=grouped, **options)


def test_stacked_bars_colour_by_category_with_the_legend_under_the_chart():
    spec = stack(False).to_dict()
    assert "yOffset" not in spec["encoding"]
    colour = spec["encoding"]["color"]
    assert colour["scale"] == {"domain": ["A", "B"], "range": list(palette.CATEGORIES[:2])}
    assert colour["legend"]["orient"] == "bottom"
    assert "color" not in spec["mark"]


def test_grouped_bars_sit_side_by_side_in_the_given_colours():
    scale = {"domain": ["A", "B"], "range": [palette.COMPUTED, palette.AS_PUBLISHED]}
    spec = stack(True, colours=scale, x_domain=(0, 100)).to_dict()
    assert spec["encoding"]["yOffset"]["field"] == "place"
    assert spec["encoding"]["color"]["scale"] == scale
    assert spec["encoding"]["x"]["scale"] == {"domain": [0, 100]}
    assert spec["height"] == {"step": 14}  # the step of each bar (at least 14 px), not of the row


def test_range_bars_run_from_start_to_value_with_a_tick_at_the_end():
    frame = pd.DataFrame({"name": ["x", "y"], "low": [10.0, 5.0], "high": [30.0, 5.0]})
    spec = bar_chart(frame, "name", "high", "computed from w.xlsx", start="low", axis_title="€")
    bar, tick = spec.to_dict()["layer"]
    assert (bar["encoding"]["x"]["field"], bar["encoding"]["x2"]["field"]) == ("low", "high")
    assert bar["encoding"]["x"]["title"] == "€"
    assert tick["mark"]["type"] == "tick" and tick["encoding"]["x"]["field"] == "high"
    assert bar["mark"]["color"] == palette.COMPUTED


def test_a_source_per_row_is_taken_from_the_frame():
    frame = AGES.assign(source=["2024 report, §3.4", "2024 report, §3.4"])
    spec = bar_chart(frame, "age group", "interventions", None).to_dict()
    assert spec["mark"]["color"] == palette.AS_PUBLISHED
    assert {"field": "source", "type": "nominal"} in spec["encoding"]["tooltip"]


def test_cost_reach_and_municipalities_draw_with_bar_chart():
    rows = pd.DataFrame(
        {"title": ["A", "B"], "cpp_low": [10.0, 4.0], "cpp_high": [20.0, 4.0], "running": True}
    )
    ranked = cost_reach.ranked_chart(rows, "computed from w.xlsx", EN).to_dict()
    assert ranked["layer"][0]["encoding"]["y"]["axis"]["labelExpr"] == WRAPPED_LABEL
    long = pd.DataFrame(
        {
            "topic": "age",
            "measure": ["0-4", "0-4"],
            "place": ["Zonnedal", "Amersfoort (published, 2023)"],
            "share": [12.0, 20.0],
            "basis": ["computed from the workbook", "published figure for 2023"],
        }
    )
    topic = municipalities.topic_chart(long, "age", "computed from w.xlsx", EN).to_dict()
    assert topic["encoding"]["y"]["axis"]["labelExpr"] == WRAPPED_LABEL
    assert topic["encoding"]["color"]["scale"]["range"] == [palette.COMPUTED, palette.AS_PUBLISHED]
    rows = next(iter(topic["datasets"].values()))
    assert [r["source"] for r in rows] == ["computed from w.xlsx", "published figure for 2023"]


def test_counts_get_whole_ticks_and_shares_keep_theirs():
    counts = pd.DataFrame({"group": ["a", "b"], "n": [1, 3]})
    shares = pd.DataFrame({"group": ["a", "b"], "share": [0.5, 2.25]})
    count_axis = bar_chart(counts, "group", "n", "computed").to_dict()["encoding"]["x"]
    share_axis = bar_chart(shares, "group", "share", "computed").to_dict()["encoding"]["x"]
    assert count_axis["axis"]["tickMinStep"] == 1
    assert "axis" not in share_axis
