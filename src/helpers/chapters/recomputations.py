"""Recomputations of published figures: from other figures of the report and from data.

Two sources, both explicit data:

* ``data/reconciliation_links.csv`` (``published_id, recomputed_id, relation, note``):
  a derived figure that re-derives a published one (``relation = same``), another
  published figure that restates the same quantity (``restates``, compared both ways),
  or a derived value that must stay at or below the published one (``at_most``);
* counts over the row-level data: the inventory workbook, the case register, the
  schema, the §3.3 list of objectives, and the 2017 balance-model coding (through
  ``data/kvds-2017/count_comparison.csv`` when it exists).

Derived figures are evaluated as intervals: a published range used in a formula (e.g.
20-25 groups) contributes both ends, so a recomputation can itself be a range.
"""

from __future__ import annotations

import ast
import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.chapters.balance_counts import coded_measure, load_count_comparison
from helpers.inputs.balance_data import load_indicators, load_proeftuinen
from helpers.inputs.figures import parse_formula
from helpers.inputs.schema import HEALTH_DIMENSION_KEYS, SURVEY_FIELDS
from helpers.inputs.scope import in_scope
from helpers.inputs.workbook import read_inventory

RELATIONS = ("same", "restates", "at_most")
LINK_COLUMNS = ["published_id", "recomputed_id", "relation", "note"]
LINKS_FILE = "reconciliation_links.csv"
COUNT_COMPARISON = Path("kvds-2017") / "count_comparison.csv"


# --- derived figures as intervals --------------------------------------------------------


def _interval_op(op: ast.operator, a: tuple[float, float], b: tuple[float, float]):
    if isinstance(op, ast.Add):
        return a[0] + b[0], a[1] + b[1]
    if isinstance(op, ast.Sub):
        return a[0] - b[1], a[1] - b[0]
    if isinstance(op, ast.Mult):
        products = [a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1]]
        return min(products), max(products)
    if b[0] <= 0 <= b[1]:
        raise ZeroDivisionError("division by an interval that contains zero")
    quotients = [a[0] / b[0], a[0] / b[1], a[1] / b[0], a[1] / b[1]]
    return min(quotients), max(quotients)


class Intervals:
    """Evaluate figures as intervals: a range contributes both ends, other figures a point.

    ``approximate(id)`` says whether a figure rests on an 'about', '<' or '>' figure.
    """

    def __init__(self, figures: pd.DataFrame):
        self.rows = figures.set_index("figure_id", drop=False)
        self._cache: dict[str, tuple[float, float]] = {}
        self._approx: dict[str, bool] = {}

    def __call__(self, figure_id: str) -> tuple[float, float]:
        if figure_id not in self._cache:
            row = self.rows.loc[figure_id]
            if row["kind"] == "derived":
                self._cache[figure_id] = self._calc(parse_formula(row["formula"]).body)
            elif row["qualifier"] == "range" and pd.notna(row["value_high"]):
                self._cache[figure_id] = (float(row["value"]), float(row["value_high"]))
            else:
                self._cache[figure_id] = (float(row["value"]), float(row["value"]))
        return self._cache[figure_id]

    def _calc(self, node: ast.AST) -> tuple[float, float]:
        if isinstance(node, ast.Constant):
            return float(node.value), float(node.value)
        if isinstance(node, ast.Name):
            return self(node.id)
        if isinstance(node, ast.UnaryOp):
            lo, hi = self._calc(node.operand)
            return (-hi, -lo) if isinstance(node.op, ast.USub) else (lo, hi)
        return _interval_op(node.op, self._calc(node.left), self._calc(node.right))

    def approximate(self, figure_id: str) -> bool:
        if figure_id not in self._approx:
            row = self.rows.loc[figure_id]
            result = row["qualifier"] in ("~", "<", ">")
            if row["kind"] == "derived":
                names = [
                    n.id for n in ast.walk(parse_formula(row["formula"])) if isinstance(n, ast.Name)
                ]
                result = result or any(self.approximate(n) for n in names)
            self._approx[figure_id] = result
        return self._approx[figure_id]


