"""Cell converters: one Excel cell -> (value, error, notice).

An error refuses the file; a `Notice` means the cell was read leniently (what officers
write: "€ 24.000 (incl. coördinatie)", "p.m.", "1,5 ton", "400/700", "kerngericht", a
multi-line drop-down cell, an age group Excel turned into a date) and says how. Both
come in English and Dutch; the cell itself is quoted by the report, unchanged.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from helpers.inputs.dutch_numbers import UNKNOWN, Amount, parse_amount
from helpers.inputs.matching import CHOICE_LOOKUP, LENIENT_WORDS, normalise_word
from helpers.inputs.schema import EMPTY_WORDS, NO_DATABANK_WORDS, Field
from helpers.page.i18n import Language

MULTI_SEPARATORS = re.compile(r"\s*(?:;|,|\n|\r)+\s*")
#: Characters that print as nothing; trimmed from values, ignored when comparing titles.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
ENGLISH, DUTCH = Language("en"), Language("nl")
_URL_RE = re.compile(r"^(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}(?::\d+)?(?:[/?#]\S*)?$", re.IGNORECASE)
ACCEPTED_NL = "1050, 1.050, 2,5, € 2.900,-, ca. 30.000, ruim 100, 400-700, onbekend"

#: Answers that mean "not known yet": read as unknown, with a notice (answers to chase).
CHASE_WORDS = frozenset(
    {"p.m.", "p.m", "pm", "n.t.b.", "n.t.b", "ntb", "nader te bepalen", "wisselend", "varieert"}
)
_CHASE_RE = re.compile(r"^(?:zie|see)\b|^(?:onbekend|unknown|nog niet bekend)\b", re.IGNORECASE)
_BRACKET_RE = re.compile(r"\s*\(([^()]*)\)\s*")
_VAT_RE = re.compile(r"\s*\b(?:excl|incl|exclusief|inclusief)\.?\s*(?:btw|b\.t\.w\.?)", re.I)
_ABOUT_RE = re.compile(r"^\s*(?:plm|pl\.m|ongeveer|circa)\.?\s*", re.IGNORECASE)
_TON_RE = re.compile(r"(\d+(?:[.,]\d+)?)\s*ton\b", re.IGNORECASE)
_MONTH_RE = re.compile(
    r"\s*(?:per\s*maand|/\s*maand|per\s*mnd\.?|/\s*mnd\.?|p/m|maandelijks|per month)\b", re.I
)
_SLASH_RE = re.compile(r"^\s*(€?\s*\d[\d.,]*)\s*/\s*(€?\s*\d[\d.,]*)\s*$")
_PLUS_RE = re.compile(r"\s*\+\s*(?=€|\d)")


@dataclass(frozen=True)
class Notice:
    """How a cell was read leniently (English and Dutch); ``note`` keeps a remark."""

    en: str
    nl: str
    note: str | None = None


Message = tuple[str, str]  # (English, Dutch)
Converted = tuple[object, Message | None, Notice | None]


def as_text(value: object) -> str | None:
    """A cell as trimmed text (None when empty)."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip().strip(INVISIBLE).strip()
        return text or None
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat()
    if isinstance(value, _dt.date | _dt.time):
        return value.isoformat()
    return str(value)


def show_amount(amount: Amount, t: Language = ENGLISH) -> str:
    """An amount for a message: '24,000', 'ca. 250', 'almost 60', '400–700', 'not known'."""
    return t.amount(amount.low, amount.high, None if amount.unknown else amount.qualifier)


