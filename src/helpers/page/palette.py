"""The book's colours: each means one thing on every page.

Meaning colours (use them only for what they name):

* `AS_PUBLISHED` — a figure as a report publishes it; `COMPUTED` — a figure this book
  computes from data (recomputed, derived, coded by us);
* reconciliation statuses: `MATCHES`, `DIFFERS` (the alarm colour: used for nothing
  else), `NOT_REPRODUCIBLE` (could be checked, cannot be recomputed) and `STATED_ONCE`
  (stated once, nothing to check it against);
* `MUTED` for grid lines, spokes and context marks, `EMPTY` for "none" / "not coded".

`CATEGORIES` colours series that carry no meaning of their own (life domains,
positive-health dimensions...); it holds none of the meaning colours. The values come from
the Okabe-Ito palette, readable with the common colour-vision deficiencies, and keep
enough contrast on the light and the dark page.
"""

from __future__ import annotations

AS_PUBLISHED = "#2f6f8f"
COMPUTED = "#e69f00"
MATCHES = "#009e73"
DIFFERS = "#d55e00"
NOT_REPRODUCIBLE = "#8c8c8c"
STATED_ONCE = "#c5cdd3"
MUTED = "#c8d2d8"
EMPTY = "#eef2f4"

CATEGORIES = ("#56b4e9", "#cc79a7", "#8a6d3b", "#0072b2", "#7b5ea7", "#6b8e23")

ORIGIN = {"as published": AS_PUBLISHED, "computed": COMPUTED}
STATUS = {
    "matches": MATCHES,
    "differs": DIFFERS,
    "not reproducible": NOT_REPRODUCIBLE,
    "stated once": STATED_ONCE,
}


def scale(colours: dict[str, str], only: list[str] | None = None) -> dict[str, list[str]]:
    """``domain`` and ``range`` for a colour scale (``alt.Scale(**scale(STATUS))``).

    ``only`` keeps the given keys, in that order, so a chart's legend lists just its values.
    """
    keys = list(colours) if only is None else only
    missing = [key for key in keys if key not in colours]
    if missing:
        raise KeyError(f"no colour for {missing}; known: {sorted(colours)}")
    return {"domain": keys, "range": [colours[key] for key in keys]}


def categories(values: list[str]) -> dict[str, list[str]]:
    """A scale giving each of ``values`` (at most six) its own colour from `CATEGORIES`."""
    if len(values) > len(CATEGORIES):
        raise ValueError(f"{len(values)} categories, the palette has {len(CATEGORIES)}")
    return {"domain": list(values), "range": list(CATEGORIES[: len(values)])}
