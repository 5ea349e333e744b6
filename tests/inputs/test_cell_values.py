"""Cell values: every user mistake gives a clear, located message; good values are normalised."""

import pandas as pd
from validate_cli import read_fails, workbook

from helpers.inputs.schema import FIELDS
from helpers.inputs.workbook import read_inventory
from helpers.tools.synthetic import synthetic_inventory, write_inventory_workbook

HEADERS = ["Titel", "Status", "Bereik per jaar", "Volledige deelnemers", "Binnen definitie"]


def test_duplicate_titles_name_both_rows(tmp_path):
    rows = [
        HEADERS,
        ["Buurtsport", "lopend", 10, 5, "ja"],
        ["Taalcafé", "lopend", 10, 5, "ja"],
        [" buurtsport  ", "pilot", 10, 5, "ja"],
        ["TAALCAFÉ", "pilot", 10, 5, "nee"],
    ]
    err = read_fails(workbook(tmp_path / "x.xlsx", rows))
    assert len(err.problems) == 2  # both duplicate groups, at once
    first, second = err.problems
    assert (first.row, first.column, first.key) == (4, "Titel", "title")
    assert "row 4 repeats row 2" in first.message and first.value == " buurtsport  "
    assert "row 5 repeats row 3" in second.message and second.value == "TAALCAFÉ"
    assert "row 4" in str(first) and "column A 'Titel'" in str(first) and "title)" not in str(first)


def test_empty_title(tmp_path):
    rows = [HEADERS, ["A", "lopend", 1, 1, "ja"], [None, "lopend", 1, 1, "ja"]]
    err = read_fails(workbook(tmp_path / "x.xlsx", rows))
    (problem,) = err.problems
    assert problem.row == 3 and "title is empty" in problem.message


def test_unparseable_number(tmp_path):
    rows = [HEADERS, ["A", "lopend", "12 appels", 1, "ja"]]
    err = read_fails(workbook(tmp_path / "x.xlsx", rows))
    (problem,) = err.problems
    assert problem.row == 2
    assert problem.column == "Bereik per jaar" and problem.key == "reach_total"
    assert problem.value == "12 appels" and problem.column_letter == "C"
    line = str(problem)
    assert "row 2" in line and "column C 'Bereik per jaar':" in line
    assert '(value: "12 appels")' in line and "cannot read as a number" in line


def test_negative_count(tmp_path):
    rows = [HEADERS, ["A", "lopend", 10, -5, "ja"], ["B", "lopend", "-3", 2, "ja"]]
    err = read_fails(workbook(tmp_path / "x.xlsx", rows))
    assert [(p.row, p.key, p.value) for p in err.problems] == [
        (2, "participants_full", -5),
        (3, "reach_total", "-3"),
    ]
    assert all("negative" in p.message for p in err.problems)


def test_value_outside_enumeration(tmp_path):
    rows = [HEADERS, ["A", "misschien", 1, 1, "ja"], ["B", "lopend", 1, 1, "wellicht"]]
    err = read_fails(workbook(tmp_path / "x.xlsx", rows))
    status, scope = err.problems
    assert (status.row, status.column, status.key, status.value) == (
        2,
        "Status",
        "status",
        "misschien",
    )
    assert "not an allowed value" in status.message and "Lopend (Active)" in status.message
    assert (scope.row, scope.key, scope.value) == (3, "in_scope", "wellicht")


def test_multi_enum_outside_vocabulary(tmp_path):
    rows = [["Titel", "Leeftijdsgroepen"], ["A", "0-4 jaar; pubers; Ouderen 55 plus"]]
    err = read_fails(workbook(tmp_path / "x.xlsx", rows))
    (problem,) = err.problems
    assert problem.key == "age_groups" and "'pubers'" in problem.message


def test_bad_weblink(tmp_path):
    rows = [["Titel", "Weblink"], ["A", "zie website"], ["B", "www.example.org/a"]]
    err = read_fails(workbook(tmp_path / "x.xlsx", rows))
    (problem,) = err.problems
    assert problem.row == 2 and problem.key == "weblink"


def test_all_problems_reported_at_once(tmp_path):
    rows = [
        HEADERS + ["Dimensies positieve gezondheid"],
        ["A", "lopend", "veel", 3, "ja", "Zingeving"],
        ["B", "soms", 10, -1, "ja", "Geluk"],
        ["a", "pilot", "1.2.3", 4, "x", None],
    ]
    err = read_fails(workbook(tmp_path / "x.xlsx", rows))
    located = {(p.row, p.key) for p in err.problems}
    assert located == {
        (2, "reach_total"),
        (3, "status"),
        (3, "participants_full"),
        (3, "health_dimensions"),
        (4, "reach_total"),
        (4, "in_scope"),
        (4, "title"),
    }
    rows_in_order = [p.row for p in err.problems]
    assert rows_in_order == sorted(rows_in_order)


