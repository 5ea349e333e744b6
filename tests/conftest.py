"""Shared test set-up: the project root, and the support modules beside this file.

Tests are grouped by layer, like src/helpers: inputs/, chapters/, tools/ (unit and data
tests, no build: `make check`), pipeline/ (builds books) and browser/ (the built book in
Chromium).
"""

import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
sys.path.insert(0, str(TESTS))  # browser.py, validate_cli.py


@pytest.fixture(scope="session")
def root() -> Path:
    """The project root."""
    return ROOT
