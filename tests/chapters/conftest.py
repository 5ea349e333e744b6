"""Fixtures shared by the chapter tests."""

import pytest

from helpers.inputs.figures import evaluate, load_figures
from helpers.paths import DATA


@pytest.fixture(scope="session")
def figures():
    """The published and derived figures of both reports, evaluated."""
    return evaluate(load_figures(DATA))