# --- recomputations ----------------------------------------------------------------------


@dataclass(frozen=True)
class Recomputation:
    """One way of recomputing a published figure."""

    figure_id: str
    low: float
    high: float
    via: str  # what was recomputed, in words
    source: str  # where it comes from: a figure id, a data file
    origin: str  # "report" (other figures of the report) or "data" (row-level data)
    relation: str = "same"
    approximate: bool = False
    note: str = ""


def read_links(data_dir: Path) -> pd.DataFrame:
    """The published <-> recomputed pairs of ``data/reconciliation_links.csv``."""
    path = Path(data_dir) / LINKS_FILE
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    frame = pd.DataFrame(rows, columns=LINK_COLUMNS).fillna("")
    return frame


def link_problems(links: pd.DataFrame, figures: pd.DataFrame) -> list[str]:
    """Every problem of the links table: unknown ids, wrong kinds, unknown relations."""
    kinds = dict(zip(figures["figure_id"], figures["kind"], strict=True))
    problems = []
    if list(links.columns) != LINK_COLUMNS:
        problems.append(f"{LINKS_FILE}: columns {list(links.columns)} are not {LINK_COLUMNS}")
        return problems
    for number, row in enumerate(links.itertuples(index=False), start=2):
        where = f"{LINKS_FILE}:{number}"
        for column in ("published_id", "recomputed_id"):
            if getattr(row, column) not in kinds:
                problems.append(f"{where}: {column} {getattr(row, column)!r} is not a figure id")
        if row.relation not in RELATIONS:
            problems.append(f"{where}: relation {row.relation!r} is not one of {RELATIONS}")
        if row.published_id in kinds and kinds[row.published_id] != "published":
            problems.append(
                f"{where}: published_id {row.published_id} is {kinds[row.published_id]}"
            )
        if row.recomputed_id in kinds:
            wanted = "published" if row.relation == "restates" else "derived"
            if kinds[row.recomputed_id] != wanted:
                problems.append(
                    f"{where}: recomputed_id {row.recomputed_id} is {kinds[row.recomputed_id]}, "
                    f"relation {row.relation} needs a {wanted} figure"
                )
        if row.published_id == row.recomputed_id:
            problems.append(f"{where}: a figure cannot reconcile with itself")
        if not row.note.strip():
            problems.append(f"{where}: note is empty")
    pairs = list(zip(links["published_id"], links["recomputed_id"], strict=True))
    problems += [
        f"{LINKS_FILE}: duplicate pair {p}" for p in sorted(set(pairs)) if pairs.count(p) > 1
    ]
    return problems


def link_recomputations(figures: pd.DataFrame, links: pd.DataFrame) -> list[Recomputation]:
    """Recomputations from the links table (a restatement checks both figures)."""
    intervals = Intervals(figures)
    rows = figures.set_index("figure_id", drop=False)
    result = []
    for link in links.itertuples(index=False):
        pairs = [(link.published_id, link.recomputed_id)]
        if link.relation == "restates":
            pairs.append((link.recomputed_id, link.published_id))
        for target, other in pairs:
            row = rows.loc[other]
            low, high = intervals(other)
            if row["kind"] == "derived":
                via = f"derived {other}"
            else:
                via = f"restated as {other} (§{row['section']})"
            result.append(
                Recomputation(
                    target,
                    low,
                    high,
                    via,
                    other,
                    "report",
                    "same" if link.relation == "restates" else link.relation,
                    row["kind"] == "derived" and intervals.approximate(other),
                    link.note,
                )
            )
    return result


# --- counts from row-level data ------------------------------------------------------------


def _count(figure_ids, value, via, source, note=""):
    return [
        Recomputation(f, float(value), float(value), via, source, "data", note=note)
        for f in figure_ids
    ]


