"""The savings pages' number-dependent sentences, and the list of the book's own readings.

Every sentence is built here from the figures table and the scenario, so tests can check
it; the notebook only shows them.
"""

from __future__ import annotations

import pandas as pd

from helpers.chapters import finance
from helpers.chapters.savings_model import BusinessCase, Scenario
from helpers.chapters.savings_tables import case_names, euros, rate, span, years
from helpers.page.formatting import count, money, percent

STO = "stevig-ouderschap"
CENTERING = "centering-zwangerschap"

#: Where the savings model goes beyond what the report prints: (case, input, reason).
OUR_READINGS = (
    (
        "sociaal-vitaal-in-kleur",
        "cost per participant",
        "The budget before participants' contributions (€32,400 for 40 places, €810 each) "
        "rather than the net €750: the budget table deducts contributions that only regular "
        "Sociaal Vitaal asks, and annex 3 (10.7) says SViK asks none.",
    ),
    (
        "coach-en-cootje",
        "cost per participant",
        "A range: the report's own 'just under €1,000' per child, whose divisor it does not "
        "give, up to the 2022 cost over the 57 children in individual coaching (€1,626), an "
        "upper bound because those 57 exclude children in group coaching (annex 3, 9.4).",
    ),
    (
        CENTERING,
        "success rate",
        "100 % by construction: TNO's saving is an average over all participants, not a "
        "saving per successful participant.",
    ),
    (
        CENTERING,
        "avoided cost per success",
        "From outside the 2024 report: TNO's own evaluation (Westra et al. 2021) gives €133 "
        "gross future savings per participant against about €57 extra cost, €76 net; the "
        "report prints the €76 and the €57 only.",
    ),
    (
        "blijf-fit",
        "cost per participant",
        "Computed at the low end of the reach (400 of 400-700 seniors), so an upper bound.",
    ),
    (
        "mbo-track",
        "participants a year",
        "Derived from 20 places and an average stay of 9 months, assuming full occupancy.",
    ),
    (
        "",
        "who benefits, in what form, when",
        "Our coding of section 5.2 and annex 3: one row per group the report names, with "
        "its reason and section; two Rots en Water rows rest only on studies of the "
        "official training, which annex 3 (3.6) says do not apply to the Amersfoort version.",
    ),
)


def _figure(figures: pd.DataFrame, figure_id: str) -> float:
    """The evaluated value of one figure."""
    row = figures.set_index("figure_id").loc[figure_id]
    return float(row["computed"] if pd.notna(row.get("computed")) else row["value"])


def our_readings() -> pd.DataFrame:
    """The places where this page adds its own reading to the report, with the reason."""
    names = case_names()
    return pd.DataFrame(
        [
            {"intervention": names.get(case, "all twelve"), "input": what, "why": reason}
            for case, what, reason in OUR_READINGS
        ]
    )


def scenario_sentence(s: Scenario) -> str:
    """What the scenario on this page assumes, in one sentence."""
    return (
        f"This page shows the **{s.name}** scenario: published success measures count "
        f"× {s.success_rate_factor:g}, savings arrive {years(s.benefit_delay_years)} after "
        f"taking part, the horizon is {years(s.horizon_years)}, and the gemeente is assumed "
        f"to receive {percent(100 * s.municipal_benefit_share, 0)} of the savings. Other "
        "scenarios run the same template with other parameters (see the run plan)."
    )


def breakeven_claim(figures: pd.DataFrame, s: Scenario) -> str:
    """Stevig Ouderschap's infographic claim, recomputed, and what it asks of a prevented case."""
    cases = _figure(figures, "sto_breakeven_cases_prevented")
    participations = _figure(figures, "sto_breakeven_participations")
    cost = _figure(figures, "sto_cost_per_family")
    printed = _figure(figures, "sto_breakeven_success_rate")
    computed = 100 * cases / participations
    agree = "which agrees" if round(computed, 1) == printed else "which differs"
    needed = cost * participations / cases
    later = money(round(needed * s.growth()))
    return (
        f"The infographic quoted in annex 3 (2.6) says the programme gains once "
        f"{count(cases)} case of child abuse is prevented per {count(participations)} "
        f"participations. That is a break-even success rate of {percent(computed, 3)}, "
        f"{percent(computed, 1)} to one decimal, {agree} with the printed "
        f"{percent(printed, 1)}. At Amersfoort's cost of about {money(cost)} per family, a "
        f"prevented case must save at least {money(needed)} for the programme to pay off; "
        f"if the saving comes {years(s.benefit_delay_years)} later, at "
        f"{percent(100 * s.discount_rate, 2)} it must be at least {later}. "
        "The report gives no cost of a case of child abuse and no observed prevention rate, "
        "so this page puts no value on a prevented case: an NPV built on the claim would "
        "only restate it. The explorer below lets you enter your own estimate."
    )


