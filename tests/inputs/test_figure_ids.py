"""Every figure id the book names exists in the figures table (issue 15, item 7).

A figure id is recognised by the prefixes the figures table uses (``sto_``, ``cen_``,
``kvds_`` ...). Scanned: the notebook templates, the chapter code, the case texts, the
hand-written chapters and the key-figure map. A name that only starts an existing id (a
prefix the code matches on, such as ``kvds_d``) is not an id.
"""

import re
from pathlib import Path

import pytest

from helpers.inputs.figures import load_figures
from helpers.paths import AMERSFOORT, DATA, ROOT

SCANNED = sorted(
    [
        *(ROOT / "notebooks").glob("*.ipynb"),
        *(ROOT / "src" / "helpers" / "chapters").glob("*.py"),
        *(AMERSFOORT / "case_texts").glob("*.md"),
        *(ROOT / "book").glob("*.md"),
        AMERSFOORT / "case_key_figures.csv",
    ]
)


@pytest.fixture(scope="module")
def ids() -> set[str]:
    return set(load_figures(DATA)["figure_id"])


def unknown_ids(text: str, ids: set[str]) -> list[str]:
    """Names in ``text`` shaped like a figure id of the table that the table lacks."""
    prefixes = sorted({i.split("_")[0] for i in ids})
    pattern = re.compile(rf"\b(?:{'|'.join(prefixes)})_[a-z0-9_]*[a-z0-9]\b")
    named = set(pattern.findall(text))
    return sorted(n for n in named - ids if not any(i.startswith(n) for i in ids))


def test_the_scan_finds_files_of_every_kind():
    kinds = {p.suffix for p in SCANNED}
    assert kinds == {".ipynb", ".py", ".md", ".csv"}
    assert len(SCANNED) >= 6 + 12 + 5


def test_the_check_catches_an_unknown_id(ids):
    text = "Do not use {fig}`cen_net_saving_per_woman`; use cen_tno_saving_per_person."
    assert unknown_ids(text, ids) == ["cen_net_saving_per_woman"]
    assert unknown_ids('fid.startswith("kvds_d")', ids) == []


@pytest.mark.parametrize("path", SCANNED, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_named_figure_id_exists(path: Path, ids):
    assert unknown_ids(path.read_text(encoding="utf-8"), ids) == []
