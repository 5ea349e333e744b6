"""The three life domains of the balance model as a lens on any set of interventions.

Two parts:

- the Amersfoort placements: ``data/amersfoort-2024/life_domains.csv`` (``case_id, domain,
  reason, source``), one row per (case, life domain) it addresses, read and validated by
  :func:`load_placements` and compared with the positive-health coding of the case register;
- the Altair charts of the balance-model chapter: an UpSet chart of domain combinations
  (from :func:`helpers.chapters.balance_model.upset_frame`) and a case × domain matrix.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import altair as alt
import pandas as pd

from helpers.chapters.balance_model import domain_combinations
from helpers.errors import InputError
from helpers.inputs.balance_data import (
    DOMAIN_SHORT,
    LIFE_DOMAINS,
    _check_columns,
    _line,
    _message,
    domain_label,
)
from helpers.inputs.schema import HEALTH_DIMENSION_KEYS, HEALTH_DIMENSION_LABELS_EN
from helpers.page import palette
from helpers.page.formatting import count
from helpers.page.text import escape

PLACEMENT_COLUMNS = ("case_id", "domain", "reason", "source")
#: ``annex 3, 2.2`` or ``annex 3, 2.2; 2.3``: subsections of one case in annex 3.
SOURCE_PATTERN = re.compile(r"^annex 3, (\d+)\.\d+(?:; \1\.\d+)*$")
#: One category colour per life domain, in domain order: what `bar_chart` gives them too.
DOMAIN_COLOURS = palette.categories([domain_label(d) for d in LIFE_DOMAINS])
#: The domains as they read in a sentence.
DOMAIN_PHRASES = {
    1: "personal life",
    2: "work, social security and services (the societal domain)",
    3: "social life",
}


# --------------------------------------------------------------------------- placements


def load_placements(path: str | Path, annex_numbers: dict[str, int]) -> pd.DataFrame:
    """Read and validate the placements; ``annex_numbers`` maps each case id to its annex number.

    Every problem is collected into one :class:`InputError` (``file:line: column …``):
    unknown case, domain not 1-3, empty reason, a source that is not a subsection of that
    case in annex 3, a repeated (case, domain). ``domain`` becomes an int.
    """
    path = Path(path)
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    problems = _check_columns(raw, PLACEMENT_COLUMNS, str(path))
    if problems:
        raise InputError.from_messages(problems)
    seen: dict[tuple[str, str], int] = {}
    for idx, row in raw.iterrows():
        line = _line(idx)

        def bad(column: str, message: str, line: int = line, row: pd.Series = row) -> None:
            problems.append(_message(str(path), line, column, row[column], message))

        case = row["case_id"]
        if case not in annex_numbers:
            bad("case_id", "unknown case id")
        if row["domain"] not in {str(d) for d in LIFE_DOMAINS}:
            bad("domain", "life domain must be 1, 2 or 3")
        if not row["reason"].strip():
            bad("reason", "reason is empty")
        match = SOURCE_PATTERN.match(row["source"])
        if not match:
            bad("source", "must look like 'annex 3, 2.2' or 'annex 3, 2.2; 2.3'")
        elif case in annex_numbers and int(match.group(1)) != annex_numbers[case]:
            bad("source", f"case {case!r} is section {annex_numbers[case]} of annex 3")
        key = (case, row["domain"])
        if key in seen:
            bad("domain", f"this case and domain are already on line {seen[key]}")
        seen[key] = line
    if problems:
        raise InputError.from_messages(problems)
    return raw.assign(domain=raw["domain"].astype(int))


def placement_matrix(placements: pd.DataFrame, cases: pd.DataFrame) -> pd.DataFrame:
    """Every case × every domain (12 × 3 rows), with ``addressed`` and the reason if so.

    ``cases`` needs ``case_id`` and ``name`` and is taken in its own order (annex order).
    """
    by_key = placements.set_index(["case_id", "domain"])
    rows = []
    for _, case in cases.iterrows():
        for domain in DOMAIN_SHORT:
            key = (case["case_id"], domain)
            found = key in by_key.index
            rows.append(
                {
                    "case_id": case["case_id"],
                    "case": case["name"],
                    "domain": domain,
                    "life domain": domain_label(domain),
                    "addressed": found,
                    "reason": by_key.loc[key, "reason"] if found else "",
                    "source": by_key.loc[key, "source"] if found else "",
                }
            )
    return pd.DataFrame(rows)


def cases_per_domain(placements: pd.DataFrame) -> pd.DataFrame:
    """Per life domain (all three, explicit zeros): how many cases address it."""
    counts = placements.groupby("domain")["case_id"].nunique()
    return pd.DataFrame(
        {
            "domain": list(LIFE_DOMAINS),
            "life domain": [domain_label(d) for d in LIFE_DOMAINS],
            "cases": [int(counts.get(d, 0)) for d in LIFE_DOMAINS],
        }
    )


def thinnest_domains(placements: pd.DataFrame) -> list[int]:
    """The life domain(s) that the fewest cases address."""
    counts = cases_per_domain(placements)
    return counts.loc[counts["cases"] == counts["cases"].min(), "domain"].tolist()


def split_dimensions(cell: str) -> list[str]:
    """``"a;b"`` -> ``["a", "b"]`` (the case register's multi-valued dimension cell)."""
    return [part.strip() for part in cell.split(";") if part.strip()]


def domains_and_dimensions(placements: pd.DataFrame, cases: pd.DataFrame) -> pd.DataFrame:
    """One row per case: the life domains it addresses and its positive-health dimensions."""
    domains = placements.groupby("case_id")["domain"].agg(lambda s: sorted(int(d) for d in s))
    rows = []
    for _, case in cases.iterrows():
        mine = domains.get(case["case_id"], [])
        dims = split_dimensions(case["health_dimensions"])
        rows.append(
            {
                "case_id": case["case_id"],
                "case": case["name"],
                "life domains": " + ".join(DOMAIN_SHORT[d] for d in mine) or "none",
                "positive-health dimensions": (
                    "; ".join(HEALTH_DIMENSION_LABELS_EN[d] for d in dims) or "none coded (§4.3)"
                ),
                "n_domains": len(mine),
                "n_dimensions": len(dims),
                "societal": 2 in mine,
                "participation": "participation" in dims,
            }
        )
    return pd.DataFrame(rows)


def domain_dimension_crosstab(placements: pd.DataFrame, cases: pd.DataFrame) -> pd.DataFrame:
    """Cases coded with both a life domain (rows) and a positive-health dimension (columns)."""
    dims = {
        c: set(split_dimensions(d))
        for c, d in zip(cases["case_id"], cases["health_dimensions"], strict=True)
    }
    rows = []
    for domain in DOMAIN_SHORT:
        ids = set(placements.loc[placements["domain"] == domain, "case_id"])
        row = {"life domain": domain_label(domain), "cases": len(ids)}
        for key in HEALTH_DIMENSION_KEYS:
            row[HEALTH_DIMENSION_LABELS_EN[key]] = sum(key in dims.get(c, set()) for c in ids)
        rows.append(row)
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- charts


def upset_chart(
    frame: pd.DataFrame,
    count: str,
    source: str,
    published: dict[str, float] | None = None,
    published_label: str = "published",
) -> alt.VConcatChart:
    """An UpSet chart: bars of ``count`` per combination above a matrix of domain dots.

    ``frame`` is :func:`helpers.chapters.balance_model.upset_frame`. ``published`` (combination ->
    value) adds a tick (as-published colour) per combination for a published count to compare with.
    """
    order = frame["combination"].tolist()
    highest = max([*frame[count], *(published or {}).values(), 1])
    y_scale = alt.Scale(domain=[0, highest * 1.15], nice=False)
    bars_data = frame[["combination", "description", count]].assign(source=source)
    x = alt.X("combination:N", sort=order, title=None, axis=alt.Axis(labels=False, ticks=False))
    bars = (
        alt.Chart(bars_data)
        .mark_bar(color=palette.origin_colour(source))
        .encode(
            x=x,
            y=alt.Y(f"{count}:Q", title=count, scale=y_scale),
            tooltip=["description:N", f"{count}:Q", "source:N"],
        )
    )
    text = bars.mark_text(dy=-6, fontSize=11).encode(text=f"{count}:Q")
    top = bars + text
    if published:
        marks = pd.DataFrame(
            {
                "combination": list(published),
                "published": list(published.values()),
                "source": source,
            }
        )
        ticks = (
            alt.Chart(marks)
            .mark_tick(color=palette.AS_PUBLISHED, thickness=3, size=34, opacity=1)
            .encode(
                x=alt.X("combination:N", sort=order),
                y=alt.Y("published:Q", scale=y_scale, title=count),
                tooltip=[
                    "combination:N",
                    alt.Tooltip("published:Q", title=published_label),
                    "source:N",
                ],
            )
        )
        top = top + ticks
    dots = frame.melt(
        id_vars=["combination", "description"],
        value_vars=list(DOMAIN_SHORT.values()),
        var_name="life domain",
        value_name="member",
    ).assign(source=source)
    domain_order = list(DOMAIN_SHORT.values())
    base = alt.Chart(dots).encode(
        x=alt.X("combination:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("life domain:N", sort=domain_order, title=None),
    )
    grey = base.mark_circle(size=120, color=palette.MUTED)
    filled = (
        base.transform_filter(alt.datum.member)
        .mark_circle(size=160, color=palette.INK, opacity=1)
        .encode(tooltip=["description:N", "source:N"])
    )
    lines = (
        alt.Chart(dots)
        .transform_filter(alt.datum.member)
        .mark_line(color=palette.INK)
        .encode(
            x=alt.X("combination:N", sort=order),
            y=alt.Y("life domain:N", sort=domain_order),
            detail="combination:N",
        )
    )
    matrix = (grey + lines + filled).properties(width=420, height=90)
    return alt.vconcat(top.properties(width=420, height=200), matrix, spacing=4)


def matrix_chart(matrix: pd.DataFrame, source: str) -> alt.LayerChart:
    """Cases (rows, in frame order) × life domains (columns): a dot where addressed."""
    data = matrix.assign(source=source)
    cases = list(dict.fromkeys(data["case"]))
    domains = list(dict.fromkeys(data["life domain"]))
    base = alt.Chart(data).encode(
        x=alt.X(
            "life domain:N", sort=domains, title=None, axis=alt.Axis(orient="top", labelAngle=0)
        ),
        y=alt.Y("case:N", sort=cases, title=None),
    )
    empty = base.mark_square(size=380, color=palette.EMPTY)
    shown = (
        base.transform_filter(alt.datum.addressed)
        .mark_circle(size=260, opacity=1)
        .encode(
            color=alt.Color(
                "life domain:N",
                scale=alt.Scale(**DOMAIN_COLOURS),
                legend=None,
            ),
            tooltip=["case:N", "life domain:N", "reason:N", "source:N"],
        )
    )
    return (empty + shown).properties(width=260, height=alt.Step(26))


def annex_numbers(cases: pd.DataFrame) -> dict[str, int]:
    """Case id -> annex-3 section number, from the case register."""
    return {c: int(n) for c, n in zip(cases["case_id"], cases["annex_number"], strict=True)}


# --------------------------------------------------------------------------- findings


def _names(cases: pd.DataFrame, ids: Iterable[str]) -> str:
    """Case names (annex order) of the given ids, escaped for Markdown."""
    wanted = set(ids)
    chosen = [
        escape(name) for c, name in zip(cases["case_id"], cases["name"], strict=True) if c in wanted
    ]
    return ", ".join(chosen) or "none"


def most_common_combination(combinations: pd.DataFrame, column: str) -> str:
    """The most frequent combination(s) of a `domain_combinations` table in italics; ties
    are all named."""
    top = combinations.loc[combinations[column] == combinations[column].max(), "description"]
    names = [f"*{d}*" for d in top]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def findings(placements: pd.DataFrame, cases: pd.DataFrame, upset_2017: pd.DataFrame) -> list[str]:
    """Two Markdown paragraphs computed from the placements: where the offer is thin, and
    what the balance-model view adds to the positive-health coding of §4.3.

    ``upset_2017`` is the 2017 :func:`helpers.chapters.balance_model.upset_frame` (for the most
    common combination there).
    """
    view = domains_and_dimensions(placements, cases)
    counts = cases_per_domain(placements).set_index("domain")["cases"]
    thin = thinnest_domains(placements)
    in_thin = placements.loc[placements["domain"].isin(thin), "case_id"]
    others = ", ".join(
        f"{count(counts[d])} for {DOMAIN_SHORT[d]}" for d in counts.index if d not in thin
    )
    single = view.loc[view["n_domains"] == 1, "case_id"]
    all_three = view.loc[view["n_domains"] == 3, "case_id"]
    top = most_common_combination(domain_combinations(placements, key="case_id", count="n"), "n")
    top_2017 = most_common_combination(upset_2017, "proeftuinen")
    thin_text = (
        f"**Where the offer is thin.** The domain that the fewest interventions address is "
        f"**{' and '.join(DOMAIN_PHRASES[d] for d in thin)}**: {count(counts[thin[0]])} of "
        f"{count(len(cases))} ({_names(cases, in_thin)}), against {others}. "
        f"{count(len(single))} stay within one domain ({_names(cases, single)}) and "
        f"{count(len(all_three))} cover all three ({_names(cases, all_three)}). The most common "
        f"combination is {top}; among the 2017 proeftuinen it was {top_2017}."
    )
    societal = view[view["societal"]]
    unseen = societal.loc[~societal["participation"], "case_id"]
    no_dims = view.loc[view["n_dimensions"] == 0, "case_id"]
    lens_text = (
        "**What the balance model adds.** Positive health has no dimension for school, work, "
        "income or the use of services; the balance model gives them a domain of their own. "
        f"Of the {count(len(societal))} interventions placed in that domain, "
        f"{count(len(unseen))} are not "
        "coded on *participation*, the closest positive-health dimension, in the study's §4.3 "
        f"({_names(cases, unseen)}), so the positive-health view does not show this side of "
        "them. "
    )
    if len(no_dims):
        lens_text += (
            f"Without any positive-health dimension in §4.3 but with life domains here: "
            f"{_names(cases, no_dims)}. "
        )
    lens_text += (
        "The reverse also holds: positive health tells bodily functions, mental well-being and "
        "meaningfulness apart, while the balance model sees them mostly as parts of personal "
        "life."
    )
    return [thin_text, lens_text]
