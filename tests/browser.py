"""Headless Debian Chromium with the network off: only the book itself answers.

`offline_page` checks, when the test body is done, that the page raised no JavaScript
error, logged no console error, and made no request that was blocked (outside the book),
failed, or answered with an error status. Every browser test gets these checks by using
it; a test that expects such a problem says so with ``expect_problems=True`` and reads
``page.problems`` itself.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

CHROMIUM = shutil.which("chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: Pages of the run plan and the least number of (charts, tables) each must show.
#: One line per page; when a page gains or loses a chart or table on purpose, change its line.
MINIMUM = {
    "generated/inventory": (4, 4),
    "generated/case-studies/01-vreedzame-school": (3, 5),
    "generated/case-studies/02-stevig-ouderschap": (0, 7),
    "generated/case-studies/03-rots-en-water": (0, 7),
    "generated/case-studies/04-centering-zwangerschap": (2, 8),
    "generated/case-studies/05-taalent": (0, 7),
    "generated/case-studies/06-vijf-stappen-methode": (3, 8),
    "generated/case-studies/07-blijf-fit": (1, 6),
    "generated/case-studies/08-samen-actief": (0, 5),
    "generated/case-studies/09-coach-en-cootje": (2, 7),
    "generated/case-studies/10-sociaal-vitaal-in-kleur": (6, 7),
    "generated/case-studies/11-mbo-track": (3, 7),
    "generated/case-studies/12-bouwdepot": (1, 7),
    "generated/case-comparison": (5, 6),
    "generated/balance-model": (8, 12),
    "generated/reconciliation": (1, 10),
    "generated/savings/cautious": (11, 10),
    "generated/savings/optimistic": (11, 10),
}

#: Console errors of the themes, not of the book, matched exactly. sphinx-book-theme's
#: inline script leaves the colour mode empty on a reader's first visit and
#: pydata-sphinx-theme then logs this once and falls back to "auto" (upstream:
#: pydata/pydata-sphinx-theme#1635). Remove the line when the theme no longer logs it.
KNOWN_CONSOLE_ERRORS = {"Got invalid theme mode: . Resetting to auto."}

#: True when every chart canvas holds vega's SVG with at least one drawn data mark: an
#: element inside a ``role-mark`` group (axes, legends and titles have other roles).
CHARTS_DRAWN = """() => {
    const canvases = [...document.querySelectorAll('.book-chart-canvas')];
    return canvases.length > 0 && canvases.every(el =>
        el.classList.contains('vega-embed') &&
        el.querySelector('svg g.role-mark > :is(path, rect, line, circle, text, g)'));
}"""


def chromium() -> str:
    """Debian's Chromium; a missing one is a failure with one clear message, never a skip."""
    if CHROMIUM is None:
        raise AssertionError(
            "chromium is not installed: run `make browser-deps` (as root it installs "
            "Debian's chromium; make test does this)"
        )
    return CHROMIUM


@contextmanager
def serve(folder: Path):
    """Serve ``folder`` on a free loopback port; yield the base URL."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def watch(page, base_url: str) -> dict[str, list[str]]:
    """Collect the page's errors, console errors and failed or refused requests."""
    problems: dict[str, list[str]] = {
        "page errors": [],
        "console errors": [],
        "blocked requests": [],
        "failed requests": [],
        "error responses": [],
    }
    page.on("pageerror", lambda exc: problems["page errors"].append(str(exc)))
    page.on(
        "console",
        lambda msg: (
            msg.type == "error"
            and msg.text not in KNOWN_CONSOLE_ERRORS
            and problems["console errors"].append(msg.text)
        ),
    )

    def failed(request):
        if request.url.startswith(base_url) or request.url.startswith("data:"):
            problems["failed requests"].append(f"{request.url}: {request.failure}")

    page.on("requestfailed", failed)
    page.on(
        "response",
        lambda r: r.status >= 400 and problems["error responses"].append(f"{r.status} {r.url}"),
    )
    return problems


@contextmanager
def offline_page(base_url: str, expect_problems: bool = False, **context_options):
    """A browser page that may reach ``base_url`` only (``http://`` or ``file://``).

    Other requests are blocked and kept. After the test body, every kind of problem
    collected must be empty unless ``expect_problems``.
    """
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=chromium(), args=FLAGS)
        except PlaywrightError as exc:
            raise AssertionError(f"chromium at {CHROMIUM} does not start: {exc}") from None
        context = browser.new_context(viewport={"width": 1280, "height": 900}, **context_options)
        context.set_default_timeout(90000)  # two shared cores can be slow; a hang still fails
        page = context.new_page()
        page.problems = watch(page, base_url)

        def route(request_route):
            url = request_route.request.url
            if url.startswith(base_url) or url.startswith("data:"):
                request_route.continue_()
            else:
                page.problems["blocked requests"].append(url)
                request_route.abort()

        context.route("**/*", route)
        page.errors = page.problems["page errors"]
        page.blocked = page.problems["blocked requests"]
        try:
            yield page
            if not expect_problems:
                found = {kind: items for kind, items in page.problems.items() if items}
                assert not found, f"problems in the browser: {found}"
        finally:
            browser.close()
