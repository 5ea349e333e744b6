"""The inventory chapter's counts, checked against counts made independently of the code.

The first half reads the synthetic example workbook twice: once through the project's
reader and `helpers.chapters.inventory` (what the chapter shows), once cell by cell with
openpyxl and plain Python here (the expectation). The two paths share no code, so a bug
in either one shows as a difference. The second half uses small hand-made frames whose
answers are obvious: multi-valued rows, ranges and bounds, and nothing coded at all.
"""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np
import openpyxl
import pandas as pd
import pytest
from validate_cli import workbook as sheet_workbook

from helpers.chapters import inventory as metrics
from helpers.chapters import inventory_page, inventory_sections
from helpers.inputs.scope import selection_label
from helpers.inputs.workbook import read_inventory
from helpers.page.blocks import Chart, Provenance, Table, Text
from helpers.paths import DATA

EXAMPLE = DATA / "examples" / "zonnedal-synthetic-inventory.xlsx"

# The Dutch headers of the template, as the example workbook writes them.
COLUMNS = {
    "title": "Titel",
    "objective": "Doelstelling",
    "scope": "Wijkgericht of hele gemeente",
    "status": "Status",
    "databank": "Databank",
    "target_group": "Doelgroep",
    "reach_total": "Bereik per jaar",
    "effect_monitoring": "Zicht op effecten",
    "annual_cost_eur": "Jaarlijkse kosten (EUR)",
    "in_scope": "Binnen definitie",
    "exclusion_reason": "Reden uitsluiting",
    "age_groups": "Leeftijdsgroepen",
    "health_dimensions": "Dimensies positieve gezondheid",
}
YES, NO = {"ja", "yes", "j", "y"}, {"nee", "no", "n"}
DIMENSION_WORDS = {
    "lichaamsfuncties": "bodily_functions",
    "bodily functions": "bodily_functions",
    "mentaal welbevinden": "mental_wellbeing",
    "mental well-being": "mental_wellbeing",
    "zingeving": "meaningfulness",
    "meaningfulness": "meaningfulness",
    "kwaliteit van leven": "quality_of_life",
    "quality of life": "quality_of_life",
    "meedoen": "participation",
    "participation": "participation",
    "dagelijks functioneren": "daily_functioning",
    "daily functioning": "daily_functioning",
}
AGE_WORDS = {
    "0-4 jaar": "0-4",
    "0-4 years": "0-4",
    "0-4": "0-4",
    "4-12 jaar": "4-12",
    "4-12 years": "4-12",
    "4-12": "4-12",
    "13-18 jaar": "13-18",
    "13-18 years": "13-18",
    "13-18": "13-18",
    "18-25 jaar": "18-25",
    "18-25 years": "18-25",
    "18-25": "18-25",
    "volwassenen als ouders": "parents",
    "adults as parents": "parents",
    "parents": "parents",
    "volwassenen (25-55)": "adults_25_55",
    "adults (25-55)": "adults_25_55",
    "adults_25_55": "adults_25_55",
    "ouderen 55 plus": "55_plus",
    "older people (55+)": "55_plus",
    "55_plus": "55_plus",
}
SCOPE_WORDS = {
    "wijkgericht": "neighbourhood",
    "hele stad": "city_wide",
    "stedelijk": "city_wide",
    "city-wide": "city_wide",
    "beide": "both",
}
NO_DATABANK = {"geen", "none", "nee", "no", "-"}
STATUS_WORDS = {
    "pilot": "running (active or pilot)",
    "lopend": "running (active or pilot)",
    "active": "running (active or pilot)",
    "actief": "running (active or pilot)",
    "gestopt": "ended",
    "beëindigd": "ended",
    "in voorbereiding": "planned",
}
UNKNOWN_NUMBER = {"onbekend", "?", "unknown"}


# --------------------------------------------------------------------------------------
# The independent path: openpyxl cells and plain Python
# --------------------------------------------------------------------------------------


def blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def words(value) -> list[str]:
    """A multi-valued cell split on ';', ',' and line breaks, lower-cased."""
    if blank(value):
        return []
    return [part.strip().lower() for part in re.split(r"[;,\n]", str(value)) if part.strip()]


def whole_number(text: str) -> float:
    """'1.050' -> 1050, '175.000' -> 175000, '300' -> 300 (the example has no decimals)."""
    digits = text.replace(".", "").replace(" ", "")
    assert digits.isdigit(), f"the test's parser does not understand {text!r}"
    return float(digits)


