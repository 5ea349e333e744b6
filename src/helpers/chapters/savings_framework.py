"""The who / in what form / when framework of section 5.2, coded per case as data.

`read_framework` reads and checks ``benefit_framework.csv``; the other functions turn it
into the tables and the heatmap the savings pages show, with English labels only.
"""

from __future__ import annotations

from pathlib import Path

import altair as alt
import pandas as pd

from helpers.errors import InputError, Problem
from helpers.inputs.amersfoort import case_studies
from helpers.inputs.schema import CASE_STUDY_IDS
from helpers.page import palette
from helpers.paths import AMERSFOORT

FRAMEWORK_FILE = AMERSFOORT / "benefit_framework.csv"
FRAMEWORK_SOURCE = "data/amersfoort-2024/benefit_framework.csv, coded from the 2024 report"

# Each vocabulary: key -> (short label shown on the page, longer meaning).
BENEFICIARIES = {
    "participants": ("participants", "the participants themselves (children, parents, adults)"),
    "relatives": ("relatives", "relatives and informal carers (naasten, mantelzorgers)"),
    "gp": ("GPs", "general practitioners (huisartsen)"),
    "mental_health_care": ("mental-health care", "mental-health care (GGZ)"),
    "youth_care": ("youth care", "youth care (jeugdzorg) and heavier family support"),
    "health_care": ("health care", "health care and its insurers in general"),
    "long_term_care": ("long-term care", "long-term care facilities (the report's 'AWBZ')"),
    "schools": ("schools", "schools"),
    "housing": ("housing corporations", "housing corporations (woningcorporaties)"),
    "neighbourhood": ("the neighbourhood", "the wijk: neighbours and the social climate"),
    "employers": ("employers", "employers (sickness absence)"),
    "social_security": ("social security", "national social security (disability benefits)"),
    "municipality": ("the gemeente", "the gemeente: wijkteams, municipal benefits"),
    "society": ("society", "society at large (e.g. equal opportunities)"),
    "professionals": ("professionals", "the professionals and volunteers who deliver it"),
}
FORMS = {
    "avoided_care_use": ("less care use", "less use of care or individual support"),
    "avoided_benefits": ("fewer benefits paid", "fewer benefit payments"),
    "school_results": ("school results", "better school results, diplomas, less drop-out"),
    "work_and_income": ("work and income", "work, income, financial grip; less sick leave"),
    "physical_health": ("physical health", "physical health and fitness"),
    "wellbeing": ("wellbeing", "mental wellbeing, less stress or loneliness"),
    "skills_and_confidence": ("skills and confidence", "skills, competences, self-confidence"),
    "social_climate": ("social climate", "a safer or warmer social climate, networks"),
}
TERMS = {
    "short": ("short term", "within about a year (5.2: e.g. fitness)"),
    "long": ("long term", "years to a lifetime (5.2: e.g. children, parenting problems)"),
    "not_stated": ("not stated", "the report gives no basis for the timing"),
}
EVIDENCE = {
    "report": ("the report", "what the report says about this intervention or its Amersfoort use"),
    "other_version": (
        "studies of another version",
        "studies of the official training, which annex 3 (3.6) says do not apply to the "
        "Amersfoort version",
    ),
}
VOCABULARIES = {
    "beneficiary": BENEFICIARIES,
    "form": FORMS,
    "term": TERMS,
    "evidence": EVIDENCE,
}
FRAMEWORK_COLUMNS = ["case_id", "beneficiary", "form", "term", "reason", "source", "evidence"]
#: When the benefit comes: a category colour each; "not stated" muted.
TERM_COLOURS = palette.categories(["short term", "long term", "short and long term", "not stated"])


def label(vocabulary: str, key: str) -> str:
    """The English label of a vocabulary key ('work_and_income' -> 'work and income')."""
    return VOCABULARIES[vocabulary][key][0]


def read_framework(path: Path = FRAMEWORK_FILE) -> pd.DataFrame:
    """The framework rows, checked against the vocabularies.

    Raises `InputError` with every problem located by line and column.
    """
    name = path.name
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(table.columns) != FRAMEWORK_COLUMNS:
        raise InputError(
            [
                Problem(
                    name,
                    row=1,
                    value=list(table.columns),
                    message=f"columns must be {FRAMEWORK_COLUMNS}",
                )
            ]
        )
    allowed = {"case_id": CASE_STUDY_IDS, **VOCABULARIES}
    problems = []
    for row, record in zip(range(2, len(table) + 2), table.to_dict("records"), strict=True):
        for column, keys in allowed.items():
            if record[column] not in keys:
                problems.append(
                    Problem(name, row=row, column=column, value=record[column], message="unknown")
                )
        for column in ("reason", "source"):
            if not record[column].strip():
                problems.append(Problem(name, row=row, column=column, message="required"))
    duplicated = table.duplicated(["case_id", "beneficiary", "form", "term"])
    problems += [
        Problem(name, row=int(i) + 2, message="duplicate row") for i in table.index[duplicated]
    ]
    if problems:
        raise InputError(problems)
    return table


