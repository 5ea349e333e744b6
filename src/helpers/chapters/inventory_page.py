"""The inventory page: its key findings and its sections, as blocks the notebook shows.

Every sentence with a number comes from a function here (unit-tested in
``tests/chapters/test_inventory.py``). A question the workbook does not answer gets one
sentence, never a table or chart of zeros. On the Amersfoort data, whose workbook lists
only the 137 titles, what the study published is drawn as charts marked "as published".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.chapters import inventory as metrics
from helpers.inputs.amersfoort import dimension_item_counts
from helpers.inputs.figures import evaluate, load_figures
from helpers.inputs.schema import AGE_GROUP_KEYS, AGE_GROUP_LABELS_EN
from helpers.inputs.scope import in_scope, scope_coded, selection_label
from helpers.inputs.workbook import read_inventory
from helpers.page.blocks import Block, Chart, Provenance, Table, Text
from helpers.page.charts import bar_chart
from helpers.page.figure_text import provenance_table
from helpers.page.formatting import count, money, percent, share
from helpers.page.text import escape
from helpers.paths import DATA, resolve
from helpers.tools.synthetic import is_synthetic

SELECTION_IDS = {"located": "inv_located", "excluded": "inv_excluded", "in scope": "inv_in_scope"}
AGE_IDS = dict(
    zip(
        AGE_GROUP_KEYS,
        ["inv_age_0_4", "inv_age_4_12", "inv_age_13_18", "inv_age_18_25", "inv_age_parents",
         "inv_age_adults_25_55", "inv_age_55_plus"],
        strict=True,
    )
)  # fmt: skip
COMPLETENESS_IDS = {"reach": "inv_with_reach", "cost": "inv_with_cost"}


@dataclass
class InventoryPage:
    """What every section of the page needs: the rows, the selection and the sources."""

    rows: pd.DataFrame  # every listed intervention
    municipality: str
    year: object
    source: str  # names the workbook by its file name, never its path
    figures: pd.DataFrame | None = None  # the published figures, when a report is shown
    synthetic: bool = False

    @property
    def selected(self) -> pd.DataFrame:
        """The interventions the page counts (in scope, or all when scope is not coded)."""
        return in_scope(self.rows)

    @property
    def label(self) -> str:
        """The selection in words, for captions."""
        return selection_label(self.rows)


def load_page(inventory_path, municipality, year, published_report: str = "") -> InventoryPage:
    """Read the workbook (and the published figures when ``published_report`` is set)."""
    path = resolve(inventory_path)
    inventory = read_inventory(path)
    figures = None
    if published_report:
        every = evaluate(load_figures(DATA))
        figures = every[every["report"] == published_report]
    source = f"computed from the workbook {Path(path).name}, sheet {inventory.sheet}"
    return InventoryPage(inventory.frame, municipality, year, source, figures, is_synthetic(path))


def _value(figures: pd.DataFrame, figure_id: str) -> float:
    row = figures.set_index("figure_id").loc[figure_id]
    return float(row["computed"] if pd.notna(row["computed"]) else row["value"])


def _published(figures: pd.DataFrame, ids: dict[str, str], column: str) -> pd.DataFrame:
    return pd.DataFrame(
        {column: list(ids), "interventions": [_value(figures, i) for i in ids.values()]}
    )


def published_selection(figures: pd.DataFrame) -> pd.DataFrame:
    """Located, excluded and in scope, as the study published them (§3.2)."""
    return _published(figures, SELECTION_IDS, "stage")


def published_ages(figures: pd.DataFrame) -> pd.DataFrame:
    """The study's table of interventions per age category (§3.4)."""
    labels = {AGE_GROUP_LABELS_EN[k]: i for k, i in AGE_IDS.items()}
    return _published(figures, labels, "age group")


def published_completeness(figures: pd.DataFrame) -> pd.DataFrame:
    """Reach known and cost known of the interventions in scope, as published (§3.2)."""
    total = _value(figures, "inv_in_scope")
    rows = []
    for question, figure_id in COMPLETENESS_IDS.items():
        known = _value(figures, figure_id)
        rows += [(question, "known", known), (question, "not known", total - known)]
    return pd.DataFrame(rows, columns=["question", "answer", "interventions"])


def _provenance(page: InventoryPage, ids: list[str], caption: str) -> Provenance:
    shown = page.figures.set_index("figure_id").loc[ids].reset_index()
    return Provenance(provenance_table(shown, page.figures), caption)


# --------------------------------------------------------------------------------------
# Key findings and the report's hedge
# --------------------------------------------------------------------------------------


def selection_sentence(page: InventoryPage) -> str:
    """How many interventions the workbook lists and how many are in scope."""
    n, place = len(page.rows), escape(page.municipality)
    when = f" ({escape(page.year)})" if page.year else ""
    listed = f"The workbook for {place}{when} lists {count(n)} interventions"
    if not scope_coded(page.rows):
        return f"{listed} but does not code which are in scope; every figure below covers them all."
    k = len(page.selected)
    if k == n:
        return f"{listed}, all coded in scope."
    return f"{listed}, of which {count(k)} ({share(k, n)}) are coded in scope."


