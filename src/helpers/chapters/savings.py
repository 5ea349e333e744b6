"""The savings chapter: the who / what form / when framework, key figures per case, and a
parameterised business case per intervention built on `helpers.chapters.finance`.

Everything a page shows comes from three places, and says which: a figure of the figures
table (with its section), a scenario parameter (a labelled assumption, or a value with a
stated basis), or a computation over those two.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import altair as alt
import numpy as np
import pandas as pd

from helpers.chapters import finance
from helpers.inputs.amersfoort import case_studies
from helpers.inputs.schema import CASE_STUDY_IDS
from helpers.page.figure_text import format_number, source_of
from helpers.paths import AMERSFOORT

FRAMEWORK_FILE = AMERSFOORT / "benefit_framework.csv"
KEY_FIGURES_FILE = AMERSFOORT / "case_key_figures.csv"
FRAMEWORK_SOURCE = "data/amersfoort-2024/benefit_framework.csv, coded from the 2024 report"

# --- vocabularies of the framework (section 5.2: who benefits, in what form, when) --------

BENEFICIARIES = {
    "participants": "the participants themselves (children, parents, adults, seniors)",
    "relatives": "relatives and informal carers (naasten, mantelzorgers), incl. the family",
    "gp": "general practitioners (huisartsen)",
    "mental_health_care": "mental-health care (GGZ)",
    "youth_care": "youth care (jeugdzorg) and heavier family support",
    "health_care": "health care and its insurers in general (gezondheidszorg)",
    "long_term_care": "long-term care facilities (the report's 'AWBZ')",
    "schools": "schools",
    "housing": "housing corporations (woningcorporaties)",
    "neighbourhood": "the wijk: neighbours and the social climate of the area",
    "employers": "employers (sickness absence)",
    "social_security": "national social security (work-disability benefits)",
    "municipality": "the gemeente: wijkteams, municipal benefits (uitkeringen)",
    "society": "society at large (e.g. equal opportunities)",
    "professionals": "the professionals and volunteers who deliver the intervention",
}
FORMS = {
    "avoided_care_use": "less use of care or individual support",
    "avoided_benefits": "fewer benefit payments",
    "school_results": "better school results, diplomas, less drop-out",
    "work_and_income": "work, income, financial grip; less sickness absence",
    "physical_health": "physical health and fitness",
    "wellbeing": "mental wellbeing, less stress or loneliness, lower risk of problems",
    "skills_and_confidence": "skills, competences and self-confidence",
    "social_climate": "a safer or warmer social climate, networks, cohesion",
}
TERMS = {
    "short": "short term: within about a year (5.2: e.g. fitness)",
    "long": "long term: years to a lifetime (5.2: e.g. children, parenting problems)",
    "not_stated": "the report gives no basis for the timing",
}
# Beneficiaries the report names in 5.2 but that no case row uses still belong to the
# vocabulary, so the framework can be extended without new keys.

FRAMEWORK_COLUMNS = ["case_id", "beneficiary", "form", "term", "reason", "source"]
KEY_COLUMNS = [
    "case_id",
    "participants_figure_id",
    "annual_cost_figure_id",
    "cost_per_participant_figure_id",
    "municipal_share_figure_id",
    "success_rate_figure_id",
    "avoided_cost_figure_id",
    "note",
]
QUANTITIES = {
    "participants": "participants per year",
    "annual_cost": "annual cost",
    "cost_per_participant": "cost per participant",
    "municipal_share": "municipal share of the cost",
    "success_rate": "success measure",
    "avoided_cost": "avoided cost per success",
}


def read_framework(path: Path = FRAMEWORK_FILE) -> pd.DataFrame:
    """The framework rows, checked against the vocabularies; errors name line and value."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(table.columns) != FRAMEWORK_COLUMNS:
        raise ValueError(f"{path.name}: columns {list(table.columns)} != {FRAMEWORK_COLUMNS}")
    problems = []
    for line, row in zip(range(2, len(table) + 2), table.itertuples(index=False), strict=True):
        for column, allowed in (
            ("case_id", CASE_STUDY_IDS),
            ("beneficiary", BENEFICIARIES),
            ("form", FORMS),
            ("term", TERMS),
        ):
            if getattr(row, column) not in allowed:
                problems.append(f"{path.name}:{line}: {column} {getattr(row, column)!r} unknown")
        if not row.reason.strip() or not row.source.strip():
            problems.append(f"{path.name}:{line}: reason and source are required")
    duplicated = table.duplicated(["case_id", "beneficiary", "form", "term"])
    problems += [f"{path.name}:{i + 2}: duplicate row" for i in table.index[duplicated]]
    if problems:
        raise ValueError("\n".join(problems))
    return table


