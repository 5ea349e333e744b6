"""Provenance: every chart and table of the executed book says where its numbers come from.

Over the executed notebooks in ``book/generated/`` (run ``make book`` first):

* each page has at least the charts and tables pinned in `browser.MINIMUM` (a page of the
  run plan without a pinned line fails: add one);
* every chart (any output that embeds a vega-lite spec) sits in a ``figure`` with the class
  ``book-chart``, has a caption that names a real source, and every tooltip of its spec
  includes a ``source`` field;
* every table (any output carrying `TABLE_MIME` data) has a caption naming a real source.

A real source is a data or code file of the project that exists (``data/...``,
``src/...``, ``runplan.yml``) or a section of one of the two reports ("2024 report,
§4.3", "2017 report, annex 2").
"""

import html
import json
import re
from pathlib import Path

import nbformat
import pytest
from browser import MINIMUM

from helpers.page.tables import TABLE_MIME
from helpers.paths import BOOK, ROOT
from helpers.pipeline.books import main_runs
from helpers.pipeline.plan import load_plan

GENERATED = BOOK / "generated"
FIGURE = re.compile(r"<figure\b[^>]*\bclass=\"([^\"]*)\"[^>]*>(.*?)</figure>", re.DOTALL)
FIGCAPTION = re.compile(r"<figcaption>(.*?)</figcaption>", re.DOTALL)
SPEC = re.compile(r"var spec = (\{.*\});\n")
PATH = re.compile(r"\b((?:data|src|notebooks)/[\w./-]*[\w/]|runplan\.yml)")
MODULE = re.compile(r"\bhelpers(?:\.\w+)+")
REPORT_NAME = r"(?:\b(?:2017|2024) report\b|\bthe study\b)"
SECTION = r"(?:§\s*\d|annex \d|chapter \d|section \d|\bsummary\b|\b\d+\.\d+\b)"
REPORT = re.compile(rf"{REPORT_NAME}.*?{SECTION}|{SECTION}[^;]*?{REPORT_NAME}", re.DOTALL)

#: Captions that name no source yet, found by this test: (page, start of caption). Each
#: is a gap to fix in its chapter (then delete the line); listed here so it stays visible.
KNOWN_GAPS = {
    ("generated/inventory", "Completeness as the study reports it"),
    # names the workbook by its file name only (no local path on a page, by design)
    ("generated/inventory", "Every intervention in the workbook"),
}


def notebooks() -> list[Path]:
    return sorted(GENERATED.rglob("*.ipynb"))


def page_name(path: Path) -> str:
    return path.relative_to(BOOK).with_suffix("").as_posix()


def outputs(path: Path):
    """(cell number, output data) of every output of an executed notebook."""
    notebook = nbformat.read(path, as_version=4)
    for number, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            yield number, output.get("data", {})


def text(data: dict, mime: str) -> str:
    value = data.get(mime, "")
    return "".join(value) if isinstance(value, list) else value


def chart_spec(output: str) -> dict:
    """The vega-lite spec embedded in a chart output (as written by helpers.page.charts)."""
    return json.loads(SPEC.search(output).group(1).replace("<\\!--", "<!--"))


def tooltips(node) -> list:
    """Every tooltip encoding anywhere in a (possibly layered or concatenated) spec."""
    found = []
    if isinstance(node, dict):
        encoding = node.get("encoding")
        if isinstance(encoding, dict) and "tooltip" in encoding:
            found.append(encoding["tooltip"])
        for value in node.values():
            found += tooltips(value)
    elif isinstance(node, list):
        for value in node:
            found += tooltips(value)
    return found


def has_source(tooltip) -> bool:
    items = tooltip if isinstance(tooltip, list) else [tooltip]
    return any(
        (item.get("field") if isinstance(item, dict) else str(item).split(":")[0]) == "source"
        for item in items
    )


def module_exists(dotted: str) -> bool:
    """Whether ``helpers.a.b[.name]`` is a module of src/ (the last part may be a name in it)."""
    parts = dotted.split(".")
    return any(
        (ROOT / "src" / Path(*parts[:n])).with_suffix(".py").is_file()
        for n in range(len(parts), 1, -1)
    )


def source_problems(caption: str) -> list[str]:
    """Why a caption does not name a real source (empty when it does)."""
    caption = " ".join(caption.split())
    if not caption:
        return ["no caption"]
    paths = [p.rstrip(".") for p in PATH.findall(caption)]
    missing = [p for p in paths if not (ROOT / p).exists()]
    modules = MODULE.findall(caption)
    paths += modules
    missing += [m for m in modules if not module_exists(m)]
    if missing:
        return [f"caption names files that do not exist: {missing} ({caption[:80]!r})"]
    if not paths and not REPORT.search(caption):
        return [f"caption names no data file and no report section: {caption[:100]!r}"]
    return []


