"""What "in scope" means: one definition for every page, count and check.

The researchers code each intervention in scope (yes) or excluded (no), or leave the cell
empty. Rows coded yes are in scope. A workbook that codes no row at all has made no scope
decision: every listed intervention is then taken, and pages call the selection "all
listed interventions (scope not coded)", never "in scope".
"""

from __future__ import annotations

import pandas as pd

IN_SCOPE = "in scope"
SCOPE_NOT_CODED = "all listed interventions (scope not coded)"


def scope_coded(frame: pd.DataFrame) -> bool:
    """True when at least one row codes the scope decision (yes or no)."""
    return "in_scope" in frame.columns and bool(frame["in_scope"].notna().any())


def in_scope(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows coded in scope; every row when the workbook codes scope for none."""
    if not scope_coded(frame):
        return frame
    return frame[frame["in_scope"].fillna(False).astype(bool)]


def selection_label(frame: pd.DataFrame) -> str:
    """What `in_scope` selected, in words: "in scope" or "all listed interventions (...)"."""
    return IN_SCOPE if scope_coded(frame) else SCOPE_NOT_CODED
