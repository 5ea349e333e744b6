"""Read and validate an inventory workbook (the survey of annex 1 of the 2024 report).

``read_inventory(path)`` returns an `Inventory` (a pandas DataFrame plus where it came
from) or raises `helpers.errors.InputError` listing EVERY problem of the file, each
naming the file, sheet, Excel row, column (header as written and its schema key) and
the offending value. The file is opened read-only and never modified.

Result frame (one row per intervention, index = Excel row number, named ``excel_row``):

* text / url fields: ``str`` or missing; ``neighbourhoods``: tuple of names
* number fields: ``<key>_low``, ``<key>_high`` (float, NaN when unknown or not stated)
  and ``<key>_qualifier`` (``=``, ``~``, ``<``, ``>``, ``range``; missing when unknown)
* enum fields: the English key (e.g. ``status`` = ``active``); ``in_scope``: nullable
  boolean; ``age_groups`` / ``health_dimensions``: tuples of keys (empty tuple if none)
* personal fields (``contact_person``) only with ``include_personal=True``.

Every schema column is present even when the workbook lacks it (then all missing);
`Inventory.columns` tells which headers the workbook had.

Validation is hand-written rather than pandera: most checks are about parsing cells
(Dutch numbers, Dutch/English words) before a typed frame exists, and the messages must
name the Excel row, the header as written and the raw value — which a hand-written pass
over the cells gives directly, in one pass, fast (50,000 rows in a few seconds).

Hostile and imperfect files (see ``tests/test_hostile_inputs.py``)
-----------------------------------------------------------------
* Not a workbook (CSV or text renamed ``.xlsx``, PDF, image, empty file, damaged zip,
  a zip that is not a workbook, broken sheet XML, an XML entity bomb): one message
  saying what the file is, never a traceback.
* A password-protected workbook is an encrypted OLE compound file, not a zip; it is
  recognised (its ``EncryptedPackage`` stream) and the message says to remove the
  password. Other OLE files are old ``.xls`` workbooks.
* Sheet choice: a sheet named ``Interventies``/``Interventions`` is read even when it
  is hidden (with a warning: the data was chosen by name). Otherwise only VISIBLE
  sheets are considered, because hidden sheets usually hold lookup lists or old
  copies; if the only sheet with a title header is hidden, the message says so.
  Chart sheets are never read and are listed in the message.
* The header row is the first row (among the first 10) with a title header, so title
  rows and merged group labels above the headers are skipped. Headers match ignoring
  case, accents, spaces, non-breaking and zero-width spaces.
* Formulas: the cached result Excel saved is read. A formula WITHOUT a cached result
  (files written by scripts, e.g. openpyxl) is reported per cell, never read as empty;
  a cell showing an Excel error (``#DIV/0!``, ``#N/A``...) is reported too.
* Text is kept as written (trimmed): unicode, right-to-left scripts, HTML and text
  starting with ``=``/``+``/``-``/``@`` are data, not markup or formulas — escaping is
  the job of the output side. Titles are unique after trimming, Unicode (NFKC)
  normalisation, dropping zero-width characters and case folding.

CLI: ``python -m helpers.inputs.workbook validate PATH`` prints ``OK: N interventions (M in
scope)`` or the list of problems (to stderr, exit status 2).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import re
import sys
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.errors import InputError, Problem
from helpers.inputs.dutch_numbers import ACCEPTED_EXAMPLES, parse_amount
from helpers.inputs.schema import (
    CHOICE_LOOKUP,
    EMPTY_WORDS,
    FIELDS,
    FIELDS_BY_KEY,
    NO_DATABANK_WORDS,
    Field,
    match_header,
    normalise_word,
)
from helpers.inputs.scope import in_scope, scope_coded

SHEET_NAMES = ("interventies", "interventions")
HEADER_SEARCH_ROWS = 10
MULTI_SEPARATORS = re.compile(r"\s*(?:;|,|\n|\r)+\s*")
#: Characters that print as nothing; trimmed from values, ignored when comparing titles.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
#: The error values Excel shows in a cell whose formula failed.
EXCEL_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}
)
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
_ENCRYPTED_MARKERS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
_URL_RE = re.compile(r"^(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}(?::\d+)?(?:[/?#]\S*)?$", re.IGNORECASE)


@dataclass
class Inventory:
    """A validated inventory: the frame plus where it came from."""

    frame: pd.DataFrame
    path: Path
    sheet: str
    columns: dict[str, str]  # field key -> header as written in the workbook
    warnings: list[str] = field(default_factory=list)
    include_personal: bool = False

    def __len__(self) -> int:
        return len(self.frame)

    @property
    def n_in_scope(self) -> int | None:
        """Interventions coded in scope (None when the workbook codes scope for no row)."""
        return len(in_scope(self.frame)) if scope_coded(self.frame) else None

    def summary(self) -> str:
        n = len(self)
        word = "intervention" if n == 1 else "interventions"
        m = self.n_in_scope
        scope = "in scope not coded" if m is None else f"{m} in scope"
        return f"OK: {n} {word} ({scope})"


# --------------------------------------------------------------------------------------
# Opening the workbook
# --------------------------------------------------------------------------------------


def _is_encrypted_ole(path: Path, limit: int = 64 * 1024 * 1024) -> bool:
    """True when an OLE compound file holds the streams of an encrypted Office file."""
    with open(path, "rb") as fh:
        data = fh.read(limit)
    return any(marker in data for marker in _ENCRYPTED_MARKERS)


def _sniff_not_xlsx(path: Path, head: bytes) -> str:
    """A message for a file that is not a zip archive (so cannot be .xlsx)."""
    if not head:
        return "the file is empty (0 bytes); expected an Excel workbook (.xlsx)"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        if _is_encrypted_ole(path):
            return (
                "this workbook is password-protected (encrypted), so it cannot be read; "
                "open it in Excel, remove the password (File > Info > Protect Workbook > "
                "Encrypt with Password, clear it) and save it as an Excel Workbook (.xlsx)"
            )
        return (
            "this is an old-style Excel file (.xls, Excel 97-2003) or a password-protected "
            "(encrypted) workbook; open it in Excel, remove any password and save it as an "
            "Excel Workbook (.xlsx)"
        )
    if head.startswith(b"%PDF"):
        return "this is a PDF file, not an Excel workbook (.xlsx)"
    for magic, kind in _BINARY_KINDS:
        if head.startswith(magic):
            return f"this is {kind}, not an Excel workbook (.xlsx)"
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        text = head.decode("latin-1")
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text) / max(len(text), 1)
    if printable > 0.95:
        if text.lstrip().startswith(("<", "{")):
            kind = "a text file (HTML/XML/JSON)"
        elif any(sep in text for sep in (";", ",", "\t")):
            kind = "a text file that looks like CSV"
        else:
            kind = "a plain text file"
        return (
            f"this is {kind}, not an Excel workbook (.xlsx), although it is named "
            f"'{path.name}'; open it in Excel and save it as an Excel Workbook (.xlsx)"
        )
    return "this is not an Excel workbook (.xlsx): the file is not a zip archive"


_BINARY_KINDS = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
)


def _open_workbook(path: Path, file: str):
    """Open read-only; return (workbook, file handle) or raise InputError."""
    import openpyxl

    if not path.exists():
        raise InputError([Problem(file, message="file not found")])
    if path.is_dir():
        raise InputError([Problem(file, message="this is a folder, not an Excel file")])
    with open(path, "rb") as fh:
        head = fh.read(2048)
    if not head.startswith(b"PK\x03\x04"):
        raise InputError([Problem(file, message=_sniff_not_xlsx(path, head))])
    fh = open(path, "rb")  # noqa: SIM115 - must stay open while the read-only workbook streams
    try:
        wb = openpyxl.load_workbook(fh, read_only=True, data_only=True)
    except zipfile.BadZipFile as exc:
        fh.close()
        msg = f"the file is damaged or incomplete: not a valid .xlsx zip archive ({exc})"
        raise InputError([Problem(file, message=msg)]) from None
    except KeyError as exc:
        fh.close()
        msg = (
            "this zip archive is not an Excel workbook (.xlsx): a required part is "
            f"missing ({exc}); if it is an OpenDocument (.ods) file, save it as .xlsx"
        )
        raise InputError([Problem(file, message=msg)]) from None
    except Exception as exc:  # openpyxl raises many types for broken files
        fh.close()
        msg = (
            "the file is damaged or not an Excel workbook (.xlsx); cannot open it: "
            f"{type(exc).__name__}: {exc}"
        )
        raise InputError([Problem(file, message=msg)]) from None
    return wb, fh


def _find_header(rows: Sequence[tuple]) -> tuple[int, tuple] | None:
    """(0-based index, row) of the first row holding a title header, in the first rows."""
    for i, row in enumerate(rows):
        if any(match_header(v) == "title" for v in row if isinstance(v, str)):
            return i, row
    return None


def _header_of(ws) -> tuple[list[tuple], tuple[int, tuple] | None]:
    ws.reset_dimensions()  # never trust a stored <dimension>: read every row
    head = list(ws.iter_rows(min_row=1, max_row=HEADER_SEARCH_ROWS, values_only=True))
    return head, _find_header(head)


def _pick_sheet(wb, file: str, warnings: list[str]):
    """Return (worksheet, header row number, header tuple) or raise InputError."""
    named = [ws for ws in wb.worksheets if ws.title.strip().casefold() in SHEET_NAMES]
    candidates = named or [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    for ws in candidates:
        head, found = _header_of(ws)
        if found is not None:
            if ws.sheet_state != "visible":
                warnings.append(
                    f"{file}, sheet '{ws.title}': this sheet is {ws.sheet_state}; it is read "
                    "because of its name"
                )
            return ws, found[0] + 1, found[1]
        if named:
            headers = [str(v).strip() for v in (head[0] if head else ()) if v is not None]
            msg = (
                "missing required column 'Titel' (title): no row among the first "
                f"{HEADER_SEARCH_ROWS} has a title header"
                + (f"; headers in row 1: {', '.join(headers)}" if headers else "")
            )
            raise InputError([Problem(file, sheet=ws.title, row=1, message=msg, key="title")])
    states = {ws.title: ws.sheet_state for ws in wb.worksheets}
    sheets = ", ".join(
        f"'{name}'"
        + (
            " (chart sheet)"
            if name not in states
            else ("" if states[name] == "visible" else f" ({states[name]})")
        )
        for name in wb.sheetnames
    )
    msg = (
        "no usable sheet: expected a sheet named 'Interventies' (or 'Interventions'), or a "
        "visible sheet with a 'Titel' (title) column in one of its first "
        f"{HEADER_SEARCH_ROWS} rows; sheets found: "
        + (sheets or "none (the workbook has no sheets)")
    )
    hidden = [ws.title for ws in wb.worksheets if ws.sheet_state != "visible" and _header_of(ws)[1]]
    if hidden:
        msg += (
            f"; hidden sheet '{hidden[0]}' has a title column but hidden sheets are not read: "
            "unhide it, or name it 'Interventies'"
        )
    raise InputError([Problem(file, message=msg)])


# --------------------------------------------------------------------------------------
# Cell converters: value -> (result, error message or None)
# --------------------------------------------------------------------------------------

Converted = tuple[object, str | None]


def _as_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip().strip(INVISIBLE).strip()
        return text or None
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat()
    if isinstance(value, _dt.date | _dt.time):
        return value.isoformat()
    return str(value)


def _convert_text(f: Field) -> Callable[[object], Converted]:
    if f.multi:

        def conv(value: object) -> Converted:
            text = _as_text(value)
            if text is None:
                return (), None
            return tuple(p for p in MULTI_SEPARATORS.split(text) if p), None

        return conv
    return lambda value: (_as_text(value), None)


def _convert_url(value: object) -> Converted:
    text = _as_text(value)
    if text is None:
        return None, None
    if _URL_RE.match(text):
        return text, None
    return None, "not a web address (expected e.g. https://www.example.nl/activiteit)"


def _convert_number(value: object) -> Converted:
    try:
        amount = parse_amount(value)
    except ValueError as exc:
        return None, f"cannot read as a number: {exc} (accepted e.g. {ACCEPTED_EXAMPLES})"
    if amount.is_negative:
        return None, "negative number: counts and costs cannot be below zero"
    return amount, None


def _allowed_hint(f: Field) -> str:
    return "; ".join(f"{c.label_nl} ({c.key})" for c in f.allowed)


def _convert_enum(f: Field) -> Callable[[object], Converted]:
    lookup = CHOICE_LOOKUP[f.key]
    empty = EMPTY_WORDS | (NO_DATABANK_WORDS if f.key == "databank" else frozenset())

    def conv(value: object) -> Converted:
        text = _as_text(value)
        if text is None:
            return None, None
        word = normalise_word(text)
        if not word or word in empty:
            return None, None
        key = lookup.get(word)
        if key is None:
            return None, f"not an allowed value; allowed: {_allowed_hint(f)}"
        return key, None

    return conv


def _convert_yesno(f: Field) -> Callable[[object], Converted]:
    lookup = CHOICE_LOOKUP[f.key]

    def conv(value: object) -> Converted:
        if isinstance(value, bool):
            return value, None
        text = _as_text(value)
        if text is None:
            return None, None
        word = normalise_word(text)
        if not word or word in EMPTY_WORDS:
            return None, None
        key = lookup.get(word)
        if key is None:
            return None, "not an allowed value; allowed: ja / nee (yes / no)"
        return key == "yes", None

    return conv


def _convert_multi_enum(f: Field) -> Callable[[object], Converted]:
    lookup = CHOICE_LOOKUP[f.key]
    order = {key: i for i, key in enumerate(f.allowed_keys)}

    def conv(value: object) -> Converted:
        text = _as_text(value)
        if text is None:
            return (), None
        keys, bad = set(), []
        for part in MULTI_SEPARATORS.split(text):
            word = normalise_word(part)
            if not word or word in EMPTY_WORDS:
                continue
            key = lookup.get(word)
            if key is None:
                bad.append(part)
            else:
                keys.add(key)
        if bad:
            return (), (
                f"not allowed: {', '.join(repr(b) for b in bad)}; allowed (separate several "
                f"with ';'): {_allowed_hint(f)}"
            )
        return tuple(sorted(keys, key=order.__getitem__)), None

    return conv


def _converter(f: Field) -> Callable[[object], Converted]:
    if f.kind == "text":
        base = _convert_text(f)
    elif f.kind == "url":
        base = _convert_url
    elif f.kind == "number":
        base = _convert_number
    elif f.kind == "enum":
        base = _convert_enum(f)
    elif f.kind == "yesno":
        base = _convert_yesno(f)
    else:
        base = _convert_multi_enum(f)
    cache: dict[object, Converted] = {}

    def cached(value: object) -> Converted:
        # str/None keys as they are; other types with their class (True == 1 in a dict)
        token = value if value is None or value.__class__ is str else (value.__class__, value)
        try:
            hit = cache.get(token)
        except TypeError:  # unhashable: never from openpyxl, but be safe
            return base(value)
        if hit is None:
            hit = cache[token] = base(value)
        return hit

    return cached


# --------------------------------------------------------------------------------------
# The reader
# --------------------------------------------------------------------------------------


def _is_blank(value: object) -> bool:
    return value is None or (value.__class__ is str and not value.strip().strip(INVISIBLE))


def title_key(title: str) -> str:
    """The form in which two titles count as the same (see the module docstring)."""
    text = unicodedata.normalize("NFKC", title)
    text = "".join(ch for ch in text if ch not in INVISIBLE)
    return " ".join(text.split()).casefold()


def _formula_cells(
    source: Path, wb, ws, header_row: int, indices: list[int]
) -> dict[tuple[int, int], str]:
    """(row, 0-based column) -> formula, for formula cells of the read columns.

    Read from a second, formula-keeping pass over the sheet, made only when the sheet
    XML contains a formula at all (a quick byte scan): then a formula without a cached
    result can be told apart from an empty cell.
    """
    import openpyxl

    path = getattr(ws, "_worksheet_path", None)
    if path is None:
        return {}
    pattern = _FORMULA_TAG
    with wb._archive.open(path) as member:  # noqa: SLF001 - openpyxl keeps the zip here
        tail = b""
        while chunk := member.read(1 << 20):
            if pattern.search(tail + chunk):
                break
            tail = chunk[-16:]
        else:
            return {}
    wanted = set(indices)
    found: dict[tuple[int, int], str] = {}
    with open(source, "rb") as fh:
        wb2 = openpyxl.load_workbook(fh, read_only=True, data_only=False)
        try:
            sheet = wb2[ws.title]
            sheet.reset_dimensions()
            for row in sheet.iter_rows(min_row=header_row + 1):
                for cell in row:
                    if getattr(cell, "data_type", None) == "f" and cell.column - 1 in wanted:
                        found[(cell.row, cell.column - 1)] = str(cell.value)
        finally:
            wb2.close()
    return found


def _read_cells(path: Path, file: str, wb, problems: list[Problem], warnings: list[str]):
    """Pick the sheet, match the headers and collect the raw cells of the read columns."""
    from openpyxl.utils import get_column_letter

    ws, header_row, header = _pick_sheet(wb, file, warnings)
    sheet = ws.title

    # -- headers ------------------------------------------------------------------
    mapping: list[tuple[int, Field]] = []
    headers: dict[str, str] = {}
    letters: dict[str, str] = {}
    for idx, raw in enumerate(header):
        if _is_blank(raw):
            continue
        written = str(raw).strip().strip(INVISIBLE).strip()
        key = match_header(written)
        letter = get_column_letter(idx + 1)
        if key is None:
            warnings.append(
                f"{file}, sheet '{sheet}', column {letter} '{written}': not an inventory "
                "field; ignored"
            )
            continue
        if key in headers:
            problems.append(
                Problem(
                    file,
                    sheet,
                    header_row,
                    written,
                    None,
                    f"column {letter} is the same field as column {letters[key]} "
                    f"'{headers[key]}'; keep one of them",
                    key,
                    letter,
                )
            )
            continue
        headers[key] = written
        letters[key] = letter
        mapping.append((idx, FIELDS_BY_KEY[key]))
    for f in FIELDS:
        if f.required and f.key not in headers:
            problems.append(
                Problem(
                    file,
                    sheet,
                    header_row,
                    f.header_nl,
                    None,
                    f"missing required column '{f.header_nl}' ({f.key})",
                    f.key,
                )
            )
    if problems:
        raise InputError(problems)

    # -- cells ----------------------------------------------------------------------
    indices = [idx for idx, _ in mapping]
    formulas = _formula_cells(path, wb, ws, header_row, indices)
    formula_rows = {row for row, _ in formulas}
    raw_cols: list[list[object]] = [[] for _ in mapping]
    excel_rows: list[int] = []
    rows = ws.iter_rows(min_row=header_row + 1, values_only=True)
    for rownum, row in enumerate(rows, start=header_row + 1):
        for v in row:
            if v is not None and not (v.__class__ is str and _is_blank(v)):
                break
        else:
            if rownum not in formula_rows:
                continue  # fully empty row
        width = len(row)
        excel_rows.append(rownum)
        for j, idx in enumerate(indices):
            value = row[idx] if idx < width else None
            if value.__class__ is str and value in EXCEL_ERRORS:
                f = mapping[j][1]
                problems.append(
                    Problem(
                        file, sheet, rownum, headers[f.key], value,
                        "the cell shows an Excel error value (its formula failed); fix the "
                        "formula or type the value", f.key, letters[f.key],
                    )
                )  # fmt: skip
                value = None
            elif value is None and (rownum, idx) in formulas:
                f = mapping[j][1]
                problems.append(
                    Problem(
                        file, sheet, rownum, headers[f.key], formulas[(rownum, idx)],
                        "formula without a saved result (the file was written by a program "
                        "that does not calculate formulas); open and save it in Excel or "
                        "LibreOffice, or type the value instead of the formula",
                        f.key, letters[f.key],
                    )
                )  # fmt: skip
            raw_cols[j].append(value)
    return sheet, header_row, mapping, headers, letters, raw_cols, excel_rows


def read_inventory(path: str | Path, *, include_personal: bool = False) -> Inventory:
    """Read and validate an inventory workbook; raise InputError listing every problem."""
    path = Path(path)
    file = str(path)
    wb, fh = _open_workbook(path, file)
    problems: list[Problem] = []
    warnings: list[str] = []
    try:
        try:
            read = _read_cells(path, file, wb, problems, warnings)
        except InputError:
            raise
        except (MemoryError, RecursionError):
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
    sheet, header_row, mapping, headers, letters, raw_cols, excel_rows = read

    if not excel_rows:
        raise InputError(
            [
                Problem(
                    file,
                    sheet,
                    None,
                    message=f"no interventions: the sheet has a header row (row {header_row}) "
                    "but no data rows below it",
                )
            ]
        )

    converted: dict[str, list[object]] = {}
    for (_idx, f), raw in zip(mapping, raw_cols, strict=True):
        conv = _converter(f)
        out: list[object] = []
        append = out.append
        for rownum, value in zip(excel_rows, raw, strict=True):
            result, error = conv(value)
            if error is not None:
                problems.append(
                    Problem(
                        file, sheet, rownum, headers[f.key], value, error, f.key, letters[f.key]
                    )
                )
            append(result)
        converted[f.key] = out

    # -- required and unique titles -------------------------------------------------------
    first_seen: dict[str, tuple[int, str]] = {}
    title_col = headers["title"]
    reported = {p.row for p in problems if p.key == "title"}
    for rownum, raw, title in zip(
        excel_rows,
        raw_cols[[f.key for _, f in mapping].index("title")],
        converted["title"],
        strict=True,
    ):
        if title is None:
            if rownum in reported:
                continue  # already reported (a formula or an Excel error in the title)
            problems.append(
                Problem(
                    file, sheet, rownum, title_col, raw,
                    "title is empty: every intervention needs a title", "title",
                    letters["title"],
                )
            )  # fmt: skip
            continue
        norm = title_key(str(title))
        if norm in first_seen:
            first_row, first_title = first_seen[norm]
            problems.append(
                Problem(
                    file, sheet, rownum, title_col, raw,
                    f"duplicate title: row {rownum} repeats row {first_row} ('{first_title}'); "
                    "titles must be unique (compared ignoring case, spaces and invisible "
                    "characters)",
                    "title", letters["title"],
                )
            )  # fmt: skip
        else:
            first_seen[norm] = (rownum, str(title))

    if problems:
        problems.sort(key=lambda p: (p.row or 0, p.column_letter or ""))
        raise InputError(problems)

    frame = _build_frame(converted, excel_rows, include_personal)
    return Inventory(frame, path, sheet, headers, warnings, include_personal)


def _build_frame(
    converted: dict[str, list[object]], excel_rows: list[int], include_personal: bool
) -> pd.DataFrame:
    n = len(excel_rows)
    data: dict[str, object] = {}
    for f in FIELDS:
        if f.personal and not include_personal:
            continue
        values = converted.get(f.key)
        if f.kind == "number":
            lows, highs, quals = [], [], []
            for amount in values or [None] * n:
                if amount is None or amount.unknown:
                    lows.append(None), highs.append(None), quals.append(None)
                else:
                    lows.append(amount.low), highs.append(amount.high)
                    quals.append(amount.qualifier)
            data[f"{f.key}_low"] = np.array([np.nan if v is None else v for v in lows], float)
            data[f"{f.key}_high"] = np.array([np.nan if v is None else v for v in highs], float)
            data[f"{f.key}_qualifier"] = pd.Series(quals, dtype="str").array
        elif f.kind == "yesno":
            data[f.key] = pd.array(values or [None] * n, dtype="boolean")
        elif f.multi:
            col = pd.Series([()] * n if values is None else values, dtype=object)
            data[f.key] = col.array
        else:
            data[f.key] = pd.Series(values or [None] * n, dtype="str").array
    index = pd.Index(excel_rows, name="excel_row")
    return pd.DataFrame(data, index=index)


# --------------------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.inputs.workbook",
        description="Validate an inventory workbook (.xlsx) against the inventory schema.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    val = sub.add_parser("validate", help="check a workbook and report every problem")
    val.add_argument("path", help="the inventory workbook (.xlsx)")
    args = parser.parse_args(argv)
    try:
        inventory = read_inventory(args.path)
    except InputError as exc:
        print(exc, file=sys.stderr)
        return 2
    for warning in inventory.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(inventory.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