def most_and_least(table: pd.DataFrame, label: str) -> str:
    """'the age group served most often is X (n interventions), the least often Y (m)'."""
    top = table.loc[table["interventions"].idxmax()]
    least = table["interventions"].min()
    fewest = table[table["interventions"] == least][label]
    each = " each" if len(fewest) > 1 else ""
    return (
        f"the age group served most often is {top[label]} ({count(top['interventions'])} "
        f"interventions), the least often {' and '.join(fewest)} ({count(least)}{each})"
    )


def key_findings(page: InventoryPage) -> list[str]:
    """Three to five sentences for the top of the page, every number from the data."""
    sentences = [selection_sentence(page)]
    rows, figures = page.selected, page.figures
    if figures is not None:
        stages = published_selection(figures).set_index("stage")["interventions"]
        sentences.append(
            f"The study located {count(stages['located'])} interventions, excluded "
            f"{count(stages['excluded'])} and judged {count(stages['in scope'])} probably in "
            "scope (as published)."
        )
    answered = metrics.completeness(rows).set_index("question")["interventions"]
    reach, cost = answered["reach (people per year)"], answered["annual cost"]
    if reach or cost or figures is None:
        sentences.append(
            f"Reach is given for {count(reach)} and a cost for {count(cost)} of the "
            f"{count(len(rows))} interventions counted."
            if reach or cost
            else "The workbook gives neither reach nor cost for any intervention."
        )
    else:
        known = published_completeness(figures).query("answer == 'known'")
        numbers = dict(zip(known["question"], known["interventions"], strict=True))
        total = _value(figures, "inv_in_scope")
        sentences.append(
            f"The study had reach figures for {count(numbers['reach'])} and a cost estimate "
            f"for {count(numbers['cost'])} of the {count(total)} "
            f"({share(numbers['reach'], total)} and {share(numbers['cost'], total)}; as published)."
        )
    if metrics.coded_count(rows, "age_groups"):
        ages = metrics.age_group_counts(rows)
        text = most_and_least(ages, "category")
        sentences.append(f"{text[0].upper()}{text[1:]}.")
    elif figures is not None:
        text = most_and_least(published_ages(figures), "age group")
        sentences.append(f"In the study's table (as published), {text}.")
    else:
        sentences.append("The workbook does not code age groups.")
    money_rows = metrics.totals(rows).query("figure == 'cost (EUR)'").set_index("status")
    running = money_rows.loc["running (active or pilot)"]
    if running["interventions with a figure"]:
        others = money_rows.drop(index="running (active or pilot)")
        kept_apart = int(others["interventions with a figure"].sum())
        sentences.append(
            f"The {count(running['interventions with a figure'])} running interventions that "
            f"state a cost add up to "
            f"{metrics.range_text(running['total low'], running['total high'], money)} a year"
            + (
                f"; {count(kept_apart)} ended, planned or undated ones are left out of that sum."
                if kept_apart
                else "."
            )
        )
    return sentences[:5]


def report_hedge(page: InventoryPage) -> Block:
    """The 2024 report's own reservation about its 137, and our reading of it."""
    stages = published_selection(page.figures).set_index("stage")["interventions"]
    return Text(
        ":::{admonition} How firm is the count of "
        f"{count(stages['in scope'])}?\n:class: note\n\n"
        f"**The report's words, paraphrased:** of the {count(stages['located'])} interventions "
        f"located, {count(stages['in scope'])} *probably* fit the definition; probably, because "
        "the information on some of them was limited (2024 report, §3.2). Looking at the case "
        "studies, the report adds that Vreedzame School and Vreedzame Wijk seem on closer "
        "inspection to be an approach that shapes how people deal with each other, rather "
        "than a collective preventive intervention (§4.3).\n\n"
        f"**Our reading:** the {count(stages['in scope'])} is the report's best count, not an "
        "exact one. This book keeps every title of annex 2 in scope, Vreedzame School/Wijk "
        "included, as the report counts them; counts over them are approximate.\n:::"
    )


# --------------------------------------------------------------------------------------
# Sections
# --------------------------------------------------------------------------------------


def synthetic_notice(page: InventoryPage) -> list[Block]:
    """A warning box when the workbook says it holds made-up data."""
    if not page.synthetic:
        return []
    return [
        Text(
            ":::{admonition} SYNTHETIC EXAMPLE — fictional data\n:class: warning\n\n"
            "The workbook behind this page says that it is a synthetic example: the "
            "municipality, its interventions, organisations and numbers are made up. Nothing "
            "on this page describes a real place.\n:::"
        )
    ]


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """A count table for readers: no empty "not coded" row, the share as text ('36.5 %')."""
    empty = (table.iloc[:, 0] == metrics.NOT_CODED) & (table["interventions"] == 0)
    table = table[~empty]
    return table.drop(columns="share (%)").assign(share=table["share (%)"].map(percent))


