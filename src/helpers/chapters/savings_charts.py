"""The savings pages' charts: one-at-a-time sensitivity (tornado) and the break-even explorer.

The explorer is an interactive vega-lite chart with three sliders; its break-even rule is a
vega expression, so `tests/browser/test_savings_browser.py` checks its position in the
built page against `BusinessCase.breakeven`.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import numpy as np
import pandas as pd

from helpers.chapters import finance
from helpers.chapters.savings_model import BusinessCase, Scenario, npv_model
from helpers.chapters.savings_tables import SENSITIVITY_LABELS, plain_origin, years
from helpers.page import palette

# --- sensitivity -------------------------------------------------------------------------


def tornado_table(case: BusinessCase, s: Scenario) -> pd.DataFrame:
    """One-at-a-time sensitivity of the municipal NPV to the scenario's ranges."""
    base = case.npv_inputs(s)
    ranges = {name: tuple(bounds) for name, bounds in s.sensitivity.items()}
    return finance.tornado(npv_model, base, ranges, SENSITIVITY_LABELS)


def tornado_chart(table: pd.DataFrame, source: str) -> alt.Chart:
    """Bars from the NPV at each input's low end to the NPV at its high end."""
    data = table.assign(
        low=table[["result_low", "result_high"]].min(axis=1),
        high=table[["result_low", "result_high"]].max(axis=1),
        range=table["low_value"].map("{:g}".format)
        + " to "
        + table["high_value"].map("{:g}".format),
        source=source,
    )
    order = list(data["label"])
    bars = (
        alt.Chart(data)
        .mark_bar(color=palette.origin_colour(source), height=16)
        .encode(
            y=alt.Y("label:N", sort=order, title=None),
            x=alt.X(
                "low:Q",
                title="NPV over the horizon (€)",
                axis=alt.Axis(format="~s", labelFlush=True),
            ),
            x2="high:Q",
            tooltip=[
                alt.Tooltip("label:N", title="input"),
                alt.Tooltip("range:N", title="varied from"),
                alt.Tooltip("result_low:Q", title="NPV at low end", format=",.0f"),
                alt.Tooltip("result_high:Q", title="NPV at high end", format=",.0f"),
                "source:N",
            ],
        )
    )
    base_rule = (
        alt.Chart(data.head(1))
        .mark_rule(color=palette.INK, strokeDash=[4, 3])
        .encode(x="base_result:Q")
    )
    zero = (
        alt.Chart(pd.DataFrame({"zero": [0]})).mark_rule(color=palette.INK_MUTED).encode(x="zero:Q")
    )
    return alt.layer(zero, bars, base_rule).properties(
        width="container", height=30 * len(data) + 20
    )


# --- the interactive break-even explorer ---------------------------------------------------


@dataclass(frozen=True)
class ExplorerStart:
    """Where the sliders of the explorer start, and why."""

    success_pct: float
    avoided_cost: float
    avoided_is_placeholder: bool
    x_max: float
    avoided_max: float


def explorer_start(case: BusinessCase, s: Scenario) -> ExplorerStart:
    """Slider start values: the case's own figures, else a placeholder (labelled as such).

    Placeholder avoided cost: the value at which the intervention breaks even, for all
    beneficiaries, at the success rate used (or at 10 % where none is known).
    """
    reference = case.success_rate if case.success_rate else 0.10
    growth = s.growth()
    if case.avoided_cost:
        avoided, placeholder = case.avoided_cost, False
    else:
        avoided, placeholder = case.cost_per_participant * growth / reference, True
    breakeven_all = finance.breakeven_success_rate(
        case.cost_per_participant, avoided, 1.0, s.discount_rate, s.benefit_delay_years
    )
    x_max = min(100.0, max(5.0, 3 * 100 * max(reference, breakeven_all)))
    x_max = float(_nice(x_max))
    return ExplorerStart(
        success_pct=round(100 * reference, 2),
        avoided_cost=round(avoided),
        avoided_is_placeholder=placeholder,
        x_max=x_max,
        avoided_max=float(_nice(avoided * 4)),
    )


