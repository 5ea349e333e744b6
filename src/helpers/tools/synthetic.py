"""A synthetic inventory of a fictional municipality, "Zonnedal (synthetic)".

Nothing here describes a real intervention, organisation or person: titles, providers,
neighbourhoods and numbers are made up. The generator is deterministic (same
``n_rows`` and ``seed`` give the same rows) and fills every field of the schema the way
people do in practice: Dutch and English words, numbers as Excel numbers or as text in
the messy formats the reader must handle (``€ 2.900,-``, ``ca. 30.000``, ``1.050``,
``400-700``, ``5.000 tot 10.000``, ``ruim 100``, ``onbekend``, empty cells).

It serves as the worked example (``data/examples/zonnedal-synthetic-inventory.xlsx``)
and for benchmarks with 1,000-50,000 rows::

    python -m helpers.tools.synthetic --rows 40 --seed 2024 \\
        data/examples/zonnedal-synthetic-inventory.xlsx
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from helpers.inputs.schema import AGE_GROUPS, FIELDS, HEALTH_DIMENSIONS
from helpers.paths import DATA
from helpers.tools.reproducible_xlsx import save_workbook

MUNICIPALITY = "Zonnedal (synthetic)"
SYNTHETIC_NOTE = "SYNTHETIC EXAMPLE — fictional municipality Zonnedal"
DEFAULT_SEED = 2024
DEFAULT_ROWS = 40
EXAMPLE_PATH = DATA / "examples" / "zonnedal-synthetic-inventory.xlsx"

PLACES = (
    "Zonnewijk",
    "Het Veen",
    "Molenkwartier",
    "Beekdal",
    "De Horst",
    "Oosterhoeve",
    "Lindenpark",
    "Stadshart",
)

# (title stem, objective, activities, target group, age groups, health dimensions)
STEMS: tuple[tuple[str, str, str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("Beweegmaatjes", "Ouderen in beweging houden", "Wekelijks samen wandelen en fietsen "
     "met een vrijwillig maatje.", "Ouderen die weinig bewegen", ("55_plus",),
     ("bodily_functions", "participation")),
    ("Taalcafé", "Betere beheersing van de Nederlandse taal", "Open inloop waar bewoners "
     "met vrijwilligers Nederlands oefenen.", "Volwassenen met een taalachterstand",
     ("18-25", "adults_25_55"), ("daily_functioning", "participation")),
    ("Buurtmoestuin", "Gezonder eten en elkaar ontmoeten", "Samen een moestuin "
     "onderhouden en oogsten.", "Buurtbewoners van alle leeftijden",
     ("4-12", "adults_25_55", "55_plus"), ("bodily_functions", "quality_of_life")),
    ("Opvoedpraatjes", "Ouders steunen bij de opvoeding", "Groepsbijeenkomsten over "
     "opvoedvragen onder leiding van een pedagoog.", "Ouders van jonge kinderen",
     ("0-4", "parents"), ("quality_of_life", "mental_wellbeing")),
    ("Sta Stevig", "Valongevallen voorkomen", "Oefengroep voor balans en kracht.",
     "Thuiswonende ouderen met valrisico", ("55_plus",), ("bodily_functions",)),
    ("Samen Koken", "Gezond eetpatroon aanleren", "Kookworkshops met goedkope, gezonde "
     "recepten.", "Huishoudens met een laag inkomen", ("adults_25_55", "parents"),
     ("daily_functioning", "bodily_functions")),
    ("Weerbaar op School", "Zelfvertrouwen en weerbaarheid vergroten", "Training in "
     "groepen op de basisschool.", "Leerlingen van groep 7 en 8", ("4-12",),
     ("mental_wellbeing", "participation")),
    ("Digicafé", "Digitale vaardigheden verbeteren", "Hulp bij computer, telefoon en "
     "online formulieren.", "Ouderen en laaggeletterden", ("55_plus", "adults_25_55"),
     ("daily_functioning",)),
    ("Geldwijzer", "Betere omgang met geld", "Spreekuur en cursus over budgetteren.",
     "Inwoners met geldzorgen", ("18-25", "adults_25_55"), ("daily_functioning",)),
    ("Jongerenpodium", "Jongeren een stem en een podium geven", "Muziek- en "
     "theateravonden door jongeren.", "Jongeren 13-18 jaar", ("13-18",),
     ("meaningfulness", "participation")),
    ("Mantelzorgkring", "Mantelzorgers ontlasten", "Lotgenotengroep en respijtzorg.",
     "Mantelzorgers", ("adults_25_55", "55_plus"), ("mental_wellbeing", "quality_of_life")),
    ("Leesmaatje", "Leesplezier en taalontwikkeling stimuleren", "Een vrijwilliger leest "
     "wekelijks voor aan huis.", "Gezinnen met kinderen van 2 tot 8 jaar",
     ("0-4", "4-12", "parents"), ("daily_functioning",)),
    ("Rookvrije Start", "Opgroeien in een rookvrije omgeving", "Begeleiding bij stoppen "
     "met roken rond de zwangerschap.", "Aanstaande ouders die roken", ("parents",),
     ("bodily_functions",)),
    ("Dansen zonder Drempels", "Bewegen voor mensen met een beperking", "Wekelijkse "
     "danslessen in het buurthuis.", "Mensen met een lichamelijke beperking",
     ("18-25", "adults_25_55"), ("bodily_functions", "participation")),
    ("Ontmoetingstafel", "Eenzaamheid verminderen", "Samen eten in de wijk tegen een "
     "kleine bijdrage.", "Alleenstaande ouderen", ("55_plus",),
     ("participation", "meaningfulness")),
    ("Sportsnuffel", "Kinderen laten kennismaken met sport", "Proeflessen bij "
     "verenigingen na schooltijd.", "Kinderen 6-12 jaar met weinig beweging", ("4-12",),
     ("bodily_functions",)),
    ("Klusmaatjes", "Jongeren op weg helpen naar werk", "Jongeren klussen met een "
     "vakman als maatje.", "Jongeren zonder startkwalificatie", ("18-25",),
     ("daily_functioning", "meaningfulness")),
    ("Kinderkookclub", "Kinderen gezond leren eten", "Koken en proeven na school.",
     "Basisschoolkinderen", ("4-12",), ("bodily_functions", "daily_functioning")),
)  # fmt: skip

PROVIDERS = (
    "Stichting Welzijn Zonnedal",
    "Sportbedrijf Zonnedal",
    "GGD Regio Zonnedal",
    "Bibliotheek Zonnedal",
    "Buurtteam Zonnedal",
    "Jeugdgezondheidszorg Zonnedal",
    "Vrijwilligerscentrale Zonnedal",
)
STATUS_WORDS = ("lopend", "Lopend", "lopend", "actief", "active", "Lopend", "pilot", "Pilot",
                "beëindigd", "gestopt", "In voorbereiding")  # fmt: skip
SCOPE_WORDS = ("wijkgericht", "Wijkgericht", "hele stad", "Hele stad", "stedelijk",
               "city-wide", "beide")  # fmt: skip
DATABANK_WORDS = ("NJI", "Loket Gezond Leven", "Loket Gezond Leven (RIVM)", "NCJ",
                  "Kenniscentrum Sport en Bewegen", "Movisie", "anders")  # fmt: skip
MONITORING = (
    "Evaluatieformulier na afloop",
    "Jaarverslag met aantallen deelnemers",
    "Gesprekken met deelnemers",
    "Geen zicht op effecten",
    "Vragenlijst voor en na (fictief onderzoek)",
    "",
)
FUNDING = (
    "Gemeente Zonnedal",
    "Gemeente Zonnedal; fonds (fictief)",
    "Gemeente Zonnedal, zorgverzekeraar",
    "Subsidie gemeente en eigen bijdrage deelnemers",
    "",
)
EXCLUSION_REASONS = (
    "Organisatievorm, geen afzonderlijke interventie",
    "Ondersteuning binnen het onderwijs",
    "Voorliggende voorziening (accommodatie)",
    "Gegevens te beperkt",
)


# The first rows show every number format the reader accepts, whatever the seed.
SHOWCASE_REACH = ("1.050", "ca. 300", "400-700", "ruim 100", "onbekend", None, 60,
                  "400 – 700", "bijna 50", "?")  # fmt: skip
SHOWCASE_COST = ("€ 2.900,-", "ca. 30.000", "5.000 tot 10.000", "onbekend", None,
                 "€ 12.500 per jaar", 175000, "€ 175.000, -", "12500", "ca. € 4.800")  # fmt: skip


def _slug(text: str) -> str:
    text = text.lower().replace("é", "e").replace("ë", "e")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _round(x: float) -> int:
    """Round like people estimate: to 5 above 50, to 50 above 500."""
    step = 50 if x > 500 else 5 if x > 50 else 1
    return max(1, int(round(x / step)) * step)


def _count(rng: random.Random, base: int) -> object:
    """A count as people type it: often a plain number, sometimes messy text."""
    style = rng.random()
    if style < 0.40:
        return base
    if style < 0.50:
        return f"ca. {base:,}".replace(",", ".")
    if style < 0.58:
        return f"{base:,}".replace(",", ".")  # 1.050 = 1050 (Dutch thousands)
    if style < 0.66:
        low = max(1, base // 2)
        return f"{low}-{base}" if rng.random() < 0.5 else f"{low} – {base}"
    if style < 0.71:
        return f"ruim {base}"
    if style < 0.74:
        return f"bijna {base}"
    if style < 0.84:
        return "onbekend" if rng.random() < 0.7 else "?"
    return None


def _cost(rng: random.Random) -> object:
    amount = rng.choice((1500, 2900, 4800, 7500, 12500, 18000, 30000, 45000, 80000, 175000))
    style = rng.random()
    if style < 0.22:
        return amount
    if style < 0.34:
        return f"€ {amount:,},-".replace(",", ".").replace(".-", ",-")
    if style < 0.44:
        return f"ca. {amount:,}".replace(",", ".")
    if style < 0.52:
        return f"€ {amount:,} per jaar".replace(",", ".")
    if style < 0.60:
        low = amount // 2
        return f"{low:,} tot {amount:,}".replace(",", ".")
    if style < 0.72:
        return "onbekend"
    return None


def _multi(rng: random.Random, labels: list[str]) -> str:
    sep = rng.choice(("; ", "; ", "; ", ", ", "\n"))
    return sep.join(labels)


def synthetic_inventory(n_rows: int = DEFAULT_ROWS, seed: int = DEFAULT_SEED) -> list[dict]:
    """``n_rows`` rows of a fictional inventory; keys are the schema field keys.

    Values are what a person would type into the template (text or numbers), not the
    parsed values. Deterministic for a given ``n_rows`` and ``seed``.
    """
    rng = random.Random(seed)
    age_labels = {c.key: (c.label_nl, c.label_en, c.key) for c in AGE_GROUPS}
    dim_labels = {c.key: (c.label_nl, c.label_en) for c in HEALTH_DIMENSIONS}
    rows: list[dict] = []
    seen: set[str] = set()
    for i in range(n_rows):
        stem, objective, activities, target, ages, dims = STEMS[i % len(STEMS)]
        place = PLACES[(i // len(STEMS) + i) % len(PLACES)]
        title = f"{stem} {place}"
        if title.casefold() in seen:
            title = f"{title} (reeks {i // (len(STEMS) * len(PLACES)) + 1}-{i})"
        seen.add(title.casefold())
        city_wide = rng.random() < 0.4
        recognised = rng.choice(("ja", "nee", "nee", "onbekend", "Ja", "yes", None))
        in_scope = rng.random() < 0.75
        reach = rng.choice((12, 25, 40, 60, 90, 150, 300, 450, 1050, 2500))
        full = _round(reach * rng.uniform(0.3, 0.9))
        target_n = _round(full * rng.uniform(0.5, 1.0))
        age_lang = rng.random()
        ages_typed = [age_labels[a][0 if age_lang < 0.8 else (1 if age_lang < 0.9 else 2)]
                      for a in ages]  # fmt: skip
        dims_typed = [dim_labels[d][0 if rng.random() < 0.85 else 1] for d in dims]
        slug = _slug(title)
        row = {
            "title": title,
            "weblink": f"https://www.example.org/zonnedal/{slug}" if rng.random() < 0.6 else None,
            "objective": objective,
            "activities": activities,
            "provider": PROVIDERS[i % len(PROVIDERS)],
            "contact_person": f"Contactpersoon {i + 1} (fictief)",
            "partners": ", ".join(rng.sample(PROVIDERS, k=rng.randint(0, 2))) or None,
            "status": rng.choice(STATUS_WORDS),
            "neighbourhoods": "hele stad" if city_wide else _multi(
                rng, [place] + rng.sample([p for p in PLACES if p != place], k=rng.randint(0, 2))
            ),
            "scope": rng.choice(SCOPE_WORDS[2:6]) if city_wide else rng.choice(SCOPE_WORDS[:2]),
            "recognised_effective": recognised,
            "databank": rng.choice(DATABANK_WORDS) if recognised in ("ja", "Ja", "yes") else None,
            "local_adaptation": rng.choice(("ja", "nee", "onbekend", None))
            if recognised in ("ja", "Ja", "yes") else None,
            "target_group": target,
            "reach_total": _count(rng, reach),
            "participants_full": _count(rng, full),
            "participants_target_group": _count(rng, target_n),
            "effect_monitoring": rng.choice(MONITORING) or None,
            "annual_cost_eur": _cost(rng),
            "funding_sources": rng.choice(FUNDING) or None,
            "in_scope": "ja" if in_scope else "nee",
            "exclusion_reason": None if in_scope else rng.choice(EXCLUSION_REASONS),
            "age_groups": _multi(rng, ages_typed),
            "health_dimensions": _multi(rng, dims_typed),
            "case_study": None,
        }  # fmt: skip
        if i < len(SHOWCASE_REACH):  # every format appears, whatever the seed
            row["reach_total"] = SHOWCASE_REACH[i]
            row["annual_cost_eur"] = SHOWCASE_COST[i]
        rows.append(row)
    # Two rows marked as case studies of the fictional municipality (ids are made up).
    in_scope_rows = [row for row in rows if row["in_scope"] == "ja"]
    for row in in_scope_rows[:4:3]:  # the 1st and 4th in-scope rows
        row["case_study"] = "zonnedal-" + _slug(row["title"])
    return rows


README_LINES = (
    SYNTHETIC_NOTE,
    "",
    "Everything in this workbook is made up: the municipality, the interventions, the "
    "organisations, the contact persons and all numbers. It describes no real place.",
    "It shows how to fill in the inventory template, and exercises the reader: Dutch and "
    "English words, numbers typed as text (€ 2.900,-, ca. 30.000, 1.050, 400-700, "
    "5.000 tot 10.000, ruim 100, onbekend) and empty cells.",
    "Generated with: python -m helpers.tools.synthetic --rows {n} --seed {seed} <path>",
    "Check with:     make validate INVENTORY=<path>",
)


def write_inventory_workbook(
    rows: Iterable[Mapping[str, object]],
    path: str | Path,
    sheet_title: str = "Interventies",
    *,
    headers: str = "nl",
    readme: Iterable[str] | None = None,
    title: str | None = SYNTHETIC_NOTE,
) -> Path:
    """Write inventory rows (dicts keyed by field key) to an .xlsx workbook.

    ``headers`` = ``"nl"`` writes the template's Dutch headers, ``"key"`` the English
    keys. A ``README`` sheet with ``readme`` lines is added second when given. Written
    in streaming (write-only) mode, deterministically, via a temporary file.
    """
    if headers not in ("nl", "key"):
        raise ValueError("headers must be 'nl' or 'key'")
    wb = Workbook(write_only=True)
    if title:
        wb.properties.title = title
    wb.properties.creator = "prevention-book-helpers (helpers.tools.synthetic)"
    ws = wb.create_sheet(sheet_title)
    ws.freeze_panes = "A2"
    for col, f in enumerate(FIELDS, start=1):
        from openpyxl.utils import get_column_letter

        width = 36 if f.kind == "text" else 20
        ws.column_dimensions[get_column_letter(col)].width = width
    bold = Font(bold=True)
    header_cells = []
    for f in FIELDS:
        cell = WriteOnlyCell(ws, value=f.header_nl if headers == "nl" else f.key)
        cell.font = bold
        header_cells.append(cell)
    ws.append(header_cells)
    keys = [f.key for f in FIELDS]
    for row in rows:
        ws.append([row.get(k) for k in keys])
    if readme is not None:
        info = wb.create_sheet("README")
        info.column_dimensions["A"].width = 110
        for i, line in enumerate(readme):
            cell = WriteOnlyCell(info, value=line)
            if i == 0:
                cell.font = Font(bold=True, size=14, color="C00000")
            info.append([cell])
    return save_workbook(wb, path)


def write_example(path: str | Path = EXAMPLE_PATH, n_rows: int = DEFAULT_ROWS,
                  seed: int = DEFAULT_SEED) -> Path:  # fmt: skip
    """Write the synthetic example workbook (Interventies + README)."""
    rows = synthetic_inventory(n_rows, seed)
    readme = [line.format(n=n_rows, seed=seed) for line in README_LINES]
    return write_inventory_workbook(rows, path, "Interventies", readme=readme)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.tools.synthetic",
        description="Write a synthetic inventory of the fictional municipality Zonnedal.",
    )
    parser.add_argument("path", nargs="?", default=str(EXAMPLE_PATH), help="output .xlsx")
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS, help="number of rows")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    args = parser.parse_args(argv)
    out = write_example(args.path, args.rows, args.seed)
    print(f"wrote {out} ({args.rows} synthetic rows, seed {args.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
