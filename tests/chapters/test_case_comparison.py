"""The cross-case comparison: dimension matrix, spider webs, databanks, key figures, scorecard.

Expectations come from the CSV files read with the csv module, or from small hand-made
registers whose answers are obvious; never from the chapter's output.
"""

from __future__ import annotations

import csv
import math

import pandas as pd
import pytest

from helpers.chapters import case_comparison as cmp
from helpers.chapters import case_dimensions as cd
from helpers.chapters import case_scorecard as sc
from helpers.inputs.amersfoort import key_figures
from helpers.paths import AMERSFOORT

DIMENSIONS = [
    "bodily_functions",
    "mental_wellbeing",
    "meaningfulness",
    "quality_of_life",
    "participation",
    "daily_functioning",
]


def read_csv(name: str) -> list[dict]:
    with (AMERSFOORT / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def register(*rows: tuple[str, str, str]) -> pd.DataFrame:
    """A tiny case register: (case_id, health_dimensions, dimension_group) per case."""
    return pd.DataFrame(
        [
            {
                "case_id": case_id,
                "annex_number": str(number),
                "name": case_id.title(),
                "health_dimensions": dims,
                "dimension_group": group,
                "databank": "",
                "recognition_level": "",
                "recognition_year": "",
            }
            for number, (case_id, dims, group) in enumerate(rows, start=1)
        ]
    )


# --------------------------------------------------------------------------------------
# Positive health
# --------------------------------------------------------------------------------------


def test_matrix_is_twelve_by_six_and_matches_the_register():
    rows = read_csv("case_studies.csv")
    matrix = cd.dimension_matrix()
    assert len(matrix) == 12 * 6
    for row in rows:
        coded = set(row["health_dimensions"].split(";")) - {""}
        got = matrix[matrix["case_id"] == row["case_id"]]
        assert list(got["key"]) == DIMENSIONS
        assert set(got.loc[got["coded"], "key"]) == coded, row["case_id"]


def test_dimension_totals_count_cases_per_dimension():
    rows = read_csv("case_studies.csv")
    expected = {d: sum(d in r["health_dimensions"].split(";") for r in rows) for d in DIMENSIONS}
    totals = cd.dimension_totals(cd.dimension_matrix())
    assert list(totals["cases"]) == [expected[d] for d in DIMENSIONS]


def test_unknown_dimension_key_is_an_error():
    with pytest.raises(ValueError, match="spirituality"):
        cd.dimension_matrix(register(("a", "spirituality", "group 1: x")))


def test_radar_shares_per_group():
    cases = register(
        ("a", "bodily_functions;participation", "group 1: x"),
        ("b", "bodily_functions", "group 1: x"),
        ("c", "daily_functioning", "group 2: y"),
        ("d", "", "outside the groups"),
    )
    values = cd.radar_values(cd.dimension_matrix(cases))
    assert set(values["group"]) == {"group 1: x", "group 2: y"}  # 'outside' is not drawn
    one = values[values["group"] == "group 1: x"].set_index("key")
    assert one.loc["bodily_functions", "share"] == 1.0
    assert one.loc["participation", "share"] == 0.5
    assert one.loc["meaningfulness", "share"] == 0.0
    assert (one["cases in group"] == 2).all()


def test_radar_polygon_is_closed_and_each_corner_sits_at_its_share():
    cases = register(("a", "bodily_functions;participation", "group 1: x"), ("b", "", "group 1: x"))
    polygon = cd.radar_polygon(cd.radar_values(cd.dimension_matrix(cases)))
    assert len(polygon) == 7 and list(polygon["order"]) == list(range(7))
    first, last = polygon.iloc[0], polygon.iloc[-1]
    assert (first["x"], first["y"]) == (last["x"], last["y"])
    # the first axis points straight up: bodily functions at share 0.5 -> (0, 0.5)
    assert first["x"] == pytest.approx(0) and first["y"] == pytest.approx(0.5)
    radius = (polygon["x"] ** 2 + polygon["y"] ** 2) ** 0.5
    assert list(radius.round(6)) == list(polygon["share"].round(6))
    # consecutive axes are 60 degrees apart
    rings, spokes, labels = cd.radar_frame()
    angles = [
        math.degrees(math.atan2(y, x)) for x, y in zip(spokes["x2"], spokes["y2"], strict=True)
    ]
    steps = {round((a - b) % 360, 6) for a, b in zip(angles, angles[1:], strict=False)}
    assert steps == {60.0}
    assert len(spokes) == len(labels) == 6
    assert set(spokes["dimension"]) == set(labels["dimension"])


def test_charts_serialise_and_carry_a_source():
    matrix = cd.dimension_matrix()
    for chart in (
        cd.dimension_heatmap(matrix, "SRC"),
        cd.radar_chart(cd.radar_values(matrix), "SRC"),
    ):
        spec = chart.to_dict()
        assert "SRC" in str(spec)
    radar = cd.radar_chart(cd.radar_values(matrix), "SRC").to_dict()
    groups = {r["dimension_group"] for r in read_csv("case_studies.csv")}
    assert len(radar["concat"]) == sum(g.startswith("group ") for g in groups)


# --------------------------------------------------------------------------------------
# Databank recognition
# --------------------------------------------------------------------------------------


def test_recognition_levels_from_the_register():
    rows = read_csv("case_studies.csv")
    table = cmp.recognition_table()
    assert list(table["case_id"]) == [r["case_id"] for r in rows]
    with_level = [
        r for r in rows if r["recognition_level"] and r["recognition_level"] != "niet erkend"
    ]
    assert cmp.cases_with_level(table) == len(with_level)
    none = table.set_index("case_id")["recognition level"]
    for r in rows:
        if not r["recognition_level"]:
            assert none[r["case_id"]] == "no databank entry"


def test_a_level_off_the_ladder_is_an_error():
    cases = register(("a", "", "x")).assign(recognition_level="Bewezen superieur")
    with pytest.raises(ValueError, match="Bewezen superieur"):
        cmp.recognition_table(cases)


# --------------------------------------------------------------------------------------
# Reach and cost via case_key_figures.csv
# --------------------------------------------------------------------------------------


def test_every_key_figure_id_exists_and_every_case_is_listed(figures):
    rows = read_csv("case_key_figures.csv")
    ids = set(figures["figure_id"])
    cases = {r["case_id"] for r in read_csv("case_studies.csv")}
    assert {r["case_id"] for r in rows} <= cases
    for row in rows:
        for column in cmp.KEY_FIGURES:
            if row[column]:
                assert row[column] in ids, f"{row['case_id']}: {row[column]}"


def test_key_figure_values_follow_the_map(figures):
    rows = {r["case_id"]: r for r in read_csv("case_key_figures.csv")}
    values = cmp.key_figure_values(key_figures(), figures)
    assert len(values) == 12 * len(cmp.KEY_FIGURES)
    computed = dict(zip(figures["figure_id"], figures["computed"], strict=True))
    for _, v in values.iterrows():
        figure_id = rows.get(v["case_id"], {}).get(
            next(k for k, label in cmp.KEY_FIGURES.items() if label == v["figure"]), ""
        )
        assert v["figure_id"] == figure_id
        if figure_id:
            assert v["known"] and v["value"] == pytest.approx(computed[figure_id])
            assert v["text"] != cmp.NOT_KNOWN
        else:
            assert not v["known"] and v["text"] == cmp.NOT_KNOWN


def test_empty_cells_read_not_known_and_bad_ids_fail(figures):
    cases = register(("a", "", "x"), ("b", "", "x"))
    some_id = figures["figure_id"].iloc[0]
    empty = {column: "" for column in cmp.KEY_FIGURES}
    key_map = pd.DataFrame(
        [{"case_id": "a", **empty, "participants_figure_id": some_id, "note": ""}]
    )
    values = cmp.key_figure_values(key_map, figures, cases)
    table = cmp.key_figure_table(values).set_index("intervention")
    # case b is missing from the map altogether: every figure of it is not known
    assert (table.loc["2. B"] == cmp.NOT_KNOWN).all()
    assert table.loc["1. A", "participants"] != cmp.NOT_KNOWN
    assert table.loc["1. A", "annual cost"] == cmp.NOT_KNOWN
    gaps = cmp.unknown_counts(values).set_index("figure")
    assert gaps.loc["participants", "cases with the figure"] == 1
    assert gaps.loc["annual cost", "not known"] == 2
    with pytest.raises(KeyError, match="no_such_figure"):
        cmp.key_figure_values(
            key_map.assign(annual_cost_figure_id="no_such_figure"), figures, cases
        )
    with pytest.raises(ValueError, match="zz"):
        cmp.key_figure_values(key_map.assign(case_id="zz"), figures, cases)


def test_reach_cost_chart_marks_unknowns(figures):
    values = cmp.key_figure_values(key_figures(), figures)
    spec = str(cmp.reach_cost_chart(values, "SRC").to_dict())
    unknown = values[(values["figure"] == "participants") & ~values["known"]]
    if len(unknown):
        assert cmp.NOT_KNOWN in spec
    assert "'source'" in spec or '"source"' in spec


# --------------------------------------------------------------------------------------
# Scorecard
# --------------------------------------------------------------------------------------


def test_scorecard_file_is_valid_and_pairs_point_at_the_report():
    rows = read_csv("scorecard.csv")
    assert list(rows[0]) == sc.SCORECARD_COLUMNS
    cases = {r["case_id"] for r in read_csv("case_studies.csv")}
    sc.read_scorecard()  # raises on any problem
    for row in rows:
        assert row["item_type"] in ("criterion", "steering_question")
        assert row["section"] == {"criterion": "4.5", "steering_question": "5.3"}[row["item_type"]]
        assert "§" in row["reason"], "the reason points at where the report says so"
        if row["case_id"]:
            assert row["case_id"] in cases and row["illustrates"] == "yes"
    criteria = {r["item_id"] for r in rows if r["item_type"] == "criterion"}
    questions = {r["item_id"] for r in rows if r["item_type"] == "steering_question"}
    assert len(criteria) == 6  # the six factors of section 4.5
    assert len(questions) == 16  # 5 + 6 + 5 points of section 5.3


def test_scorecard_matrix_marks_exactly_the_pairs():
    rows = read_csv("scorecard.csv")
    scorecard = sc.read_scorecard()
    matrix = sc.scorecard_matrix(scorecard)
    items = {r["item_id"] for r in rows}
    assert len(matrix) == len(items) * 12
    pairs = {(r["item_id"], r["case_id"]) for r in rows if r["case_id"]}
    marked = set(
        zip(
            matrix.loc[matrix["illustrates"], "item_id"],
            matrix.loc[matrix["illustrates"], "case_id"],
            strict=True,
        )
    )
    assert marked == pairs
    counts = sc.scorecard_items(scorecard).set_index("item_id")["cases"]
    for item in items:
        assert counts[item] == sum(1 for i, _ in pairs if i == item)
    per_case = sc.cases_per_case(matrix)
    assert per_case.iloc[:, 1:].to_numpy().sum() == len(pairs)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"case_id": "nowhere"}, "unknown case_id"),
        ({"illustrates": "no"}, "illustrates = yes"),
        ({"reason": " "}, "reason is empty"),
        ({"item_type": "wish"}, "item_type"),
    ],
)
def test_broken_scorecards_are_rejected(tmp_path, change, message):
    good = {
        "item_type": "criterion",
        "item_id": "crit_x",
        "label_en": "X",
        "section": "4.5",
        "case_id": "a",
        "illustrates": "yes",
        "reason": "§4.5 says so.",
    }
    path = tmp_path / "scorecard.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=sc.SCORECARD_COLUMNS)
        writer.writeheader()
        writer.writerow({**good, **change})
    with pytest.raises(ValueError, match=message):
        sc.read_scorecard(path, case_ids=["a"])


def test_duplicate_pair_and_mixed_item_rows_are_rejected(tmp_path):
    path = tmp_path / "scorecard.csv"
    row = ["criterion", "crit_x", "X", "4.5", "a", "yes", "§4.5"]
    bare = ["criterion", "crit_x", "X", "4.5", "", "", "§4.5 names none."]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerows([sc.SCORECARD_COLUMNS, row, row, bare])
    with pytest.raises(ValueError) as caught:
        sc.read_scorecard(path, case_ids=["a"])
    assert "twice" in str(caught.value) and "row without a case" in str(caught.value)