def _lenient_amount(text: str) -> tuple[Amount, list[Message], str | None]:
    """Read a number cell the strict parser refused; raise ValueError if still unreadable."""
    steps: list[Message] = []
    remarks = [m.strip() for m in _BRACKET_RE.findall(text) if m.strip()]
    rest = _BRACKET_RE.sub(" ", text).strip()
    note = "; ".join(remarks) or None
    if note:
        steps.append(
            (
                "the remark in brackets is kept as a note",
                "de opmerking tussen haakjes is bewaard als toelichting",
            )
        )
    word = normalise_word(rest)
    if word in CHASE_WORDS or _CHASE_RE.match(rest) or not rest:
        steps.append(
            (
                "read as unknown: an answer to chase",
                "gelezen als onbekend: een antwoord om na te vragen",
            )
        )
        return UNKNOWN, steps, note
    if _VAT_RE.search(rest):
        rest = _VAT_RE.sub(" ", rest).strip()
        steps.append(("the VAT remark is ignored", "de btw-opmerking is genegeerd"))
    if _ABOUT_RE.match(rest):
        rest = _ABOUT_RE.sub("ca. ", rest, count=1)
    factor = 1.0
    if _MONTH_RE.search(rest):
        rest, factor = _MONTH_RE.sub(" ", rest).strip(), 12.0
        steps.append(
            ("a monthly amount, multiplied by 12", "een bedrag per maand, maal 12 gerekend")
        )
    if _TON_RE.search(rest):
        rest = _TON_RE.sub(lambda m: f"{parse_amount(m.group(1)).low * 100_000:.0f}", rest)
        steps.append(("'ton' read as 100,000", "'ton' gelezen als 100.000"))
    slash = _SLASH_RE.match(rest)
    if slash:
        rest = f"{slash.group(1)} - {slash.group(2)}"
        steps.append(("'/' read as a range", "'/' gelezen als een bandbreedte"))
    parts = _PLUS_RE.split(rest)
    if len(parts) > 1:
        amounts = [parse_amount(p) for p in parts]
        if any(a.qualifier != "=" for a in amounts):
            raise ValueError("only exact amounts can be added up")
        total = sum(a.low for a in amounts)  # type: ignore[misc]
        amount = Amount(total, total, "=")
        steps.append(("the amounts are added up", "de bedragen zijn opgeteld"))
    else:
        amount = parse_amount(rest)
    if factor != 1.0 and not amount.unknown:
        scale = [None if v is None else v * factor for v in (amount.low, amount.high)]
        amount = Amount(scale[0], scale[1], amount.qualifier)
    return amount, steps, note


def _convert_number(value: object) -> Converted:
    try:
        amount, notice = parse_amount(value), None
    except ValueError as exc:
        if not isinstance(value, str):
            return None, _not_a_number(exc), None
        try:
            amount, steps, note = _lenient_amount(value.strip())
        except ValueError:
            return None, _not_a_number(exc), None
        notice = Notice(
            f"read as {show_amount(amount)}: " + "; ".join(en for en, _ in steps),
            f"gelezen als {show_amount(amount, DUTCH)}: " + "; ".join(nl for _, nl in steps),
            note,
        )
    if amount.is_negative:
        return (
            None,
            (
                "negative number: counts and costs cannot be below zero",
                "negatief getal: aantallen en kosten kunnen niet onder nul zijn",
            ),
            None,
        )
    return amount, None, notice


def _not_a_number(exc: ValueError) -> Message:
    en = f"cannot read as a number: {exc} (accepted e.g. {ACCEPTED_NL})"
    if "date" in str(exc):
        nl = (
            "Excel heeft deze cel als datum opgeslagen (bijv. '4-7' werd een datum); zet de "
            "kolom op Tekst en typ het getal opnieuw"
        )
    else:
        nl = f"niet als getal te lezen ({exc}); dit werkt wel: {ACCEPTED_NL}"
    return en, nl


def _allowed(f: Field) -> Message:
    return (
        "; ".join(f"{c.label_nl} ({c.label_en})" for c in f.allowed),
        "; ".join(c.label_nl for c in f.allowed),
    )


def _not_allowed(f: Field, bad: str = "") -> Message:
    en, nl = _allowed(f)
    return (
        f"not an allowed value{bad}; allowed: {en}",
        f"geen toegestane waarde{bad}; kies uit: {nl}",
    )


def _label(f: Field, key: str) -> str:
    return next(c.label_nl for c in f.allowed if c.key == key)


def _lookup(f: Field, text: str) -> tuple[str | None, Notice | None]:
    """The choice key for one word (strict first, then lenient with a notice)."""
    word = normalise_word(text)
    key = CHOICE_LOOKUP[f.key].get(word)
    if key is not None:
        return key, None
    key = LENIENT_WORDS.get(f.key, {}).get(word)
    if key is None:
        return None, None
    label = _label(f, key)
    return key, Notice(f"read as '{label}'", f"gelezen als '{label}'")


def _convert_enum(f: Field) -> Callable[[object], Converted]:
    empty = EMPTY_WORDS | (NO_DATABANK_WORDS if f.key == "databank" else frozenset())

    def conv(value: object) -> Converted:
        text = as_text(value)
        if text is None or normalise_word(text) in empty or not normalise_word(text):
            return None, None, None
        lines = [line for line in re.split(r"[\r\n]+", text) if line.strip()]
        key, notice = _lookup(f, lines[0])
        if key is None:
            return None, _not_allowed(f), None
        if len(lines) > 1:
            label = _label(f, key)
            notice = Notice(
                f"a cell with several lines: the first line is read ('{label}')",
                f"een cel met meer regels: de eerste regel is gelezen ('{label}')",
            )
        return key, None, notice

    return conv


