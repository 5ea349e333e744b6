"""The 2017 balance-model data (kvds-2017): proeftuinen, protective indicators, vocabulary.

Two CSV files in one folder (by default ``data/kvds-2017``):

- ``proeftuinen.csv``: ``number, name, evaluated, organisation, end_measurement, note``
- ``indicators.csv``: ``proeftuin, domain, label_en, theme, domain_basis, note``

The loaders validate every row and raise one :class:`helpers.errors.InputError` that lists
every problem as ``file:line: column 'name' value 'x': message``.
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


def domain_label(domain: int) -> str:
    """``2`` -> ``"2 societal"``: a life domain as tables and charts name it."""
    return f"{domain} {DOMAIN_SHORT[domain]}"


def theme_label(theme: str) -> str:
    """``"own_strength"`` -> ``"own strength"``: a theme in words."""
    return theme.replace("_", " ")


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
