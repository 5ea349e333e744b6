"""The inventory page: its data, its key findings and the report's hedge.

Every sentence with a number comes from a function here or in `inventory_sections`
(unit-tested in ``tests/chapters/test_inventory.py``). The page speaks the book's language
(`helpers.page.i18n`): English by default, Dutch for a Dutch rerun book, whose pipeline
translates the template's headings and paragraphs too (`Language.markdown`). On the Amersfoort
data, whose workbook lists only the 137 titles, what the study published is drawn as
charts marked "as published"; those parts exist in the English book only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers.chapters import inventory as metrics
from helpers.inputs.figures import evaluate, load_figures
from helpers.inputs.schema import AGE_GROUP_KEYS, AGE_GROUP_LABELS_EN
from helpers.inputs.scope import in_scope, scope_coded, selection_label
from helpers.inputs.synthetic_mark import is_synthetic
from helpers.inputs.workbook import read_inventory
from helpers.page.blocks import Block, Text
from helpers.page.formatting import count, share
from helpers.page.i18n import Language
from helpers.page.text import escape
from helpers.paths import DATA, resolve

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
    t: Language = field(default_factory=Language)  # the page's language

    @property
    def selected(self) -> pd.DataFrame:
        """The interventions the page counts (in scope, or all when scope is not coded)."""
        return in_scope(self.rows)

    @property
    def label(self) -> str:
        """The selection in words, for captions."""
        return self.t._(selection_label(self.rows))


def load_page(
    inventory_path, municipality, year, published_report: str = "", language: str = "en"
) -> InventoryPage:
    """Read the workbook (and the published figures when ``published_report`` is set).

    The study's published figures are English (they quote the 2024 report), so a page in
    another language shows the workbook only.
    """
    t = Language(language)
    if published_report and t.code != "en":
        raise ValueError(
            f"published_report={published_report!r} is shown in the English book only; "
            f"set it to '' for language={language!r}"
        )
    path = resolve(inventory_path)
    inventory = read_inventory(path)
    figures = None
    if published_report:
        every = evaluate(load_figures(DATA))
        figures = every[every["report"] == published_report]
    source = t._("computed from the workbook {file}, sheet {sheet}").format(
        file=Path(path).name, sheet=inventory.sheet
    )
    return InventoryPage(
        inventory.frame, municipality, year, source, figures, is_synthetic(path), t
    )


def figure_value(figures: pd.DataFrame, figure_id: str) -> float:
    """A published figure's value (recomputed where the figures table derives it)."""
    row = figures.set_index("figure_id").loc[figure_id]
    return float(row["computed"] if pd.notna(row["computed"]) else row["value"])


