"""`make compare`: one book over several workbooks, or nothing and every problem listed.

The end-to-end test runs the command line as a user would, through `make compare`, with
file names holding an apostrophe, an accent, a space and a `$`; the values travel in the
environment, never through a shell.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.paths import ROOT
from helpers.tools.synthetic import synthetic_inventory, write_inventory_workbook

NAMES = ("Súdwest-Fryslân.xlsx", "'s-Hertogenbosch $HOME.xlsx", "Beekdal `id`.xlsx")
TIMEOUT = 900


def make(target: str, **values: str) -> subprocess.CompletedProcess:
    command = ["make", "--no-print-directory", target, "JOBS=2"]
    command += [f"{key}={value}" for key, value in values.items()]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT)


def leaks(folder: Path, words: list[str]) -> list[str]:
    """Files under ``folder`` (pages, executed notebooks, downloads) that hold any word."""
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and path.name != "_config.yml" and ".lock" not in path.name:
            data = path.read_bytes()
            if any(w.encode() in data for w in words):
                found.append(str(path.relative_to(folder)))
    return found


@pytest.fixture(scope="module")
def compared(tmp_path_factory):
    folder = tmp_path_factory.mktemp("compare inputs")
    paths = [
        write_inventory_workbook(
            synthetic_inventory(20 + 10 * i, seed=i), folder / name, title=None
        )
        for i, name in enumerate(NAMES)
    ]
    out = tmp_path_factory.mktemp("compare") / "book"
    listed = " ".join('"' + str(p).replace('"', '\\"') + '"' for p in paths)
    result = make("compare", INVENTORIES=listed, OUT=str(out))
    return folder, paths, out, result


def test_compare_builds_a_page_per_workbook_and_a_comparison(compared):
    _, _, out, result = compared
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    html = out / "html"
    assert (html / "generated" / "comparison.html").is_file()
    pages = sorted(p.stem for p in (html / "generated" / "places").glob("*.html"))
    assert pages == ["beekdal-id", "s-hertogenbosch-home", "sudwest-fryslan"]
    comparison = (html / "generated" / "comparison.html").read_text(encoding="utf-8")
    assert "Amersfoort (published, 2023)" in comparison
    for stem in ("Súdwest-Fryslân", "Beekdal `id`"):
        assert stem in comparison


def test_compare_landing_ties_the_book_to_its_inputs(compared):
    _, paths, out, result = compared
    assert result.returncode == 0, result.stderr[-3000:]
    landing = (out / "html" / "index.html").read_text(encoding="utf-8")
    for path in paths:
        assert hashlib.sha256(path.read_bytes()).hexdigest() in landing


def test_no_local_path_in_any_page_notebook_or_download(compared):
    folder, _, out, result = compared
    assert result.returncode == 0, result.stderr[-3000:]
    words = [str(folder), str(ROOT), os.path.expanduser("~") + "/", "/tmp/"]
    assert not leaks(out / "html", words)
    assert not leaks(out / "source", words)


def test_leak_check_can_fail(tmp_path):
    (tmp_path / "page.html").write_text(f"from {tmp_path}/x.xlsx")
    assert leaks(tmp_path, [str(tmp_path)]) == ["page.html"]


def test_invalid_workbooks_build_nothing_and_list_every_problem(tmp_path):
    good = write_inventory_workbook([{"title": "Goed"}], tmp_path / "good.xlsx", title=None)
    bad1 = write_inventory_workbook(
        [{"title": "X", "reach_total": "heel veel"}], tmp_path / "bad one.xlsx", title=None
    )
    bad2 = tmp_path / "bad two.xlsx"
    bad2.write_text("not a workbook")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "helpers.pipeline", "compare", "--inventories",
               str(good), str(bad1), str(bad2), "--out", str(out)]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 2
    assert "bad one.xlsx" in result.stderr and "bad two.xlsx" in result.stderr
    assert "heel veel" in result.stderr and "Nothing was built" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_compare_without_workbooks_says_how(tmp_path):
    result = make("compare")
    assert result.returncode != 0
    assert "usage: make compare" in result.stderr
