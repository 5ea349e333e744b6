"""The balance model of the 2017 report (kvds-2017): proeftuinen and protective indicators.

Two CSV files in one folder (by default ``data/kvds-2017``):

- ``proeftuinen.csv``: ``number, name, evaluated, organisation, end_measurement, note``
- ``indicators.csv``: ``proeftuin, domain, label_en, theme, domain_basis, note``

The loaders validate every row and raise one :class:`helpers.errors.InputError` that lists
every problem as ``file:line: column 'name' value 'x': message``. The other functions are
pure: they take the loaded frames and return small tables for the book.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from helpers.errors import InputError

PROEFTUINEN_FILE = "proeftuinen.csv"
INDICATORS_FILE = "indicators.csv"

PROEFTUIN_COLUMNS = ("number", "name", "evaluated", "organisation", "end_measurement", "note")
INDICATOR_COLUMNS = ("proeftuin", "domain", "label_en", "theme", "domain_basis", "note")

LIFE_DOMAINS: dict[int, str] = {
    1: "personal life",
    2: "societal life: work, social security and services",
    3: "social life",
}
DOMAIN_SHORT: dict[int, str] = {1: "personal", 2: "societal", 3: "social"}

THEMES: dict[int, tuple[str, ...]] = {
    1: (
        "own_strength",
        "own_direction",
        "experience_expertise",
        "parenting_skills",
        "preventive_value",
    ),
    2: (
        "integrated_policy",
        "policy_participation",
        "accessibility",
        "resident_direction",
        "new_professionalism",
    ),
    3: ("social_participation", "social_network", "prevention_early_signalling"),
}
THEME_DOMAIN: dict[str, int] = {theme: d for d, themes in THEMES.items() for theme in themes}

YES_NO = ("yes", "no")
END_MEASUREMENT = ("yes", "no", "unknown")
DOMAIN_BASIS = ("annex", "chapter", "judgement")
MAX_LABEL_WORDS = 12

#: The seven possible sets of life domains, in the order the book shows them.
COMBINATIONS: tuple[frozenset[int], ...] = (
    frozenset({1}),
    frozenset({2}),
    frozenset({3}),
    frozenset({1, 2}),
    frozenset({1, 3}),
    frozenset({2, 3}),
    frozenset({1, 2, 3}),
)


def combination_label(domains: Iterable[int]) -> str:
    """``{2, 1}`` -> ``"1+2"``."""
    return "+".join(str(d) for d in sorted(domains))


def combination_description(domains: Iterable[int]) -> str:
    """``{1, 2}`` -> ``"personal + societal"``."""
    return " + ".join(DOMAIN_SHORT[d] for d in sorted(domains))


# --------------------------------------------------------------------------- loading


def _read_raw(path: Path) -> pd.DataFrame:
    """Read a CSV as text only (no type guessing, empty cells stay empty strings)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _line(index: int) -> int:
    """Line number in the CSV file of a data row (line 1 is the header)."""
    return int(index) + 2


def _message(file: str, line: int, column: str, value: object, message: str) -> str:
    """One problem as ``file:line: column 'name' value 'x': message``."""
    text = str(value)
    if len(text) > 80:
        text = text[:79] + "…"
    return f"{file}:{line}: column '{column}' value {text!r}: {message}"


def _check_columns(df: pd.DataFrame, expected: tuple[str, ...], file: str) -> list[str]:
    problems = [
        f"{file}:1: column '{col}': required column is missing"
        for col in expected
        if col not in df.columns
    ]
    problems += [
        f"{file}:1: column '{col}': unknown column" for col in df.columns if col not in expected
    ]
    return problems


def _as_int(text: str) -> int | None:
    text = text.strip()
    if text.isdigit():
        return int(text)
    return None


