"""The case pages: key findings, subsections as blocks, and figures shown as text.

Expectations are counted here from the data files with the csv module and plain Python,
independently of the chapter code.
"""

from __future__ import annotations

import csv
import re

import pandas as pd
import pytest

from helpers.chapters import case_study
from helpers.page.blocks import Chart, Provenance, Text
from helpers.page.figure_text import (
    fill_figures,
    format_number,
    provenance_table,
    qualified,
    source_of,
    unit_words,
)
from helpers.paths import AMERSFOORT

with open(AMERSFOORT / "case_studies.csv", encoding="utf-8") as _fh:
    CASES = [r["case_id"] for r in csv.DictReader(_fh)]
SNAKE = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b")
URL = re.compile(r"https?://\S+")  # a link's address may hold underscores


def figure_rows(case_id: str) -> list[dict]:
    """Every row of every figures file that belongs to the case."""
    rows = []
    for path in sorted((AMERSFOORT / "figures").glob("*.csv")):
        with open(path, encoding="utf-8") as fh:
            rows += [r for r in csv.DictReader(fh) if r["intervention"] == case_id]
    return rows


def not_known_bullets(case_id: str) -> int:
    text = (AMERSFOORT / "case_texts" / f"{case_id}.md").read_text(encoding="utf-8")
    part = text.split("## Not known", 1)[1].split("\n## ", 1)[0]
    return sum(1 for line in part.splitlines() if line.startswith("- "))


@pytest.fixture(scope="module", params=CASES)
def case(request):
    return case_study.load_case(request.param)


def test_there_are_twelve_cases():
    assert len(CASES) == 12


def test_key_findings_count_from_the_data(case):
    case_id = case.meta["case_id"]
    rows = figure_rows(case_id)
    published = sum(r["kind"] == "published" for r in rows)
    findings = case_study.key_findings(case)
    assert 3 <= len(findings) <= 5
    last = findings[-1]
    assert (
        f"draws on {published} figures from the report and {len(rows) - published} derived" in last
    )
    assert f"names {not_known_bullets(case_id)} things" in last
    for sentence in findings:
        assert not SNAKE.search(sentence), sentence


def test_every_annex_figure_sits_in_one_dropdown(case):
    case_id, annex = case.meta["case_id"], case.meta["annex_number"]
    expected = sorted(
        r["figure_id"]
        for r in figure_rows(case_id)
        if r["section"].startswith(f"annex 3, {annex}.")
    )
    found = []
    for number in range(1, 9):
        for block in case_study.section_blocks(case, number):
            if isinstance(block, Provenance):
                found += list(block.frame["id"])
    assert sorted(found) == expected


def test_visible_text_has_no_ids_or_codes(case):
    """What the chapter code writes has no codes at all; the case texts name no figure id."""
    ids = {r["figure_id"] for r in figure_rows(case.meta["case_id"])}
    written = [case_study.facts(case).caption, *case_study.key_findings(case)]
    written += case_study.facts(case).frame["value"].astype(str).to_list()
    texts = []
    for number in range(1, 9):
        for block in case_study.section_blocks(case, number):
            if isinstance(block, Text):
                texts.append(block.markdown)
            elif isinstance(block, Chart):
                written.append(block.caption)
                written += [str(v) for v in block.chart.data.iloc[:, 0]]
            elif isinstance(block, Provenance):
                written.append(block.caption)
    for text in written:
        assert not SNAKE.findall(text), text[:120]
    for text in texts:
        assert "{fig}" not in text
        tokens = set(SNAKE.findall(URL.sub("", text)))
        assert not tokens & ids, tokens & ids


def test_build_up_charts_add_up_to_their_total():
    case = case_study.load_case("vreedzame-school")
    charts = [b for b in case_study.section_blocks(case, 7) if isinstance(b, Chart)]
    totals = sorted(float(c.chart.data.iloc[:, 1].sum()) for c in charts)
    assert totals == [5200.0, 125000.0]  # 2,000 + 3,200; the pilot budget lines (annex 3, 1.7)
    assert any("add up to €125,000" in c.caption for c in charts)
    assert all(c.chart.data.columns[1] == "euros" for c in charts)