def test_values_are_normalised(tmp_path):
    rows = [
        [
            " TITEL ",
            "Wijkgericht of hele stad",
            "11. Zijn de activiteiten (onderdeel van) een erkende effectieve interventie?",
            "databank",
            "Bereik per jaar",
            "Jaarlijkse kosten (EUR)",
            "binnen definitie",
            "Leeftijdsgroepen",
            "Dimensies positieve gezondheid",
            "Contactpersoon",
            "Wijken",
            "Opmerkingen",
        ],
        [
            "Buurtsport",
            "Hele stad",
            "ja",
            "NJI",
            "400 – 700",
            "€ 2.900,-",
            "Ja",
            "0-4 jaar; Volwassenen als ouders",
            "Meedoen, Lichaamsfuncties",
            "Fictief Persoon",
            "Noord; Zuid",
            "x",
        ],
        [None] * 12,  # an empty row in between is skipped, row numbers stay Excel's
        [
            "Taalcafé",
            "wijkgericht",
            "onbekend",
            None,
            "onbekend",
            12500,
            "nee",
            "Ouderen 55 plus\n18-25 jaar",
            "Mental well-being",
            None,
            None,
            None,
        ],
    ]
    path = workbook(tmp_path / "x.xlsx", rows)
    inv = read_inventory(path)
    f = inv.frame
    assert list(f.index) == [2, 4] and f.index.name == "excel_row"
    assert list(f["title"]) == ["Buurtsport", "Taalcafé"]
    assert list(f["scope"]) == ["city_wide", "neighbourhood"]
    assert list(f["recognised_effective"]) == ["yes", "unknown"]
    assert f.loc[2, "databank"] == "nji" and pd.isna(f.loc[4, "databank"])
    assert (f.loc[2, "reach_total_low"], f.loc[2, "reach_total_high"]) == (400, 700)
    assert f.loc[2, "reach_total_qualifier"] == "range"
    assert pd.isna(f.loc[4, "reach_total_low"]) and pd.isna(f.loc[4, "reach_total_qualifier"])
    assert f.loc[2, "annual_cost_eur_low"] == 2900 and f.loc[4, "annual_cost_eur_high"] == 12500
    assert list(f["in_scope"]) == [True, False]
    assert f.loc[2, "age_groups"] == ("0-4", "parents")
    assert f.loc[4, "age_groups"] == ("18-25", "55_plus")  # vocabulary order
    assert f.loc[2, "health_dimensions"] == ("bodily_functions", "participation")
    assert f.loc[4, "health_dimensions"] == ("mental_wellbeing",)
    assert f.loc[2, "neighbourhoods"] == ("Noord", "Zuid") and f.loc[4, "neighbourhoods"] == ()
    assert "contact_person" not in f.columns  # personal data dropped by default
    assert inv.columns["title"] == "TITEL"
    assert any(w.column == "Opmerkingen" and "ignored" in w.message for w in inv.warnings)
    # every schema column is there, absent ones empty
    assert pd.isna(f.loc[2, "status"]) and "participants_full_low" in f.columns
    assert inv.summary() == "OK: 2 interventions (1 in scope)"
    with_personal = read_inventory(path, include_personal=True).frame
    assert with_personal.loc[2, "contact_person"] == "Fictief Persoon"


def test_frame_columns_follow_the_schema(tmp_path):
    path = workbook(tmp_path / "x.xlsx", [["title"], ["A"]])
    cols = list(read_inventory(path).frame.columns)
    expected = []
    for fld in FIELDS:
        if fld.personal:
            continue
        if fld.kind == "number":
            expected += [f"{fld.key}_low", f"{fld.key}_high", f"{fld.key}_qualifier"]
        else:
            expected.append(fld.key)
    assert cols == [*expected, "notes"]  # notes: remarks kept from number cells


def test_sheet_choice(tmp_path):
    # a sheet called "interventions" wins, wherever it is
    path = workbook(
        tmp_path / "a.xlsx",
        [["Titel"], ["from first"]],
        sheet="Overzicht",
        extra=[("INTERVENTIONS ", [["title"], ["from named"]], "visible")],
    )
    assert read_inventory(path).frame["title"].tolist() == ["from named"]
    # otherwise the first visible sheet with a title header (hidden ones skipped)
    path = workbook(
        tmp_path / "b.xlsx",
        [["Notities"], ["..."]],
        sheet="Uitleg",
        extra=[("Oud", [["Titel"], ["hidden"]], "hidden"), ("Data", [["Titel"], ["B"]], "visible")],
    )
    inv = read_inventory(path)
    assert inv.sheet == "Data" and inv.frame["title"].tolist() == ["B"]


def test_numbers_in_text_columns_and_booleans(tmp_path):
    rows = [["Titel", "Binnen definitie", "Casus"], [2024, True, None], ["B", False, "x-1"]]
    f = read_inventory(workbook(tmp_path / "x.xlsx", rows)).frame
    assert f["title"].tolist() == ["2024", "B"]
    assert f["in_scope"].tolist() == [True, False]


def test_reading_many_rows(tmp_path):
    path = write_inventory_workbook(synthetic_inventory(3000, seed=7), tmp_path / "big.xlsx")
    inv = read_inventory(path)
    assert len(inv) == 3000 and inv.frame.index[-1] == 3001
