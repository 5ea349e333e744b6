"""What the balance-model page says and shows: key findings, sentences, display tables.

The numbers come from the 2017 frames of `helpers.inputs.balance_data`, the published
counts of `helpers.chapters.balance_counts` and the Amersfoort placements of
`helpers.chapters.life_domains`, formatted by `helpers.page.formatting`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.chapters.balance_model import (
    combination_members,
    combinations_by_size,
    domain_combinations,
    indicators_per_domain,
    proeftuinen_per_theme,
    upset_frame,
)
from helpers.chapters.life_domains import (
    cases_per_domain,
    most_common_combination,
    thinnest_domains,
)
from helpers.chapters.sections import section_text
from helpers.inputs.balance_data import (
    DOMAIN_SHORT,
    INDICATORS_FILE,
    PROEFTUINEN_FILE,
    domain_label,
    theme_label,
)
from helpers.page.figure_text import published_table
from helpers.page.formatting import count
from helpers.page.text import escape
from helpers.paths import shown

#: The published end-measurement figures of the 2017 report, in words.
END_MEASUREMENT_FIGURES = {
    "kvds_proeftuinen_total": "proeftuinen in the programme",
    "kvds_proeftuinen_evaluated": "evaluated by the Verwey-Jonker Instituut",
    "kvds_proeftuinen_not_evaluated": "not evaluated",
    "kvds_end_measurement": "evaluated, with an end measurement",
    "kvds_late_start_no_end": "evaluated, started late, no end measurement",
}


def published_end_measurements(figures: pd.DataFrame) -> pd.DataFrame:
    """The 2017 report's own counts of evaluations and end measurements, in words."""
    return published_table(figures, list(END_MEASUREMENT_FIGURES), END_MEASUREMENT_FIGURES)


def sources(folder: Path, is_2017: bool) -> dict[str, str]:
    """Caption parts naming where the page's data come from (no local paths)."""
    return {
        "indicators": f"computed from {shown(Path(folder) / INDICATORS_FILE)}",
        "proeftuinen": f"computed from {shown(Path(folder) / PROEFTUINEN_FILE)}",
        "annex1": "2017 report, annex 1" if is_2017 else "the programme's list of proeftuinen",
        "annex2": " (2017 report, annex 2)" if is_2017 else "",
        "themes": " (2017 report, annex 2; themes as in chapters 2-4)" if is_2017 else "",
    }


def key_findings(
    proeftuinen: pd.DataFrame,
    indicators: pd.DataFrame,
    reconciled: pd.DataFrame | None,
    placements: pd.DataFrame | None,
) -> list[str]:
    """Three or four sentences: the data, how domains combine, published against coded,
    and (with placements) where the Amersfoort offer is thin."""
    sizes = combinations_by_size(indicators)
    per_domain = indicators_per_domain(indicators).set_index("domain")["proeftuinen"]
    widest = per_domain.index[per_domain == per_domain.max()]
    sentences = [
        f"{count(proeftuinen['evaluated'].sum())} of the {count(len(proeftuinen))} proeftuinen "
        f"were evaluated, and {count(indicators['proeftuin'].nunique())} name "
        f"{count(len(indicators))} protective indicators; most work in "
        f"{' and '.join(DOMAIN_SHORT[d] for d in widest)} life "
        f"({count(per_domain.max())} proeftuinen{' each' if len(widest) > 1 else ''}).",
        f"{count(sizes[1])} proeftuinen work in one life domain, {count(sizes[2])} in two and "
        f"{count(sizes[3])} in all three; the most common combination is "
        f"{most_common_combination(domain_combinations(indicators), 'proeftuinen')}.",
    ]
    if reconciled is not None:
        differ = int((reconciled["difference"] != 0).sum())
        sentences.append(
            f"Of {count(len(reconciled))} counts the report prints, {count(differ)} differ "
            "from the same count over its own annex; the coding was not changed to make "
            "them agree."
        )
    if placements is not None:
        thin = thinnest_domains(placements)
        per_case = cases_per_domain(placements).set_index("domain")["cases"]
        sentences.append(
            f"Placed on the same domains (our reading), the twelve Amersfoort interventions "
            f"are thinnest in {' and '.join(DOMAIN_SHORT[d] for d in thin)} life: "
            f"{count(per_case[thin[0]])} of {count(placements['case_id'].nunique())} address it."
        )
    return sentences


