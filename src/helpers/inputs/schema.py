"""The inventory schema: the ONE place that defines every field of the inventory workbook.

The inventory is the survey of annex 1 of the 2024 Amersfoort report (20 questions put to
the municipality and the organisations that run the interventions), plus five columns in
which the researchers coded each intervention (in scope or not, why not, age groups,
positive-health dimensions, case study).

Everything else imports from here: the validating reader (`helpers.inputs.workbook`), the Excel
template (`helpers.tools.template`), the synthetic example (`helpers.tools.synthetic`) and the
notebooks. The vocabularies of age groups and positive-health dimensions live here too.

Field kinds
-----------
``text``        free text (kept as written, surrounding spaces trimmed)
``url``         a web address (``https://...``, ``www....`` or ``domain.nl/...``)
``number``      a count or an amount in euros, parsed by `helpers.inputs.dutch_numbers.parse_amount`
``enum``        one value of ``allowed`` (Dutch or English words accepted)
``multi_enum``  several values of ``allowed``, separated by ``;`` (also ``,`` or new lines)
``yesno``       ja / nee (yes / no)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

KINDS = ("text", "url", "number", "enum", "multi_enum", "yesno")


@dataclass(frozen=True)
class Choice:
    """One allowed value of an enumeration: its key, its labels and other accepted words."""

    key: str
    label_nl: str
    label_en: str
    aliases: tuple[str, ...] = ()

    def accepted(self) -> tuple[str, ...]:
        """Every spelling the reader accepts for this choice (before normalisation)."""
        return (self.key, self.label_nl, self.label_en, *self.aliases)


@dataclass(frozen=True)
class Field:
    """One column of the inventory workbook.

    ``question_nl`` is the survey question exactly as annex 1 of the 2024 report prints
    it (empty for the researchers' coding columns, which were not survey questions);
    ``header_nl`` the short Dutch column header of the template; ``allowed`` the choices
    of an ``enum``/``multi_enum``/``yesno`` field (empty otherwise); ``multi`` whether a
    cell holds several values (they come back as a tuple); ``personal`` marks personal
    data, which the reader drops unless asked and which is never published.
    """

    key: str
    question_nl: str
    header_nl: str
    kind: str
    required: bool = False
    allowed: tuple[Choice, ...] = ()
    multi: bool = False
    personal: bool = False
    description_en: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"field {self.key}: unknown kind {self.kind!r}")
        if self.kind in ("enum", "multi_enum", "yesno") and not self.allowed:
            raise ValueError(f"field {self.key}: kind {self.kind} needs allowed choices")
        if (self.kind == "multi_enum") and not self.multi:
            raise ValueError(f"field {self.key}: a multi_enum field must have multi=True")

    @property
    def allowed_keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.allowed)

    @property
    def is_coding(self) -> bool:
        """True for the researchers' coding columns (not asked in the survey)."""
        return self.key in CODING_KEYS


# --------------------------------------------------------------------------------------
# Vocabularies shared by the whole project
# --------------------------------------------------------------------------------------

#: Age groups of the table in section 3.4 of the 2024 report (key, Dutch label, English).
AGE_GROUPS: tuple[Choice, ...] = (
    Choice("0-4", "0-4 jaar", "0-4 years", ("0 tot 4 jaar", "0-4 jr", "0-4 yrs")),
    Choice("4-12", "4-12 jaar", "4-12 years", ("4 tot 12 jaar", "4-12 jr", "4-12 yrs")),
    Choice("13-18", "13-18 jaar", "13-18 years", ("13 tot 18 jaar", "13-18 jr", "13-18 yrs")),
    Choice("18-25", "18-25 jaar", "18-25 years", ("18 tot 25 jaar", "18-25 jr", "18-25 yrs")),
    Choice(
        "parents",
        "Volwassenen als ouders",
        "Adults as parents",
        ("ouders", "volwassenen (ouders)", "parents"),
    ),
    Choice(
        "adults_25_55",
        "Volwassenen (25-55)",
        "Adults (25-55)",
        ("volwassenen 25-55", "volwassenen", "25-55", "25-55 jaar", "adults 25-55", "adults"),
    ),
    Choice(
        "55_plus",
        "Ouderen 55 plus",
        "Older people (55+)",
        ("ouderen 55+", "ouderen", "55+", "55 plus", "55-plus", "senioren", "older people"),
    ),
)

#: The six dimensions of positive health (Huber): key, Dutch label, English label.
HEALTH_DIMENSIONS: tuple[Choice, ...] = (
    Choice("bodily_functions", "Lichaamsfuncties", "Bodily functions", ("lichaam",)),
    Choice(
        "mental_wellbeing",
        "Mentaal welbevinden",
        "Mental well-being",
        ("mental wellbeing", "mentaal welzijn", "welbevinden"),
    ),
    Choice("meaningfulness", "Zingeving", "Meaningfulness", ("meaning",)),
    Choice("quality_of_life", "Kwaliteit van leven", "Quality of life", ()),
    Choice(
        "participation",
        "Meedoen",
        "Participation",
        (
            "sociaal-maatschappelijk participeren",
            "sociaal maatschappelijk participeren",
            "meedoen / sociaal-maatschappelijk participeren",
            "meedoen (sociaal-maatschappelijk participeren)",
            "social participation",
            "participeren",
        ),
    ),
    Choice("daily_functioning", "Dagelijks functioneren", "Daily functioning", ()),
)

AGE_GROUP_KEYS: tuple[str, ...] = tuple(c.key for c in AGE_GROUPS)
HEALTH_DIMENSION_KEYS: tuple[str, ...] = tuple(c.key for c in HEALTH_DIMENSIONS)
AGE_GROUP_LABELS_NL = {c.key: c.label_nl for c in AGE_GROUPS}
AGE_GROUP_LABELS_EN = {c.key: c.label_en for c in AGE_GROUPS}
HEALTH_DIMENSION_LABELS_NL = {c.key: c.label_nl for c in HEALTH_DIMENSIONS}
HEALTH_DIMENSION_LABELS_EN = {c.key: c.label_en for c in HEALTH_DIMENSIONS}

#: The case studies of annex 3 of the 2024 report, in annex order (1-12).
CASE_STUDY_IDS: tuple[str, ...] = (
    "vreedzame-school",
    "stevig-ouderschap",
    "rots-en-water",
    "centering-zwangerschap",
    "taalent",
    "vijf-stappen-methode",
    "blijf-fit",
    "samen-actief",
    "coach-en-cootje",
    "sociaal-vitaal-in-kleur",
    "mbo-track",
    "bouwdepot",
)

STATUS: tuple[Choice, ...] = (
    Choice(
        "active",
        "Lopend",
        "Active",
        (
            "actief",
            "loopt",
            "doorlopend",
            "structureel",
            "in uitvoering",
            "lopend / actief",
            "running",
            "ongoing",
            "current",
        ),
    ),
    Choice("pilot", "Pilot", "Pilot", ("proef", "proefperiode", "proeftuin", "experiment")),
    Choice(
        "planned",
        "In voorbereiding",
        "Planned",
        ("gepland", "in ontwikkeling", "nog niet gestart", "start binnenkort", "in preparation"),
    ),
    Choice(
        "ended",
        "Beëindigd",
        "Ended",
        ("gestopt", "afgerond", "afgelopen", "gestaakt", "stopped", "finished", "closed"),
    ),
)

SCOPE: tuple[Choice, ...] = (
    Choice(
        "neighbourhood",
        "Wijkgericht",
        "Neighbourhood",
        ("wijk", "buurtgericht", "in de wijk", "neighborhood", "neighbourhood-based", "local"),
    ),
    Choice(
        "city_wide",
        "Hele stad",
        "City-wide",
        ("stedelijk", "stadsbreed", "stadsbrede", "gemeentebreed", "hele gemeente", "citywide"),
    ),
    Choice("both", "Beide", "Both", ("allebei", "wijk en stad", "wijkgericht en stedelijk")),
)

YES_NO_UNKNOWN: tuple[Choice, ...] = (
    Choice("yes", "Ja", "Yes", ("j", "y", "true", "waar", "1")),
    Choice("no", "Nee", "No", ("n", "false", "onwaar", "0", "neen")),
    Choice(
        "unknown",
        "Onbekend",
        "Unknown",
        ("weet niet", "niet bekend", "?", "onduidelijk", "don't know", "not known"),
    ),
)

YES_NO: tuple[Choice, ...] = YES_NO_UNKNOWN[:2]

#: The five national databanks of effective interventions used in the 2024 report
#: (section 2; themes and managing organisations), plus "other".
DATABANKS: tuple[Choice, ...] = (
    Choice(
        "loket_gezond_leven",
        "Loket Gezond Leven (RIVM)",
        "Loket Gezond Leven (RIVM)",
        ("loket gezond leven", "rivm", "lgl", "leefstijlinterventies", "gezond leven"),
    ),
    Choice(
        "nji",
        "NJI Databank Effectieve Jeugdinterventies",
        "NJI Databank Effectieve Jeugdinterventies",
        (
            "nji",
            "nederlands jeugdinstituut",
            "databank effectieve jeugdinterventies",
            "effectieve jeugdinterventies",
            "nji databank",
        ),
    ),
    Choice(
        "ncj",
        "NCJ",
        "NCJ",
        ("nederlands centrum jeugdgezondheid", "ncj databank", "jeugdgezondheidszorg"),
    ),
    Choice(
        "kcsb",
        "Kenniscentrum Sport & Bewegen",
        "Kenniscentrum Sport & Bewegen",
        ("kenniscentrum sport en bewegen", "kenniscentrum sport", "kcsb", "sport en bewegen"),
    ),
    Choice(
        "movisie",
        "Movisie",
        "Movisie",
        ("movisie databank", "databank effectieve sociale interventies"),
    ),
    Choice("other", "Andere databank", "Other", ("anders", "overig", "andere", "other databank")),
)

#: Words that mean "nothing filled in" in an enumeration column (read as empty).
EMPTY_WORDS: frozenset[str] = frozenset({"-", "--", "n.v.t.", "n.v.t", "nvt", "n/a", "na"})
#: Additional words read as empty in the databank column ("not in any databank").
NO_DATABANK_WORDS: frozenset[str] = frozenset({"geen", "none", "geen databank", "nee", "no"})


# --------------------------------------------------------------------------------------
# The fields, in workbook order
# --------------------------------------------------------------------------------------

FIELDS: tuple[Field, ...] = (
    Field(
        "title",
        "Wat is de titel van de activiteit?",
        "Titel",
        "text",
        required=True,
        description_en="Name of the activity or intervention. Required; must be unique "
        "(compared ignoring case and surrounding spaces).",
    ),
    Field(
        "weblink",
        "Eventuele weblink van de activiteit",
        "Weblink",
        "url",
        description_en="Web address of the activity, if any.",
    ),
    Field(
        "objective",
        "Wat is de doelstelling van de activiteit?",
        "Doelstelling",
        "text",
        description_en="What the activity aims to achieve.",
    ),
    Field(
        "activities",
        "Geef kort een omschrijving van de type activiteiten (maximaal 3 zinnen)",
        "Activiteiten",
        "text",
        description_en="Short description of the kind of activities (at most three sentences).",
    ),
    Field(
        "provider",
        "Welke partij is verantwoordelijk voor de uitvoering van de activiteit?",
        "Uitvoerder",
        "text",
        description_en="Organisation responsible for running the activity.",
    ),
    Field(
        "contact_person",
        "Wie is de contactpersoon voor de uitvoering van de activiteit?",
        "Contactpersoon",
        "text",
        personal=True,
        description_en="Contact person for the activity. Personal data: read, never published.",
    ),
    Field(
        "partners",
        "Welke andere partners of stakeholders zijn in de uitvoering van de activiteit betrokken?",
        "Partners",
        "text",
        description_en="Other partners or stakeholders involved in running the activity.",
    ),
    Field(
        "status",
        "Wat is de status van de activiteit?",
        "Status",
        "enum",
        allowed=STATUS,
        description_en="Status of the activity: active (running), pilot, planned or ended.",
    ),
    Field(
        "neighbourhoods",
        "In welke wijk(en) vinden de activiteiten plaats?",
        "Wijken",
        "text",
        multi=True,
        description_en="Neighbourhood(s) where the activities take place; several separated "
        "by ';' (or ',' or new lines). Returned as a tuple of names.",
    ),
    Field(
        "scope",
        "Zijn de activiteiten wijkgericht of gericht op bewoners van de hele stad?",
        "Wijkgericht of hele stad",
        "enum",
        allowed=SCOPE,
        description_en="Whether the activities target one or more neighbourhoods or "
        "residents of the whole city (or both).",
    ),
    Field(
        "recognised_effective",
        "Zijn de activiteiten (onderdeel van) een erkende effectieve interventie?",
        "Erkend effectief",
        "enum",
        allowed=YES_NO_UNKNOWN,
        description_en="Whether the activities are (part of) a recognised effective "
        "intervention: yes, no or unknown.",
    ),
    Field(
        "databank",
        "Noem 1 databank waarin de interventie is opgenomen",
        "Databank",
        "enum",
        allowed=DATABANKS,
        description_en="One national databank of effective interventions that lists the "
        "intervention (empty if none).",
    ),
    Field(
        "local_adaptation",
        "Wordt er in Amersfoort aan de opzet of uitvoering van de interventie een afwijkende "
        "lokale invulling gegeven?",
        "Lokale invulling",
        "enum",
        allowed=YES_NO_UNKNOWN,
        description_en="Whether the local set-up or delivery deviates from the recognised "
        "intervention: yes, no or unknown. (The survey names Amersfoort; read it as the "
        "municipality of the inventory.)",
    ),
    Field(
        "target_group",
        "Wat is de doelgroep van de activiteiten? Beschrijf deze zo specifiek mogelijk.",
        "Doelgroep",
        "text",
        description_en="Target group of the activities, as specific as possible.",
    ),
    Field(
        "reach_total",
        "Hoeveel mensen worden jaarlijks in totaal bereikt met de activiteiten/interventie?",
        "Bereik per jaar",
        "number",
        description_en="Number of people reached in total per year.",
    ),
    Field(
        "participants_full",
        "Hoeveel mensen participeren volledig bij de activiteiten?",
        "Volledige deelnemers",
        "number",
        description_en="Number of people who take part fully.",
    ),
    Field(
        "participants_target_group",
        "Hoeveel mensen daarvan behoren tot de beoogde doelgroep?",
        "Deelnemers uit doelgroep",
        "number",
        description_en="Of those, the number who belong to the intended target group.",
    ),
    Field(
        "effect_monitoring",
        "Op welke wijze is er zicht op de effecten van de activiteiten voor de deelnemers?",
        "Zicht op effecten",
        "text",
        description_en="How the effects of the activities on participants are monitored.",
    ),
    Field(
        "annual_cost_eur",
        "Wat zijn (eventueel geschat) de jaarlijkse kosten van de interventie in euro's?",
        "Jaarlijkse kosten (EUR)",
        "number",
        description_en="Annual cost of the intervention in euros (an estimate is fine).",
    ),
    Field(
        "funding_sources",
        "Wat zijn de financieringsbronnen?",
        "Financieringsbronnen",
        "text",
        description_en="Sources of funding.",
    ),
    # -- researchers' coding (not survey questions) -----------------------------------
    Field(
        "in_scope",
        "",
        "Binnen definitie",
        "yesno",
        allowed=YES_NO,
        description_en="Researchers' coding: does the intervention fall within the "
        "definition of collective prevention used by the study (ja/nee)?",
    ),
    Field(
        "exclusion_reason",
        "",
        "Reden uitsluiting",
        "text",
        description_en="Researchers' coding: why an intervention is out of scope.",
    ),
    Field(
        "age_groups",
        "",
        "Leeftijdsgroepen",
        "multi_enum",
        allowed=AGE_GROUPS,
        multi=True,
        description_en="Researchers' coding: age groups targeted (several allowed).",
    ),
    Field(
        "health_dimensions",
        "",
        "Dimensies positieve gezondheid",
        "multi_enum",
        allowed=HEALTH_DIMENSIONS,
        multi=True,
        description_en="Researchers' coding: positive-health dimensions the objectives "
        "address (several allowed).",
    ),
    Field(
        "case_study",
        "",
        "Casus",
        "text",
        description_en="Researchers' coding: id of the case study this intervention is "
        "(for Amersfoort one of the twelve of annex 3), or empty.",
    ),
)

CODING_KEYS: frozenset[str] = frozenset(
    {"in_scope", "exclusion_reason", "age_groups", "health_dimensions", "case_study"}
)
FIELD_KEYS: tuple[str, ...] = tuple(f.key for f in FIELDS)
FIELDS_BY_KEY: dict[str, Field] = {f.key: f for f in FIELDS}
NUMBER_KEYS: tuple[str, ...] = tuple(f.key for f in FIELDS if f.kind == "number")
PERSONAL_KEYS: tuple[str, ...] = tuple(f.key for f in FIELDS if f.personal)
SURVEY_FIELDS: tuple[Field, ...] = tuple(f for f in FIELDS if not f.is_coding)

assert len(SURVEY_FIELDS) == 20, "annex 1 of the 2024 report has 20 questions"


def field(key: str) -> Field:
    """The field with this key (KeyError names the known keys)."""
    try:
        return FIELDS_BY_KEY[key]
    except KeyError:
        raise KeyError(f"unknown inventory field {key!r}; known: {', '.join(FIELD_KEYS)}") from None


# --------------------------------------------------------------------------------------
# Matching what users type
# --------------------------------------------------------------------------------------

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


def normalise_choice(field_key: str, text: str) -> str | None:
    """The choice key for what a user typed in an enumeration column, or None if unknown."""
    return CHOICE_LOOKUP[field_key].get(normalise_word(text))


def normalise_header(text: str) -> str:
    """Header form used for matching: case/space-insensitive, numbering and '?' dropped."""
    text = normalise_word(str(text).replace("_", " "))
    text = re.sub(r"^(?:vraag\s*)?\d{1,2}\s*[.):]\s*", "", text)  # "1. Wat is ..." / "Vraag 3)"
    return text.strip(" ?*:.")


def _header_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for f in FIELDS:
        for spelling in (f.key, f.header_nl, f.question_nl):
            if spelling:
                lookup[normalise_header(spelling)] = f.key
    return lookup


HEADER_LOOKUP: dict[str, str] = _header_lookup()


def match_header(text: object) -> str | None:
    """The field key a column header refers to (by key, Dutch header or survey question)."""
    if text is None:
        return None
    return HEADER_LOOKUP.get(normalise_header(str(text)))


def allowed_text(f: Field, lang: str = "nl") -> str:
    """Human-readable list of the allowed values of a field, for messages and instructions."""
    if lang == "nl":
        return "; ".join(c.label_nl for c in f.allowed)
    if lang == "en":
        return "; ".join(c.label_en for c in f.allowed)
    return "; ".join(f"{c.label_nl} / {c.label_en} ({c.key})" for c in f.allowed)
