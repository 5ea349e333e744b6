"""The Amersfoort study's own data beyond the inventory: case studies and the §3.3/3.4 lists."""

from __future__ import annotations

import pandas as pd

from helpers.inputs.schema import HEALTH_DIMENSION_KEYS, HEALTH_DIMENSION_LABELS_EN
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
