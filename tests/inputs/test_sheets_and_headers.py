"""Sheets and headers: which sheet is read, where the header row is, what a header means.

Every workbook is generated here, in ``tmp_path``. Each case either

* fails with `InputError` whose message names the file (and sheet, row, column and value
  where they apply), and through ``python -m helpers.inputs.validate`` (``make validate``) exits
  with status 2 and no traceback; or
* reads, and the parsed values are checked against what the test wrote.

In both cases the input file must be byte-identical afterwards.
"""

from __future__ import annotations

import math
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from validate_cli import accepted, read_fails, rejected, workbook

ROOT = Path(__file__).resolve().parents[2]
HEADERS = ["Titel", "Status", "Bereik per jaar", "Leeftijdsgroepen", "Binnen definitie"]


# -- 11-16: sheets and headers -------------------------------------------------------------


def test_11_only_a_chart_sheet(tmp_path):
    wb = Workbook()
    data = wb.active
    data.title = "gegevens"
    data.append(["jaar", "aantal"])
    data.append([2023, 5])
    chart = BarChart()
    chart.add_data(Reference(data, min_col=2, min_row=1, max_row=2))
    wb.create_chartsheet("Grafiek").add_chart(chart)
    data.sheet_state = "hidden"  # the chart sheet is all a user sees
    path = tmp_path / "grafiek.xlsx"
    wb.save(path)
    rejected(path, "no usable sheet", "'Grafiek' (chart sheet)", "'gegevens' (hidden)")


def test_12_hidden_sheets(tmp_path):
    """Documented: a sheet NAMED Interventies is read even when hidden (with a warning);
    a hidden sheet with any other name is never read, and the message points to it."""
    wb = Workbook()
    info = wb.active
    info.title = "Toelichting"
    info.append(["Vul het blad Interventies in"])
    named = wb.create_sheet("Interventies")
    named.append(HEADERS)
    named.append(["Verborgen activiteit", "pilot", 12, "13-18", "nee"])
    named.sheet_state = "hidden"
    path = tmp_path / "verborgen.xlsx"
    wb.save(path)
    inventory = accepted(path, 1)
    assert inventory.frame["title"].tolist() == ["Verborgen activiteit"]
    assert inventory.frame["status"].tolist() == ["pilot"]
    assert any("hidden" in str(w) and "Interventies" in str(w) for w in inventory.warnings)

    named.title = "Oud"
    other = tmp_path / "verborgen-anders.xlsx"
    wb.save(other)
    rejected(other, "no usable sheet", "hidden sheet 'Oud' has a title column", "unhide it")


def test_13_merged_header_cells(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Interventies"
    ws["A1"] = "Antwoorden uit de uitvraag"
    ws.merge_cells("A1:C1")
    ws["D1"] = "Codering onderzoekers"
    ws.merge_cells("D1:E1")
    ws.append(HEADERS)
    ws.append(["Buurtsport", "lopend", 40, "4-12", "ja"])
    ws.append(["Taalcafé", "beëindigd", "ca. 30", "adults_25_55; 55+", "nee"])
    path = tmp_path / "samengevoegd.xlsx"
    wb.save(path)
    frame = accepted(path, 2).frame
    assert frame.index.tolist() == [3, 4]  # Excel rows: header in row 2
    assert frame["title"].tolist() == ["Buurtsport", "Taalcafé"]
    assert frame["status"].tolist() == ["active", "ended"]
    assert frame["reach_total_low"].tolist() == [40.0, 30.0]
    assert frame["reach_total_qualifier"].tolist() == ["=", "~"]
    assert frame["age_groups"].tolist() == [("4-12",), ("adults_25_55", "55_plus")]
    assert frame["in_scope"].tolist() == [True, False]


def test_14_headers_in_row_three_after_a_title_row(tmp_path):
    rows = [["Inventarisatie collectieve preventie Zonnedal 2025"], [], HEADERS]
    rows += [["Beweegmaatjes", "actief", "ruim 100", "55+", "ja"]]
    frame = accepted(workbook(tmp_path / "titelrij.xlsx", rows), 1).frame
    assert frame.index.tolist() == [4]
    assert frame.loc[4, "title"] == "Beweegmaatjes"
    assert frame.loc[4, "reach_total_qualifier"] == ">"
    assert frame.loc[4, "reach_total_low"] == 100 and math.isnan(frame.loc[4, "reach_total_high"])
    # the same problem then names the right Excel row
    rows[3][2] = "veel"
    err = rejected(workbook(tmp_path / "titelrij-fout.xlsx", rows), row=4, column="Bereik per jaar")
    assert err.problems[0].value == "veel"


def test_15_zero_width_and_non_breaking_spaces_in_headers(tmp_path):
    headers = [
        "\u200bTitel\u200b",
        "\u00a0Status\u00a0",
        "Bereik\u00a0per\u2009jaar",
        "\ufeffBinnen definitie",
    ]
    rows = [headers, ["Buurt\u00a0sport\u200b", "lopend\u00a0", "1\u00a0050", "ja\u200b"]]
    frame = accepted(workbook(tmp_path / "onzichtbaar.xlsx", rows), 1).frame
    row = frame.iloc[0]
    assert row["title"] == "Buurt\u00a0sport"  # inner spaces kept, invisible edges trimmed
    assert row["status"] == "active"
    assert row["reach_total_low"] == 1050
    assert bool(row["in_scope"]) is True


def test_16_title_column_missing(tmp_path):
    rows = [["Naam", "Status", "Bereik per jaar"], ["Buurtsport", "lopend", 5]]
    rejected(
        workbook(tmp_path / "geen-titel.xlsx", rows),
        "missing required column 'Titel'",
        "sheet 'Interventies'",
        "headers in row 1: Naam, Status, Bereik per jaar",
    )


# -- structure: sheets and headers ----------------------------------------------------


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


def test_no_usable_sheet(tmp_path):
    path = workbook(
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
    path = workbook(tmp_path / "x.xlsx", [["Naam", "Status"], ["A", "lopend"]])
    err = read_fails(path)
    (problem,) = err.problems
    assert problem.sheet == "Interventies" and problem.key == "title"
    assert "missing required column 'Titel'" in str(err)
    assert "Naam" in str(err)  # shows the headers it did find


def test_missing_title_column_on_named_sheet_is_reported_even_with_other_columns(tmp_path):
    path = workbook(tmp_path / "x.xlsx", [["status", "reach_total"], ["lopend", 5]])
    assert "missing required column" in str(read_fails(path))


def test_same_field_twice(tmp_path):
    path = workbook(tmp_path / "x.xlsx", [["Titel", "title"], ["A", "A"]])
    err = read_fails(path)
    assert "column B is the same field as column A" in str(err)


def test_empty_workbook(tmp_path):
    path = workbook(tmp_path / "x.xlsx", [HEADERS, [None] * 5, ["  ", None, None, None, None]])
    err = read_fails(path)
    assert "no interventions" in str(err) and "no data rows" in str(err)