def validate_proeftuinen(df: pd.DataFrame, file: str = PROEFTUINEN_FILE) -> list[str]:
    """Every problem in a raw (all-text) proeftuinen table; empty list when valid."""
    problems = _check_columns(df, PROEFTUIN_COLUMNS, file)
    if problems:
        return problems
    seen: dict[int, int] = {}
    for idx, row in df.iterrows():
        line = _line(idx)

        def bad(column: str, message: str, line: int = line, row: pd.Series = row) -> None:
            problems.append(_message(file, line, column, row[column], message))

        number = _as_int(row["number"])
        if number is None or number < 1:
            bad("number", "must be a whole number of 1 or more")
        elif number in seen:
            bad("number", f"duplicate number (also on line {seen[number]})")
        else:
            seen[number] = line
        if not row["name"].strip():
            bad("name", "name is empty")
        if row["evaluated"] not in YES_NO:
            bad("evaluated", "must be one of: yes, no")
        if row["end_measurement"] not in END_MEASUREMENT:
            bad("end_measurement", "must be one of: yes, no, unknown")
        elif row["evaluated"] == "no" and row["end_measurement"] == "yes":
            bad(
                "end_measurement",
                "a proeftuin that was not evaluated cannot have an end measurement",
            )
    return problems


def validate_indicators(
    df: pd.DataFrame, proeftuin_numbers: Iterable[int], file: str = INDICATORS_FILE
) -> list[str]:
    """Every problem in a raw (all-text) indicators table; empty list when valid."""
    problems = _check_columns(df, INDICATOR_COLUMNS, file)
    if problems:
        return problems
    known = set(proeftuin_numbers)
    for idx, row in df.iterrows():
        line = _line(idx)

        def bad(column: str, message: str, line: int = line, row: pd.Series = row) -> None:
            problems.append(_message(file, line, column, row[column], message))

        number = _as_int(row["proeftuin"])
        if number is None:
            bad("proeftuin", "must be a proeftuin number")
        elif number not in known:
            bad("proeftuin", f"no proeftuin with this number in {PROEFTUINEN_FILE}")

        domain = _as_int(row["domain"])
        if domain not in LIFE_DOMAINS:
            bad("domain", "life domain must be 1, 2 or 3")

        label = row["label_en"].strip()
        if not label:
            bad("label_en", "label is empty")
        elif len(label.split()) > MAX_LABEL_WORDS:
            bad("label_en", f"label is longer than {MAX_LABEL_WORDS} words; paraphrase it shorter")

        theme = row["theme"]
        if theme not in THEME_DOMAIN:
            bad("theme", "unknown theme; allowed: " + ", ".join(THEME_DOMAIN))
        elif domain in LIFE_DOMAINS and THEME_DOMAIN[theme] != domain:
            bad(
                "theme",
                f"theme belongs to domain {THEME_DOMAIN[theme]}, not to domain {domain}; "
                f"themes of domain {domain}: " + ", ".join(THEMES[domain]),
            )

        if row["domain_basis"] not in DOMAIN_BASIS:
            bad("domain_basis", "must be one of: " + ", ".join(DOMAIN_BASIS))
        elif row["domain_basis"] == "judgement" and not row["note"].strip():
            bad("note", "a 'judgement' domain needs its reason in the note")
    return problems


def load_proeftuinen(folder: str | Path) -> pd.DataFrame:
    """Read and validate ``proeftuinen.csv``; ``number`` becomes an int, ``evaluated`` a bool."""
    path = Path(folder) / PROEFTUINEN_FILE
    raw = _read_raw(path)
    problems = validate_proeftuinen(raw, file=str(path))
    if problems:
        raise InputError.from_messages(problems)
    df = raw.copy()
    df["number"] = df["number"].astype(int)
    df["evaluated"] = df["evaluated"] == "yes"
    return df.sort_values("number").reset_index(drop=True)


