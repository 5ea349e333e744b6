"""Opening an inventory workbook safely and choosing the sheet, header row and cover.

Everything here raises `helpers.errors.InputError` with one located message for a file
that is not a usable workbook (see `helpers.inputs.workbook` for the list of cases).
The cover sheet ("Voorblad") of the template holds the municipality, the reference year
and the respondent; `read_cover` reads it when present.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from helpers.errors import InputError, Problem
from helpers.inputs.matching import match_header, normalise_word

SHEET_NAMES = ("interventies", "interventions")
COVER_NAMES = ("voorblad", "cover")
HEADER_SEARCH_ROWS = 10
_ENCRYPTED_MARKERS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))


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
            f"this is {kind}, not an Excel workbook (.xlsx), although its name ends in "
            f"'{path.suffix}'; open it in Excel and save it as an Excel Workbook (.xlsx)"
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


_NOT_A_WORKBOOK_NL = (
    "dit bestand is geen bruikbare Excel-werkmap (.xlsx); open het in Excel en bewaar het "
    "als Excel-werkmap (.xlsx)"
)


def _refuse(file: str, message: str) -> InputError:
    """One file-level problem, with the Dutch text for the common cases."""
    if "empty (0 bytes)" in message:
        dutch = "het bestand is leeg (0 bytes); verwacht een Excel-werkmap (.xlsx)"
    elif "password-protected (encrypted), so" in message:
        dutch = (
            "deze werkmap is met een wachtwoord beveiligd en kan niet gelezen worden; haal het "
            "wachtwoord weg in Excel en bewaar het bestand als Excel-werkmap (.xlsx)"
        )
    elif message == "file not found":
        dutch = "bestand niet gevonden"
    elif "folder" in message:
        dutch = "dit is een map, geen Excel-bestand"
    else:
        dutch = _NOT_A_WORKBOOK_NL
    return InputError([Problem(file, message=message, message_nl=dutch)])


def open_workbook(path: Path, file: str):
    """Open read-only; return (workbook, file handle) or raise InputError."""
    import openpyxl

    if not path.exists():
        raise _refuse(file, "file not found")
    if path.is_dir():
        raise _refuse(file, "this is a folder, not an Excel file")
    with open(path, "rb") as fh:
        head = fh.read(2048)
    if not head.startswith(b"PK\x03\x04"):
        raise _refuse(file, _sniff_not_xlsx(path, head))
    fh = open(path, "rb")  # noqa: SIM115 - must stay open while the read-only workbook streams
    try:
        wb = openpyxl.load_workbook(fh, read_only=True, data_only=True)
    except zipfile.BadZipFile as exc:
        fh.close()
        msg = f"the file is damaged or incomplete: not a valid .xlsx zip archive ({exc})"
        raise _refuse(file, msg) from None
    except KeyError as exc:
        fh.close()
        msg = (
            "this zip archive is not an Excel workbook (.xlsx): a required part is "
            f"missing ({exc}); if it is an OpenDocument (.ods) file, save it as .xlsx"
        )
        raise _refuse(file, msg) from None
    except Exception as exc:  # openpyxl raises many types for broken files
        fh.close()
        msg = (
            "the file is damaged or not an Excel workbook (.xlsx); cannot open it: "
            f"{type(exc).__name__}: {exc}"
        )
        raise _refuse(file, msg) from None
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


def pick_sheet(wb, file: str, warnings: list[str]):
    """Return (worksheet, header row number, header tuple) or raise InputError."""
    named = [ws for ws in wb.worksheets if ws.title.strip().casefold() in SHEET_NAMES]
    candidates = named or [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    for ws in candidates:
        head, found = _header_of(ws)
        if found is not None:
            if ws.sheet_state != "visible":
                warnings.append(
                    Problem(
                        file,
                        ws.title,
                        message=f"this sheet is {ws.sheet_state}; it is read because of its name",
                        message_nl="dit blad is verborgen; het wordt gelezen omdat het zo heet",
                        severity="warning",
                    )
                )
            return ws, found[0] + 1, found[1]
        if named:
            headers = [str(v).strip() for v in (head[0] if head else ()) if v is not None]
            msg = (
                "missing required column 'Titel' (title): no row among the first "
                f"{HEADER_SEARCH_ROWS} has a title header"
                + (f"; headers in row 1: {', '.join(headers)}" if headers else "")
            )
            msg_nl = (
                f"de verplichte kolom 'Titel' ontbreekt: geen van de eerste {HEADER_SEARCH_ROWS} "
                "rijen heeft een kop 'Titel'"
                + (f"; koppen in rij 1: {', '.join(headers)}" if headers else "")
            )
            problem = Problem(file, ws.title, 1, message=msg, key="title", message_nl=msg_nl)
            raise InputError([problem])
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
    msg_nl = (
        "geen bruikbaar blad: verwacht een blad 'Interventies' of een zichtbaar blad met een "
        f"kolom 'Titel' in een van de eerste {HEADER_SEARCH_ROWS} rijen; gevonden bladen: "
        + (sheets or "geen")
    )
    raise InputError([Problem(file, message=msg, message_nl=msg_nl)])


@dataclass(frozen=True)
class Cover:
    """The cover sheet: municipality, reference year and respondent (personal: never shown)."""

    municipality: str | None = None
    year: int | None = None
    respondent: str | None = field(default=None, repr=False)


COVER_LABELS = {
    "municipality": ("gemeente", "municipality", "naam gemeente"),
    "year": ("peiljaar", "referentiejaar", "jaar", "year", "reference year"),
    "respondent": ("ingevuld door", "respondent", "invuller", "contactpersoon"),
}


def read_cover(wb, file: str, warnings: list[Problem]) -> Cover:
    """The cover sheet's answers (label in column A, answer in column B), if there is one."""
    sheet = next((ws for ws in wb.worksheets if ws.title.strip().casefold() in COVER_NAMES), None)
    if sheet is None:
        return Cover()
    found: dict[str, object] = {}
    labels = {normalise_word(w): k for k, words in COVER_LABELS.items() for w in words}
    for rownum, row in enumerate(sheet.iter_rows(max_row=40, max_col=2, values_only=True), 1):
        if len(row) < 2 or not isinstance(row[0], str) or row[1] in (None, ""):
            continue
        key = labels.get(normalise_word(row[0]).rstrip(" ?:"))
        if key is None or key in found:
            continue
        value = row[1]
        if key == "year":
            text = str(int(value) if isinstance(value, float) else value).strip()
            if not (text.isdigit() and 1990 <= int(text) <= 2100):
                warnings.append(
                    Problem(
                        file,
                        sheet.title,
                        rownum,
                        str(row[0]),
                        value,
                        "not a year (expected e.g. 2025); the reference year is left empty",
                        message_nl="geen jaartal (verwacht bijv. 2025); het peiljaar blijft leeg",
                        column_letter="B",
                        severity="warning",
                    )
                )
                continue
            value = int(text)
        else:
            value = str(value).strip() or None
        found[key] = value
    return Cover(**found)
