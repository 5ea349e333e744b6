"""The sections of the inventory page, as blocks the notebook shows under its headings.

A question the workbook does not answer gets one sentence, never a table or chart of
zeros. Text, table headers, chart axes and captions speak the page's language
(``page.t``); the parts drawn from the study's published figures are English only.
"""

from __future__ import annotations

import pandas as pd

from helpers.chapters import inventory as metrics
from helpers.chapters.inventory_page import (
    AGE_IDS,
    SELECTION_IDS,
    InventoryPage,
    figure_value,
    published_ages,
    published_completeness,
    published_selection,
    report_hedge,
)
from helpers.inputs.amersfoort import dimension_item_counts
from helpers.inputs.scope import scope_coded
from helpers.page.blocks import Block, Chart, Provenance, Table, Text
from helpers.page.charts import bar_chart
from helpers.page.figure_text import provenance_table
from helpers.page.formatting import count
from helpers.page.i18n import Language


def _provenance(page: InventoryPage, ids: list[str], caption: str) -> Provenance:
    shown = page.figures.set_index("figure_id").loc[ids].reset_index()
    return Provenance(provenance_table(shown, page.figures), caption)


def readable(table: pd.DataFrame, t: Language) -> pd.DataFrame:
    """A count table for readers: no empty "not coded" row, the share as text ('36.5 %')."""
    n, share = t._("interventions"), t._("share (%)")
    empty = (table.iloc[:, 0] == t._(metrics.NOT_CODED)) & (table[n] == 0)
    table = table[~empty]
    return table.drop(columns=share).assign(**{t._("share"): table[share].map(t.percent)})


def given_or_not(table: pd.DataFrame, total: float, t: Language) -> pd.DataFrame:
    """A completeness table in long form: per question, how many give it and how many not."""
    question, answer, n = t._("question"), t._("answer"), t._("interventions")
    rows = []
    for asked, k in zip(table[question], table[n], strict=True):
        rows += [(asked, t._("given"), k), (asked, t._("not given"), total - k)]
    return pd.DataFrame(rows, columns=[question, answer, n])


def scope_section(page: InventoryPage) -> list[Block]:
    """In scope and excluded: the workbook's coding, and the study's selection if shown."""
    t, rows = page.t, page.rows
    blocks: list[Block] = []
    if not scope_coded(rows):
        text = t._(
            "The workbook does not code which interventions are in scope. Every table and "
            "chart below therefore covers {label}: {n} rows."
        )
        blocks.append(Text(text.format(label=page.label, n=t.count(len(rows)))))
    elif len(page.selected) == len(rows):
        text = t.n_(
            "The {n} listed intervention is coded in scope; the workbook lists no excluded ones.",
            "All {n} listed interventions are coded in scope; the workbook lists no excluded ones.",
            len(rows),
        )
        blocks.append(Text(text.format(n=t.count(len(rows)))))
    else:
        caption = t._("Interventions by scope decision; {source}.").format(source=page.source)
        blocks.append(Table(readable(metrics.scope_counts(rows, t), t), caption))
        reasons = metrics.exclusion_reasons(rows, t)
        if len(reasons):
            caption = t._("Reasons for exclusion; {source}.").format(source=page.source)
            blocks.append(Table(reasons, caption, sortable=True))
    if page.figures is not None:
        stages = published_selection(page.figures)
        numbers = stages.set_index("stage")["interventions"]
        blocks += [
            Chart(
                bar_chart(
                    stages, "stage", "interventions", "2024 report, §3.2", title="As published"
                ),
                "Interventions located, excluded and judged in scope, as published (2024 report, "
                f"§3.2). The study's workbook lists only the {count(numbers['in scope'])} in scope "
                f"(annex 2); the {count(numbers['excluded'])} excluded are not published.",
            ),
            _provenance(
                page,
                [*SELECTION_IDS.values(), "inv_in_scope_check"],
                "The selection (2024 report, §3.2): published figures and the check "
                "located − excluded = in scope.",
            ),
            report_hedge(page),
        ]
    return blocks


def count_chart(table: pd.DataFrame, page: InventoryPage, caption: str) -> Chart:
    """Bars of interventions per category, in the page's language."""
    t = page.t
    chart = bar_chart(table, t._("category"), t._("interventions"), page.source)
    return Chart(chart, caption.format(label=page.label, source=page.source))


def dimension_section(page: InventoryPage) -> list[Block]:
    """Positive health: interventions per dimension, or the study's lists (§3.3, §3.4)."""
    t, rows = page.t, page.selected
    blocks: list[Block] = []
    if metrics.coded_count(rows, "health_dimensions"):
        caption = t._(
            "Interventions per positive-health dimension ({label}; an intervention can count "
            "under several); {source}."
        )
        blocks.append(count_chart(metrics.dimension_counts(rows, t), page, caption))
    else:
        text = t._(
            "The workbook does not code the positive-health dimensions of its interventions."
        )
        blocks.append(Text(text))
    if page.figures is not None:
        items = dimension_item_counts()
        per_dimension = items.groupby("dimension", sort=False)["list items"].sum()
        empty = [d for d, n in per_dimension.items() if n == 0]
        blocks += [
            Text(
                "The study did not code the interventions one by one; it listed the kinds of "
                "objectives (§3.3) and of target groups described by content (§3.4) under each "
                "dimension. Counting those list items (our count) shows where the offer is thin: "
                + (
                    f"no item falls under {' or '.join(empty)}."
                    if empty
                    else f"the fewest fall under {per_dimension.idxmin()}."
                )
            ),
            Chart(
                bar_chart(
                    items, "dimension", "list items", "2024 report, §3.3 and §3.4", color="list"
                ),
                "Objectives (§3.3) and target groups (§3.4) the 2024 report lists under each "
                "positive-health dimension; list items counted by us.",
            ),
        ]
    return blocks


