"""Read and validate an inventory workbook (the survey of annex 1 of the 2024 report).

``read_inventory(path)`` returns an `Inventory` (a pandas DataFrame plus where it came
from, how each column was read, the cover sheet and the notices) or raises
`helpers.errors.InputError` listing EVERY problem of the file, each naming the sheet,
Excel row, column (header as written) and the offending value. The file is opened
read-only and never modified.

Result frame (one row per intervention, index = Excel row number, named ``excel_row``):

* text / url fields: ``str`` or missing; ``neighbourhoods``: tuple of names
* number fields: ``<key>_low``, ``<key>_high`` (float, NaN when unknown or not stated)
  and ``<key>_qualifier`` (``=``, ``~``, ``<``, ``almost``, ``>``, ``range``; missing when unknown)
* enum fields: the English key (e.g. ``status`` = ``active``); ``in_scope``: nullable
  boolean; ``age_groups`` / ``health_dimensions``: tuples of keys (empty tuple if none)
* ``notes``: remarks kept from number cells ("€ 24.000 (incl. coördinatie)")
* personal fields (``contact_person``) only with ``include_personal=True``.

Every schema column is present even when the workbook lacks it (then all missing).

Hostile and imperfect files (``tests/inputs/test_hostile_files.py``): a file that is not
a workbook, is password-protected or damaged gets one message saying what it is
(`helpers.inputs.opening`). The sheet ``Interventies`` is read even when hidden;
otherwise the first visible sheet with a title header among its first 10 rows. Formulas
are read by their saved result; one without a saved result, or showing an Excel error,
is reported per cell. Text is kept as written; titles are unique after trimming, NFKC
normalisation, dropping zero-width characters and case folding.

Messy office spreadsheets (``tests/inputs/test_messy_workbooks.py``): headers match
leniently (`helpers.inputs.matching`), a near miss is refused with "did you mean";
cells are read leniently with a notice (`helpers.inputs.cells`); rows that are not
interventions, hidden and struck-through rows and implausible values follow the rule of
`helpers.inputs.rows`; cells merged over rows are filled down with a notice.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.errors import InputError, Problem
from helpers.inputs.cells import DUTCH, INVISIBLE, converter, show_amount
from helpers.inputs.opening import Cover, open_workbook
from helpers.inputs.rows import implausible, sum_rows
from helpers.inputs.schema import FIELDS, FIELDS_BY_KEY, NUMBER_KEYS
from helpers.inputs.scope import in_scope, scope_coded
from helpers.inputs.sheet_reading import (
    cell_problem,
    drop_rows,
    fill_merged,
    read_sheet,
    special_cells,
)


@dataclass
class Inventory:
    """A validated inventory: the frame plus where it came from and what was noticed."""

    frame: pd.DataFrame
    path: Path
    sheet: str
    columns: dict[str, str]  # field key -> header as written in the workbook
    warnings: list[Problem] = field(default_factory=list)
    include_personal: bool = False
    cover: Cover = field(default_factory=Cover)
    #: (column letter, header as written, field key or None when ignored), in sheet order
    headers: list[tuple[str, str, str | None]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.frame)

    @property
    def scope_coded(self) -> bool:
        """True when at least one row says whether it is in scope."""
        return scope_coded(self.frame)

    @property
    def n_in_scope(self) -> int | None:
        """Interventions coded in scope (None when the workbook codes scope for no row)."""
        return len(in_scope(self.frame)) if scope_coded(self.frame) else None

    def column_table(self) -> pd.DataFrame:
        """How each column of the workbook was read (for the book)."""
        return pd.DataFrame(
            [
                (letter, written, FIELDS_BY_KEY[key].header_nl if key else "ignored")
                for letter, written, key in self.headers
            ],
            columns=["Column", "Header in the workbook", "Read as"],
        )

    def summary(self) -> str:
        n = len(self)
        word = "intervention" if n == 1 else "interventions"
        m = self.n_in_scope
        scope = "in scope not coded" if m is None else f"{m} in scope"
        return f"OK: {n} {word} ({scope})"


def title_key(title: str) -> str:
    """The form in which two titles count as the same (see the module docstring)."""
    text = unicodedata.normalize("NFKC", title)
    text = "".join(ch for ch in text if ch not in INVISIBLE)
    return " ".join(text.split()).casefold()


def _convert(file, sheet, mapping, columns, letters, excel_rows, raw_cols, problems, warnings):
    """Every cell through its field's converter; returns field key -> values, and notes."""
    converted: dict[str, list[object]] = {}
    notes: dict[int, list[str]] = {}
    for (_idx, f), raw in zip(mapping, raw_cols, strict=True):
        conv = converter(f)
        out: list[object] = []
        for rownum, value in zip(excel_rows, raw, strict=True):
            result, error, notice = conv(value)
            where = (file, sheet, rownum, columns[f.key], value)
            if error is not None:
                problems.append(cell_problem(*where, error, f.key, letters[f.key]))
            elif notice is not None:
                message = (notice.en, notice.nl)
                warnings.append(cell_problem(*where, message, f.key, letters[f.key], "warning"))
                if notice.note:
                    notes.setdefault(rownum, []).append(f"{columns[f.key]}: {notice.note}")
            out.append(result)
        converted[f.key] = out
    return converted, notes


