"""The twelve case studies side by side: positive health, databanks, reach and cost, scorecard.

Everything here reads the case register (``case_studies.csv``), the key-figure map
(``case_key_figures.csv``, which points each case at figure ids in the figures table) and
the scorecard (``scorecard.csv``: which case illustrates which efficiency criterion of
section 4.5 and which steering question of section 5.3). Functions return tidy frames;
the chart functions return Altair charts for `helpers.page.charts.show`.
"""

from __future__ import annotations

import math
import textwrap

import altair as alt
import pandas as pd

from helpers.inputs.amersfoort import case_studies
from helpers.inputs.schema import HEALTH_DIMENSION_KEYS, HEALTH_DIMENSION_LABELS_EN
from helpers.page.figure_text import QUALIFIER_WORDS, format_figure, source_of
from helpers.paths import AMERSFOORT

NOT_KNOWN = "not known"
KEY_FIGURES_FILE = AMERSFOORT / "case_key_figures.csv"
SCORECARD_FILE = AMERSFOORT / "scorecard.csv"

#: The columns of case_key_figures.csv and how the comparison names them.
KEY_FIGURES = {
    "participants_figure_id": "participants",
    "annual_cost_figure_id": "annual cost",
    "cost_per_participant_figure_id": "cost per participant",
    "municipal_share_figure_id": "municipal share of cost",
    "success_rate_figure_id": "success rate",
    "avoided_cost_figure_id": "avoided cost",
}

#: Recognition levels of the Dutch databanks' shared system, lowest first, preceded by
#: the two ways a case can be without a level. Levels in the register must be listed here.
RECOGNITION_ORDER = (
    "no databank entry",
    "not recognised",
    "Goed beschreven",
    "Goed onderbouwd",
    "Effectief - eerste aanwijzingen",
    "Effectief - goede aanwijzingen",
    "Effectief - sterke aanwijzingen",
)
RECOGNITION_WORDS = {"": "no databank entry", "niet erkend": "not recognised"}

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


def case_label(row: pd.Series) -> str:
    """'2. Stevig ouderschap': annex number and heading, so labels sort in annex order."""
    return f"{int(row['annex_number'])}. {row['name']}"


def case_labels(cases: pd.DataFrame | None = None) -> list[str]:
    cases = case_studies() if cases is None else cases
    return [case_label(row) for _, row in cases.iterrows()]


# --------------------------------------------------------------------------------------
# Positive health: the 12 x 6 matrix and the spider webs per group
# --------------------------------------------------------------------------------------


