"""How a recomputed number is judged against a published one: precision and tolerance.

`compare` holds the rules per qualifier of the figures table (``=``, ``~``, ``<``, ``>``,
``range``); `rule_examples` runs them on hand-made numbers for the chapter.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from helpers.page import formatting

#: Relative part of the 'about' tolerance: at least this share of the published number.
ABOUT_SHARE = 0.05
#: How close 'just under' / 'just over' must be: within this share of the published number.
CLOSE_SHARE = 0.10
#: Words in a note that make '<' mean 'just under' and '>' mean 'just over' (a bit more).
CLOSE_BELOW = re.compile(r"just under|een kleine|bijna", re.IGNORECASE)
CLOSE_ABOVE = re.compile(r"just over|a bit more|a good half|\bruim\b", re.IGNORECASE)
_EPS = 1e-9


# --- precision and tolerance ------------------------------------------------------------


def _normal(value: float) -> Decimal:
    return Decimal(repr(float(value))).normalize()


def decimals(value: float) -> int:
    """Decimal places of a published number as stored: 0.9 -> 1, 137 -> 0, 2900 -> 0."""
    return max(0, -_normal(value).as_tuple().exponent) if value else 0


def half_unit(value: float) -> float:
    """Half a unit of the last decimal place: the rounding slack of an exact figure."""
    return 0.5 * 10.0 ** -decimals(value)


def significant_unit(value: float) -> float:
    """Place value of the last significant digit: 2900 -> 100, 40 -> 10, 0.9 -> 0.1."""
    if not value:
        return 1.0
    return 10.0 ** _normal(value).as_tuple().exponent


def about_tolerance(value: float) -> float:
    """Slack of an 'about' figure: half its last significant digit, at least 5 % of it."""
    return max(0.5 * significant_unit(value), ABOUT_SHARE * abs(value))


# --- comparing one recomputation with one published figure -------------------------------


@dataclass(frozen=True)
class Verdict:
    """Whether a recomputation agrees with a published figure, and by how much not."""

    agrees: bool
    gap: float  # recomputed (its point nearest the claim) minus published; nan if none
    relative_gap: float  # gap / published value; nan when the value is 0
    rule: str  # the rule applied, in words


def _nearest(low: float, high: float, target: float) -> float:
    return min(max(target, low), high)


def compare(
    value: float,
    qualifier: str,
    low: float,
    high: float | None = None,
    *,
    value_high: float | None = None,
    note: str = "",
    approximate: bool = False,
    relation: str = "same",
) -> Verdict:
    """Does the recomputation ``low..high`` (a point when ``high`` is None) agree?

    Rules (``v`` the published value, ``x`` the recomputation; an interval recomputation
    agrees when any point of it does, and the gap is measured from its nearest point):

    * ``=``: ``|x - v|`` at most half a unit of v's last decimal place (0.917 matches
      0.9; 0.95 matches 0.9 too: ties count, as the report's rounding direction is unknown);
    * ``~``: ``|x - v|`` at most `about_tolerance` (half a unit of the last significant
      digit, but at least 5 % of v): about 40 is 35..45, about 2,900 is 2,755..3,045;
    * ``<`` / ``>``: the inequality holds strictly; when the note says "just under"
      (or "just over", "ruim", "a good half") x must also be within `CLOSE_SHARE` (10 %)
      of v: "just under 1,000" is 900..1,000 (exclusive);
    * ``range``: x lies in ``v..value_high``, each end widened by half a unit;
    * relation ``at_most``: x does not exceed v (its upper end for a range) beyond the
      rounding slack of v.

    A recomputation built from approximate inputs (``approximate``) is judged by the
    ``~`` rule when the published figure is exact (``=``).
    """
    high = low if high is None else high
    if math.isnan(low) or math.isnan(high):
        return Verdict(False, math.nan, math.nan, "no value")
    if qualifier == "=" and approximate:
        qualifier = "~"
    top = value_high if qualifier == "range" and value_high is not None else value
    if relation == "at_most":
        limit = top + half_unit(top)
        agrees = low <= limit + _EPS
        rule = f"at most {top:g} (rounding slack {half_unit(top):g})"
        x = low
        gap = x - top
    elif qualifier in ("=", "~"):
        tol = half_unit(value) if qualifier == "=" else about_tolerance(value)
        x = _nearest(low, high, value)
        agrees = abs(x - value) <= tol + _EPS * max(1.0, abs(value))
        word = "equal at the published precision" if qualifier == "=" else "about"
        rule = f"{word}: within ±{tol:g}"
        gap = x - value
    elif qualifier in ("<", ">"):
        below = qualifier == "<"
        close = bool((CLOSE_BELOW if below else CLOSE_ABOVE).search(note))
        tol = CLOSE_SHARE * abs(value)
        # the point of the recomputation that best satisfies the claim
        if below:
            x = _nearest(low, high, value - tol) if close else low
            agrees = x < value - _EPS * max(1.0, abs(value)) and (
                not close or x >= value - tol - _EPS * max(1.0, abs(value))
            )
            rule = f"less than {value:g}" + (f", and within {tol:g} of it" if close else "")
        else:
            x = _nearest(low, high, value + tol) if close else high
            agrees = x > value + _EPS * max(1.0, abs(value)) and (
                not close or x <= value + tol + _EPS * max(1.0, abs(value))
            )
            rule = f"more than {value:g}" + (f", and within {tol:g} of it" if close else "")
        gap = x - value
    elif qualifier == "range":
        lo, hi = value - half_unit(value), top + half_unit(top)
        agrees = high >= lo - _EPS and low <= hi + _EPS
        # outside the range the recomputation lies wholly above or below it: its point
        # nearest the range is then its end nearest the range's top (low above, high below)
        x = _nearest(low, high, top)
        rule = f"inside {value:g}..{top:g}"
        gap = 0.0 if agrees else (x - top if x > top else x - value)
    else:
        raise ValueError(f"unknown qualifier {qualifier!r}")
    relative = gap / value if value else math.nan
    return Verdict(bool(agrees), float(gap), float(relative), rule)


#: The claim an example's published number is printed with, per qualifier.
_CLAIMS = {"~": "about", "<": "less than", ">": "more than"}


def _as_stored(value: float, shown: Callable[[float, int], str]) -> str:
    """A hand-made number with the decimals it was written with (0.917 %, 2,900, 3.5);
    ``shown`` is `formatting.percent` or `formatting.count`."""
    return shown(value, decimals(value))


def _example_label(qualifier, value, value_high, x, note, approximate, shown, counted) -> str:
    """'about 2,900 printed, 3,100 recomputed', from the example's own numbers and flags."""
    published = _as_stored(value, shown)
    if value_high is not None:
        published += f"-{_as_stored(value_high, shown)}"
    words = [note or _CLAIMS.get(qualifier), published]
    if qualifier not in ("<", ">"):  # 'just under 1,000' is the report's claim, not a print
        words.append("printed")
    how = "counted" if counted else "from approximate inputs" if approximate else "recomputed"
    return " ".join(w for w in words if w) + f", {_as_stored(x, shown)} {how}"


