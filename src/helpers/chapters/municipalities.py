"""Municipalities side by side, with the Amersfoort study's published figures as reference.

One long table holds every measure for every place: how many interventions meet it, out
of how many, and the share. A municipality's numbers are computed from its workbook;
Amersfoort's are the study's published figures for 2023 (figures table), and a measure
the study did not publish is "not known" for Amersfoort, never estimated.
"""

from __future__ import annotations

from pathlib import Path

import altair as alt
import pandas as pd

from helpers.chapters.inventory import given, in_scope
from helpers.inputs.figures import figure
from helpers.inputs.schema import AGE_GROUPS, HEALTH_DIMENSIONS, SCOPE
from helpers.page import palette
from helpers.page.charts import bar_chart
from helpers.page.i18n import Language
from helpers.page.text import escape

TOPICS = ("selection", "information", "age", "health", "area")
AGE_FIGURES = {
    "0-4": "inv_age_0_4",
    "4-12": "inv_age_4_12",
    "13-18": "inv_age_13_18",
    "18-25": "inv_age_18_25",
    "parents": "inv_age_parents",
    "adults_25_55": "inv_age_adults_25_55",
    "55_plus": "inv_age_55_plus",
}
COLUMNS = ["topic", "measure", "place", "interventions", "base", "share", "basis"]


def topic_title(topic: str, t: Language) -> str:
    titles = {
        "selection": t._("Interventions in scope"),
        "information": t._("Reach and cost known"),
        "age": t._("Age groups"),
        "health": t._("Positive-health dimensions"),
        "area": t._("Neighbourhood or city-wide"),
    }
    return titles[topic]


def _counts(frame: pd.DataFrame, t: Language) -> list[tuple[str, str, int, int]]:
    """(topic, measure, interventions, base) for one workbook; shares are of in-scope rows."""
    coded = frame["in_scope"].notna()
    scoped = in_scope(frame)
    n = len(scoped)
    coded_in = int((frame["in_scope"] == True).sum())  # noqa: E712 - nullable boolean
    rows = [("selection", t._("in scope"), coded_in, int(coded.sum()))]
    rows.append(("information", t._("reach known"), int(given(scoped, "reach_total").sum()), n))
    rows.append(("information", t._("cost known"), int(given(scoped, "annual_cost_eur").sum()), n))
    rows.append(("information", t._("reach and cost known"), int(_both(scoped).sum()), n))
    for column, topic, choices in (
        ("age_groups", "age", AGE_GROUPS),
        ("health_dimensions", "health", HEALTH_DIMENSIONS),
    ):
        for choice in choices:
            hits = scoped[column].map(lambda values, key=choice.key: key in (values or ()))
            rows.append((topic, t.choice(choice), int(hits.sum()), n))
    for choice in SCOPE:
        rows.append(("area", t.choice(choice), int((scoped["scope"] == choice.key).sum()), n))
    return rows


def _both(frame: pd.DataFrame) -> pd.Series:
    return given(frame, "reach_total") & given(frame, "annual_cost_eur")


def place_rows(name: str, frame: pd.DataFrame, t: Language) -> pd.DataFrame:
    """Every measure for one municipality, computed from its workbook."""
    basis = t._("computed from the workbook")
    rows = [(*row[:2], name, *row[2:], basis) for row in _counts(frame, t)]
    return _with_share(pd.DataFrame(rows, columns=[c for c in COLUMNS if c != "share"]))


def amersfoort_rows(figures: pd.DataFrame, t: Language) -> pd.DataFrame:
    """The same measures as the Amersfoort study published them (2023; 2024 report, ch. 3).

    The study coded neither positive-health dimensions nor neighbourhood versus city-wide
    per intervention, and counted reach and cost separately, so those are not known.
    """
    place = amersfoort_name(t)
    value = lambda figure_id: int(figure(figures, figure_id)["computed"])  # noqa: E731
    in_scope_n, located = value("inv_in_scope"), value("inv_located")
    published = {
        t._("in scope"): (in_scope_n, located, "§3.2"),
        t._("reach known"): (value("inv_with_reach"), in_scope_n, "§3.2"),
        t._("cost known"): (value("inv_with_cost"), in_scope_n, "§3.2"),
    }
    for choice in AGE_GROUPS:
        published[t.choice(choice)] = (value(AGE_FIGURES[choice.key]), in_scope_n, "§3.4")
    rows = []
    for topic, measure, *_ in _counts(_EMPTY, t):
        count, base, section = published.get(measure, (None, in_scope_n, ""))
        basis = (
            t._("published figure for 2023 (2024 report, {section})").format(section=section)
            if count is not None
            else t._("not published by the study")
        )
        rows.append((topic, measure, place, count, base, basis))
    return _with_share(pd.DataFrame(rows, columns=[c for c in COLUMNS if c != "share"]))


_EMPTY = pd.DataFrame(
    {
        "in_scope": pd.array([], dtype="boolean"),
        "reach_total_low": [],
        "reach_total_high": [],
        "annual_cost_eur_low": [],
        "annual_cost_eur_high": [],
        "age_groups": [],
        "health_dimensions": [],
        "scope": [],
    }
)