def age_section(page: InventoryPage) -> list[Block]:
    """Age groups: the workbook's coding, else the study's table drawn as published."""
    t, rows = page.t, page.selected
    if metrics.coded_count(rows, "age_groups"):
        caption = t._(
            "Interventions per age group ({label}; an intervention can serve several, so the "
            "bars add up to more than the interventions); {source}."
        )
        return [count_chart(metrics.age_group_counts(rows, t), page, caption)]
    if page.figures is None:
        text = t._("The workbook does not code the age groups its interventions serve.")
        return [Text(text)]
    ages = published_ages(page.figures)
    return [
        Text(
            "The workbook does not code age groups per intervention; the study's own table is "
            "drawn instead."
        ),
        Chart(
            bar_chart(
                ages, "age group", "interventions", "2024 report, §3.4 table", title="As published"
            ),
            "Interventions per age category, as published (2024 report, §3.4 table); the "
            f"categories add up to {count(ages['interventions'].sum())}, more than the "
            f"{count(figure_value(page.figures, 'inv_in_scope'))} interventions, because an "
            "intervention can serve several.",
        ),
        _provenance(
            page,
            [*AGE_IDS.values(), "inv_age_total", "ch3_age_table_exceeds"],
            "The age table of the 2024 report, §3.4: published figures and their sum.",
        ),
    ]


def completeness_section(page: InventoryPage) -> list[Block]:
    """How many interventions answer the questions the analysis needs."""
    t, rows = page.t, page.selected
    table = metrics.completeness(rows, t)
    if table[t._("interventions")].any():
        chart = bar_chart(
            given_or_not(table, len(rows), t),
            t._("question"),
            t._("interventions"),
            page.source,
            color=t._("answer"),
        )
        where = {"label": page.label, "source": page.source}
        return [
            Chart(
                chart,
                t._("Interventions ({label}) that give each answer; {source}.").format(**where),
            ),
            Table(
                readable(table, t),
                t._("Interventions ({label}) that answer each question; {source}.").format(**where),
            ),
        ]
    if page.figures is None:
        text = t._(
            "The workbook answers none of these questions (objective, target group, reach, "
            "cost, databank, effect monitoring) for any of its {n} rows."
        )
        return [Text(text.format(n=t.count(len(rows))))]
    total = figure_value(page.figures, "inv_in_scope")
    return [
        Text(
            "The study's workbook holds the titles only; the survey answers behind them are "
            f"held by the municipality and not published. The study reports how many of the "
            f"{count(total)} gave reach and cost:"
        ),
        Chart(
            bar_chart(
                published_completeness(page.figures),
                "question",
                "interventions",
                "2024 report, §3.2",
                title="As published",
                color="answer",
            ),
            f"Interventions in scope with reach and with cost known, of {count(total)}, as "
            "published (2024 report, §3.2).",
        ),
        _provenance(
            page,
            ["inv_with_reach", "inv_share_with_reach", "inv_with_cost", "inv_share_with_cost"],
            "Completeness as the study reports it, with the shares computed from it.",
        ),
    ]


def area_section(page: InventoryPage) -> list[Block]:
    """Neighbourhood-based or city-wide."""
    t = page.t
    table = metrics.scope_of_activity(page.selected, t)
    coded = table[t._("scope")] != t._(metrics.NOT_CODED)
    if not table.loc[coded, t._("interventions")].any():
        text = t._(
            "The workbook does not say whether its interventions work in a neighbourhood or "
            "across the whole municipality."
        )
        return [Text(text)]
    caption = t._("Interventions ({label}) by the area they serve; {source}.")
    shown = readable(table.rename(columns={t._("scope"): t._("area")}), t)
    return [Table(shown, caption.format(label=page.label, source=page.source))]


def totals_section(page: InventoryPage) -> list[Block]:
    """Reach and cost added up, running interventions apart from ended and planned ones."""
    t = page.t
    table = metrics.totals_for_readers(metrics.totals(page.selected), t)
    if table.empty:
        text = t._(
            "The workbook gives no reach or cost figure for any intervention, so there is "
            "nothing to add up."
        )
        return [Text(text)]
    caption = t._(
        "Reach and cost added up per status ({label}); only running interventions have an "
        "annual cost, the budgets of ended and planned ones are kept apart; {source}."
    )
    return [Table(table, caption.format(label=page.label, source=page.source))]


def interventions_section(page: InventoryPage) -> list[Block]:
    """Every listed intervention; a sentence names the questions no row answers."""
    t = page.t
    blocks: list[Block] = []
    table = metrics.intervention_table(page.rows, t)
    shown, left_out = metrics.limited(table, t=t)
    missing = metrics.unanswered_columns(table, t)
    if missing:
        text = t._(
            "No intervention in the workbook answers: {columns}; those columns are left out "
            "of the table."
        )
        blocks.append(Text(text.format(columns=", ".join(missing))))
    caption = t._("Every intervention in the workbook ({n}); {source}.{left_out}")
    caption = caption.format(n=t.count(len(table)), source=page.source, left_out=left_out)
    return [*blocks, Table(shown, caption, searchable=True)]
