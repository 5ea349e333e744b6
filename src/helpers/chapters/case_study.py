"""One case study of annex 3: its register row, its English text and its figures.

Annex 3 describes every case in the same eight subsections; the page follows them. Each
subsection shows its text, charts of the sums it contains, and its figures (ids, formulas,
sources) in a collapsed part under the text; the page opens with its key findings.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

import pandas as pd

from helpers.inputs.amersfoort import case_studies
from helpers.inputs.figures import evaluate, load_figures, parse_formula
from helpers.inputs.schema import HEALTH_DIMENSION_KEYS, HEALTH_DIMENSION_LABELS_EN
from helpers.page.blocks import Block, Chart, Provenance, Table, Text
from helpers.page.charts import bar_chart
from helpers.page.figure_text import (
    fill_figures,
    metric_words,
    provenance_table,
    qualified,
    source_of,
    unit_words,
)
from helpers.page.formatting import count
from helpers.paths import AMERSFOORT, DATA

SUBSECTIONS = {
    1: "Background and provider",
    2: "Objective",
    3: "Activities",
    4: "Target group and reach",
    5: "Conditions for success",
    6: "Effects and benefits",
    7: "Costs",
    8: "Sources",
}
ANNEX_SECTION = re.compile(r"annex 3, (\d+)\.(\d+)")


@dataclass
class Case:
    """Everything the page of one case shows."""

    meta: pd.Series
    text: dict[str, str]
    figures: pd.DataFrame  # this case's figures, evaluated
    all_figures: pd.DataFrame  # every figure, for the names a formula uses

    def subsection_figures(self, number: int) -> pd.DataFrame:
        """The figures printed in annex-3 subsection ``number`` of this case."""
        place = self.figures["section"].str.extract(ANNEX_SECTION)
        return self.figures[place[1].astype(float) == number]


def load_case(case_id: str) -> Case:
    """The register row, the text (figures filled in) and the figures of one case."""
    register = case_studies()
    match = register[register["case_id"] == case_id]
    if match.empty:
        raise KeyError(f"unknown case id {case_id!r}; known: {list(register['case_id'])}")
    every = evaluate(load_figures(DATA))
    own = every[every["intervention"] == case_id]
    markdown = (AMERSFOORT / "case_texts" / f"{case_id}.md").read_text(encoding="utf-8")
    return Case(match.iloc[0], split_sections(fill_figures(markdown, every)), own, every)


def split_sections(markdown: str) -> dict[str, str]:
    """Level-2 heading -> body."""
    parts = re.split(r"^## +(.+?)\s*$", markdown, flags=re.MULTILINE)
    return {heading: body.strip() for heading, body in zip(parts[1::2], parts[2::2], strict=True)}


def key_facts(meta: pd.Series) -> pd.DataFrame:
    """The register row as a two-column table, in words."""
    dimensions = [HEALTH_DIMENSION_LABELS_EN[k] for k in meta["health_dimensions"].split(";") if k]
    ages = f"{meta['age_min']}–{meta['age_max']}" if meta["age_min"] else "not in whole years"
    recognition = meta["recognition_level"] or "none"
    if meta["recognition_year"]:
        recognition += f" (since {meta['recognition_year']})"
    facts = {
        "provider": meta["provider"],
        "databank": meta["databank"] or "not in a databank",
        "recognition level": recognition,
        "effectenarena held": meta["effectenarena"],
        "ages": ages,
        "positive-health dimensions (§4.3)": "; ".join(dimensions) or "none assigned",
        "group in §4.3": meta["dimension_group"],
        "headline effect": meta["headline_effect"],
    }
    return pd.DataFrame({"item": facts.keys(), "value": facts.values()})


def part_labels(metrics: pd.Series) -> list[str]:
    """The parts of a sum in words, without the words they all start with.

    'budget_partners_recruitment_support_hours' and 'budget_partners_health_information_hours'
    read 'recruitment support hours' and 'health information hours' under their sum.
    """
    words = [metric_words(m).split() for m in metrics]
    shared = 0
    while all(len(w) > shared + 1 for w in words) and len({w[shared] for w in words}) == 1:
        shared += 1
    return [" ".join(w[shared:]) for w in words]


def sum_breakdowns(case: Case) -> list[tuple[pd.Series, pd.DataFrame]]:
    """Derived sums of two or more figures in one unit: cost build-ups, funding splits, shares."""
    by_id = case.all_figures.set_index("figure_id")
    found = []
    for _, row in case.figures[case.figures["kind"] == "derived"].iterrows():
        terms = _sum_terms(row["formula"])
        if len(terms) < 2 or any(t not in by_id.index for t in terms):
            continue
        parts = by_id.loc[terms]
        if set(parts["unit"]) != {row["unit"]}:
            continue
        table = pd.DataFrame(
            {"part": part_labels(parts["metric"]), "value": parts["computed"].to_list()}
        )
        found.append((row, table))
    return found


def _sum_terms(formula: str) -> list[str]:
    """The ids of a formula that is nothing but a sum of ids, else []."""
    terms: list[str] = []

    def walk(node) -> bool:
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return walk(node.left) and walk(node.right)
        if isinstance(node, ast.Name):
            terms.append(node.id)
            return True
        return False

    return terms if walk(parse_formula(formula).body) else []


# --------------------------------------------------------------------------------------
# What the page shows
# --------------------------------------------------------------------------------------


def facts(case: Case) -> Table:
    """The register row as a table of key facts, with its source."""
    return Table(
        key_facts(case.meta),
        f"Key facts, coded from the 2024 report ({case.meta['sources']}) into the project's "
        "case register.",
    )


def section_blocks(case: Case, number: int) -> list[Block]:
    """One annex-3 subsection: its text, charts of its sums, its figures one click away."""
    shown = case.subsection_figures(number)
    ids = set(shown["figure_id"])
    blocks: list[Block] = [Text(case.text[SUBSECTIONS[number]])]
    for row, parts in sum_breakdowns(case):
        if row["figure_id"] in ids:
            axis = unit_words(row["unit"])
            blocks.append(
                Chart(
                    bar_chart(parts.rename(columns={"value": axis}), "part", axis, source_of(row)),
                    f"Build-up of the {metric_words(row['metric'])}: the parts add up to "
                    f"{qualified(row)}; {source_of(row)}.",
                )
            )
    if len(shown):
        annex = f"2024 report, annex 3 §{case.meta['annex_number']}.{number}"
        blocks.append(
            Provenance(
                provenance_table(shown, case.all_figures),
                f"Figures of this subsection ({annex}); derived rows are computed from the "
                "published ones by the formula shown.",
            )
        )
    return blocks


def not_known(case: Case) -> Text:
    """What the report says is not known about the case, in a box of its own."""
    return Text(
        ":::{admonition} What the report says is not known\n:class: note\n\n"
        "That a figure is unknown is a finding in itself: a municipality cannot steer on it.\n\n"
        f"{case.text['Not known']}\n:::"
    )


def not_known_items(case: Case) -> int:
    """How many things the report names as not known (the bullets of that part)."""
    return sum(line.lstrip().startswith("- ") for line in case.text["Not known"].splitlines())


def key_findings(case: Case) -> list[str]:
    """Three to five sentences for the top of a case page, numbers from the data."""
    meta = case.meta
    sentences = [f"{meta['name']} is run by {meta['provider']}."]
    if meta["databank"]:
        since = f" since {meta['recognition_year']}" if meta["recognition_year"] else ""
        sentences.append(
            f"It is in the {meta['databank']} databank, recognised{since} as "
            f"'{meta['recognition_level']}'."
        )
    else:
        sentences.append("It is not recognised in any of the national databanks.")
    dimensions = [k for k in meta["health_dimensions"].split(";") if k]
    ages = f"serves ages {meta['age_min']} to {meta['age_max']} and " if meta["age_min"] else ""
    six = count(len(HEALTH_DIMENSION_KEYS))
    sentences.append(
        f"It {ages}addresses {count(len(dimensions))} of the {six} dimensions of positive "
        "health, as the report reads it."
        if dimensions
        else f"It {ages}is linked by the report to none of the {six} dimensions of positive "
        f"health ({meta['dimension_group']})."
    )
    if meta["headline_effect"]:
        sentences.append(f"Main effect reported: {meta['headline_effect']}")
    published = int((case.figures["kind"] == "published").sum())
    sentences.append(
        f"The page draws on {count(published)} figures from the report and "
        f"{count(len(case.figures) - published)} derived from them; the report names "
        f"{count(not_known_items(case))} things about this case that are not known."
    )
    return sentences[:5]
