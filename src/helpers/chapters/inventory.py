"""What the inventory chapter computes from the rows of an inventory workbook.

Every function takes the frame of `helpers.inputs.workbook.read_inventory` (or a part of
it) and returns a small table. Multi-valued fields (age groups, health dimensions) count
an intervention once in each of its categories, so their counts can add up to more than
the number of rows. What "in scope" means is decided in one place,
`helpers.inputs.scope`; the page itself is put together in `inventory_page`.
"""

from __future__ import annotations

import pandas as pd

from helpers.inputs.dutch_numbers import UPPER_BOUND
from helpers.inputs.schema import (
    AGE_GROUPS,
    DATABANKS,
    HEALTH_DIMENSION_LABELS_NL,
    HEALTH_DIMENSIONS,
    SCOPE,
    STATUS,
)
from helpers.inputs.scope import in_scope  # noqa: F401 - the chapter's selection, re-exported
from helpers.page.i18n import Language

EN = Language("en")
NOT_CODED = "not coded"
#: Status groups kept apart in totals: only running interventions have an annual cost.
STATUS_GROUPS = {
    "running (active or pilot)": ("active", "pilot"),
    "ended": ("ended",),
    "planned": ("planned",),
    "status not stated": (),
}
NUMBER_FIGURES = {"reach_total": "reach (people per year)", "annual_cost_eur": "cost (EUR)"}
#: The count columns of `totals`, shown as they are (headers translated).
COUNT_COLUMNS = ("interventions with a figure", "of which ranges", "of which one bound only")
COST_WORDS = {
    "running (active or pilot)": "annual cost",
    "ended": "budget of ended interventions",
    "planned": "budget of planned interventions",
    "status not stated": "cost, status not stated",
}


def labels(choices, t: Language) -> dict[str, str]:
    """Key -> label of a schema vocabulary, in the page's language."""
    return {choice.key: t.choice(choice) for choice in choices}


def scope_counts(frame: pd.DataFrame, t: Language = EN) -> pd.DataFrame:
    """In scope, excluded and not coded, with the share of all rows."""
    coded = frame["in_scope"]
    counts = {
        t._("in scope"): int((coded == True).sum()),  # noqa: E712 - nullable boolean
        t._("excluded"): int((coded == False).sum()),  # noqa: E712
        t._(NOT_CODED): int(coded.isna().sum()),
    }
    table = pd.DataFrame({t._("status"): counts.keys(), t._("interventions"): counts.values()})
    return _with_share(table, t)


def exclusion_reasons(frame: pd.DataFrame, t: Language = EN) -> pd.DataFrame:
    """How often each exclusion reason was given for the excluded rows."""
    excluded = frame[frame["in_scope"] == False]  # noqa: E712
    reasons = excluded["exclusion_reason"].fillna(t._("(no reason given)")).str.strip()
    reason, n = t._("reason"), t._("interventions")
    table = reasons.value_counts().rename_axis(reason).reset_index(name=n)
    return table.sort_values([n, reason], ascending=[False, True], kind="stable")


def multi_counts(frame: pd.DataFrame, column: str, names: dict, t: Language = EN) -> pd.DataFrame:
    """Interventions per category of a multi-valued column, in vocabulary order."""
    counts = dict.fromkeys(names, 0)
    for values in frame[column]:
        for key in set(values or ()):
            counts[key] += 1
    return pd.DataFrame(
        {
            "key": list(counts),
            t._("category"): [names[k] for k in counts],
            t._("interventions"): list(counts.values()),
        }
    )


def age_group_counts(frame: pd.DataFrame, t: Language = EN) -> pd.DataFrame:
    """Interventions per age group (the seven categories of the 2024 report's table)."""
    return multi_counts(frame, "age_groups", labels(AGE_GROUPS, t), t)


def dimension_counts(frame: pd.DataFrame, t: Language = EN) -> pd.DataFrame:
    """Interventions per positive-health dimension, with the Dutch name."""
    table = multi_counts(frame, "health_dimensions", labels(HEALTH_DIMENSIONS, t), t)
    return table.assign(dutch=[HEALTH_DIMENSION_LABELS_NL[k] for k in table["key"]])


def coded_count(frame: pd.DataFrame, column: str) -> int:
    """Rows with at least one category in a multi-valued column."""
    return int(frame[column].map(lambda values: bool(values)).sum())


def completeness(frame: pd.DataFrame, t: Language = EN) -> pd.DataFrame:
    """How many rows answer the questions the analysis needs (reach, costs, databank...)."""
    questions = {
        t._("objective"): frame["objective"].notna(),
        t._("target group"): frame["target_group"].notna(),
        t._("reach (people per year)"): given(frame, "reach_total"),
        t._("annual cost"): given(frame, "annual_cost_eur"),
        t._("databank named"): frame["databank"].notna(),
        t._("effect monitoring described"): frame["effect_monitoring"].notna(),
    }
    table = pd.DataFrame(
        {
            t._("question"): questions.keys(),
            t._("interventions"): [int(s.sum()) for s in questions.values()],
        }
    )
    return _with_share(table, t, total=len(frame))


