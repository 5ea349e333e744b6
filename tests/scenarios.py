"""A neutral savings scenario (no discounting, one year, every benefit counted) and a
small business case, for tests."""

from helpers.chapters.savings_model import BusinessCase, Scenario


def scenario(**changes) -> Scenario:
    """The neutral scenario with ``changes`` applied."""
    values = dict(
        name="test",
        discount_rate=0.0,
        horizon_years=1,
        municipal_benefit_share=1.0,
        success_rate_factor=1.0,
        benefit_delay_years=0,
    )
    return Scenario(**{**values, **changes})


def case(**changes) -> BusinessCase:
    """A small Taalent-like business case with ``changes`` applied."""
    values = dict(
        case_id="taalent",
        name="T",
        participants=10,
        participants_origin="p",
        cost_per_participant=100.0,
        cost_origin="c",
        success_rate=0.3,
        success_origin="s",
        avoided_cost=1_000.0,
        avoided_origin="a",
        benefit_share=0.5,
        share_origin="m",
    )
    return BusinessCase(**{**values, **changes})
