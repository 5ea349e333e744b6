"""The researchers' book chapters: compared with Amersfoort, cost and reach, what is missing,
the Dutch catalogue and number style, and the command line's safe names and values."""

from __future__ import annotations

import math
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from helpers.chapters import cost_reach, missing
from helpers.chapters import inventory as metrics
from helpers.chapters import municipalities as places
from helpers.chapters.rerun import Input, landing
from helpers.inputs.scope import IN_SCOPE, SCOPE_NOT_CODED
from helpers.inputs.workbook import read_inventory
from helpers.page.callouts import KEY_FINDINGS
from helpers.page.chart_text import MARK_NAMES
from helpers.page.figure_text import QUALIFIER_WORDS
from helpers.page.formatting import NOT_KNOWN
from helpers.page.i18n import LOCALE_DIR as LOCALE
from helpers.page.i18n import Language, language_code, markdown_blocks, translations
from helpers.paths import ROOT
from helpers.pipeline.books import safe_name, unique_names
from helpers.pipeline.cli import from_environment, parse
from helpers.pipeline.plan import load_plan
from helpers.tools.synthetic import write_inventory_workbook

EN, NL = Language("en"), Language("nl")
SOURCES = [
    ROOT / "src/helpers" / p
    for p in (
        "page/i18n.py",
        "chapters/municipalities.py",
        "chapters/cost_reach.py",
        "chapters/missing.py",
        "chapters/rerun.py",
        "chapters/inventory.py",
        "chapters/inventory_page.py",
        "chapters/inventory_sections.py",
        "page/chart_text.py",
        "page/charts.py",
        "pipeline/books.py",
    )
]
#: Messages the sources translate through a name (``t._(label)``), not a literal.
NAMED_MESSAGES = {
    metrics.NOT_CODED, *metrics.COST_WORDS.values(), *metrics.STATUS_GROUPS,
    *metrics.NUMBER_FIGURES.values(), *metrics.INTERVENTION_COLUMNS, *metrics.COUNT_COLUMNS,
    *filter(None, QUALIFIER_WORDS.values()), IN_SCOPE, SCOPE_NOT_CODED,
    *MARK_NAMES.values(), "Chart", KEY_FINDINGS, NOT_KNOWN,
}  # fmt: skip


def frame_of(tmp_path: Path, rows: list[dict]) -> pd.DataFrame:
    return read_inventory(write_inventory_workbook(rows, tmp_path / "w.xlsx", title=None)).frame


ROWS = [
    {"title": "A", "in_scope": "ja", "reach_total": "400-700", "annual_cost_eur": "€ 2.800,-",
     "status": "lopend", "provider": "GGD", "age_groups": "0-4; ouders", "scope": "wijkgericht"},
    {"title": "B", "in_scope": "ja", "reach_total": "bijna 60", "annual_cost_eur": "ca. 6.000",
     "status": "beëindigd", "provider": "Bieb", "objective": "x", "target_group": "y"},
    {"title": "C", "in_scope": "ja", "reach_total": "ruim 100", "provider": "GGD"},
    {"title": "D", "in_scope": "nee", "exclusion_reason": "geen preventie"},
]  # fmt: skip


def test_dutch_and_english_numbers():
    assert NL.money(1016300) == "€\u00a01.016.300"
    assert NL.percent(78.8) == "78,8\u00a0%"
    assert NL.count(674107) == "674.107"
    assert EN.money(1016300) == "€1,016,300"
    assert EN.percent(78.8) == "78.8 %"
    assert NL.money(float("nan")) == "onbekend" and EN.count(None) == "not known"


def test_amounts_keep_their_qualifiers():
    assert EN.amount(3000, 3000, "~") == "ca. 3,000"
    assert EN.amount(500, math.nan, ">") == "more than 500"
    assert EN.amount(math.nan, 60, "<") == "under 60"
    assert EN.amount(math.nan, 60, "almost") == "almost 60"
    assert NL.amount(400, 700, "range") == "400–700"
    assert NL.amount(math.nan, 60, "<") == "minder dan 60"
    assert NL.amount(math.nan, 60, "almost") == "bijna 60"
    assert NL.amount(3000, 3000, "~", money=True) == "ca. €\u00a03.000"
    assert EN.amount(math.nan, math.nan, None) == "not known"


def test_language_code_reads_gettext_style_values():
    assert language_code("nl") == "nl"
    assert language_code("nl_NL.UTF-8:en") == "nl"
    assert language_code("en_US:en") == "en"
    assert language_code("") == language_code(None) == language_code("fr") == "en"


