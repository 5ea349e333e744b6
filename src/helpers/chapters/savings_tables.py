"""The savings pages' tables: assumptions, costs, break-even, NPV and where each input comes from.

Tables for readers hold words and formatted numbers only; figure ids, formulas and file
names go in the provenance tables (`key_figure_sources`, `inputs_table`, `notes_table`),
which the page shows in collapsed dropdowns.
"""

from __future__ import annotations

import re

import pandas as pd

from helpers.chapters import finance
from helpers.chapters.savings_model import BusinessCase, Scenario, key_figure
from helpers.inputs.amersfoort import case_studies
from helpers.page.figure_text import QUALIFIER_WORDS
from helpers.page.formatting import NOT_KNOWN, count, money, number, percent

QUANTITIES = {
    "participants": "participants per year",
    "annual_cost": "annual cost",
    "cost_per_participant": "cost per participant",
    "cost_per_participant_low": "cost per participant, report's own (lower) figure",
    "municipal_share": "municipal share of the cost",
    "success_rate": "success measure",
    "avoided_cost": "avoided cost per success",
}
SENSITIVITY_LABELS = {
    "discount_rate": "discount rate",
    "horizon_years": "horizon (years)",
    "benefit_delay_years": "benefit delay (years)",
    "benefit_share": "share of benefits counted",
    "success_factor": "success rate (× scenario value)",
    "avoided_cost_factor": "avoided cost per success (× value used)",
    "cost_factor": "cost per participant (× published)",
}
SENSITIVITY_BASIS = {
    "discount_rate": "low end: the risk-free real rate of −1 % (Werkgroep Discontovoet 2020); "
    "high end: assumption",
    "benefit_share": "assumption: from nothing to all benefits counted",
}


def years(n: float) -> str:
    """'1 year', '5 years'."""
    return f"{n:g} year" if n == 1 else f"{n:g} years"


def rate(value: float | None) -> str:
    """A fraction as a percentage: two decimals under 10 %, else one; 'not known' if None."""
    if value is None:
        return NOT_KNOWN
    text = percent(100 * value, 2 if value < 0.1 else 1)
    return f"{text} (unreachable)" if value > 1 else text


def euros(value: float | None) -> str:
    """Whole euros, or 'not known'."""
    return NOT_KNOWN if value is None else money(round(value))


def span(values: list[float | None], show) -> str:
    """One value, or 'low to high' where a quantity is carried as a range."""
    texts = list(dict.fromkeys(show(v) for v in values))
    return " to ".join(texts)


def _value_text(figure) -> str:
    """A figure's value with the report's qualifier in words ('about €2,900')."""
    if figure is None:
        return NOT_KNOWN
    return QUALIFIER_WORDS[figure.qualifier] + number(figure.value, figure.unit)


def plain_origin(origin: str) -> str:
    """An input's origin without figure ids or formulas, for captions readers see.

    'xyz_cost: computed (xyz_total / xyz_reach), after 2024 report, annex 3, 7.7' becomes
    'computed from the 2024 report, annex 3, 7.7'.
    """
    text = re.sub(r"^[a-z][a-z0-9_]*: ", "", origin)
    return re.sub(r"^computed \(.*?\), after ", "computed from the ", text)


def case_names() -> dict[str, str]:
    """Case id -> intervention name."""
    register = case_studies()
    return dict(zip(register["case_id"], register["name"], strict=True))


def assumptions_table(s: Scenario) -> pd.DataFrame:
    """Every assumption of the scenario: value, and whether it is sourced or assumed."""
    names = case_names()
    rows = [
        (
            "discount rate (real)",
            percent(100 * s.discount_rate, 2),
            "sourced: standard real rate of the Dutch MKBA guidance since 2021 "
            "(Werkgroep Discontovoet 2020; CPB/PBL 2013)",
        ),
        (
            "horizon",
            years(s.horizon_years),
            "assumption: the intervention runs, and benefits are counted, for this long",
        ),
        (
            "municipal share of benefits",
            percent(100 * s.municipal_benefit_share, 0),
            "assumption: the report (5.2) expects the gemeente not to be a large beneficiary "
            "but gives no share",
        ),
        *[
            (
                f"municipal share of benefits, {names[case]}",
                percent(100 * float(v["share"]), 0),
                v["basis"],
            )
            for case, v in s.municipal_benefit_share_by_case.items()
        ],
        (
            "success-rate factor",
            f"× {s.success_rate_factor:g}",
            "assumption: multiplies every published success measure (most are the providers' "
            "own or self-reported figures)",
        ),
        (
            "benefit delay",
            years(s.benefit_delay_years),
            "assumption: years between taking part and the saving",
        ),
        (
            "participants a year",
            "as published",
            "assumption (model convention): the published participants or reach recur every "
            "year of the horizon",
        ),
        (
            "benefits beyond the horizon",
            "not counted",
            "assumption (model convention): savings of the last cohorts that fall after the "
            "horizon are left out",
        ),
        *[
            (
                f"success rate, {names[case]}",
                percent(value, 2),
                "assumption: the report gives no success rate",
            )
            for case, value in s.assumed_success_rates.items()
        ],
        *[
            (
                f"avoided cost per success, {names[case]}",
                money(value),
                "assumption: the report gives no avoided cost",
            )
            for case, value in s.assumed_avoided_costs.items()
        ],
        *[
            (
                f"sensitivity range, {SENSITIVITY_LABELS.get(name, name)}",
                f"{low:g} to {high:g}",
                SENSITIVITY_BASIS.get(name, "assumption"),
            )
            for name, (low, high) in s.sensitivity.items()
        ],
    ]
    return pd.DataFrame(rows, columns=["assumption", "value", "sourced or assumed"])