def number(value) -> tuple[float | None, float | None, str | None]:
    """(low, high, qualifier) of a reach or cost cell, for the formats in the example."""
    if blank(value):
        return None, None, None
    if isinstance(value, int | float):
        return float(value), float(value), "="
    text = value.strip().lower()
    if text in UNKNOWN_NUMBER:
        return None, None, None
    text = text.replace("€", "").replace("per jaar", "").strip()
    text = re.sub(r",\s*-$", "", text).strip()  # ",-" = no cents
    if text.startswith("ca."):
        amount = whole_number(text[3:].replace("€", "").strip())
        return amount, amount, "~"
    if text.startswith("ruim "):
        return whole_number(text[5:]), None, ">"
    if text.startswith("bijna "):
        return None, whole_number(text[6:]), "almost"
    parts = re.split(r"\s*(?:-|–|tot)\s*", text)
    if len(parts) == 2:
        return whole_number(parts[0]), whole_number(parts[1]), "range"
    amount = whole_number(text)
    return amount, amount, "="


def example_rows() -> list[dict]:
    """Every data row of the example as {field key: raw cell value}."""
    wb = openpyxl.load_workbook(EXAMPLE, read_only=True, data_only=True)
    try:
        rows = list(wb["Interventies"].iter_rows(values_only=True))
    finally:
        wb.close()
    header = list(rows[0])
    index = {key: header.index(name) for key, name in COLUMNS.items()}
    return [
        {key: row[i] for key, i in index.items()}
        for row in rows[1:]
        if not all(blank(v) for v in row)
    ]


def coded(value) -> bool | None:
    if blank(value):
        return None
    word = str(value).strip().lower()
    assert word in YES | NO, f"the test does not know the yes/no word {value!r}"
    return word in YES


@pytest.fixture(scope="module")
def raw():
    return example_rows()


@pytest.fixture(scope="module")
def raw_in_scope(raw):
    flags = [coded(r["in_scope"]) for r in raw]
    if all(f is None for f in flags):
        return raw
    return [r for r, f in zip(raw, flags, strict=True) if f is True]


@pytest.fixture(scope="module")
def frame():
    return read_inventory(EXAMPLE).frame


@pytest.fixture(scope="module")
def scoped(frame):
    return metrics.in_scope(frame)


def as_dict(table: pd.DataFrame, key: str, value: str = "interventions") -> dict:
    return dict(zip(table[key], table[value], strict=True))


# --------------------------------------------------------------------------------------
# The example workbook: chapter counts == independent counts
# --------------------------------------------------------------------------------------


def test_example_is_usable(raw, raw_in_scope):
    assert len(raw) >= 20
    assert 0 < len(raw_in_scope) < len(raw), "the example should have rows of both kinds"


def test_scope_counts(raw, frame):
    flags = Counter(coded(r["in_scope"]) for r in raw)
    table = as_dict(metrics.scope_counts(frame), "status")
    assert table == {"in scope": flags[True], "excluded": flags[False], "not coded": flags[None]}
    assert len(metrics.in_scope(frame)) == flags[True]
    shares = as_dict(metrics.scope_counts(frame), "status", "share (%)")
    assert shares["in scope"] == pytest.approx(round(100 * flags[True] / len(raw), 1))


def test_exclusion_reasons(raw, frame):
    expected = Counter(
        "(no reason given)" if blank(r["exclusion_reason"]) else r["exclusion_reason"].strip()
        for r in raw
        if coded(r["in_scope"]) is False
    )
    table = metrics.exclusion_reasons(frame)
    assert as_dict(table, "reason") == dict(expected)
    assert list(table["interventions"]) == sorted(table["interventions"], reverse=True)


def test_dimension_counts(raw_in_scope, scoped):
    expected = Counter()
    for r in raw_in_scope:
        keys = set()
        for word in words(r["health_dimensions"]):
            assert word in DIMENSION_WORDS, f"the test does not know {word!r}"
            keys.add(DIMENSION_WORDS[word])
        expected.update(keys)
    table = as_dict(metrics.dimension_counts(scoped), "key")
    assert table == {key: expected.get(key, 0) for key in set(DIMENSION_WORDS.values())}
    assert metrics.coded_count(scoped, "health_dimensions") == sum(
        1 for r in raw_in_scope if words(r["health_dimensions"])
    )


