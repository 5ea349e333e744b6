"""Published 2017 counts against the same counts over the coded data.

``count_comparison.csv`` (``figure_id, coded_measure, reason``) names, per published
count, the coded measure it compares with (see `SIMPLE_MEASURES`, `ARGUMENT_MEASURES`)
and the reason for any gap.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from helpers.chapters.balance_model import combinations_by_size, domain_combinations
from helpers.chapters.sections import section_text
from helpers.errors import InputError
from helpers.inputs.balance_data import (
    COMBINATIONS,
    END_MEASUREMENT,
    LIFE_DOMAINS,
    THEME_DOMAIN,
    _check_columns,
    _line,
    _message,
    _read_raw,
    combination_description,
    combination_label,
    theme_label,
)
from helpers.inputs.figures import evaluate, load_figures
from helpers.page.formatting import count

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
        themes = " or ".join(theme_label(t) for t in argument.split("|"))
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


def published_vs_coded(
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


def published_counts(
    folder: Path, proeftuinen: pd.DataFrame, indicators: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """The folder's published figures and their comparison with the coded counts.

    None when the folder has no ``count_comparison.csv`` (nothing to compare with). The
    figures are those of the folder's own figure files (``source_file`` under the folder).
    """
    folder = Path(folder)
    if not (folder / COMPARISON_FILE).exists():
        return None
    everything = evaluate(load_figures(folder.parent))
    figures = everything[everything["source_file"].str.startswith(folder.name + "/")]
    comparison = load_count_comparison(folder, figures["figure_id"])
    return figures, published_vs_coded(figures, comparison, proeftuinen, indicators)


def comparison_display(reconciled: pd.DataFrame) -> pd.DataFrame:
    """The comparison as the book shows it: one text column explains measure and reason."""
    return pd.DataFrame(
        {
            "published count": [
                f"{what} ({section_text(section)})"
                for what, section in zip(reconciled["what"], reconciled["section"], strict=True)
            ],
            "published": [count(v) for v in reconciled["published"]],
            "coded": [count(v) for v in reconciled["coded"]],
            "difference": [f"+{count(v)}" if v > 0 else count(v) for v in reconciled["difference"]],
            "coded as, and why the counts differ": [
                f"Coded as: {describe_measure(m)}. {r}"
                for m, r in zip(reconciled["coded_measure"], reconciled["reason"], strict=True)
            ],
        }
    )


def gap_frame(reconciled: pd.DataFrame) -> pd.DataFrame:
    """The comparisons that differ, labelled in words, for a bar chart of the differences.

    A published count compared with two codings gets one bar per coding ("…, coding 2"),
    so that bars are never stacked; the section is named only where two comparisons share
    their words.
    """
    differ = reconciled[reconciled["difference"] != 0]
    what = pd.Series(differ["what"].to_list())
    sections = pd.Series([section_text(x) for x in differ["section"]])
    # the section only where two comparisons share their words: short labels fit a phone
    shared = what.map(what.value_counts()) > 1
    labels = what.where(~shared, what + " (" + sections + ")")
    repeat = labels.groupby(labels).cumcount() + 1
    several = labels.map(labels.value_counts()) > 1
    labels = labels.where(~several, labels + ", coding " + repeat.astype(str))
    return pd.DataFrame(
        {"comparison": labels.to_list(), "coded minus published": differ["difference"].to_list()}
    )
