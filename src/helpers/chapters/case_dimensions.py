"""The twelve cases on the six dimensions of positive health (§4.3): matrix and spider webs."""

from __future__ import annotations

import math
import textwrap

import altair as alt
import pandas as pd

from helpers.chapters.case_comparison import case_label
from helpers.inputs.amersfoort import case_studies
from helpers.inputs.schema import HEALTH_DIMENSION_KEYS, HEALTH_DIMENSION_LABELS_EN
from helpers.page import palette


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
        .mark_rect(stroke=palette.PAPER, strokeWidth=2)
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
                scale=alt.Scale(
                    domain=["coded", "not coded"],
                    range=[palette.origin_colour(source), palette.EMPTY],
                ),
                title="coding of section 4.3",
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
    colour = palette.origin_colour(source)
    panels = []
    for group, part in polygon.groupby("group", sort=False):
        members = values.loc[values["group"] == group, "members"].iloc[0].split(", ")
        heading = textwrap.wrap(str(group), 30)
        web = (
            alt.Chart(rings)
            .mark_line(color=palette.MUTED, strokeWidth=1)
            .encode(x=x, y=y, detail="level:N", order="order:Q")
        )
        axes = (
            alt.Chart(spokes).mark_rule(color=palette.MUTED).encode(x=x, y=y, x2="x2:Q", y2="y2:Q")
        )
        text = [
            alt.Chart(labels[side(labels["x"])])
            .mark_text(fontSize=10, color=palette.INK, align=align)
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
            .mark_line(color=colour, strokeWidth=2.5)
            .encode(x=x, y=y, order="order:Q")
        )
        dots = (
            alt.Chart(part[part["order"] < len(HEALTH_DIMENSION_KEYS)])
            .mark_point(color=colour, filled=True, size=60)
            .encode(x=x, y=y, tooltip=tooltip)
        )
        title = alt.TitleParams(heading, subtitle=members, fontSize=11, subtitleFontSize=10)
        panels.append(
            alt.layer(web, axes, *text, shape, dots, title=title).properties(
                width=size, height=round(size * half_y / half_x)
            )
        )
    return alt.concat(*panels, columns=2, spacing=16).configure_view(stroke=None)
