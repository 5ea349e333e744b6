"""Cost and reach per intervention of a municipality's workbook.

For every in-scope intervention that gives both an annual cost and a reach: the cost per
participant as a low-high pair (a range answer keeps both ends; an answer with one bound
counts at its stated number), and the break-even success rate for an avoided cost per
success that the researcher sets. Ended and planned interventions are listed but left
out of the ranking: their budget is not a running annual cost.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from helpers.chapters import finance
from helpers.chapters.inventory import given, in_scope
from helpers.chapters.savings_charts import explorer_chart
from helpers.chapters.savings_model import BusinessCase, Scenario
from helpers.inputs.figures import figure
from helpers.inputs.schema import STATUS
from helpers.page.charts import bar_chart
from helpers.page.i18n import Language

NOT_RUNNING = ("ended", "planned")
DEFAULT_AVOIDED_FIGURE = "sto_breakeven_implied_case_cost"
CHART_LIMIT = 30


def _bounds(frame: pd.DataFrame, key: str) -> tuple[pd.Series, pd.Series]:
    """Low and high ends; a one-sided answer counts at its stated number at both ends."""
    low, high = frame[f"{key}_low"], frame[f"{key}_high"]
    return low.fillna(high), high.fillna(low)


def per_participant(frame: pd.DataFrame) -> pd.DataFrame:
    """In-scope rows with a cost and a positive reach: cost per participant low and high.

    ``low = lowest cost / highest reach`` and ``high = highest cost / lowest reach``.
    """
    scoped = in_scope(frame)
    rows = scoped[given(scoped, "reach_total") & given(scoped, "annual_cost_eur")]
    reach_low, reach_high = _bounds(rows, "reach_total")
    cost_low, cost_high = _bounds(rows, "annual_cost_eur")
    usable = reach_low > 0
    rows, reach_low, reach_high = rows[usable], reach_low[usable], reach_high[usable]
    cost_low, cost_high = cost_low[usable], cost_high[usable]
    table = rows.assign(
        cpp_low=cost_low / reach_high,
        cpp_high=cost_high / reach_low,
        participants=(reach_low + reach_high) / 2,
        running=~rows["status"].isin(NOT_RUNNING),
    )
    return table.sort_values(["cpp_high", "title"], ascending=[False, True], kind="stable")


def avoided_cost(figures: pd.DataFrame, given_value, t: Language) -> tuple[float, str]:
    """The avoided cost per success and its basis: the researcher's, else a labelled assumption.

    The assumption is the least value one prevented case of child maltreatment must have
    for the Stevig Ouderschap break-even claim in the Amersfoort study to hold (derived
    figure ``sto_breakeven_implied_case_cost``): a threshold implied by a claim about
    another intervention, not a measured cost.
    """
    if given_value:
        value = float(given_value)
        if value <= 0:
            raise ValueError(f"avoided cost per success must be positive, got {given_value!r}")
        return value, t._("a value the researcher set for this book")
    row = figure(figures, DEFAULT_AVOIDED_FIGURE)
    return float(row["computed"]), t._(
        "an assumption for illustration, not a measured cost. It is the least a prevented "
        "case of child maltreatment must be worth for the Stevig Ouderschap claim in the "
        "Amersfoort study to hold (one such case per 109 participants at about €2,900 each; "
        "2024 report, annex 3, §2.6-2.7). It comes from another intervention; a researcher "
        "can set a value of their own"
    )


def table(rows: pd.DataFrame, avoided: float, t: Language) -> pd.DataFrame:
    """The reader's table: figures with their qualifiers, cost per participant, break-even."""
    status = {choice.key: t.choice(choice) for choice in STATUS}

    def pair(low: str, high: str) -> str:
        return low if low == high else f"{low}–{high}"

    def rate(cpp):
        return 100 * finance.breakeven_success_rate(cpp, avoided)

    return pd.DataFrame(
        {
            t._("intervention"): rows["title"],
            t._("provider"): rows["provider"].fillna(t.not_known),
            t._("status"): rows["status"].map(status).fillna(t.not_known),
            t._("reach per year"): [
                t.amount(*v)
                for v in zip(
                    rows["reach_total_low"],
                    rows["reach_total_high"],
                    rows["reach_total_qualifier"],
                    strict=True,
                )
            ],
            t._("annual cost"): [
                t.amount(*v, money=True)
                for v in zip(
                    rows["annual_cost_eur_low"],
                    rows["annual_cost_eur_high"],
                    rows["annual_cost_eur_qualifier"],
                    strict=True,
                )
            ],
            t._("cost per participant"): [
                pair(t.money(lo), t.money(hi))
                for lo, hi in zip(rows["cpp_low"], rows["cpp_high"], strict=True)
            ],
            t._("break-even success rate"): [
                pair(t.percent(rate(lo), 2), t.percent(rate(hi), 2))
                for lo, hi in zip(rows["cpp_low"], rows["cpp_high"], strict=True)
            ],
        }
    ).reset_index(drop=True)


