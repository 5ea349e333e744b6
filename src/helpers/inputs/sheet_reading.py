"""From the sheet to raw rows: headers, merged cells, rows that are not interventions.

The first half of `helpers.inputs.workbook.read_inventory`: open the sheet, match the
headers, collect the raw cells of the read columns, fill cells merged over rows, and
leave out struck-through rows and rows that are not interventions (each with a notice).
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter

from helpers.errors import InputError, Problem
from helpers.inputs.cells import INVISIBLE, as_text
from helpers.inputs.matching import is_exact_header, match_header, near_miss
from helpers.inputs.opening import pick_sheet, read_cover
from helpers.inputs.rows import label_row
from helpers.inputs.schema import FIELDS_BY_KEY, Field
from helpers.inputs.sheet_marks import scan_sheet

#: The error values Excel shows in a cell whose formula failed.
EXCEL_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}
)


def cell_problem(
    file, sheet, row, header, value, message: tuple[str, str], key, letter, severity="error"
) -> Problem:
    """A located problem (or notice, ``severity="warning"``) with its English and Dutch text."""
    return Problem(file, sheet, row, header, value, message[0], key, letter, message[1], severity)


def _match_headers(file, sheet, header_row, header, problems, warnings):
    """Map the header cells to fields; near misses and duplicates are problems."""
    mapping: list[tuple[int, Field]] = []
    columns: dict[str, str] = {}
    letters: dict[str, str] = {}
    seen: list[tuple[str, str, str | None]] = []
    misses = []
    for idx, raw in enumerate(header):
        written = as_text(raw)
        if written is None:
            continue
        letter = get_column_letter(idx + 1)
        key = match_header(written)
        seen.append((letter, written, key))
        if key is None:
            misses.append((letter, written, near_miss(written)))
            continue
        if key in columns:
            problems.append(
                cell_problem(
                    file,
                    sheet,
                    header_row,
                    written,
                    None,
                    (
                        f"column {letter} is the same field as column {letters[key]} "
                        f"'{columns[key]}'; keep one of them",
                        f"kolom {letter} is hetzelfde veld als kolom {letters[key]} "
                        f"'{columns[key]}'; houd er één over",
                    ),
                    key,
                    letter,
                )
            )
            continue
        columns[key], letters[key] = written, letter
        mapping.append((idx, FIELDS_BY_KEY[key]))
        if not is_exact_header(written):
            label = FIELDS_BY_KEY[key].header_nl
            warnings.append(
                cell_problem(
                    file,
                    sheet,
                    header_row,
                    written,
                    None,
                    (
                        f"read as the column '{label}'",
                        f"gelezen als de kolom '{label}'",
                    ),
                    key,
                    letter,
                    "warning",
                )
            )
    for letter, written, guess in misses:
        if guess is not None and guess not in columns:
            label = FIELDS_BY_KEY[guess].header_nl
            problems.append(
                cell_problem(
                    file,
                    sheet,
                    header_row,
                    written,
                    None,
                    (
                        f"header not recognised; did you mean '{label}'? Rename the header to "
                        f"'{label}' (or delete the column)",
                        f"kop niet herkend; bedoelt u '{label}'? Noem de kolom '{label}' "
                        "(of verwijder de kolom)",
                    ),
                    guess,
                    letter,
                )
            )
        else:
            warnings.append(
                cell_problem(
                    file,
                    sheet,
                    header_row,
                    written,
                    None,
                    (
                        "not an inventory field; the column is ignored",
                        "geen veld van de inventarisatie; de kolom wordt overgeslagen",
                    ),
                    None,
                    letter,
                    "warning",
                )
            )
    if "title" not in columns:
        problems.append(
            cell_problem(
                file,
                sheet,
                header_row,
                "Titel",
                None,
                (
                    "missing required column 'Titel'",
                    "de verplichte kolom 'Titel' ontbreekt",
                ),
                "title",
                None,
            )
        )
    return mapping, columns, letters, seen


def _read_rows(ws, header_row, mapping, marks):
    """Excel row numbers and raw values (one list per read column) of the non-empty rows."""
    indices = [idx for idx, _ in mapping]
    formula_rows = {row for row, _ in marks.formulas}
    raw_cols: list[list[object]] = [[] for _ in mapping]
    excel_rows: list[int] = []
    for rownum, row in enumerate(
        ws.iter_rows(min_row=header_row + 1, values_only=True), start=header_row + 1
    ):
        empty = all(v is None or (v.__class__ is str and not v.strip(INVISIBLE + " ")) for v in row)
        if empty and rownum not in formula_rows:
            continue  # fully empty row
        excel_rows.append(rownum)
        for j, idx in enumerate(indices):
            raw_cols[j].append(row[idx] if idx < len(row) else None)
    return excel_rows, raw_cols


def fill_merged(file, sheet, mapping, columns, letters, marks, excel_rows, raw_cols, out):
    """Cells merged over rows: filled down with a notice (a merged title is refused)."""
    problems, warnings = out
    position = {row: i for i, row in enumerate(excel_rows)}
    for min_col, min_row, max_col, max_row in marks.merged:
        for j, (idx, f) in enumerate(mapping):
            if not (min_col <= idx + 1 <= max_col) or min_row not in position:
                continue
            ref = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{max_row}"
            value = raw_cols[j][position[min_row]]
            where = (file, sheet, min_row, columns[f.key], value)
            if f.key == "title":
                problems.append(
                    cell_problem(
                        *where,
                        (
                            f"cells {ref} are merged over several rows; unmerge them and give "
                            "every "
                            "row its own title",
                            f"cellen {ref} zijn over meer rijen samengevoegd; hef dat op en geef "
                            "elke "
                            "rij een eigen titel",
                        ),
                        f.key,
                        letters[f.key],
                    )
                )
                continue
            filled = [r for r in range(min_row + 1, max_row + 1) if r in position]
            for r in filled:
                raw_cols[j][position[r]] = value
            warnings.append(
                cell_problem(
                    *where,
                    (
                        f"cells {ref} are merged over rows {min_row}-{max_row}; the value is used "
                        "for "
                        "each of those rows",
                        f"cellen {ref} zijn samengevoegd over rij {min_row}-{max_row}; de waarde "
                        "geldt "
                        "voor elk van die rijen",
                    ),
                    f.key,
                    letters[f.key],
                    "warning",
                )
            )


def drop_rows(file, sheet, mapping, columns, letters, marks, excel_rows, raw_cols, warnings):
    """Leave out struck-through rows and rows that are not interventions (with a notice)."""
    t = [f.key for _, f in mapping].index("title")
    title_idx = mapping[t][0]
    keep = []
    others = [
        any(as_text(col[i]) is not None for j, col in enumerate(raw_cols) if j != t)
        for i in range(len(excel_rows))
    ]
    headings = sum(others) * 2 >= len(excel_rows)  # most rows carry more than a title
    for i, rownum in enumerate(excel_rows):
        raw = raw_cols[t][i]
        title = as_text(raw)
        where = (file, sheet, rownum, columns["title"], raw)
        if (rownum, title_idx) in marks.struck:
            warnings.append(
                cell_problem(
                    *where,
                    (
                        "the title is struck through: taken as stopped and left out",
                        "de titel is doorgestreept: gezien als gestopt en niet meegeteld",
                    ),
                    "title",
                    letters["title"],
                    "warning",
                )
            )
            continue
        label = label_row(title, others[i], headings)
        if label is not None:
            warnings.append(
                cell_problem(
                    *where,
                    (
                        f"{label[0]}, not an intervention: left out",
                        f"{label[1]}, geen interventie: niet meegeteld",
                    ),
                    "title",
                    letters["title"],
                    "warning",
                )
            )
            continue
        keep.append(i)
    if len(keep) == len(excel_rows):
        return excel_rows, raw_cols
    return [excel_rows[i] for i in keep], [[col[i] for i in keep] for col in raw_cols]


def special_cells(file, sheet, mapping, columns, letters, marks, excel_rows, raw_cols, problems):
    """Excel error values and formulas without a saved result, reported per cell."""
    for j, (idx, f) in enumerate(mapping):
        for i, rownum in enumerate(excel_rows):
            value = raw_cols[j][i]
            if value.__class__ is str and value in EXCEL_ERRORS:
                problems.append(
                    cell_problem(
                        file,
                        sheet,
                        rownum,
                        columns[f.key],
                        value,
                        (
                            "the cell shows an Excel error value (its formula failed); fix the "
                            "formula "
                            "or type the value",
                            "de cel toont een Excel-foutwaarde (de formule werkt niet); herstel de "
                            "formule of typ de waarde",
                        ),
                        f.key,
                        letters[f.key],
                    )
                )
                raw_cols[j][i] = None
            elif value is None and (rownum, idx) in marks.formulas:
                problems.append(
                    cell_problem(
                        file,
                        sheet,
                        rownum,
                        columns[f.key],
                        marks.formulas[(rownum, idx)],
                        (
                            "formula without a saved result (the file was written by a program "
                            "that "
                            "does not calculate formulas); open and save it in Excel or "
                            "LibreOffice, "
                            "or type the value instead of the formula",
                            "formule zonder opgeslagen uitkomst; open en bewaar het bestand in "
                            "Excel of "
                            "LibreOffice, of typ de waarde in plaats van de formule",
                        ),
                        f.key,
                        letters[f.key],
                    )
                )


def read_sheet(path, file, wb, problems, warnings):
    """Cover, sheet, headers, marks and raw rows; raises when the headers are unusable."""
    cover = read_cover(wb, file, warnings)
    ws, header_row, header = pick_sheet(wb, file, warnings)
    mapping, columns, letters, seen = _match_headers(
        file, ws.title, header_row, header, problems, warnings
    )
    if problems:
        raise InputError(problems, warnings)
    marks = scan_sheet(path, wb, ws, header_row, [idx for idx, _ in mapping])
    excel_rows, raw_cols = _read_rows(ws, header_row, mapping, marks)
    return cover, ws.title, header_row, mapping, columns, letters, seen, marks, excel_rows, raw_cols
