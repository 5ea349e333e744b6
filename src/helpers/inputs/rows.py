"""Rows that are not interventions, and values that cannot be right.

The rule (also in the README):

* **dropped, with a notice naming the row**: totals and subtotals ("Totaal",
  "Subtotaal", "Som", "Eindtotaal"), source notes and remarks ("Bron: ...", "Noot:",
  "Opmerking:", "* ...") and section headings in capitals ("JEUGD") with no other data,
  rows without a title whose numbers equal the sum of the rows above, and rows whose
  title is struck through (how offices mark "stopped");
* **refused, naming the row and what to do**: a row WITH a title whose numbers all equal
  the sum of the rows above (a totals row under another name, or a copy);
* **read, with a notice**: hidden rows (data is data; the notice lets you check), and
  implausible values (a reach above the population of the largest Dutch municipality,
  an annual cost above €50 million for one intervention).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from helpers.inputs.dutch_numbers import Amount
from helpers.inputs.matching import normalise_word

_TOTAL = re.compile(r"^(?:sub|eind)?\s*tota(?:a)?l\b|^(?:som|sum|grand total)\b|^totalen\b")
_NOTE = re.compile(
    r"^(?:bron|bronnen|noot|voetnoot|opmerking|opmerkingen|toelichting|let op|n\.?b|"
    r"source|sources|note|notes)\s*:|^\*"
)
#: More than the population of Amsterdam (about 0.93 million, the largest municipality).
MAX_REACH = 1_000_000
#: An annual cost above this for ONE intervention is almost surely a typing error.
MAX_ANNUAL_COST = 50_000_000
PLAUSIBLE_LIMITS = {
    "reach_total": MAX_REACH,
    "participants_full": MAX_REACH,
    "participants_target_group": MAX_REACH,
    "annual_cost_eur": MAX_ANNUAL_COST,
}


def label_row(
    title: str | None, has_other_data: bool, headings: bool = True
) -> tuple[str, str] | None:
    """Why a row is not an intervention (English, Dutch), judged on its title; or None.

    ``headings`` is False for a sheet whose rows mostly hold a title only (then a title
    in capitals, "JOGG", is an intervention, not a section heading).
    """
    if title is None:
        return None
    word = normalise_word(title)
    if _TOTAL.match(word):
        return "a totals row", "een totaalrij"
    if has_other_data:
        return None
    if _NOTE.match(word):
        return "a note or source row", "een bron- of opmerkingsrij"
    letters = [ch for ch in title if ch.isalpha()]
    if headings and len(letters) >= 3 and all(ch.isupper() for ch in letters):
        return "a section heading", "een tussenkop"
    return None


def sum_rows(
    rows: Sequence[int], numbers: dict[str, Sequence[Amount | None]]
) -> dict[int, tuple[int, int, list[str]]]:
    """Rows whose every filled number equals the sum of the rows above.

    Returns row -> (first and last row summed, the field keys that matched). A sum needs
    at least two exact numbers above it; the rows above start after the previous sum.
    """
    found: dict[int, tuple[int, int, list[str]]] = {}
    start = 0
    totals = dict.fromkeys(numbers, 0.0)  # running sums of exact numbers since ``start``
    counts = dict.fromkeys(numbers, 0)
    for i, row in enumerate(rows):
        matched, filled = [], 0
        for key, column in numbers.items():
            amount = column[i]
            if amount is None or amount.unknown:
                continue
            filled += 1
            exact = amount.qualifier == "="
            if exact and counts[key] >= 2 and abs(totals[key] - amount.low) < 0.5:
                matched.append(key)
        if matched and len(matched) == filled:
            found[row] = (rows[start], rows[i - 1], matched)
            start = i + 1
            totals, counts = dict.fromkeys(numbers, 0.0), dict.fromkeys(numbers, 0)
            continue
        for key, column in numbers.items():
            amount = column[i]
            if amount is not None and amount.qualifier == "=":
                totals[key] += amount.low
                counts[key] += 1
    return found


def implausible(key: str, amount: Amount | None) -> bool:
    """True when a stated number is above the plausible limit of its field."""
    limit = PLAUSIBLE_LIMITS.get(key)
    if limit is None or amount is None or amount.unknown:
        return False
    return max(v for v in (amount.low, amount.high) if v is not None) > limit
