"""What is missing: per in-scope intervention, the questions the analysis needs that are
unanswered, so a municipality can chase the answers with the provider.

The provider is named; the contact person never is (the reader leaves that column out).
"""

from __future__ import annotations

import pandas as pd

from helpers.chapters.inventory import given, in_scope
from helpers.page.i18n import Language
from helpers.page.text import escape

SHEET_NAME = "missing-answers.xlsx"


def questions(t: Language) -> dict[str, str]:
    """The questions the analysis needs: workbook field -> label."""
    return {
        "reach_total": t._("reach"),
        "annual_cost_eur": t._("annual cost"),
        "objective": t._("objective"),
        "target_group": t._("target group"),
        "databank": t._("databank"),
        "effect_monitoring": t._("effect monitoring"),
    }


def answered(frame: pd.DataFrame, key: str) -> pd.Series:
    """Rows that answer a question (a number field counts when it gives either bound)."""
    if f"{key}_low" in frame:
        return given(frame, key)
    return frame[key].notna() & (frame[key].astype("string").str.strip() != "")


def gaps(frame: pd.DataFrame, t: Language) -> pd.DataFrame:
    """One row per in-scope intervention with at least one gap; 'missing' marks each gap."""
    scoped = in_scope(frame)
    labels = questions(t)
    missing = pd.DataFrame({label: ~answered(scoped, key) for key, label in labels.items()})
    count = missing.sum(axis=1)
    table = pd.DataFrame(
        {
            t._("intervention"): scoped["title"],
            t._("provider"): scoped["provider"].fillna(t.not_known),
            t._("questions unanswered"): count.astype(int),
            **{
                label: missing[label].map({True: t._("missing"), False: ""})
                for label in labels.values()
            },
        }
    )
    table = table[count > 0]
    order = [t._("questions unanswered"), t._("provider"), t._("intervention")]
    return table.sort_values(order, ascending=[False, True, True], kind="stable").reset_index(
        drop=True
    )


def per_question(frame: pd.DataFrame, t: Language) -> pd.DataFrame:
    """How many in-scope interventions leave each question unanswered."""
    scoped = in_scope(frame)
    counts = {label: int((~answered(scoped, key)).sum()) for key, label in questions(t).items()}
    return pd.DataFrame(
        {
            t._("question"): list(counts),
            t._("interventions without an answer"): list(counts.values()),
            t._("share of the interventions in scope"): [
                t.share(n, len(scoped)) for n in counts.values()
            ],
        }
    )


def key_findings(frame: pd.DataFrame, table: pd.DataFrame, t: Language) -> list[str]:
    scoped = len(in_scope(frame))
    complete = scoped - len(table)
    counts = per_question(frame, t)
    worst = counts.sort_values(counts.columns[1], ascending=False, kind="stable").iloc[0]
    sentences = [
        t._("{complete} of the {total} interventions in scope answer all six questions.").format(
            complete=t.count(complete), total=t.count(scoped)
        ),
        t._("The question left open most often is {question}: {n} interventions.").format(
            question=worst.iloc[0], n=t.count(worst.iloc[1])
        ),
    ]
    if len(table):
        providers = table[t._("provider")].value_counts()
        sentences.append(
            t._("The provider with the most incomplete interventions is {provider} ({n}).").format(
                provider=escape(providers.index[0]), n=t.count(providers.iloc[0])
            )
        )
    sentences.append(
        t._(
            "The table below is also an Excel sheet to send round; it names providers, "
            "never contact persons."
        )
    )
    return sentences


def download_text(t: Language) -> str:
    """The MyST link to the chase sheet the pipeline writes next to the page."""
    label = t._("Download the list of missing answers (Excel)")
    return f"{{download}}`{label} <../_static/downloads/{SHEET_NAME}>`"


def intro(t: Language) -> str:
    return t._(
        "The analysis needs six answers per intervention: reach, annual cost, objective, "
        "target group, databank and effect monitoring. The tables show which are still open, "
        "per question and per intervention, so they can be chased with each provider."
    )


def per_question_caption(source: str, t: Language) -> str:
    return t._("In-scope interventions without an answer, per question; {source}").format(
        source=source
    )


def gaps_caption(source: str, t: Language) -> str:
    return t._(
        "In-scope interventions with at least one unanswered question, most gaps first; {source}"
    ).format(source=source)