def given_or_not(table: pd.DataFrame, total: float) -> pd.DataFrame:
    """A completeness table in long form: per question, how many give it and how many not."""
    rows = []
    for question, n in zip(table["question"], table["interventions"], strict=True):
        rows += [(question, "given", n), (question, "not given", total - n)]
    return pd.DataFrame(rows, columns=["question", "answer", "interventions"])


def scope_section(page: InventoryPage) -> list[Block]:
    """In scope and excluded: the workbook's coding, and the study's selection if shown."""
    rows, blocks = page.rows, []
    if not scope_coded(rows):
        blocks.append(
            Text(
                "The workbook does not code which interventions are in scope. Every table and "
                f"chart below therefore covers {page.label}: {count(len(rows))} rows."
            )
        )
    elif len(page.selected) == len(rows):
        blocks.append(
            Text(
                f"All {count(len(rows))} listed interventions are coded in scope; the workbook "
                "lists no excluded ones."
            )
        )
    else:
        blocks.append(
            Table(
                readable(metrics.scope_counts(rows)),
                f"Interventions by scope decision; {page.source}.",
            )
        )
        reasons = metrics.exclusion_reasons(rows)
        if len(reasons):
            blocks.append(Table(reasons, f"Reasons for exclusion; {page.source}.", sortable=True))
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


def dimension_section(page: InventoryPage) -> list[Block]:
    """Positive health: interventions per dimension, or the study's lists (§3.3, §3.4)."""
    rows, blocks = page.selected, []
    if metrics.coded_count(rows, "health_dimensions"):
        blocks.append(
            Chart(
                bar_chart(metrics.dimension_counts(rows), "category", "interventions", page.source),
                f"Interventions per positive-health dimension ({page.label}; an intervention "
                f"can count under several); {page.source}.",
            )
        )
    else:
        blocks.append(
            Text("The workbook does not code the positive-health dimensions of its interventions.")
        )
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
    rows = page.selected
    if metrics.coded_count(rows, "age_groups"):
        return [
            Chart(
                bar_chart(metrics.age_group_counts(rows), "category", "interventions", page.source),
                f"Interventions per age group ({page.label}; an intervention can serve several, "
                f"so the bars add up to more than the interventions); {page.source}.",
            )
        ]
    if page.figures is None:
        return [Text("The workbook does not code the age groups its interventions serve.")]
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
            f"{count(_value(page.figures, 'inv_in_scope'))} interventions, because an "
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
    rows = page.selected
    table = metrics.completeness(rows)
    if table["interventions"].any():
        return [
            Chart(
                bar_chart(
                    given_or_not(table, len(rows)),
                    "question",
                    "interventions",
                    page.source,
                    color="answer",
                ),
                f"Interventions ({page.label}) that give each answer; {page.source}.",
            ),
            Table(
                readable(table),
                f"Interventions ({page.label}) that answer each question; {page.source}.",
            ),
        ]
    if page.figures is None:
        return [
            Text(
                "The workbook answers none of these questions (objective, target group, reach, "
                f"cost, databank, effect monitoring) for any of its {count(len(rows))} rows."
            )
        ]
    total = _value(page.figures, "inv_in_scope")
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
    table = metrics.scope_of_activity(page.selected)
    if not table.loc[table["scope"] != metrics.NOT_CODED, "interventions"].any():
        return [
            Text(
                "The workbook does not say whether its interventions work in a neighbourhood "
                "or across the whole municipality."
            )
        ]
    return [
        Table(
            readable(table.rename(columns={"scope": "area"})),
            f"Interventions ({page.label}) by the area they serve; {page.source}.",
        )
    ]


def totals_section(page: InventoryPage) -> list[Block]:
    """Reach and cost added up, running interventions apart from ended and planned ones."""
    table = metrics.totals_for_readers(metrics.totals(page.selected))
    if table.empty:
        return [
            Text(
                "The workbook gives no reach or cost figure for any intervention, so there is "
                "nothing to add up."
            )
        ]
    return [
        Table(
            table,
            f"Reach and cost added up per status ({page.label}); only running interventions "
            f"have an annual cost, the budgets of ended and planned ones are kept apart; "
            f"{page.source}.",
        )
    ]


def interventions_section(page: InventoryPage) -> list[Block]:
    """Every listed intervention; a sentence names the questions no row answers."""
    table = metrics.intervention_table(page.rows)
    shown, left_out = metrics.limited(table)
    missing = metrics.unanswered_columns(table)
    blocks: list[Block] = []
    if missing:
        blocks.append(
            Text(
                f"No intervention in the workbook answers: {', '.join(missing)}; those "
                "columns are left out of the table."
            )
        )
    caption = f"Every intervention in the workbook ({count(len(table))}); {page.source}.{left_out}"
    return [*blocks, Table(shown, caption, searchable=True)]