def rule_examples() -> pd.DataFrame:
    """Worked examples of `compare`, one per rule, computed live for the chapter."""
    percent, count = formatting.percent, formatting.count
    cases = [  # qualifier, published (to), recomputed, note, approximate, shown as, counted
        ("=", 0.9, None, 0.917, "", False, percent, False),
        ("=", 0.9, None, 0.96, "", False, percent, False),
        ("=", 137, None, 137, "", False, count, True),
        ("~", 40, None, 44, "", False, count, False),
        ("~", 2900, None, 3100, "", False, count, False),
        ("<", 30000, None, 28500, "just under", False, count, False),
        ("<", 1000, None, 1626, "just under", False, count, False),
        (">", 137, None, 159, "", False, count, False),
        ("range", 400, 700, 672, "", False, count, False),
        ("=", 3.5, None, 3.53, "", True, count, False),
    ]
    rows = []
    for case in cases:
        qualifier, value, value_high, x, note, approximate = case[:6]
        verdict = compare(
            value, qualifier, x, value_high=value_high, note=note, approximate=approximate
        )
        rows.append(
            {
                "example": _example_label(*case),
                "qualifier": qualifier,
                "rule applied": verdict.rule,
                "status": "matches" if verdict.agrees else "differs",
            }
        )
    return pd.DataFrame(rows)