def framework_matrix(framework: pd.DataFrame) -> pd.DataFrame:
    """One row per case × beneficiary that the report supports: forms, terms and reasons."""
    names = case_studies().set_index("case_id")["name"]
    order = {case: i for i, case in enumerate(CASE_STUDY_IDS)}
    grouped = (
        framework.assign(order=framework["case_id"].map(order))
        .groupby(["order", "case_id", "beneficiary"], sort=True)
        .agg(
            forms=("form", lambda s: "; ".join(dict.fromkeys(s))),
            terms=("term", lambda s: "; ".join(dict.fromkeys(s))),
            reasons=("reason", " ".join),
            sections=("source", lambda s: "; ".join(dict.fromkeys(s))),
        )
        .reset_index()
    )
    grouped["term"] = grouped["terms"].map(_term_label)
    grouped["intervention"] = grouped["case_id"].map(names)
    return grouped.drop(columns="order")


def _term_label(terms: str) -> str:
    parts = set(terms.split("; "))
    if parts == {"not_stated"}:
        return "not stated"
    parts.discard("not_stated")
    return "short and long" if parts == {"short", "long"} else parts.pop()


def framework_heatmap(framework: pd.DataFrame) -> alt.Chart:
    """Cases × beneficiaries, coloured by when the benefit comes; tooltip: forms, reason."""
    matrix = framework_matrix(framework).assign(source=FRAMEWORK_SOURCE)
    case_order = list(case_studies()["name"])
    used = set(matrix["beneficiary"])
    beneficiary_order = [b for b in BENEFICIARIES if b in used]
    return (
        alt.Chart(matrix)
        .mark_rect(stroke="white", strokeWidth=2)
        .encode(
            x=alt.X(
                "beneficiary:N",
                sort=beneficiary_order,
                title="who may benefit",
                axis=alt.Axis(labelAngle=-40),
            ),
            y=alt.Y("intervention:N", sort=case_order, title=None),
            color=alt.Color(
                "term:N",
                title="when",
                legend=alt.Legend(orient="bottom"),
                scale=alt.Scale(
                    domain=["short", "long", "short and long", "not stated"],
                    range=["#f0a35e", "#2f6f8f", "#7b5ea7", "#c8c8c8"],
                ),
            ),
            tooltip=[
                "intervention:N",
                "beneficiary:N",
                "forms:N",
                "term:N",
                "reasons:N",
                alt.Tooltip("sections:N", title="section"),
                "source:N",
            ],
        )
        .properties(width=430, height=330)
    )


# --- key figures per case ----------------------------------------------------------------


def read_key_figures(path: Path = KEY_FIGURES_FILE) -> pd.DataFrame:
    """Which figure ids hold each case's key quantities (empty = not given)."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(table.columns) != KEY_COLUMNS:
        raise ValueError(f"{path.name}: columns {list(table.columns)} != {KEY_COLUMNS}")
    if list(table["case_id"]) != list(CASE_STUDY_IDS):
        raise ValueError(f"{path.name}: needs the twelve cases in annex order")
    return table


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


def _value_text(figure: Figure | None) -> str:
    """A figure's value with its qualifier sign, or a dash when the report gives none."""
    if figure is None:
        return "–"
    unit = "EUR" if figure.unit.startswith("EUR") else figure.unit
    return f"{QUALIFIER_PREFIX[figure.qualifier]}{format_number(figure.value, unit)}"


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


QUALIFIER_PREFIX = {"=": "", "~": "~", "<": "<", ">": ">", "range": ""}