def amersfoort_counts(data_dir: Path) -> list[Recomputation]:
    """Counts over the 2024 data: workbook rows, case register, schema, §3.3 list."""
    data_dir = Path(data_dir)
    workbook = data_dir / "amersfoort-2024" / "inventory.xlsx"
    frame = read_inventory(workbook).frame
    scoped = in_scope(frame)
    cases_in_workbook = int(scoped["case_study"].notna().sum())
    wb = "data/amersfoort-2024/inventory.xlsx"
    register = pd.read_csv(
        data_dir / "amersfoort-2024" / "case_studies.csv", dtype=str, keep_default_na=False
    )
    reg = "data/amersfoort-2024/case_studies.csv"
    items = pd.read_csv(
        data_dir / "amersfoort-2024" / "health_dimension_items.csv",
        dtype=str,
        keep_default_na=False,
    )
    objectives = items[items["list"] == "objective"].groupby("dimension").size()
    per_dim = {key: int(objectives.get(key, 0)) for key in HEALTH_DIMENSION_KEYS}
    less = max(per_dim["meaningfulness"], per_dim["mental_wellbeing"])
    more = sum(
        1
        for key, n in per_dim.items()
        if key not in ("meaningfulness", "mental_wellbeing") and n > less
    )
    groups = {g.split(":")[0] for g in register["dimension_group"] if g.startswith("group")}
    in_databank = int((register["databank"].str.strip() != "").sum())
    return [
        *_count(
            ["inv_in_scope", "ch3_in_scope_conclusion", "ch6_in_scope"],
            len(scoped),
            "workbook rows coded in scope",
            wb,
        ),
        *_count(["inv_case_studies"], cases_in_workbook, "workbook rows coded as a case study", wb),
        *_count(["inv_case_studies"], len(register), "rows of the case register", reg),
        *_count(
            ["ch6_other_interventions"],
            len(scoped) - cases_in_workbook,
            "workbook rows in scope that are not a case study",
            wb,
        ),
        *_count(
            ["ch4_in_databank", "ch4_in_databank_named"],
            in_databank,
            "case-register rows with a databank entry",
            reg,
            "the register follows annex 3, which also records an NJI label for Vreedzame School",
        ),
        *_count(
            ["ch4_dimension_groups"], len(groups), "distinct §4.3 groups in the case register", reg
        ),
        *_count(
            ["ann1_survey_questions"],
            len(SURVEY_FIELDS),
            "survey questions in the inventory schema",
            "src/helpers/inputs/schema.py",
        ),
        *_count(
            ["ch2_health_dimensions"],
            len(HEALTH_DIMENSION_KEYS),
            "positive-health dimensions in the schema",
            "src/helpers/inputs/schema.py",
        ),
        *_count(
            ["ch3_dimensions_pursued_more"],
            more,
            "dimensions with more §3.3 objectives listed than meaningfulness and mental well-being",
            "data/amersfoort-2024/health_dimension_items.csv",
        ),
    ]


def balance_model_counts(
    data_dir: Path, figure_ids: Iterable[str]
) -> tuple[list[Recomputation], str]:
    """Counts over the coded 2017 data, as mapped by ``data/kvds-2017/count_comparison.csv``.

    That file (kept with the balance-model chapter) names, per published 2017 figure, the
    coded count it compares with and the reason for any gap. Without it, no 2017 count is
    recomputed and the second element of the result is empty.
    """
    data_dir = Path(data_dir)
    folder = data_dir / "kvds-2017"
    proeftuinen = load_proeftuinen(folder)
    indicators = load_indicators(folder, proeftuinen)
    if not (data_dir / COUNT_COMPARISON).is_file():
        return [], ""
    table = load_count_comparison(folder, figure_ids)
    result = []
    for figure_id, measure, reason in zip(
        table["figure_id"], table["coded_measure"], table["reason"], strict=True
    ):
        value = coded_measure(measure.strip(), proeftuinen, indicators)
        result += _count(
            [figure_id],
            value,
            f"coded count '{measure.strip()}'",
            "data/kvds-2017/indicators.csv and proeftuinen.csv",
            reason,
        )
    used = f"data/{COUNT_COMPARISON.as_posix()}"
    return result, used
