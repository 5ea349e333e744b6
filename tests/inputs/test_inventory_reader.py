"""The validating inventory reader: every user mistake gives a clear, located message."""

import hashlib
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook
from validate_cli import run_validate

from helpers.errors import InputError, Problem
from helpers.inputs.schema import CASE_STUDY_IDS, FIELDS
from helpers.inputs.workbook import main, read_inventory
from helpers.tools.synthetic import synthetic_inventory, write_inventory_workbook

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "data" / "examples" / "zonnedal-synthetic-inventory.xlsx"
AMERSFOORT = ROOT / "data" / "amersfoort-2024" / "inventory.xlsx"


def make_xlsx(path: Path, rows: list[list], sheet: str = "Interventies", extra=()) -> Path:
    """A workbook whose first sheet holds ``rows`` (first row = headers)."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    for title, extra_rows, state in extra:
        other = wb.create_sheet(title)
        for row in extra_rows:
            other.append(row)
        other.sheet_state = state
    wb.save(path)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_fails(path: Path) -> InputError:
    """read_inventory must raise InputError and leave the file byte-identical."""
    before = digest(path)
    with pytest.raises(InputError) as info:
        read_inventory(path)
    assert digest(path) == before, "the input file was modified"
    err = info.value
    assert err.problems and all(isinstance(p, Problem) for p in err.problems)
    text = str(err)
    assert str(path) in text
    assert len(text.splitlines()) == len(err.problems) + 1  # heading + one line each
    return err


HEADERS = ["Titel", "Status", "Bereik per jaar", "Volledige deelnemers", "Binnen definitie"]


# -- not an Excel file --------------------------------------------------------------------


def test_csv_renamed_to_xlsx(tmp_path):
    path = tmp_path / "inventaris.xlsx"
    path.write_text("Titel;Status\nBuurtsport;lopend\n", encoding="utf-8")
    err = read_fails(path)
    assert "CSV" in str(err) and "not an Excel workbook" in str(err)


def test_txt_renamed_to_xlsx(tmp_path):
    path = tmp_path / "notes.xlsx"
    path.write_text("just some notes about interventions\n", encoding="utf-8")
    err = read_fails(path)
    assert "plain text file" in str(err)


def test_real_csv_file(tmp_path):
    path = tmp_path / "inventaris.csv"
    path.write_text("title,status\nA,active\n", encoding="utf-8")
    assert "not an Excel workbook" in str(read_fails(path))


def test_old_xls_file(tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert ".xls" in str(read_fails(path))


def test_corrupt_zip(tmp_path):
    good = make_xlsx(tmp_path / "good.xlsx", [HEADERS, ["A", "lopend", 1, 1, "ja"]])
    path = tmp_path / "broken.xlsx"
    path.write_bytes(good.read_bytes()[:700])  # truncated download
    assert "damaged" in str(read_fails(path)) or "cannot open" in str(read_fails(path))


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "hello")
    assert "not an Excel workbook" in str(read_fails(path)) or "cannot open" in str(
        read_fails(path)
    )


def test_empty_file_and_missing_file(tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    assert "empty (0 bytes)" in str(read_fails(path))
    with pytest.raises(InputError, match="file not found"):
        read_inventory(tmp_path / "nope.xlsx")


# -- structure ----------------------------------------------------------------------------


def test_no_usable_sheet(tmp_path):
    path = make_xlsx(
        tmp_path / "x.xlsx",
        [["Naam", "Wijk"], ["A", "Noord"]],
        sheet="Blad1",
        extra=[("Verborgen", [["Titel"], ["A"]], "hidden")],
    )
    err = read_fails(path)
    text = str(err)
    assert "no usable sheet" in text
    assert "'Blad1'" in text and "'Verborgen' (hidden)" in text


def test_missing_required_column(tmp_path):
    path = make_xlsx(tmp_path / "x.xlsx", [["Naam", "Status"], ["A", "lopend"]])
    err = read_fails(path)
    (problem,) = err.problems
    assert problem.sheet == "Interventies" and problem.key == "title"
    assert "missing required column 'Titel' (title)" in str(err)
    assert "Naam" in str(err)  # shows the headers it did find


def test_missing_title_column_on_named_sheet_is_reported_even_with_other_columns(tmp_path):
    path = make_xlsx(tmp_path / "x.xlsx", [["status", "reach_total"], ["lopend", 5]])
    assert "missing required column" in str(read_fails(path))


def test_same_field_twice(tmp_path):
    path = make_xlsx(tmp_path / "x.xlsx", [["Titel", "title"], ["A", "A"]])
    err = read_fails(path)
    assert "column B is the same field as column A" in str(err)


def test_empty_workbook(tmp_path):
    path = make_xlsx(tmp_path / "x.xlsx", [HEADERS, [None] * 5, ["  ", None, None, None, None]])
    err = read_fails(path)
    assert "no interventions" in str(err) and "no data rows" in str(err)


# -- cell values --------------------------------------------------------------------------


def test_duplicate_titles_name_both_rows(tmp_path):
    rows = [
        HEADERS,
        ["Buurtsport", "lopend", 10, 5, "ja"],
        ["Taalcafé", "lopend", 10, 5, "ja"],
        [" buurtsport  ", "pilot", 10, 5, "ja"],
        ["TAALCAFÉ", "pilot", 10, 5, "nee"],
    ]
    err = read_fails(make_xlsx(tmp_path / "x.xlsx", rows))
    assert len(err.problems) == 2  # both duplicate groups, at once
    first, second = err.problems
    assert (first.row, first.column, first.key) == (4, "Titel", "title")
    assert "row 4 repeats row 2" in first.message and first.value == " buurtsport  "
    assert "row 5 repeats row 3" in second.message and second.value == "TAALCAFÉ"
    assert "row 4" in str(first) and "'Titel' (title)" in str(first)


def test_empty_title(tmp_path):
    rows = [HEADERS, ["A", "lopend", 1, 1, "ja"], [None, "lopend", 1, 1, "ja"]]
    err = read_fails(make_xlsx(tmp_path / "x.xlsx", rows))
    (problem,) = err.problems
    assert problem.row == 3 and "title is empty" in problem.message


def test_unparseable_number(tmp_path):
    rows = [HEADERS, ["A", "lopend", "12 appels", 1, "ja"]]
    err = read_fails(make_xlsx(tmp_path / "x.xlsx", rows))
    (problem,) = err.problems
    assert problem.row == 2
    assert problem.column == "Bereik per jaar" and problem.key == "reach_total"
    assert problem.value == "12 appels" and problem.column_letter == "C"
    line = str(problem)
    assert "row 2" in line and "column C 'Bereik per jaar' (reach_total)" in line
    assert "'12 appels'" in line and "cannot read as a number" in line


def test_negative_count(tmp_path):
    rows = [HEADERS, ["A", "lopend", 10, -5, "ja"], ["B", "lopend", "-3", 2, "ja"]]
    err = read_fails(make_xlsx(tmp_path / "x.xlsx", rows))
    assert [(p.row, p.key, p.value) for p in err.problems] == [
        (2, "participants_full", -5),
        (3, "reach_total", "-3"),
    ]
    assert all("negative" in p.message for p in err.problems)


def test_value_outside_enumeration(tmp_path):
    rows = [HEADERS, ["A", "misschien", 1, 1, "ja"], ["B", "lopend", 1, 1, "wellicht"]]
    err = read_fails(make_xlsx(tmp_path / "x.xlsx", rows))
    status, scope = err.problems
    assert (status.row, status.column, status.key, status.value) == (
        2,
        "Status",
        "status",
        "misschien",
    )
    assert "not an allowed value" in status.message and "Lopend (active)" in status.message
    assert (scope.row, scope.key, scope.value) == (3, "in_scope", "wellicht")


def test_multi_enum_outside_vocabulary(tmp_path):
    rows = [["Titel", "Leeftijdsgroepen"], ["A", "0-4 jaar; pubers; Ouderen 55 plus"]]
    err = read_fails(make_xlsx(tmp_path / "x.xlsx", rows))
    (problem,) = err.problems
    assert problem.key == "age_groups" and "'pubers'" in problem.message


def test_bad_weblink(tmp_path):
    rows = [["Titel", "Weblink"], ["A", "zie website"], ["B", "www.example.org/a"]]
    err = read_fails(make_xlsx(tmp_path / "x.xlsx", rows))
    (problem,) = err.problems
    assert problem.row == 2 and problem.key == "weblink"


def test_all_problems_reported_at_once(tmp_path):
    rows = [
        HEADERS + ["Dimensies positieve gezondheid"],
        ["A", "lopend", "veel", 3, "ja", "Zingeving"],
        ["B", "soms", 10, -1, "ja", "Geluk"],
        ["a", "pilot", "1.2.3", 4, "x", None],
    ]
    err = read_fails(make_xlsx(tmp_path / "x.xlsx", rows))
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


# -- what a good file gives ---------------------------------------------------------------


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
    path = make_xlsx(tmp_path / "x.xlsx", rows)
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
    assert any("'Opmerkingen'" in w for w in inv.warnings)
    # every schema column is there, absent ones empty
    assert pd.isna(f.loc[2, "status"]) and "participants_full_low" in f.columns
    assert inv.summary() == "OK: 2 interventions (1 in scope)"
    with_personal = read_inventory(path, include_personal=True).frame
    assert with_personal.loc[2, "contact_person"] == "Fictief Persoon"


def test_frame_columns_follow_the_schema(tmp_path):
    path = make_xlsx(tmp_path / "x.xlsx", [["title"], ["A"]])
    cols = list(read_inventory(path).frame.columns)
    expected = []
    for fld in FIELDS:
        if fld.personal:
            continue
        if fld.kind == "number":
            expected += [f"{fld.key}_low", f"{fld.key}_high", f"{fld.key}_qualifier"]
        else:
            expected.append(fld.key)
    assert cols == expected


def test_sheet_choice(tmp_path):
    # a sheet called "interventions" wins, wherever it is
    path = make_xlsx(
        tmp_path / "a.xlsx",
        [["Titel"], ["from first"]],
        sheet="Overzicht",
        extra=[("INTERVENTIONS ", [["title"], ["from named"]], "visible")],
    )
    assert read_inventory(path).frame["title"].tolist() == ["from named"]
    # otherwise the first visible sheet with a title header (hidden ones skipped)
    path = make_xlsx(
        tmp_path / "b.xlsx",
        [["Notities"], ["..."]],
        sheet="Uitleg",
        extra=[("Oud", [["Titel"], ["hidden"]], "hidden"), ("Data", [["Titel"], ["B"]], "visible")],
    )
    inv = read_inventory(path)
    assert inv.sheet == "Data" and inv.frame["title"].tolist() == ["B"]


def test_numbers_in_text_columns_and_booleans(tmp_path):
    rows = [["Titel", "Binnen definitie", "Casus"], [2024, True, None], ["B", False, "x-1"]]
    f = read_inventory(make_xlsx(tmp_path / "x.xlsx", rows)).frame
    assert f["title"].tolist() == ["2024", "B"]
    assert f["in_scope"].tolist() == [True, False]


def test_reading_many_rows(tmp_path):
    path = write_inventory_workbook(synthetic_inventory(3000, seed=7), tmp_path / "big.xlsx")
    inv = read_inventory(path)
    assert len(inv) == 3000 and inv.frame.index[-1] == 3001


# -- CLI ----------------------------------------------------------------------------------


def test_cli_bad_file_exits_2_without_traceback(tmp_path):
    rows = [HEADERS, ["A", "misschien", "12 appels", 1, "ja"], ["a", "lopend", 1, 1, "ja"]]
    path = make_xlsx(tmp_path / "bad.xlsx", rows)
    before = digest(path)
    result = run_validate(path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert "3 problems" in result.stderr
    assert "'misschien'" in result.stderr and "'12 appels'" in result.stderr
    assert "duplicate title" in result.stderr
    assert digest(path) == before


def test_cli_not_an_excel_file(tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_text("a,b\n1,2\n")
    result = run_validate(path)
    assert result.returncode == 2 and "Traceback" not in result.stderr


@pytest.mark.skipif(not EXAMPLE.exists(), reason="the synthetic example has not been written")
def test_cli_example_ok():
    result = run_validate(EXAMPLE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: 40 interventions (")


def test_main_in_process(tmp_path, capsys):
    path = make_xlsx(tmp_path / "x.xlsx", [["Titel", "Binnen definitie"], ["A", "ja"]])
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out.strip() == "OK: 1 intervention (1 in scope)"


# -- the shipped data ---------------------------------------------------------------------


@pytest.mark.skipif(not EXAMPLE.exists(), reason="the synthetic example has not been written")
def test_example_reads():
    before = digest(EXAMPLE)
    inv = read_inventory(EXAMPLE)
    assert len(inv) == 40 and inv.sheet == "Interventies"
    assert not inv.warnings
    f = inv.frame
    for key in ("status", "scope", "recognised_effective", "databank", "case_study"):
        assert f[key].notna().any(), key
    for key in ("reach_total", "annual_cost_eur"):
        quals = set(f[f"{key}_qualifier"].dropna())
        assert {"=", "~", "range"} <= quals, key
    assert f["age_groups"].map(len).gt(0).all()
    assert digest(EXAMPLE) == before


def test_example_is_reproducible(tmp_path):
    from helpers.tools.synthetic import write_example

    first = write_example(tmp_path / "a.xlsx")
    second = write_example(tmp_path / "b.xlsx")
    assert first.read_bytes() == second.read_bytes()
    if EXAMPLE.exists():
        assert first.read_bytes() == EXAMPLE.read_bytes(), "example out of date: regenerate it"


@pytest.mark.skipif(
    not AMERSFOORT.exists(),
    reason="data/amersfoort-2024/inventory.xlsx is written by another task and is not there yet",
)
def test_amersfoort_workbook():
    before = digest(AMERSFOORT)
    inv = read_inventory(AMERSFOORT)
    assert len(inv) == 137
    assert inv.frame["title"].notna().all()
    assert set(inv.frame["case_study"].dropna()) <= set(CASE_STUDY_IDS)
    assert digest(AMERSFOORT) == before
