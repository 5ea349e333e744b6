"""The vocabularies shared by the whole project: age groups, positive-health dimensions,
case-study ids and the allowed values of the inventory's enumeration columns.

A `Choice` is one allowed value: its key, its Dutch and English labels and the other
spellings accepted silently. Interpretations that deserve a warning (a word that is
close but not the same, e.g. "65+" for "Ouderen 55 plus") live in
`helpers.inputs.matching.LENIENT_WORDS`.
"""

from __future__ import annotations

from dataclasses import dataclass


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
        "Hele gemeente",
        "City-wide",
        ("hele stad", "stedelijk", "stadsbreed", "stadsbrede", "gemeentebreed", "citywide"),
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
