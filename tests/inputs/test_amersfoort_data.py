"""Data tests for the Amersfoort 2024 inventory workbook, case register and dimension lists."""

import csv

import openpyxl
import pytest

from helpers.inputs.figures import evaluate, figure, load_figures
from helpers.paths import AMERSFOORT, DATA

CASE_IDS = [
    "vreedzame-school",
    "stevig-ouderschap",
    "rots-en-water",
    "centering-zwangerschap",
    "taalent",
    "vijf-stappen-methode",
    "blijf-fit",
    "samen-actief",
    "coach-en-cootje",
    "sociaal-vitaal-in-kleur",
    "mbo-track",
    "bouwdepot",
]
DIMENSIONS = {
    "bodily_functions",
    "mental_wellbeing",
    "meaningfulness",
    "quality_of_life",
    "participation",
    "daily_functioning",
}
HEADER = [
    "title",
    "weblink",
    "objective",
    "activities",
    "provider",
    "contact_person",
    "partners",
    "status",
    "neighbourhoods",
    "scope",
    "recognised_effective",
    "databank",
    "local_adaptation",
    "target_group",
    "reach_total",
    "participants_full",
    "participants_target_group",
    "effect_monitoring",
    "annual_cost_eur",
    "funding_sources",
    "in_scope",
    "exclusion_reason",
    "age_groups",
    "health_dimensions",
    "case_study",
]
LEVELS = {
    "",
    "niet erkend",
    "Goed beschreven",
    "Goed onderbouwd",
    "Effectief - eerste aanwijzingen",
    "Effectief - goede aanwijzingen",
    "Effectief - sterke aanwijzingen",
}
DATABANKS = {
    "",
    "Loket Gezond Leven/RIVM",
    "NJI",
    "NCJ",
    "Kenniscentrum Sport & Bewegen",
    "Movisie",
}


def read_csv(name):
    with (AMERSFOORT / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def workbook_rows():
    book = openpyxl.load_workbook(AMERSFOORT / "inventory.xlsx", read_only=True)
    try:
        assert book.sheetnames == ["Interventies"]
        rows = list(book["Interventies"].iter_rows(values_only=True))
    finally:
        book.close()
    header, *body = rows
    assert list(header) == HEADER
    return [dict(zip(HEADER, r, strict=True)) for r in body]


@pytest.fixture(scope="module")
def cases():
    return read_csv("case_studies.csv")


def test_inventory_has_137_unique_titles(workbook_rows):
    titles = [str(r["title"]).strip().casefold() for r in workbook_rows if r["title"]]
    assert len(workbook_rows) == 137
    assert len(set(titles)) == len(titles) == 137


def test_inventory_titles_are_trimmed_and_in_scope(workbook_rows):
    assert all(r["title"] == r["title"].strip() for r in workbook_rows)
    assert {r["in_scope"] for r in workbook_rows} == {"yes"}


def test_inventory_other_fields_stay_empty(workbook_rows):
    filled = {"title", "in_scope", "case_study"}
    for r in workbook_rows:
        assert all(r[k] in (None, "") for k in HEADER if k not in filled), r["title"]


def test_each_case_appears_once_in_workbook(workbook_rows):
    ids = [r["case_study"] for r in workbook_rows if r["case_study"]]
    assert sorted(ids) == sorted(CASE_IDS)


def test_case_register_has_twelve_cases_in_annex_order(cases):
    assert [c["case_id"] for c in cases] == CASE_IDS
    assert [int(c["annex_number"]) for c in cases] == list(range(1, 13))


def test_case_titles_exist_in_workbook(cases, workbook_rows):
    by_title = {r["title"]: r for r in workbook_rows}
    for c in cases:
        assert c["inventory_title"] in by_title, c["inventory_title"]
        assert by_title[c["inventory_title"]]["case_study"] == c["case_id"]


def test_case_register_values(cases):
    for c in cases:
        keys = [k for k in c["health_dimensions"].split(";") if k]
        assert set(keys) <= DIMENSIONS, c["case_id"]
        assert c["effectenarena"] in {"yes", "no", "unknown"}
        assert c["recognition_level"] in LEVELS and c["databank"] in DATABANKS
        assert c["dimension_group"] and c["headline_effect"] and c["sources"]
        if c["recognition_year"]:
            assert 2000 <= int(c["recognition_year"]) <= 2024
        if c["age_min"] and c["age_max"]:
            assert int(c["age_min"]) <= int(c["age_max"])
        if not (c["age_min"] and c["age_max"]):
            assert c["age_note"], c["case_id"]


def test_age_table_figures_exist():
    figures = evaluate(load_figures(DATA))
    groups = ["0_4", "4_12", "13_18", "18_25", "parents", "adults_25_55", "55_plus"]
    values = [figure(figures, f"inv_age_{g}")["computed"] for g in groups]
    assert values == [23, 54, 22, 27, 15, 9, 9]
    assert figure(figures, "inv_age_total")["computed"] == sum(values) > 137


def test_health_dimension_items():
    items = read_csv("health_dimension_items.csv")
    assert items and all(i["list"] in {"objective", "target_group"} for i in items)
    assert all(i["dimension"] in DIMENSIONS | {"other"} for i in items)
    assert all(
        i["section"] == {"objective": "3.3", "target_group": "3.4"}[i["list"]] for i in items
    )
    assert all(i["item_nl"] and i["item_en"] for i in items)
    assert sum(i["dimension"] == "meaningfulness" for i in items) == 0
    assert not any(i["dimension"] == "other" for i in items if i["list"] == "objective")
