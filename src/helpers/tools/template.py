"""Write the empty inventory template (Excel) from the schema.

``write_template(path)`` writes a workbook with

* ``Interventies`` — one column per schema field, the short Dutch header (``header_nl``)
  in row 1 (frozen), the survey question as a comment on each header, drop-down lists
  for every single-choice field, cells formatted as text (so Excel does not turn
  ``4-12`` or ``400-700`` into a date);
* ``Instructies`` — what to fill in per column: the survey question, an English
  description, the format, the allowed values; how to type numbers and ranges;
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

TEMPLATE_SHEET = "Interventies"
INSTRUCTIONS_SHEET = "Instructies"
LISTS_SHEET = "Lijsten"
TEMPLATE_ROWS = 1000  # rows covered by the drop-down lists

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
CODING_FILL = PatternFill("solid", fgColor="FFF2CC")
BOLD = Font(bold=True)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")

NUMBER_EXAMPLES: tuple[tuple[str, str], ...] = (
    ("1050", "1050 (exact)"),
    ("1.050", "1050: a '.' or ',' followed by exactly three digits separates thousands"),
    ("2,5", "2.5 (decimal comma; 2.5 is read the same)"),
    ("€ 2.900,-", "2900 euro"),
    ("€ 12.500 per jaar", "12500 euro"),
    ("ca. 30.000", "about 30000 (also: circa, ongeveer, rond)"),
    ("ruim 100", "more than 100 (also: meer dan, minimaal, 100+)"),
    ("bijna 100", "less than 100 (also: net onder, minder dan, max.)"),
    ("400-700", "range 400 to 700 (also: 400 – 700, 5.000 tot 100.000)"),
    ("onbekend", "unknown (also: ?, n.v.t., or leave the cell empty)"),
)

_WIDTHS = {"text": 40, "url": 30, "number": 20, "enum": 24, "multi_enum": 34, "yesno": 16}
_SHORT_TEXT = {"title": 36, "provider": 28, "contact_person": 24, "case_study": 22}


def _kind_en(f: Field) -> str:
    return {
        "text": "free text",
        "url": "web address",
        "number": "number (see 'Numbers' below)",
        "enum": "one value from the drop-down list",
        "multi_enum": "one or more values, separated by ';'",
        "yesno": "ja / nee",
    }[f.kind] + (" — several separated by ';'" if f.kind == "text" and f.multi else "")


def _allowed_lines(f: Field) -> str:
    return "\n".join(f"{c.label_nl} / {c.label_en}" for c in f.allowed)


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
        note = [f.question_nl or "(Researchers' coding, not a survey question.)"]
        note.append(f.description_en)
        if f.kind == "multi_enum":
            note.append("Several values separated by ';'. Allowed:\n" + _allowed_lines(f))
        if f.personal:
            note.append("Personal data: read, never published.")
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
                error="Not in the list. Dutch or English words from the 'Instructies' sheet "
                "are accepted; anything else is reported by the validator.",
                showInputMessage=True,
                promptTitle=f.header_nl[:32],
                prompt=(f.question_nl or f.description_en)[:250],
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
                prompt="A number, e.g. 1050, ca. 30.000, € 2.900,-, 400-700, ruim 100, onbekend.",
            )
            dv.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
            ws.add_data_validation(dv)
    ws.row_dimensions[1].height = 45
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(FIELDS))}1"


def _write_instructions(wb: Workbook) -> None:
    ws = wb.create_sheet(INSTRUCTIONS_SHEET, 1)
    lines: list[tuple] = [
        ("Inventory of collective preventive interventions — instructions",),
        (),
        ("Fill in one row per intervention on the sheet 'Interventies'. Keep the headers "
         "in row 1 as they are (Dutch headers, the English keys or the full survey "
         "questions are all recognised). Only 'Titel' is required, and every title must "
         "be unique.",),
        ("The first 20 columns are the survey questions (annex 1 of the Verwey-Jonker "
         "report 'Collectieve preventieve interventies in de gemeente Amersfoort', 2024). "
         "The yellow columns are the researchers' coding.",),
        ("Check the file with: python -m helpers.inputs.workbook validate <file.xlsx>. "
         "It lists every problem with its row, column and value.",),
        (),
        ("Column (header)", "Key", "Survey question (Dutch)", "Description", "Format",
         "Allowed values (Dutch / English)", "Required", "Note"),
    ]  # fmt: skip
    header_row = len(lines)
    for f in FIELDS:
        lines.append(
            (
                f.header_nl,
                f.key,
                f.question_nl or "— (researchers' coding)",
                f.description_en,
                _kind_en(f),
                _allowed_lines(f),
                "yes" if f.required else "no",
                "Personal data: never published" if f.personal else "",
            )
        )
    lines += [
        (),
        ("Numbers",),
        ("Counts and amounts may be typed as numbers or as text. Negative numbers are "
         "not allowed. Ranges keep both ends. Examples:",),
        ("You type", "Read as"),
    ]  # fmt: skip
    numbers_header = len(lines)
    lines += [(typed, meaning) for typed, meaning in NUMBER_EXAMPLES]
    lines += [
        (),
        ("Several values in one cell",),
        ("Age groups, positive-health dimensions and neighbourhoods may hold several "
         "values: separate them with ';' (a ',' or a new line in the cell also works), "
         "e.g. '0-4 jaar; Volwassenen als ouders'.",),
        (),
        ("Personal data",),
        ("'Contactpersoon' is personal data: it is read for follow-up questions but never "
         "published in the book or in any export.",),
    ]  # fmt: skip
    for r, values in enumerate(lines, start=1):
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            cell.alignment = WRAP_TOP
    ws["A1"].font = Font(bold=True, size=14)
    for r in (header_row, numbers_header):
        for cell in ws[r]:
            cell.font = BOLD
            cell.fill = HEADER_FILL
    for r, values in enumerate(lines, start=1):
        if len(values) == 1 and r > 1 and len(values[0]) < 40:
            ws.cell(row=r, column=1).font = Font(bold=True, size=12)
    for letter, width in zip("ABCDEFGH", (26, 22, 48, 48, 26, 44, 10, 24), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = f"A{header_row + 1}"


def build_template() -> Workbook:
    """The template as an openpyxl Workbook (not yet saved)."""
    wb = Workbook()
    wb.properties.title = "Inventory of collective preventive interventions (template)"
    wb.properties.creator = "prevention-book-helpers"
    ranges = _write_lists(wb)
    _write_main(wb, ranges)
    _write_instructions(wb)
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