def template_messages() -> set[str]:
    """The headings and paragraphs of the rerun book's templates (translated by the pipeline)."""
    found = set()
    for run in load_plan():
        if run.rerun is not None:
            cells = nbformat.read(run.template, as_version=4).cells
            markdown = [c.source for c in cells if c.cell_type == "markdown"]
            found |= {message for text in markdown for _, message in markdown_blocks(text)}
    return found - {""}


def catalogue() -> dict:
    with (LOCALE / "nl/LC_MESSAGES/book.po").open("rb") as handle:
        return {m.id: m.string for m in read_po(handle) if m.id}


def test_every_marked_message_has_a_dutch_translation():
    translated = {i for i, s in catalogue().items() if all(s if isinstance(s, tuple) else [s])}
    keywords = {"_": None, "n_": (1, 2)}
    messages = (
        NAMED_MESSAGES
        | template_messages()
        | {
            message
            for source in SOURCES
            for _, message, _, _ in extract_from_file("python", source, keywords=keywords)
        }
    )
    assert len(messages) > 150
    assert not sorted(messages - translated, key=str)
    assert translations("nl").gettext("What is missing") == "Wat ontbreekt"
    assert NL.n_("{n} row", "{n} rows", 2) == "{n} rows"  # no translation: the source


def test_the_catalogue_holds_no_message_nobody_uses():
    """Every entry is used by a source (or is a title of the run plan): no stale Dutch."""
    keywords = {"_": None, "n_": (1, 2)}
    used = (
        NAMED_MESSAGES
        | template_messages()
        | {
            message
            for source in (ROOT / "src/helpers").rglob("*.py")
            for _, message, _, _ in extract_from_file("python", source, keywords=keywords)
        }
    )
    plan = (ROOT / "runplan.yml").read_text(encoding="utf-8")
    stale = [i for i in catalogue() if i not in used and f'title: "{i}"' not in plan]
    assert not stale


def test_cost_per_participant_carries_ranges_and_bounds(tmp_path):
    rows = cost_reach.per_participant(frame_of(tmp_path, ROWS))
    by_title = rows.set_index("title")
    assert set(by_title.index) == {"A", "B"}  # C has no cost, D is out of scope
    assert by_title.loc["A", "cpp_low"] == pytest.approx(2800 / 700)
    assert by_title.loc["A", "cpp_high"] == pytest.approx(2800 / 400)
    assert by_title.loc["B", "cpp_low"] == pytest.approx(100.0)  # 'bijna 60' counts as 60
    assert not by_title.loc["B", "running"] and by_title.loc["A", "running"]


def test_cost_table_shows_qualifiers_and_break_even(tmp_path, figures):
    rows = cost_reach.per_participant(frame_of(tmp_path, ROWS))
    avoided, origin = cost_reach.avoided_cost(figures, None, EN)
    assert avoided == pytest.approx(2900 * 109)
    assert origin.startswith("an assumption for illustration, not a measured cost")
    assert "109 participants" in origin and "annex 3" in origin
    table = cost_reach.table(rows, 10_000, EN).set_index("intervention")
    assert table.loc["B", "reach per year"] == "almost 60"  # 'bijna 60', counted at 60
    assert table.loc["B", "annual cost"] == "ca. €6,000"
    assert table.loc["B", "status"] == "Ended"
    assert table.loc["A", "cost per participant"] == "€4–€7"
    assert table.loc["A", "break-even success rate"] == "0.04 %–0.07 %"
    assert cost_reach.avoided_cost(figures, 5000, EN) == (
        5000.0, "a value the researcher set for this book")  # fmt: skip
    findings = cost_reach.key_findings(frame_of(tmp_path, ROWS), rows, 10_000, EN)
    assert findings[0].startswith("2 of the 3 interventions in scope")
    assert findings[1].startswith("1 of them has ended or is still planned; it is listed")
    nl = cost_reach.key_findings(frame_of(tmp_path, ROWS), rows, 10_000, NL)
    assert nl[1].startswith("1 daarvan is beëindigd of nog in voorbereiding")


def test_missing_names_providers_and_gaps(tmp_path):
    frame = frame_of(tmp_path, ROWS)
    gaps = missing.gaps(frame, EN)
    assert list(gaps["intervention"]) == ["C", "A", "B"]
    assert list(gaps["questions unanswered"]) == [5, 4, 2]
    row_c = gaps.iloc[0]
    assert row_c["provider"] == "GGD" and row_c["reach"] == "" and row_c["annual cost"] == "missing"
    assert "contact" not in " ".join(gaps.columns).lower()
    counts = missing.per_question(frame, EN).set_index("question")
    assert counts.loc["databank", "interventions without an answer"] == 3
    assert missing.key_findings(frame, gaps, EN)[0] == (
        "0 of the 3 interventions in scope answer all six questions."
    )