def centering_saving(figures: pd.DataFrame) -> str:
    """CenteringZwangerschap's saving per participant: net as printed, gross from TNO."""
    net = _figure(figures, "cen_tno_saving_per_person")
    extra = _figure(figures, "cen_extra_cost_per_woman")
    gross = _figure(figures, "cen_tno_gross_saving_implied")
    check = finance.net_benefit_per_participant(1.0, gross, extra)
    return (
        f"The report prints a saving of {money(net)} per participant within health care "
        f"(annex 3, 4.6) and an extra cost of about {money(extra)} per participant for group "
        f"care (4.7). TNO's own evaluation {{cite}}`westra2021centering`, which lies outside "
        f"the 2024 report, shows the {money(net)} is a net figure: about {money(gross)} of "
        f"gross future savings minus the {money(extra)} extra cost. The model therefore uses "
        f"{money(gross)} as the avoided cost per participant and the extra cost as the cost, "
        f"which gives back the printed net saving ({money(check)}). The saving falls within "
        "health care, so every scenario counts none of it for the gemeente; the extra cost is "
        "mostly borne by the care providers."
    )


def not_modelled(cases: list[BusinessCase]) -> str:
    """Which interventions have no business case, and why."""
    modelled = {case.case_id for case in cases}
    missing = [name for case_id, name in case_names().items() if case_id not in modelled]
    if not missing:
        return "Every intervention has a business case on this page."
    return (
        "Not modelled, because the report gives no number of participants or no cost per "
        "participant for them: " + ", ".join(missing) + "."
    )


def key_findings(cases: list[BusinessCase], figures: pd.DataFrame, s: Scenario) -> list[str]:
    """Three to five sentences for the top of the page, every number from the data."""
    cheapest = min(cases, key=lambda c: c.costs()[0])
    dearest = max(cases, key=lambda c: c.costs()[-1])
    sentences = [
        f"The report gives a number of participants and a cost per participant for "
        f"{len(cases)} of the twelve interventions, from {euros(cheapest.costs()[0])} "
        f"({cheapest.name}) to {euros(dearest.costs()[-1])} ({dearest.name}) per participant.",
    ]
    cases_prevented = _figure(figures, "sto_breakeven_cases_prevented")
    participations = _figure(figures, "sto_breakeven_participations")
    cost = _figure(figures, "sto_cost_per_family")
    sentences.append(
        f"By its own infographic's claim, Stevig Ouderschap pays off only if one prevented "
        f"case of child abuse saves at least {money(cost * participations / cases_prevented)}; "
        "the report gives no such cost, so the book does not value a prevented case."
    )
    with_npv = [case for case in cases if case.npv(s) is not None]
    for case in with_npv:
        sentences.append(
            f"{case.name} is the only intervention with a saving in money"
            if len(with_npv) == 1
            else f"{case.name} has a saving in money"
        )
        sentences[-1] += (
            f": over {years(s.horizon_years)} its net present value is "
            f"{euros(case.npv(s, benefit_share=1.0))} for everyone who benefits and "
            f"{euros(case.npv(s))} for the gemeente, which counts "
            f"{percent(100 * case.benefit_share, 0)} of the saving."
        )
    for case in [c for c in cases if c.cost_low is not None][:1]:
        needed = span([c * s.growth() for c in case.costs()], euros)
        sentences.append(
            f"{case.name}'s cost per participant is carried as a range, "
            f"{span(list(case.costs()), euros)}, so each of its break-even figures is a range "
            f"too: every participant must save {needed} "
            "on average (present value)."
        )
    known = [c for c in cases if c.breakeven(s, share=1.0) is not None]
    if known and len(sentences) < 5:
        sentences.append(
            f"Under the {s.name} scenario's assumptions, published success measures count "
            f"× {s.success_rate_factor:g}; where an avoided cost is known the break-even "
            f"success rate for all beneficiaries is "
            + "; ".join(f"{rate(c.breakeven(s, share=1.0))} ({c.name})" for c in known)
            + "."
        )
    return sentences[:5]