def _term_label(terms: pd.Series) -> str:
    """One label for the terms of a cell: 'short term', 'short and long term', 'not stated'."""
    parts = set(terms) - {"not_stated"}
    if not parts:
        return label("term", "not_stated")
    if parts == {"short", "long"}:
        return "short and long term"
    return label("term", parts.pop())


def framework_matrix(framework: pd.DataFrame) -> pd.DataFrame:
    """One row per case x beneficiary: forms, when, reasons, sections and evidence, in words."""
    names = case_studies().set_index("case_id")["name"]
    order = {case: i for i, case in enumerate(CASE_STUDY_IDS)}
    rows = []
    groups = framework.assign(order=framework["case_id"].map(order)).groupby(
        ["order", "case_id", "beneficiary"], sort=True
    )
    for (_, case_id, beneficiary), group in groups:
        other = (group["evidence"] == "other_version").all()
        rows.append(
            {
                "intervention": names[case_id],
                "who": label("beneficiary", beneficiary),
                "forms": "; ".join(dict.fromkeys(label("form", f) for f in group["form"])),
                "when": _term_label(group["term"]),
                "reasons": " ".join(group["reason"]),
                "sections": "; ".join(dict.fromkeys(group["source"])),
                "rests on": label("evidence", "other_version" if other else "report"),
            }
        )
    return pd.DataFrame(rows)


def framework_rows(framework: pd.DataFrame) -> pd.DataFrame:
    """The framework row by row, in words, with its reason and section."""
    names = case_studies().set_index("case_id")["name"]
    return pd.DataFrame(
        {
            "intervention": framework["case_id"].map(names),
            "who": framework["beneficiary"].map(lambda k: label("beneficiary", k)),
            "form": framework["form"].map(lambda k: label("form", k)),
            "when": framework["term"].map(lambda k: label("term", k)),
            "reason (section)": framework["reason"] + " (" + framework["source"] + ")",
            "rests on": framework["evidence"].map(lambda k: label("evidence", k)),
        }
    )


def vocabulary_table() -> pd.DataFrame:
    """The framework's fixed vocabulary: label and meaning of every word, with its file key."""
    return pd.DataFrame(
        [
            {"field": field, "label": short, "meaning": meaning, "key in the data file": key}
            for field, words in VOCABULARIES.items()
            for key, (short, meaning) in words.items()
        ]
    )


def framework_heatmap(framework: pd.DataFrame) -> alt.Chart:
    """Cases x beneficiaries, coloured by when the benefit comes; faded where the row rests
    only on studies of another version of the intervention. Tooltip: forms and reason."""
    matrix = framework_matrix(framework).assign(source=FRAMEWORK_SOURCE)
    used = set(matrix["who"])
    who_order = [short for short, _ in BENEFICIARIES.values() if short in used]
    faded = label("evidence", "other_version")
    return (
        alt.Chart(matrix)
        .mark_rect(stroke=palette.PAPER, strokeWidth=2)
        .encode(
            x=alt.X(
                "who:N", sort=who_order, title="who may benefit", axis=alt.Axis(labelAngle=-40)
            ),
            y=alt.Y("intervention:N", sort=list(case_studies()["name"]), title=None),
            color=alt.Color(
                "when:N",
                title="when",
                legend=alt.Legend(orient="right"),
                scale=alt.Scale(**TERM_COLOURS),
            ),
            opacity=alt.Opacity(
                "rests on:N",
                title="rests on",
                legend=alt.Legend(orient="right"),
                scale=alt.Scale(domain=[label("evidence", "report"), faded], range=[1.0, 0.35]),
            ),
            tooltip=[
                "intervention:N",
                "who:N",
                "forms:N",
                "when:N",
                "reasons:N",
                alt.Tooltip("sections:N", title="section"),
                "rests on:N",
                "source:N",
            ],
        )
        .properties(width=430, height=330)
    )
