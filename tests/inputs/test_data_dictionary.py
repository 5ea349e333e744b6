"""data/README.md documents every data file and every column of every CSV."""

import csv
from pathlib import Path

import pytest

DATA = Path(__file__).parents[2] / "data"
README = (DATA / "README.md").read_text(encoding="utf-8")
CSV_FILES = sorted(p for p in DATA.rglob("*.csv"))
GROUPED = ("figures", "case_texts")  # folders documented as a whole


@pytest.mark.parametrize("path", CSV_FILES, ids=lambda p: p.relative_to(DATA).as_posix())
def test_every_csv_column_is_documented(path):
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    missing = [column for column in header if f"`{column}`" not in README]
    assert missing == [], f"{path.name}: columns not in data/README.md: {missing}"


def test_every_data_file_is_documented():
    undocumented = []
    for path in sorted(DATA.rglob("*")):
        if path.is_dir() or path.name == "README.md" or path.parent.name in GROUPED:
            continue
        if (
            f"`{path.name}`" not in README
            and f"`{path.relative_to(DATA).as_posix()}`" not in README
        ):
            undocumented.append(path.relative_to(DATA).as_posix())
    assert undocumented == []
