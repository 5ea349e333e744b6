"""Workbook text is data, never markup; personal data never reaches the output.

A rerun book is built from a workbook whose titles, provider, neighbourhood, exclusion
reason and sheet name are HTML/JavaScript, with a municipality name full of Markdown and
HTML. Every built page is opened in headless Chromium (network off): no dialog may fire,
no injected element may exist, and the hostile text must show literally. A distinctive
contact-person name is planted in every row and must appear nowhere in the output folder
(HTML, sources, executed notebooks, downloads, zip members of any xlsx).
"""

from __future__ import annotations

import hashlib
import html
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from helpers.tools.synthetic import synthetic_inventory, write_inventory_workbook

ROOT = Path(__file__).resolve().parents[2]
CONTACT = "Wilhelmina Zwartkruis-Oyelaran"
CONTACT_TOKENS = ("Zwartkruis", "Oyelaran")
SCRIPT_TITLE = "<script>alert(1)</script>"
IMG_TITLE = "<img src=x onerror=alert(1)>"
PROVIDER = "<img src=y onerror=alert(6)>"
REASON = "<b onmouseover=alert(2)>niet preventief</b>"
PLACE = "<svg onload=alert(7)>"
SHEET = "<img src=z onerror=alert(5)>"  # a legal Excel sheet name (28 characters)
# no quotes or dashes: Sphinx's smart quotes would change them (typography, not escaping)
MUNICIPALITY = (
    "<script>alert(3)</script> **Zon**dal [klik](javascript:alert(3)) "
    "<img src=x onerror=alert(4)> & $x$ {sub}`1` <!x"
)


def hostile_workbook(path: Path) -> Path:
    rows = synthetic_inventory(16, seed=5)
    rows[0]["title"] = SCRIPT_TITLE
    rows[1]["title"] = IMG_TITLE
    rows[2]["provider"] = PROVIDER
    rows[3]["neighbourhoods"] = f"{PLACE}; Noord"
    rows[4]["exclusion_reason"] = REASON
    rows[4]["in_scope"] = "nee"
    for row in rows:
        row["contact_person"] = CONTACT
    return write_inventory_workbook(rows, path, SHEET, title=None)


