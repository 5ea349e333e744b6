"""The savings data files and readers, and the fidelity choices of issue 15 on the data."""

import pandas as pd
import pytest
from scenarios import scenario

from helpers.chapters import finance
from helpers.chapters import savings_charts as charts
from helpers.chapters import savings_framework as fw
from helpers.chapters import savings_tables as tables
from helpers.chapters import savings_text as text
from helpers.chapters.savings_model import business_cases, key_figure
from helpers.errors import InputError
from helpers.inputs.amersfoort import KEY_FIGURES_FILE, key_figures
from helpers.inputs.schema import CASE_STUDY_IDS as CASE_IDS
from helpers.paths import DATA

UNITS = {
    "participants": {"persons", "count", "households"},
    "annual_cost": {"EUR", "EUR_per_year"},
    "cost_per_participant": {"EUR_per_person"},
    "cost_per_participant_low": {"EUR_per_person"},
    "municipal_share": {"percent"},
    "success_rate": {"percent"},
    "avoided_cost": {"EUR", "EUR_per_person"},
}


@pytest.fixture(scope="module")
def cases(figures):
    return {c.case_id: c for c in business_cases(key_figures(), figures, scenario())}


# --- the data files and their readers -----------------------------------------------------


def test_framework_uses_the_vocabularies_and_covers_every_case():
    framework = fw.read_framework()
    assert set(framework["case_id"]) == set(CASE_IDS)
    assert framework["source"].str.contains(r"annex 3|^5\.", regex=True).all()