def amersfoort_name(t: Language) -> str:
    return t._("Amersfoort (published, 2023)")


def _with_share(table: pd.DataFrame) -> pd.DataFrame:
    counts = pd.to_numeric(table["interventions"], errors="coerce")
    base = table["base"].astype(float).where(table["base"] > 0)
    share = (100 * counts / base).round(1)
    return table.assign(share=share)[COLUMNS]


def comparison(places: dict[str, pd.DataFrame], figures: pd.DataFrame, t: Language):
    """The long table: every municipality in the given order, then Amersfoort."""
    parts = [place_rows(name, frame, t) for name, frame in places.items()]
    return pd.concat([*parts, amersfoort_rows(figures, t)], ignore_index=True)


def wide_table(long: pd.DataFrame, t: Language) -> pd.DataFrame:
    """One row per measure, one column per place: '12 of 40 (30.0 %)' or 'not known'."""

    def cell(row) -> str:
        if pd.isna(row["interventions"]):
            return t.not_known
        share = t.percent(row["share"]) if pd.notna(row["share"]) else t.not_known
        return t._("{count} of {base} ({share})").format(
            count=t.count(row["interventions"]), base=t.count(row["base"]), share=share
        )

    cells = long.assign(text=long.apply(cell, axis=1))
    cells["topic"] = cells["topic"].map(lambda topic: topic_title(topic, t))
    wide = cells.pivot_table(
        index=["topic", "measure"], columns="place", values="text", aggfunc="first", sort=False
    )
    wide = wide[list(dict.fromkeys(long["place"]))].reset_index()
    wide.columns.name = None
    return wide.rename(columns={"topic": t._("topic"), "measure": t._("measure")})


def topic_chart(long: pd.DataFrame, topic: str, source: str, t: Language) -> alt.Chart:
    """Grouped bars of the share per measure of one topic, one colour per place; each bar
    names its source: ``source`` (the workbooks) or the study's published figure."""
    data = long[long["topic"] == topic].dropna(subset=["share"])
    published = data["place"] == amersfoort_name(t)
    data = data.assign(source=data["basis"].where(published, source))
    share_label, place_label = t._("share (%)"), t._("place")
    data = data.rename(columns={"share": share_label, "place": place_label})
    places = list(dict.fromkeys(long["place"]))
    return bar_chart(
        data,
        "measure",
        share_label,
        None,
        color=place_label,
        colours=place_scale(places),
        grouped=True,
        x_domain=(0, 100),
    )


def place_scale(places: list[str]) -> dict[str, list[str]]:
    """Colours per place: the municipalities' computed numbers, then Amersfoort's published
    figures (last). Up to six municipalities are told apart by category colours; more
    share the computed colour (their bars keep their order and name their place)."""
    *municipalities, _ = places
    if len(municipalities) == 1 or len(municipalities) > len(palette.CATEGORIES):
        colours = [palette.COMPUTED] * len(municipalities)
    else:
        colours = palette.categories(municipalities)["range"]
    return {"domain": places, "range": [*colours, palette.AS_PUBLISHED]}


def chart_caption(topic: str, source: str, t: Language) -> str:
    """The caption names both sources; the workbook's comes last (the tooltip shows it)."""
    return t._(
        "{title}: share of interventions per place; Amersfoort: published figures for 2023 "
        "(2024 report, chapter 3); {source}"
    ).format(title=topic_title(topic, t), source=source)


def key_findings(long: pd.DataFrame, t: Language) -> list[str]:
    """Three or four sentences comparing each municipality with Amersfoort."""
    reference = amersfoort_name(t)
    sentences = []
    for measure, template in (
        (t._("in scope"), t._("In scope: {places}.")),
        (t._("reach known"), t._("Reach known for the interventions in scope: {places}.")),
        (t._("cost known"), t._("Annual cost known: {places}.")),
    ):
        rows = long[long["measure"] == measure]
        parts = [
            f"{escape(row.place)} {t.percent(row.share) if pd.notna(row.share) else t.not_known}"
            for row in rows.itertuples()
        ]
        sentences.append(template.format(places="; ".join(parts)))
    sentences.append(
        t._(
            "{reference} are the study's published figures; it did not code positive-health "
            "dimensions or neighbourhood versus city-wide per intervention, so those are "
            "not known for Amersfoort."
        ).format(reference=escape(reference))
    )
    return sentences


def table_caption(source: str, t: Language) -> str:
    return t._(
        "Interventions meeting each measure, of how many, and the share, per place; {source}; "
        "Amersfoort: published figures for 2023 (2024 report, chapter 3)"
    ).format(source=source)


def intro(t: Language) -> str:
    return t._(
        "How does the inventory compare with the Amersfoort study? Each measure below is a "
        "share: of all coded interventions for the share in scope, otherwise of the "
        "interventions in scope. An intervention can serve several age groups and several "
        "dimensions, so those shares can add up to more than 100 %. Amersfoort's numbers "
        "are the study's published figures for 2023; where the study published none, the "
        "cell says so."
    )


def sources_text(paths, t: Language) -> str:
    """'computed from a.xlsx, b.xlsx': the inputs by file name, never by path."""
    names = ", ".join(Path(p).name for p in paths)
    return t._("computed from {file}").format(file=names)