def chart_problems(output: str) -> list[str]:
    figures = [(cls.split(), body) for cls, body in FIGURE.findall(output)]
    charts = [body for classes, body in figures if "book-chart" in classes]
    if len(charts) != 1:
        return [f"a chart output with {len(charts)} figure(s) of class book-chart, not 1"]
    captions = FIGCAPTION.findall(charts[0])
    caption = html.unescape(captions[0]) if captions else ""
    problems = source_problems(caption)
    tips = tooltips(chart_spec(output))
    if not tips:
        problems.append(f"chart without a tooltip ({caption[:60]!r})")
    elif not all(has_source(t) for t in tips):
        problems.append(f"tooltip without a 'source' field ({caption[:60]!r})")
    return problems


def page_problems(path: Path) -> tuple[int, int, list[str]]:
    """Charts and tables counted on a page, and every provenance problem found."""
    name = page_name(path)
    charts = tables = 0
    problems = []
    for cell, data in outputs(path):
        output = text(data, "text/html")
        if SPEC.search(output):
            charts += 1
            problems += [f"cell {cell}: {p}" for p in chart_problems(output)]
        if TABLE_MIME in data:
            tables += 1
            caption = data[TABLE_MIME]["caption"]
            if not any(caption.startswith(start) for page, start in KNOWN_GAPS if page == name):
                problems += [f"cell {cell}: table {p}" for p in source_problems(caption)]
    return charts, tables, problems


def test_the_book_has_been_executed():
    assert notebooks(), "no executed notebooks in book/generated: run `make book` first"


def test_every_page_of_the_run_plan_has_pinned_minimum_counts():
    pages = {run.page for run in main_runs(load_plan(ROOT / "runplan.yml"))}
    missing, extra = sorted(pages - set(MINIMUM)), sorted(set(MINIMUM) - pages)
    assert not missing and not extra, (
        "tests/browser.py MINIMUM must list every page of runplan.yml "
        f"(missing: {missing}; not in the plan: {extra})"
    )
    assert {page_name(p) for p in notebooks()} == pages


@pytest.mark.parametrize("page", sorted(MINIMUM))
def test_every_chart_and_table_names_its_source(page):
    path = BOOK / f"{page}.ipynb"
    assert path.is_file(), f"{page} was not executed: run `make book`"
    charts, tables, problems = page_problems(path)
    least_charts, least_tables = MINIMUM[page]
    assert charts >= least_charts, f"{charts} chart(s), expected at least {least_charts}"
    assert tables >= least_tables, f"{tables} table(s), expected at least {least_tables}"
    assert not problems, "\n".join(problems)


# --- the checks themselves can fail ------------------------------------------------------


def test_checks_catch_a_chart_without_source_and_a_table_without_caption():
    import altair as alt
    import pandas as pd

    from helpers.page.charts import chart_html

    frame = pd.DataFrame({"a": ["x"], "b": [1]})
    bare = alt.Chart(frame).mark_bar().encode(y="a:N", x="b:Q", tooltip=["a:N", "b:Q"])
    output = chart_html(bare.to_dict(), "", "chart-1", "<svg></svg>")
    problems = chart_problems(output)
    assert "no caption" in problems
    assert any("tooltip without a 'source' field" in p for p in problems)
    sourced = bare.encode(tooltip=["a:N", "b:Q", "source:N"])
    good = chart_html(sourced.to_dict(), "Counts; computed from data/kvds-2017.", "c-2", "")
    assert chart_problems(good) == []
    two_classes = good.replace('class="book-chart"', 'class="book-chart wide"')
    assert chart_problems(two_classes) == []
    unclassed = good.replace('class="book-chart"', 'class="figure"')
    assert "figure(s) of class book-chart" in chart_problems(unclassed)[0]


@pytest.mark.parametrize(
    ("caption", "problem"),
    [
        ("Counts; computed from data/kvds-2017/indicators.csv (2017 report, annex 2).", ""),
        ("Key facts (2024 report, §4.3).", ""),
        ("After 2024 report, annex 3, 1.7.", ""),
        ("Cost per case; computed with src/helpers/chapters/finance.py.", ""),
        ("Examples; computed by helpers.chapters.reconciliation.compare.", ""),
        ("Examples; computed by helpers.chapters.no_such_module.", "do not exist"),
        ("The list of the study (annex 2).", ""),
        ("", "no caption"),
        ("Counts; computed.", "no data file and no report section"),
        ("Counts from the report.", "no data file and no report section"),
        ("Counts; computed from data/no-such-file.csv.", "do not exist"),
    ],
)
def test_a_source_must_be_a_real_file_or_a_report_section(caption, problem):
    problems = source_problems(caption)
    assert (problem in problems[0]) if problem else problems == []
