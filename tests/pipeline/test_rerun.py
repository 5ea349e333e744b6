"""`make rerun` end to end: the command line on the synthetic example and on a broken file.

The CLI runs in a subprocess (``python -m helpers.pipeline rerun``), as a user runs it.
While it runs, the test holds the lock of the main build folder, so no other build can
touch ``_build/html`` and any change there is the rerun's doing.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers.inputs.synthetic_mark import is_synthetic
from helpers.page.text import escape
from helpers.paths import BUILD, DATA, ROOT
from helpers.pipeline.build import BuildError, build_lock
from helpers.tools.synthetic import write_inventory_workbook

EXAMPLE = DATA / "examples" / "zonnedal-synthetic-inventory.xlsx"
MUNICIPALITY = "Zonnedal <b>*bold*</b> & Co"
TIMEOUT = 900


def rerun(inventory: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "helpers.pipeline", "--jobs", "2", "rerun"]
    command += ["--inventory", str(inventory), "--out", str(out), *extra]
    return subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT
    )


def tree_hashes(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder``, by relative path."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def main_build_locked():
    """The lock of ``_build``, waiting while another build holds it."""
    deadline = time.monotonic() + TIMEOUT
    while True:
        try:
            lock = build_lock(BUILD)
            lock.__enter__()
            return lock
        except BuildError:
            if time.monotonic() > deadline:
                raise
            time.sleep(5)


@pytest.fixture(scope="module")
def example_book(tmp_path_factory):
    """Rerun on the example into a fresh folder; hashes of _build/html before and after."""
    published = BUILD / "html"
    if not (published / "index.html").is_file():
        pytest.fail("no built book in _build/html: run `make book` first (make test does)")
    out = tmp_path_factory.mktemp("rerun") / "zonnedal"
    lock = main_build_locked()
    try:
        before = tree_hashes(published)
        result = rerun(EXAMPLE, out, "--municipality", MUNICIPALITY, "--year", "2025")
        after = tree_hashes(published)
    finally:
        lock.__exit__(None, None, None)
    return out, result, before, after


def test_the_example_is_labelled_synthetic():
    assert is_synthetic(EXAMPLE)
    assert not is_synthetic(DATA / "amersfoort-2024" / "inventory.xlsx")


def test_is_synthetic_reads_title_or_readme_and_tolerates_junk(tmp_path):
    rows = [{"title": "Iets"}]
    plain = write_inventory_workbook(rows, tmp_path / "plain.xlsx", title=None)
    titled = write_inventory_workbook(rows, tmp_path / "titled.xlsx", title="Synthetic data")
    readme = write_inventory_workbook(
        rows, tmp_path / "readme.xlsx", title=None, readme=["Let op", "Synthetisch voorbeeld"]
    )
    real_readme = write_inventory_workbook(
        rows, tmp_path / "real.xlsx", title=None, readme=["Inventarisatie 2025"]
    )
    junk = tmp_path / "junk.xlsx"
    junk.write_text("not a workbook")
    assert not is_synthetic(plain)
    assert is_synthetic(titled)
    assert is_synthetic(readme)
    assert not is_synthetic(real_readme)
    assert not is_synthetic(junk)
    assert not is_synthetic(tmp_path / "missing.xlsx")


def test_rerun_builds_its_own_book(example_book):
    out, result, _, _ = example_book
    assert result.returncode == 0, result.stdout + result.stderr
    html = out / "html"
    assert (html / "index.html").is_file()
    assert (html / "generated" / "inventory.html").is_file()
    assert not (html / "generated" / "case-studies").exists()
    assert not list(html.rglob("*case-comparison*"))


def test_rerun_pages_say_synthetic(example_book):
    out, result, _, _ = example_book
    assert result.returncode == 0, result.stdout + result.stderr
    for page in ("index.html", "generated/inventory.html"):
        text = (out / "html" / page).read_text(encoding="utf-8")
        assert "SYNTHETIC EXAMPLE — fictional data" in text, page


def test_rerun_landing_escapes_the_municipality(example_book):
    out, result, _, _ = example_book
    assert result.returncode == 0, result.stdout + result.stderr
    landing = (out / "source" / "index.md").read_text(encoding="utf-8")
    assert escape(MUNICIPALITY) in landing
    index = (out / "html" / "index.html").read_text(encoding="utf-8")
    assert "<b>*bold*</b>" not in index
    assert "&lt;b&gt;*bold*&lt;/b&gt; &amp; Co" in index


def test_rerun_leaves_the_main_book_byte_identical(example_book):
    _, result, before, after = example_book
    assert result.returncode == 0, result.stdout + result.stderr
    assert before, "the main book has files"
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert not changed, f"the rerun changed _build/html: {changed[:10]}"


def test_rerun_on_a_broken_workbook_exits_2_and_builds_nothing(tmp_path):
    broken = write_inventory_workbook(
        [
            {"title": "Goede activiteit", "reach_total": "ongeveer heel veel"},
            {"title": "Goede activiteit", "annual_cost_eur": "-5"},
        ],
        tmp_path / "broken inventory.xlsx",
        headers="key",
        title=None,
    )
    out = tmp_path / "out"
    result = rerun(broken, out, "--municipality", "Broken")
    assert result.returncode == 2, result.stdout + result.stderr
    assert broken.name in result.stderr
    assert "row 3" in result.stderr  # the duplicate title / negative cost row
    assert "Nothing was built" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_rerun_on_a_file_that_is_not_a_workbook_exits_2(tmp_path):
    fake = tmp_path / "inventory.xlsx"
    fake.write_text("titel;bereik\nx;1\n", encoding="utf-8")
    out = tmp_path / "out"
    result = rerun(fake, out)
    assert result.returncode == 2, result.stdout + result.stderr
    assert fake.name in result.stderr
    assert not out.exists()


def test_rerun_book_has_every_researcher_chapter(example_book):
    out, result, _, _ = example_book
    assert result.returncode == 0, result.stdout + result.stderr
    generated = out / "html" / "generated"
    for page in ("compared-with-amersfoort", "cost-and-reach", "what-is-missing"):
        text = (generated / f"{page}.html").read_text(encoding="utf-8")
        assert "Key findings" in text, page
    downloads = out / "html" / "_static" / "downloads"
    assert (downloads / "tables.xlsx").is_file() and (downloads / "missing-answers.xlsx").is_file()


def test_rerun_landing_names_the_file_and_its_hash_never_its_folder(example_book):
    out, result, _, _ = example_book
    assert result.returncode == 0, result.stdout + result.stderr
    landing = (out / "html" / "index.html").read_text(encoding="utf-8")
    assert hashlib.sha256(EXAMPLE.read_bytes()).hexdigest() in landing
    assert EXAMPLE.name in landing and "Notes on the data" in landing
    for folder in (out / "html", out / "source"):
        for path in folder.rglob("*"):
            if path.is_file() and path.name != "_config.yml":
                data = path.read_bytes()
                assert str(ROOT).encode() not in data, path
                assert str(out.parent).encode() not in data, path


def test_rerun_charts_carry_no_pdf_image_but_the_main_book_does(example_book):
    out, result, _, _ = example_book
    assert result.returncode == 0, result.stdout + result.stderr
    pages = {p.name: p.read_text(encoding="utf-8") for p in (out / "source").rglob("*.ipynb")}
    assert sum("vegaEmbed" in text for text in pages.values()) >= 3
    assert [name for name, text in pages.items() if '"image/png"' in text] == []
    main = (ROOT / "book" / "generated" / "inventory.ipynb").read_text(encoding="utf-8")
    assert '"image/png"' in main


def visible_text(page: Path) -> str:
    """The words a reader sees on a built page (no scripts, styles or tags)."""
    html = page.read_text(encoding="utf-8")
    html = re.sub(r"<!--.*?-->", " ", html, flags=re.S)
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_a_dutch_rerun_book_has_dutch_boxes_charts_and_data_tables(tmp_path):
    out = tmp_path / "nl"
    result = rerun(EXAMPLE, out, "--municipality", "Zonnedal", "--language", "nl")
    assert result.returncode == 0, result.stdout + result.stderr
    pages = sorted((out / "html" / "generated").rglob("*.html"))
    assert len(pages) >= 4
    for page in pages:
        text = visible_text(page)
        assert len(text) > 2000, page.name  # the page's content, not only its frame
        assert "Belangrijkste bevindingen" in text, page.name
        for english in ("Key findings", "The data behind this chart", "Bar chart:"):
            assert english not in text, (page.name, english)
