"""Shared by the pipeline tests: which module is the savings model, which runs do not use it."""

from pathlib import Path

import pytest


@pytest.fixture
def savings_model():
    """The business-case module, relative to ``src/helpers`` under a given ``src`` folder.

    ``savings.py`` is being split into ``savings_*.py`` modules; the model is in the first
    of these names that exists.
    """

    def find(source: Path) -> str:
        names = ("chapters/savings_model.py", "chapters/savings.py")
        return next(name for name in names if (source / "helpers" / name).is_file())

    return find


@pytest.fixture
def not_savings() -> set[str]:
    """Runs of the plan whose templates do not use the savings model (case-* pages too)."""
    return {"inventory", "case-comparison", "balance-model", "reconciliation"}
