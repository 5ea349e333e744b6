"""Hostile and broken files, sheets and headers: a clear error or a correct result, no crash.

Every workbook is generated here, in ``tmp_path``. Each case either

* fails with `InputError` whose message names the file (and sheet, row, column and value
  where they apply), and through ``python -m helpers.inputs.validate`` (``make validate``) exits
  with status 2 and no traceback; or
* reads, and the parsed values are checked against what the test wrote.

In both cases the input file must be byte-identical afterwards.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.styles import PatternFill
from validate_cli import accepted, rejected, rewrite_member, run_validate, sha, workbook

from helpers.errors import InputError
from helpers.inputs.workbook import read_inventory
from helpers.tools.synthetic import synthetic_inventory, write_inventory_workbook

ROOT = Path(__file__).resolve().parents[2]
HEADERS = ["Titel", "Status", "Bereik per jaar", "Leeftijdsgroepen", "Binnen definitie"]


# -- 1-10: not a usable workbook at all --------------------------------------------------


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + b"\x00\x01" * 300, "PDF file"),
        (b"\x1f\x8b\x08\x00" + bytes(range(256)) * 2, "gzip archive"),
        (bytes(range(256)) * 8, "not a zip archive"),
    ],
)
def test_01_wrong_file_type(tmp_path, head, kind):
    path = tmp_path / "inventaris.xlsx"
    path.write_bytes(head)
    rejected(path, kind, "not an Excel workbook")


def test_02_password_protected_workbook(tmp_path):
    # An encrypted .xlsx is an OLE compound file holding EncryptionInfo + EncryptedPackage
    # streams (their names are UTF-16 in the directory); this is what a reader sees.
    header = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff"
    directory = b"".join(
        name.encode("utf-16-le").ljust(64, b"\x00") + b"\x00" * 64
        for name in ("Root Entry", "EncryptionInfo", "EncryptedPackage")
    )
    path = tmp_path / "beveiligd.xlsx"
    path.write_bytes(header.ljust(512, b"\x00") + directory + b"\x5a" * 4096)
    rejected(path, "password-protected (encrypted)", "remove the password")


def test_03_ole_file_without_encryption_streams_is_old_xls_or_protected(tmp_path):
    path = tmp_path / "oud.xlsx"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 4088)
    rejected(path, ".xls, Excel 97-2003", "password-protected")


def test_04_truncated_zip(tmp_path):
    good = workbook(tmp_path / "good.xlsx", [HEADERS, ["A", "lopend", 5, "0-4", "ja"]])
    path = tmp_path / "afgebroken.xlsx"
    path.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    rejected(path, "damaged")


def test_05_corrupted_sheet_inside_a_valid_zip(tmp_path):
    """The zip directory is fine but the sheet's compressed bytes are damaged."""
    rows = [HEADERS] + [[f"Activiteit {i}", "lopend", i, "0-4", "ja"] for i in range(300)]
    good = workbook(tmp_path / "good.xlsx", rows)
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for k in range(start + 40, start + info.compress_size - 40, 97):
        data[k] ^= 0x5A
    path = tmp_path / "beschadigd.xlsx"
    path.write_bytes(bytes(data))
    rejected(path, "damaged")


def test_06_sheet_xml_not_well_formed_and_entity_bomb(tmp_path):
    good = workbook(tmp_path / "good.xlsx", [HEADERS, ["A", "lopend", 5, "0-4", "ja"]])
    broken = rewrite_member(
        good, tmp_path / "kapot.xlsx", "xl/worksheets/sheet1.xml", lambda d: d[: len(d) - 40]
    )
    rejected(broken, "damaged")
    entities = "".join(f'<!ENTITY e{i} "{(f"&e{i - 1};" if i else "ha") * 10}">' for i in range(10))
    bomb = f'<?xml version="1.0"?><!DOCTYPE x [{entities}]>'.encode()

    def explode(d: bytes) -> bytes:
        d = re.sub(rb"^<\?xml[^>]*\?>", b"", d)
        return bomb + d.replace(b"<v>", b"<v>&e9;", 1)

    path = rewrite_member(good, tmp_path / "bom.xlsx", "xl/worksheets/sheet1.xml", explode)
    started = time.monotonic()
    rejected(path, "damaged")
    assert time.monotonic() - started < 30