def test_age_group_counts(raw_in_scope, scoped):
    expected = Counter()
    for r in raw_in_scope:
        keys = set()
        for word in words(r["age_groups"]):
            assert word in AGE_WORDS, f"the test does not know {word!r}"
            keys.add(AGE_WORDS[word])
        expected.update(keys)
    table = as_dict(metrics.age_group_counts(scoped), "key")
    assert table == {key: expected.get(key, 0) for key in set(AGE_WORDS.values())}
    assert sum(table.values()) > len(raw_in_scope), "some rows serve several age groups"


def test_completeness(raw_in_scope, scoped):
    def named(value):
        return not blank(value) and str(value).strip().lower() not in NO_DATABANK

    expected = {
        "objective": sum(not blank(r["objective"]) for r in raw_in_scope),
        "target group": sum(not blank(r["target_group"]) for r in raw_in_scope),
        "reach (people per year)": sum(
            number(r["reach_total"])[2] is not None for r in raw_in_scope
        ),
        "annual cost": sum(number(r["annual_cost_eur"])[2] is not None for r in raw_in_scope),
        "databank named": sum(named(r["databank"]) for r in raw_in_scope),
        "effect monitoring described": sum(not blank(r["effect_monitoring"]) for r in raw_in_scope),
    }
    table = metrics.completeness(scoped)
    assert as_dict(table, "question") == expected
    for question, share in as_dict(table, "question", "share (%)").items():
        assert share == pytest.approx(round(100 * expected[question] / len(raw_in_scope), 1))


def test_neighbourhood_or_city_wide(raw_in_scope, scoped):
    counts = Counter()
    for r in raw_in_scope:
        if blank(r["scope"]):
            counts["not coded"] += 1
        else:
            word = r["scope"].strip().lower()
            assert word in SCOPE_WORDS, f"the test does not know {word!r}"
            counts[SCOPE_WORDS[word]] += 1
    table = as_dict(metrics.scope_of_activity(scoped), "scope")
    assert table == {
        "Neighbourhood": counts["neighbourhood"],
        "City-wide": counts["city_wide"],
        "Both": counts["both"],
        "not coded": counts["not coded"],
    }


def status_of(row) -> str:
    if blank(row["status"]):
        return "status not stated"
    word = row["status"].strip().lower()
    assert word in STATUS_WORDS, f"the test does not know the status {word!r}"
    return STATUS_WORDS[word]


@pytest.mark.parametrize(
    ("key", "label"),
    [("reach_total", "reach (people per year)"), ("annual_cost_eur", "cost (EUR)")],
)
@pytest.mark.parametrize("status", ["running (active or pilot)", "ended", "planned"])
def test_low_high_totals_per_status(raw_in_scope, scoped, key, label, status):
    parsed = [number(r[key]) for r in raw_in_scope if status_of(r) == status]
    given = [(lo, hi, q) for lo, hi, q in parsed if q is not None]
    low = sum(lo if lo is not None else hi for lo, hi, _ in given)
    high = sum(hi if hi is not None else lo for lo, hi, _ in given)
    row = metrics.totals(scoped).set_index(["figure", "status"]).loc[(label, status)]
    assert row["interventions with a figure"] == len(given)
    assert row["of which ranges"] == sum(q == "range" for _, _, q in given)
    assert row["of which one bound only"] == sum(q in ("<", ">") for _, _, q in given)
    assert row["total low"] == pytest.approx(low)
    assert row["total high"] == pytest.approx(high)
    assert low <= high


def test_the_example_has_costs_in_every_status(raw_in_scope):
    statuses = {status_of(r) for r in raw_in_scope if number(r["annual_cost_eur"])[2]}
    assert {"running (active or pilot)", "ended", "planned"} <= statuses


def test_the_example_exercises_ranges_and_estimates(raw):
    qualifiers = {number(r["reach_total"])[2] for r in raw} | {
        number(r["annual_cost_eur"])[2] for r in raw
    }
    assert {"=", "~", "almost", ">", "range"} <= qualifiers


# --------------------------------------------------------------------------------------
# Hand-made frames with obvious answers
# --------------------------------------------------------------------------------------


