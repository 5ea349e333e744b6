"""The Amersfoort study's own data beyond the inventory: case studies, the §3.3/3.4 lists and
the key-figure map of the twelve cases."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from helpers.errors import InputError, Problem
from helpers.inputs.schema import CASE_STUDY_IDS, HEALTH_DIMENSION_KEYS, HEALTH_DIMENSION_LABELS_EN
from helpers.paths import AMERSFOORT

LISTS = {"objective": "objectives (§3.3)", "target_group": "target groups (§3.4)"}


def case_studies() -> pd.DataFrame:
    """The twelve case studies, in annex order."""
    table = pd.read_csv(AMERSFOORT / "case_studies.csv", dtype=str, keep_default_na=False)
    return table.sort_values("annex_number", key=lambda s: s.astype(int)).reset_index(drop=True)


def dimension_items() -> pd.DataFrame:
    """The items listed under each positive-health dimension in sections 3.3 and 3.4."""
    return pd.read_csv(AMERSFOORT / "health_dimension_items.csv", dtype=str, keep_default_na=False)


def dimension_item_counts() -> pd.DataFrame:
    """Items per dimension and list, with explicit zeros (meaningfulness has none)."""
    items = dimension_items()
    keys = [*HEALTH_DIMENSION_KEYS, "other"]
    labels = {**HEALTH_DIMENSION_LABELS_EN, "other": "Other (no dimension)"}
    counts = items.groupby(["dimension", "list"]).size()
    rows = [
        {"dimension": labels[key], "list": LISTS[lst], "list items": int(counts.get((key, lst), 0))}
        for key in keys
        for lst in LISTS
    ]
    return pd.DataFrame(rows)


# --- case_key_figures.csv: which figure holds each case's key quantities -----------------

KEY_FIGURES_FILE = AMERSFOORT / "case_key_figures.csv"
KEY_QUANTITIES = (
    "participants",
    "annual_cost",
    "cost_per_participant",
    "cost_per_participant_low",
    "municipal_share",
    "success_rate",
    "avoided_cost",
)
KEY_COLUMNS = ["case_id", *(f"{q}_figure_id" for q in KEY_QUANTITIES), "note"]
FIGURE_ID = re.compile(r"^([a-z][a-z0-9_]*)?$")


def key_figures(path: Path = KEY_FIGURES_FILE) -> pd.DataFrame:
    """The key-figure map: one row per case in annex order, figure ids or '' (not given).

    Raises `InputError` listing every problem with its line and column: wrong columns,
    unknown, missing or misordered cases, cells that are not figure ids, empty notes.
    """
    name = path.name
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(table.columns) != KEY_COLUMNS:
        raise InputError(
            [
                Problem(
                    name, row=1, value=list(table.columns), message=f"columns must be {KEY_COLUMNS}"
                )
            ]
        )
    problems = []
    for row, record in zip(range(2, len(table) + 2), table.to_dict("records"), strict=True):
        if record["case_id"] not in CASE_STUDY_IDS:
            problems.append(
                Problem(
                    name,
                    row=row,
                    column="case_id",
                    value=record["case_id"],
                    message="not one of the twelve case ids",
                )
            )
        for column in KEY_COLUMNS[1:-1]:
            if not FIGURE_ID.match(record[column]):
                problems.append(
                    Problem(
                        name,
                        row=row,
                        column=column,
                        value=record[column],
                        message="must be a figure id or empty",
                    )
                )
        if not record["note"].strip():
            problems.append(Problem(name, row=row, column="note", message="a note is required"))
    if not problems and list(table["case_id"]) != list(CASE_STUDY_IDS):
        problems.append(
            Problem(
                name,
                column="case_id",
                value=list(table["case_id"]),
                message=f"needs the twelve cases once each, in annex order {list(CASE_STUDY_IDS)}",
            )
        )
    if problems:
        raise InputError(problems)
    return table
