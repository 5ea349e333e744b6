"""What the inventory chapter computes from the rows of an inventory workbook.

Every function takes the frame of `helpers.inputs.workbook.read_inventory` (or a part of
it) and returns a small table. Multi-valued fields (age groups, health dimensions) count
an intervention once in each of its categories, so their counts can add up to more than
the number of rows. What "in scope" means is decided in one place,
`helpers.inputs.scope`; the page itself is put together in `inventory_page`.
"""

from __future__ import annotations

import pandas as pd

from helpers.inputs.schema import (
    AGE_GROUP_KEYS,
    AGE_GROUP_LABELS_EN,
    DATABANKS,
    HEALTH_DIMENSION_KEYS,
    HEALTH_DIMENSION_LABELS_EN,
    HEALTH_DIMENSION_LABELS_NL,
    SCOPE,
    STATUS,
)
from helpers.inputs.scope import in_scope  # noqa: F401 - the chapter's selection, re-exported
from helpers.page.figure_text import QUALIFIER_WORDS
from helpers.page.formatting import NOT_KNOWN, count, money

NOT_CODED = "not coded"
SCOPE_LABELS = {c.key: c.label_en for c in SCOPE}
STATUS_LABELS = {c.key: c.label_en for c in STATUS}
DATABANK_LABELS = {c.key: c.label_en for c in DATABANKS}
#: Status groups kept apart in totals: only running interventions have an annual cost.
STATUS_GROUPS = {
    "running (active or pilot)": ("active", "pilot"),
    "ended": ("ended",),
    "planned": ("planned",),
    "status not stated": (),
}
NUMBER_FIGURES = {"reach_total": "reach (people per year)", "annual_cost_eur": "cost (EUR)"}
COST_WORDS = {
    "running (active or pilot)": "annual cost",
    "ended": "budget of ended interventions",
    "planned": "budget of planned interventions",
    "status not stated": "cost, status not stated",
}


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
    """Interventions per age group (the seven categories of the 2024 report's table)."""
    return multi_counts(frame, "age_groups", AGE_GROUP_KEYS, AGE_GROUP_LABELS_EN)


def dimension_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Interventions per positive-health dimension, with the Dutch name."""
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
    values = frame["scope"].map(SCOPE_LABELS).fillna(NOT_CODED)
    order = [*SCOPE_LABELS.values(), NOT_CODED]
    counts = values.value_counts().reindex(order, fill_value=0)
    return _with_share(pd.DataFrame({"scope": order, "interventions": counts.to_list()}))


def given(frame: pd.DataFrame, key: str) -> pd.Series:
    """Rows that give a figure for number field ``key``: a number, a range or a bound.

    "bijna 50" (just under 50) has only an upper bound and "ruim 100" only a lower one;
    both are answers, so the test is on either bound, not on the lower one alone.
    """
    return frame[f"{key}_low"].notna() | frame[f"{key}_high"].notna()


def status_group(frame: pd.DataFrame) -> pd.Series:
    """Each row's status group: running (active or pilot), ended, planned or not stated."""
    groups = {key: group for group, keys in STATUS_GROUPS.items() for key in keys}
    return frame["status"].map(groups).fillna("status not stated")


def totals(frame: pd.DataFrame) -> pd.DataFrame:
    """Sums of reach and of cost as low–high per status group, over rows that give a figure.

    Running interventions are kept apart from ended and planned ones: only a running
    intervention's cost is an annual cost. A range adds its low end to the low total and
    its high end to the high total; a row with one bound only ("ruim 100", "bijna 50")
    adds its stated number to both totals.
    """
    groups = status_group(frame)
    rows = []
    for key, label in NUMBER_FIGURES.items():
        low = frame[f"{key}_low"].fillna(frame[f"{key}_high"])
        high = frame[f"{key}_high"].fillna(frame[f"{key}_low"])
        qualifier = frame[f"{key}_qualifier"]
        for group in STATUS_GROUPS:
            rows_given = given(frame, key) & (groups == group)
            rows.append(
                {
                    "figure": label,
                    "status": group,
                    "interventions with a figure": int(rows_given.sum()),
                    "of which ranges": int((rows_given & (qualifier == "range")).sum()),
                    "of which one bound only": int((rows_given & qualifier.isin(["<", ">"])).sum()),
                    "total low": float(low[rows_given].sum()),
                    "total high": float(high[rows_given].sum()),
                }
            )
    return pd.DataFrame(rows)