def make_frame(n: int, **columns) -> pd.DataFrame:
    """A frame shaped like read_inventory's, ``n`` rows; unspecified columns are empty."""
    data = {
        "title": [f"activity {i}" for i in range(n)],
        "provider": [None] * n,
        "status": [None] * n,
        "in_scope": pd.array([None] * n, dtype="boolean"),
        "exclusion_reason": [None] * n,
        "scope": [None] * n,
        "objective": [None] * n,
        "target_group": [None] * n,
        "databank": [None] * n,
        "effect_monitoring": [None] * n,
        "age_groups": [()] * n,
        "health_dimensions": [()] * n,
    }
    for key in ("reach_total", "annual_cost_eur"):
        data[f"{key}_low"] = np.full(n, np.nan)
        data[f"{key}_high"] = np.full(n, np.nan)
        data[f"{key}_qualifier"] = [None] * n
    for name, values in columns.items():
        data[name] = pd.array(values, dtype="boolean") if name == "in_scope" else values
    return pd.DataFrame(data)


def test_multi_valued_rows_count_once_in_each_category():
    frame = make_frame(
        3,
        age_groups=[("0-4", "parents"), ("parents",), ()],
        health_dimensions=[("bodily_functions", "participation", "mental_wellbeing"), (), ()],
    )
    ages = as_dict(metrics.age_group_counts(frame), "key")
    assert ages["0-4"] == 1 and ages["parents"] == 2 and ages["55_plus"] == 0
    assert sum(ages.values()) == 3  # more than the 2 rows that have an age group
    dims = as_dict(metrics.dimension_counts(frame), "key")
    assert dims == {
        "bodily_functions": 1,
        "mental_wellbeing": 1,
        "meaningfulness": 0,
        "quality_of_life": 0,
        "participation": 1,
        "daily_functioning": 0,
    }
    assert metrics.coded_count(frame, "age_groups") == 2
    assert metrics.coded_count(frame, "health_dimensions") == 1


def test_ranges_bounds_and_unknowns_in_totals_and_completeness():
    # 400-700, exactly 100, "bijna 50", "ruim 100", unknown
    frame = make_frame(
        5,
        reach_total_low=np.array([400, 100, np.nan, 100, np.nan]),
        reach_total_high=np.array([700, 100, 50, np.nan, np.nan]),
        reach_total_qualifier=["range", "=", "<", ">", None],
    )
    table = metrics.totals(frame).set_index(["figure", "status"])
    row = table.loc[("reach (people per year)", "status not stated")]
    assert row["interventions with a figure"] == 4
    assert row["of which ranges"] == 1
    assert row["of which one bound only"] == 2
    assert row["total low"] == 400 + 100 + 50 + 100
    assert row["total high"] == 700 + 100 + 50 + 100
    cost = table.loc[("cost (EUR)", "status not stated")]
    assert cost["interventions with a figure"] == 0 and cost["total low"] == 0
    answered = as_dict(metrics.completeness(frame), "question")
    assert answered["reach (people per year)"] == 4  # "bijna 50" is an answer too
    assert answered["annual cost"] == 0


def test_nothing_coded_means_every_row_is_taken_and_labelled_so():
    frame = make_frame(4)
    assert len(metrics.in_scope(frame)) == 4
    assert selection_label(frame) == "all listed interventions (scope not coded)"
    assert as_dict(metrics.scope_counts(frame), "status") == {
        "in scope": 0,
        "excluded": 0,
        "not coded": 4,
    }
    assert metrics.exclusion_reasons(frame).empty


def test_partly_coded_scope_keeps_only_rows_coded_in():
    frame = make_frame(
        4,
        in_scope=[True, False, None, True],
        exclusion_reason=[None, None, "x", None],
        scope=["neighbourhood", None, "city_wide", "both"],
    )
    kept = metrics.in_scope(frame)
    assert list(kept["title"]) == ["activity 0", "activity 3"]
    assert selection_label(frame) == "in scope"
    assert as_dict(metrics.exclusion_reasons(frame), "reason") == {"(no reason given)": 1}
    assert as_dict(metrics.scope_of_activity(kept), "scope") == {
        "Neighbourhood": 1,
        "City-wide": 0,
        "Both": 1,
        "not coded": 0,
    }


def test_shares_of_an_empty_table_do_not_divide_by_zero():
    table = metrics.completeness(make_frame(0))
    assert (table["interventions"] == 0).all()
    assert not any(isinstance(v, float) and math.isnan(v) for v in table["share (%)"])


def test_long_tables_are_cut_with_a_note():
    table = pd.DataFrame({"title": [f"t{i}" for i in range(12)]})
    shown, note = metrics.limited(table, limit=5)
    assert list(shown["title"]) == ["t0", "t1", "t2", "t3", "t4"]
    assert note == " Only the first 5 of 12 rows are shown."
    everything, no_note = metrics.limited(table, limit=12)
    assert len(everything) == 12 and no_note == ""


