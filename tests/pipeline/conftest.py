"""Shared by the pipeline tests: which module is the savings model, which runs do not use it."""

from pathlib import Path

import pytest


@pytest.fixture
def savings_model():
    """The business-case module, relative to ``src/helpers`` under a given ``src`` folder."""

    def find(source: Path) -> str:
        name = "chapters/savings_model.py"
        assert (source / "helpers" / name).is_file(), f"no savings model at {name}"
        return name

    return find


@pytest.fixture
def not_savings() -> set[str]:
    """Runs of the plan whose templates do not use the savings model (case-* pages too)."""
    return {"inventory", "case-comparison", "balance-model", "reconciliation"}