def _convert_yesno(f: Field) -> Callable[[object], Converted]:
    def conv(value: object) -> Converted:
        if isinstance(value, bool):
            return value, None, None
        text = as_text(value)
        if text is None or not normalise_word(text) or normalise_word(text) in EMPTY_WORDS:
            return None, None, None
        key = CHOICE_LOOKUP[f.key].get(normalise_word(text))
        if key is None:
            return (
                None,
                (
                    "not an allowed value; allowed: ja / nee (yes / no)",
                    "geen toegestane waarde; kies uit: ja / nee",
                ),
                None,
            )
        return key == "yes", None, None

    return conv


def _date_as_age_group(f: Field, value: _dt.date) -> Converted:
    """An age group Excel turned into a date ('4-12' -> 4 December): recognised or refused."""
    shown = value.strftime("%d-%m-%Y")
    for candidate in (f"{value.day}-{value.month}", f"{value.month}-{value.day}"):
        key, _ = _lookup(f, candidate)
        if key is not None:
            label = _label(f, key)
            return (
                (key,),
                None,
                Notice(
                    f"Excel stored this cell as the date {shown}; read as the age group '{label}'",
                    f"Excel heeft deze cel als datum {shown} opgeslagen; gelezen als '{label}'",
                ),
            )
    return (
        (),
        (
            f"Excel stored this cell as the date {shown}, not an age group; format the column as "
            "Text and type the age group again (e.g. 4-12 jaar)",
            f"Excel heeft deze cel als datum {shown} opgeslagen, niet als leeftijdsgroep; zet de "
            "kolom op Tekst en typ de leeftijdsgroep opnieuw (bijv. 4-12 jaar)",
        ),
        None,
    )


def _convert_multi_enum(f: Field) -> Callable[[object], Converted]:
    order = {key: i for i, key in enumerate(f.allowed_keys)}

    def conv(value: object) -> Converted:
        if isinstance(value, _dt.date):
            return _date_as_age_group(f, value)
        text = as_text(value)
        if text is None:
            return (), None, None
        keys, bad, notices = set(), [], []
        for part in MULTI_SEPARATORS.split(text):
            if not normalise_word(part) or normalise_word(part) in EMPTY_WORDS:
                continue
            key, notice = _lookup(f, part)
            if key is None:
                bad.append(part)
                continue
            keys.add(key)
            if notice is not None:
                notices.append(Notice(f"'{part}' {notice.en}", f"'{part}' {notice.nl}"))
        if bad:
            return (), _not_allowed(f, f": {', '.join(repr(b) for b in bad)}"), None
        notice = None
        if notices:
            notice = Notice("; ".join(n.en for n in notices), "; ".join(n.nl for n in notices))
        return tuple(sorted(keys, key=order.__getitem__)), None, notice

    return conv


def _convert_text(f: Field) -> Callable[[object], Converted]:
    if f.multi:

        def conv(value: object) -> Converted:
            text = as_text(value)
            if text is None:
                return (), None, None
            return tuple(p for p in MULTI_SEPARATORS.split(text) if p), None, None

        return conv
    return lambda value: (as_text(value), None, None)


def _convert_url(value: object) -> Converted:
    text = as_text(value)
    if text is None or _URL_RE.match(text):
        return text, None, None
    return (
        None,
        (
            "not a web address (expected e.g. https://www.example.nl/activiteit)",
            "geen webadres (verwacht bijv. https://www.voorbeeld.nl/activiteit)",
        ),
        None,
    )


def converter(f: Field) -> Callable[[object], Converted]:
    """The (cached) converter of a field's cells."""
    base = {
        "text": lambda: _convert_text(f),
        "url": lambda: _convert_url,
        "number": lambda: _convert_number,
        "enum": lambda: _convert_enum(f),
        "yesno": lambda: _convert_yesno(f),
        "multi_enum": lambda: _convert_multi_enum(f),
    }[f.kind]()
    cache: dict[object, Converted] = {}

    def cached(value: object) -> Converted:
        # str/None keys as they are; other types with their class (True == 1 in a dict)
        token = value if value is None or value.__class__ is str else (value.__class__, value)
        try:
            hit = cache.get(token)
        except TypeError:  # unhashable: never from openpyxl, but be safe
            return base(value)
        if hit is None:
            hit = cache[token] = base(value)
        return hit

    return cached
