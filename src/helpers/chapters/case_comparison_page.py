"""What the comparison page says: key findings and the sentences under its charts.

Every function takes the frames the page already holds (case register, dimension matrix,
recognition table, key-figure values, scorecard) and returns Markdown; the numbers come
from those frames and from the figures table, formatted by `helpers.page.formatting`.
"""

from __future__ import annotations

import pandas as pd

from helpers.chapters.case_comparison import RECOGNITION_ORDER, cases_with_level
from helpers.chapters.case_dimensions import dimension_totals, is_dimension_group
from helpers.chapters.case_scorecard import cases_per_case, scorecard_items
from helpers.inputs.figures import figure
from helpers.page.figure_text import QUALIFIER_WORDS, format_figure, source_of
from helpers.page.formatting import count
from helpers.page.text import escape


def _names(names) -> str:
    return ", ".join(escape(n) for n in names)


def _published(figures: pd.DataFrame, figure_id: str) -> str:
    """A published figure as text, with its source in words."""
    row = figure(figures, figure_id)
    return f"{QUALIFIER_WORDS[row['qualifier']]}{format_figure(row)} ({source_of(row)})"


def _known(values: pd.DataFrame, label: str) -> int:
    """Cases for which the key figure ``label`` is known."""
    return int(values.loc[values["figure"] == label, "known"].sum())


def _uncoded(matrix: pd.DataFrame) -> list[str]:
    """Names of the cases coded on no dimension, in annex order."""
    per_case = matrix.groupby("case", sort=False)["coded"].sum()
    return [name.split(". ", 1)[1] for name in per_case.index[per_case == 0]]


def key_findings(
    matrix: pd.DataFrame,
    recognition: pd.DataFrame,
    values: pd.DataFrame,
    scorecard: pd.DataFrame,
) -> list[str]:
    """Four sentences: dimensions, databank recognition, what is known of reach and cost,
    and the examples of §4.5 and §5.3."""
    n_cases = matrix["case_id"].nunique()
    totals = dimension_totals(matrix).sort_values("cases", ascending=False, kind="stable")
    top, empty = totals.iloc[0], totals.loc[totals["cases"] == 0, "dimension"].to_list()
    items = scorecard_items(scorecard)
    return [
        f"The most common positive-health dimension among the {count(n_cases)} cases is "
        f"{top['dimension'].lower()} ({count(top['cases'])} cases)"
        + (f"; none is coded on {', '.join(d.lower() for d in empty)}." if empty else "."),
        f"{count(cases_with_level(recognition))} cases have a recognition level in a national "
        f"databank, none higher than "
        f"{escape(RECOGNITION_ORDER[recognition['rank'].max()])}.",
        f"The report gives a participant figure for {count(_known(values, 'participants'))} "
        f"cases and a cost per participant for {count(_known(values, 'cost per participant'))}, "
        f"but a success rate for only {count(_known(values, 'success rate'))}: a cost per "
        "successful participant is mostly out of reach.",
        f"Of the {count(len(items))} efficiency criteria and steering questions, "
        f"{count((items['cases'] == 0).sum())} come without any case as an example; being "
        "named is an illustration, not a score.",
    ]


def dimensions_text(matrix: pd.DataFrame) -> str:
    """The paragraph under the dimension matrix: the most common and the empty dimensions."""
    totals = dimension_totals(matrix)
    top = totals.sort_values("cases", ascending=False, kind="stable").iloc[0]
    empty = totals.loc[totals["cases"] == 0, "dimension"].to_list()
    uncoded = _uncoded(matrix)
    text = (
        f"**{top['dimension']}** is the most common dimension: **{count(top['cases'])}** of the "
        f"**{count(matrix['case_id'].nunique())}** cases address it. "
    )
    if empty:
        text += (
            f"No case is coded on **{', '.join(empty)}**; section 4.3 says the broad "
            "interventions touch it only a little, and the inventory chapter finds no "
            "objectives listed under it either. "
        )
    if uncoded:
        text += (
            f"**{_names(uncoded)}** has no dimension at all: section 4.3 sees it as an approach "
            "that shapes the conditions for living together rather than a collective "
            "preventive intervention."
        )
    return text.strip()


def outside_groups_text(cases: pd.DataFrame) -> str:
    """The sentence under the spider webs naming the cases outside the three groups."""
    outside = cases.loc[~cases["dimension_group"].map(is_dimension_group), "name"].to_list()
    if not outside:
        return "Every case belongs to one of the three groups of section 4.3."
    return (
        f"Not drawn: **{_names(outside)}**, which section 4.3 places outside the three groups "
        "and codes on no dimension."
    )


def recognition_text(recognition: pd.DataFrame, figures: pd.DataFrame) -> str:
    """The paragraph under the recognition ladder: our count against the report's."""
    n_level = cases_with_level(recognition)
    published = figure(figures, "ch4_in_databank")
    text = (
        f"The register records a recognition level for **{count(n_level)}** of the "
        f"{count(len(recognition))} cases. The report's own count is "
        f"**{format_figure(published)}** ({source_of(published)}). "
    )
    if n_level != published["computed"]:
        text += (
            "The difference is Vreedzame School / Wijk: annex 3 reports an NJI label from 2017, "
            "but section 4.4 leaves it out of the list of databank interventions. "
        )
    return text + (
        f"No case is higher than **{escape(RECOGNITION_ORDER[recognition['rank'].max()])}**; "
        "as section 4.4 notes, none has the status of proven effective, which the report "
        "finds unsurprising: hard proof of effect is difficult to obtain for prevention."
    )


def reach_cost_text(values: pd.DataFrame, figures: pd.DataFrame) -> str:
    """The paragraph under the reach and cost tables: what became known, and what did not."""
    return (
        f"After the interviews and document study, the report gives a participant figure for "
        f"**{count(_known(values, 'participants'))}** cases and a cost per participant "
        f"(published or derivable) for **{count(_known(values, 'cost per participant'))}**. "
        f"Before that work, only {_published(figures, 'ch4_reach_known')} could say how many "
        f"people they reached and {_published(figures, 'ch4_cost_known')} what they cost. "
        f"A success rate is known for **{count(_known(values, 'success rate'))}** cases and an "
        f"avoided cost for **{count(_known(values, 'avoided cost'))}**: the report has little "
        "to go on for a cost per *successful* participant."
    )


def key_figure_sources(values: pd.DataFrame) -> pd.DataFrame:
    """For reviewers: each known key figure with its figure id and source."""
    known = values[values["known"]]
    return known[["intervention", "figure", "text", "figure_id", "source"]].rename(
        columns={"text": "value", "figure_id": "figure id"}
    )


def scorecard_text(scorecard: pd.DataFrame, matrix: pd.DataFrame) -> str:
    """The paragraph under the scorecard: items without a case, cases never named."""
    items = scorecard_items(scorecard)
    no_case = items.loc[items["cases"] == 0, "label_en"].to_list()
    per_case = cases_per_case(matrix)
    never = per_case.loc[per_case.iloc[:, 1:].sum(axis=1) == 0, "intervention"].to_list()
    text = f"Of the **{count(len(items))}** items, **{count(len(no_case))}** come without any "
    text += "of the twelve as an example" + (
        ": " + "; ".join(f"*{escape(label)}*" for label in no_case) + ". " if no_case else ". "
    )
    if no_case:
        text += "The report bases these on the interviews in general rather than on one case. "
    if never:
        text += f"**{count(len(never))}** cases are never named as an example ({_names(never)}). "
    return text + "Again, not being named is not a verdict."
