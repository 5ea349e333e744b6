"""The one number style of the book, and the reader blocks."""

import math

import pandas as pd
import pytest

from helpers.page import callouts, formatting
from helpers.page.tables import TABLE_MIME


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (674107.0, "674,107"),
        (2.5, "2.50"),
        (12.25, "12.2"),
        (None, "not known"),
        (math.nan, "not known"),
        (0, "0"),
    ],
)
def test_count(value, expected):
    assert formatting.count(value) == expected


def test_money_and_percent():
    assert formatting.money(1120) == "€1,120"
    assert formatting.money(-76.5) == "-€76.5"
    assert formatting.money(float("nan")) == "not known"
    assert formatting.percent(36.54) == "36.5 %"
    assert formatting.share(50, 137) == "36.5 %"
    assert formatting.share(1, 0) == "not known"


def test_number_follows_the_unit():
    assert formatting.number(316100, "EUR") == "€316,100"
    assert formatting.number(2023, "year") == "2023"
    assert formatting.number(78.8, "percent") == "78.8 %"
    assert formatting.number(109, "count") == "109"


def test_key_findings_is_an_admonition_with_every_sentence():
    text = callouts.key_findings_markdown(["One.", " ", "Two."])
    assert text.startswith("::::{admonition} Key findings")
    assert "One.\n\nTwo." in text
    with pytest.raises(ValueError):
        callouts.key_findings_markdown([" "])


def test_provenance_is_collapsed_and_keeps_the_table_data(monkeypatch):
    shown = []
    monkeypatch.setattr(callouts, "display", lambda bundle, raw: shown.append(bundle))
    callouts.show_provenance(pd.DataFrame({"figure id": ["a_b"]}), "Sources (2024 report)")
    (bundle,) = shown
    assert bundle["text/html"].startswith('<details class="provenance"><summary>')
    assert "<details open" not in bundle["text/html"]
    assert bundle[TABLE_MIME]["data"] == [["a_b"]]
    assert bundle["text/markdown"].startswith("::::{dropdown}")
