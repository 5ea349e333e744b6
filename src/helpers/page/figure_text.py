"""Figures from the figures table as text: in prose (``{fig}`id```) and in small tables.

Numbers are formatted by `helpers.page.formatting`; this module adds what a figure carries
besides its value: its qualifier ("ca.", "under", "almost", "more than"), its range and its
source. `QUALIFIER_WORDS` is the book's one map from qualifier to words; the rerun book's
Dutch comes from translating these words (`helpers.page.i18n.Language.amount`).
"""

from __future__ import annotations

import re

import pandas as pd

from helpers.inputs.figures import evaluate
from helpers.page.formatting import number

FIG_ROLE = re.compile(r"\{fig\}`([a-z][a-z0-9_]*)`")
FIGURE_ID = re.compile(r"[a-z][a-z0-9_]*")
#: The one qualifier-to-words map of the book (tables, prose helpers, charts, messages):
#: '<' is an upper bound ("minder dan 60"), 'almost' one just above the answer ("bijna 60").
QUALIFIER_WORDS = {
    "=": "",
    "~": "ca. ",
    "<": "under ",
    "almost": "almost ",
    ">": "more than ",
    "range": "",
}
REPORT_NAMES = {"amersfoort-2024": "2024 report", "kvds-2017": "2017 report"}


def format_number(value: float, unit: str) -> str:
    """A number in the unit of the figures table, in the book's one style."""
    return number(value, unit)


def format_figure(row: pd.Series) -> str:
    """The value of one evaluated row, with its range; prose supplies qualifier words."""
    value = row["computed"] if "computed" in row and pd.notna(row["computed"]) else row["value"]
    text = format_number(value, row["unit"])
    if row["qualifier"] == "range" and pd.notna(row["value_high"]):
        text = f"{text}–{format_number(row['value_high'], row['unit'])}"
    return text


def qualified(row: pd.Series) -> str:
    """The value of one evaluated row with its qualifier in words: 'ca. €3,000'."""
    return QUALIFIER_WORDS[row["qualifier"]] + format_figure(row)


def fill_figures(markdown: str, figures: pd.DataFrame) -> str:
    """Replace every ``{fig}`id``` in ``markdown`` by the formatted figure; unknown ids fail."""
    table = figures if "computed" in figures.columns else evaluate(figures)
    by_id = table.set_index("figure_id")
    missing = sorted({m for m in FIG_ROLE.findall(markdown) if m not in by_id.index})
    if missing:
        raise KeyError(f"text refers to unknown figure ids: {missing}")
    return FIG_ROLE.sub(lambda m: format_figure(by_id.loc[m.group(1)]), markdown)


def source_of(row: pd.Series) -> str:
    """Where a figure comes from, in words: '2024 report, §3.2', '2024 report, annex 3,
    2.7', or 'computed from 2024 report, §3.2' (the formula stays in the provenance tables).
    Numbered sections get a § sign; annexes and named parts not.
    """
    report = REPORT_NAMES.get(row["report"], row["report"])
    section = str(row["section"] or "")
    mark = "§" if section[:1].isdigit() else ""
    place = f"{report}, {mark}{section}" if section else report
    return place if row["kind"] == "published" else f"computed from {place}"


def metric_words(metric: str) -> str:
    """A metric name of the figures table in words: 'cost_per_year' -> 'cost per year'."""
    return metric.replace("_", " ")


UNIT_WORDS = {"EUR": "euros", "persons": "people", "count": "number"}


def unit_words(unit: str) -> str:
    """A unit of the figures table in words: 'EUR_per_person' -> 'euros per person'."""
    return " ".join(UNIT_WORDS.get(part, part) for part in unit.split("_"))


def formula_in_words(formula: str, labels: dict[str, str]) -> str:
    """A formula with each figure id replaced by its metric in words."""
    return FIGURE_ID.sub(lambda m: metric_words(labels.get(m.group(0), m.group(0))), formula)


def provenance_table(
    shown: pd.DataFrame, all_figures: pd.DataFrame, labels: dict[str, str] | None = None
) -> pd.DataFrame:
    """Figures as reviewers want them: what, value, how obtained, source and figure id.

    ``shown`` are evaluated rows of the figures table; ``all_figures`` names the ids a
    formula uses; ``labels`` may give a figure a better name than its metric.
    """
    labels = labels or {}
    metrics = dict(zip(all_figures["figure_id"], all_figures["metric"], strict=True))
    rows = [
        {
            "figure": labels.get(row["figure_id"], metric_words(row["metric"])),
            "value": qualified(row),
            "how": "as published"
            if row["kind"] == "published"
            else "= " + formula_in_words(row["formula"], metrics),
            "source": source_of(row),
            "id": row["figure_id"],
        }
        for _, row in shown.iterrows()
    ]
    return pd.DataFrame(rows, columns=["figure", "value", "how", "source", "id"])


def published_table(figures: pd.DataFrame, ids: list[str], labels: dict[str, str]) -> pd.DataFrame:
    """The given figures as a table: label, value with its qualifier, kind and source."""
    table = figures if "computed" in figures.columns else evaluate(figures)
    by_id = table.set_index("figure_id", drop=False)
    rows = []
    for figure_id in ids:
        row = by_id.loc[figure_id]
        rows.append(
            {
                "figure": labels.get(figure_id, metric_words(row["metric"])),
                "value": qualified(row),
                "as": "as published" if row["kind"] == "published" else "derived",
                "source": source_of(row),
            }
        )
    return pd.DataFrame(rows)
