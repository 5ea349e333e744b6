"""Provenance: every chart and table of the executed book says where its numbers come from.

Over the executed notebooks in ``book/generated/`` (run ``make book`` first):

* every chart (HTML with ``class="book-chart"``) has a non-empty figcaption that names a
  source ("report", "computed", "§" or "data/"), and its vega-lite spec has a tooltip
  that includes a ``source`` field (every tooltip of the chart does);
* every table (``class="dataframe book-table``) has a non-empty caption.
"""

import html
import json
import re
from pathlib import Path

import nbformat
import pytest

from helpers.paths import BOOK

GENERATED = BOOK / "generated"
SOURCE_WORDS = ("report", "computed", "§", "data/")
FIGCAPTION = re.compile(r"<figcaption>(.*?)</figcaption>", re.DOTALL)
SPEC = re.compile(r"var spec = (\{.*\});\n")
TABLE = re.compile(r'<table[^>]*class="dataframe book-table[^"]*"[^>]*>(.*?)</table>', re.DOTALL)
CAPTION = re.compile(r"<caption>(.*?)</caption>", re.DOTALL)


def notebooks() -> list[Path]:
    return sorted(GENERATED.rglob("*.ipynb"))


def html_outputs(path: Path):
    notebook = nbformat.read(path, as_version=4)
    for number, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/html")
            if text:
                yield number, "".join(text) if isinstance(text, list) else text


def chart_spec(output: str) -> dict:
    """The vega-lite spec embedded in a chart output (as written by helpers.page.charts)."""
    match = SPEC.search(output)
    assert match, "chart output without an embedded vega-lite spec"
    return json.loads(match.group(1).replace("<\\!--", "<!--"))


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


def chart_problems(output: str) -> list[str]:
    problems = []
    captions = FIGCAPTION.findall(output)
    caption = html.unescape(captions[0]).strip() if captions else ""
    if not caption:
        problems.append("chart without a caption")
    elif not any(word in caption for word in SOURCE_WORDS):
        problems.append(f"caption names no source: {caption!r}")
    tips = tooltips(chart_spec(output))
    if not tips:
        problems.append(f"chart without a tooltip ({caption[:60]!r})")
    elif not all(has_source(t) for t in tips):
        problems.append(f"tooltip without a 'source' field ({caption[:60]!r})")
    return problems


def table_problems(output: str) -> list[str]:
    problems = []
    for body in TABLE.findall(output):
        caption = CAPTION.search(body)
        if not caption or not html.unescape(caption.group(1)).strip():
            problems.append("table without a caption")
    return problems


def test_the_book_has_been_executed():
    if not notebooks():
        pytest.skip("no executed notebooks in book/generated: run `make book` first")


@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.relative_to(GENERATED).as_posix())
def test_every_chart_and_table_names_its_source(path):
    problems = []
    for cell, output in html_outputs(path):
        if 'class="book-chart"' in output:
            problems += [f"cell {cell}: {p}" for p in chart_problems(output)]
        if 'class="dataframe book-table' in output:
            problems += [f"cell {cell}: {p}" for p in table_problems(output)]
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
    assert "chart without a caption" in problems
    assert any("tooltip without a 'source' field" in p for p in problems)
    sourced = bare.encode(tooltip=["a:N", "b:Q", "source:N"])
    good = chart_html(sourced.to_dict(), "Counts; computed from data/x.csv.", "c-2", "")
    assert chart_problems(good) == []
    table = '<table border="0" class="dataframe book-table">\n  <thead></thead></table>'
    assert table_problems(table) == ["table without a caption"]
