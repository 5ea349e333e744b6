"""The twelve case studies side by side: labels, databank recognition, reach and cost.

Reads the case register (``case_studies.csv``) and the key-figure map
(``case_key_figures.csv``, which points each case at figure ids in the figures table).
Positive health is in `helpers.chapters.case_dimensions`, the scorecard of §4.5 and §5.3 in
`helpers.chapters.case_scorecard`, the page's sentences in
`helpers.chapters.case_comparison_page`.
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from helpers.inputs.amersfoort import case_studies
from helpers.page import palette
from helpers.page.figure_text import QUALIFIER_WORDS, format_figure, source_of
from helpers.page.formatting import NOT_KNOWN

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


def case_label(row: pd.Series) -> str:
    """'2. Stevig ouderschap': annex number and heading, so labels sort in annex order."""
    return f"{int(row['annex_number'])}. {row['name']}"


def case_labels(cases: pd.DataFrame | None = None) -> list[str]:
    cases = case_studies() if cases is None else cases
    return [case_label(row) for _, row in cases.iterrows()]


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
        .mark_point(filled=True, size=120, opacity=1, color=palette.origin_colour(source))
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
    colour = palette.origin_colour(source)
    panels = []
    for number, (label, title, fmt) in enumerate(
        (
            ("participants", "participants (log scale)", ",.0f"),
            ("cost per participant", "euros per participant (log scale)", ",.0f"),
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
            .mark_point(filled=True, size=90, opacity=1, color=colour)
            .encode(
                x=alt.X(
                    "value:Q",
                    scale=scale,
                    title=title,
                    axis=alt.Axis(format=fmt, labelOverlap="greedy"),
                ),
                y=y,
                tooltip=tooltip,
            )
        )
        ranges = (
            alt.Chart(known[known["value_high"].notna()])
            .mark_rule(color=colour, strokeWidth=3)
            .encode(x=alt.X("value:Q", scale=scale), x2="value_high:Q", y=y, tooltip=tooltip)
        )
        gaps = (
            alt.Chart(part[~part["known"]].assign(at=low))
            .mark_text(align="left", color=palette.INK_MUTED, fontStyle="italic")
            .encode(x=alt.X("at:Q", scale=scale), y=y, text="text:N", tooltip=tooltip)
        )
        layer = alt.layer(ranges, dots, gaps).properties(width=200, height=330, title=label)
        panels.append(layer)
    return alt.hconcat(*panels, spacing=12)
