"""What the inventory chapter computes from the rows of an inventory workbook.

Every function takes the frame of `helpers.inputs.workbook.read_inventory` and returns a small
table. Multi-valued fields (age groups, health dimensions) count an intervention once in
each of its categories, so their counts can add up to more than the number of rows.
"""

from __future__ import annotations

import pandas as pd

from helpers.inputs.schema import (
    AGE_GROUP_KEYS,
    AGE_GROUP_LABELS_EN,
    HEALTH_DIMENSION_KEYS,
    HEALTH_DIMENSION_LABELS_EN,
    HEALTH_DIMENSION_LABELS_NL,
    SCOPE,
)

NOT_CODED = "not coded"


def in_scope(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows coded in scope (all rows when the workbook does not code scope at all)."""
    coded = frame["in_scope"]
    if coded.isna().all():
        return frame
    return frame[coded.fillna(False).astype(bool)]


def scope_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """In scope, excluded and not coded, with the share of all rows."""
    coded = frame["in_scope"]
    counts = {
        "in scope": int((coded == True).sum()),  # noqa: E712 - nullable boolean
        "excluded": int((coded == False).sum()),  # noqa: E712
        NOT_CODED: int(coded.isna().sum()),
    }
    return _with_share(pd.DataFrame({"status": counts.keys(), "interventions": counts.values()}))


def exclusion_reasons(frame: pd.DataFrame) -> pd.DataFrame:
    """How often each exclusion reason was given for the excluded rows."""
    excluded = frame[frame["in_scope"] == False]  # noqa: E712
    reasons = excluded["exclusion_reason"].fillna("(no reason given)").str.strip()
    table = reasons.value_counts().rename_axis("reason").reset_index(name="interventions")
    return table.sort_values(["interventions", "reason"], ascending=[False, True], kind="stable")


def multi_counts(frame: pd.DataFrame, column: str, keys, labels: dict) -> pd.DataFrame:
    """Interventions per category of a multi-valued column, in vocabulary order."""
    counts = {key: 0 for key in keys}
    for values in frame[column]:
        for key in set(values or ()):
            counts[key] += 1
    return pd.DataFrame(
        {
            "key": list(counts),
            "category": [labels[k] for k in counts],
            "interventions": list(counts.values()),
        }
    )


def age_group_counts(frame: pd.DataFrame) -> pd.DataFrame:
    return multi_counts(frame, "age_groups", AGE_GROUP_KEYS, AGE_GROUP_LABELS_EN)


def dimension_counts(frame: pd.DataFrame) -> pd.DataFrame:
    table = multi_counts(
        frame, "health_dimensions", HEALTH_DIMENSION_KEYS, HEALTH_DIMENSION_LABELS_EN
    )
    return table.assign(dutch=[HEALTH_DIMENSION_LABELS_NL[k] for k in table["key"]])


def coded_count(frame: pd.DataFrame, column: str) -> int:
    """Rows with at least one category in a multi-valued column."""
    return int(frame[column].map(lambda values: bool(values)).sum())


def completeness(frame: pd.DataFrame) -> pd.DataFrame:
    """How many rows answer the questions the analysis needs (reach, costs, databank...)."""
    questions = {
        "objective": frame["objective"].notna(),
        "target group": frame["target_group"].notna(),
        "reach (people per year)": given(frame, "reach_total"),
        "annual cost": given(frame, "annual_cost_eur"),
        "databank named": frame["databank"].notna(),
        "effect monitoring described": frame["effect_monitoring"].notna(),
    }
    table = pd.DataFrame(
        {"question": questions.keys(), "interventions": [int(s.sum()) for s in questions.values()]}
    )
    return _with_share(table, total=len(frame))


def scope_of_activity(frame: pd.DataFrame) -> pd.DataFrame:
    """Neighbourhood-based versus city-wide."""
    labels = {choice.key: choice.label_en for choice in SCOPE}
    values = frame["scope"].map(labels).fillna(NOT_CODED)
    order = [*labels.values(), NOT_CODED]
    counts = values.value_counts().reindex(order, fill_value=0)
    return _with_share(pd.DataFrame({"scope": order, "interventions": counts.to_list()}))


def given(frame: pd.DataFrame, key: str) -> pd.Series:
    """Rows that give a figure for number field ``key``: a number, a range or a bound.

    "bijna 50" (just under 50) has only an upper bound and "ruim 100" only a lower one;
    both are answers, so the test is on either bound, not on the lower one alone.
    """
    return frame[f"{key}_low"].notna() | frame[f"{key}_high"].notna()


def totals(frame: pd.DataFrame) -> pd.DataFrame:
    """Sum of reach and of annual cost as low–high, over the rows that give a figure.

    A range adds its low end to the low total and its high end to the high total. A row
    with one bound only ("ruim 100", "bijna 50") adds its stated number to both totals.
    """
    rows = []
    for key, label in (
        ("reach_total", "reach (people per year)"),
        ("annual_cost_eur", "annual cost (EUR)"),
    ):
        low = frame[f"{key}_low"].fillna(frame[f"{key}_high"])
        high = frame[f"{key}_high"].fillna(frame[f"{key}_low"])
        rows_given = given(frame, key)
        qualifier = frame[f"{key}_qualifier"]
        rows.append(
            {
                "figure": label,
                "interventions with a figure": int(rows_given.sum()),
                "of which ranges": int((qualifier == "range").sum()),
                "of which one bound only": int(qualifier.isin(["<", ">"]).sum()),
                "total low": float(low[rows_given].sum()),
                "total high": float(high[rows_given].sum()),
            }
        )
    return pd.DataFrame(rows)


def intervention_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The public columns of every intervention, for the sortable table."""

    def joined(values):
        return "; ".join(values) if values else ""

    return pd.DataFrame(
        {
            "title": frame["title"],
            "provider": frame["provider"],
            "in scope": frame["in_scope"].map({True: "yes", False: "no"}),
            "scope": frame["scope"],
            "age groups": frame["age_groups"].map(joined),
            "health dimensions": frame["health_dimensions"].map(joined),
            "reach": _range_text(frame, "reach_total"),
            "annual cost (EUR)": _range_text(frame, "annual_cost_eur"),
            "databank": frame["databank"],
        }
    ).reset_index(drop=True)


def _range_text(frame: pd.DataFrame, key: str) -> pd.Series:
    low, high = frame[f"{key}_low"], frame[f"{key}_high"]

    def text(pair):
        lo, hi = pair
        if pd.isna(lo):
            return ""
        return f"{lo:,.0f}" if pd.isna(hi) or hi == lo else f"{lo:,.0f}–{hi:,.0f}"

    return pd.Series([text(p) for p in zip(low, high, strict=True)], index=frame.index)


def _with_share(table: pd.DataFrame, total: int | None = None) -> pd.DataFrame:
    total = int(table["interventions"].sum()) if total is None else total
    share = (100 * table["interventions"] / total).round(1) if total else 0.0
    return table.assign(**{"share (%)": share})


TABLE_ROW_LIMIT = 1000


def limited(table: pd.DataFrame, limit: int = TABLE_ROW_LIMIT) -> tuple[pd.DataFrame, str]:
    """The first ``limit`` rows and a note saying what was left out (empty when nothing)."""
    if len(table) <= limit:
        return table, ""
    return table.head(limit), f" Only the first {limit:,} of {len(table):,} rows are shown."