def _check_sums(file, sheet, columns, letters, excel_rows, converted, raw_titles, out):
    """Rows whose numbers equal the sum of the rows above: dropped, refused or flagged."""
    problems, warnings = out
    numbers = {k: converted[k] for k in NUMBER_KEYS if k in converted}
    dropped = set()
    for rownum, (first, last, keys) in sum_rows(excel_rows, numbers).items():
        i = excel_rows.index(rownum)
        title = converted["title"][i]
        names = ", ".join(f"'{columns[k]}'" for k in keys)
        where = (file, sheet, rownum, columns["title"], raw_titles[i])
        said = (
            f"its numbers ({names}) equal the sum of rows {first}-{last}",
            f"de getallen ({names}) zijn de som van rij {first}-{last}",
        )
        if title is None:
            dropped.add(i)
            message = (
                f"{said[0]}: a totals row without a title, left out",
                f"{said[1]}: een totaalrij zonder titel, niet meegeteld",
            )
            warnings.append(cell_problem(*where, message, "title", letters["title"], "warning"))
        elif len(keys) >= 2:
            message = (
                f"{said[0]}: this looks like a totals row; delete it, or name it "
                "'Totaal' so that it is left out",
                f"{said[1]}: dit lijkt een totaalrij; verwijder de rij of noem haar "
                "'Totaal', dan telt ze niet mee",
            )
            problems.append(cell_problem(*where, message, "title", letters["title"]))
        else:
            message = (
                f"{said[0]}: possibly a totals row; it is counted as an intervention",
                f"{said[1]}: mogelijk een totaalrij; ze telt mee als interventie",
            )
            warnings.append(cell_problem(*where, message, "title", letters["title"], "warning"))
    return dropped


def _check_titles(file, sheet, columns, letters, excel_rows, raw_titles, titles, problems):
    """Every intervention has a title, and no title repeats another."""
    first_seen: dict[str, tuple[int, str]] = {}
    reported = {p.row for p in problems if p.key == "title"}
    for rownum, raw, title in zip(excel_rows, raw_titles, titles, strict=True):
        where = (file, sheet, rownum, columns["title"], raw)
        if title is None:
            if rownum not in reported:  # else a formula or an Excel error in the title
                problems.append(
                    cell_problem(
                        *where,
                        (
                            "title is empty: every intervention needs a title",
                            "titel is leeg: elke interventie heeft een titel nodig",
                        ),
                        "title",
                        letters["title"],
                    )
                )
            continue
        norm = title_key(str(title))
        if norm in first_seen:
            first_row, first_title = first_seen[norm]
            problems.append(
                cell_problem(
                    *where,
                    (
                        f"duplicate title: row {rownum} repeats row {first_row} ('{first_title}'); "
                        "titles must be unique (compared ignoring case, spaces and invisible "
                        "characters)",
                        f"dubbele titel: rij {rownum} herhaalt rij {first_row} ('{first_title}'); "
                        "elke "
                        "titel moet uniek zijn (hoofdletters en spaties tellen niet)",
                    ),
                    "title",
                    letters["title"],
                )
            )
        else:
            first_seen[norm] = (rownum, str(title))


def _plausibility(file, sheet, columns, letters, excel_rows, converted, raw, warnings):
    """Flag numbers above the plausible limit of their field, with their cell."""
    for key, values in converted.items():
        for i, amount in enumerate(values):
            if key in NUMBER_KEYS and implausible(key, amount):
                warnings.append(
                    cell_problem(
                        file,
                        sheet,
                        excel_rows[i],
                        columns[key],
                        raw[key][i],
                        (
                            f"implausible: {show_amount(amount)} is more than any Dutch "
                            "municipality "
                            "could have for one intervention; check the cell",
                            f"onwaarschijnlijk: {show_amount(amount, DUTCH)} is meer "
                            "dan een "
                            "Nederlandse gemeente voor één interventie kan hebben; controleer de "
                            "cel",
                        ),
                        key,
                        letters[key],
                        "warning",
                    )
                )


