"""The business case per intervention: a scenario's assumptions over the report's figures.

Every input of a `BusinessCase` comes from one of three places and says which: a figure
of the figures table (via ``case_key_figures.csv``), a scenario parameter (an assumption,
or a value with a stated basis), or a computation over those two. The arithmetic is in
`helpers.chapters.finance`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from helpers.chapters import finance
from helpers.inputs.amersfoort import case_studies
from helpers.page.figure_text import source_of

# Where a case's saving is an average over all participants rather than a saving per
# success, the success rate is 100 % by construction (TNO's figure for Centering).
AVERAGE_SAVING_CASES = {"centering-zwangerschap"}
NOT_GIVEN = "not given in the report"
# Figures whose value comes from a source outside the 2024 report (data/references.bib).
OUTSIDE_REPORT = {"cen_tno_gross_saving_implied": "Westra et al. (TNO) 2021"}


@dataclass(frozen=True)
class Figure:
    """One evaluated figure with where it comes from."""

    figure_id: str
    value: float
    unit: str
    qualifier: str
    source: str


def key_figure(keys_row: pd.Series, quantity: str, figures: pd.DataFrame) -> Figure | None:
    """The figure behind ``quantity`` for one case, or None if the report gives none."""
    figure_id = keys_row[f"{quantity}_figure_id"]
    if not figure_id:
        return None
    row = figures.set_index("figure_id").loc[figure_id]
    value = row["computed"] if pd.notna(row.get("computed")) else row["value"]
    return Figure(figure_id, float(value), row["unit"], row["qualifier"], source_of(row))


@dataclass
class Scenario:
    """The assumptions of one run of the savings notebook (its papermill parameters)."""

    name: str
    discount_rate: float
    horizon_years: int
    municipal_benefit_share: float
    success_rate_factor: float
    benefit_delay_years: int
    assumed_success_rates: dict = field(default_factory=dict)
    assumed_avoided_costs: dict = field(default_factory=dict)
    municipal_benefit_share_by_case: dict = field(default_factory=dict)
    sensitivity: dict = field(default_factory=dict)

    def benefit_share(self, case_id: str) -> tuple[float, str]:
        """The municipal share of benefits for a case and its basis."""
        override = self.municipal_benefit_share_by_case.get(case_id)
        if override is not None:
            return float(override["share"]), override["basis"]
        return self.municipal_benefit_share, "assumption (scenario-wide)"

    def growth(self) -> float:
        """What one euro paid now must grow to by the time the saving comes: (1 + r) ** d."""
        return 1 / finance.discount_factor(self.discount_rate, self.benefit_delay_years)


@dataclass(frozen=True)
class BusinessCase:
    """The inputs of one intervention's business case, each with its origin.

    ``cost_low`` is set where the cost per participant is a range (the report's own
    figure below the one computed from its data); the model uses ``cost_per_participant``.
    """

    case_id: str
    name: str
    participants: float
    participants_origin: str
    cost_per_participant: float
    cost_origin: str
    success_rate: float | None  # fraction, after the scenario factor
    success_origin: str
    avoided_cost: float | None
    avoided_origin: str
    benefit_share: float
    share_origin: str
    cost_low: float | None = None
    cost_low_origin: str = ""

    def costs(self) -> tuple[float, ...]:
        """The cost per participant, or both ends of its range (low first)."""
        if self.cost_low is None:
            return (self.cost_per_participant,)
        return (self.cost_low, self.cost_per_participant)

    def breakeven(
        self, scenario: Scenario, share: float | None = None, cost: float | None = None
    ) -> float | None:
        """Break-even success rate (fraction) for the given benefit share and cost."""
        share = self.benefit_share if share is None else share
        if self.avoided_cost is None or share <= 0:
            return None
        return finance.breakeven_success_rate(
            self.cost_per_participant if cost is None else cost,
            self.avoided_cost,
            share,
            scenario.discount_rate,
            scenario.benefit_delay_years,
        )

    def avoided_cost_needed(self, scenario: Scenario, cost: float | None = None) -> float | None:
        """Avoided cost per success at which the case breaks even for all beneficiaries."""
        if not self.success_rate:
            return None
        cost = self.cost_per_participant if cost is None else cost
        return finance.cost_per_successful_participant(cost, 1, self.success_rate) * (
            scenario.growth()
        )

    def npv(self, scenario: Scenario, **changes) -> float | None:
        """NPV of running the intervention for the horizon (see `npv_model`)."""
        if self.success_rate is None or self.avoided_cost is None:
            return None
        return npv_model(**{**self.npv_inputs(scenario), **changes})

    def npv_inputs(self, scenario: Scenario) -> dict:
        """The keyword arguments of `npv_model` for this case under the scenario."""
        return {
            "participants": self.participants,
            "cost_per_participant": self.cost_per_participant,
            "success_rate": self.success_rate,
            "avoided_cost": self.avoided_cost,
            "benefit_share": self.benefit_share,
            "discount_rate": scenario.discount_rate,
            "horizon_years": scenario.horizon_years,
            "benefit_delay_years": scenario.benefit_delay_years,
            "success_factor": 1.0,
            "avoided_cost_factor": 1.0,
            "cost_factor": 1.0,
        }


def npv_model(
    participants: float,
    cost_per_participant: float,
    success_rate: float,
    avoided_cost: float,
    benefit_share: float,
    discount_rate: float,
    horizon_years: float,
    benefit_delay_years: float,
    success_factor: float = 1.0,
    avoided_cost_factor: float = 1.0,
    cost_factor: float = 1.0,
) -> float:
    """NPV of a yearly cohort of ``N`` participants over the horizon.

    Yearly cost ``N × c``; yearly gross benefit ``N × min(1, s) × A``, arriving after the
    delay, of which the benefit share counts (`finance.business_case_npv`). The factors
    scale ``s``, ``A`` and ``c`` for the sensitivity analysis.
    """
    rate = min(1.0, success_rate * success_factor)
    return finance.business_case_npv(
        annual_cost=participants * cost_per_participant * cost_factor,
        annual_benefit=participants * rate * avoided_cost * avoided_cost_factor,
        rate=discount_rate,
        horizon_years=int(round(horizon_years)),
        delay_years=int(round(benefit_delay_years)),
        benefit_share=benefit_share,
    )


def _origin(figure: Figure) -> str:
    """'id: source', naming a source outside the report where the value comes from one."""
    outside = OUTSIDE_REPORT.get(figure.figure_id)
    extra = f"; value given by {outside}, outside the 2024 report" if outside else ""
    return f"{figure.figure_id}: {figure.source}{extra}"


def business_cases(keys: pd.DataFrame, figures: pd.DataFrame, s: Scenario) -> list[BusinessCase]:
    """The business case of every intervention with a participant count and a unit cost."""
    names = case_studies().set_index("case_id")["name"]
    cases = []
    for _, keys_row in keys.iterrows():
        case_id = keys_row["case_id"]
        participants = key_figure(keys_row, "participants", figures)
        cost = key_figure(keys_row, "cost_per_participant", figures)
        if participants is None or cost is None:
            continue
        low = key_figure(keys_row, "cost_per_participant_low", figures)
        success, success_origin = _success(case_id, keys_row, figures, s)
        avoided, avoided_origin = _avoided(case_id, keys_row, figures, s)
        share, share_origin = s.benefit_share(case_id)
        cases.append(
            BusinessCase(
                case_id=case_id,
                name=names[case_id],
                participants=participants.value,
                participants_origin=_origin(participants),
                cost_per_participant=cost.value,
                cost_origin=_origin(cost),
                success_rate=success,
                success_origin=success_origin,
                avoided_cost=avoided,
                avoided_origin=avoided_origin,
                benefit_share=share,
                share_origin=share_origin,
                cost_low=None if low is None else low.value,
                cost_low_origin="" if low is None else _origin(low),
            )
        )
    return cases


def _success(case_id, keys_row, figures, s: Scenario) -> tuple[float | None, str]:
    factor = f" × factor {s.success_rate_factor:g} (scenario)"
    figure = key_figure(keys_row, "success_rate", figures)
    if figure is not None:
        rate = min(1.0, figure.value / 100 * s.success_rate_factor)
        return rate, _origin(figure) + factor
    if case_id in s.assumed_success_rates:
        return s.assumed_success_rates[case_id] / 100, "assumption (scenario parameter)"
    if case_id in AVERAGE_SAVING_CASES:
        rate = min(1.0, s.success_rate_factor)
        return rate, f"100 %: the saving is an average per participant (our reading){factor}"
    return None, NOT_GIVEN


def _avoided(case_id, keys_row, figures, s: Scenario) -> tuple[float | None, str]:
    figure = key_figure(keys_row, "avoided_cost", figures)
    if figure is not None:
        return figure.value, _origin(figure)
    if case_id in s.assumed_avoided_costs:
        return float(s.assumed_avoided_costs[case_id]), "assumption (scenario parameter)"
    return None, NOT_GIVEN