# --------------------------------------------------------------------------------------
# The page: key findings, sections as blocks, on any valid workbook
# --------------------------------------------------------------------------------------

AMERSFOORT = DATA / "amersfoort-2024" / "inventory.xlsx"
NOT_CODED_LABEL = "all listed interventions (scope not coded)"


def write_workbook(path, header: list[str], rows: list[list]) -> str:
    return str(sheet_workbook(path, [header, *rows]))


SECTIONS = (
    inventory_page.synthetic_notice,
    inventory_sections.scope_section,
    inventory_sections.dimension_section,
    inventory_sections.age_section,
    inventory_sections.completeness_section,
    inventory_sections.area_section,
    inventory_sections.totals_section,
    inventory_sections.interventions_section,
)


def every_block(page) -> list:
    return [block for section in SECTIONS for block in section(page)]


def captions(blocks) -> list[str]:
    return [b.caption for b in blocks if hasattr(b, "caption")]


def assert_no_table_of_zeros(blocks):
    for block in blocks:
        if isinstance(block, Table):
            numbers = block.frame.select_dtypes("number")
            if numbers.shape[1]:
                assert numbers.to_numpy().any(), f"a table of zeros: {block.caption}"


@pytest.fixture(scope="module")
def titles_only(tmp_path_factory):
    folder = tmp_path_factory.mktemp("private-folder-name")
    path = write_workbook(folder / "titels.xlsx", ["Titel"], [["Eén"], ["Twee"], ["Drie"]])
    return inventory_page.load_page(path, "Testdorp", "", "")


@pytest.fixture(scope="module")
def uncoded_scope(tmp_path_factory):
    folder = tmp_path_factory.mktemp("private-folder-name")
    header = ["Titel", "Status", "Jaarlijkse kosten (EUR)", "Leeftijdsgroepen"]
    rows = [
        ["A", "lopend", "€ 1.000.000", "0-4 jaar"],
        ["B", "pilot", "277.800", "0-4 jaar; 4-12 jaar"],
        ["C", "gestopt", "1.291.800", ""],
        ["D", "in voorbereiding", "ca. 3.000", ""],
    ]
    path = write_workbook(folder / "geen-scope.xlsx", header, rows)
    return inventory_page.load_page(path, "Testdorp", 2025, "")


@pytest.fixture(scope="module")
def amersfoort():
    return inventory_page.load_page(AMERSFOORT, "Amersfoort", 2023, "amersfoort-2024")


def test_a_workbook_with_titles_only_gets_sentences_not_zero_tables(titles_only):
    blocks = every_block(titles_only)
    assert_no_table_of_zeros(blocks)
    assert not [b for b in blocks if isinstance(b, Chart)], "no chart of zeros"
    texts = " ".join(b.markdown for b in blocks if isinstance(b, Text))
    assert "does not code which interventions are in scope" in texts
    assert "no reach or cost figure" in texts
    tables = [b for b in blocks if isinstance(b, Table)]
    assert len(tables) == 1 and list(tables[0].frame.columns) == ["title"]
    findings = inventory_page.key_findings(titles_only)
    assert 3 <= len(findings) <= 5
    assert findings[0].startswith("The workbook for Testdorp lists 3 interventions but does not")


def test_captions_name_the_file_never_its_folder(titles_only, uncoded_scope):
    for page in (titles_only, uncoded_scope):
        for caption in captions(every_block(page)):
            assert "private-folder-name" not in caption and "/" not in caption, caption
    assert any("geen-scope.xlsx" in c for c in captions(every_block(uncoded_scope)))


def test_scope_not_coded_is_said_and_never_called_in_scope(uncoded_scope):
    blocks = every_block(uncoded_scope)
    labelled = [c for c in captions(blocks) if "(" in c and "interventions" in c.lower()]
    assert labelled, "the count tables say what they count"
    for caption in captions(blocks):
        assert "in scope" not in caption.replace(NOT_CODED_LABEL, ""), caption
    assert any(NOT_CODED_LABEL in c for c in captions(blocks))


