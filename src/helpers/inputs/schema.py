"""The inventory schema: the ONE place that defines every field of the inventory workbook.

The inventory is the survey of annex 1 of the 2024 Amersfoort report (20 questions put to
the municipality and the organisations that run the interventions), plus five columns in
which the researchers coded each intervention (in scope or not, why not, age groups,
positive-health dimensions, case study).

Everything else imports from here: the validating reader (`helpers.inputs.workbook`), the Excel
template (`helpers.tools.template`), the synthetic example (`helpers.tools.synthetic`) and the
notebooks. The vocabularies (age groups, positive-health dimensions, allowed values) are
defined in `helpers.inputs.vocabularies` and re-exported here; matching what users type
is `helpers.inputs.matching`.

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

from dataclasses import dataclass

from helpers.inputs.vocabularies import (
    AGE_GROUP_KEYS,
    AGE_GROUP_LABELS_EN,
    AGE_GROUP_LABELS_NL,
    AGE_GROUPS,
    CASE_STUDY_IDS,
    DATABANKS,
    EMPTY_WORDS,
    HEALTH_DIMENSION_KEYS,
    HEALTH_DIMENSION_LABELS_EN,
    HEALTH_DIMENSION_LABELS_NL,
    HEALTH_DIMENSIONS,
    NO_DATABANK_WORDS,
    SCOPE,
    STATUS,
    YES_NO,
    YES_NO_UNKNOWN,
    Choice,
)

__all__ = [  # the vocabularies are re-exported: schema is where readers look for them
    "AGE_GROUPS",
    "AGE_GROUP_KEYS",
    "AGE_GROUP_LABELS_EN",
    "AGE_GROUP_LABELS_NL",
    "CASE_STUDY_IDS",
    "CODING_KEYS",
    "DATABANKS",
    "EMPTY_WORDS",
    "FIELDS",
    "FIELDS_BY_KEY",
    "FIELD_KEYS",
    "HEALTH_DIMENSIONS",
    "HEALTH_DIMENSION_KEYS",
    "HEALTH_DIMENSION_LABELS_EN",
    "HEALTH_DIMENSION_LABELS_NL",
    "NO_DATABANK_WORDS",
    "NUMBER_KEYS",
    "PERSONAL_KEYS",
    "SCOPE",
    "STATUS",
    "SURVEY_FIELDS",
    "YES_NO",
    "YES_NO_UNKNOWN",
    "Choice",
    "Field",
    "field",
]

KINDS = ("text", "url", "number", "enum", "multi_enum", "yesno")


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
        "Wijkgericht of hele gemeente",
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