def test_comparison_puts_published_amersfoort_beside_the_workbook(tmp_path, figures):
    long = places.comparison({"Zonnedal": frame_of(tmp_path, ROWS)}, figures, EN)
    cell = long.set_index(["place", "measure"])["share"]
    assert cell[("Zonnedal", "in scope")] == 75.0
    assert cell[("Amersfoort (published, 2023)", "in scope")] == pytest.approx(59.1)
    assert cell[("Amersfoort (published, 2023)", "4-12 years")] == pytest.approx(39.4)
    assert pd.isna(cell[("Amersfoort (published, 2023)", "Meaningfulness")])
    wide = places.wide_table(long, EN).set_index("measure")
    assert wide.loc["reach known", "Zonnedal"] == "3 of 3 (100.0 %)"
    assert wide.loc["reach known", "Amersfoort (published, 2023)"] == "50 of 137 (36.5 %)"
    assert wide.loc["Meaningfulness", "Amersfoort (published, 2023)"] == "not known"
    nl = places.wide_table(places.comparison({"Z": frame_of(tmp_path, ROWS)}, figures, NL), NL)
    assert "50 van 137 (36,5\u00a0%)" in set(nl["Amersfoort (gepubliceerd, 2023)"])
    for topic in places.TOPICS:
        assert (
            places.topic_chart(long, topic, "computed from w.xlsx", EN).to_dict()["mark"]["type"]
            == "bar"
        )


def test_an_empty_workbook_gives_pages_not_errors(tmp_path, figures):
    frame = frame_of(tmp_path, [{"title": "Alleen een titel"}])
    long = places.comparison({"Leeg": frame}, figures, EN)
    assert pd.isna(long.set_index(["place", "measure"])["share"][("Leeg", "in scope")])
    rows = cost_reach.per_participant(frame)
    assert rows.empty and cost_reach.explorer_picks(rows) == []
    assert len(missing.gaps(frame, EN)) == 1


def test_landing_names_file_hash_warnings_and_version():
    entry = Input("'s-Hertogenbosch", "inv 2025.xlsx", "ab" * 32, ("row 3: odd value",), Path("x"))
    page = landing("Collective prevention in 's-Hertogenbosch", [entry], ["generated/a"],
                   ("2026-01-01", "abc123"), EN)  # fmt: skip
    assert "inv 2025\\.xlsx" in page and "ab" * 32 in page
    assert "Notes on the data" in page and "row 3\\: odd value" in page
    assert "2026\\-01\\-01" in page and "abc123" in page
    assert "/" not in page.split("{doc}")[0].replace("</", "")  # no folder named before links


def test_safe_output_names_keep_letters():
    assert safe_name("Súdwest-Fryslân") == "sudwest-fryslan"
    assert safe_name("'s-Hertogenbosch") == "s-hertogenbosch"
    assert safe_name("$(rm -rf ~) `id`") == "rm-rf-id"
    assert safe_name("///") == "rerun"


def test_environment_values_arrive_verbatim():
    weird = '\'s-Hertogenbosch "Súdwest" $HOME `id` $(id)'
    env = {"RERUN_INVENTORY": "my file's.xlsx", "RERUN_MUNICIPALITY": weird,
           "RERUN_OUT": "out $x", "RERUN_LANGUAGE": "nl"}  # fmt: skip
    args = from_environment(parse(["rerun", "--from-env"]), env)
    assert args.municipality == weird
    assert str(args.inventory) == "my file's.xlsx" and str(args.out) == "out $x"
    many = {"RERUN_INVENTORIES": "a.xlsx 'b c.xlsx' \"$d.xlsx\""}
    args = from_environment(parse(["compare", "--from-env"]), many)
    assert [str(p) for p in args.inventories] == ["a.xlsx", "b c.xlsx", "$d.xlsx"]


def test_compare_pages_get_unique_names():
    named = unique_names([("Zonnedal", "a.xlsx"), ("Zonnedal", "b.xlsx"), ("Zon dal", "c.xlsx"),
                          ("zon-dal", "d.xlsx")])  # fmt: skip
    assert named == [
        ("Zonnedal", "zonnedal"),
        ("Zonnedal (b.xlsx)", "zonnedal-b-xlsx"),
        ("Zon dal", "zon-dal"),
        ("zon-dal", "zon-dal-2"),
    ]


def test_markdown_cells_are_translated_block_by_block():
    text = "## Age groups\n\nA paragraph the\ncatalogue lacks.\n\n### Reach and cost"
    assert (
        NL.markdown(text)
        == "## Leeftijdsgroepen\n\nA paragraph the catalogue lacks.\n\n### Bereik en kosten"
    )
    assert EN.markdown(text) == text  # the English book keeps its cells as written
