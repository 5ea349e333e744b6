"""The Excel inventory template: headers, drop-downs, instructions, round trip."""

import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from helpers.errors import InputError
from helpers.inputs.schema import FIELDS, FIELDS_BY_KEY
from helpers.inputs.workbook import read_inventory
from helpers.tools.template import (
    CODING_NOTE,
    COVER_SHEET,
    EXAMPLE_ROW,
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    NUMBER_EXAMPLES,
    TEMPLATE_SHEET,
    neutral_question,
    write_template,
)

ROOT = Path(__file__).resolve().parents[2]
CHOICE_FIELDS = [f for f in FIELDS if f.kind in ("enum", "yesno")]


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return write_template(tmp_path_factory.mktemp("tpl") / "template.xlsx")


def test_sheets_and_headers(template):
    wb = load_workbook(template)
    assert wb.sheetnames[:3] == [COVER_SHEET, TEMPLATE_SHEET, INSTRUCTIONS_SHEET]
    assert wb[LISTS_SHEET].sheet_state == "hidden"
    ws = wb[TEMPLATE_SHEET]
    assert [c.value for c in ws[1]] == [f.header_nl for f in FIELDS]
    assert ws.freeze_panes == "A2"
    assert all(ws.column_dimensions[c.column_letter].width >= 16 for c in ws[1])
    assert ws.max_row == 1  # empty below the headers


def test_dropdowns_for_every_single_choice_field(template):
    wb = load_workbook(template)
    ws, lists = wb[TEMPLATE_SHEET], wb[LISTS_SHEET]
    by_column = {}
    for dv in ws.data_validations.dataValidation:
        if dv.type == "list":
            (cell_range,) = dv.sqref.ranges
            by_column[cell_range.min_col] = dv
    assert len(by_column) == len(CHOICE_FIELDS)
    for col, f in enumerate(FIELDS, start=1):
        if f not in CHOICE_FIELDS:
            assert col not in by_column
            continue
        dv = by_column[col]
        assert dv.formula1.startswith((f"={LISTS_SHEET}!$", f"='{LISTS_SHEET}'!$"))
        ref = dv.formula1.split("!", 1)[1].replace("$", "")
        values = [row[0].value for row in lists[ref]]
        assert values == [c.label_nl for c in f.allowed], f.key
        assert dv.errorStyle == "warning"  # English words typed by hand stay possible


def test_multi_enum_headers_carry_the_allowed_values(template):
    ws = load_workbook(template)[TEMPLATE_SHEET]
    for col, f in enumerate(FIELDS, start=1):
        comment = ws.cell(row=1, column=col).comment
        assert comment is not None
        assert neutral_question(f) in comment.text
        if f.kind == "multi_enum":
            assert all(c.label_nl in comment.text for c in f.allowed)
            assert "';'" in comment.text


def test_instructions_sheet_speaks_dutch_to_any_municipality(template):
    wb = load_workbook(template)
    text = "\n".join(
        str(v) for ws in wb if ws.title != LISTS_SHEET for row in ws.iter_rows(values_only=True)
        for v in row if v
    )  # fmt: skip
    for f in FIELDS:
        assert f.header_nl in text and neutral_question(f) in text
        for choice in f.allowed:
            assert choice.label_nl in text
    for typed, _meaning in NUMBER_EXAMPLES:
        assert typed in text
    assert CODING_NOTE in text and "Persoonsgegeven: nooit gepubliceerd" in text
    for word in ("Amersfoort", "hele stad", "python", "helpers.", "make ", "Researchers"):
        assert word not in text, word
    validations = wb[TEMPLATE_SHEET].data_validations.dataValidation
    assert all("Staat niet in de lijst" in dv.error for dv in validations if dv.type == "list")
    assert all(dv.prompt.startswith("Een getal") for dv in validations if dv.type == "custom")


def test_instructions_example_row_reads_cleanly(template, tmp_path):
    wb = load_workbook(template)
    rows = list(wb[INSTRUCTIONS_SHEET].iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if row[: len(FIELDS)] == tuple(
        f.header_nl for f in FIELDS))  # fmt: skip
    ws = wb[TEMPLATE_SHEET]
    for col, value in enumerate(rows[header + 1][: len(FIELDS)], start=1):
        ws.cell(row=2, column=col, value=value)
    path = tmp_path / "voorbeeld.xlsx"
    wb.save(path)
    inventory = read_inventory(path)
    assert inventory.frame.loc[2, "title"] == EXAMPLE_ROW["title"]
    assert inventory.frame.loc[2, "annual_cost_eur_low"] == 24_000
    assert not inventory.warnings


def test_cover_sheet_is_read_and_the_respondent_kept_private(template, tmp_path):
    wb = load_workbook(template)
    cover = wb[COVER_SHEET]
    labels = {cover.cell(row=r, column=1).value: r for r in range(1, 10)}
    cover.cell(row=labels["Gemeente"], column=2, value="Zonnedal")
    cover.cell(row=labels["Peiljaar"], column=2, value="2025")
    cover.cell(row=labels["Ingevuld door"], column=2, value="A. Invuller")
    wb[TEMPLATE_SHEET]["A2"] = "Iets"
    path = tmp_path / "voorblad.xlsx"
    wb.save(path)
    cover_read = read_inventory(path).cover
    assert (cover_read.municipality, cover_read.year) == ("Zonnedal", 2025)
    assert cover_read.respondent == "A. Invuller" and "Invuller" not in repr(cover_read)


