"""The scorecard: which case the report names under each efficiency criterion (§4.5) and
steering question (§5.3), read from ``scorecard.csv`` and drawn as a matrix."""

from __future__ import annotations

import altair as alt
import pandas as pd

from helpers.chapters.case_comparison import case_label, case_labels
from helpers.inputs.amersfoort import case_studies
from helpers.page import palette
from helpers.paths import AMERSFOORT

SCORECARD_FILE = AMERSFOORT / "scorecard.csv"
SCORECARD_COLUMNS = [
    "item_type",
    "item_id",
    "label_en",
    "section",
    "case_id",
    "illustrates",
    "reason",
]
ITEM_TYPES = {
    "criterion": "efficiency criterion (§4.5)",
    "steering_question": "steering question (§5.3)",
}


def read_scorecard(path=SCORECARD_FILE, case_ids=None) -> pd.DataFrame:
    """The scorecard, checked: known item types and cases, one label per item, no duplicates.

    A row with an empty ``case_id`` lists an item under which the report names no case.
    """
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(table.columns) != SCORECARD_COLUMNS:
        raise ValueError(f"{path}: header must be {SCORECARD_COLUMNS}")
    case_ids = set(case_studies()["case_id"]) if case_ids is None else set(case_ids)
    problems = []
    for number, row in table.iterrows():
        where = f"{path}, line {number + 2}"
        if row["item_type"] not in ITEM_TYPES:
            problems.append(f"{where}: item_type {row['item_type']!r}")
        if row["case_id"] and row["case_id"] not in case_ids:
            problems.append(f"{where}: unknown case_id {row['case_id']!r}")
        if row["case_id"] and row["illustrates"] != "yes":
            problems.append(f"{where}: a case row needs illustrates = yes")
        if not row["case_id"] and row["illustrates"]:
            problems.append(f"{where}: an item row without a case has no illustrates")
        if not row["reason"].strip():
            problems.append(f"{where}: reason is empty")
    per_item = table.groupby("item_id")[["item_type", "label_en", "section"]].nunique()
    for item_id in per_item.index[(per_item > 1).any(axis=1)]:
        problems.append(f"{path}: item {item_id} has more than one type, label or section")
    duplicated = table[table.duplicated(["item_id", "case_id"], keep=False)]
    for item_id, case_id in duplicated[["item_id", "case_id"]].drop_duplicates().values:
        problems.append(f"{path}: item {item_id} lists case {case_id!r} twice")
    bare = table[table["case_id"] == ""]["item_id"]
    for item_id in bare[bare.isin(table.loc[table["case_id"] != "", "item_id"])]:
        problems.append(f"{path}: item {item_id} has cases and also a row without a case")
    if problems:
        raise ValueError("\n".join(problems))
    return table


def scorecard_items(scorecard: pd.DataFrame) -> pd.DataFrame:
    """The items in file order with how many cases illustrate each."""
    items = scorecard.drop_duplicates("item_id")[["item_type", "item_id", "label_en", "section"]]
    counts = scorecard[scorecard["case_id"] != ""].groupby("item_id").size()
    return items.assign(cases=items["item_id"].map(counts).fillna(0).astype(int)).reset_index(
        drop=True
    )


def scorecard_matrix(scorecard: pd.DataFrame, cases: pd.DataFrame | None = None) -> pd.DataFrame:
    """Long: every item x every case, ``illustrates`` True where the report makes the pair."""
    cases = case_studies() if cases is None else cases
    pairs = scorecard[scorecard["case_id"] != ""].set_index(["item_id", "case_id"])["reason"]
    rows = []
    for _, item in scorecard_items(scorecard).iterrows():
        for _, case in cases.iterrows():
            key = (item["item_id"], case["case_id"])
            rows.append(
                {
                    "item_id": item["item_id"],
                    "item": f"{item['label_en']} (§{item['section']})",
                    "label": item["label_en"],
                    "type": ITEM_TYPES[item["item_type"]],
                    "case_id": case["case_id"],
                    "intervention": case_label(case),
                    "illustrates": key in pairs.index,
                    "reason": pairs.get(key, ""),
                }
            )
    return pd.DataFrame(rows)


def scorecard_chart(matrix: pd.DataFrame, source: str, cell: int = 22) -> alt.VConcatChart:
    """Items (rows) by cases (columns), criteria above questions; filled where the pair is made."""
    data = matrix.assign(
        mark=matrix["illustrates"].map({True: "named as an example", False: "not named"}),
        source=source,
    )
    cases = list(dict.fromkeys(data["intervention"]))
    color = alt.Color(
        "mark:N",
        scale=alt.Scale(
            domain=["named as an example", "not named"],
            range=[palette.origin_colour(source), palette.EMPTY],
        ),
        title=None,
        legend=alt.Legend(orient="bottom"),
    )
    panels = []
    for number, kind in enumerate(ITEM_TYPES.values()):
        part = data[data["type"] == kind]
        labels = list(dict.fromkeys(part["label"]))
        x_axis = (
            alt.Axis(labelAngle=-50, orient="top", labelLimit=170)
            if number == 0
            else alt.Axis(labels=False, ticks=False, orient="top")
        )
        panels.append(
            alt.Chart(part, title=alt.TitleParams(kind, anchor="start", fontSize=12))
            .mark_rect(stroke=palette.PAPER, strokeWidth=2)
            .encode(
                x=alt.X("intervention:N", sort=cases, title=None, axis=x_axis),
                y=alt.Y("label:N", sort=labels, title=None, axis=alt.Axis(labelLimit=300)),
                color=color,
                tooltip=["item:N", "intervention:N", "mark:N", "reason:N", "source:N"],
            )
            .properties(width=cell * len(cases), height=cell * len(labels))
        )
    return alt.vconcat(*panels, spacing=8)


def scorecard_pairs(scorecard: pd.DataFrame, cases: pd.DataFrame | None = None) -> pd.DataFrame:
    """The pairs the report makes, with the reason, for a readable table."""
    cases = case_studies() if cases is None else cases
    labels = dict(zip(cases["case_id"], case_labels(cases), strict=True))
    pairs = scorecard[scorecard["case_id"] != ""]
    return pd.DataFrame(
        {
            "item": pairs["label_en"] + " (§" + pairs["section"] + ")",
            "intervention": pairs["case_id"].map(labels),
            "where the report says so": pairs["reason"],
        }
    ).reset_index(drop=True)


def cases_per_case(matrix: pd.DataFrame) -> pd.DataFrame:
    """How many items each case illustrates, by item type (a count, not a score)."""
    named = matrix[matrix["illustrates"]]
    counts = named.groupby(["intervention", "type"]).size().unstack(fill_value=0)
    order = list(dict.fromkeys(matrix["intervention"]))
    counts = counts.reindex(index=order, columns=list(ITEM_TYPES.values()), fill_value=0)
    return counts.reset_index()
