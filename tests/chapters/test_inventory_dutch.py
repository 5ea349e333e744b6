"""The inventory chapter in Dutch: every reader-visible word of the page is Dutch (names
from the workbook aside), numbers are written the Dutch way, and qualifiers read right."""

from __future__ import annotations

import re

import nbformat
import pytest
from validate_cli import workbook as sheet_workbook

from helpers.chapters import inventory_page, inventory_sections
from helpers.page import charts
from helpers.page.blocks import Chart, Provenance, Table, Text
from helpers.page.chart_text import describe
from helpers.page.i18n import Language
from helpers.paths import DATA, ROOT
from helpers.pipeline.plan import load_plan

EXAMPLE = DATA / "examples" / "zonnedal-synthetic-inventory.xlsx"
NL = Language("nl")
#: Words that give away an English sentence, label or header ("of" is Dutch too: left out).
ENGLISH = re.compile(
    r"\b(the|and|interventions?|workbook|computed|scope|share|reach|cost|given|ended|"
    r"planned|running|known|under|almost|more than|chart|highest|rows?|findings|which|"
    r"excluded|category|question|answer|total|status not)\b",
    re.IGNORECASE,
)
TEMPLATE = ROOT / "notebooks" / "01_inventory.ipynb"
SECTIONS = (
    inventory_sections.scope_section,
    inventory_sections.dimension_section,
    inventory_sections.age_section,
    inventory_sections.completeness_section,
    inventory_sections.area_section,
    inventory_sections.totals_section,
    inventory_sections.interventions_section,
)
#: Columns that hold the workbook's own words (names of interventions and providers).
NAMES = {"titel", "aanbieder"}


def workbook(path, header: list[str], rows: list[list]) -> str:
    return str(sheet_workbook(path, [header, *rows]))


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The example in Dutch, and two odd workbooks: titles only, and scope not coded."""
    folder = tmp_path_factory.mktemp("dutch")
    titles = workbook(folder / "titels.xlsx", ["Titel"], [["Eén"], ["Twee"]])
    header = ["Titel", "Status", "Jaarlijkse kosten (EUR)", "Bereik per jaar", "Leeftijdsgroepen"]
    rows = [
        ["A", "lopend", "€ 1.000.000", "bijna 60", "0-4 jaar"],
        ["B", "gestopt", "1.291.800", "minder dan 40", ""],
        ["C", "in voorbereiding", "ca. 3.000", "400-700", ""],
    ]
    uncoded = workbook(folder / "geen-scope.xlsx", header, rows)
    return [
        inventory_page.load_page(path, "Zonnedal", 2025, "", "nl")
        for path in (EXAMPLE, titles, uncoded)
    ]


def template_markdown(t: Language) -> list[str]:
    """The inventory template's headings and paragraphs, as the pipeline words them."""
    notebook = nbformat.read(TEMPLATE, as_version=4)
    return [t.markdown(c.source) for c in notebook.cells if c.cell_type == "markdown"]


def visible_text(page) -> list[str]:
    """Everything a reader sees: sentences, headings, captions, headers, cells, chart words."""
    shown = [*inventory_page.key_findings(page), *template_markdown(page.t)]
    sections = [inventory_page.synthetic_notice, *SECTIONS]
    blocks = [block for section in sections for block in section(page)]
    for block in blocks:
        if isinstance(block, Text):
            shown.append(block.markdown)
        elif isinstance(block, Table | Provenance):
            shown += [block.caption, *map(str, block.frame.columns)]
            for column in block.frame.columns:
                if str(column) not in NAMES:
                    shown += [str(v) for v in block.frame[column]]
        elif isinstance(block, Chart):
            spec = block.chart.to_dict()
            shown += [block.caption, describe(spec, block.caption, page.t)]
            encoding = spec["encoding"]
            shown += [str(e.get("field", "")) for e in encoding.values() if isinstance(e, dict)]
            shown += [str(e.get("title") or "") for e in encoding.values() if isinstance(e, dict)]
            for rows in spec["datasets"].values():
                shown += [str(v) for row in rows for k, v in row.items() if k != "source"]
    return shown