def ranked_chart(rows: pd.DataFrame, source: str, t: Language) -> alt.Chart:
    """Cost per participant of the running interventions, highest first, as low-high bars."""
    running = rows[rows["running"]].head(CHART_LIMIT)
    low, high, name = t._("lowest (€)"), t._("highest (€)"), t._("intervention")
    data = pd.DataFrame(
        {name: running["title"], low: running["cpp_low"], high: running["cpp_high"]}
    )
    return bar_chart(
        data, name, high, source, start=low, axis_title=t._("cost per participant (€)")
    )


def chart_caption(rows: pd.DataFrame, source: str, t: Language) -> str:
    shown = min(CHART_LIMIT, int(rows["running"].sum()))
    return t._(
        "Cost per participant of the {shown} running interventions with the highest cost "
        "per participant (bar from the lowest to the highest reading); {source}"
    ).format(shown=shown, source=source)


def explorer(row: pd.Series, avoided: float, origin: str, source: str, key: str):
    """The savings chapter's break-even explorer for one intervention (middle of its range)."""
    case = BusinessCase(
        case_id=key,
        name=str(row["title"]),
        participants=float(row["participants"]),
        participants_origin="workbook",
        cost_per_participant=float((row["cpp_low"] + row["cpp_high"]) / 2),
        cost_origin="workbook",
        success_rate=None,
        success_origin="not known",
        avoided_cost=avoided,
        avoided_origin=origin,
        benefit_share=1.0,
        share_origin="all benefits counted",
    )
    scenario = Scenario("rerun", 0.0, 1, 1.0, 1.0, 0)
    return explorer_chart(case, scenario, key, source=source)


def explorer_picks(rows: pd.DataFrame) -> list[int]:
    """Positions of up to three running interventions: highest, middle and lowest cost."""
    running = [i for i, flag in enumerate(rows["running"]) if flag]
    if len(running) <= 3:
        return running
    return [running[0], running[len(running) // 2], running[-1]]


def key_findings(frame: pd.DataFrame, rows: pd.DataFrame, avoided: float, t: Language):
    """Sentences for the Key findings box."""
    scoped = len(in_scope(frame))
    running = rows[rows["running"]]
    sentences = [
        t.n_(
            "{n} of the {total} interventions in scope gives both an annual cost and a reach, "
            "so a cost per participant can be computed for it.",
            "{n} of the {total} interventions in scope give both an annual cost and a reach, "
            "so a cost per participant can be computed for them.",
            len(rows),
        ).format(n=t.count(len(rows)), total=t.count(scoped))
    ]
    stopped = len(rows) - len(running)
    if stopped:
        sentences.append(
            t.n_(
                "{n} of them has ended or is still planned; it is listed but not ranked, as "
                "its budget is not a running annual cost.",
                "{n} of them have ended or are still planned; they are listed but not ranked, "
                "as their budget is not a running annual cost.",
                stopped,
            ).format(n=t.count(stopped))
        )
    if len(running):
        middle = running["cpp_high"].median()
        sentences.append(
            t._(
                "Among the running ones, the cost per participant runs from {low} to {high}; "
                "half cost at most {middle} (upper readings)."
            ).format(
                low=t.money(running["cpp_low"].min()),
                high=t.money(running["cpp_high"].max()),
                middle=t.money(middle),
            )
        )
        cheap = int((running["cpp_high"] <= avoided * 0.01).sum())
        sentences.append(
            t.n_(
                "With an avoided cost of {avoided} per success, {n} of them breaks even when "
                "fewer than 1 in 100 participants succeeds.",
                "With an avoided cost of {avoided} per success, {n} of them break even when "
                "fewer than 1 in 100 participants succeeds.",
                cheap,
            ).format(avoided=t.money(avoided), n=t.count(cheap))
        )
    return sentences


def method_text(avoided: float, origin: str, t: Language) -> str:
    return t._(
        "Cost per participant is the annual cost divided by the reach per year. Where an "
        "answer is a range, the lowest cost over the highest reach gives the low reading and "
        "the highest cost over the lowest reach the high one. The break-even success rate is "
        "the share of participants who must succeed for the avoided costs to pay for the "
        "intervention: cost per participant divided by the avoided cost per success. This "
        "page uses an avoided cost of {avoided} per success: {origin}."
    ).format(avoided=t.money(avoided), origin=origin)


def empty_text(t: Language) -> str:
    return t._(
        "No intervention in scope gives both an annual cost and a reach, so no cost per "
        "participant can be computed. The chapter 'What is missing' lists the open answers."
    )


def table_caption(source: str, t: Language) -> str:
    return t._(
        "Cost per participant and break-even success rate of every in-scope intervention "
        "with both figures, highest cost per participant first; {source}"
    ).format(source=source)


def explorer_text(t: Language) -> str:
    return t._(
        "The explorer below is the savings chapter's break-even chart, here for the running "
        "interventions with the highest, the middle and the lowest cost per participant (at "
        "the middle of their range). Move the sliders to try another success rate or avoided "
        "cost: the dashed line marks the break-even success rate. It works offline."
    )


def explorer_caption(name: str, source: str, t: Language) -> str:
    return t._(
        "Break-even explorer for {name}: net benefit per participant against the success "
        "rate; {source}"
    ).format(name=name, source=source)