def load_indicators(folder: str | Path, proeftuinen: pd.DataFrame | None = None) -> pd.DataFrame:
    """Read and validate ``indicators.csv`` against the proeftuinen of the same folder.

    ``proeftuin`` and ``domain`` become ints. Pass ``proeftuinen`` if already loaded.
    """
    if proeftuinen is None:
        proeftuinen = load_proeftuinen(folder)
    path = Path(folder) / INDICATORS_FILE
    raw = _read_raw(path)
    problems = validate_indicators(raw, proeftuinen["number"].tolist(), file=str(path))
    if problems:
        raise InputError.from_messages(problems)
    df = raw.copy()
    df["proeftuin"] = df["proeftuin"].astype(int)
    df["domain"] = df["domain"].astype(int)
    return df


# --------------------------------------------------------------------------- analysis


def domains_per_proeftuin(indicators: pd.DataFrame, key: str = "proeftuin") -> pd.Series:
    """The set of life domains each unit has rows in (index: the ``key`` column).

    ``key`` is ``proeftuin`` for the 2017 indicators; any frame with a ``domain`` column and
    one id column works (e.g. ``case_id`` for the Amersfoort placements).
    """
    sets = indicators.groupby(key)["domain"].agg(lambda s: frozenset(int(d) for d in s))
    sets.name = "domains"
    return sets


def domain_combinations(
    indicators: pd.DataFrame, key: str = "proeftuin", count: str = "proeftuinen"
) -> pd.DataFrame:
    """Number of units per combination of life domains, all seven combinations listed.

    Columns: ``combination`` ("1+2"), ``description`` ("personal + societal"),
    ``n_domains`` and ``count`` (default name ``proeftuinen``; 0 when none).
    """
    counts = domains_per_proeftuin(indicators, key).value_counts()
    return pd.DataFrame(
        {
            "combination": [combination_label(c) for c in COMBINATIONS],
            "description": [combination_description(c) for c in COMBINATIONS],
            "n_domains": [len(c) for c in COMBINATIONS],
            count: [int(counts.get(c, 0)) for c in COMBINATIONS],
        }
    )


def upset_frame(
    indicators: pd.DataFrame, key: str = "proeftuin", count: str = "proeftuinen"
) -> pd.DataFrame:
    """The data of an UpSet chart: one row per domain combination, one column per domain.

    The columns ``personal``, ``societal`` and ``social`` say whether the combination holds
    that domain (the dots of the matrix); ``count`` is the bar. The counts add up to the
    number of units with at least one row.
    """
    table = domain_combinations(indicators, key, count)
    for domain, short in DOMAIN_SHORT.items():
        table[short] = [domain in c for c in COMBINATIONS]
    return table


def combinations_by_size(indicators: pd.DataFrame) -> pd.Series:
    """Proeftuinen with indicators in exactly 1, 2 and 3 life domains (index 1-3)."""
    table = domain_combinations(indicators)
    return table.groupby("n_domains")["proeftuinen"].sum().reindex([1, 2, 3], fill_value=0)


def indicators_per_domain(indicators: pd.DataFrame) -> pd.DataFrame:
    """Per life domain: the number of indicators and of proeftuinen with at least one."""
    grouped = indicators.groupby("domain")
    out = pd.DataFrame(
        {
            "indicators": grouped.size(),
            "proeftuinen": grouped["proeftuin"].nunique(),
        }
    ).reindex(list(LIFE_DOMAINS), fill_value=0)
    out.index.name = "domain"
    out.insert(0, "life_domain", [LIFE_DOMAINS[d] for d in out.index])
    return out.reset_index()


def proeftuinen_per_theme(indicators: pd.DataFrame) -> pd.DataFrame:
    """Per theme (all thirteen, in vocabulary order): proeftuinen and indicators."""
    grouped = indicators.groupby("theme")
    proeftuinen = grouped["proeftuin"].nunique()
    counts = grouped.size()
    rows = [
        {
            "domain": domain,
            "theme": theme,
            "proeftuinen": int(proeftuinen.get(theme, 0)),
            "indicators": int(counts.get(theme, 0)),
        }
        for domain, themes in THEMES.items()
        for theme in themes
    ]
    return pd.DataFrame(rows)


