"""The reconciliation as the book shows it: statuses for people, gaps as text, sentences."""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from helpers.chapters.reconciliation import (
    CANNOT,
    READER_STATUSES,
    STATED_ONCE,
    Reconciliation,
)
from helpers.chapters.sections import section_text
from helpers.page import palette
from helpers.page.figure_text import REPORT_NAMES
from helpers.page.formatting import count, percent, share
from helpers.page.text import escape

#: What each reader status means for how far a reader can trust the printed number.
MEANINGS = {
    "matches": "We recomputed it and got the printed number: you can rely on it as printed.",
    "differs": "We recomputed it and got another number: read it with the gap shown here.",
    CANNOT: "The study counted it from rows it did not publish: it could be checked with "
    "them, but not here, so it rests on the report's word.",
    STATED_ONCE: "An input stated once (a document, an interview, a date, the method) with "
    "nothing to check it against: not a failure, and as sound as its source.",
}
COLUMN_WORDS = {
    "metric": "what",
    "published": "printed",
    "relative_gap": "relative gap",
    "figure_id": "figure id",
    "reader_status": "status",
}


def signed(value: float, relative: bool = False) -> str:
    """A gap for display: '+5', '-1,000', '+4.2 %'; empty when there is none."""
    if value is None or math.isnan(value):
        return ""
    sign = "+" if value > 0 else ""
    return sign + (percent(100 * value) if relative else count(value))


def what(metric: str) -> str:
    """A metric of the figures table in words: 'nurse_min_experience' -> 'nurse min experience'."""
    return metric.replace("_", " ")


