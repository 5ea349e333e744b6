"""Whether a workbook says it holds made-up data (the pages then carry a banner).

The example workbooks written by `helpers.tools.synthetic` say so in their title or in a
README sheet; so can any workbook a researcher marks as an exercise.
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

SYNTHETIC_WORDS = ("synthetic", "synthetisch")
README_SHEETS = ("readme", "lees mij", "leesmij", "toelichting")


def is_synthetic(path: str | Path) -> bool:
    """True when a workbook says it holds made-up data.

    Looks at the workbook's title property and at the cells of a sheet named README (or
    'Lees mij' / 'Toelichting') for the word "synthetic" (or Dutch "synthetisch"). Only
    the small parts of the file are read, so a large workbook costs nothing extra. A file
    that cannot be opened as a workbook gives False: validating it is the reader's job.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            core = archive.read("docProps/core.xml") if "docProps/core.xml" in names else b""
            sheets = re.findall(rb'<sheet [^>]*name="([^"]*)"', archive.read("xl/workbook.xml"))
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    title = re.search(rb"<dc:title>(.*?)</dc:title>", core, re.DOTALL)
    if title and _says_synthetic(html.unescape(title.group(1).decode("utf-8", "replace"))):
        return True
    readme = [s.decode("utf-8", "replace") for s in sheets]
    if not any(name.strip().casefold() in README_SHEETS for name in readme):
        return False
    return _readme_says_synthetic(path)


def _says_synthetic(text: object) -> bool:
    return isinstance(text, str) and any(w in text.casefold() for w in SYNTHETIC_WORDS)


def _readme_says_synthetic(path: str | Path) -> bool:
    """Whether the first rows of a README sheet mention synthetic data."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - a broken file is the reader's to report, not ours
        return False
    try:
        for sheet in workbook.worksheets:
            if sheet.title.strip().casefold() in README_SHEETS:
                rows = sheet.iter_rows(max_row=50, values_only=True)
                if any(_says_synthetic(value) for row in rows for value in row):
                    return True
        return False
    finally:
        workbook.close()