def proeftuinen_without_indicators(
    proeftuinen: pd.DataFrame, indicators: pd.DataFrame
) -> pd.DataFrame:
    """Proeftuinen that have no indicator at all (with their evaluated flag and note)."""
    has = set(indicators["proeftuin"])
    return proeftuinen[~proeftuinen["number"].isin(has)].reset_index(drop=True)


def unexplained_gaps(proeftuinen: pd.DataFrame, indicators: pd.DataFrame) -> list[int]:
    """Numbers of proeftuinen with no indicator AND no note explaining why (should be empty)."""
    missing = proeftuinen_without_indicators(proeftuinen, indicators)
    return [
        int(n)
        for n, note in zip(missing["number"], missing["note"], strict=True)
        if not note.strip()
    ]


# --------------------------------------------------------------------------- published counts

COMPARISON_FILE = "count_comparison.csv"
COMPARISON_COLUMNS = ("figure_id", "coded_measure", "reason")

#: Measures without an argument, and what they count.
SIMPLE_MEASURES: dict[str, str] = {
    "proeftuinen": "proeftuinen listed",
    "evaluated": "proeftuinen evaluated",
    "not_evaluated": "proeftuinen not evaluated",
    "with_indicators": "proeftuinen with at least one indicator",
    "single_domain": "proeftuinen with indicators in exactly one life domain",
    "two_domains": "proeftuinen with indicators in exactly two life domains",
    "three_domains": "proeftuinen with indicators in all three life domains",
}
#: Measures of the form ``name:argument``.
ARGUMENT_MEASURES: dict[str, str] = {
    "combination": "proeftuinen whose set of life domains is exactly 1+2 (etc.)",
    "theme": "proeftuinen with an indicator of any of the themes (a|b)",
    "domain_indicators": "indicators in life domain d",
    "domain_proeftuinen": "proeftuinen with an indicator in life domain d",
    "end_measurement": "proeftuinen coded yes / no / unknown for an end measurement",
}


def parse_measure(measure: str) -> tuple[str, str]:
    """``"theme:own_strength"`` -> ``("theme", "own_strength")``; ValueError if not understood."""
    name, _, argument = measure.partition(":")
    if name in SIMPLE_MEASURES and not argument:
        return name, ""
    if name not in ARGUMENT_MEASURES or not argument:
        raise ValueError(f"unknown measure {measure!r}; known: {', '.join(measure_names())}")
    valid = {
        "combination": argument in {combination_label(c) for c in COMBINATIONS},
        "theme": all(t in THEME_DOMAIN for t in argument.split("|")),
        "domain_indicators": argument in {str(d) for d in LIFE_DOMAINS},
        "domain_proeftuinen": argument in {str(d) for d in LIFE_DOMAINS},
        "end_measurement": argument in END_MEASUREMENT,
    }[name]
    if not valid:
        raise ValueError(f"measure {measure!r}: {argument!r} is not a valid argument of {name}")
    return name, argument


def measure_names() -> list[str]:
    """Every measure name, with ``:…`` where it takes an argument."""
    return [*SIMPLE_MEASURES, *(f"{name}:…" for name in ARGUMENT_MEASURES)]


def describe_measure(measure: str) -> str:
    """A measure in words, for tables: ``"combination:1+2"`` -> "… personal + societal"."""
    name, argument = parse_measure(measure)
    if name in SIMPLE_MEASURES:
        return SIMPLE_MEASURES[name]
    if name == "combination":
        return "proeftuinen with indicators in exactly: " + combination_description(
            int(d) for d in argument.split("+")
        )
    if name == "theme":
        themes = " or ".join(t.replace("_", " ") for t in argument.split("|"))
        return f"proeftuinen with an indicator of theme {themes}"
    if name == "domain_indicators":
        return f"indicators in {LIFE_DOMAINS[int(argument)]}"
    if name == "domain_proeftuinen":
        return f"proeftuinen with an indicator in {LIFE_DOMAINS[int(argument)]}"
    return f"proeftuinen coded '{argument}' for an end measurement"


