"""A neutral savings scenario for tests: no discounting, one year, every benefit counted."""

from helpers.chapters.savings_model import Scenario


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
