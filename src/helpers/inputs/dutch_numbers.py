"""Parsing the numbers people type into an inventory: Dutch formats, ranges, qualifiers.

``parse_amount(value)`` turns an Excel cell (a number, or text) into an `Amount`:

==========================  =====================================================
cell                        result (low, high, qualifier)
==========================  =====================================================
``1050`` (numeric cell)     1050, 1050, ``=``
``1.050`` / ``1,050``       1050, 1050, ``=``  (see the separator rule below)
``2,5`` / ``2.5``           2.5, 2.5, ``=``
``€ 2.900,-``               2900, 2900, ``=``  (``,-`` means "no cents")
``€ 12.500 per jaar``       12500, 12500, ``=``
``ca. 30.000``              30000, 30000, ``~``  (also circa, ongeveer, rond, ±)
``ruim 100``                100, None, ``>``  (also meer dan, minimaal, 100+)
``minder dan 100``          None, 100, ``<``  (also max., tot, hooguit)
``bijna 100``               None, 100, ``almost``  (also net onder: just under)
``400-700`` / ``400 – 700`` 400, 700, ``range`` (also ``5.000 tot 100.000``,
                            ``tussen 400 en 700``)
``onbekend`` / empty        None, None, None, unknown=True (also unknown, n.v.t., ?)
==========================  =====================================================

``low`` and ``high`` are the bounds the text states: for ``=`` and ``~`` both hold the
number; ``>`` gives only a lower bound, ``<`` and ``almost`` only an upper bound
(``almost`` says the number lies just under it). `Amount.point` is a
single best number (the stated number, or the midpoint of a range).

The separator rule (Dutch wins)
-------------------------------
* Both ``.`` and ``,`` present: the one that comes last is the decimal separator
  (``2.900,50`` = 2900.5, ``1,050.5`` = 1050.5).
* One kind of separator, used more than once: thousands separators (``1.000.000``).
* One separator, used once, followed by exactly three digits, after 1-3 digits that do
  not start with 0: a thousands separator. So ``1.050`` AND ``1,050`` both mean 1050 —
  an English reader may mean 1.05 by ``1.050``, but in a Dutch inventory a thousands
  separator is far more common. Write ``1,05`` (or ``1.05``) for one point zero five.
* Otherwise the single separator is a decimal point: ``2,5`` = ``2.5`` = 2.5,
  ``0,125`` = 0.125, ``12,50`` = 12.5.
* A space followed by three digits groups thousands too (``30 000``).

Negative numbers (``-5``) are parsed; the inventory reader rejects them for counts and
costs. Whatever cannot be read raises ``ValueError`` whose message says why.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

QUALIFIERS = ("=", "~", "<", "almost", ">", "range")
#: Qualifiers of an answer with an upper bound only.
UPPER_BOUND = ("<", "almost")
#: Longer texts are not numbers (and are not repeated in full in the message).
MAX_NUMBER_TEXT = 100


@dataclass(frozen=True)
class Amount:
    """A parsed number: bounds, qualifier and whether it was unknown / not filled in."""

    low: float | None
    high: float | None
    qualifier: str | None  # one of QUALIFIERS; None when unknown
    unknown: bool = False

    @property
    def point(self) -> float | None:
        """One number for the amount: the stated number, or the midpoint of a range."""
        if self.unknown:
            return None
        if self.qualifier == "range":
            return (self.low + self.high) / 2  # type: ignore[operator]
        return self.low if self.low is not None else self.high

    @property
    def is_negative(self) -> bool:
        return any(v is not None and v < 0 for v in (self.low, self.high))


UNKNOWN = Amount(None, None, None, unknown=True)

UNKNOWN_WORDS = frozenset(
    {
        "",
        "?",
        "??",
        "???",
        "-",
        "--",
        "onbekend",
        "nog onbekend",
        "niet bekend",
        "nog niet bekend",
        "weet niet",
        "weet ik niet",
        "geen idee",
        "geen gegevens",
        "onduidelijk",
        "nb",
        "n.b.",
        "n.b",
        "nvt",
        "n.v.t.",
        "n.v.t",
        "n/a",
        "unknown",
        "not known",
    }
)

# Qualifier words in front of a number (longest first when matching).
_PREFIXES: dict[str, str] = {
    # about
    "ca.": "~",
    "ca": "~",
    "c.a.": "~",
    "circa": "~",
    "ongeveer": "~",
    "ong.": "~",
    "rond de": "~",
    "rond": "~",
    "rondom": "~",
    "zo'n": "~",
    "zon": "~",
    "ruwweg": "~",
    "grofweg": "~",
    "geschat": "~",
    "naar schatting": "~",
    "schatting": "~",
    "±": "~",
    "+/-": "~",
    "+-": "~",
    "~": "~",
    "approx.": "~",
    "approximately": "~",
    "about": "~",
    "around": "~",
    "roughly": "~",
    "est.": "~",
    # more than
    "ruim": ">",
    "meer dan": ">",
    "ruim meer dan": ">",
    "minimaal": ">",
    "minstens": ">",
    "min.": ">",
    "ten minste": ">",
    "tenminste": ">",
    "boven de": ">",
    ">": ">",
    ">=": ">",
    "≥": ">",
    "more than": ">",
    "over": ">",
    "at least": ">",
    # almost (just under)
    "bijna": "almost",
    "net onder": "almost",
    "net minder dan": "almost",
    "almost": "almost",
    "nearly": "almost",
    "just under": "almost",
    # less than
    "minder dan": "<",
    "onder de": "<",
    "max.": "<",
    "max": "<",
    "maximaal": "<",
    "maximum": "<",
    "hooguit": "<",
    "hoogstens": "<",
    "tot": "<",
    "tot max.": "<",
    "tot maximaal": "<",
    "<": "<",
    "<=": "<",
    "≤": "<",
    "less than": "<",
    "under": "<",
    "up to": "<",
}
_PREFIX_RE = re.compile(
    r"^(?P<q>"
    + "|".join(re.escape(p) for p in sorted(_PREFIXES, key=len, reverse=True))
    + r")(?=[\s\d€-]|$)\s*"
)

# Words after a number that do not change its meaning.
_SUFFIX_RE = re.compile(
    r"\s*(?:(?:(?:per|/)\s*(?:jaar|year|yr|annum|schooljaar)|jaarlijks|annually|"
    r"personen|persoon|mensen|deelnemers|deelnemer|bezoekers|kinderen|jongeren|"
    r"leerlingen|ouders|gezinnen|huishoudens|inwoners|cliënten|clienten|vrouwen|mannen|"
    r"people|persons|participants|families|households|visitors)\b|p\.\s?j\.?|p\.a\.)"
)
_CURRENCY_RE = re.compile(r"€|\beur\b\.?|\beuro'?s?\b|\beuros\b")
_MULTIPLIERS = {"k": 1e3, "duizend": 1e3, "mln": 1e6, "mln.": 1e6, "miljoen": 1e6, "million": 1e6}
_MULT_RE = re.compile(r"(?<=\d)\s*(k|duizend|mln\.?|miljoen|million)\b")
_NO_CENTS_RE = re.compile(r"(?<=\d)[.,] ?-+(?=\s|$|[^\d])")
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")

_NUM = r"\d[\d.,]*(?:\s\d{3}(?![\d]))*(?:[.,]\d+)?"
_SINGLE_RE = re.compile(rf"^(?P<neg>-\s*)?(?P<n>{_NUM})(?P<m>\s*[a-z.]+)?(?P<plus>\s*\+)?$")
_RANGE_RE = re.compile(
    rf"^(?:(?:tussen|between|van|from)\s+)?(?P<a>{_NUM})(?P<ma>\s*[a-z.]+?)?\s*"
    rf"(?:-|tot en met|t/m|tot|à|to|en|and)\s*(?:€\s*)?"
    rf"(?P<b>{_NUM})(?P<mb>\s*[a-z.]+)?$"
)

ACCEPTED_EXAMPLES = "1050, 1.050, 2,5, € 2.900,-, ca. 30.000, ruim 100, 400-700, onbekend"


def _number(token: str) -> float:
    """One number token with Dutch/English separators (see the module docstring)."""
    t = token.strip()
    if re.fullmatch(r"\d{1,3}(?: \d{3})+(?:[.,]\d+)?", t):
        t = t.replace(" ", "")
    if " " in t:
        raise ValueError(f"unclear spaces inside the number '{token}'")
    if re.fullmatch(r"\d+", t):
        return float(t)
    dots, commas = t.count("."), t.count(",")
    if dots and commas:
        dec = "." if t.rfind(".") > t.rfind(",") else ","
        thou = "," if dec == "." else "."
        whole, _, frac = t.rpartition(dec)
        if thou in frac or not re.fullmatch(rf"\d{{1,3}}(?:{re.escape(thou)}\d{{3}})*", whole):
            raise ValueError(f"unclear use of '.' and ',' in '{token}'")
        if not re.fullmatch(r"\d+", frac):
            raise ValueError(f"unclear decimals in '{token}'")
        return float(whole.replace(thou, "") + "." + frac)
    sep = "." if dots else ","
    count = dots or commas
    if count > 1:
        if not re.fullmatch(rf"\d{{1,3}}(?:{re.escape(sep)}\d{{3}})+", t):
            raise ValueError(
                f"'{token}' has several '{sep}' but they do not group thousands "
                f"(write e.g. 1.000.000)"
            )
        return float(t.replace(sep, ""))
    whole, _, frac = t.partition(sep)
    if not whole or not frac or not whole.isdigit() or not frac.isdigit():
        raise ValueError(f"'{token}' is not a number")
    if len(frac) == 3 and 1 <= len(whole) <= 3 and not whole.startswith("0"):
        return float(whole + frac)  # Dutch thousands separator: 1.050 = 1050
    return float(whole + "." + frac)


def _with_multiplier(value: float, word: str | None) -> float:
    if not word or not word.strip():
        return value
    w = word.strip()
    if w not in _MULTIPLIERS:
        raise ValueError(f"unexpected text '{w}' after the number")
    return value * _MULTIPLIERS[w]


def _clean(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).translate(_DASHES).casefold()
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Cf")  # zero-width, BOM
    s = re.sub(r"\s+", " ", s).strip()
    return s


@lru_cache(maxsize=65536)
def _parse_text(text: str) -> Amount:
    s = _clean(text)
    if s in UNKNOWN_WORDS:
        return UNKNOWN
    if len(s) > MAX_NUMBER_TEXT:
        raise ValueError(f"a text of {len(s):,} characters, not a number")
    if "%" in s or "procent" in s:
        raise ValueError("a percentage is not a count or an amount")
    s = _NO_CENTS_RE.sub("", s)
    s = _CURRENCY_RE.sub(" ", s)
    s = _SUFFIX_RE.sub(" ", s)
    s = re.sub(r"\s+", " ", s).strip(" .:;")
    if s in UNKNOWN_WORDS:
        return UNKNOWN
    qualifier = "="
    m = _PREFIX_RE.match(s)
    if m:
        qualifier = _PREFIXES[m.group("q")]
        s = s[m.end() :].strip()
    s = s.lstrip("€ ").strip()
    if not s:
        raise ValueError("no number found")
    if s.endswith("+") and qualifier == "=":
        qualifier, s = ">", s[:-1].strip()
    m = _SINGLE_RE.match(s)
    if m and not m.group("plus"):
        mult = m.group("m")
        value = _with_multiplier(_number(m.group("n")), mult)
        if m.group("neg"):
            value = -value
        return _bounds(value, qualifier)
    m = _RANGE_RE.match(s)
    if m:
        mb = m.group("mb")
        ma = m.group("ma") or mb  # "5 tot 10 duizend": the multiplier applies to both
        low = _with_multiplier(_number(m.group("a")), ma)
        high = _with_multiplier(_number(m.group("b")), mb)
        if low > high:
            raise ValueError(f"range from {low:g} to {high:g}: the first number is larger")
        if low == high:
            return _bounds(low, qualifier)
        return Amount(low, high, "range")
    bad = re.sub(rf"{_NUM}", " ", s).strip(" -")
    if bad and not re.search(r"\d", s):
        raise ValueError(f"no number found in '{text.strip()}'")
    raise ValueError(f"unexpected text '{bad or s}'")


def _bounds(value: float, qualifier: str) -> Amount:
    if qualifier == ">":
        return Amount(value, None, ">")
    if qualifier in UPPER_BOUND:
        return Amount(None, value, qualifier)
    return Amount(value, value, qualifier)


def parse_amount(value: object) -> Amount:
    """Parse an Excel cell value (number or text) into an `Amount`.

    Raises ``ValueError`` with a short English reason when the value cannot be read.
    """
    if value is None:
        return UNKNOWN
    if isinstance(value, bool):
        raise ValueError("a yes/no (TRUE/FALSE) value is not a number")
    if isinstance(value, int | float | Decimal):
        number = float(value)
        if math.isnan(number):
            return UNKNOWN
        if math.isinf(number):
            raise ValueError("an infinite number is not allowed")
        return Amount(number, number, "=")
    if isinstance(value, _dt.datetime | _dt.date | _dt.time):
        raise ValueError(
            "Excel stored this cell as a date or time (it may have turned e.g. '4-7' into "
            "a date); format the column as Text and type the number again"
        )
    if isinstance(value, str):
        return _parse_text(value)
    raise ValueError(f"unsupported cell type {type(value).__name__}")


def format_amount(amount: Amount) -> str:
    """Short English rendering: '2900', '~30000', '>100', '400-700', 'unknown'."""
    if amount.unknown:
        return "unknown"

    def g(v: float | None) -> str:
        return f"{v:g}" if v is not None and abs(v) < 1e15 else str(v)

    if amount.qualifier == "range":
        return f"{g(amount.low)}-{g(amount.high)}"
    if amount.qualifier in UPPER_BOUND:
        return f"<{g(amount.high)}"
    prefix = "" if amount.qualifier == "=" else amount.qualifier
    return f"{prefix}{g(amount.low)}"
