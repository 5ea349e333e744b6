"""Numbers as readers see them: one style for tables, charts and prose.

€1,120 for money, 36.5 % for shares, 674,107 for counts, and "not known" for a
missing value. Every page of the book formats numbers through this module.
"""

from __future__ import annotations

import math
import numbers
import re

import pandas as pd

NOT_KNOWN = "not known"


def is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return False


def decimals_for(value: float) -> int:
    """Decimals shown: none for whole numbers, one from 10 up, else two."""
    if float(value).is_integer():
        return 0
    return 1 if abs(value) >= 10 else 2


def count(value: object, decimals: int | None = None) -> str:
    """A count or other plain number: 674,107; 2.5; 'not known' when missing.

    ``decimals`` fixes the decimals shown (default: `decimals_for` the value)."""
    if is_missing(value):
        return NOT_KNOWN
    value = float(value)
    return f"{value:,.{decimals_for(value) if decimals is None else decimals}f}"


def money(value: object) -> str:
    """An amount in euros: €1,120; €2.50; 'not known' when missing."""
    if is_missing(value):
        return NOT_KNOWN
    value = float(value)
    sign = "-" if value < 0 else ""
    return f"{sign}€{abs(value):,.{decimals_for(value)}f}"


def percent(value: object, decimals: int = 1) -> str:
    """A percentage given in percent points: 36.5 %; 'not known' when missing."""
    if is_missing(value):
        return NOT_KNOWN
    return f"{float(value):,.{decimals}f} %"


def share(part: object, whole: object, decimals: int = 1) -> str:
    """``part`` as a percentage of ``whole``; 'not known' when either is missing or zero."""
    if is_missing(part) or is_missing(whole) or float(whole) == 0:
        return NOT_KNOWN
    return percent(100 * float(part) / float(whole), decimals)


def number(value: object, unit: str) -> str:
    """A value in the unit of the figures table (EUR..., percent, year, count...)."""
    if is_missing(value):
        return NOT_KNOWN
    if unit == "year":
        return f"{float(value):.0f}"
    if unit.startswith("EUR"):
        return money(value)
    if unit == "percent":
        return percent(value, decimals_for(float(value)))
    return count(value)


def year(value: object) -> str:
    """A calendar year, without a thousands separator: 2023."""
    return NOT_KNOWN if is_missing(value) else f"{float(value):.0f}"


FORMATS = {"count": count, "money": money, "percent": percent, "year": year}

_FORMATTED = re.compile(
    r"^(?P<sign>[-−]?)€?(?P<digits>\d{1,3}(?:,\d{3})*|\d+)(?P<decimals>\.\d+)?(?: ?%)?$"
)


def is_number(value: object) -> bool:
    """True for a real number (not a bool, not missing)."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and not is_missing(value)


def cell(value: object, kind: str | None = None) -> str:
    """Any value as table text: numbers in ``kind`` (a key of `FORMATS`; count by default),
    lists joined by "; ", yes/no for booleans, 'not known' when missing."""
    if isinstance(value, str):
        return value
    if isinstance(value, tuple | list | set | frozenset):
        return "; ".join(cell(v) for v in value)
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if is_number(value):
        return FORMATS[kind or "count"](value)
    return NOT_KNOWN if value is None or pd.isna(value) else str(value)


def parse(text: str) -> float | None:
    """The number a text formatted by this module shows (€1,120 -> 1120.0), else None."""
    match = _FORMATTED.match(str(text).strip())
    if not match:
        return None
    digits = match["digits"].replace(",", "") + (match["decimals"] or "")
    return (-1 if match["sign"] else 1) * float(digits)