def overview_text(proeftuinen: pd.DataFrame, indicators: pd.DataFrame) -> str:
    """The opening count: proeftuinen, evaluated, indicators."""
    return (
        f"The data list **{count(len(proeftuinen))}** proeftuinen, of which "
        f"**{count(proeftuinen['evaluated'].sum())}** were evaluated. Together they name "
        f"**{count(len(indicators))}** protective indicators, spread over "
        f"**{count(indicators['proeftuin'].nunique())}** proeftuinen."
    )


def domain_table(indicators: pd.DataFrame) -> pd.DataFrame:
    """Per life domain, in words: indicators and proeftuinen."""
    table = indicators_per_domain(indicators)
    return pd.DataFrame(
        {
            "life domain": [domain_label(d) for d in table["domain"]],
            "description": table["life_domain"],
            "indicators": table["indicators"],
            "proeftuinen": table["proeftuinen"],
        }
    )


def theme_table(indicators: pd.DataFrame) -> pd.DataFrame:
    """Per theme, in words, with its life domain: proeftuinen and indicators."""
    table = proeftuinen_per_theme(indicators)
    return table.assign(
        theme=[theme_label(t) for t in table["theme"]],
        **{"life domain": [domain_label(d) for d in table["domain"]]},
    )


def combination_table(indicators: pd.DataFrame, published: dict[str, float] | None):
    """Proeftuinen per combination with their numbers, and the published count if any."""
    upset = upset_frame(indicators)
    members = combination_members(indicators)
    table = upset[["combination", "description", "proeftuinen"]].assign(
        **{"which proeftuinen": [", ".join(map(str, members[c])) for c in upset["combination"]]}
    )
    if published is not None:
        table.insert(
            3,
            "published (§5.4)",
            [count(published[c]) if c in published else "–" for c in table["combination"]],
        )
    return table


def sizes_text(indicators: pd.DataFrame) -> str:
    """Proeftuinen in one, two and three domains, and their sum."""
    sizes = combinations_by_size(indicators)
    return (
        f"Counted by size: **{count(sizes[1])}** proeftuinen work in a single life domain, "
        f"**{count(sizes[2])}** in two and **{count(sizes[3])}** in all three (together "
        f"{count(sizes.sum())}, the number with indicators: "
        f"{count(indicators['proeftuin'].nunique())})."
    )


def comparison_text(reconciled: pd.DataFrame) -> str:
    """How many published counts agree with the coded ones, and the largest gap."""
    differ = reconciled[reconciled["difference"] != 0]
    text = (
        f"Of **{count(len(reconciled))}** comparisons, "
        f"**{count(len(reconciled) - len(differ))}** agree and **{count(len(differ))}** differ."
    )
    if len(differ):
        worst = differ.loc[differ["difference"].abs().idxmax()]
        text += (
            f" The largest gap is *{escape(worst['what'])}* "
            f"({escape(section_text(worst['section']))}): "
            f"published {count(worst['published'])}, coded {count(worst['coded'])}."
        )
    return text


def amersfoort_combinations(
    indicators: pd.DataFrame, placements: pd.DataFrame, cases: pd.DataFrame
) -> pd.DataFrame:
    """Combinations of life domains: 2017 proeftuinen against the Amersfoort interventions."""
    upset = upset_frame(indicators)
    mine = upset_frame(placements, key="case_id", count="interventions")
    members = combination_members(placements, key="case_id")
    return pd.DataFrame(
        {
            "combination": upset["combination"],
            "description": upset["description"],
            "2017 proeftuinen (coded)": upset["proeftuinen"],
            "Amersfoort interventions": mine["interventions"].tolist(),
            "which interventions": [
                ", ".join(cases.loc[cases["case_id"].isin(members[combo]), "name"]) or "–"
                for combo in upset["combination"]
            ],
        }
    )


def placement_reasons(placements: pd.DataFrame, cases: pd.DataFrame) -> pd.DataFrame:
    """Why each intervention is placed in each life domain, with the subsection."""
    table = placements.merge(cases[["case_id", "name"]], on="case_id")
    return pd.DataFrame(
        {
            "case": table["name"],
            "life domain": [domain_label(d) for d in table["domain"]],
            "reason": table["reason"],
            "source": table["source"],
        }
    )