def test_template_is_deterministic(template, tmp_path):
    again = write_template(tmp_path / "again.xlsx")
    assert again.read_bytes() == template.read_bytes()


def test_empty_template_reads_as_no_data(template):
    with pytest.raises(InputError, match="no interventions"):
        read_inventory(template)


def test_round_trip(template, tmp_path):
    wb = load_workbook(template)
    ws = wb[TEMPLATE_SHEET]
    column = {f.key: i for i, f in enumerate(FIELDS, start=1)}
    rows = [
        {
            "title": "Beweegmaatjes (fictief)",
            "weblink": "https://www.example.org/beweegmaatjes",
            "objective": "Ouderen in beweging houden",
            "contact_person": "Fictief Persoon",
            "status": "Lopend",
            "neighbourhoods": "Noord; Zuid",
            "scope": "Wijkgericht",
            "recognised_effective": "Ja",
            "databank": "Kenniscentrum Sport & Bewegen",
            "local_adaptation": "Nee",
            "reach_total": "ca. 300",
            "participants_full": "400-700",
            "participants_target_group": 120,
            "annual_cost_eur": "€ 2.900,-",
            "in_scope": "Ja",
            "age_groups": "Ouderen 55 plus; Volwassenen (25-55)",
            "health_dimensions": "Lichaamsfuncties; Meedoen",
            "case_study": "voorbeeld-1",
        },
        {
            "title": "Taalcafé (fictief)",
            "status": "Beëindigd",
            "scope": "Hele gemeente",
            "recognised_effective": "Onbekend",
            "reach_total": "onbekend",
            "annual_cost_eur": 12500,
            "in_scope": "Nee",
            "exclusion_reason": "Voorliggende voorziening",
        },
    ]
    for r, row in enumerate(rows, start=2):
        for key, value in row.items():
            ws.cell(row=r, column=column[key], value=value)
    path = tmp_path / "filled.xlsx"
    wb.save(path)

    inv = read_inventory(path, include_personal=True)
    assert inv.sheet == TEMPLATE_SHEET and not inv.warnings
    assert inv.columns == {f.key: f.header_nl for f in FIELDS}
    f = inv.frame
    assert list(f.index) == [2, 3]
    first, second = f.loc[2], f.loc[3]
    assert first["title"] == "Beweegmaatjes (fictief)"
    assert first["contact_person"] == "Fictief Persoon"
    assert (first["status"], second["status"]) == ("active", "ended")
    assert (first["scope"], second["scope"]) == ("neighbourhood", "city_wide")
    assert (first["recognised_effective"], second["recognised_effective"]) == ("yes", "unknown")
    assert first["databank"] == "kcsb" and first["local_adaptation"] == "no"
    assert first["neighbourhoods"] == ("Noord", "Zuid")
    assert (first["reach_total_low"], first["reach_total_qualifier"]) == (300, "~")
    assert (first["participants_full_low"], first["participants_full_high"]) == (400, 700)
    assert first["participants_target_group_low"] == 120
    assert first["annual_cost_eur_low"] == 2900 and second["annual_cost_eur_low"] == 12500
    assert bool(first["in_scope"]) is True and bool(second["in_scope"]) is False
    assert first["age_groups"] == ("adults_25_55", "55_plus")
    assert first["health_dimensions"] == ("bodily_functions", "participation")
    assert second["exclusion_reason"] == "Voorliggende voorziening"
    assert first["case_study"] == "voorbeeld-1"


def test_every_dropdown_label_is_accepted_by_the_reader(template, tmp_path):
    wb = load_workbook(template)
    ws = wb[TEMPLATE_SHEET]
    choice_fields = [f for f in FIELDS if f.allowed]
    n = max(len(f.allowed) for f in choice_fields)
    for i in range(n):
        ws.cell(row=i + 2, column=1, value=f"Interventie {i}")
        for col, f in enumerate(FIELDS, start=1):
            if f.allowed:
                ws.cell(row=i + 2, column=col, value=f.allowed[i % len(f.allowed)].label_nl)
    path = tmp_path / "labels.xlsx"
    wb.save(path)
    frame = read_inventory(path).frame
    assert frame["status"].tolist()[: len(FIELDS_BY_KEY["status"].allowed)] == list(
        FIELDS_BY_KEY["status"].allowed_keys
    )


def test_cli(tmp_path):
    out = tmp_path / "sub" / "template.xlsx"
    result = subprocess.run(
        [sys.executable, "-m", "helpers.tools.template", str(out)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert out.exists() and load_workbook(out).sheetnames[:2] == [COVER_SHEET, TEMPLATE_SHEET]
