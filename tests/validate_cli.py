"""Run the validator as a user would, and the checks every workbook test shares.

`run_validate` runs ``python -m helpers.inputs.validate`` in a clean environment;
`rejected` and `accepted` check one workbook through the reader AND the command, and
that the file is byte-identical afterwards.
"""

import hashlib
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from helpers.errors import InputError
from helpers.inputs.workbook import read_inventory

ROOT = Path(__file__).parents[1]


def run_validate(path: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "helpers.inputs.validate", str(path), *options],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
        timeout=180,
    )


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def workbook(path: Path, rows: list[list], sheet: str = "Interventies", extra=()) -> Path:
    """A workbook whose first sheet holds ``rows`` (first row = headers); ``extra`` sheets
    are (title, rows, state) triples."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    for title, extra_rows, state in extra:
        other = wb.create_sheet(title)
        for row in extra_rows:
            other.append(row)
        other.sheet_state = state
    wb.save(path)
    return path


def read_fails(path: Path) -> InputError:
    """read_inventory must raise InputError naming the file once, and leave it untouched."""
    before = sha(path)
    with pytest.raises(InputError) as info:
        read_inventory(path)
    assert sha(path) == before, "the input file was modified"
    err = info.value
    assert err.problems
    assert str(err).count(str(path)) == 1
    return err


def rejected(path: Path, *phrases: str, row=None, column=None, value=None) -> InputError:
    """The file is refused with a located message; the CLI agrees; the file is untouched."""
    before = sha(path)
    with pytest.raises(InputError) as info:
        read_inventory(path)
    err = info.value
    text = str(err)
    assert str(path) in text
    for phrase in phrases:
        assert phrase in text, f"{phrase!r} not in:\n{text}"
    if row is not None:
        assert any(p.row == row for p in err.problems), text
        assert f"row {row}" in text
    if column is not None:
        assert any(p.column == column for p in err.problems), text
        assert f"'{column}'" in text
    if value is not None:
        assert any(p.value == value for p in err.problems), text
    result = run_validate(path, "--language", "en")
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"File: {path.name}") and result.stdout == ""
    assert result.stderr.count(path.name) == 1  # named once, at the top
    assert result.stderr.rstrip().splitlines()[-1].startswith("REFUSED:")
    assert sha(path) == before, "the input file was modified"
    return err


def accepted(path: Path, n_rows: int | None = None):
    """The file reads (also through the CLI) and is untouched; returns the Inventory."""
    before = sha(path)
    inventory = read_inventory(path)
    if n_rows is not None:
        assert len(inventory) == n_rows
    result = run_validate(path, "--language", "en")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.rstrip().splitlines()[-1].startswith(f"OK: {len(inventory)} intervention")
    assert sha(path) == before, "the input file was modified"
    return inventory


def rewrite_member(source: Path, target: Path, member: str, change) -> Path:
    """Copy a zip, passing one member's bytes through ``change``."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == member:
                data = change(data)
            zout.writestr(item, data)
    return target