def without_names(text: str, page) -> str:
    """The text without the workbook's file name (its words are the municipality's)."""
    return text.replace(page.source.split("werkboek ")[1], "")


def test_no_english_word_on_a_dutch_inventory_page(pages):
    for page in pages:
        leftovers = [
            text
            for text in visible_text(page)
            if ENGLISH.search(re.sub(r"\{[a-z]+\}", "", without_names(text, page)))
        ]
        assert not leftovers, leftovers[:5]


def test_dutch_page_has_dutch_headings_numbers_and_qualifiers(pages):
    example, titles, uncoded = pages
    text = " ".join(visible_text(example))
    assert "## Binnen de afbakening en uitgesloten\n\nEen interventie valt binnen" in text
    assert "## Leeftijdsgroepen" in text and "## Alle interventies" in text
    assert "Staafdiagram: interventies per" in text
    findings = inventory_page.key_findings(uncoded)
    assert findings[0].startswith("Het werkboek van Zonnedal (2025) noemt 3 interventies, maar")
    assert (
        "De 1 lopende interventie die kosten opgeeft, kost €\u00a01.000.000 per jaar; 2 "
        in (findings[-1])
    )
    cells = {v for b in inventory_sections.interventions_section(uncoded) if isinstance(b, Table)
             for v in b.frame.to_numpy().ravel()}  # fmt: skip
    assert {"bijna 60", "minder dan 40", "ca. €\u00a03.000", "400–700", "Beëindigd"} <= cells
    totals = next(b for b in inventory_sections.totals_section(uncoded) if isinstance(b, Table))
    assert "€\u00a01.291.800" in set(totals.frame["totaal"])
    assert inventory_page.key_findings(titles)[0].startswith(
        "Het werkboek van Zonnedal (2025) noemt 2 interventies"
    )


def test_the_english_page_keeps_its_words(pages):
    notebook = nbformat.read(TEMPLATE, as_version=4)
    cells = [c.source for c in notebook.cells if c.cell_type == "markdown"]
    assert template_markdown(Language("en")) == cells  # unchanged, line breaks and all
    assert cells[1].startswith("## In scope and excluded\n\nAn intervention is in scope when")
    english = inventory_page.load_page(EXAMPLE, "Zonnedal", 2025, "")
    assert inventory_page.key_findings(english)[0].startswith("The workbook for Zonnedal (2025)")


def test_published_figures_are_english_only():
    with pytest.raises(ValueError, match="English book only"):
        inventory_page.load_page(EXAMPLE, "Zonnedal", 2025, "amersfoort-2024", "nl")


def test_the_rerun_sets_the_inventory_template_language():
    [run] = [r for r in load_plan() if r.name == "inventory"]
    assert run.parameters["language"] == "en" and run.rerun["published_report"] == ""
    notebook = nbformat.read(ROOT / "notebooks" / "01_inventory.ipynb", as_version=4)
    assert 'language = "en"' in notebook.cells[0].source
    headings = [c.source.split("\n")[0] for c in notebook.cells if c.source.startswith("## ")]
    assert len(headings) == 7  # real sections (a heading printed by code is only a rubric)


def test_dutch_charts_write_dutch_axis_numbers(monkeypatch):
    shown = []
    monkeypatch.setattr(charts, "display", lambda bundle, raw: shown.append(bundle))
    page = inventory_page.load_page(EXAMPLE, "Zonnedal", 2025, "", "nl")
    [chart] = [b for b in inventory_sections.age_section(page) if isinstance(b, Chart)]
    charts.show(chart.chart, chart.caption, NL)
    figure = shown[0]["text/html"]
    assert '"decimal": ","' in figure and "De gegevens achter deze grafiek" in figure
    assert 'aria-label="Staafdiagram: interventies per leeftijdsgroep' in figure