def test_key_facts_are_in_words():
    case = case_study.load_case("stevig-ouderschap")
    table = case_study.facts(case).frame
    facts = dict(zip(table["item"], table["value"], strict=True))
    assert facts["positive-health dimensions (§4.3)"] == (
        "Bodily functions; Mental well-being; Quality of life; Participation; Daily functioning"
    )
    assert facts["recognition level"] == "Effectief - eerste aanwijzingen (since 2017)"
    assert "Uptake by neighbourhood type" in case_study.not_known(case).markdown


def test_a_case_without_dimensions_says_so():
    findings = case_study.key_findings(case_study.load_case("vreedzame-school"))
    assert "none of the 6 dimensions of positive health" in " ".join(findings)


# --------------------------------------------------------------------------------------
# Figures as text (helpers.page.figure_text)
# --------------------------------------------------------------------------------------


def row(**values) -> pd.Series:
    base = {
        "figure_id": "x_total",
        "report": "amersfoort-2024",
        "section": "annex 3, 2.7",
        "metric": "cost_per_year",
        "value": 674107.0,
        "value_high": float("nan"),
        "unit": "EUR",
        "qualifier": "=",
        "kind": "published",
        "formula": "",
        "computed": float("nan"),
    }
    return pd.Series({**base, **values})


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (674107.0, "count", "674,107"),
        (1120, "EUR_per_person", "€1,120"),
        (36.5, "percent", "36.5 %"),
        (2017, "year", "2017"),
        (2.5, "years", "2.50"),
    ],
)
def test_numbers_in_the_book_style(value, unit, expected):
    assert format_number(value, unit) == expected


def test_qualifiers_and_ranges_in_words():
    assert qualified(row(qualifier="~", value=3000)) == "ca. €3,000"
    assert qualified(row(qualifier="<", value=1000)) == "under €1,000"
    assert qualified(row(qualifier=">", value=100, unit="persons")) == "more than 100"
    assert qualified(row(qualifier="range", value=400, value_high=700, unit="persons")) == "400–700"


def test_sources_name_report_and_section_never_a_formula():
    assert source_of(row()) == "2024 report, annex 3, 2.7"
    assert source_of(row(section="3.2")) == "2024 report, §3.2"
    derived = row(kind="derived", formula="a_cost / b_people")
    assert source_of(derived) == "computed from 2024 report, annex 3, 2.7"


def test_provenance_keeps_ids_and_formulas_in_words():
    every = pd.DataFrame(
        [
            row(figure_id="a_cost", metric="annual_cost", value=1000.0),
            row(figure_id="b_people", metric="people_reached", value=50.0, unit="persons"),
            row(
                figure_id="c_per_person",
                metric="cost_per_person",
                kind="derived",
                formula="a_cost / b_people",
                computed=20.0,
                unit="EUR_per_person",
            ),
        ]
    )
    table = provenance_table(every, every)
    derived = table.set_index("id").loc["c_per_person"]
    assert derived["how"] == "= annual cost / people reached"
    assert derived["value"] == "€20"
    assert list(table["id"]) == ["a_cost", "b_people", "c_per_person"]
    assert unit_words("EUR_per_person") == "euros per person"


def test_unknown_figure_ids_in_a_text_fail():
    every = pd.DataFrame([row()])
    assert fill_figures("costs {fig}`x_total`", every) == "costs €674,107"
    with pytest.raises(KeyError, match="no_such_id"):
        fill_figures("{fig}`no_such_id`", every)


def test_part_labels_drop_the_words_every_part_starts_with():
    from helpers.chapters.case_study import part_labels

    metrics = pd.Series(["budget_partners_recruitment_hours", "budget_partners_health_info_hours"])
    assert part_labels(metrics) == ["recruitment hours", "health info hours"]
    assert part_labels(pd.Series(["reach", "reach_total"])) == ["reach", "reach total"]