def test_07_csv_renamed_to_xlsx(tmp_path):
    path = tmp_path / "inventaris.xlsx"
    path.write_text("Titel;Status;Bereik per jaar\nBuurtsport;lopend;1.050\n", encoding="utf-8")
    rejected(path, "looks like CSV", "not an Excel workbook", "inventaris.xlsx")


def test_08_empty_file(tmp_path):
    path = tmp_path / "leeg.xlsx"
    path.write_bytes(b"")
    rejected(path, "empty (0 bytes)")


def test_09_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "document.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    rejected(path, "not an Excel workbook")


def test_10_workbook_without_sheets(tmp_path):
    good = workbook(tmp_path / "good.xlsx", [HEADERS, ["A", "lopend", 5, "0-4", "ja"]])
    path = rewrite_member(
        good,
        tmp_path / "zonder-bladen.xlsx",
        "xl/workbook.xml",
        lambda d: re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", d, flags=re.S),
    )
    rejected(path, "no usable sheet", "no sheets")


# -- 17-19: formulas and dates -------------------------------------------------------------


def test_17_formulas_without_cached_values(tmp_path):
    """openpyxl writes formulas without a result: each such cell is reported, not read as empty."""
    rows = [
        HEADERS,
        ["Buurtsport", "lopend", "=SUM(10,20)", "0-4", "ja"],
        ['=CONCAT("Taal","café")', "lopend", 30, "0-4", "ja"],
        ["Digicafé", "lopend", 12, "0-4", '=IF(1=1,"ja","nee")'],
    ]
    path = workbook(tmp_path / "formules.xlsx", rows)
    err = rejected(path, "formula without a saved result")
    located = {(p.row, p.column, p.value) for p in err.problems}
    assert located == {
        (2, "Bereik per jaar", "=SUM(10,20)"),
        (3, "Titel", '=CONCAT("Taal","café")'),
        (4, "Binnen definitie", '=IF(1=1,"ja","nee")'),
    }
    assert "title is empty" not in str(err)


def test_18_cached_excel_error_values(tmp_path):
    rows = [
        HEADERS,
        ["Buurtsport", "lopend", "#DIV/0!", "0-4", "ja"],
        ["#N/A", "lopend", 3, "0-4", "ja"],
    ]
    err = rejected(workbook(tmp_path / "fouten.xlsx", rows), "Excel error value")
    assert {(p.row, p.column, p.value) for p in err.problems} == {
        (2, "Bereik per jaar", "#DIV/0!"),
        (3, "Titel", "#N/A"),
    }


def test_19_dates_where_numbers_belong(tmp_path):
    # Excel turns a typed range "4-7" into the date 4 July; a cost column formatted as date
    rows = [
        HEADERS + ["Jaarlijkse kosten (EUR)"],
        ["Buurtsport", "lopend", dt.datetime(2024, 7, 4), "0-4", "ja", 2500],
        ["Taalcafé", "lopend", 20, "0-4", "ja", dt.date(2023, 1, 1)],
    ]
    err = rejected(workbook(tmp_path / "datums.xlsx", rows), "stored this cell as a date")
    assert {(p.row, p.column) for p in err.problems} == {
        (2, "Bereik per jaar"),
        (3, "Jaarlijkse kosten (EUR)"),
    }


# -- 20-24: numbers, sizes, text -----------------------------------------------------------

NUMBER_CASES = [
    # (cell as typed, low, high, qualifier) — each expectation worked out by hand
    (1050, 1050, 1050, "="),
    ("1.050", 1050, 1050, "="),
    ("1,050", 1050, 1050, "="),
    ("2,5", 2.5, 2.5, "="),
    ("2.5", 2.5, 2.5, "="),
    ("1,050.5", 1050.5, 1050.5, "="),
    ("2.900,50", 2900.5, 2900.5, "="),
    ("€ 2.900,-", 2900, 2900, "="),
    ("€ 12.500 per jaar", 12500, 12500, "="),
    ("30 000", 30000, 30000, "="),
    ("ca. 30.000", 30000, 30000, "~"),
    ("about 250", 250, 250, "~"),
    ("ruim 100", 100, None, ">"),
    ("more than 1,000", 1000, None, ">"),
    ("bijna 100", None, 100, "almost"),
    ("400-700", 400, 700, "range"),
    ("400 \u2013 700", 400, 700, "range"),
    ("tussen 400 en 700", 400, 700, "range"),
    ("5.000 tot 100.000", 5000, 100000, "range"),
    ("between 1,000 and 2,000", 1000, 2000, "range"),
    ("onbekend", None, None, None),
]