def coded_measure(measure: str, proeftuinen: pd.DataFrame, indicators: pd.DataFrame) -> int:
    """The coded count that ``measure`` names (see ``SIMPLE_MEASURES``/``ARGUMENT_MEASURES``)."""
    name, argument = parse_measure(measure)
    sizes = combinations_by_size(indicators)
    if name == "proeftuinen":
        return len(proeftuinen)
    if name == "evaluated":
        return int(proeftuinen["evaluated"].sum())
    if name == "not_evaluated":
        return int((~proeftuinen["evaluated"]).sum())
    if name == "with_indicators":
        return int(indicators["proeftuin"].nunique())
    if name in ("single_domain", "two_domains", "three_domains"):
        return int(sizes[{"single_domain": 1, "two_domains": 2, "three_domains": 3}[name]])
    if name == "combination":
        table = domain_combinations(indicators).set_index("combination")
        return int(table.loc[argument, "proeftuinen"])
    if name == "theme":
        rows = indicators[indicators["theme"].isin(argument.split("|"))]
        return int(rows["proeftuin"].nunique())
    if name == "domain_indicators":
        return int((indicators["domain"] == int(argument)).sum())
    if name == "domain_proeftuinen":
        return int(indicators.loc[indicators["domain"] == int(argument), "proeftuin"].nunique())
    return int((proeftuinen["end_measurement"] == argument).sum())  # end_measurement


def load_count_comparison(folder: str | Path, figure_ids: Iterable[str]) -> pd.DataFrame:
    """Read and validate ``count_comparison.csv``: known figure ids, understood measures."""
    path = Path(folder) / COMPARISON_FILE
    raw = _read_raw(path)
    problems = _check_columns(raw, COMPARISON_COLUMNS, str(path))
    if problems:
        raise InputError.from_messages(problems)
    known = set(figure_ids)
    for idx, row in raw.iterrows():
        where = (str(path), _line(idx))
        if row["figure_id"] not in known:
            problems.append(_message(*where, "figure_id", row["figure_id"], "no such figure"))
        try:
            parse_measure(row["coded_measure"])
        except ValueError as exc:
            problems.append(_message(*where, "coded_measure", row["coded_measure"], str(exc)))
        if not row["reason"].strip():
            problems.append(_message(*where, "reason", "", "reason is empty"))
    duplicated = raw.duplicated(["figure_id", "coded_measure"], keep="first")
    for idx in raw.index[duplicated]:
        problems.append(
            _message(str(path), _line(idx), "figure_id", raw.at[idx, "figure_id"], "repeated row")
        )
    if problems:
        raise InputError.from_messages(problems)
    return raw


def reconciliation(
    figures: pd.DataFrame,
    comparison: pd.DataFrame,
    proeftuinen: pd.DataFrame,
    indicators: pd.DataFrame,
) -> pd.DataFrame:
    """Published against coded, one row per comparison, in the comparison file's order.

    ``figures`` must be evaluated (``computed`` column). ``difference`` is coded minus
    published, so a negative number means the coded data count fewer.
    """
    by_id = figures.set_index("figure_id")
    rows = []
    for _, row in comparison.iterrows():
        figure = by_id.loc[row["figure_id"]]
        published = float(figure["computed"])
        coded = coded_measure(row["coded_measure"], proeftuinen, indicators)
        rows.append(
            {
                "figure_id": row["figure_id"],
                "what": figure["metric"].replace("_", " "),
                "section": figure["section"],
                "kind": figure["kind"],
                "published": published,
                "coded_measure": row["coded_measure"],
                "coded": coded,
                "difference": coded - published,
                "reason": row["reason"],
            }
        )
    return pd.DataFrame(rows)


