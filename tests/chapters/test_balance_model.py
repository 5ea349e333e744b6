"""Tests for helpers.chapters.balance_model: the 2017 proeftuinen and their indicators."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from helpers.chapters import balance_counts as bc
from helpers.chapters import balance_model as bm
from helpers.errors import InputError
from helpers.inputs import balance_data as bd

REAL_DATA = Path(__file__).resolve().parents[2] / "data" / "kvds-2017"

PROEFTUINEN_CSV = """number,name,evaluated,organisation,end_measurement,note
1,Only personal,yes,,unknown,
2,Only societal,yes,,yes,
3,Only social,yes,,no,
4,Personal and societal A,yes,,unknown,
5,Personal and societal B,yes,,unknown,
6,Personal and social,yes,,unknown,
7,All three,yes,,unknown,
8,Not evaluated,no,,no,not evaluated; no indicators in the annex
"""

# Answer by construction: one proeftuin in each single domain (1, 2, 3), two with 1+2
# (proeftuin 4 even has two personal indicators, which must not count twice), one with 1+3,
# none with 2+3, one with all three. Proeftuin 8 has no indicators.
INDICATORS_CSV = """proeftuin,domain,label_en,theme,domain_basis,note
1,1,Own strength,own_strength,annex,
2,2,Accessible services,accessibility,annex,
3,3,Social network,social_network,annex,
3,3,Joining social life,social_participation,annex,
4,1,Own direction,own_direction,annex,
4,1,Parenting skills,parenting_skills,annex,
4,2,Policy participation,policy_participation,annex,
5,1,Preventive value,preventive_value,chapter,
5,2,Integrated policy,integrated_policy,chapter,
6,1,Experience expertise,experience_expertise,annex,
6,3,Early signalling,prevention_early_signalling,judgement,reason given here
7,1,Own strength,own_strength,annex,
7,2,New professionalism,new_professionalism,annex,
7,3,Social network,social_network,annex,
"""

EXPECTED_COMBINATIONS = {
    "1": 1,
    "2": 1,
    "3": 1,
    "1+2": 2,
    "1+3": 1,
    "2+3": 0,
    "1+2+3": 1,
}


def unexplained_gaps(proeftuinen: pd.DataFrame, indicators: pd.DataFrame) -> list[int]:
    """Proeftuinen with no indicator and no note saying why (the data should have none)."""
    missing = bm.proeftuinen_without_indicators(proeftuinen, indicators)
    return missing.loc[missing["note"].str.strip() == "", "number"].astype(int).tolist()


def write_folder(folder: Path, proeftuinen: str, indicators: str) -> Path:
    (folder / bd.PROEFTUINEN_FILE).write_text(proeftuinen, encoding="utf-8")
    (folder / bd.INDICATORS_FILE).write_text(indicators, encoding="utf-8")
    return folder


@pytest.fixture
def fixture_folder(tmp_path: Path) -> Path:
    return write_folder(tmp_path, PROEFTUINEN_CSV, INDICATORS_CSV)


@pytest.fixture
def fixture_indicators(fixture_folder: Path) -> pd.DataFrame:
    return bd.load_indicators(fixture_folder)


# ----------------------------------------------------------------------------- fixture


def test_domain_combinations_match_hand_count(fixture_indicators: pd.DataFrame) -> None:
    table = bm.domain_combinations(fixture_indicators)
    assert dict(zip(table["combination"], table["proeftuinen"], strict=True)) == (
        EXPECTED_COMBINATIONS
    )
    assert table.loc[table["combination"] == "1+2", "description"].item() == ("personal + societal")


def test_combinations_by_size(fixture_indicators: pd.DataFrame) -> None:
    assert bm.combinations_by_size(fixture_indicators).to_dict() == {1: 3, 2: 3, 3: 1}


def test_domains_per_proeftuin_are_frozensets(fixture_indicators: pd.DataFrame) -> None:
    sets = bm.domains_per_proeftuin(fixture_indicators)
    assert sets[4] == frozenset({1, 2})
    assert sets[7] == frozenset({1, 2, 3})
    assert 8 not in sets.index
    assert all(isinstance(s, frozenset) for s in sets)


def test_indicators_per_domain(fixture_indicators: pd.DataFrame) -> None:
    table = bm.indicators_per_domain(fixture_indicators).set_index("domain")
    assert table["indicators"].to_dict() == {1: 6, 2: 4, 3: 4}
    assert table["proeftuinen"].to_dict() == {1: 5, 2: 4, 3: 3}


def test_proeftuinen_per_theme_lists_all_thirteen(fixture_indicators: pd.DataFrame) -> None:
    table = bm.proeftuinen_per_theme(fixture_indicators).set_index("theme")
    assert len(table) == 13
    assert table.loc["own_strength", "proeftuinen"] == 2
    assert table.loc["social_network", "proeftuinen"] == 2
    assert table.loc["resident_direction", "proeftuinen"] == 0
    assert (table["domain"] == table.index.map(bd.THEME_DOMAIN)).all()


def test_gaps_need_a_note(fixture_folder: Path, fixture_indicators: pd.DataFrame) -> None:
    proeftuinen = bd.load_proeftuinen(fixture_folder)
    assert bm.proeftuinen_without_indicators(proeftuinen, fixture_indicators)[
        "number"
    ].tolist() == [8]
    assert unexplained_gaps(proeftuinen, fixture_indicators) == []
    proeftuinen.loc[proeftuinen["number"] == 8, "note"] = ""
    assert unexplained_gaps(proeftuinen, fixture_indicators) == [8]


# ----------------------------------------------------------------------------- validation


def located(err: pytest.ExceptionInfo[InputError]) -> set[tuple[str, int, str]]:
    """(file name, line, column) of every message in a InputError."""
    out = set()
    for message in err.value.messages:
        match = re.match(r"(?P<file>.+?):(?P<line>\d+): column '(?P<column>[^']+)'", message)
        assert match, message
        out.add((Path(match["file"]).name, int(match["line"]), match["column"]))
    return out


def test_theme_of_wrong_domain_is_reported(tmp_path: Path) -> None:
    bad = INDICATORS_CSV + "2,2,Own strength in the wrong domain,own_strength,annex,\n"
    write_folder(tmp_path, PROEFTUINEN_CSV, bad)
    with pytest.raises(InputError) as err:
        bd.load_indicators(tmp_path)
    # header is line 1 and the fixture has 14 rows, so the bad row is line 16
    assert located(err) == {("indicators.csv", 16, "theme")}
    [message] = err.value.messages
    assert "'own_strength'" in message
    assert "belongs to domain 1, not to domain 2" in message


def test_all_problems_are_collected(tmp_path: Path) -> None:
    bad = (
        INDICATORS_CSV
        + "99,1,Unknown proeftuin,own_strength,annex,\n"
        + "1,4,Domain four,own_strength,annex,\n"
        + "1,3,No theme like this,happiness,annex,\n"
        + "1,3,Judgement without reason,social_network,judgement,\n"
    )
    write_folder(tmp_path, PROEFTUINEN_CSV, bad)
    with pytest.raises(InputError) as err:
        bd.load_indicators(tmp_path)
    assert located(err) == {
        ("indicators.csv", 16, "proeftuin"),
        ("indicators.csv", 17, "domain"),
        ("indicators.csv", 18, "theme"),
        ("indicators.csv", 19, "note"),
    }


def test_bad_proeftuin_values_are_reported(tmp_path: Path) -> None:
    proeftuinen = PROEFTUINEN_CSV.replace("1,Only personal,yes", "1,Only personal,maybe")
    proeftuinen = proeftuinen.replace("3,Only social", "2,Only social")
    write_folder(tmp_path, proeftuinen, INDICATORS_CSV)
    with pytest.raises(InputError) as err:
        bd.load_proeftuinen(tmp_path)
    assert located(err) == {("proeftuinen.csv", 2, "evaluated"), ("proeftuinen.csv", 4, "number")}
    # load_indicators checks proeftuinen.csv first and stops there
    with pytest.raises(InputError) as err:
        bd.load_indicators(tmp_path)
    assert {place[0] for place in located(err)} == {"proeftuinen.csv"}


def test_missing_indicator_column_is_reported(tmp_path: Path) -> None:
    write_folder(tmp_path, PROEFTUINEN_CSV, INDICATORS_CSV.replace("domain_basis", "basis"))
    with pytest.raises(InputError) as err:
        bd.load_indicators(tmp_path)
    assert located(err) == {("indicators.csv", 1, "domain_basis"), ("indicators.csv", 1, "basis")}
    assert any("required column is missing" in m for m in err.value.messages)


# ----------------------------------------------------------------------------- real data


@pytest.fixture(scope="module")
def real() -> tuple[pd.DataFrame, pd.DataFrame]:
    proeftuinen = bd.load_proeftuinen(REAL_DATA)
    return proeftuinen, bd.load_indicators(REAL_DATA, proeftuinen)


def test_real_proeftuinen_counts(real: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    proeftuinen, _ = real
    assert proeftuinen["number"].tolist() == list(range(1, 44))
    assert int(proeftuinen["evaluated"].sum()) == 36
    # the report says 30 of 36 had an end measurement; we mark only what the text shows
    assert int((proeftuinen["end_measurement"] == "yes").sum()) <= 30


def test_every_real_proeftuin_has_indicator_or_note(
    real: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    proeftuinen, indicators = real
    assert unexplained_gaps(proeftuinen, indicators) == []
    evaluated = set(proeftuinen.loc[proeftuinen["evaluated"], "number"])
    assert evaluated <= set(indicators["proeftuin"])
    missing = bm.proeftuinen_without_indicators(proeftuinen, indicators)
    assert not missing["evaluated"].any()


def test_real_combinations_cover_the_36(real: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, indicators = real
    assert bm.domain_combinations(indicators)["proeftuinen"].sum() == 36


# ----------------------------------------------------------------------------- combinations and
# UpSet frame on the fixture (answer known by construction, see EXPECTED_COMBINATIONS)


def test_upset_frame_rows_match_the_dot_pattern(fixture_indicators: pd.DataFrame) -> None:
    frame = bm.upset_frame(fixture_indicators)
    for _, row in frame.iterrows():
        members = {d for d, short in bd.DOMAIN_SHORT.items() if row[short]}
        assert bd.combination_label(members) == row["combination"]
        assert row["n_domains"] == len(members)
    assert dict(zip(frame["combination"], frame["proeftuinen"], strict=True)) == (
        EXPECTED_COMBINATIONS
    )


def test_upset_frame_sums_to_proeftuinen_with_indicators(
    fixture_indicators: pd.DataFrame,
) -> None:
    frame = bm.upset_frame(fixture_indicators)
    assert frame["proeftuinen"].sum() == fixture_indicators["proeftuin"].nunique() == 7


def test_combination_members_of_fixture(fixture_indicators: pd.DataFrame) -> None:
    members = bm.combination_members(fixture_indicators)
    assert members["1+2"] == [4, 5]
    assert members["2+3"] == []
    assert members["1+2+3"] == [7]
    assert sorted(sum(members.values(), [])) == list(range(1, 8))


def test_combinations_work_for_any_id_column() -> None:
    rows = pd.DataFrame({"case_id": ["a", "a", "b", "c", "c", "c"], "domain": [1, 3, 2, 1, 2, 3]})
    table = bm.domain_combinations(rows, key="case_id", count="cases").set_index("combination")
    assert table.loc["1+3", "cases"] == 1
    assert table.loc["2", "cases"] == 1
    assert table.loc["1+2+3", "cases"] == 1
    assert table["cases"].sum() == 3


def test_domain_basis_table_counts_every_indicator(fixture_indicators: pd.DataFrame) -> None:
    table = bm.domain_basis_table(fixture_indicators).set_index("life domain")
    assert table["all"].sum() == len(fixture_indicators)
    assert table.loc["3 social", "judgement"] == 1  # proeftuin 6's early-signalling row
    assert table.loc["2 societal", "chapter"] == 1  # proeftuin 5's integrated-policy row


# ----------------------------------------------------------------------------- measures


@pytest.fixture
def fixture_proeftuinen(fixture_folder: Path) -> pd.DataFrame:
    return bd.load_proeftuinen(fixture_folder)


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        ("proeftuinen", 8),
        ("evaluated", 7),
        ("not_evaluated", 1),
        ("with_indicators", 7),
        ("single_domain", 3),
        ("two_domains", 3),
        ("three_domains", 1),
        ("combination:1+2", 2),
        ("combination:2+3", 0),
        ("theme:own_strength", 2),
        ("theme:own_strength|own_direction", 3),  # 1 and 7 own strength, 4 own direction
        ("domain_indicators:1", 6),
        ("domain_proeftuinen:3", 3),
        ("end_measurement:yes", 1),
        ("end_measurement:unknown", 5),
    ],
)
def test_coded_measure_on_fixture(
    fixture_proeftuinen: pd.DataFrame,
    fixture_indicators: pd.DataFrame,
    measure: str,
    expected: int,
) -> None:
    assert bc.coded_measure(measure, fixture_proeftuinen, fixture_indicators) == expected


@pytest.mark.parametrize(
    "measure",
    [
        "",
        "evaluated:yes",
        "combination",
        "combination:3+1",
        "combination:4",
        "theme:happiness",
        "theme:own_strength|",
        "domain_indicators:0",
        "end_measurement:maybe",
        "sum",
    ],
)
def test_unknown_measures_are_rejected(measure: str) -> None:
    with pytest.raises(ValueError):
        bc.parse_measure(measure)


def test_comparison_file_is_validated(tmp_path: Path) -> None:
    (tmp_path / bc.COMPARISON_FILE).write_text(
        "figure_id,coded_measure,reason\n"
        "fig_a,evaluated,fine\n"
        "fig_missing,evaluated,no such figure\n"
        "fig_a,theme:happiness,unknown theme\n"
        "fig_b,single_domain,\n"
        "fig_a,evaluated,repeated\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        bc.load_count_comparison(tmp_path, ["fig_a", "fig_b"])
    assert located(err) == {
        (bc.COMPARISON_FILE, 3, "figure_id"),
        (bc.COMPARISON_FILE, 4, "coded_measure"),
        (bc.COMPARISON_FILE, 5, "reason"),
        (bc.COMPARISON_FILE, 6, "figure_id"),
    }


def test_reconciliation_difference_is_coded_minus_published(
    fixture_proeftuinen: pd.DataFrame, fixture_indicators: pd.DataFrame
) -> None:
    figures = pd.DataFrame(
        {
            "figure_id": ["x_single", "x_pairs"],
            "metric": ["single", "pairs"],
            "section": ["5.4", "5.4"],
            "kind": ["published", "published"],
            "computed": [5.0, 2.0],
        }
    )
    comparison = pd.DataFrame(
        {
            "figure_id": ["x_single", "x_pairs"],
            "coded_measure": ["single_domain", "combination:1+2"],
            "reason": ["r1", "r2"],
        }
    )
    table = bc.published_vs_coded(figures, comparison, fixture_proeftuinen, fixture_indicators)
    assert table["coded"].tolist() == [3, 2]
    assert table["difference"].tolist() == [-2.0, 0.0]
    assert bc.published_by_combination(table) == {"1+2": 2.0}


# ----------------------------------------------------------------------------- real comparison


def test_real_comparison_ids_and_measures() -> None:
    from helpers.inputs.figures import evaluate, load_figures

    figures = evaluate(load_figures(REAL_DATA.parent))
    comparison = bc.load_count_comparison(REAL_DATA, figures["figure_id"])  # raises if invalid
    kvds = set(figures.loc[figures["report"] == "kvds-2017", "figure_id"])
    assert set(comparison["figure_id"]) <= kvds
    for measure in comparison["coded_measure"]:
        bc.parse_measure(measure)
    # a reason that claims agreement must really agree, and a judgement must be labelled
    proeftuinen = bd.load_proeftuinen(REAL_DATA)
    indicators = bd.load_indicators(REAL_DATA, proeftuinen)
    table = bc.published_vs_coded(figures, comparison, proeftuinen, indicators)
    for _, row in table.iterrows():
        if row["reason"].startswith("Counts agree"):
            assert row["difference"] == 0, row["figure_id"]
        if row["difference"] != 0:
            assert row["reason"].startswith("Judgement"), row["figure_id"]


def test_real_upset_frame_sums_to_proeftuinen_with_indicators(
    real: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    _, indicators = real
    frame = bm.upset_frame(indicators)
    assert frame["proeftuinen"].sum() == indicators["proeftuin"].nunique()
    sizes = bm.combinations_by_size(indicators)
    assert sizes.sum() == frame["proeftuinen"].sum()


# ------------------------------------------------------------------------ Amersfoort placements

AMERSFOORT = REAL_DATA.parent / "amersfoort-2024"
ANNEX = {"case-a": 1, "case-b": 2, "case-c": 3}


def write_placements(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "life_domains.csv"
    path.write_text("case_id,domain,reason,source\n" + body, encoding="utf-8")
    return path


def test_placements_problems_are_all_reported(tmp_path: Path) -> None:
    path = write_placements(
        tmp_path,
        'case-a,1,fine,"annex 3, 1.2; 1.3"\n'  # line 2: valid
        'case-x,1,unknown case,"annex 3, 1.2"\n'  # line 3
        'case-b,4,no such domain,"annex 3, 2.2"\n'  # line 4
        'case-b,2,,"annex 3, 2.2"\n'  # line 5: empty reason
        'case-c,3,wrong case section,"annex 3, 2.2"\n'  # line 6
        'case-c,2,mixed sections,"annex 3, 3.2; 2.3"\n'  # line 7
        'case-a,1,repeated,"annex 3, 1.4"\n',  # line 8
    )
    from helpers.chapters import life_domains as ld

    with pytest.raises(InputError) as err:
        ld.load_placements(path, ANNEX)
    assert located(err) == {
        ("life_domains.csv", 3, "case_id"),
        ("life_domains.csv", 4, "domain"),
        ("life_domains.csv", 5, "reason"),
        ("life_domains.csv", 6, "source"),
        ("life_domains.csv", 7, "source"),
        ("life_domains.csv", 8, "domain"),
    }


def test_placement_views_on_a_fixture(tmp_path: Path) -> None:
    from helpers.chapters import life_domains as ld

    path = write_placements(
        tmp_path,
        'case-a,1,r,"annex 3, 1.2"\ncase-a,3,r,"annex 3, 1.3"\n'
        'case-b,1,r,"annex 3, 2.2"\ncase-c,3,r,"annex 3, 3.2"\n',
    )
    placements = ld.load_placements(path, ANNEX)
    cases = pd.DataFrame(
        {
            "case_id": list(ANNEX),
            "name": ["A", "B", "C"],
            "annex_number": ["1", "2", "3"],
            "health_dimensions": ["participation;mental_wellbeing", "", "participation"],
        }
    )
    matrix = ld.placement_matrix(placements, cases)
    assert len(matrix) == 9
    assert matrix["addressed"].sum() == len(placements)
    assert ld.cases_per_domain(placements)["cases"].tolist() == [2, 0, 2]
    assert ld.thinnest_domains(placements) == [2]
    cross = ld.domain_dimension_crosstab(placements, cases).set_index("life domain")
    assert cross.loc["3 social", "Participation"] == 2  # a and c
    assert cross.loc["1 personal", "Participation"] == 1  # a only; b has no dimension
    view = ld.domains_and_dimensions(placements, cases).set_index("case_id")
    assert view.loc["case-b", "n_dimensions"] == 0
    assert view.loc["case-a", "life domains"] == "personal + social"


def test_real_placements_cover_all_twelve_cases() -> None:
    from helpers.chapters import life_domains as ld
    from helpers.inputs.amersfoort import case_studies
    from helpers.inputs.schema import CASE_STUDY_IDS as CASE_IDS

    cases = case_studies()
    placements = ld.load_placements(AMERSFOORT / "life_domains.csv", ld.annex_numbers(cases))
    assert set(placements["case_id"]) == set(CASE_IDS)
    assert placements["reason"].str.strip().str.len().gt(0).all()
    assert placements["domain"].isin([1, 2, 3]).all()
    matrix = ld.placement_matrix(placements, cases)
    assert len(matrix) == 3 * len(CASE_IDS)
    frame = bm.upset_frame(placements, key="case_id", count="interventions")
    assert frame["interventions"].sum() == len(CASE_IDS)


def test_findings_name_the_thinnest_domain(tmp_path: Path) -> None:
    from helpers.chapters import life_domains as ld

    path = write_placements(
        tmp_path,
        'case-a,1,r,"annex 3, 1.2"\ncase-a,3,r,"annex 3, 1.3"\n'
        'case-b,1,r,"annex 3, 2.2"\ncase-b,2,r,"annex 3, 2.2"\n'
        'case-c,3,r,"annex 3, 3.2"\n',
    )
    placements = ld.load_placements(path, ANNEX)
    cases = pd.DataFrame(
        {
            "case_id": list(ANNEX),
            "name": ["A & co", "B", "C"],
            "annex_number": ["1", "2", "3"],
            "health_dimensions": ["participation", "mental_wellbeing", ""],
        }
    )
    upset_2017 = bm.upset_frame(pd.DataFrame({"proeftuin": [1, 1, 2], "domain": [1, 2, 3]}))
    thin, lens = ld.findings(placements, cases, upset_2017)
    assert ld.DOMAIN_PHRASES[2] in thin  # only case-b is in domain 2
    assert "1 of 3 (B)" in thin
    # every combination occurs once here, so all three tie; in the 2017 fixture 3 and 1+2 tie
    assert "combination is *social*, *personal + societal* and *personal + social*;" in thin
    assert "it was *social* and *personal + societal*." in thin
    assert "Of the 1 interventions placed in that domain, 1 are not coded" in lens
    assert "Without any positive-health dimension in §4.3 but with life domains here: C." in lens


def test_every_measure_can_be_described() -> None:
    for measure in [
        "proeftuinen",
        "combination:1+3",
        "theme:own_strength|own_direction",
        "domain_indicators:2",
        "domain_proeftuinen:3",
        "end_measurement:unknown",
    ]:
        assert bc.describe_measure(measure)
    assert "personal + social" in bc.describe_measure("combination:1+3")