def test_20_dutch_and_english_numbers_and_ranges(tmp_path):
    rows = [["Titel", "Bereik per jaar"]]
    rows += [[f"Activiteit {i}", cell] for i, (cell, *_rest) in enumerate(NUMBER_CASES)]
    frame = accepted(workbook(tmp_path / "getallen.xlsx", rows), len(NUMBER_CASES)).frame
    for (cell, low, high, qualifier), (_, row) in zip(NUMBER_CASES, frame.iterrows(), strict=True):
        got_low, got_high = row["reach_total_low"], row["reach_total_high"]
        assert math.isnan(got_low) if low is None else got_low == low, (cell, got_low)
        assert math.isnan(got_high) if high is None else got_high == high, (cell, got_high)
        got_q = row["reach_total_qualifier"]
        assert (got_q is None or got_q != got_q) if qualifier is None else got_q == qualifier


def test_21_thousands_of_empty_and_formatted_trailing_rows(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Interventies"
    ws.append(HEADERS)
    for i in range(3):
        ws.append([f"Activiteit {i}", "lopend", i + 1, "0-4", "ja"])
    yellow = PatternFill("solid", fgColor="FFFF00")
    for r in range(5, 5005):  # formatted-but-empty cells
        for c in range(1, 6):
            ws.cell(row=r, column=c).fill = yellow
    for r in range(5005, 8005):  # rows with only a height set, and blank strings
        ws.row_dimensions[r].height = 20
        ws.cell(row=r, column=1).value = "   " if r % 2 else "\u200b"
    path = tmp_path / "lege-rijen.xlsx"
    wb.save(path)
    frame = accepted(path, 3).frame
    assert frame.index.tolist() == [2, 3, 4]
    assert frame["reach_total_low"].tolist() == [1.0, 2.0, 3.0]


def test_22_very_long_text(tmp_path):
    # Excel stops at 32,767 characters per cell (and openpyxl cuts there when writing), but
    # other programs write longer cells: put 40,000 characters into the sheet XML directly.
    long_text = ("Lange omschrijving van de activiteit. " * 1100)[:39999] + "!"
    rows = [["Titel", "Doelstelling", "Bereik per jaar"], ["Lang verhaal", "PLACEHOLDER", 5]]
    path = with_text(workbook(tmp_path / "kort.xlsx", rows), tmp_path / "lang.xlsx", long_text)
    frame = accepted(path, 1).frame
    assert len(long_text) == 40000 and frame.iloc[0]["objective"] == long_text
    # in a number column the message stays short: the value is cut, not repeated in full
    rows[1][1:] = ["kort", "PLACEHOLDER"]
    bad = with_text(workbook(tmp_path / "kort2.xlsx", rows), tmp_path / "lang-fout.xlsx", long_text)
    err = rejected(bad, row=2, column="Bereik per jaar")
    assert len(str(err)) < 1000 and "…" in str(err)


def with_text(source: Path, target: Path, text: str) -> Path:
    """Copy a workbook, replacing the cell text PLACEHOLDER by ``text`` in its XML."""
    from xml.sax.saxutils import escape

    with zipfile.ZipFile(source) as zf:
        member = next(n for n in zf.namelist() if b"PLACEHOLDER" in zf.read(n))
    return rewrite_member(
        source, target, member, lambda d: d.replace(b"PLACEHOLDER", escape(text).encode())
    )


UNICODE_TITLES = [
    "برنامج الصحة المجتمعية",  # Arabic
    "תוכנית בריאות קהילתית",  # Hebrew
    "Buurt \u200fمرحبا\u200f 2024",  # mixed direction with right-to-left marks
    "🏃\u200d♀️ Beweeg mee!",  # emoji with zero-width joiner
    "Cafe\u0301 de Wijk",  # decomposed accent, kept as written
    "社区健康",  # Chinese
    "Ü-Ö-Ä ñ ß ø",
]


def test_23_unicode_and_right_to_left_titles_round_trip(tmp_path):
    rows = [["Titel", "Uitvoerder", "Wijken"]]
    rows += [[t, t[::-1], f"{t}; Noord"] for t in UNICODE_TITLES]
    frame = accepted(workbook(tmp_path / "unicode.xlsx", rows), len(UNICODE_TITLES)).frame
    assert frame["title"].tolist() == UNICODE_TITLES
    assert frame["provider"].tolist() == [t[::-1].strip() for t in UNICODE_TITLES]
    assert frame["neighbourhoods"].tolist() == [(t, "Noord") for t in UNICODE_TITLES]


def test_24_duplicate_titles_in_disguise(tmp_path):
    rows = [
        ["Titel"],
        ["Buurtsport"],
        ["  buurtsport "],  # spaces and case
        ["BUURTSPORT"],
        ["Buurt\u200bsport"],  # zero-width space inside
        ["Café Samen"],
        ["Cafe\u0301 samen"],  # the same letters, decomposed accent
        ["Taal  café"],
        ["taal\u00a0café"],  # double space vs non-breaking space
        ["Buurtsport 2"],  # a different title: no problem
    ]
    err = rejected(workbook(tmp_path / "dubbel.xlsx", rows), "duplicate title")
    found = {(p.row, re.search(r"repeats row (\d+)", p.message).group(1)) for p in err.problems}
    assert found == {(3, "2"), (4, "2"), (5, "2"), (7, "6"), (9, "8")}


# -- 25-27: size ---------------------------------------------------------------------------


@pytest.mark.slow
def test_25_fifty_thousand_rows(tmp_path):
    """Works; a generous bound only (timings belong to `make bench`)."""
    rows = synthetic_inventory(50_000, seed=11)
    path = write_inventory_workbook(rows, tmp_path / "groot.xlsx")
    before = sha(path)
    started = time.monotonic()
    inventory = read_inventory(path)
    seconds = time.monotonic() - started
    print(f"50,000 rows read and validated in {seconds:.1f} s")
    assert len(inventory) == 50_000
    assert inventory.frame.index[0] == 2 and inventory.frame.index[-1] == 50_001
    assert inventory.frame["title"].tolist() == [r["title"] for r in rows]
    assert sha(path) == before
    assert seconds < 120


def test_26_wrong_stored_dimension_is_not_trusted(tmp_path):
    rows = [HEADERS] + [[f"Activiteit {i}", "lopend", i, "0-4", "ja"] for i in range(1, 21)]
    good = workbook(tmp_path / "good.xlsx", rows)
    path = rewrite_member(
        good,
        tmp_path / "dimensie.xlsx",
        "xl/worksheets/sheet1.xml",
        lambda d: re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1"/>', d),
    )
    frame = accepted(path, 20).frame
    assert frame["reach_total_low"].tolist() == [float(i) for i in range(1, 21)]


def test_27_header_but_no_data_rows(tmp_path):
    rejected(
        workbook(tmp_path / "alleen-kop.xlsx", [HEADERS, [], [None, "  "]]), "no interventions"
    )


# -- 28-33: values -------------------------------------------------------------------------


def test_28_negative_counts(tmp_path):
    rows = [HEADERS, ["A", "lopend", -5, "0-4", "ja"], ["B", "lopend", "-1.000", "0-4", "ja"]]
    err = rejected(
        workbook(tmp_path / "negatief.xlsx", rows), "negative number", column="Bereik per jaar"
    )
    assert {(p.row, p.value) for p in err.problems} == {(2, -5), (3, "-1.000")}


def test_29_out_of_vocabulary_values(tmp_path):
    rows = [
        HEADERS,
        ["A", "misschien", 5, "0-4", "ja"],
        ["B", "lopend", 5, "baby's; 4-12", "ja"],
        ["C", "lopend", 5, "0-4", "soms"],
    ]
    err = rejected(workbook(tmp_path / "woorden.xlsx", rows), "allowed")
    by_row = {p.row: p for p in err.problems}
    assert by_row[2].column == "Status" and by_row[2].value == "misschien"
    assert "Lopend (Active)" in by_row[2].message
    assert by_row[3].column == "Leeftijdsgroepen" and "baby's" in by_row[3].message
    assert by_row[4].column == "Binnen definitie" and "ja / nee" in by_row[4].message


def test_30_percentages_and_booleans_are_not_counts(tmp_path):
    rows = [HEADERS, ["A", "lopend", "50%", "0-4", "ja"], ["B", "lopend", True, "0-4", "ja"]]
    err = rejected(workbook(tmp_path / "procent.xlsx", rows), column="Bereik per jaar")
    assert {p.row for p in err.problems} == {2, 3}
    assert "percentage" in str(err) and "yes/no" in str(err)


FORMULA_LIKE = [
    '=HYPERLINK("http://x","klik")',
    "+31 33 469 4000 Buurtlijn",
    "-Beweegmaatjes",
    "@Home",
]


def test_31_titles_that_look_like_formulas_stay_text(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Interventies"
    ws.append(["Titel", "Doelstelling"])
    for r, text in enumerate(FORMULA_LIKE, start=2):
        for c in (1, 2):
            cell = ws.cell(row=r, column=c, value=text)
            cell.data_type = "s"  # stored as a text cell, as Excel does for '=... typed as text
    path = tmp_path / "formule-tekst.xlsx"
    wb.save(path)
    frame = accepted(path, len(FORMULA_LIKE)).frame
    assert frame["title"].tolist() == FORMULA_LIKE
    assert frame["objective"].tolist() == FORMULA_LIKE


HTML_TITLES = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    'Tom & Jerry\'s "club" <b>vet</b>',
    "**vet** [link](javascript:alert(1)) `code` {eval}`1`",
]


def test_32_html_and_markup_titles_are_kept_literally(tmp_path):
    rows = [["Titel", "Uitvoerder"]] + [[t, t] for t in HTML_TITLES]
    frame = accepted(workbook(tmp_path / "html.xlsx", rows), len(HTML_TITLES)).frame
    assert frame["title"].tolist() == HTML_TITLES
    assert frame["provider"].tolist() == HTML_TITLES


def test_33_a_folder_named_xlsx_and_a_missing_file(tmp_path):
    folder = tmp_path / "map.xlsx"
    folder.mkdir()
    with pytest.raises(InputError, match="folder"):
        read_inventory(folder)
    result = run_validate(folder)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    result = run_validate(tmp_path / "bestaat-niet.xlsx")
    assert result.returncode == 2 and "bestand niet gevonden" in result.stderr


def test_34_every_problem_of_a_bad_file_at_once(tmp_path):
    """A file with many kinds of mistakes lists each, each with its row and column."""
    rows = [
        HEADERS,
        ["A", "misschien", "12 appels", "0-4", "ja"],
        ["a ", "lopend", -3, "tieners", "ja"],
        [None, "lopend", 5, "0-4", "ja"],
    ]
    err = rejected(workbook(tmp_path / "alles.xlsx", rows))
    assert {(p.row, p.column) for p in err.problems} == {
        (2, "Status"),
        (2, "Bereik per jaar"),
        (3, "Bereik per jaar"),
        (3, "Leeftijdsgroepen"),
        (3, "Titel"),  # duplicate of row 2
        (4, "Titel"),  # empty
    }


def test_inputs_are_opened_read_only(tmp_path, monkeypatch):
    """The reader never opens the workbook for writing."""
    import builtins

    path = workbook(tmp_path / "x.xlsx", [HEADERS, ["A", "lopend", 5, "0-4", "ja"]])
    modes = []
    real_open = builtins.open

    def spy(file, mode="r", *args, **kwargs):
        if str(file) == str(path):
            modes.append(mode)
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    read_inventory(path)
    assert modes and all(set(m) <= {"r", "b"} for m in modes), modes


def test_nothing_is_left_open(tmp_path):
    """Failed and successful reads close the file (else a Windows user could not save it)."""
    import os

    def open_on(path: Path) -> int:
        fds = Path("/proc/self/fd")
        return sum(1 for fd in fds.iterdir() if os.path.realpath(fd) == str(path))

    bad = workbook(tmp_path / "x.xlsx", [HEADERS, ["A", "misschien", 5, "0-4", "ja"]])
    formulas = workbook(tmp_path / "f.xlsx", [HEADERS, ["A", "lopend", "=1+1", "0-4", "ja"]])
    good = workbook(tmp_path / "g.xlsx", [HEADERS, ["A", "lopend", 5, "0-4", "ja"]])
    for path in (bad, formulas):
        with pytest.raises(InputError):
            read_inventory(path)
        assert open_on(path) == 0
    read_inventory(good)
    assert open_on(good) == 0