def test_framework_problems_are_located(tmp_path):
    bad = tmp_path / "framework.csv"
    bad.write_text(
        "case_id,beneficiary,form,term,reason,source,evidence\n"
        "taalent,aliens,wellbeing,short,x,annex 3,report\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        fw.read_framework(bad)
    (problem,) = caught.value.problems
    assert (problem.row, problem.column, problem.value) == (2, "beneficiary", "aliens")


def test_key_figures_reader_locates_every_problem(tmp_path):
    table = pd.read_csv(KEY_FIGURES_FILE, dtype=str, keep_default_na=False)
    table.loc[2, "participants_figure_id"] = "Not An Id"
    table.loc[4, "note"] = " "
    bad = tmp_path / "case_key_figures.csv"
    table.to_csv(bad, index=False)
    with pytest.raises(InputError) as caught:
        key_figures(bad)
    found = {(p.row, p.column) for p in caught.value.problems}
    assert found == {(4, "participants_figure_id"), (6, "note")}
    table.drop(columns="note").to_csv(bad, index=False)
    with pytest.raises(InputError, match="columns must be"):
        key_figures(bad)


def test_key_figures_point_at_figures_of_their_own_case_with_fitting_units(figures):
    by_id = figures.set_index("figure_id")
    for _, row in key_figures().iterrows():
        for quantity, units in UNITS.items():
            figure_id = row[f"{quantity}_figure_id"]
            if not figure_id:
                continue
            assert figure_id in by_id.index, figure_id
            assert by_id.loc[figure_id, "intervention"] == row["case_id"], figure_id
            assert by_id.loc[figure_id, "unit"] in units, figure_id


def test_cost_per_participant_times_participants_is_close_to_annual_cost(figures):
    """Where all three are given they should roughly agree (qualifiers allow rounding)."""
    for _, row in key_figures().iterrows():
        parts = [key_figure(row, q, figures) for q in ("participants", "annual_cost")]
        unit = key_figure(row, "cost_per_participant", figures)
        if None in (*parts, unit):
            continue
        ratio = unit.value * parts[0].value / parts[1].value
        assert 0.8 < ratio < 1.25, (row["case_id"], ratio)


# --- issue 15: what the model takes from the report, and what not --------------------------


def test_stevig_ouderschap_has_no_avoided_cost_from_its_own_breakeven_claim(cases, figures):
    """(1) The infographic's claim is shown on its own, not used as an avoided cost."""
    sto = cases["stevig-ouderschap"]
    assert sto.avoided_cost is None and sto.npv(scenario()) is None
    claim = text.breakeven_claim(figures, scenario(discount_rate=0.1, benefit_delay_years=1))
    # 109 trajectories at about €2,900 = €316,100; a year later at 10 %: €347,710
    assert "must save at least €316,100" in claim
    assert "€347,710" in claim
    assert "0.917 %" in claim and "agrees" in claim


def test_centering_gross_saving_is_tno_and_gives_back_the_printed_net(cases, figures):
    """(2) €133 = 76 + 57 (TNO 2021, outside the report), cited where it is used."""
    centering = cases["centering-zwangerschap"]
    assert centering.avoided_cost == pytest.approx(133)
    assert "outside the 2024 report" in centering.avoided_origin
    net = finance.net_benefit_per_participant(
        centering.success_rate, centering.avoided_cost, centering.cost_per_participant
    )
    assert net == pytest.approx(76)
    assert "{cite}`westra2021centering`" in text.centering_saving(figures)
    case_text = (DATA / "amersfoort-2024" / "case_texts" / "centering-zwangerschap.md").read_text()
    assert "{cite}`westra2021centering`" in case_text
    bib = (DATA / "references.bib").read_text(encoding="utf-8")
    assert "@techreport{westra2021centering," in bib and "R10107" in bib


def test_sociaal_vitaal_in_kleur_uses_the_gross_cost(cases):
    """(3) SViK asks no contribution: €32,400 / 40 = €810, not the net €30,000 / 40."""
    assert cases["sociaal-vitaal-in-kleur"].cost_per_participant == pytest.approx(810)
    readings = text.our_readings()
    assert readings["intervention"].eq("Sociaal Vitaal in Kleur").any()


def test_coach_en_cootje_cost_is_a_range(cases):
    """(4) Just under €1,000 as published, up to €92,707 / 57 as an upper bound."""
    cec = cases["coach-en-cootje"]
    assert cec.costs() == (pytest.approx(1_000), pytest.approx(92_707 / 57))
    row = tables.breakeven_table([cec], scenario()).iloc[0]
    assert row["cost / participant"] == "€1,000 to €1,626"
    assert row["saving needed / participant"] == "€1,000 to €1,626"


def test_rots_en_water_rows_on_the_official_training_are_marked():
    """(5) Rows resting on studies of another version say so."""
    framework = fw.read_framework()
    marked = framework[framework["evidence"] == "other_version"]
    assert set(marked["case_id"]) == {"rots-en-water"}
    assert marked["reason"].str.contains("official training").all()
    matrix = fw.framework_matrix(framework)
    assert (matrix["rests on"] == "studies of another version").sum() == len(marked)


# --- the page's sentences and tables --------------------------------------------------------


def test_key_findings_are_three_to_five_sentences_from_the_data(figures):
    s = scenario(horizon_years=2)
    cases = business_cases(key_figures(), figures, s)
    sentences = text.key_findings(cases, figures, s)
    assert 3 <= len(sentences) <= 5
    assert sentences[0].startswith("The report gives a number of participants and a cost per")
    assert "for 9 of the twelve" in sentences[0]
    # Centering over 2 years, no discounting or delay: 500 × (133 − 57) × 2 = €76,000
    assert any("€76,000 for everyone who benefits" in s for s in sentences)


def test_reader_tables_carry_no_figure_ids_or_codes(figures):
    s = scenario()
    cases = business_cases(key_figures(), figures, s)
    framework = fw.read_framework()
    shown = [
        tables.cost_table(cases, key_figures(), figures),
        tables.breakeven_table(cases, s),
        tables.npv_table(cases, s),
        tables.assumptions_table(s),
        fw.framework_rows(framework).drop(columns="reason (section)"),
        fw.framework_matrix(framework).drop(columns=["reasons", "sections"]),
    ]
    for table in shown:
        cells = table.astype(str).to_numpy().ravel().tolist() + list(table.columns)
        coded = [c for c in cells if "_" in c]
        assert coded == [], coded


def test_assumptions_table_labels_every_row():
    table = tables.assumptions_table(scenario(sensitivity={"discount_rate": [0.0, 0.05]}))
    assert table["sourced or assumed"].str.match(r"^(sourced|assumption|low end)").all()


def test_explorer_captions_name_sources_without_ids(figures):
    s = scenario()
    for case in business_cases(key_figures(), figures, s):
        caption = charts.explorer_caption(case, s, "computed")
        assert "_" not in caption, caption
        assert "2024 report" in caption, caption
    assert tables.plain_origin("a_b: computed (a_c / a_d), after 2024 report, annex 3, 7.7") == (
        "computed from the 2024 report, annex 3, 7.7"
    )
