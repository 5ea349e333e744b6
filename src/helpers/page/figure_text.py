"""Figures from the figures table as text: in prose (``{fig}`id```) and in small tables."""

from __future__ import annotations

import re

import pandas as pd

from helpers.inputs.figures import evaluate

FIG_ROLE = re.compile(r"\{fig\}`([a-z][a-z0-9_]*)`")
QUALIFIER_WORDS = {"=": "", "~": "about ", "<": "less than ", ">": "more than ", "range": ""}
REPORT_NAMES = {"amersfoort-2024": "2024 report", "kvds-2017": "2017 report"}


def format_number(value: float, unit: str) -> str:
    """A number in the book's style: thousands with commas, € for euros, % for percent."""
    if unit == "year":
        return f"{value:.0f}"
    decimals = 0 if float(value).is_integer() else (1 if abs(value) >= 10 else 2)
    text = f"{value:,.{decimals}f}"
    if unit.startswith("EUR"):
        return f"€{text}"
    if unit == "percent":
        return f"{text}%"
    return text


def format_figure(row: pd.Series) -> str:
    """The value of one evaluated row, with its range; prose supplies qualifier words."""
    value = row["computed"] if "computed" in row and pd.notna(row["computed"]) else row["value"]
    text = format_number(value, row["unit"])
    if row["qualifier"] == "range" and pd.notna(row["value_high"]):
        text = f"{text}–{format_number(row['value_high'], row['unit'])}"
    return text


def fill_figures(markdown: str, figures: pd.DataFrame) -> str:
    """Replace every ``{fig}`id``` in ``markdown`` by the formatted figure; unknown ids fail."""
    table = figures if "computed" in figures.columns else evaluate(figures)
    by_id = table.set_index("figure_id")
    missing = sorted({m for m in FIG_ROLE.findall(markdown) if m not in by_id.index})
    if missing:
        raise KeyError(f"text refers to unknown figure ids: {missing}")
    return FIG_ROLE.sub(lambda m: format_figure(by_id.loc[m.group(1)]), markdown)


def source_of(row: pd.Series) -> str:
    """Where a figure comes from: '2024 report, §3.2', '2024 report, annex 3, 2.7', or
    'computed (a / b), after …'. Numbered sections get a § sign; annexes and named parts not.
    """
    report = REPORT_NAMES.get(row["report"], row["report"])
    section = str(row["section"] or "")
    mark = "§" if section[:1].isdigit() else ""
    place = f"{report}, {mark}{section}" if section else report
    return place if row["kind"] == "published" else f"computed ({row['formula']}), after {place}"


def published_table(figures: pd.DataFrame, ids: list[str], labels: dict[str, str]) -> pd.DataFrame:
    """The given figures as a table: label, value with its qualifier, kind and source."""
    table = figures if "computed" in figures.columns else evaluate(figures)
    by_id = table.set_index("figure_id", drop=False)
    rows = []
    for figure_id in ids:
        row = by_id.loc[figure_id]
        rows.append(
            {
                "figure": labels.get(figure_id, row["metric"].replace("_", " ")),
                "value": QUALIFIER_WORDS[row["qualifier"]] + format_figure(row),
                "as": "as published" if row["kind"] == "published" else "derived",
                "source": source_of(row),
            }
        )
    return pd.DataFrame(rows)
