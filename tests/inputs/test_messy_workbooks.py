"""The must-show corpus: workbooks filled in the way offices really fill spreadsheets.

Each case builds a realistic messy workbook and states its outcome: refused with the
located message, or read with the named notices and exact totals.
"""

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font

from helpers.errors import InputError
from helpers.inputs.workbook import read_inventory

H = ["Titel", "Uitvoerder", "Bereik per jaar", "Jaarlijkse kosten (EUR)", "Binnen definitie"]
COSTS = [125_000, 310_500, 87_300, 455_000, 300_000]  # sum: 1,277,800


def build(path: Path, rows: list[list], headers=H, merges=(), hidden=(), struck=()) -> Path:
    """A workbook on sheet 'Interventies' with the office's marks applied."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Interventies"
    ws.append(headers)
    for row in rows:
        ws.append(row)
    for ref in merges:
        ws.merge_cells(ref)
    for r in hidden:
        ws.row_dimensions[r].hidden = True
    for r in struck:
        ws.cell(row=r, column=1).font = Font(strike=True)
    wb.save(path)
    return path


def notices(inventory) -> list[tuple[int | None, str | None, str]]:
    """(row, header as written, English message) of every notice."""
    return [(w.row, w.column, w.message) for w in inventory.warnings]


def refused(path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        read_inventory(path)
    return info.value


def cost_total(inventory) -> float:
    return float(inventory.frame["annual_cost_eur_low"].sum())


def five(prefix="Interventie") -> list[list]:
    return [[f"{prefix} {i + 1}", "Welzijn", 100 + i, c, None] for i, c in enumerate(COSTS)]


# -- rows that are not interventions ----------------------------------------------------


def test_totals_row_with_no_scope_coding_keeps_the_true_total(tmp_path):
    path = build(tmp_path / "totaal.xlsx", [*five(), ["Totaal", None, 510, 1_277_800, None]])
    inventory = read_inventory(path)
    assert len(inventory) == 5
    assert cost_total(inventory) == 1_277_800  # not 2,555,600
    assert inventory.n_in_scope is None and not inventory.scope_coded
    found = notices(inventory)
    assert (7, "Titel", "a totals row, not an intervention: left out") in found
    assert any("scope is not coded" in m for _, _, m in found)


def test_headings_subtotals_som_and_source_notes_are_left_out(tmp_path):
    rows = [
        ["JEUGD", None, None, None, None],
        *five("Jeugd")[:3],
        ["Subtotaal jeugd", None, None, 522_800, None],
        ["VOLWASSENEN EN OUDEREN", None, None, None, None],
        *five("Volwassenen")[3:],
        ["Som", None, None, 1_277_800, None],
        ["Bron: eigen inventarisatie, maart 2024", None, None, None, None],
    ]
    inventory = read_inventory(build(tmp_path / "secties.xlsx", rows))
    assert list(inventory.frame["title"]) == [
        "Jeugd 1",
        "Jeugd 2",
        "Jeugd 3",
        "Volwassenen 4",
        "Volwassenen 5",
    ]
    assert cost_total(inventory) == 1_277_800
    left_out = {row: message for row, _, message in notices(inventory) if "left out" in message}
    assert left_out == {
        2: "a section heading, not an intervention: left out",
        6: "a totals row, not an intervention: left out",
        7: "a section heading, not an intervention: left out",
        10: "a totals row, not an intervention: left out",
        11: "a note or source row, not an intervention: left out",
    }


def test_untitled_row_equal_to_the_sum_above_is_left_out(tmp_path):
    path = build(tmp_path / "som.xlsx", [*five(), [None, None, 510, 1_277_800, None]])
    inventory = read_inventory(path)
    assert len(inventory) == 5 and cost_total(inventory) == 1_277_800
    [(row, _, message)] = [n for n in notices(inventory) if "sum" in n[2]]
    assert row == 7 and "equal the sum of rows 2-6" in message and "left out" in message


def test_titled_row_equal_to_the_sum_above_is_refused(tmp_path):
    rows = [*five(), ["Alle interventies samen", None, 510, 1_277_800, None]]
    err = refused(build(tmp_path / "samen.xlsx", rows))
    [problem] = err.problems
    assert (problem.row, problem.column, problem.value) == (7, "Titel", "Alle interventies samen")
    assert "equal the sum of rows 2-6" in problem.message and "'Totaal'" in problem.message
    assert "som van rij 2-6" in problem.text("nl")


# -- headers ---------------------------------------------------------------------------


def test_renamed_headers_are_matched_and_said(tmp_path):
    headers = ["Titel", "Wijken / kernen", "Bereik per jaar (aantal personen)", "Jaarlijkse kosten"]
    rows = [[f"Interventie {i}", "Noord; Oost", 50, c] for i, c in enumerate(COSTS)]
    inventory = read_inventory(build(tmp_path / "koppen.xlsx", rows, headers=headers))
    assert cost_total(inventory) == 1_277_800
    assert inventory.frame["reach_total_low"].notna().all()
    assert inventory.frame.iloc[0]["neighbourhoods"] == ("Noord", "Oost")
    read_as = {c: m for r, c, m in notices(inventory) if r == 1}
    assert read_as == {
        "Wijken / kernen": "read as the column 'Wijken'",
        "Bereik per jaar (aantal personen)": "read as the column 'Bereik per jaar'",
        "Jaarlijkse kosten": "read as the column 'Jaarlijkse kosten (EUR)'",
    }
    table = inventory.column_table()
    assert table["Read as"].tolist() == [
        "Titel",
        "Wijken",
        "Bereik per jaar",
        "Jaarlijkse kosten (EUR)",
    ]


def test_near_miss_header_stops_with_did_you_mean(tmp_path):
    headers = ["Titel", "Jaarlijkse kosten 2023"]
    err = refused(build(tmp_path / "bijna.xlsx", [["A", 100]], headers=headers))
    [problem] = err.problems
    assert (problem.row, problem.column, problem.column_letter) == (
        1,
        "Jaarlijkse kosten 2023",
        "B",
    )
    assert "did you mean 'Jaarlijkse kosten (EUR)'?" in problem.message
    assert "bedoelt u 'Jaarlijkse kosten (EUR)'?" in problem.text("nl")


# -- merged, hidden and struck-through rows ----------------------------------------------


def test_merged_cells_over_rows_are_filled_down(tmp_path):
    rows = [[f"Interventie {i}", "GGD" if i == 0 else None, 10, 100, "ja"] for i in range(3)]
    inventory = read_inventory(build(tmp_path / "merge.xlsx", rows, merges=["B2:B4"]))
    assert inventory.frame["provider"].tolist() == ["GGD", "GGD", "GGD"]
    assert (2, "Uitvoerder", "cells B2:B4 are merged over rows 2-4; the value is used for each "
            "of those rows") in notices(inventory)  # fmt: skip


def test_merged_titles_are_refused(tmp_path):
    rows = [["Buurtsport", None, 10, 100, "ja"], [None, None, 20, 200, "ja"]]
    err = refused(build(tmp_path / "mergetitel.xlsx", rows, merges=["A2:A3"]))
    assert any(p.row == 2 and "cells A2:A3 are merged" in p.message for p in err.problems)


def test_hidden_rows_are_read_and_struck_rows_left_out(tmp_path):
    rows = five()
    path = build(tmp_path / "verborgen.xlsx", rows, hidden=[3], struck=[5])
    inventory = read_inventory(path)
    assert "Interventie 4" not in set(inventory.frame["title"])  # struck through: stopped
    assert "Interventie 2" in set(inventory.frame["title"])  # hidden: read
    assert cost_total(inventory) == 1_277_800 - COSTS[3]
    found = notices(inventory)
    assert (5, "Titel", "the title is struck through: taken as stopped and left out") in found
    assert any(r is None and m.startswith("hidden in Excel: row 3;") for r, _, m in found)


# -- what officers write -----------------------------------------------------------------

BUDGETS = [
    # (cell, low, high, notice fragment)
    ("€ 24.000 (incl. coördinatie)", 24_000, 24_000, "kept as a note"),
    ("onbekend (nog geen cijfers)", None, None, "an answer to chase"),
    ("p.m.", None, None, "an answer to chase"),
    ("n.t.b.", None, None, "an answer to chase"),
    ("zie jaarverslag", None, None, "an answer to chase"),
    ("wisselend", None, None, "an answer to chase"),
    ("€ 10.000 excl. btw", 10_000, 10_000, "VAT remark is ignored"),
    ("1,5 ton", 150_000, 150_000, "'ton' read as 100,000"),
    ("plm. 250", 250, 250, "read as ca. 250"),
    ("400/700", 400, 700, "'/' read as a range"),
    ("€ 15.000 + € 5.000", 20_000, 20_000, "added up"),
    ("€ 500 per maand", 6_000, 6_000, "multiplied by 12"),
]


def test_dutch_budget_shorthand_is_read_with_a_notice_each(tmp_path):
    rows = [[f"Interventie {i}", None, None, cell, "ja"] for i, (cell, *_) in enumerate(BUDGETS)]
    inventory = read_inventory(build(tmp_path / "bedragen.xlsx", rows))
    frame = inventory.frame
    by_row = {w.row: w for w in inventory.warnings if w.column == "Jaarlijkse kosten (EUR)"}
    for i, (cell, low, high, fragment) in enumerate(BUDGETS):
        row = i + 2
        got = frame.loc[row, ["annual_cost_eur_low", "annual_cost_eur_high"]].tolist()
        assert [None if v != v else v for v in got] == [low, high], cell
        assert by_row[row].value == cell  # quoted unchanged
        assert fragment in by_row[row].message, (cell, by_row[row].message)
    assert frame.loc[2, "notes"] == "Jaarlijkse kosten (EUR): incl. coördinatie"


def test_officers_words_and_multi_line_dropdowns(tmp_path):
    headers = ["Titel", "Wijkgericht of hele gemeente", "Status", "Leeftijdsgroepen"]
    rows = [
        ["A", "kerngericht", "Loopt door", "65+"],
        ["B", "dorpsgericht", "Lopend\nPilot", "0-4 jaar"],
        ["C", "hele gemeente", "Pilot", dt.datetime(2024, 12, 4)],  # '4-12' turned into a date
    ]
    inventory = read_inventory(build(tmp_path / "woorden.xlsx", rows, headers=headers))
    frame = inventory.frame
    assert frame["scope"].tolist() == ["neighbourhood", "neighbourhood", "city_wide"]
    assert frame["status"].tolist() == ["active", "active", "pilot"]
    assert frame["age_groups"].tolist() == [("55_plus",), ("0-4",), ("4-12",)]
    said = {(r, c): m for r, c, m in notices(inventory)}
    assert said[(2, "Wijkgericht of hele gemeente")] == "read as 'Wijkgericht'"
    assert said[(2, "Status")] == "read as 'Lopend'"
    assert said[(3, "Status")] == "a cell with several lines: the first line is read ('Lopend')"
    assert said[(2, "Leeftijdsgroepen")] == "'65+' read as 'Ouderen 55 plus'"
    assert "the date 04-12-2024; read as the age group '4-12 jaar'" in said[(4, "Leeftijdsgroepen")]
    assert (4, "Wijkgericht of hele gemeente") not in said  # the template's own word


def test_a_date_that_is_no_age_group_is_refused_with_a_date_hint(tmp_path):
    headers = ["Titel", "Leeftijdsgroepen"]
    path = build(tmp_path / "datum.xlsx", [["A", dt.datetime(2024, 3, 15)]], headers=headers)
    [problem] = refused(path).problems
    assert problem.row == 2 and "stored this cell as the date 15-03-2024" in problem.message
    assert "als datum 15-03-2024" in problem.text("nl")


def test_implausible_values_are_flagged_with_their_cell(tmp_path):
    rows = [["A", None, 1_000_000_000, 60_000_000, "ja"], ["B", None, 900, 1_000, "ja"]]
    inventory = read_inventory(build(tmp_path / "groot.xlsx", rows))
    flagged = {(r, c) for r, c, m in notices(inventory) if m.startswith("implausible")}
    assert flagged == {(2, "Bereik per jaar"), (2, "Jaarlijkse kosten (EUR)")}
