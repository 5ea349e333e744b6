"""Matching what users type: headers, enumeration words, and normalisation for both.

Headers match by key, Dutch header, survey question or a known synonym, ignoring case,
accents, spaces, numbering ("3. Wat is ..."), a trailing "?" and remarks in brackets; a
header with a slash ("Wijken / kernen") matches when one of its parts does. A header that
matches nothing but resembles a known one gets a "did you mean" suggestion.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

from helpers.inputs.schema import FIELDS, Choice, Field

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_SPACE = re.compile(r"\s+")


def normalise_word(text: str) -> str:
    """Case-, accent-, dash-, whitespace- and zero-width-insensitive form for matching."""
    text = unicodedata.normalize("NFKD", str(text))
    # drop accents and invisible format characters (zero-width spaces, BOM, soft hyphen)
    text = "".join(
        ch for ch in text if not unicodedata.combining(ch) and unicodedata.category(ch) != "Cf"
    )
    text = text.translate(_DASHES).casefold()
    text = _SPACE.sub(" ", text).strip()
    text = re.sub(r"\s*([-/&()])\s*", r"\1", text)
    return text.strip(" .;:")


def _choice_lookup(choices: Iterable[Choice]) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for choice in choices:
        for spelling in choice.accepted():
            word = normalise_word(spelling)
            if lookup.get(word, choice.key) != choice.key:
                raise ValueError(f"spelling {spelling!r} is ambiguous")
            lookup[word] = choice.key
            lookup[normalise_word(spelling.replace("&", " en "))] = choice.key
            lookup[normalise_word(spelling.replace("_", " "))] = choice.key
    return lookup


CHOICE_LOOKUP: dict[str, dict[str, str]] = {
    f.key: _choice_lookup(f.allowed) for f in FIELDS if f.allowed
}


#: Words read as a choice WITH a notice: close to it, but the reader's interpretation.
LENIENT_WORDS: dict[str, dict[str, str]] = {
    "scope": {
        normalise_word(w): "neighbourhood"
        for w in ("kerngericht", "dorpsgericht", "per kern", "in de kernen", "per dorp", "kernen")
    },
    "status": {
        normalise_word(w): "active"
        for w in ("loopt door", "loopt nog", "continu", "doorlopend project", "lopende")
    },
    "age_groups": {
        normalise_word(w): "55_plus" for w in ("65+", "65 plus", "65-plus", "ouderen 65+", "75+")
    },
}


def normalise_choice(field_key: str, text: str) -> str | None:
    """The choice key for what a user typed in an enumeration column, or None if unknown."""
    return CHOICE_LOOKUP[field_key].get(normalise_word(text))


#: Other headers officers write for a field (matched like the template's own header).
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "title": ("naam activiteit", "naam interventie", "interventie", "activiteit"),
    "weblink": ("website", "link", "url", "webadres", "internetadres"),
    "objective": ("doel", "doelen", "doelstellingen"),
    "activities": ("omschrijving", "beschrijving", "type activiteiten", "activiteit(en)"),
    "provider": ("uitvoerende partij", "organisatie", "aanbieder", "uitvoerende organisatie"),
    "contact_person": ("contact", "contactpersonen"),
    "partners": ("samenwerkingspartners", "stakeholders", "betrokken partners"),
    "neighbourhoods": ("wijk", "wijk(en)", "kernen", "kern", "dorpen", "buurten", "gebied"),
    "scope": (
        "wijkgericht of hele stad",
        "wijkgericht of gemeentebreed",
        "wijkgericht of stedelijk",
        "reikwijdte",
    ),
    "recognised_effective": ("erkend", "erkende interventie", "erkend effectieve interventie"),
    "databank": ("erkenningsdatabank", "databank erkende interventies"),
    "local_adaptation": ("lokale aanpassing", "afwijkende lokale invulling"),
    "reach_total": ("bereik", "jaarlijks bereik", "bereik totaal", "aantal bereikt"),
    "participants_full": ("deelnemers", "aantal deelnemers", "volledig deelnemers"),
    "participants_target_group": ("deelnemers doelgroep", "bereik doelgroep"),
    "effect_monitoring": ("effecten", "effectmeting", "monitoring", "zicht op effect"),
    "annual_cost_eur": (
        "jaarlijkse kosten",
        "kosten per jaar",
        "kosten",
        "jaarlijkse kosten in euro",
        "begroting",
        "budget",
    ),
    "funding_sources": ("financiering", "financieringsbron", "financier"),
    "in_scope": ("binnen scope", "in scope", "valt binnen definitie", "binnen de definitie"),
    "exclusion_reason": ("reden", "reden niet binnen definitie", "reden buiten scope"),
    "age_groups": ("leeftijd", "leeftijdsgroep", "leeftijdscategorie", "leeftijdscategorieen"),
    "health_dimensions": ("positieve gezondheid", "dimensies", "dimensie positieve gezondheid"),
    "case_study": ("case study", "casestudie"),
}
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
#: How close (0-1) an unknown header must be to a known one to be called a near miss.
NEAR_MISS = 0.75
#: A word in a header that points at one field ("Totale kosten" is about the costs).
HEADER_KEYWORDS: dict[str, str] = {
    "titel": "title",
    "kosten": "annual_cost_eur",
    "bereik": "reach_total",
    "deelnemer": "participants_full",
    "leeftijd": "age_groups",
    "doelgroep": "target_group",
    "databank": "databank",
}


def normalise_header(text: str) -> str:
    """Header form used for matching: case/space-insensitive, numbering and '?' dropped."""
    text = normalise_word(str(text).replace("_", " "))
    text = re.sub(r"^(?:vraag\s*)?\d{1,2}\s*[.):]\s*", "", text)  # "1. Wat is ..." / "Vraag 3)"
    return text.strip(" ?*:.")


def _header_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for f in FIELDS:
        for spelling in (f.key, f.header_nl, f.question_nl, *HEADER_SYNONYMS.get(f.key, ())):
            if spelling:
                lookup[normalise_header(spelling)] = f.key
    return lookup


HEADER_LOOKUP: dict[str, str] = _header_lookup()
#: The exact headers of the template, keys and questions: matched without a notice.
EXACT_HEADERS: frozenset[str] = frozenset(
    normalise_header(s) for f in FIELDS for s in (f.key, f.header_nl, f.question_nl) if s
)


def _variants(text: str) -> list[str]:
    """The header, then without bracketed remarks, then each part of a slash variant."""
    whole = normalise_header(text)
    plain = normalise_header(_BRACKETS.sub(" ", text))
    parts = [normalise_header(p) for p in re.split(r"\s*/\s*", plain) if p.strip()]
    return list(dict.fromkeys([whole, plain, *parts]))


def match_header(text: object) -> str | None:
    """The field key a column header refers to (key, Dutch header, question or synonym)."""
    if text is None:
        return None
    for variant in _variants(str(text)):
        if variant in HEADER_LOOKUP:
            return HEADER_LOOKUP[variant]
    return None


def is_exact_header(text: str) -> bool:
    """True when the header is the template's own (no notice needed)."""
    return normalise_header(text) in EXACT_HEADERS


def near_miss(text: str) -> str | None:
    """The field key of a known header this one resembles, or None."""
    best, best_score = None, NEAR_MISS
    for variant in _variants(text):
        for word, key in HEADER_KEYWORDS.items():
            if word in variant:
                return key
        for spelling, key in HEADER_LOOKUP.items():
            score = difflib.SequenceMatcher(None, variant, spelling).ratio()
            if score > best_score:
                best, best_score = key, score
    return best


def allowed_text(f: Field, lang: str = "nl") -> str:
    """Human-readable list of the allowed values of a field, for messages and instructions."""
    if lang == "nl":
        return "; ".join(c.label_nl for c in f.allowed)
    if lang == "en":
        return "; ".join(c.label_en for c in f.allowed)
    return "; ".join(f"{c.label_nl} / {c.label_en} ({c.key})" for c in f.allowed)