def scope_of_activity(frame: pd.DataFrame, t: Language = EN) -> pd.DataFrame:
    """Neighbourhood-based versus city-wide."""
    names = labels(SCOPE, t)
    values = frame["scope"].map(names).fillna(t._(NOT_CODED))
    order = [*names.values(), t._(NOT_CODED)]
    counts = values.value_counts().reindex(order, fill_value=0)
    table = pd.DataFrame({t._("scope"): order, t._("interventions"): counts.to_list()})
    return _with_share(table, t)


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
                    "of which one bound only": int(
                        (rows_given & qualifier.isin([*UPPER_BOUND, ">"])).sum()
                    ),
                    "total low": float(low[rows_given].sum()),
                    "total high": float(high[rows_given].sum()),
                }
            )
    return pd.DataFrame(rows)


def totals_for_readers(table: pd.DataFrame, t: Language = EN) -> pd.DataFrame:
    """The rows of `totals` that hold a figure, with the sums as text (€1,277,800–€1,300,000)."""
    kept = table[table["interventions with a figure"] > 0]
    cost = kept["figure"].str.startswith("cost")
    what = [
        t._(COST_WORDS[status]) if is_cost else t._(figure)
        for figure, status, is_cost in zip(kept["figure"], kept["status"], cost, strict=True)
    ]
    totals_text = [
        range_text(low, high, t.money if is_cost else t.count)
        for low, high, is_cost in zip(kept["total low"], kept["total high"], cost, strict=True)
    ]
    return pd.DataFrame(
        {
            t._("figure"): what,
            t._("status"): [t._(status) for status in kept["status"]],
            **{t._(column): kept[column].to_list() for column in COUNT_COLUMNS},
            t._("total"): totals_text,
        }
    )


def range_text(low: float, high: float, style=EN.count) -> str:
    """'1,200' or '1,200–1,500' (a range) in the given number style."""
    return style(low) if high == low else f"{style(low)}–{style(high)}"


def amount_text(low, high, qualifier, t: Language = EN, money: bool = False) -> str | None:
    """One answer as written for readers: '1,050', 'ca. 3,000', 'almost 60', '400–700'.

    Missing (None) only when the workbook gives no figure at all.
    """
    if pd.isna(low) and pd.isna(high):
        return None
    return t.amount(low, high, qualifier if isinstance(qualifier, str) else None, money)


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


def intervention_table(frame: pd.DataFrame, t: Language = EN) -> pd.DataFrame:
    """The public columns of every intervention in words; columns no row answers are left out.

    A cell the workbook leaves empty reads "not known".
    """

    def joined(names: dict):
        return lambda values: "; ".join(names[v] for v in values) if values else None

    def amounts(key: str, money: bool) -> list[str | None]:
        parts = zip(
            frame[f"{key}_low"], frame[f"{key}_high"], frame[f"{key}_qualifier"], strict=True
        )
        return [amount_text(lo, hi, q, t, money) for lo, hi, q in parts]

    columns = dict(
        zip(
            INTERVENTION_COLUMNS,
            [
                frame["title"],
                frame["provider"],
                frame["status"].map(labels(STATUS, t)),
                frame["in_scope"].map({True: t._("yes"), False: t._("no")}),
                frame["scope"].map(labels(SCOPE, t)),
                frame["age_groups"].map(joined(labels(AGE_GROUPS, t))),
                frame["health_dimensions"].map(joined(labels(HEALTH_DIMENSIONS, t))),
                amounts("reach_total", money=False),
                amounts("annual_cost_eur", money=True),
                frame["databank"].map(labels(DATABANKS, t)),
            ],
            strict=True,
        )
    )
    table = pd.DataFrame({t._(name): values for name, values in columns.items()})
    return table.reset_index(drop=True).dropna(axis="columns", how="all").fillna(t.not_known)


def unanswered_columns(table: pd.DataFrame, t: Language = EN) -> list[str]:
    """The columns of `intervention_table` that no row answers (and it therefore leaves out)."""
    return [t._(c) for c in INTERVENTION_COLUMNS if t._(c) not in table.columns]


def _with_share(table: pd.DataFrame, t: Language = EN, total: int | None = None) -> pd.DataFrame:
    n = table[t._("interventions")]
    total = int(n.sum()) if total is None else total
    share = (100 * n / total).round(1) if total else 0.0
    return table.assign(**{t._("share (%)"): share})


TABLE_ROW_LIMIT = 1000


def limited(table: pd.DataFrame, limit: int = TABLE_ROW_LIMIT, t: Language = EN):
    """The first ``limit`` rows and a note saying what was left out (empty when nothing)."""
    if len(table) <= limit:
        return table, ""
    note = t._(" Only the first {limit} of {n} rows are shown.")
    return table.head(limit), note.format(limit=t.count(limit), n=t.count(len(table)))
