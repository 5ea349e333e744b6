"""The book's colours: each means one thing on every page, and no other module names one.

Meaning colours (use them only for what they name):

* `AS_PUBLISHED` — a figure as a report publishes it; `COMPUTED` — a figure this book
  computes from data (recomputed, derived, coded by us). `origin` tells which of the two a
  chart's source names;
* reconciliation statuses (`STATUS`): `MATCHES`, `DIFFERS` (the alarm colour: used for
  nothing else), `NOT_REPRODUCIBLE` (could be checked, cannot be recomputed here) and
  `STATED_ONCE` (stated once, nothing to check it against);
* neutrals: `INK` for text and reference marks, `INK_MUTED` for secondary text and zero
  lines, `MUTED` for grid lines, spokes, context marks and answers not stated, `EMPTY` for
  "none" / "not coded", `PAPER` for the chart's background (also in dark mode, where the
  stylesheet puts charts on a card of this colour).

`CATEGORIES` colours series that carry no meaning of their own (life domains, places...):
none of them is a meaning colour or a red or orange that could read as an alarm. Every
colour that marks data keeps a 3:1 contrast with `PAPER`, text colours 4.5:1; the hues
follow Okabe-Ito and Paul Tol, readable with the common colour-vision deficiencies.
"""

from __future__ import annotations

AS_PUBLISHED = "#2f6f8f"
COMPUTED = "#9a7d0a"
MATCHES = "#009e73"
DIFFERS = "#d55e00"
NOT_REPRODUCIBLE = "#5b656c"
STATED_ONCE = "#8a949b"
INK = "#222222"
INK_MUTED = "#5f6b72"
MUTED = "#c8d2d8"
EMPTY = "#eef2f4"
PAPER = "#ffffff"

#: Blue comes last: charts that show categories next to `AS_PUBLISHED` rarely reach it.
CATEGORIES = ("#b8549a", "#4d8a2a", "#5e3c99", "#8c5a3c", "#1b8f8f", "#0f7fbf")

ORIGIN = {"as published": AS_PUBLISHED, "computed": COMPUTED}
#: Keyed by the reconciliation's reader statuses (`helpers.chapters.reconciliation`).
STATUS = {
    "matches": MATCHES,
    "differs": DIFFERS,
    "cannot be reproduced": NOT_REPRODUCIBLE,
    "stated once": STATED_ONCE,
}
#: Category values that say an answer is missing: `MUTED` wherever they appear.
MISSING = ("not known", "not given", "not stated", "not coded", "onbekend")
#: Words in a source (English or Dutch) that say the book computed or coded the numbers.
COMPUTED_WORDS = (
    *("computed", "our reading", "our count", "coded", "counted by us"),
    *("berekend", "onze lezing", "gecodeerd"),
)


def origin(source: str) -> str:
    """'computed' when ``source`` says the book computed or coded the numbers, else
    'as published' ('2024 report, §3.2' -> 'as published')."""
    text = source.lower()
    return "computed" if any(word in text for word in COMPUTED_WORDS) else "as published"


def origin_colour(source: str) -> str:
    """The meaning colour of data from ``source``: `COMPUTED` or `AS_PUBLISHED`."""
    return ORIGIN[origin(source)]


def scale(colours: dict[str, str], only: list[str] | None = None) -> dict[str, list[str]]:
    """``domain`` and ``range`` for a colour scale (``alt.Scale(**scale(STATUS))``).

    ``only`` keeps the given keys, in that order, so a chart's legend lists just its values.
    """
    keys = list(colours) if only is None else only
    missing = [key for key in keys if key not in colours]
    if missing:
        raise KeyError(f"no colour for {missing}; known: {sorted(colours)}")
    return {"domain": keys, "range": [colours[key] for key in keys]}


def categories(values: list[str], muted: tuple[str, ...] = MISSING) -> dict[str, list[str]]:
    """A scale giving each of ``values`` (at most six) its own colour from `CATEGORIES`;
    the values in ``muted`` (by default those of `MISSING`) take `MUTED`."""
    coloured = [value for value in values if value not in muted]
    if len(coloured) > len(CATEGORIES):
        raise ValueError(f"{len(coloured)} categories, the palette has {len(CATEGORIES)}")
    colours = dict(zip(coloured, CATEGORIES[: len(coloured)], strict=True))
    return {"domain": list(values), "range": [colours.get(value, MUTED) for value in values]}