def _published(figures: pd.DataFrame, ids: dict[str, str], column: str) -> pd.DataFrame:
    return pd.DataFrame(
        {column: list(ids), "interventions": [figure_value(figures, i) for i in ids.values()]}
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
    total = figure_value(figures, "inv_in_scope")
    rows = []
    for question, figure_id in COMPLETENESS_IDS.items():
        known = figure_value(figures, figure_id)
        rows += [(question, "known", known), (question, "not known", total - known)]
    return pd.DataFrame(rows, columns=["question", "answer", "interventions"])


# --------------------------------------------------------------------------------------
# Key findings and the report's hedge
# --------------------------------------------------------------------------------------


def selection_sentence(page: InventoryPage) -> str:
    """How many interventions the workbook lists and how many are in scope."""
    t, n = page.t, len(page.rows)
    when = f" ({escape(page.year)})" if page.year else ""
    listed = t.n_(
        "The workbook for {place}{when} lists {n} intervention",
        "The workbook for {place}{when} lists {n} interventions",
        n,
    ).format(place=escape(page.municipality), when=when, n=t.count(n))
    if not scope_coded(page.rows):
        return listed + t._(
            " but does not code which are in scope; every figure below covers them all."
        )
    k = len(page.selected)
    if k == n:
        return listed + t._(", all coded in scope.")
    return listed + t._(", of which {k} ({share}) are coded in scope.").format(
        k=t.count(k), share=t.share(k, n)
    )


def most_and_least(table: pd.DataFrame, label: str, t: Language) -> str:
    """'the age group served most often is X (n interventions), the least often Y (m)'."""
    n = t._("interventions")
    top = table.loc[table[n].idxmax()]
    least = table[n].min()
    fewest = table[table[n] == least][label]
    text = t._(
        "the age group served most often is {top} ({n} interventions), the least often "
        "{fewest} ({least}{each})"
    )
    return text.format(
        top=top[label],
        n=t.count(top[n]),
        fewest=t._(" and ").join(fewest),
        least=t.count(least),
        each=t._(" each") if len(fewest) > 1 else "",
    )


def key_findings(page: InventoryPage) -> list[str]:
    """Three to five sentences for the top of the page, every number from the data."""
    t, rows, figures = page.t, page.selected, page.figures
    sentences = [selection_sentence(page)]
    if figures is not None:
        stages = published_selection(figures).set_index("stage")["interventions"]
        sentences.append(
            f"The study located {count(stages['located'])} interventions, excluded "
            f"{count(stages['excluded'])} and judged {count(stages['in scope'])} probably in "
            "scope (as published)."
        )
    answered = metrics.completeness(rows, t).set_index(t._("question"))[t._("interventions")]
    reach, cost = answered[t._("reach (people per year)")], answered[t._("annual cost")]
    if reach or cost or figures is None:
        sentences.append(
            t._(
                "Reach is given for {reach} and a cost for {cost} of the {n} interventions counted."
            ).format(reach=t.count(reach), cost=t.count(cost), n=t.count(len(rows)))
            if reach or cost
            else t._("The workbook gives neither reach nor cost for any intervention.")
        )
    else:
        known = published_completeness(figures).query("answer == 'known'")
        numbers = dict(zip(known["question"], known["interventions"], strict=True))
        total = figure_value(figures, "inv_in_scope")
        sentences.append(
            f"The study had reach figures for {count(numbers['reach'])} and a cost estimate "
            f"for {count(numbers['cost'])} of the {count(total)} "
            f"({share(numbers['reach'], total)} and {share(numbers['cost'], total)}; as published)."
        )
    if metrics.coded_count(rows, "age_groups"):
        text = most_and_least(metrics.age_group_counts(rows, t), t._("category"), t)
        sentences.append(f"{text[0].upper()}{text[1:]}.")
    elif figures is not None:
        text = most_and_least(published_ages(figures), "age group", t)
        sentences.append(f"In the study's table (as published), {text}.")
    else:
        sentences.append(t._("The workbook does not code age groups."))
    sentences += running_cost_sentence(rows, t)
    return sentences[:5]


def running_cost_sentence(rows: pd.DataFrame, t: Language) -> list[str]:
    """The annual cost of the running interventions, the others kept apart (or nothing)."""
    money_rows = metrics.totals(rows).query("figure == 'cost (EUR)'").set_index("status")
    running = money_rows.loc["running (active or pilot)"]
    n = int(running["interventions with a figure"])
    if not n:
        return []
    kept_apart = int(
        money_rows.drop(index="running (active or pilot)")["interventions with a figure"].sum()
    )
    total = metrics.range_text(running["total low"], running["total high"], t.money)
    sentence = t.n_(
        "The {n} running intervention that states a cost adds up to {total} a year",
        "The {n} running interventions that state a cost add up to {total} a year",
        n,
    ).format(n=t.count(n), total=total)
    if not kept_apart:
        return [sentence + "."]
    rest = t.n_(
        "; {n} ended, planned or undated one is left out of that sum.",
        "; {n} ended, planned or undated ones are left out of that sum.",
        kept_apart,
    )
    return [sentence + rest.format(n=t.count(kept_apart))]


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


def synthetic_notice(page: InventoryPage) -> list[Block]:
    """A warning box when the workbook says it holds made-up data."""
    if not page.synthetic:
        return []
    t = page.t
    return [
        Text(
            ":::{admonition} " + t._("SYNTHETIC EXAMPLE — fictional data") + "\n:class: warning\n\n"
            + t._(
                "The workbook behind this page says that it is a synthetic example: the "
                "municipality, its interventions, organisations and numbers are made up. "
                "Nothing on this page describes a real place."
            )
            + "\n:::"
        )
    ]  # fmt: skip
