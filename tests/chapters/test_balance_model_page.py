"""The balance-model page's sentences and display tables, on a hand-counted fixture."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from helpers.chapters import balance_counts as bc
from helpers.chapters import balance_model_page as page

# Seven evaluated proeftuinen with indicators, one not evaluated. By hand: personal life
# holds proeftuinen 1, 4, 5, 6, 7 (five), societal 2, 4, 5, 7 (four), social 3, 6, 7 (three);
# one domain: 1, 2, 3; two domains: 4 and 5 (personal + societal), 6 (personal + social);
# all three: 7.
PROEFTUINEN = pd.DataFrame(
    {
        "number": range(1, 9),
        "name": [f"P{n}" for n in range(1, 9)],
        "evaluated": [True] * 7 + [False],
        "end_measurement": ["unknown"] * 8,
        "note": [""] * 8,
    }
)
INDICATORS = pd.read_csv(
    io.StringIO(
        "proeftuin,domain,theme\n1,1,own_strength\n2,2,accessibility\n3,3,social_network\n"
        "3,3,social_participation\n4,1,own_direction\n4,1,parenting_skills\n"
        "4,2,policy_participation\n5,1,preventive_value\n5,2,integrated_policy\n"
        "6,1,experience_expertise\n6,3,prevention_early_signalling\n7,1,own_strength\n"
        "7,2,new_professionalism\n7,3,social_network\n"
    )
)
COMPARED = pd.DataFrame(
    {
        "what": ["pairs", "singles", "all three"],
        "section": ["5.4", "summary", "5.4"],
        "published": [2.0, 5.0, 1.0],
        "coded": [2, 3, 1],
        "difference": [0.0, -2.0, 0.0],
        "coded_measure": ["combination:1+2", "single_domain", "three_domains"],
        "reason": ["Counts agree.", "Judgement: two were read differently.", "Counts agree."],
    }
)
PLACEMENTS = pd.DataFrame({"case_id": ["a", "a", "b", "c", "c"], "domain": [1, 3, 1, 2, 3]})


def test_key_findings_count_by_hand():
    sentences = page.key_findings(PROEFTUINEN, INDICATORS, COMPARED, PLACEMENTS)
    assert sentences[0] == (
        "7 of the 8 proeftuinen were evaluated, and 7 name 14 protective indicators; "
        "most work in personal life (5 proeftuinen)."
    )
    assert sentences[1] == (
        "3 proeftuinen work in one life domain, 3 in two and 1 in all three; "
        "the most common combination is *personal + societal*."
    )
    assert sentences[2].startswith("Of 3 counts the report prints, 1 differ")
    assert "thinnest in societal life: 1 of 3 address it" in sentences[3]
    assert len(page.key_findings(PROEFTUINEN, INDICATORS, None, None)) == 2


def test_ties_name_every_widest_domain():
    tied = INDICATORS[INDICATORS["proeftuin"] != 1]  # personal and societal now both four
    assert (
        "most work in personal and societal life (4 proeftuinen each)"
        in (page.key_findings(PROEFTUINEN, tied, None, None)[0])
    )


def test_sentences_and_tables_in_words():
    assert page.sizes_text(INDICATORS).startswith(
        "Counted by size: **3** proeftuinen work in a single life domain, **3** in two and "
        "**1** in all three (together 7"
    )
    assert page.comparison_text(COMPARED) == (
        "Of **3** comparisons, **2** agree and **1** differ. The largest gap is *singles* "
        "(summary): published 5, coded 3."
    )
    themes = page.theme_table(INDICATORS)
    assert "own strength" in set(themes["theme"]) and "1 personal" in set(themes["life domain"])
    domains = page.domain_table(INDICATORS)
    assert domains["life domain"].tolist() == ["1 personal", "2 societal", "3 social"]
    assert domains["proeftuinen"].tolist() == [5, 4, 3]


def test_combination_table_shows_published_counts_where_given():
    table = page.combination_table(INDICATORS, {"1+2": 2.0}).set_index("combination")
    assert table.loc["1+2", "published (§5.4)"] == "2"
    assert table.loc["1", "published (§5.4)"] == "–"
    assert table.loc["1+2", "which proeftuinen"] == "4, 5"
    assert "published (§5.4)" not in page.combination_table(INDICATORS, None).columns


def test_comparison_display_and_gap_chart_use_words():
    shown = bc.comparison_display(COMPARED)
    assert shown["published count"].tolist()[:2] == ["pairs (§5.4)", "singles (summary)"]
    assert shown["difference"].tolist() == ["0", "-2", "0"]
    assert shown.iloc[0, -1].startswith("Coded as: proeftuinen with indicators in exactly")
    gaps = bc.gap_frame(COMPARED)
    assert gaps["comparison"].tolist() == ["singles"]
    assert gaps["coded minus published"].tolist() == [-2.0]


@pytest.mark.parametrize("is_2017", [True, False])
def test_sources_name_the_data_files(tmp_path, is_2017):
    parts = page.sources(tmp_path, is_2017)
    assert parts["indicators"].endswith("indicators.csv")
    assert ("2017 report" in parts["annex1"]) is is_2017


def test_published_end_measurements_carry_no_figure_ids():
    from helpers.inputs.figures import evaluate, load_figures
    from helpers.paths import DATA

    table = page.published_end_measurements(evaluate(load_figures(DATA)))
    assert table["figure"].tolist() == list(page.END_MEASUREMENT_FIGURES.values())
    assert table["value"].tolist()[:2] == ["43", "36"]  # 2017 report, summary
    assert not table["source"].str.contains(r"[a-z]_[a-z]").any()
    assert table.loc[2, "source"].startswith("computed")


def test_gap_frame_gives_each_coding_its_own_bar():
    twice = pd.concat([COMPARED, COMPARED.iloc[[1]].assign(coded=4, difference=-1.0)])
    gaps = bc.gap_frame(twice)
    assert gaps["comparison"].tolist() == [
        "singles (summary), coding 1",
        "singles (summary), coding 2",
    ]
    assert gaps["coded minus published"].tolist() == [-2.0, -1.0]