def _file_notices(file, sheet, columns, marks, excel_rows, converted, warnings):
    """Hidden rows that were read, and scope coding that is missing."""
    hidden = sorted(set(excel_rows) & marks.hidden_rows)
    if hidden:
        rows = ", ".join(map(str, hidden))
        warnings.append(
            Problem(
                file,
                sheet,
                message=(
                    f"hidden in Excel: row {rows}; read like the other rows (delete a row if it "
                    "should not count)"
                ),
                message_nl=(
                    f"verborgen in Excel: rij {rows}; gewoon gelezen (verwijder een rij als die "
                    "niet mee moet tellen)"
                ),
                severity="warning",
            )
        )
    if "in_scope" not in columns or all(v is None for v in converted["in_scope"]):
        warnings.append(
            Problem(
                file,
                sheet,
                message=(
                    "scope is not coded (column 'Binnen definitie' missing or empty): the pages "
                    "count "
                    "all listed interventions and say so"
                ),
                message_nl=(
                    "de kolom 'Binnen definitie' ontbreekt of is leeg: het boek telt dan alle "
                    "genoemde interventies en zegt dat erbij"
                ),
                key="in_scope",
                severity="warning",
            )
        )


def read_inventory(path: str | Path, *, include_personal: bool = False) -> Inventory:
    """Read and validate an inventory workbook; raise InputError listing every problem."""
    path = Path(path)
    file = str(path)
    wb, fh = open_workbook(path, file)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    try:
        try:
            read = read_sheet(path, file, wb, problems, warnings)
        except (InputError, MemoryError, RecursionError):
            raise
        except Exception as exc:  # a damaged member or XML surfaces only while streaming
            msg = (
                "the file is damaged and cannot be read as an Excel workbook (.xlsx): "
                f"{type(exc).__name__}: {exc}"
            )
            raise InputError([Problem(file, message=msg)]) from None
    finally:
        wb.close()
        fh.close()
    cover, sheet, header_row, mapping, columns, letters, seen, marks, excel_rows, raw_cols = read
    ctx = (file, sheet, mapping, columns, letters, marks)
    fill_merged(*ctx, excel_rows, raw_cols, (problems, warnings))
    excel_rows, raw_cols = drop_rows(*ctx, excel_rows, raw_cols, warnings)
    if not excel_rows:
        raise InputError(
            [
                Problem(
                    file,
                    sheet,
                    message=(
                        f"no interventions: the sheet has a header row (row {header_row}) but no "
                        "data rows "
                        "below it"
                    ),
                    message_nl=(
                        f"geen interventies: het blad heeft een koprij (rij {header_row}) maar "
                        "geen rijen "
                        "met gegevens eronder"
                    ),
                )
            ],
            warnings,
        )
    special_cells(*ctx, excel_rows, raw_cols, problems)
    place = (file, sheet, columns, letters)
    converted, notes = _convert(*ctx[:2], *ctx[2:5], excel_rows, raw_cols, problems, warnings)
    raw = {f.key: col for (_, f), col in zip(mapping, raw_cols, strict=True)}
    dropped = _check_sums(*place, excel_rows, converted, raw["title"], (problems, warnings))
    if dropped:
        keep = [i for i in range(len(excel_rows)) if i not in dropped]
        excel_rows = [excel_rows[i] for i in keep]
        converted = {k: [v[i] for i in keep] for k, v in converted.items()}
        raw = {k: [v[i] for i in keep] for k, v in raw.items()}
    _check_titles(*place, excel_rows, raw["title"], converted["title"], problems)
    _plausibility(*place, excel_rows, converted, raw, warnings)
    _file_notices(file, sheet, columns, marks, excel_rows, converted, warnings)
    if problems:
        problems.sort(key=lambda p: (p.row or 0, p.column_letter or ""))
        raise InputError(problems, warnings)
    frame = _build_frame(converted, excel_rows, notes, include_personal)
    return Inventory(frame, path, sheet, columns, warnings, include_personal, cover, seen)


def _build_frame(
    converted: dict[str, list[object]],
    excel_rows: list[int],
    notes: dict[int, list[str]],
    include_personal: bool,
) -> pd.DataFrame:
    n = len(excel_rows)
    data: dict[str, object] = {}
    for f in FIELDS:
        if f.personal and not include_personal:
            continue
        values = converted.get(f.key)
        if f.kind == "number":
            amounts = [None if a is None or a.unknown else a for a in values or [None] * n]
            data[f"{f.key}_low"] = np.array(
                [np.nan if a is None or a.low is None else a.low for a in amounts], float
            )
            data[f"{f.key}_high"] = np.array(
                [np.nan if a is None or a.high is None else a.high for a in amounts], float
            )
            data[f"{f.key}_qualifier"] = pd.Series(
                [a and a.qualifier for a in amounts], dtype="str"
            ).array
        elif f.kind == "yesno":
            data[f.key] = pd.array(values or [None] * n, dtype="boolean")
        elif f.multi:
            col = pd.Series([()] * n if values is None else values, dtype=object)
            data[f.key] = col.array
        else:
            data[f.key] = pd.Series(values or [None] * n, dtype="str").array
    data["notes"] = pd.Series(
        ["; ".join(notes[r]) if r in notes else None for r in excel_rows], dtype="str"
    ).array
    return pd.DataFrame(data, index=pd.Index(excel_rows, name="excel_row"))
