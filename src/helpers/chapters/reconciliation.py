"""Every published figure of the two reports, recomputed where the data allow it.

A published figure gets one of three statuses (``status``, the reviewers' verdict):

``matches``
    every recomputation of it agrees with the number as published, within the precision
    the report states (see `helpers.chapters.reconciliation_rules.compare`);
``differs``
    at least one recomputation disagrees; the gap is reported, absolute and relative;
``not reproducible``
    nothing in ``data/`` recomputes it (`helpers.chapters.recomputations` lists what
    does); the reason says what data would be needed.

For readers, ``reader_status`` splits ``not reproducible`` in two (see `READER_STATUSES`):
a count over rows the study had but did not publish ("cannot be reproduced"), and an
input stated once, with nothing to check it against ("stated once").
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.chapters.recomputations import (
    Recomputation,
    amersfoort_counts,
    balance_model_counts,
    link_problems,
    link_recomputations,
    read_links,
)
from helpers.chapters.reconciliation_rules import compare
from helpers.errors import InputError
from helpers.inputs.figures import evaluate, load_figures
from helpers.page.figure_text import QUALIFIER_WORDS
from helpers.page.formatting import number

STATUSES = ("matches", "differs", "not reproducible")
CANNOT = "cannot be reproduced"
STATED_ONCE = "stated once"
#: The statuses a reader sees: ``not reproducible`` split by what kind of figure it is.
READER_STATUSES = ("matches", "differs", CANNOT, STATED_ONCE)


# --- reasons for 'not reproducible' -------------------------------------------------------

REASONS = {
    "inv_located": "needs the list of the 232 interventions found before selection; the "
    "report publishes only the 137 in scope (annex 2)",
    "inv_excluded": "needs the 95 excluded interventions with their reasons; the report "
    "publishes only the count",
    "inv_with_reach": "needs the survey answers per intervention (reach); the municipality's "
    "inventory file is not public and inventory.xlsx holds only the 137 titles",
    "inv_with_cost": "needs the survey answers per intervention (annual cost); the "
    "municipality's inventory file is not public and inventory.xlsx holds only the titles",
    "ch3_youth_share": "needs age groups coded per intervention; the published age table "
    "only bounds the share from below and above",
    "ch3_age_table_exceeds": "needs age groups coded per intervention",
    "kvds_programme_duration": "a fact about the programme (foreword); no data records it",
    "kvds_life_domains": "a property of the balance model itself, not a count over data",
    "kvds_proeftuinen_two_parts": "would need the researched parts coded per proeftuin; "
    "indicators.csv mentions strands only inside its labels",
    "kvds_max_protective_factors": "a cap set by the method (at most three per proeftuin), "
    "not an observed count",
    "kvds_end_measurement": "the coding marks an end measurement only where the text reports "
    "one (see data/kvds-2017/CODING.md §4); the report does not say which 30 had one",
    "kvds_late_start_no_end": "the report does not say which six proeftuinen started late",
}

SUBCOUNTS = {
    "kvds_d1_expex_youth_care",
    "kvds_d1_expex_young_parents",
    "kvds_d1_prevention_expex",
    "kvds_d2_resident_direction_parents",
    "kvds_d2_resident_direction_carers",
}


#: Figures of REASONS that are inputs stated once, not counts over unpublished rows.
STATED_ONCE_IDS = {"kvds_programme_duration", "kvds_life_domains", "kvds_max_protective_factors"}


def why_not_reproducible(row: pd.Series) -> tuple[str, str]:
    """Why a published figure cannot be recomputed: its reader status and the reason.

    The status is `CANNOT` for a count over rows the study had but did not publish (it
    could be checked with them), `STATED_ONCE` for an input with nothing to check it against.
    """
    fid = row["figure_id"]
    if fid in REASONS:
        return (STATED_ONCE if fid in STATED_ONCE_IDS else CANNOT), REASONS[fid]
    if fid in SUBCOUNTS:
        return CANNOT, (
            "a split of a theme count by method or target group that the coding does not "
            "record; it would need that split coded per proeftuin"
        )
    if row["report"] == "kvds-2017" and fid.startswith(("kvds_d", "kvds_combo_")):
        return CANNOT, (
            "a count of proeftuinen per theme or domain with no coded counterpart in "
            "data/kvds-2017/count_comparison.csv"
        )
    if fid.startswith("inv_age_"):
        return CANNOT, (
            "needs age groups coded per intervention; inventory.xlsx holds only the titles "
            "(the municipality's survey answers are not public)"
        )
    if row["unit"] == "year":
        return STATED_ONCE, (
            "a date or period stated in the text; only the cited document could confirm it"
        )
    if row["report"] == "kvds-2017":
        return STATED_ONCE, (
            "a finding from one proeftuin's own material (interviews, questionnaires); "
            "the 2017 report publishes no row-level data"
        )
    if row["intervention"]:
        return STATED_ONCE, (
            "a published input from annex 3 (documents, interviews, effectenarena); it would "
            "need the provider's own records, which are not public"
        )
    if fid.startswith("ch4_"):
        return CANNOT, (
            "a count or statement over the twelve case studies that the case register does "
            "not code; it would need a coded field per case"
        )
    return (
        STATED_ONCE,
        "a statement about the study's method, the programme or the literature; no data",
    )


# --- the whole table ---------------------------------------------------------------------

RESULT_COLUMNS = [
    "figure_id",
    "report",
    "section",
    "intervention",
    "metric",
    "qualifier",
    "published",
    "recomputed",
    "status",
    "reader_status",
    "gap",
    "relative_gap",
    "checks",
    "via",
    "rules",
    "reason",
    "found",
]


def published_text(row: pd.Series) -> str:
    """A published figure as the report states it: qualifier and value (or range)."""
    text = number(row["value"], row["unit"])
    if row["qualifier"] == "range":
        text = f"{text}–{number(row['value_high'], row['unit'])}"
    return QUALIFIER_WORDS[row["qualifier"]] + text


def _interval_text(low: float, high: float, unit: str) -> str:
    if math.isclose(low, high, rel_tol=1e-12):
        return number(low, unit)
    return f"{number(low, unit)}–{number(high, unit)}"


def judge(row: pd.Series, recomputations: list[Recomputation]) -> dict:
    """Status of one published figure given its recomputations."""
    base = {c: row[c] for c in ("figure_id", "report", "section", "intervention", "metric")}
    base |= {"qualifier": row["qualifier"], "published": published_text(row)}
    if not recomputations:
        reader_status, reason = why_not_reproducible(row)
        return base | {
            "recomputed": "",
            "status": "not reproducible",
            "reader_status": reader_status,
            "gap": math.nan,
            "relative_gap": math.nan,
            "checks": 0,
            "via": "",
            "rules": "",
            "reason": reason,
            "found": "",
        }
    verdicts = [(r, _verdict(row, r)) for r in recomputations]
    failing = [(r, v) for r, v in verdicts if not v.agrees]
    shown_r, shown_v = max(failing, key=_size) if failing else verdicts[0]
    origins = {r.origin for r, _ in failing}
    notes = "; ".join(dict.fromkeys(r.note.rstrip(".") for r, _ in verdicts if r.note))
    return base | {
        "recomputed": _interval_text(shown_r.low, shown_r.high, row["unit"]),
        "status": "differs" if failing else "matches",
        "reader_status": "differs" if failing else "matches",
        "gap": shown_v.gap,
        "relative_gap": shown_v.relative_gap,
        "checks": len(verdicts),
        "via": " | ".join(_describe(r, row["unit"]) for r, _ in verdicts),
        "rules": " | ".join(
            f"{'agrees' if v.agrees else 'differs'}: {v.rule}" for _, v in verdicts
        ),
        "reason": notes,
        "found": " and ".join(FOUND[o] for o in sorted(origins)),
    }


FOUND = {"report": "within the report", "data": "report vs coded data"}
FAILURE_COLUMNS = [
    "found",
    "figure_id",
    "report",
    "section",
    "published",
    "recomputed",
    "gap",
    "relative_gap",
    "via",
    "rule",
    "reason",
]


def _verdict(row: pd.Series, r: Recomputation):
    """Whether one recomputation agrees with the published figure in ``row``."""
    return compare(
        row["value"],
        row["qualifier"],
        r.low,
        r.high,
        value_high=row["value_high"] if pd.notna(row["value_high"]) else None,
        note=row["note"],
        approximate=r.approximate,
        relation=r.relation,
    )


def _describe(r: Recomputation, unit: str) -> str:
    return f"{r.via} = {_interval_text(r.low, r.high, unit)}"


def failures(row: pd.Series, recomputations: list[Recomputation]) -> list[dict]:
    """One row per recomputation that disagrees with a published figure."""
    out = []
    for r in recomputations:
        v = _verdict(row, r)
        if not v.agrees:
            out.append(
                {
                    "found": FOUND[r.origin],
                    "figure_id": row["figure_id"],
                    "report": row["report"],
                    "section": row["section"],
                    "published": published_text(row),
                    "recomputed": _interval_text(r.low, r.high, row["unit"]),
                    "gap": v.gap,
                    "relative_gap": v.relative_gap,
                    "via": r.via,
                    "rule": v.rule,
                    "reason": r.note,
                }
            )
    return out


def _size(pair) -> float:
    gap = pair[1].gap
    return 0.0 if math.isnan(gap) else abs(gap)


@dataclass
class Reconciliation:
    """The result table plus what it was built from."""

    table: pd.DataFrame
    recomputations: list[Recomputation]
    links: pd.DataFrame
    balance_mapping: str
    failed: pd.DataFrame

    def counts(self, column: str = "status") -> pd.DataFrame:
        """Figures per report and status (every status, zeros included).

        ``column`` is ``status`` (three values) or ``reader_status`` (four).
        """
        statuses = STATUSES if column == "status" else READER_STATUSES
        grid = self.table.groupby(["report", column]).size()
        rows = [
            {"report": rep, "status": st, "figures": int(grid.get((rep, st), 0))}
            for rep in sorted(self.table["report"].unique())
            for st in statuses
        ]
        return pd.DataFrame(rows)

    def inconsistencies(self) -> pd.DataFrame:
        """One row per failing recomputation of a 'differs' figure, with where it was found:
        'within the report' (other figures of the report) or 'report vs coded data'."""
        return self.failed.reset_index(drop=True)


def reconcile(data_dir: Path) -> Reconciliation:
    """Recompute every published figure under ``data_dir``; see the module docstring."""
    data_dir = Path(data_dir)
    figures = evaluate(load_figures(data_dir))
    links = read_links(data_dir)
    problems = link_problems(links, figures)
    if problems:
        raise InputError.from_messages(problems)
    known = set(figures["figure_id"])
    kvds, mapping = balance_model_counts(data_dir, known)
    recomputations = [
        *link_recomputations(figures, links),
        *[r for r in amersfoort_counts(data_dir) if r.figure_id in known],
        *[r for r in kvds if r.figure_id in known],
    ]
    by_figure: dict[str, list[Recomputation]] = {}
    for r in recomputations:
        by_figure.setdefault(r.figure_id, []).append(r)
    published = figures[figures["kind"] == "published"]
    rows, failed = [], []
    for _, row in published.iterrows():
        mine = by_figure.get(row["figure_id"], [])
        rows.append(judge(row, mine))
        failed += failures(row, mine)
    table = pd.DataFrame(rows, columns=RESULT_COLUMNS)
    failed_frame = pd.DataFrame(failed, columns=FAILURE_COLUMNS)
    return Reconciliation(table, recomputations, links, mapping, failed_frame)