def dimension_matrix(cases: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per case and dimension: coded (bool), with the case's §4.3 group."""
    cases = case_studies() if cases is None else cases
    rows = []
    for _, case in cases.iterrows():
        coded = {k for k in str(case["health_dimensions"]).split(";") if k}
        unknown = coded - set(HEALTH_DIMENSION_KEYS)
        if unknown:
            raise ValueError(f"{case['case_id']}: unknown dimension keys {sorted(unknown)}")
        for key in HEALTH_DIMENSION_KEYS:
            rows.append(
                {
                    "case_id": case["case_id"],
                    "case": case_label(case),
                    "group": case["dimension_group"],
                    "key": key,
                    "dimension": HEALTH_DIMENSION_LABELS_EN[key],
                    "coded": key in coded,
                }
            )
    return pd.DataFrame(rows)


def dimension_totals(matrix: pd.DataFrame) -> pd.DataFrame:
    """Cases per dimension, in vocabulary order (zeros kept)."""
    counts = matrix.groupby("key", sort=False)["coded"].sum()
    return pd.DataFrame(
        {
            "dimension": [HEALTH_DIMENSION_LABELS_EN[k] for k in HEALTH_DIMENSION_KEYS],
            "cases": [int(counts.get(k, 0)) for k in HEALTH_DIMENSION_KEYS],
        }
    )


def dimension_heatmap(matrix: pd.DataFrame, source: str) -> alt.Chart:
    """Cases (rows, annex order) by dimensions (columns); coded cells filled."""
    data = matrix.assign(
        coded_text=matrix["coded"].map({True: "coded", False: "not coded"}), source=source
    )
    return (
        alt.Chart(data)
        .mark_rect(stroke="white", strokeWidth=2)
        .encode(
            x=alt.X(
                "dimension:N",
                sort=[HEALTH_DIMENSION_LABELS_EN[k] for k in HEALTH_DIMENSION_KEYS],
                title=None,
                axis=alt.Axis(labelAngle=-30, orient="top"),
            ),
            y=alt.Y("case:N", sort=list(dict.fromkeys(data["case"])), title=None),
            color=alt.Color(
                "coded_text:N",
                scale=alt.Scale(domain=["coded", "not coded"], range=["#2f6f8f", "#eef2f4"]),
                title="§4.3",
            ),
            tooltip=["case:N", "dimension:N", "coded_text:N", "group:N", "source:N"],
        )
        .properties(width=360, height=330)
    )


def is_dimension_group(label: str) -> bool:
    """True for the three groups of §4.3 (not for 'outside the groups')."""
    return str(label).startswith("group ")


def radar_values(matrix: pd.DataFrame) -> pd.DataFrame:
    """Per §4.3 group and dimension: how many of the group's cases are coded, and the share."""
    grouped = matrix[matrix["group"].map(is_dimension_group)]
    rows = []
    for group, part in grouped.groupby("group", sort=False):
        n_cases = part["case_id"].nunique()
        members = ", ".join(dict.fromkeys(part["case"]))
        for key in HEALTH_DIMENSION_KEYS:
            coded = int(part.loc[part["key"] == key, "coded"].sum())
            rows.append(
                {
                    "group": group,
                    "members": members,
                    "key": key,
                    "dimension": HEALTH_DIMENSION_LABELS_EN[key],
                    "cases coded": coded,
                    "cases in group": n_cases,
                    "share": coded / n_cases,
                }
            )
    return pd.DataFrame(rows)


def _angle(position: int, n: int) -> float:
    """Angle of axis ``position`` of ``n``: the first points straight up, then clockwise."""
    return math.pi / 2 - 2 * math.pi * position / n


def radar_polygon(values: pd.DataFrame) -> pd.DataFrame:
    """x/y corners of each group's polygon (share on each dimension axis), closed.

    The first corner is repeated at the end (``order`` = n) so a line drawn in ``order``
    closes the shape.
    """
    n = len(HEALTH_DIMENSION_KEYS)
    rows = []
    for group, part in values.groupby("group", sort=False):
        by_key = part.set_index("key")
        for order, key in enumerate([*HEALTH_DIMENSION_KEYS, HEALTH_DIMENSION_KEYS[0]]):
            share = float(by_key.loc[key, "share"])
            angle = _angle(order % n, n)
            rows.append(
                {
                    "group": group,
                    "order": order,
                    "dimension": HEALTH_DIMENSION_LABELS_EN[key],
                    "share": share,
                    "cases": "{} of {}".format(
                        by_key.loc[key, "cases coded"], by_key.loc[key, "cases in group"]
                    ),
                    "x": round(share * math.cos(angle), 9),
                    "y": round(share * math.sin(angle), 9),
                }
            )
    return pd.DataFrame(rows)


def radar_frame(levels=(0.5, 1.0)) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The web behind the polygons: rings (closed, per level), spokes and axis labels."""
    n = len(HEALTH_DIMENSION_KEYS)
    rings = pd.DataFrame(
        [
            {
                "level": level,
                "order": i,
                "x": round(level * math.cos(_angle(i % n, n)), 9),
                "y": round(level * math.sin(_angle(i % n, n)), 9),
            }
            for level in levels
            for i in range(n + 1)
        ]
    )
    spokes = pd.DataFrame(
        [
            {
                "dimension": HEALTH_DIMENSION_LABELS_EN[k],
                "x": 0.0,
                "y": 0.0,
                "x2": round(math.cos(_angle(i, n)), 9),
                "y2": round(math.sin(_angle(i, n)), 9),
            }
            for i, k in enumerate(HEALTH_DIMENSION_KEYS)
        ]
    )
    labels = spokes.assign(x=spokes["x2"] * 1.1, y=spokes["y2"] * 1.14)[["dimension", "x", "y"]]
    return rings, spokes, labels


def radar_chart(values: pd.DataFrame, source: str, size: int = 190) -> alt.ConcatChart:
    """One spider web per §4.3 group, side by side; axes are the six dimensions."""
    rings, spokes, labels = radar_frame()
    polygon = radar_polygon(values).assign(source=source)
    # Equal units on both axes: wide for the side labels, short above and below.
    half_x, half_y = 1.9, 1.3
    x = alt.X("x:Q", scale=alt.Scale(domain=[-half_x, half_x], nice=False), axis=None)
    y = alt.Y("y:Q", scale=alt.Scale(domain=[-half_y, half_y], nice=False), axis=None)
    panels = []
    for group, part in polygon.groupby("group", sort=False):
        members = values.loc[values["group"] == group, "members"].iloc[0].split(", ")
        heading = textwrap.wrap(str(group), 30)
        web = (
            alt.Chart(rings)
            .mark_line(color="#c8d2d8", strokeWidth=1)
            .encode(x=x, y=y, detail="level:N", order="order:Q")
        )
        axes = alt.Chart(spokes).mark_rule(color="#c8d2d8").encode(x=x, y=y, x2="x2:Q", y2="y2:Q")
        text = [
            alt.Chart(labels[side(labels["x"])])
            .mark_text(fontSize=10, color="#333", align=align)
            .encode(x=x, y=y, text="dimension:N")
            for align, side in (
                ("left", lambda v: v > 0.01),
                ("right", lambda v: v < -0.01),
                ("center", lambda v: v.abs() <= 0.01),
            )
        ]
        tooltip = ["group:N", "dimension:N", "cases:N", "source:N"]
        shape = (
            alt.Chart(part)
            .mark_line(color="#2f6f8f", strokeWidth=2.5)
            .encode(x=x, y=y, order="order:Q")
        )
        dots = (
            alt.Chart(part[part["order"] < len(HEALTH_DIMENSION_KEYS)])
            .mark_point(color="#2f6f8f", filled=True, size=60)
            .encode(x=x, y=y, tooltip=tooltip)
        )
        title = alt.TitleParams(heading, subtitle=members, fontSize=11, subtitleFontSize=10)
        panels.append(
            alt.layer(web, axes, *text, shape, dots, title=title).properties(
                width=size, height=round(size * half_y / half_x)
            )
        )
    return alt.concat(*panels, columns=2, spacing=16).configure_view(stroke=None)


# --------------------------------------------------------------------------------------
# Databank recognition
# --------------------------------------------------------------------------------------


def recognition_table(cases: pd.DataFrame | None = None) -> pd.DataFrame:
    """Databank and recognition level per case, with the level placed on the ladder."""
    cases = case_studies() if cases is None else cases
    levels = cases["recognition_level"].map(lambda v: RECOGNITION_WORDS.get(v, v))
    unknown = sorted(set(levels) - set(RECOGNITION_ORDER))
    if unknown:
        raise ValueError(f"recognition levels not on the ladder: {unknown}")
    return pd.DataFrame(
        {
            "case_id": cases["case_id"],
            "intervention": case_labels(cases),
            "databank": cases["databank"].replace("", "–"),
            "recognition level": levels,
            "rank": levels.map(RECOGNITION_ORDER.index),
            "since": cases["recognition_year"].replace("", "–"),
        }
    )


def cases_with_level(table: pd.DataFrame) -> int:
    """Cases that have a recognition level in a databank (not 'none' or 'not recognised')."""
    return int((table["rank"] >= RECOGNITION_ORDER.index("Goed beschreven")).sum())


def recognition_chart(table: pd.DataFrame, source: str) -> alt.Chart:
    """A dot per case on the recognition ladder."""
    data = table.assign(source=source)
    return (
        alt.Chart(data)
        .mark_point(filled=True, size=120, color="#2f6f8f")
        .encode(
            x=alt.X(
                "recognition level:N",
                sort=list(RECOGNITION_ORDER),
                scale=alt.Scale(domain=list(RECOGNITION_ORDER)),
                title="recognition level (lowest left)",
                axis=alt.Axis(labelAngle=-30, labelLimit=220),
            ),
            y=alt.Y("intervention:N", sort=list(data["intervention"]), title=None),
            tooltip=["intervention:N", "databank:N", "recognition level:N", "since:N", "source:N"],
        )
        .properties(width=380, height=330)
    )


# --------------------------------------------------------------------------------------
# Reach and cost per participant (via case_key_figures.csv)
# --------------------------------------------------------------------------------------


def read_key_figures(path=KEY_FIGURES_FILE) -> pd.DataFrame:
    """The key-figure map: one row per case, figure ids or '' (= the report does not give it)."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"case_id", *KEY_FIGURES} - set(table.columns)
    if missing:
        raise ValueError(f"{path}: missing columns {sorted(missing)}")
    return table


def key_figure_values(
    key_figures: pd.DataFrame, figures: pd.DataFrame, cases: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Long table: case x key figure, with the evaluated number, its text and its source.

    ``figures`` is the evaluated figures table (`helpers.inputs.figures.evaluate`). Every case of
    the register appears for every key figure; an empty id gives ``known`` False and the
    text "not known". An id that is not in the figures table is an error.
    """
    cases = case_studies() if cases is None else cases
    by_id = figures.set_index("figure_id", drop=False)
    by_case = key_figures.set_index("case_id")
    extra = sorted(set(by_case.index) - set(cases["case_id"]))
    if extra:
        raise ValueError(f"case_key_figures.csv: unknown case ids {extra}")
    rows = []
    for _, case in cases.iterrows():
        entry = by_case.loc[case["case_id"]] if case["case_id"] in by_case.index else None
        for column, label in KEY_FIGURES.items():
            figure_id = "" if entry is None else str(entry[column]).strip()
            row = {
                "case_id": case["case_id"],
                "intervention": case_label(case),
                "figure": label,
                "figure_id": figure_id,
                "known": bool(figure_id),
                "value": math.nan,
                "value_high": math.nan,
                "unit": "",
                "year": "",
                "metric": "",
                "text": NOT_KNOWN,
                "source": "2024 report, annex 3 (not given)",
            }
            if figure_id:
                if figure_id not in by_id.index:
                    raise KeyError(
                        f"case_key_figures.csv: {case['case_id']}: unknown {figure_id!r}"
                    )
                fig = by_id.loc[figure_id]
                year = "" if pd.isna(fig["year"]) else str(int(fig["year"]))
                row.update(
                    value=float(fig["computed"]),
                    value_high=float(fig["value_high"])
                    if fig["qualifier"] == "range"
                    else math.nan,
                    unit=fig["unit"],
                    year=year,
                    metric=fig["metric"].replace("_", " "),
                    text=QUALIFIER_WORDS[fig["qualifier"]]
                    + format_figure(fig)
                    + (f" ({year})" if year else ""),
                    source=source_of(fig),
                )
            rows.append(row)
    return pd.DataFrame(rows)


def key_figure_table(
    values: pd.DataFrame, figures: list[str] | None = None, with_metric: bool = False
) -> pd.DataFrame:
    """Wide: one row per case, one column per key figure; unknowns read "not known".

    ``with_metric`` adds what each number measures ("92%: pupils progressing"), for key
    figures whose meaning differs from case to case.
    """
    text = values["text"].where(
        ~(values["known"] & with_metric), values["text"] + ": " + values["metric"]
    )
    wide = values.assign(text=text).pivot(index="intervention", columns="figure", values="text")
    order = list(dict.fromkeys(values["intervention"]))
    columns = list(KEY_FIGURES.values()) if figures is None else figures
    table = wide.reindex(index=order, columns=columns).reset_index()
    table.columns.name = None
    return table


def unknown_counts(values: pd.DataFrame) -> pd.DataFrame:
    """For each key figure: in how many of the cases the report does not give it."""
    counts = values.groupby("figure", sort=False)["known"].agg(["size", "sum"])
    return pd.DataFrame(
        {
            "figure": counts.index,
            "cases with the figure": counts["sum"].astype(int).to_list(),
            "not known": (counts["size"] - counts["sum"]).astype(int).to_list(),
        }
    )


def reach_cost_chart(values: pd.DataFrame, source: str) -> alt.HConcatChart:
    """Participants and cost per participant side by side (log scales); gaps say 'not known'."""
    order = list(dict.fromkeys(values["intervention"]))
    panels = []
    for number, (label, title, fmt) in enumerate(
        (
            ("participants", "participants (log scale)", ",.0f"),
            ("cost per participant", "EUR per participant (log scale)", ",.0f"),
        )
    ):
        part = values[values["figure"] == label].assign(via=source)
        known = part[part["known"]]
        low = 10 ** math.floor(math.log10(known["value"].min())) if len(known) else 1
        high = (
            10 ** math.ceil(math.log10(known[["value", "value_high"]].max().max()))
            if len(known)
            else 10
        )
        scale = alt.Scale(type="log", domain=[low, high])
        axis = alt.Axis() if number == 0 else alt.Axis(labels=False, ticks=False)
        y = alt.Y("intervention:N", sort=order, title=None, axis=axis)
        tooltip = ["intervention:N", "metric:N", "text:N", "source:N", "figure_id:N", "via:N"]
        dots = (
            alt.Chart(known)
            .mark_point(filled=True, size=90, color="#2f6f8f")
            .encode(
                x=alt.X("value:Q", scale=scale, title=title, axis=alt.Axis(format=fmt)),
                y=y,
                tooltip=tooltip,
            )
        )
        ranges = (
            alt.Chart(known[known["value_high"].notna()])
            .mark_rule(color="#2f6f8f", strokeWidth=3)
            .encode(x=alt.X("value:Q", scale=scale), x2="value_high:Q", y=y, tooltip=tooltip)
        )
        gaps = (
            alt.Chart(part[~part["known"]].assign(at=low))
            .mark_text(align="left", color="#b03a2e", fontStyle="italic")
            .encode(x=alt.X("at:Q", scale=scale), y=y, text="text:N", tooltip=tooltip)
        )
        layer = alt.layer(ranges, dots, gaps).properties(width=200, height=330, title=label)
        panels.append(layer)
    return alt.hconcat(*panels, spacing=12)


# --------------------------------------------------------------------------------------
# Scorecard: efficiency criteria (§4.5) and steering questions (§5.3) x cases
# --------------------------------------------------------------------------------------


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
        scale=alt.Scale(domain=["named as an example", "not named"], range=["#2f6f8f", "#eef2f4"]),
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
            .mark_rect(stroke="white", strokeWidth=2)
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
