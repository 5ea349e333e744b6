"""The comparison page's sentences: on tiny hand-made registers, then on the real data."""

from __future__ import annotations

import pandas as pd

from helpers.chapters import case_comparison as cmp
from helpers.chapters import case_comparison_page as page
from helpers.chapters import case_dimensions as cd
from helpers.chapters import case_scorecard as sc
from helpers.inputs.amersfoort import key_figures


def register(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    """(case_id, health_dimensions, dimension_group, recognition_level) per case."""
    return pd.DataFrame(
        [
            {
                "case_id": case_id,
                "annex_number": str(number),
                "name": case_id.title(),
                "health_dimensions": dims,
                "dimension_group": group,
                "databank": "NJI" if level else "",
                "recognition_level": level,
                "recognition_year": "2017" if level else "",
            }
            for number, (case_id, dims, group, level) in enumerate(rows, start=1)
        ]
    )


CASES = register(
    ("a", "participation;mental_wellbeing", "group 1: broad", "Goed onderbouwd"),
    ("b", "participation", "group 1: broad", ""),
    ("c", "", "outside the groups: approach", "niet erkend"),
)


def scorecard(*rows: tuple[str, str]) -> pd.DataFrame:
    """(item_id, case_id) rows of a scorecard; an empty case id lists an item without a case."""
    return pd.DataFrame(
        [
            {
                "item_type": "criterion",
                "item_id": item,
                "label_en": f"Item {item.upper()}",
                "section": "4.5",
                "case_id": case,
                "illustrates": "yes" if case else "",
                "reason": "r",
            }
            for item, case in rows
        ]
    )


def test_dimensions_text_counts_by_hand():
    text = page.dimensions_text(cd.dimension_matrix(CASES))
    assert text.startswith("**Participation** is the most common dimension: **2** of the **3**")
    assert "No case is coded on **Bodily functions, Meaningfulness, Quality of life" in text
    assert text.endswith("rather than a collective preventive intervention.")
    assert "**C** has no dimension at all" in text


def test_outside_groups_text():
    assert page.outside_groups_text(CASES).startswith("Not drawn: **C**, which section 4.3")
    assert "Every case belongs" in page.outside_groups_text(CASES.iloc[:2])


def test_scorecard_text_names_items_without_a_case_and_cases_never_named():
    card = scorecard(("x", "a"), ("y", ""), ("z", "a"))
    text = page.scorecard_text(card, sc.scorecard_matrix(card, CASES))
    assert text.startswith("Of the **3** items, **1** come without any of the twelve")
    assert "*Item Y*" in text
    assert "**2** cases are never named as an example (2\\. B, 3\\. C)" in text


def test_recognition_text_sets_our_count_against_the_report(figures):
    text = page.recognition_text(cmp.recognition_table(CASES), figures)
    assert text.startswith("The register records a recognition level for **1** of the 3 cases.")
    assert "The report's own count is **5** (2024 report, §4.2)" in text
    assert "No case is higher than **Goed onderbouwd**" in text


def test_key_findings_on_the_real_data(figures):
    """Expected numbers read off the case register and key-figure map by hand."""
    cases = cmp.case_studies()
    matrix = cd.dimension_matrix(cases)
    values = cmp.key_figure_values(key_figures(), figures, cases)
    card = sc.read_scorecard()
    sentences = page.key_findings(matrix, cmp.recognition_table(cases), values, card)
    assert 3 <= len(sentences) <= 5
    assert sentences[0] == (
        "The most common positive-health dimension among the 12 cases is mental well-being "
        "(11 cases); none is coded on meaningfulness."
    )
    assert sentences[1].startswith("6 cases have a recognition level in a national databank")
    assert "a success rate for only 3" in sentences[2]
    provenance = page.key_figure_sources(values)
    assert len(provenance) == int(values["known"].sum())
    assert list(provenance.columns) == ["intervention", "figure", "value", "figure id", "source"]
