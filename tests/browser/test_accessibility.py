"""Accessibility of the built book and of a rerun book, offline in headless Chromium.

Run after `make book` (make test does). axe-core (bundled by axe-playwright-python) checks
every page: no serious or critical violation. At a 375 px phone width no chart is wider
than the screen and no page scrolls sideways. In dark mode chart text keeps its contrast
(read from a screenshot). The savings explorer's sliders move with the keyboard.
"""

from __future__ import annotations

import io
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import offline_page, serve

from helpers.paths import DATA, ROOT

HTML = Path(__file__).parents[2] / "_build" / "html"
EXAMPLE = DATA / "examples" / "zonnedal-synthetic-inventory.xlsx"
BLOCKING = ("serious", "critical")
PHONE = 375
# axe's CSSOM preload re-fetches @import-ed stylesheets relative to the page (the theme's
# "../basic.css" becomes a 404); no rule we gate on needs it, and every 404 fails a test.
AXE_OPTIONS = {"resultTypes": ["violations"], "preload": False}
CHARTS_DRAWN = """() => [...document.querySelectorAll('.book-chart-canvas')]
    .every(el => el.classList.contains('vega-embed') && el.querySelector('svg'))"""


def book_pages(folder: Path) -> list[str]:
    """Every HTML page of a built book (not the theme's static files or page sources)."""
    return [
        p.relative_to(folder).as_posix()
        for p in sorted(folder.rglob("*.html"))
        if not p.relative_to(folder).parts[0].startswith("_")
    ]


def open_page(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function(CHARTS_DRAWN, timeout=20000)


def axe_violations(base: str, folder: Path) -> dict[str, Counter]:
    """Per page, the axe violations by impact and rule (nodes counted)."""
    axe = Axe()
    found: dict[str, Counter] = {}
    with offline_page(base) as page:
        for path in book_pages(folder):
            open_page(page, f"{base}/{path}")
            result = axe.run(page, options=AXE_OPTIONS).response
            found[path] = Counter(
                {
                    (v["impact"], v["id"]): len(v["nodes"])
                    for v in result["violations"]
                    if v["impact"] in BLOCKING
                }
            )
        assert page.blocked == [], page.blocked
    return found


@pytest.fixture(scope="module")
def book():
    if not (HTML / "index.html").is_file():
        pytest.fail("no built book in _build/html: run `make book` first (make test does)")
    with serve(HTML) as base:
        yield base


@pytest.fixture(scope="module")
def rerun_book(tmp_path_factory):
    """The synthetic example rerun into a scratch folder; yields (base URL, html folder)."""
    out = tmp_path_factory.mktemp("rerun") / "zonnedal"
    command = [sys.executable, "-m", "helpers.pipeline", "--jobs", "2", "rerun"]
    command += ["--inventory", str(EXAMPLE), "--out", str(out)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    folder = out / "html"
    with serve(folder) as base:
        yield base, folder


def test_book_has_no_serious_or_critical_violation(book):
    found = axe_violations(book, HTML)
    assert len(found) >= 25
    assert {p: dict(c) for p, c in found.items() if c} == {}


def test_rerun_book_has_no_serious_or_critical_violation(rerun_book):
    base, folder = rerun_book
    found = axe_violations(base, folder)
    assert len(found) >= 2
    assert {p: dict(c) for p, c in found.items() if c} == {}


def test_every_chart_has_a_description_and_its_data_under_it(book):
    with offline_page(book) as page:
        open_page(page, f"{book}/generated/inventory.html")
        names = page.eval_on_selector_all(
            ".book-chart-canvas > svg", "els => els.map(e => e.getAttribute('aria-label'))"
        )
        tables = page.locator("figure.book-chart details.book-chart-data table").count()
    assert names and all(n and ":" in n for n in names), names
    assert tables == len(names)


def test_phone_width_no_chart_wider_than_the_screen_and_no_sideways_scroll(book):
    wide: dict[str, object] = {}
    with offline_page(book) as page:
        page.set_viewport_size({"width": PHONE, "height": 800})
        for path in book_pages(HTML):
            open_page(page, f"{book}/{path}")
            page_width = page.evaluate("() => document.documentElement.scrollWidth")
            charts = page.eval_on_selector_all(
                ".book-chart-canvas svg",
                "els => els.map(e => Math.round(e.getBoundingClientRect().right))",
            )
            if page_width > PHONE or any(right > PHONE for right in charts):
                wide[path] = (page_width, [r for r in charts if r > PHONE])
    assert wide == {}


def luminance(rgb) -> float:
    """WCAG relative luminance of an sRGB colour (0..255 channels)."""
    linear = [(c / 255) / 12.92 if c <= 10 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def chart_contrast(png: bytes) -> float:
    """Contrast between a screenshot's most common colour (the background) and its text:
    the pixel that differs most from the background, among colours covering ≥ 0.2 %."""
    from PIL import Image

    pixels = Counter(Image.open(io.BytesIO(png)).convert("RGB").get_flattened_data())
    background = pixels.most_common(1)[0][0]
    total = sum(pixels.values())
    inks = [c for c, n in pixels.items() if n / total >= 0.002]
    return max(contrast(background, c) for c in inks)


# The first caption's text colour and the colour of the first ancestor with a background.
CAPTION_COLOURS = """() => {
    const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
    let el = document.querySelector('figure.book-chart figcaption');
    const ink = rgb(getComputedStyle(el).color);
    while (el && getComputedStyle(el).backgroundColor === 'rgba(0, 0, 0, 0)') el = el.parentElement;
    return [ink, rgb(getComputedStyle(el || document.body).backgroundColor)];
}"""


def test_dark_mode_charts_keep_their_contrast(book):
    shots = Path("/tmp/shots-a11y")
    with offline_page(book) as page:
        open_page(page, f"{book}/generated/inventory.html")
        page.evaluate("() => document.documentElement.dataset.theme = 'dark'")
        page_bg = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
        chart = page.locator(".book-chart-canvas > svg").first
        png = chart.screenshot()
        caption = page.evaluate(CAPTION_COLOURS)
        if shots.is_dir():
            (shots / "dark-chart.png").write_bytes(png)
    assert page_bg not in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")  # dark mode is on
    assert chart_contrast(png) >= 4.5
    assert contrast(*caption) >= 4.5, caption


def test_explorer_sliders_move_with_the_keyboard_and_show_focus(book):
    slider = 'input[type=range][name="case1_avoided"]'
    with offline_page(book) as page:
        open_page(page, f"{book}/generated/savings/cautious.html")
        for _ in range(400):
            page.keyboard.press("Tab")
            if page.evaluate(f"() => document.activeElement.matches('{slider}')"):
                break
        else:
            pytest.fail("Tab never reaches the avoided-cost slider")
        outline = page.evaluate(
            "() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
        )
        before = float(page.eval_on_selector(slider, "el => el.value"))
        page.keyboard.press("ArrowRight")
        after = float(page.eval_on_selector(slider, "el => el.value"))
    assert outline[0] != "none" and outline[1] >= 2, outline
    assert after > before


def test_print_shows_the_article_without_navigation(book):
    with offline_page(book) as page:
        open_page(page, f"{book}/generated/inventory.html")
        page.emulate_media(media="print")
        shown = page.evaluate(
            "() => ['.bd-sidebar-primary', '.bd-header', '.prev-next-area', 'article']"
            ".map(s => { const e = document.querySelector(s);"
            " return e ? getComputedStyle(e).display !== 'none' : null; })"
        )
    assert shown == [False, False, False, True], shown