def _nice(value: float) -> float:
    """Round up to 1, 2 or 5 times a power of ten."""
    magnitude = 10 ** np.floor(np.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


EXPLORER_SOURCE = "computed from data/amersfoort-2024 (figures table) and the scenario parameters"


def explorer_chart(
    case: BusinessCase, s: Scenario, key: str, source: str = EXPLORER_SOURCE
) -> alt.LayerChart:
    """Net benefit per participant against the success rate, with three sliders.

    Sliders (vega-embed bindings): success rate, avoided cost per success and the share of
    the benefit that counts. Net benefit per participant = ``s × A × m / (1 + r) ** d − c``;
    the dashed rule (layer ``<key>_breakeven``) marks the break-even success rate
    ``c × (1 + r) ** d / (A × m)``; the zero line (layer ``<key>_zero``) spans the plot's
    width. ``key`` makes the parameter and layer names unique on a page; ``source`` is what
    the tooltips name as the data's origin.
    """
    start = explorer_start(case, s)
    growth = s.growth()
    c = case.cost_per_participant
    success = alt.param(
        name=f"{key}_success",
        value=min(start.success_pct, start.x_max),
        bind=alt.binding_range(
            min=0, max=start.x_max, step=start.x_max / 200, name="success rate (%) "
        ),
    )
    avoided = alt.param(
        name=f"{key}_avoided",
        value=start.avoided_cost,
        bind=alt.binding_range(
            min=0,
            max=start.avoided_max,
            step=start.avoided_max / 400,
            name="avoided cost per success (€) ",
        ),
    )
    share = alt.param(
        name=f"{key}_share",
        value=1.0,
        bind=alt.binding_range(min=0, max=1, step=0.01, name="share of the benefit counted "),
    )
    a, m, sp = avoided.name, share.name, success.name
    net = f"datum.pct / 100 * {a} * {m} / {growth!r} - {c!r}"
    grid = pd.DataFrame({"pct": np.linspace(0, start.x_max, 101)})
    x = alt.X(
        "pct:Q", title="success rate (% of participants)", scale=alt.Scale(domain=[0, start.x_max])
    )
    y = alt.Y("net:Q", title="net benefit per participant (€, present value)")
    line = (
        alt.Chart(grid)
        .transform_calculate(net=net, source=f"'{source}'")
        .mark_line(color=palette.origin_colour(source), clip=True)
        .encode(
            x=x,
            y=y,
            tooltip=[
                alt.Tooltip("pct:Q", format=".2f"),
                alt.Tooltip("net:Q", format=",.0f"),
                "source:N",
            ],
        )
    )
    one = pd.DataFrame({"one": [1]})
    zero = (
        alt.Chart(one)
        .mark_rule(color=palette.INK_MUTED)
        .encode(y=alt.datum(0))
        .properties(name=f"{key}_zero")
    )
    breakeven = f"100 * {c!r} * {growth!r} / ({a} * {m})"
    rule = (
        alt.Chart(one)
        .transform_calculate(pct=breakeven)
        .transform_filter("isFinite(datum.pct)")
        .mark_rule(color=palette.INK, strokeWidth=2, strokeDash=[6, 3], clip=True)
        .encode(
            x=x, tooltip=[alt.Tooltip("pct:Q", title="break-even success rate (%)", format=".2f")]
        )
        .properties(name=f"{key}_breakeven")
    )
    right = f"({breakeven}) > {0.6 * start.x_max!r}"
    label = (
        alt.Chart(one)
        .transform_calculate(
            pct=breakeven,
            text="'break-even ' + format(datum.pct, '.2f') + ' %'",
        )
        .transform_filter(f"isFinite(datum.pct) && datum.pct <= {start.x_max!r}")
        .mark_text(  # right of the rule, or left of it near the right edge
            align={"expr": f"{right} ? 'right' : 'left'"},
            dx={"expr": f"{right} ? -4 : 4"},
            dy=-6,
            color=palette.INK,
            clip=True,
        )
        .encode(x=x, y=alt.value(10), text="text:N")
        .properties(name=f"{key}_label")
    )
    point = (
        alt.Chart(one)
        .transform_calculate(pct=sp)
        .transform_calculate(net=net)
        .mark_point(color=palette.INK, filled=True, size=70, clip=True)
        .encode(
            x=x,
            y=y,
            tooltip=[
                alt.Tooltip("pct:Q", title="success rate (%)", format=".2f"),
                alt.Tooltip("net:Q", title="net benefit per participant (€)", format=",.0f"),
            ],
        )
    )
    return (
        alt.layer(zero, line, rule, label, point)
        .add_params(success, avoided, share)
        .properties(width=480, height=260, title=case.name)
    )


def explorer_caption(case: BusinessCase, s: Scenario, computed: str) -> str:
    """The caption under one explorer: where its start values come from, in words."""
    start = explorer_start(case, s)
    avoided = (
        "placeholder start value, not a figure from the report"
        if start.avoided_is_placeholder
        else f"start value {plain_origin(case.avoided_origin)}"
    )
    return (
        f"{case.name}: net benefit per participant against the success rate; cost per "
        f"participant {plain_origin(case.cost_origin)}; avoided cost: {avoided}; delay "
        f"{years(s.benefit_delay_years)} at {s.discount_rate:.2%}; {computed}."
    )
