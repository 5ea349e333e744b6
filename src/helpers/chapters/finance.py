"""Small, pure business-case arithmetic for the savings chapter.

Conventions used throughout:

- Rates and shares are fractions (``0.0225`` for 2.25 %, ``0.9`` for 90 %).
- Years are counted from ``t = 0``, the first year of the intervention. An amount in year
  ``t`` is discounted by ``(1 + r) ** t``: year 0 is not discounted. All amounts are in
  constant prices, so ``r`` is a *real* discount rate.
- A "success" is one participant for whom the intended effect happens (for example one
  prevented case); the avoided cost per success is what that saves.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pandas as pd


def _positive(name: str, value: float) -> None:
    if not value > 0:
        raise ValueError(f"{name} must be positive, got {value!r}")


def cost_per_participant(annual_cost: float, participants: float) -> float:
    """Cost per participant ``c = C / N`` (annual cost over participants a year)."""
    _positive("participants", participants)
    return annual_cost / participants


def cost_per_successful_participant(
    annual_cost: float, participants: float, success_rate: float
) -> float:
    """Cost per successful participant ``C / (N × s)``.

    This is also the avoided cost per success at which the intervention breaks even,
    given its success rate ``s``.
    """
    _positive("participants", participants)
    _positive("success_rate", success_rate)
    return annual_cost / (participants * success_rate)


def discount_factor(rate: float, year: float) -> float:
    """Present value of 1 in year ``t``: ``1 / (1 + r) ** t``."""
    if rate <= -1:
        raise ValueError(f"discount rate must be above -1, got {rate!r}")
    return 1.0 / (1.0 + rate) ** year


def breakeven_success_rate(
    cost_per_participant: float,
    avoided_cost_per_success: float,
    benefit_share: float = 1.0,
    discount_rate: float = 0.0,
    delay_years: float = 0,
) -> float:
    """Success rate at which one participant's benefits pay for his or her cost.

    ``s* = c × (1 + r) ** d / (A × m)``: cost per participant ``c`` paid now, avoided
    cost per success ``A`` of which a share ``m`` counts, arriving ``d`` years later and
    discounted at rate ``r``. With ``m = 1`` and ``d = 0`` this is simply ``c / A``.
    The result may exceed 1: then no success rate is high enough.
    """
    _positive("avoided_cost_per_success", avoided_cost_per_success)
    _positive("benefit_share", benefit_share)
    return cost_per_participant / (
        avoided_cost_per_success * benefit_share * discount_factor(discount_rate, delay_years)
    )


def net_benefit_per_participant(
    success_rate: float,
    avoided_cost_per_success: float,
    cost_per_participant: float,
    benefit_share: float = 1.0,
    discount_rate: float = 0.0,
    delay_years: float = 0,
) -> float:
    """Present value of one participation: ``s × A × m / (1 + r) ** d − c``.

    It is zero exactly at `breakeven_success_rate`.
    """
    benefit = success_rate * avoided_cost_per_success * benefit_share
    return benefit * discount_factor(discount_rate, delay_years) - cost_per_participant


def annuity_factor(rate: float, years: int, start: int = 0) -> float:
    """Present value of 1 a year in years ``start .. start + years − 1``.

    ``AF = Σ_{t=start}^{start+years−1} 1 / (1 + r) ** t``
    ``   = (1 − (1 + r) ** −years) / r × (1 + r) / (1 + r) ** start`` for ``r ≠ 0``,
    and ``years`` for ``r = 0``. Zero or fewer years give 0.
    """
    if years <= 0:
        return 0.0
    if rate == 0:
        return float(years)
    closed = (1 - (1 + rate) ** -years) / rate * (1 + rate)
    return closed * discount_factor(rate, start)


def npv(benefits: Sequence[float], costs: Sequence[float], rate: float) -> float:
    """Net present value of yearly streams: ``Σ_t (B_t − C_t) / (1 + r) ** t``.

    ``benefits[t]`` and ``costs[t]`` belong to year ``t`` (``t = 0`` undiscounted); a
    shorter stream counts as zero in the later years.
    """
    years = max(len(benefits), len(costs))
    total = 0.0
    for t in range(years):
        b = benefits[t] if t < len(benefits) else 0.0
        c = costs[t] if t < len(costs) else 0.0
        total += (b - c) * discount_factor(rate, t)
    return total


def business_case_streams(
    annual_cost: float,
    annual_benefit: float,
    horizon_years: int,
    delay_years: int = 0,
    benefit_share: float = 1.0,
) -> tuple[list[float], list[float]]:
    """Yearly benefit and cost streams of an intervention run for ``horizon_years`` years.

    Costs: ``C`` in every year ``0 .. H−1``. Benefits: each year's participants yield
    ``B`` (gross, for everyone) ``d`` years later, of which the share ``m`` counts; only
    benefits that fall inside the horizon are counted, so years ``d .. H−1`` carry
    ``m × B`` and the benefits of the last ``d`` cohorts fall outside the horizon.
    """
    if horizon_years < 1:
        raise ValueError(f"horizon_years must be at least 1, got {horizon_years!r}")
    if delay_years < 0:
        raise ValueError(f"delay_years must not be negative, got {delay_years!r}")
    costs = [float(annual_cost)] * horizon_years
    benefits = [
        benefit_share * annual_benefit if t >= delay_years else 0.0 for t in range(horizon_years)
    ]
    return benefits, costs


def business_case_npv(
    annual_cost: float,
    annual_benefit: float,
    rate: float,
    horizon_years: int,
    delay_years: int = 0,
    benefit_share: float = 1.0,
) -> float:
    """NPV of `business_case_streams`; in closed form

    ``NPV = m × B × AF(r, H − d, start=d) − C × AF(r, H)``.
    """
    benefits, costs = business_case_streams(
        annual_cost, annual_benefit, horizon_years, delay_years, benefit_share
    )
    return npv(benefits, costs, rate)


def tornado(
    model: Callable[..., float],
    base: Mapping[str, float],
    ranges: Mapping[str, tuple[float, float]],
    labels: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """One-at-a-time sensitivity of ``model(**inputs)``.

    For each input in ``ranges`` the model is run with that input at its low and at its
    high value and every other input at ``base``. Returns one row per input with the base
    result (``base_result``), the results at the low and high value and the ``swing``
    ``|result_high − result_low|``, sorted by swing, largest first (the order of a
    tornado chart).
    """
    unknown = sorted(set(ranges) - set(base))
    if unknown:
        raise KeyError(f"ranges for inputs not in base: {unknown}")
    base_result = model(**base)
    rows = []
    for name, (low, high) in ranges.items():
        result_low = model(**{**base, name: low})
        result_high = model(**{**base, name: high})
        rows.append(
            {
                "input": name,
                "label": (labels or {}).get(name, name),
                "base_value": base[name],
                "low_value": low,
                "high_value": high,
                "base_result": base_result,
                "result_low": result_low,
                "result_high": result_high,
                "swing": abs(result_high - result_low),
            }
        )
    table = pd.DataFrame(rows)
    if table.empty:
        return table
    return table.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)