def end_measurement_table(proeftuinen: pd.DataFrame) -> pd.DataFrame:
    """Proeftuinen by evaluated (yes/no) and coded end measurement (yes/unknown/no)."""
    table = (
        proeftuinen.assign(evaluated=proeftuinen["evaluated"].map({True: "yes", False: "no"}))
        .groupby(["evaluated", "end_measurement"])
        .size()
        .rename("proeftuinen")
        .reset_index()
    )
    rank = {"yes": 0, "unknown": 1, "no": 2}
    keys = table["evaluated"].map(rank) * 3 + table["end_measurement"].map(rank)
    return table.iloc[keys.argsort()].reset_index(drop=True)


def published_by_combination(reconciled: pd.DataFrame) -> dict[str, float]:
    """Published counts per domain combination ("1+2" -> 13) from a reconciliation table.

    Uses the rows whose measure is ``combination:…`` or ``three_domains`` (= "1+2+3").
    """
    out: dict[str, float] = {}
    for measure, value in zip(reconciled["coded_measure"], reconciled["published"], strict=True):
        name, argument = parse_measure(measure)
        if name == "combination":
            out[argument] = value
        elif name == "three_domains":
            out[combination_label(LIFE_DOMAINS)] = value
    return out


def combination_members(indicators: pd.DataFrame, key: str = "proeftuin") -> dict[str, list]:
    """The units in each of the seven combinations ("1+2" -> [5, 6, …]), sorted."""
    sets = domains_per_proeftuin(indicators, key)
    return {combination_label(c): sorted(sets.index[sets == c].tolist()) for c in COMBINATIONS}


def domain_basis_table(indicators: pd.DataFrame) -> pd.DataFrame:
    """Indicators per life domain by how their domain was settled (annex/chapter/judgement)."""
    table = (
        pd.crosstab(indicators["domain"], indicators["domain_basis"])
        .reindex(index=list(LIFE_DOMAINS), columns=list(DOMAIN_BASIS), fill_value=0)
        .astype(int)
    )
    table.columns.name = None
    table.insert(0, "life domain", [f"{d} {DOMAIN_SHORT[d]}" for d in table.index])
    table["all"] = table[list(DOMAIN_BASIS)].sum(axis=1)
    return table.reset_index(drop=True)


def proeftuin_overview(proeftuinen: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """One row per proeftuin with indicators: its life domains and indicators per domain."""
    sets = domains_per_proeftuin(indicators)
    per_domain = (
        pd.crosstab(indicators["proeftuin"], indicators["domain"])
        .reindex(columns=list(LIFE_DOMAINS), fill_value=0)
        .astype(int)
    )
    names = proeftuinen.set_index("number")["name"]
    return pd.DataFrame(
        {
            "proeftuin": sets.index.tolist(),
            "name": [names[n] for n in sets.index],
            "life domains": [combination_description(s) for s in sets],
            **{
                f"indicators {DOMAIN_SHORT[d]}": per_domain.loc[sets.index, d].tolist()
                for d in LIFE_DOMAINS
            },
        }
    )


def reconciliation_display(reconciled: pd.DataFrame) -> pd.DataFrame:
    """The reconciliation as the book shows it: one text column explains measure and reason."""
    return pd.DataFrame(
        {
            "published count": [
                f"{what} (§{section})"
                for what, section in zip(reconciled["what"], reconciled["section"], strict=True)
            ],
            "published": [f"{v:.0f}" for v in reconciled["published"]],
            "coded": [f"{v:.0f}" for v in reconciled["coded"]],
            "difference": [f"{v:+.0f}" if v else "0" for v in reconciled["difference"]],
            "coded as, and why the counts differ": [
                f"Coded as: {describe_measure(m)}. {r}"
                for m, r in zip(reconciled["coded_measure"], reconciled["reason"], strict=True)
            ],
        }
    )
