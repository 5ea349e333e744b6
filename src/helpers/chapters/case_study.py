"""One case study of annex 3: its register row, its English text and its figures.

Annex 3 describes every case in the same eight subsections; the page follows them, and
each figure is shown under the subsection its ``section`` field names.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

import pandas as pd

from helpers.inputs.amersfoort import case_studies
from helpers.inputs.figures import evaluate, load_figures, parse_formula
from helpers.inputs.schema import HEALTH_DIMENSION_LABELS_EN
from helpers.page.figure_text import QUALIFIER_WORDS, fill_figures, format_figure
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
    figures: pd.DataFrame

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
    return Case(match.iloc[0], split_sections(fill_figures(markdown, every)), own)


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


def figure_table(figures: pd.DataFrame, all_figures: pd.DataFrame) -> pd.DataFrame:
    """Figures as rows: what, value (with its qualifier), and how it was obtained."""
    labels = dict(zip(all_figures["figure_id"], all_figures["metric"], strict=True))
    rows = []
    for _, row in figures.iterrows():
        how = (
            "as published"
            if row["kind"] == "published"
            else "= " + formula_in_words(row["formula"], labels)
        )
        rows.append(
            {
                "figure": _words(row["metric"]),
                "value": QUALIFIER_WORDS[row["qualifier"]] + format_figure(row),
                "how": how,
                "section": row["section"],
                "id": row["figure_id"],
            }
        )
    return pd.DataFrame(rows, columns=["figure", "value", "how", "section", "id"])


def formula_in_words(formula: str, labels: dict[str, str]) -> str:
    """A formula with each figure id replaced by its metric in words."""
    return re.sub(r"[a-z][a-z0-9_]*", lambda m: _words(labels.get(m.group(0), m.group(0))), formula)


def sum_breakdowns(case: Case, all_figures: pd.DataFrame) -> list[tuple[pd.Series, pd.DataFrame]]:
    """Derived sums of two or more figures in one unit: cost build-ups, funding splits, shares."""
    by_id = all_figures.set_index("figure_id")
    found = []
    for _, row in case.figures[case.figures["kind"] == "derived"].iterrows():
        terms = _sum_terms(row["formula"])
        if len(terms) < 2 or any(t not in by_id.index for t in terms):
            continue
        parts = by_id.loc[terms]
        if set(parts["unit"]) != {row["unit"]}:
            continue
        table = pd.DataFrame(
            {"part": [_words(m) for m in parts["metric"]], "value": parts["computed"].to_list()}
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


def _words(metric: str) -> str:
    return metric.replace("_", " ")