def test_ended_and_planned_budgets_are_not_annual_cost(uncoded_scope):
    table = metrics.totals_for_readers(metrics.totals(uncoded_scope.selected))
    by_what = dict(zip(table["figure"], table["total"], strict=True))
    assert by_what["annual cost"] == "€1,277,800"  # 1,000,000 + 277,800: running only
    assert by_what["budget of ended interventions"] == "€1,291,800"
    assert by_what["budget of planned interventions"] == "€3,000"
    findings = " ".join(inventory_page.key_findings(uncoded_scope))
    assert "add up to €1,277,800 a year; 2 ended, planned or undated ones are left out" in findings


@pytest.mark.parametrize(
    ("low", "high", "qualifier", "style", "expected"),
    [
        (3000, 3000, "~", "count", "ca. 3,000"),
        (500, np.nan, ">", "count", "more than 500"),
        (np.nan, 60, "<", "count", "under 60"),
        (np.nan, 60, "almost", "count", "almost 60"),
        (400, 700, "range", "count", "400–700"),
        (24000, 24000, "=", "money", "€24,000"),
        (5000, 10000, "range", "money", "€5,000–€10,000"),
        (np.nan, np.nan, None, "count", None),
    ],
)
def test_answers_keep_their_qualifier(low, high, qualifier, style, expected):
    assert metrics.amount_text(low, high, qualifier, money=style == "money") == expected


def test_the_list_shows_labels_and_qualified_numbers(frame):
    table = metrics.intervention_table(frame)
    cells = {str(v) for v in table.to_numpy().ravel()}
    assert "None" not in cells and "nan" not in cells
    assert "not known" in cells  # an empty cell of a column that other rows answer
    assert not [c for c in cells if re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)+", c)], "codes shown"
    assert {"City-wide", "Pilot", "Ended"} <= cells
    assert any(c.startswith("ca. €") for c in cells)
    assert any(c.startswith("almost ") for c in cells)
    assert "674107.0" not in cells


def test_amersfoort_page_draws_what_the_study_published(amersfoort):
    blocks = every_block(amersfoort)
    charts = [b for b in blocks if isinstance(b, Chart)]
    assert len(charts) >= 3
    published = [c.caption for c in charts if "as published" in c.caption]
    assert len(published) == 3  # selection, age table, completeness
    data = [c.chart.to_dict()["datasets"] for c in charts if "as published" in c.caption]
    values = [
        sorted(r[k] for rows in d.values() for r in rows for k in r if k == "interventions")
        for d in data
    ]
    assert [95.0, 137.0, 232.0] in values
    assert sorted([23.0, 54.0, 22.0, 27.0, 15.0, 9.0, 9.0]) in values
    assert [36.0, 50.0, 87.0, 101.0] in values  # 50 and 36 known, of 137
    assert_no_table_of_zeros(blocks)
    provenance = [b for b in blocks if isinstance(b, Provenance)]
    assert {"inv_located", "inv_age_4_12", "inv_with_cost"} <= {
        i for b in provenance for i in b.frame["id"]
    }


def test_amersfoort_key_findings(amersfoort):
    findings = inventory_page.key_findings(amersfoort)
    assert 3 <= len(findings) <= 5
    text = " ".join(findings)
    assert "lists 137 interventions, all coded in scope" in text
    assert "located 232 interventions, excluded 95 and judged 137 probably in scope" in text
    assert "reach figures for 50 and a cost estimate for 36 of the 137 (36.5 % and 26.3 %" in text
    assert "4-12 years (54 interventions)" in text


def test_the_report_hedge_is_stated(amersfoort):
    hedge = inventory_page.report_hedge(amersfoort).markdown
    assert "*probably*" in hedge and "§3.2" in hedge and "§4.3" in hedge
    assert "Vreedzame School and Vreedzame Wijk" in hedge and "**Our reading:**" in hedge
    assert any(
        hedge == b.markdown
        for b in inventory_sections.scope_section(amersfoort)
        if isinstance(b, Text)
    )


def test_one_definition_of_in_scope_everywhere(tmp_path):
    uncoded = write_workbook(tmp_path / "a.xlsx", ["Titel"], [["A"], ["B"]])
    coded = write_workbook(
        tmp_path / "b.xlsx", ["Titel", "Binnen definitie"], [["A", "ja"], ["B", "nee"], ["C", ""]]
    )
    assert read_inventory(uncoded).n_in_scope is None
    assert "in scope not coded" in read_inventory(uncoded).summary()
    inventory = read_inventory(coded)
    assert inventory.n_in_scope == 1 == len(metrics.in_scope(inventory.frame))
