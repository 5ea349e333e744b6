"""Tests for helpers.balance_model: the 2017 proeftuinen and their protective indicators."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from helpers import balance_model as bm
from helpers.figures import DataError

REAL_DATA = Path(__file__).resolve().parents[1] / "data" / "kvds-2017"

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


def write_folder(folder: Path, proeftuinen: str, indicators: str) -> Path:
    (folder / bm.PROEFTUINEN_FILE).write_text(proeftuinen, encoding="utf-8")
    (folder / bm.INDICATORS_FILE).write_text(indicators, encoding="utf-8")
    return folder


@pytest.fixture
def fixture_folder(tmp_path: Path) -> Path:
    return write_folder(tmp_path, PROEFTUINEN_CSV, INDICATORS_CSV)


@pytest.fixture
def fixture_indicators(fixture_folder: Path) -> pd.DataFrame:
    return bm.load_indicators(fixture_folder)


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
    assert (table["domain"] == table.index.map(bm.THEME_DOMAIN)).all()


def test_gaps_need_a_note(fixture_folder: Path, fixture_indicators: pd.DataFrame) -> None:
    proeftuinen = bm.load_proeftuinen(fixture_folder)
    assert bm.proeftuinen_without_indicators(proeftuinen, fixture_indicators)[
        "number"
    ].tolist() == [8]
    assert bm.unexplained_gaps(proeftuinen, fixture_indicators) == []
    proeftuinen.loc[proeftuinen["number"] == 8, "note"] = ""
    assert bm.unexplained_gaps(proeftuinen, fixture_indicators) == [8]


# ----------------------------------------------------------------------------- validation


def located(err: pytest.ExceptionInfo[DataError]) -> set[tuple[str, int, str]]:
    """(file name, line, column) of every message in a DataError."""
    out = set()
    for message in err.value.messages:
        match = re.match(r"(?P<file>.+?):(?P<line>\d+): column '(?P<column>[^']+)'", message)
        assert match, message
        out.add((Path(match["file"]).name, int(match["line"]), match["column"]))
    return out


def test_theme_of_wrong_domain_is_reported(tmp_path: Path) -> None:
    bad = INDICATORS_CSV + "2,2,Own strength in the wrong domain,own_strength,annex,\n"
    write_folder(tmp_path, PROEFTUINEN_CSV, bad)
    with pytest.raises(DataError) as err:
        bm.load_indicators(tmp_path)
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
    with pytest.raises(DataError) as err:
        bm.load_indicators(tmp_path)
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
    with pytest.raises(DataError) as err:
        bm.load_proeftuinen(tmp_path)
    assert located(err) == {("proeftuinen.csv", 2, "evaluated"), ("proeftuinen.csv", 4, "number")}
    # load_indicators checks proeftuinen.csv first and stops there
    with pytest.raises(DataError) as err:
        bm.load_indicators(tmp_path)
    assert {place[0] for place in located(err)} == {"proeftuinen.csv"}


def test_missing_indicator_column_is_reported(tmp_path: Path) -> None:
    write_folder(tmp_path, PROEFTUINEN_CSV, INDICATORS_CSV.replace("domain_basis", "basis"))
    with pytest.raises(DataError) as err:
        bm.load_indicators(tmp_path)
    assert located(err) == {("indicators.csv", 1, "domain_basis"), ("indicators.csv", 1, "basis")}
    assert any("required column is missing" in m for m in err.value.messages)


# ----------------------------------------------------------------------------- real data


@pytest.fixture(scope="module")
def real() -> tuple[pd.DataFrame, pd.DataFrame]:
    proeftuinen = bm.load_proeftuinen(REAL_DATA)
    return proeftuinen, bm.load_indicators(REAL_DATA, proeftuinen)


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
    assert bm.unexplained_gaps(proeftuinen, indicators) == []
    evaluated = set(proeftuinen.loc[proeftuinen["evaluated"], "number"])
    assert evaluated <= set(indicators["proeftuin"])
    missing = bm.proeftuinen_without_indicators(proeftuinen, indicators)
    assert not missing["evaluated"].any()


def test_real_combinations_cover_the_36(real: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, indicators = real
    assert bm.domain_combinations(indicators)["proeftuinen"].sum() == 36