# --- the scenario ------------------------------------------------------------------------


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


def years(n: float) -> str:
    """'1 year', '5 years'."""
    return f"{n:g} year" if n == 1 else f"{n:g} years"


def assumptions_table(s: Scenario) -> pd.DataFrame:
    """Every assumption of the scenario: value, and whether it is sourced or assumed."""
    rows = [
        (
            "discount rate (real)",
            f"{s.discount_rate:.2%}",
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
            f"{s.municipal_benefit_share:.0%}",
            "assumption: the report (5.2) expects the gemeente not to be a large beneficiary "
            "but gives no share",
        ),
        *[
            (
                f"municipal share of benefits, {case}",
                f"{float(v['share']):.0%}",
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
            (f"success rate, {case}", f"{value:g}%", "assumption: the report gives no success rate")
            for case, value in s.assumed_success_rates.items()
        ],
        *[
            (
                f"avoided cost per success, {case}",
                format_number(value, "EUR"),
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


# --- the business case per intervention ---------------------------------------------------


@dataclass(frozen=True)
class BusinessCase:
    """The inputs of one intervention's business case, each with its origin."""

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

    def breakeven(self, scenario: Scenario, share: float | None = None) -> float | None:
        """Break-even success rate (fraction) for the given benefit share."""
        share = self.benefit_share if share is None else share
        if self.avoided_cost is None or share <= 0:
            return None
        return finance.breakeven_success_rate(
            self.cost_per_participant,
            self.avoided_cost,
            share,
            scenario.discount_rate,
            scenario.benefit_delay_years,
        )

    def npv(self, scenario: Scenario, **changes) -> float | None:
        """NPV of running the intervention for the horizon (see `npv_model`)."""
        if self.success_rate is None or self.avoided_cost is None:
            return None
        inputs = {**self.npv_inputs(scenario), **changes}
        return npv_model(**inputs)

    def npv_inputs(self, scenario: Scenario) -> dict:
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


# Where a case's saving is an average over all participants rather than a saving per
# success, the success rate is 100 % by construction (TNO's figure for Centering).
AVERAGE_SAVING_CASES = {"centering-zwangerschap"}


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
        success, success_origin = _success(case_id, keys_row, figures, s)
        avoided, avoided_origin = _avoided(case_id, keys_row, figures, s)
        share, share_origin = s.benefit_share(case_id)
        cases.append(
            BusinessCase(
                case_id=case_id,
                name=names[case_id],
                participants=participants.value,
                participants_origin=f"{participants.figure_id}: {participants.source}",
                cost_per_participant=cost.value,
                cost_origin=f"{cost.figure_id}: {cost.source}",
                success_rate=success,
                success_origin=success_origin,
                avoided_cost=avoided,
                avoided_origin=avoided_origin,
                benefit_share=share,
                share_origin=share_origin,
            )
        )
    return cases


def _success(case_id, keys_row, figures, s: Scenario) -> tuple[float | None, str]:
    factor = f" × factor {s.success_rate_factor:g} (scenario)"
    figure = key_figure(keys_row, "success_rate", figures)
    if figure is not None:
        rate = min(1.0, figure.value / 100 * s.success_rate_factor)
        return rate, f"{figure.figure_id}: {figure.source}{factor}"
    if case_id in s.assumed_success_rates:
        return s.assumed_success_rates[case_id] / 100, "assumption (scenario parameter)"
    if case_id in AVERAGE_SAVING_CASES:
        rate = min(1.0, s.success_rate_factor)
        return rate, f"100 %: the saving is an average per participant{factor}"
    return None, "not given in the report"


def _avoided(case_id, keys_row, figures, s: Scenario) -> tuple[float | None, str]:
    figure = key_figure(keys_row, "avoided_cost", figures)
    if figure is not None:
        return figure.value, f"{figure.figure_id}: {figure.source}"
    if case_id in s.assumed_avoided_costs:
        return float(s.assumed_avoided_costs[case_id]), "assumption (scenario parameter)"
    return None, "not given in the report"


def cost_table(cases: list[BusinessCase], keys: pd.DataFrame, figures: pd.DataFrame):
    """Per case: annual cost, participants, cost per participant, municipal share of the
    cost, success measure and the cost per successful participant (computed)."""
    rows = []
    by_case = keys.set_index("case_id", drop=False)
    for case in cases:
        keys_row = by_case.loc[case.case_id]
        annual = key_figure(keys_row, "annual_cost", figures)
        share = key_figure(keys_row, "municipal_share", figures)
        success = key_figure(keys_row, "success_rate", figures)
        per_success = (
            finance.cost_per_successful_participant(
                case.cost_per_participant * case.participants,
                case.participants,
                success.value / 100,
            )
            if success
            else None
        )
        rows.append(
            {
                "intervention": case.name,
                "annual cost": _value_text(annual),
                "participants": _value_text(key_figure(keys_row, "participants", figures)),
                "cost / participant": _value_text(
                    key_figure(keys_row, "cost_per_participant", figures)
                ),
                "municipal share": _value_text(share),
                "success measure": _value_text(success),
                "cost / success": (
                    format_number(round(per_success), "EUR") if per_success else "–"
                ),
            }
        )
    return pd.DataFrame(rows)


def breakeven_table(cases: list[BusinessCase], s: Scenario) -> pd.DataFrame:
    """Break-even per case: the success rate needed where an avoided cost is known, and the
    avoided cost per success needed where a success rate is known."""
    rows = []
    for case in cases:
        all_rate = case.breakeven(s, share=1.0)
        town_rate = case.breakeven(s)
        needed_avoided = (
            finance.cost_per_successful_participant(case.cost_per_participant, 1, case.success_rate)
            * finance.discount_factor(s.discount_rate, s.benefit_delay_years) ** -1
            if case.success_rate
            else None
        )
        rows.append(
            {
                "intervention": case.name,
                "cost / participant": format_number(round(case.cost_per_participant), "EUR"),
                "success rate used": _pct(case.success_rate),
                "avoided cost / success used": (
                    format_number(round(case.avoided_cost), "EUR") if case.avoided_cost else "–"
                ),
                "break-even rate, all": _pct(all_rate),
                "break-even rate, gemeente": _pct(town_rate),
                "avoided cost needed, all": (
                    format_number(round(needed_avoided), "EUR") if needed_avoided else "–"
                ),
            }
        )
    return pd.DataFrame(rows)


def _pct(value: float | None) -> str:
    if value is None:
        return "–"
    if value > 1:
        return f"{value:.0%} (unreachable)"
    return f"{value:.2%}" if value < 0.1 else f"{value:.1%}"


def npv_table(cases: list[BusinessCase], s: Scenario) -> pd.DataFrame:
    """NPV over the horizon for all beneficiaries and for the municipality, where both a
    success rate and an avoided cost exist."""
    rows = []
    for case in cases:
        if case.success_rate is None or case.avoided_cost is None:
            continue
        rows.append(
            {
                "intervention": case.name,
                "success rate": f"{_pct(case.success_rate)} ({_origin_word(case.success_origin)})",
                "avoided cost per success": (
                    f"{format_number(round(case.avoided_cost), 'EUR')} "
                    f"({_origin_word(case.avoided_origin)})"
                ),
                "gemeente share": f"{case.benefit_share:.0%}",
                "NPV, all": _eur(case.npv(s, benefit_share=1.0)),
                "NPV, gemeente": _eur(case.npv(s)),
            }
        )
    return pd.DataFrame(rows)


def _origin_word(origin: str) -> str:
    if origin.startswith("assumption"):
        return "assumption"
    if "computed" in origin or origin.startswith("100 %"):
        return "derived"
    return "published"


def _eur(value: float) -> str:
    sign = "−" if value < 0 else ""
    return f"{sign}€{abs(value):,.0f}"


def inputs_table(cases: list[BusinessCase]) -> pd.DataFrame:
    """Where each input of each business case comes from."""
    rows = []
    for case in cases:
        for label, value, origin in (
            ("participants a year", f"{case.participants:,.0f}", case.participants_origin),
            (
                "cost per participant",
                format_number(round(case.cost_per_participant), "EUR"),
                case.cost_origin,
            ),
            ("success rate", _pct(case.success_rate), case.success_origin),
            (
                "avoided cost per success",
                format_number(round(case.avoided_cost), "EUR") if case.avoided_cost else "–",
                case.avoided_origin,
            ),
            ("municipal share of benefits", f"{case.benefit_share:.0%}", case.share_origin),
        ):
            rows.append({"intervention": case.name, "input": label, "value": value, "from": origin})
    return pd.DataFrame(rows)


# --- sensitivity -------------------------------------------------------------------------


def tornado_table(case: BusinessCase, s: Scenario) -> pd.DataFrame:
    """One-at-a-time sensitivity of the municipal NPV to the scenario's ranges."""
    base = case.npv_inputs(s)
    ranges = {name: tuple(bounds) for name, bounds in s.sensitivity.items()}
    return finance.tornado(npv_model, base, ranges, SENSITIVITY_LABELS)


def tornado_chart(table: pd.DataFrame, source: str) -> alt.Chart:
    """Bars from the NPV at each input's low end to the NPV at its high end."""
    data = table.assign(
        low=table[["result_low", "result_high"]].min(axis=1),
        high=table[["result_low", "result_high"]].max(axis=1),
        range=table["low_value"].map("{:g}".format)
        + " to "
        + table["high_value"].map("{:g}".format),
        source=source,
    )
    order = list(data["label"])
    bars = (
        alt.Chart(data)
        .mark_bar(color="#2f6f8f", height=16)
        .encode(
            y=alt.Y("label:N", sort=order, title=None),
            x=alt.X("low:Q", title="NPV over the horizon (€)"),
            x2="high:Q",
            tooltip=[
                alt.Tooltip("label:N", title="input"),
                alt.Tooltip("range:N", title="varied from"),
                alt.Tooltip("result_low:Q", title="NPV at low end", format=",.0f"),
                alt.Tooltip("result_high:Q", title="NPV at high end", format=",.0f"),
                "source:N",
            ],
        )
    )
    base_rule = (
        alt.Chart(data.head(1))
        .mark_rule(color="black", strokeDash=[4, 3])
        .encode(x="base_result:Q")
    )
    zero = alt.Chart(pd.DataFrame({"zero": [0]})).mark_rule(color="#999").encode(x="zero:Q")
    return alt.layer(zero, bars, base_rule).properties(width=480, height=30 * len(data) + 20)


# --- the interactive break-even explorer ---------------------------------------------------


@dataclass(frozen=True)
class ExplorerStart:
    """Where the sliders of the explorer start, and why."""

    success_pct: float
    avoided_cost: float
    avoided_is_placeholder: bool
    x_max: float
    avoided_max: float


def explorer_start(case: BusinessCase, s: Scenario) -> ExplorerStart:
    """Slider start values: the case's own figures, else a placeholder (labelled as such).

    Placeholder avoided cost: the value at which the intervention breaks even, for all
    beneficiaries, at the success rate used (or at 10 % where none is known).
    """
    reference = case.success_rate if case.success_rate else 0.10
    growth = 1 / finance.discount_factor(s.discount_rate, s.benefit_delay_years)
    if case.avoided_cost:
        avoided, placeholder = case.avoided_cost, False
    else:
        avoided, placeholder = case.cost_per_participant * growth / reference, True
    breakeven_all = finance.breakeven_success_rate(
        case.cost_per_participant, avoided, 1.0, s.discount_rate, s.benefit_delay_years
    )
    x_max = min(100.0, max(5.0, 3 * 100 * max(reference, breakeven_all)))
    x_max = float(_nice(x_max))
    return ExplorerStart(
        success_pct=round(100 * reference, 2),
        avoided_cost=round(avoided),
        avoided_is_placeholder=placeholder,
        x_max=x_max,
        avoided_max=float(_nice(avoided * 4)),
    )


EXPLORER_SOURCE = "computed from data/amersfoort-2024 (figures table) and the scenario parameters"


def _nice(value: float) -> float:
    """Round up to 1, 2 or 5 times a power of ten."""
    magnitude = 10 ** np.floor(np.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def explorer_chart(
    case: BusinessCase, s: Scenario, key: str, source: str = EXPLORER_SOURCE
) -> alt.LayerChart:
    """Net benefit per participant against the success rate, with three sliders.

    Sliders (vega-embed bindings): success rate, avoided cost per success and the share of
    the benefit that counts. Net benefit per participant = ``s × A × m / (1 + r) ** d − c``;
    the red rule (layer name ``breakeven``) marks the break-even success rate
    ``c × (1 + r) ** d / (A × m)``. ``key`` makes the parameter names unique on a page;
    ``source`` is what the tooltips name as the data's origin.
    """
    start = explorer_start(case, s)
    growth = 1 / finance.discount_factor(s.discount_rate, s.benefit_delay_years)
    c = case.cost_per_participant
    success = alt.param(
        name=f"{key}_success",
        value=min(start.success_pct, start.x_max),
        bind=alt.binding_range(
            min=0, max=start.x_max, step=start.x_max / 200, name="success rate (%) "
        ),
    )
    avoided = alt.param(
        name=f"{key}_avoided",
        value=start.avoided_cost,
        bind=alt.binding_range(
            min=0,
            max=start.avoided_max,
            step=start.avoided_max / 400,
            name="avoided cost per success (€) ",
        ),
    )
    share = alt.param(
        name=f"{key}_share",
        value=1.0,
        bind=alt.binding_range(min=0, max=1, step=0.01, name="share of the benefit counted "),
    )
    a, m, sp = avoided.name, share.name, success.name
    net = f"datum.pct / 100 * {a} * {m} / {growth!r} - {c!r}"
    grid = pd.DataFrame({"pct": np.linspace(0, start.x_max, 101)})
    x = alt.X(
        "pct:Q", title="success rate (% of participants)", scale=alt.Scale(domain=[0, start.x_max])
    )
    y = alt.Y("net:Q", title="net benefit per participant (€, present value)")
    line = (
        alt.Chart(grid)
        .transform_calculate(net=net, source=f"'{source}'")
        .mark_line(color="#2f6f8f", clip=True)
        .encode(
            x=x,
            y=y,
            tooltip=[
                alt.Tooltip("pct:Q", format=".2f"),
                alt.Tooltip("net:Q", format=",.0f"),
                "source:N",
            ],
        )
    )
    one = pd.DataFrame({"one": [1]})
    zero = alt.Chart(one).mark_rule(color="#999").encode(y=alt.datum(0))
    rule = (
        alt.Chart(one)
        .transform_calculate(pct=f"100 * {c!r} * {growth!r} / ({a} * {m})")
        .transform_filter("isFinite(datum.pct)")
        .mark_rule(color="firebrick", strokeWidth=2, clip=True)
        .encode(
            x=x, tooltip=[alt.Tooltip("pct:Q", title="break-even success rate (%)", format=".2f")]
        )
        .properties(name=f"{key}_breakeven")
    )
    label = (
        alt.Chart(one)
        .transform_calculate(
            pct=f"100 * {c!r} * {growth!r} / ({a} * {m})",
            text="'break-even ' + format(datum.pct, '.2f') + ' %'",
        )
        .transform_filter(f"isFinite(datum.pct) && datum.pct <= {start.x_max!r}")
        .mark_text(align="left", dx=4, dy=-6, color="firebrick", clip=True)
        .encode(x=x, y=alt.value(10), text="text:N")
    )
    point = (
        alt.Chart(one)
        .transform_calculate(pct=sp)
        .transform_calculate(net=net)
        .mark_point(color="black", filled=True, size=70, clip=True)
        .encode(
            x=x,
            y=y,
            tooltip=[
                alt.Tooltip("pct:Q", title="success rate (%)", format=".2f"),
                alt.Tooltip("net:Q", title="net benefit per participant (€)", format=",.0f"),
            ],
        )
    )
    return (
        alt.layer(zero, line, rule, label, point)
        .add_params(success, avoided, share)
        .properties(width=480, height=260, title=case.name)
    )
