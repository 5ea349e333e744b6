"""The balance-model chapter: counts over the 2017 proeftuinen and their indicators.

Pure functions over the frames of `helpers.inputs.balance_data`; each returns a small
table for the book.
"""

from __future__ import annotations

import pandas as pd

from helpers.inputs.balance_data import (
    COMBINATIONS,
    DOMAIN_BASIS,
    DOMAIN_SHORT,
    LIFE_DOMAINS,
    THEMES,
    combination_description,
    combination_label,
    domain_label,
)

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
    table.insert(0, "life domain", [domain_label(d) for d in table.index])
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
