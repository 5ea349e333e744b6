"""One palette: colours are named only in `helpers.page.palette`, the alarm colour only for
'differs', and every colour keeps its contrast on the chart's background."""

from __future__ import annotations

import ast
import colorsys
import re
from pathlib import Path

import pandas as pd
import pytest
from PIL import ImageColor

from helpers.chapters import life_domains, municipalities
from helpers.chapters.reconciliation import READER_STATUSES
from helpers.inputs.balance_data import domain_label
from helpers.page import palette
from helpers.page.charts import bar_chart
from helpers.paths import ROOT

HELPERS = ROOT / "src" / "helpers"
PALETTE = HELPERS / "page" / "palette.py"
HEX = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?\b")
COLOUR_KEYWORDS = {"color", "colour", "stroke", "fill", "background"}


def modules() -> list[Path]:
    found = sorted(p for p in HELPERS.rglob("*.py") if p != PALETTE)
    assert len(found) > 40  # the walk found the package
    return found


def string_constants(tree: ast.AST) -> list[ast.Constant]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def colour_literals(source: str) -> list[str]:
    """Hex colours in string literals, and CSS colour names or rgb() given as a colour."""
    tree = ast.parse(source)
    found = [m for c in string_constants(tree) for m in HEX.findall(c.value)]
    found += [c.value for c in string_constants(tree) if c.value.startswith(("rgb(", "hsl("))]
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg in COLOUR_KEYWORDS:
            value = node.value
            if isinstance(value, ast.Constant) and str(value.value).lower() in ImageColor.colormap:
                found.append(value.value)
    return found


def test_the_detector_finds_hex_names_and_rgb_but_not_field_names():
    code = (
        'a = "#2f6f8f"; b = "see #12 and #abc"\n'
        'mark(color="firebrick", stroke="white")\n'
        'bar(color="answer"); c = "rgb(1, 2, 3)"'
    )
    assert colour_literals(code) == ["#2f6f8f", "#abc", "rgb(1, 2, 3)", "firebrick", "white"]


