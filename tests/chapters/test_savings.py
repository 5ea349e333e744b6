"""The savings framework and key-figure files, and the business-case model on them."""

import pandas as pd
import pytest

from helpers.chapters import finance
from helpers.chapters import savings as sv
from helpers.inputs.figures import evaluate, load_figures
from helpers.inputs.schema import CASE_STUDY_IDS as CASE_IDS
from helpers.paths import DATA

UNITS = {
    "participants": {"persons", "count", "households"},
    "annual_cost": {"EUR", "EUR_per_year"},
    "cost_per_participant": {"EUR_per_person"},
    "municipal_share": {"percent"},
    "success_rate": {"percent"},
    "avoided_cost": {"EUR", "EUR_per_person"},
}


@pytest.fixture(scope="module")
def figures():
    return evaluate(load_figures(DATA))


def scenario(**changes):
    values = dict(
        name="test",
        discount_rate=0.0,
        horizon_years=1,
        municipal_benefit_share=1.0,
        success_rate_factor=1.0,
        benefit_delay_years=0,
    )
    return sv.Scenario(**{**values, **changes})


def test_framework_uses_the_vocabularies_and_covers_every_case():
    framework = sv.read_framework()
    assert set(framework["case_id"]) == set(CASE_IDS)
    assert framework["source"].str.contains(r"annex 3|^5\.", regex=True).all()


def test_framework_rejects_unknown_keys(tmp_path):
    bad = tmp_path / "framework.csv"
    bad.write_text(
        "case_id,beneficiary,form,term,reason,source\ntaalent,aliens,wellbeing,short,x,annex 3\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="beneficiary 'aliens'"):
        sv.read_framework(bad)


def test_key_figures_point_at_figures_of_their_own_case_with_fitting_units(figures):
    keys = sv.read_key_figures()
    by_id = figures.set_index("figure_id")
    for _, row in keys.iterrows():
        for quantity, units in UNITS.items():
            figure_id = row[f"{quantity}_figure_id"]
            if not figure_id:
                continue
            assert figure_id in by_id.index, figure_id
            assert by_id.loc[figure_id, "intervention"] == row["case_id"], figure_id
            assert by_id.loc[figure_id, "unit"] in units, figure_id
        assert row["note"].strip(), row["case_id"]


def test_cost_per_participant_times_participants_is_close_to_annual_cost(figures):
    """Where all three are given they should roughly agree (qualifiers allow rounding)."""
    keys = sv.read_key_figures()
    for _, row in keys.iterrows():
        parts = [sv.key_figure(row, q, figures) for q in ("participants", "annual_cost")]
        unit = sv.key_figure(row, "cost_per_participant", figures)
        if None in (*parts, unit):
            continue
        ratio = unit.value * parts[0].value / parts[1].value
        assert 0.8 < ratio < 1.25, (row["case_id"], ratio)


def test_npv_model_by_hand():
    # 10 participants at 100, half succeed and save 1,000 each, one year, no discounting
    value = sv.npv_model(10, 100, 0.5, 1_000, 1.0, 0.0, 1, 0)
    assert value == pytest.approx(10 * 0.5 * 1_000 - 10 * 100)
    # the success rate is capped at 100 %
    assert sv.npv_model(1, 0, 0.8, 10, 1.0, 0.0, 1, 0, success_factor=2) == pytest.approx(10)


def test_centering_reproduces_the_published_net_saving(figures):
    """Gross saving minus extra cost, at 100 % success, gives back the printed net saving."""
    cases = {c.case_id: c for c in sv.business_cases(sv.read_key_figures(), figures, scenario())}
    centering = cases["centering-zwangerschap"]
    net = finance.net_benefit_per_participant(
        centering.success_rate, centering.avoided_cost, centering.cost_per_participant
    )
    printed = figures.set_index("figure_id").loc["cen_tno_saving_per_person", "value"]
    assert net == pytest.approx(printed)


def test_cases_without_a_figure_get_no_npv_unless_assumed(figures):
    keys = sv.read_key_figures()
    plain = {c.case_id: c for c in sv.business_cases(keys, figures, scenario())}
    assert plain["taalent"].npv(scenario()) is None
    assumed = scenario(assumed_avoided_costs={"taalent": 5_000})
    taalent = {c.case_id: c for c in sv.business_cases(keys, figures, assumed)}["taalent"]
    assert taalent.avoided_origin.startswith("assumption")
    assert taalent.npv(assumed) is not None


def test_explorer_chart_names_its_rule_and_binds_three_sliders(figures):
    keys = sv.read_key_figures()
    case = sv.business_cases(keys, figures, scenario())[0]
    spec = sv.explorer_chart(case, scenario(), key="k1").to_dict()
    names = {p["name"] for p in spec["params"]}
    assert {"k1_success", "k1_avoided", "k1_share"} <= names
    assert all("bind" in p for p in spec["params"] if p["name"].startswith("k1_"))
    assert "k1_breakeven" in [layer.get("name") for layer in spec["layer"]]


def test_assumptions_table_labels_every_row():
    table = sv.assumptions_table(scenario(sensitivity={"discount_rate": [0.0, 0.05]}))
    assert isinstance(table, pd.DataFrame)
    assert table["sourced or assumed"].str.match(r"^(sourced|assumption|low end)").all()