@pytest.fixture(scope="module")
def rerun(tmp_path_factory):
    folder = tmp_path_factory.mktemp("safe")
    workbook = hostile_workbook(folder / "hostile.xlsx")
    before = hashlib.sha256(workbook.read_bytes()).hexdigest()
    out = folder / "out"
    result = subprocess.run(
        [sys.executable, "-m", "helpers.pipeline", "--jobs", "2", "rerun",
         "--inventory", str(workbook), "--municipality", MUNICIPALITY,
         "--year", "2025", "--out", str(out)],
        capture_output=True, text=True, cwd=ROOT, timeout=900,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert hashlib.sha256(workbook.read_bytes()).hexdigest() == before
    return out


def test_the_workbook_really_holds_the_hostile_text(tmp_path):
    from helpers.inputs.workbook import read_inventory

    inventory = read_inventory(hostile_workbook(tmp_path / "h.xlsx"), include_personal=True)
    frame = inventory.frame
    assert inventory.sheet == SHEET
    assert {SCRIPT_TITLE, IMG_TITLE} <= set(frame["title"])
    assert PROVIDER in set(frame["provider"])
    assert set(frame["contact_person"]) == {CONTACT}


# -- personal data -------------------------------------------------------------------------


def _texts(path: Path):
    """The bytes of a file, and of every member when it is a zip (xlsx, docx...)."""
    data = path.read_bytes()
    yield str(path), data
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                yield f"{path}!{name}", zf.read(name)


def _encodings(token: str) -> list[bytes]:
    forms = {token, html.escape(token), json.dumps(token)[1:-1]}
    return [f.encode(enc) for f in forms for enc in ("utf-8", "utf-16-le")]


def test_contact_person_is_nowhere_in_the_output(rerun):
    needles = [n.lower() for t in CONTACT_TOKENS for n in _encodings(t)]
    files = [p for p in rerun.rglob("*") if p.is_file()]
    assert any(p.suffix == ".html" for p in files) and any(p.suffix == ".ipynb" for p in files)
    found = [
        where
        for path in files
        for where, data in _texts(path)
        if any(n in data.lower() for n in needles)
    ]
    assert found == [], f"personal data in: {found}"


def test_contact_person_check_can_fail(tmp_path):
    """The search above finds the name when it is there (also inside an xlsx)."""
    hostile_workbook(tmp_path / "copy.xlsx")
    needles = [n.lower() for t in CONTACT_TOKENS for n in _encodings(t)]
    hits = [w for w, d in _texts(tmp_path / "copy.xlsx") if any(n in d.lower() for n in needles)]
    assert hits and all("!" in w for w in hits)


# -- escaping, in the browser --------------------------------------------------------------

INJECTED = """() => ({
  img: [...document.querySelectorAll('img')].filter(i => ['x', 'y', 'z']
         .includes(i.getAttribute('src'))).length,
  svg: document.querySelectorAll('svg[onload]').length,
  bold: document.querySelectorAll('b[onmouseover]').length,
  js: document.querySelectorAll('a[href^="javascript"]').length,
  scripts: [...document.querySelectorAll('script')]
         .filter(s => /alert\\(/.test(s.textContent) && !/vegaEmbed/.test(s.textContent)).length,
})"""


@pytest.fixture(scope="module")
def browser_pages(rerun):
    from browser import chromium, offline_page, serve

    chromium()  # fails with one clear message when Chromium is missing

    html_dir = rerun / "html"
    pages = sorted(p.relative_to(html_dir).as_posix() for p in html_dir.rglob("*.html"))
    pages = [p for p in pages if not p.startswith(("_static", "genindex", "search"))]
    seen = {}
    with serve(html_dir) as base, offline_page(base) as page:
        dialogs: list[str] = []

        def on_dialog(dialog):
            dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        for name in pages:
            page.goto(f"{base}/{name}")
            page.wait_for_load_state("load")
            if page.locator(".book-chart-canvas").count():
                page.wait_for_function(
                    "() => [...document.querySelectorAll('.book-chart-canvas')]"
                    ".every(el => el.classList.contains('vega-embed'))",
                    timeout=20000,
                )
            tooltip = ""
            bars = page.locator(".book-chart-canvas.vega-embed .mark-rect path")
            if bars.count():
                bars.first.hover()
                page.wait_for_timeout(300)
                tip = page.locator("#vg-tooltip-element")
                tooltip = tip.inner_text() if tip.count() else ""
            seen[name] = {
                "text": page.inner_text("body"),
                "title": page.title(),
                "injected": page.evaluate(INJECTED),
                "tooltip": tooltip,
            }
        for query in ("alert", "script", "Zondal", "onerror"):  # titles in search results
            page.goto(f"{base}/search.html?q={query}")
            page.wait_for_function(
                "() => /found|did not match|no results/i.test("
                "document.querySelector('#search-results')?.textContent || '')",
                timeout=20000,
            )
            seen[f"search.html?q={query}"] = {
                "text": page.inner_text("body"),
                "title": page.title(),
                "injected": page.evaluate(INJECTED),
                "tooltip": "",
            }
        errors = list(page.errors)
    return seen, dialogs, errors


def test_no_dialog_fires_and_nothing_is_injected(browser_pages):
    seen, dialogs, errors = browser_pages
    assert len(seen) >= 2  # the landing page and the inventory chapter
    assert dialogs == []
    injected = {name: info["injected"] for name, info in seen.items()}
    assert all(not any(v.values()) for v in injected.values()), injected
    assert errors == [], errors


def test_hostile_text_shows_literally(browser_pages):
    seen, _, _ = browser_pages
    inventory = next(info for name, info in seen.items() if name.endswith("inventory.html"))
    for text in (SCRIPT_TITLE, IMG_TITLE, PROVIDER, SHEET):
        assert text in inventory["text"], text
    landing = seen["index.html"]
    for info in (landing, inventory):
        assert MUNICIPALITY in info["text"]
        # titles are copied into pages unescaped by the theme: they lose < and > instead
        assert "<" not in info["title"] and "&lt;" not in info["title"], info["title"]
        assert "**Zon**dal [klik](javascript:alert(3))" in info["title"]


def test_chart_tooltip_shows_the_source_literally(browser_pages):
    seen, _, _ = browser_pages
    tooltips = [info["tooltip"] for info in seen.values() if info["tooltip"]]
    assert tooltips, "no chart tooltip could be opened"
    assert all(SHEET in tip for tip in tooltips), tooltips