def test_no_module_but_the_palette_names_a_colour():
    found = {
        str(path.relative_to(HELPERS)): hits
        for path in modules()
        if (hits := colour_literals(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def palette_names_used(path: Path) -> set[str]:
    """The `palette.X` names a module reads."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        n.attr
        for n in ast.walk(tree)
        if isinstance(n, ast.Attribute)
        and isinstance(n.value, ast.Name)
        and n.value.id == "palette"
    }


def colour_constants():
    """(name, colour) for every colour the palette holds; tuple items as NAME[i]."""
    for name, value in vars(palette).items():
        if name.isupper() and isinstance(value, str) and HEX.fullmatch(value):
            yield name, value
        elif name.isupper() and isinstance(value, tuple):
            yield from ((f"{name}[{i}]", item) for i, item in enumerate(value))


def test_the_alarm_colour_is_used_only_by_the_reconciliation_status_scale():
    users = {p.name: palette_names_used(p) for p in modules()}
    assert [name for name, used in users.items() if "DIFFERS" in used] == []
    assert [name for name, used in users.items() if "STATUS" in used] == ["reconciliation_page.py"]
    assert [name for name, colour in colour_constants() if colour == palette.DIFFERS] == ["DIFFERS"]
    assert [k for k, v in palette.STATUS.items() if v == palette.DIFFERS] == ["differs"]


def test_the_status_scale_covers_the_reader_statuses_in_four_colours():
    scale = palette.scale(palette.STATUS, list(READER_STATUSES))
    assert len(set(scale["range"])) == len(READER_STATUSES) == 4


def alarm_like(colour: str) -> bool:
    """A strong, bright colour within 30 degrees of hue of the alarm colour."""

    def hsv(c: str) -> tuple[float, float, float]:
        return colorsys.rgb_to_hsv(*(v / 255 for v in ImageColor.getrgb(c)))

    (hue, saturation, value), alarm = hsv(colour), hsv(palette.DIFFERS)[0]
    distance = abs(hue - alarm) % 1
    return min(distance, 1 - distance) < 30 / 360 and saturation > 0.5 and value > 0.6


def test_no_category_colour_is_a_red_or_orange_that_reads_as_an_alarm():
    assert [alarm_like(c) for c in ("#e45756", "#f58518", "#c0262d", "#8c5a3c")] == [
        True,
        True,
        True,
        False,  # a brown is no alarm
    ]
    assert [c for c in palette.CATEGORIES if alarm_like(c)] == []
    meaning = {*palette.ORIGIN.values(), *palette.STATUS.values(), palette.MUTED, palette.EMPTY}
    assert not meaning & set(palette.CATEGORIES)
    assert len(set(palette.CATEGORIES)) == len(palette.CATEGORIES) == 6


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours."""

    def luminance(colour: str) -> float:
        rgb = [c / 255 for c in ImageColor.getrgb(colour)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_helper_matches_known_ratios():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize(
    "colour",
    [*palette.ORIGIN.values(), *palette.STATUS.values(), *palette.CATEGORIES],
)
def test_data_colours_keep_3_to_1_on_the_chart_background(colour):
    # charts sit on PAPER on the light page and, as a card, on the dark page
    assert palette.PAPER == "#ffffff"
    assert contrast(colour, palette.PAPER) >= 3


def test_text_colours_keep_4_5_to_1():
    assert contrast(palette.INK, palette.PAPER) >= 4.5
    assert contrast(palette.INK_MUTED, palette.PAPER) >= 4.5
    # the two greys of the status scale stay apart from each other
    assert contrast(palette.NOT_REPRODUCIBLE, palette.STATED_ONCE) >= 1.8


@pytest.mark.parametrize(
    ("source", "origin"),
    [
        ("2024 report, §3.2", "as published"),
        ("2024 report, annex 3, via data/amersfoort-2024/case_key_figures.csv", "as published"),
        ("computed from the workbook zonnedal.xlsx, sheet Interventies", "computed"),
        ("our reading of the 2024 report, annex 3; data/x.csv", "computed"),
        ("berekend uit zonnedal.xlsx, blad Interventies", "computed"),
        ("2017 report (published) and indicators.csv (coded)", "computed"),
    ],
)
def test_origin_reads_the_source(source, origin):
    assert palette.origin(source) == origin
    assert palette.origin_colour(source) == palette.ORIGIN[origin]


def test_categories_mute_missing_answers_and_refuse_a_seventh():
    scale = palette.categories(["a", "not stated", "b", "not known"])
    assert scale == {
        "domain": ["a", "not stated", "b", "not known"],
        "range": [palette.CATEGORIES[0], palette.MUTED, palette.CATEGORIES[1], palette.MUTED],
    }
    assert palette.categories(["a", "b"], muted=("b",))["range"][1] == palette.MUTED
    with pytest.raises(ValueError, match="7 categories"):
        palette.categories(list("abcdefg"))


def colour_of(spec: dict) -> dict[str, str]:
    scale = spec["encoding"]["color"]["scale"]
    return dict(zip(scale["domain"], scale["range"], strict=True))


def test_a_life_domain_has_one_colour_in_the_bar_charts_and_the_matrix():
    themes = pd.DataFrame(
        {
            "theme": ["own strength", "accessibility", "social network"],
            "indicators": [3, 5, 2],
            "life domain": [domain_label(d) for d in (1, 2, 3)],
        }
    )
    bars = colour_of(bar_chart(themes, "theme", "indicators", "x", color="life domain").to_dict())
    matrix = dict(zip(*life_domains.DOMAIN_COLOURS.values(), strict=True))
    assert bars == matrix
    assert len(set(bars.values())) == 3


@pytest.mark.parametrize(
    ("places", "expected"),
    [
        (["Zonnedal", "Amersfoort"], [palette.COMPUTED, palette.AS_PUBLISHED]),
        (
            ["A", "B", "Amersfoort"],
            [palette.CATEGORIES[0], palette.CATEGORIES[1], palette.AS_PUBLISHED],
        ),
        (  # more municipalities than category colours: all in the computed colour
            [f"G{i}" for i in range(10)] + ["Amersfoort"],
            [palette.COMPUTED] * 10 + [palette.AS_PUBLISHED],
        ),
    ],
)
def test_places_are_computed_and_amersfoort_as_published(places, expected):
    assert municipalities.place_scale(places) == {"domain": places, "range": expected}