def totals_for_readers(table: pd.DataFrame) -> pd.DataFrame:
    """The rows of `totals` that hold a figure, with the sums as text (€1,277,800–€1,300,000)."""
    kept = table[table["interventions with a figure"] > 0]
    what = [
        COST_WORDS[status] if figure.startswith("cost") else figure
        for figure, status in zip(kept["figure"], kept["status"], strict=True)
    ]
    totals_text = [
        range_text(low, high, money if figure.startswith("cost") else count)
        for figure, low, high in zip(
            kept["figure"], kept["total low"], kept["total high"], strict=True
        )
    ]
    return pd.DataFrame(
        {
            "figure": what,
            "status": kept["status"].to_list(),
            "interventions with a figure": kept["interventions with a figure"].to_list(),
            "of which ranges": kept["of which ranges"].to_list(),
            "of which one bound only": kept["of which one bound only"].to_list(),
            "total": totals_text,
        }
    )


def range_text(low: float, high: float, style=count) -> str:
    """'1,200' or '1,200–1,500' (a range) in the given number style."""
    return style(low) if high == low else f"{style(low)}–{style(high)}"


def amount_text(low: float, high: float, qualifier: str | None, style=count) -> str | None:
    """One answer as written for readers: '1,050', 'ca. 3,000', 'under 60', '400–700'.

    Missing (None) only when the workbook gives no figure at all.
    """
    if pd.isna(low) and pd.isna(high):
        return None
    if qualifier == "range" and pd.notna(low) and pd.notna(high):
        return range_text(low, high, style)
    value = high if pd.isna(low) else low
    return QUALIFIER_WORDS.get(qualifier, "") + style(value)


INTERVENTION_COLUMNS = (
    "title",
    "provider",
    "status",
    "in scope",
    "area",
    "age groups",
    "health dimensions",
    "reach (people per year)",
    "annual cost or budget",
    "databank",
)


def intervention_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The public columns of every intervention in words; columns no row answers are left out.

    A cell the workbook leaves empty reads "not known".
    """

    def joined(labels: dict):
        return lambda values: "; ".join(labels[v] for v in values) if values else None

    def amounts(key: str, style) -> list[str | None]:
        parts = zip(
            frame[f"{key}_low"], frame[f"{key}_high"], frame[f"{key}_qualifier"], strict=True
        )
        return [
            amount_text(lo, hi, q if isinstance(q, str) else None, style) for lo, hi, q in parts
        ]

    table = pd.DataFrame(
        {
            "title": frame["title"],
            "provider": frame["provider"],
            "status": frame["status"].map(STATUS_LABELS),
            "in scope": frame["in_scope"].map({True: "yes", False: "no"}),
            "area": frame["scope"].map(SCOPE_LABELS),
            "age groups": frame["age_groups"].map(joined(AGE_GROUP_LABELS_EN)),
            "health dimensions": frame["health_dimensions"].map(joined(HEALTH_DIMENSION_LABELS_EN)),
            "reach (people per year)": amounts("reach_total", count),
            "annual cost or budget": amounts("annual_cost_eur", money),
            "databank": frame["databank"].map(DATABANK_LABELS),
        },
        columns=list(INTERVENTION_COLUMNS),
    ).reset_index(drop=True)
    return table.dropna(axis="columns", how="all").fillna(NOT_KNOWN)


def unanswered_columns(table: pd.DataFrame) -> list[str]:
    """The columns of `intervention_table` that no row answers (and it therefore leaves out)."""
    return [c for c in INTERVENTION_COLUMNS if c not in table.columns]


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
