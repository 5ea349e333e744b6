"""Write the empty inventory template (Excel) from the schema.

``write_template(path)`` writes a workbook an officer can hand out, all in Dutch and
with wording that fits any municipality (no commands, no city-specific words):

* ``Voorblad`` — the municipality's name, the reference year and the respondent (read
  by `helpers.inputs.opening.read_cover`; the respondent is never published);
* ``Interventies`` — one column per schema field, the short Dutch header (``header_nl``)
  in row 1 (frozen), the question as a comment on each header, drop-down lists with
  Dutch messages for every single-choice field, cells formatted as text (so Excel does
  not turn ``4-12`` or ``400-700`` into a date);
* ``Instructies`` — what to fill in per column, an example row, how to type numbers,
  and who fills the coding columns (and what the book does when they are empty);
* ``Lijsten`` (hidden) — the lists the drop-downs point to.

The file is written deterministically (fixed timestamps), to a temporary file that is
moved into place at the end. CLI: ``python -m helpers.tools.template PATH``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from helpers.inputs.schema import FIELDS, Field
from helpers.tools.reproducible_xlsx import save_workbook

COVER_SHEET = "Voorblad"
TEMPLATE_SHEET = "Interventies"
INSTRUCTIONS_SHEET = "Instructies"
LISTS_SHEET = "Lijsten"
TEMPLATE_ROWS = 1000  # rows covered by the drop-down lists

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
CODING_FILL = PatternFill("solid", fgColor="FFF2CC")
BOLD = Font(bold=True)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")

NUMBER_EXAMPLES: tuple[tuple[str, str], ...] = (
    ("1050", "1050 (precies)"),
    ("1.050", "1050: een punt of komma met precies drie cijfers erna scheidt duizendtallen"),
    ("2,5", "2,5 (decimale komma; 2.5 wordt hetzelfde gelezen)"),
    ("€ 2.900,-", "2900 euro"),
    ("€ 12.500 per jaar", "12500 euro"),
    ("ca. 30.000", "ongeveer 30000 (ook: circa, ongeveer, rond, plm.)"),
    ("ruim 100", "meer dan 100 (ook: meer dan, minimaal, 100+)"),
    ("bijna 100", "net onder 100, telt als 100 (ook: net onder); minder dan, max., tot: hooguit"),
    ("400-700", "bandbreedte 400 tot 700 (ook: 400 – 700, 5.000 tot 100.000)"),
    ("onbekend", "onbekend (ook: ?, n.v.t., of laat de cel leeg)"),
)
#: The questions of annex 1 name the studied city; the template speaks to any municipality.
_NEUTRAL = (("in Amersfoort", "in uw gemeente"), ("hele stad", "hele gemeente"))
#: Who fills the coding columns, and what the book does when they are empty.
CODING_NOTE = (
    "De gele kolommen (Binnen definitie, Reden uitsluiting, Leeftijdsgroepen, Dimensies "
    "positieve gezondheid, Casus) vullen de onderzoekers in, niet de uitvoerders. Blijven "
    "ze leeg, dan telt het boek alle genoemde interventies en zegt het op elke pagina dat "
    "de afbakening niet gecodeerd is."
)
EXAMPLE_ROW: dict[str, object] = {
    "title": "Voorbeeld: Beweegmaatjes",
    "weblink": "https://www.voorbeeld.nl/beweegmaatjes",
    "objective": "Ouderen in beweging houden en eenzaamheid verminderen",
    "activities": "Wekelijkse wandelgroepen onder leiding van vrijwilligers",
    "provider": "Welzijnsorganisatie (voorbeeld)",
    "contact_person": "(naam; wordt nooit gepubliceerd)",
    "status": "Lopend",
    "neighbourhoods": "Noord; Zuid",
    "scope": "Wijkgericht",
    "recognised_effective": "Nee",
    "local_adaptation": "Nee",
    "target_group": "Zelfstandig wonende 65-plussers",
    "reach_total": "ca. 300",
    "participants_full": "120",
    "participants_target_group": "100",
    "effect_monitoring": "Jaarlijkse vragenlijst onder deelnemers",
    "annual_cost_eur": "€ 24.000",
    "funding_sources": "Gemeente (subsidie)",
    "in_scope": "Ja",
    "age_groups": "Ouderen 55 plus",
    "health_dimensions": "Lichaamsfuncties; Meedoen",
}

_WIDTHS = {"text": 40, "url": 30, "number": 20, "enum": 24, "multi_enum": 34, "yesno": 16}
_SHORT_TEXT = {"title": 36, "provider": 28, "contact_person": 24, "case_study": 22}


def _kind_nl(f: Field) -> str:
    return {
        "text": "vrije tekst",
        "url": "webadres",
        "number": "getal (zie 'Getallen' hieronder)",
        "enum": "één waarde uit de keuzelijst",
        "multi_enum": "een of meer waarden, gescheiden door ';'",
        "yesno": "ja / nee",
    }[f.kind] + (" — meerdere gescheiden door ';'" if f.kind == "text" and f.multi else "")


def _allowed_lines(f: Field) -> str:
    return "\n".join(c.label_nl for c in f.allowed)


def neutral_question(f: Field) -> str:
    """The question as the template asks it: no city-specific wording."""
    text = f.question_nl or "(Invullen door de onderzoekers; geen vraag aan de uitvoerder.)"
    for old, new in _NEUTRAL:
        text = text.replace(old, new)
    return text


def _write_lists(wb: Workbook) -> dict[str, str]:
    """The hidden sheet of lists; returns field key -> range formula for validations."""
    ws = wb.create_sheet(LISTS_SHEET)
    ranges: dict[str, str] = {}
    col = 0
    for f in FIELDS:
        if not f.allowed:
            continue
        col += 1
        letter = get_column_letter(col)
        ws.cell(row=1, column=col, value=f.key).font = BOLD
        for i, choice in enumerate(f.allowed, start=2):
            ws.cell(row=i, column=col, value=choice.label_nl)
        last = len(f.allowed) + 1
        ranges[f.key] = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${last}"
        ws.column_dimensions[letter].width = 42
    ws.sheet_state = "hidden"
    return ranges


def _write_main(wb: Workbook, ranges: dict[str, str]) -> None:
    ws = wb.active
    ws.title = TEMPLATE_SHEET
    for col, f in enumerate(FIELDS, start=1):
        letter = get_column_letter(col)
        cell = ws.cell(row=1, column=col, value=f.header_nl)
        cell.font = BOLD
        cell.fill = CODING_FILL if f.is_coding else HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        note = [neutral_question(f), _kind_nl(f)]
        if f.kind == "multi_enum":
            note.append("Meerdere waarden gescheiden door ';'. Toegestaan:\n" + _allowed_lines(f))
        if f.personal:
            note.append("Persoonsgegeven: wordt gelezen, nooit gepubliceerd.")
        comment = Comment("\n".join(note), "template")
        comment.width, comment.height = 320, 200
        cell.comment = comment
        width = _SHORT_TEXT.get(f.key, _WIDTHS[f.kind])
        ws.column_dimensions[letter].width = width
        ws.column_dimensions[letter].number_format = "@"  # text: no date surprises
        if f.key in ranges and f.kind != "multi_enum":
            dv = DataValidation(
                type="list",
                formula1=f"={ranges[f.key]}",
                allow_blank=True,
                showDropDown=False,  # (sic) False = show the in-cell arrow
                showErrorMessage=True,
                errorStyle="warning",
                errorTitle=f.header_nl,
                error="Staat niet in de lijst. Woorden van het blad 'Instructies' worden ook "
                "herkend; al het andere wordt bij de controle gemeld.",
                showInputMessage=True,
                promptTitle=f.header_nl[:32],
                prompt=neutral_question(f)[:250],
            )
            dv.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
            ws.add_data_validation(dv)
        elif f.kind == "number":
            dv = DataValidation(
                type="custom",
                formula1="TRUE",
                allow_blank=True,
                showInputMessage=True,
                promptTitle=f.header_nl[:32],
                prompt="Een getal, bijv. 1050, ca. 30.000, € 2.900,-, 400-700, ruim 100, onbekend.",
            )
            dv.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
            ws.add_data_validation(dv)
    ws.row_dimensions[1].height = 45
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(FIELDS))}1"


def _write_instructions(wb: Workbook) -> None:
    ws = wb.create_sheet(INSTRUCTIONS_SHEET, 1)
    lines: list[tuple] = [
        ("Inventarisatie van collectieve preventieve interventies — toelichting",),
        (),
        ("Vul op het blad 'Voorblad' de naam van de gemeente, het peiljaar en uw naam in. "
         "Vul op het blad 'Interventies' één rij per interventie in. Laat de koppen in rij 1 "
         "staan zoals ze zijn. Alleen 'Titel' is verplicht, en elke titel komt één keer voor.",),
        ("Zet geen totaalrijen, tussenkoppen of bronvermeldingen tussen de interventies: ze "
         "worden herkend en niet meegeteld, maar een lege rij of een apart blad is duidelijker.",),
        ("De eerste 20 kolommen zijn de vragen van de vragenlijst (bijlage 1 van het rapport "
         "'Collectieve preventieve interventies', Verwey-Jonker Instituut, 2024).",),
        (CODING_NOTE,),
        (),
        ("Kolom (kop)", "Vraag", "Vorm", "Toegestane waarden", "Verplicht", "Let op"),
    ]  # fmt: skip
    header_row = len(lines)
    for f in FIELDS:
        lines.append(
            (
                f.header_nl,
                neutral_question(f),
                _kind_nl(f),
                _allowed_lines(f),
                "ja" if f.required else "nee",
                "Persoonsgegeven: nooit gepubliceerd" if f.personal else "",
            )
        )
    lines += [(), ("Voorbeeld (een ingevulde rij)",), tuple(f.header_nl for f in FIELDS)]
    example_header = len(lines)
    lines.append(tuple(EXAMPLE_ROW.get(f.key, "") for f in FIELDS))
    lines += [
        (),
        ("Getallen",),
        ("Aantallen en bedragen mogen als getal of als tekst. Negatieve getallen kunnen niet. "
         "Bij een bandbreedte worden beide grenzen bewaard. Voorbeelden:",),
        ("U typt", "Wordt gelezen als"),
    ]  # fmt: skip
    numbers_header = len(lines)
    lines += [(typed, meaning) for typed, meaning in NUMBER_EXAMPLES]
    lines += [
        (),
        ("Meerdere waarden in één cel",),
        ("Leeftijdsgroepen, dimensies van positieve gezondheid en wijken mogen meer waarden "
         "hebben: scheid ze met ';' (een ',' of een nieuwe regel in de cel werkt ook), "
         "bijv. '0-4 jaar; Volwassenen als ouders'.",),
        (),
        ("Persoonsgegevens",),
        ("'Contactpersoon' en de invuller op het voorblad zijn persoonsgegevens: ze worden "
         "gelezen voor vervolgvragen maar nooit gepubliceerd, ook niet in een download.",),
    ]  # fmt: skip
    for r, values in enumerate(lines, start=1):
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            cell.alignment = WRAP_TOP
    ws["A1"].font = Font(bold=True, size=14)
    for r in (header_row, numbers_header, example_header):
        for cell in ws[r]:
            cell.font = BOLD
            cell.fill = HEADER_FILL
    for r, values in enumerate(lines, start=1):
        if len(values) == 1 and r > 1 and len(values[0]) < 40:
            ws.cell(row=r, column=1).font = Font(bold=True, size=12)
    for letter, width in zip("ABCDEF", (28, 60, 30, 40, 10, 30), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = f"A{header_row + 1}"


def _write_cover(wb: Workbook) -> None:
    ws = wb.create_sheet(COVER_SHEET, 0)
    rows = [
        ("Inventarisatie collectieve preventieve interventies",),
        (),
        ("Gemeente", None, "naam van de gemeente"),
        ("Peiljaar", None, "het jaar waarop de gegevens slaan, bijv. 2025"),
        ("Ingevuld door", None, "uw naam (wordt nooit gepubliceerd)"),
    ]
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            ws.cell(row=r, column=c, value=value)
    ws["A1"].font = Font(bold=True, size=14)
    for r in (3, 4, 5):
        ws.cell(row=r, column=1).font = BOLD
        ws.cell(row=r, column=2).fill = CODING_FILL
        ws.cell(row=r, column=2).number_format = "@"
    for letter, width in zip("ABC", (22, 36, 50), strict=True):
        ws.column_dimensions[letter].width = width


def build_template() -> Workbook:
    """The template as an openpyxl Workbook (not yet saved)."""
    wb = Workbook()
    wb.properties.title = "Inventory of collective preventive interventions (template)"
    wb.properties.creator = "prevention-book-helpers"
    ranges = _write_lists(wb)
    _write_main(wb, ranges)
    _write_instructions(wb)
    _write_cover(wb)
    wb.active = 0
    return wb


def write_template(path: str | Path) -> Path:
    """Write the empty inventory template to ``path`` (an .xlsx file)."""
    return save_workbook(build_template(), path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.tools.template",
        description="Write the empty inventory template (.xlsx) with drop-down lists.",
    )
    parser.add_argument("path", help="where to write the template, e.g. inventory-template.xlsx")
    args = parser.parse_args(argv)
    out = write_template(args.path)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