def presentable(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Result rows ready for `show_table`: words for codes, gaps as signed text."""
    out = frame.copy()
    converters = {
        "section": section_text,
        "report": lambda r: REPORT_NAMES.get(r, r),
        "metric": what,
        "gap": signed,
        "relative_gap": lambda v: signed(v, relative=True),
    }
    for column, convert in converters.items():
        if column in out:
            out[column] = [convert(v) for v in out[column]]
    return out[columns].rename(columns=COLUMN_WORDS)


def status_table(result: Reconciliation) -> pd.DataFrame:
    """Per reader status: figures in each report, in all, and what the status means."""
    counts = result.counts("reader_status")
    wide = counts.pivot(index="status", columns="report", values="figures")
    wide = wide.reindex(list(READER_STATUSES)).rename(columns=REPORT_NAMES)
    wide["all"] = wide.sum(axis=1)
    wide["what it means for your trust"] = [MEANINGS[s] for s in wide.index]
    wide.columns.name = None
    return wide.reset_index()


def status_chart(result: Reconciliation, source: str) -> alt.Chart:
    """Stacked bars per report, one colour per reader status; 'differs' in the alarm colour."""
    data = result.counts("reader_status").assign(
        report=lambda f: f["report"].map(lambda r: REPORT_NAMES.get(r, r)), source=source
    )
    order = list(READER_STATUSES)
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("report:N", title=None),
            x=alt.X("figures:Q", title="published figures"),
            color=alt.Color(
                "status:N",
                scale=alt.Scale(**palette.scale(palette.STATUS, order)),
                legend=alt.Legend(title=None, orient="bottom", columns=2, labelLimit=260),
            ),
            order=alt.Order("rank:Q"),
            tooltip=["report:N", "status:N", "figures:Q", "source:N"],
        )
        .transform_calculate(rank=f"indexof({order!r}, datum.status)")
        .properties(width=440)
    )


def _totals(result: Reconciliation) -> pd.Series:
    return result.table["reader_status"].value_counts().reindex(READER_STATUSES, fill_value=0)


def key_findings(result: Reconciliation) -> list[str]:
    """Four sentences: what was recomputed, what was not and why that is no failure, the gaps."""
    totals, n = _totals(result), len(result.table)
    found = result.inconsistencies()
    within = found[found["found"] == "within the report"]
    coded = found[found["found"] == "report vs coded data"]
    checked = totals["matches"] + totals["differs"]
    sentences = [
        f"Of the {count(n)} figures the two reports publish, {count(checked)} "
        f"({share(checked, n)}) could be recomputed here: {count(totals['matches'])} match the "
        f"printed number and {count(totals['differs'])} differ from it.",
        f"{count(totals[STATED_ONCE])} are inputs stated once (a document, an interview, a "
        f"date) with nothing to check them against, and {count(totals[CANNOT])} are counts "
        "over rows the studies did not publish: neither kind is a failure, both rest on the "
        "report's word.",
    ]
    if len(within):
        worst = within.loc[within["relative_gap"].abs().idxmax()]
        sentences.append(
            f"Inside the reports, {count(within['figure_id'].nunique())} figures disagree with "
            f"another figure of the same report; the largest relative gap is "
            f"{escape(what(_metric(result, worst['figure_id'])))} "
            f"({escape(section_text(worst['section']))}): printed {escape(worst['published'])}, "
            f"recomputed {escape(worst['recomputed'])}."
        )
    if len(coded):
        kvds = coded.loc[coded["report"] == "kvds-2017", "figure_id"].nunique()
        sentences.append(
            f"Against the data this project coded, {count(coded['figure_id'].nunique())} "
            f"published counts differ, {count(kvds)} of them in the 2017 report, whose chapter "
            "counts per theme cannot be rebuilt exactly from its annex."
        )
    return sentences


def _metric(result: Reconciliation, figure_id: str) -> str:
    return result.table.set_index("figure_id").at[figure_id, "metric"]


def disagreements_within(result: Reconciliation) -> str:
    """A Markdown list of the figures that contradict another figure of their own report."""
    found = result.inconsistencies()
    within = found[found["found"] == "within the report"]
    if within.empty:
        return "No published figure disagrees with another figure of the same report."
    metrics = result.table.set_index("figure_id")["metric"]
    lines = [
        f"- **{escape(what(metrics[row.figure_id]))}** ({escape(REPORT_NAMES[row.report])}, "
        f"{escape(section_text(row.section))}): printed {escape(row.published)}, recomputed "
        f"{escape(row.recomputed)}" + (f". {escape(row.reason)}" if row.reason else "")
        for row in within.itertuples()
    ]
    return (
        f"Recomputing the reports from their own figures gives {count(len(within))} "
        "disagreements (a pair of figures that contradict each other appears once from each "
        "side):\n\n" + "\n".join(lines)
    )


def disagreements_with_data(result: Reconciliation) -> str:
    """One sentence on the published counts that differ from the coded data."""
    found = result.inconsistencies()
    coded = found[found["found"] == "report vs coded data"]
    if coded.empty:
        return "No published count differs from the same count over the coded data."
    return (
        f"Against the coded data, {count(len(coded))} comparisons of "
        f"{count(coded['figure_id'].nunique())} published counts disagree. A gap here can come "
        "from the coding as much as from the report; the reason column gives our reading of "
        "which applies."
    )


def reasons_table(result: Reconciliation, status: str) -> pd.DataFrame:
    """For one of the two 'not recomputed' statuses: each reason with its number of figures."""
    rows = result.table[result.table["reader_status"] == status]
    return (
        rows.groupby("reason")
        .size()
        .rename("figures")
        .reset_index()
        .sort_values(["figures", "reason"], ascending=[False, True], kind="stable")
        .reset_index(drop=True)
    )


def sources_sentence(result: Reconciliation, folder: str, links_file: str) -> str:
    """Where the pairs and the 2017 mapping come from (file names, no local paths)."""
    pairs = f"The list of published and derived pairs is `{folder}/{links_file}` "
    pairs += f"({count(len(result.links))} pairs)."
    if not result.balance_mapping:
        return "No mapping file was found, so the 2017 counts were not compared. " + pairs
    return (
        "The 2017 counts are compared with the coded balance model as mapped in "
        f"`{result.balance_mapping}`. " + pairs
    )