def cost_table(
    cases: list[BusinessCase], keys: pd.DataFrame, figures: pd.DataFrame
) -> pd.DataFrame:
    """Per case: annual cost, participants, cost per participant (a range where the report's
    own figure differs), municipal share of the cost, success measure, cost per success."""
    by_case = keys.set_index("case_id", drop=False)
    rows = []
    for case in cases:
        keys_row = by_case.loc[case.case_id]
        success = key_figure(keys_row, "success_rate", figures)
        cost = [
            _value_text(key_figure(keys_row, q, figures))
            for q in ("cost_per_participant_low", "cost_per_participant")
            if keys_row[f"{q}_figure_id"]
        ]
        per_success = [
            finance.cost_per_successful_participant(c, 1, success.value / 100)
            for c in case.costs()
            if success
        ]
        rows.append(
            {
                "intervention": case.name,
                "annual cost": _value_text(key_figure(keys_row, "annual_cost", figures)),
                "participants": _value_text(key_figure(keys_row, "participants", figures)),
                "cost / participant": " to ".join(cost),
                "municipal share": _value_text(key_figure(keys_row, "municipal_share", figures)),
                "success measure": _value_text(success),
                "cost / success": span(per_success, euros) if per_success else NOT_KNOWN,
            }
        )
    return pd.DataFrame(rows)


def key_figure_sources(
    cases: list[BusinessCase], keys: pd.DataFrame, figures: pd.DataFrame
) -> pd.DataFrame:
    """Long table: for each modelled case and key quantity, the figure id and its source."""
    by_case = keys.set_index("case_id", drop=False)
    rows = []
    for case in cases:
        for quantity, label in QUANTITIES.items():
            figure = key_figure(by_case.loc[case.case_id], quantity, figures)
            if figure is not None:
                rows.append(
                    {
                        "intervention": case.name,
                        "quantity": label,
                        "value": _value_text(figure),
                        "figure": figure.figure_id,
                        "source": figure.source,
                    }
                )
    return pd.DataFrame(rows)


def notes_table(keys: pd.DataFrame) -> pd.DataFrame:
    """What each case's key figures are and what the report does not give (with ids)."""
    names = case_names()
    return pd.DataFrame({"intervention": keys["case_id"].map(names), "note": keys["note"]})


def breakeven_table(cases: list[BusinessCase], s: Scenario) -> pd.DataFrame:
    """Break-even per case, at both ends where the cost is a range: the saving needed per
    participant, the success rate needed where an avoided cost is known, and the avoided
    cost per success needed where a success rate is known."""
    rows = []
    for case in cases:
        costs = case.costs()
        rows.append(
            {
                "intervention": case.name,
                "cost / participant": span(list(costs), euros),
                "saving needed / participant": span([c * s.growth() for c in costs], euros),
                "success rate used": rate(case.success_rate),
                "avoided cost / success used": euros(case.avoided_cost),
                "break-even rate, all": span(
                    [case.breakeven(s, share=1.0, cost=c) for c in costs], rate
                ),
                "break-even rate, gemeente": span([case.breakeven(s, cost=c) for c in costs], rate),
                "avoided cost needed, all": span(
                    [case.avoided_cost_needed(s, cost=c) for c in costs], euros
                ),
            }
        )
    return pd.DataFrame(rows)


def _origin_word(origin: str) -> str:
    if origin.startswith("assumption"):
        return "assumption"
    if "our reading" in origin:
        return "our reading"
    if "outside the 2024 report" in origin:
        return "outside the report"
    return "derived" if "computed" in origin else "published"


def npv_table(cases: list[BusinessCase], s: Scenario) -> pd.DataFrame:
    """NPV over the horizon for all beneficiaries and for the municipality, where both a
    success rate and an avoided cost exist."""
    rows = []
    for case in cases:
        if case.npv(s) is None:
            continue
        rows.append(
            {
                "intervention": case.name,
                "success rate": f"{rate(case.success_rate)} ({_origin_word(case.success_origin)})",
                "avoided cost per success": (
                    f"{euros(case.avoided_cost)} ({_origin_word(case.avoided_origin)})"
                ),
                "gemeente share": percent(100 * case.benefit_share, 0),
                "NPV, all": euros(case.npv(s, benefit_share=1.0)),
                "NPV, gemeente": euros(case.npv(s)),
            }
        )
    return pd.DataFrame(rows)


def inputs_table(cases: list[BusinessCase]) -> pd.DataFrame:
    """Where each input of each business case comes from (figure ids and formulas)."""
    rows = []
    for case in cases:
        for label, value, origin in (
            ("participants a year", count(case.participants), case.participants_origin),
            ("cost per participant", euros(case.cost_per_participant), case.cost_origin),
            ("cost per participant, low end", euros(case.cost_low), case.cost_low_origin),
            ("success rate", rate(case.success_rate), case.success_origin),
            ("avoided cost per success", euros(case.avoided_cost), case.avoided_origin),
            (
                "municipal share of benefits",
                percent(100 * case.benefit_share, 0),
                case.share_origin,
            ),
        ):
            if origin:
                rows.append(
                    {"intervention": case.name, "input": label, "value": value, "from": origin}
                )
    return pd.DataFrame(rows)
