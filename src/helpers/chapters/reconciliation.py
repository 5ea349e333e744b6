"""Every published figure of the two reports, recomputed where the data allow it.

A published figure gets one of three statuses:

``matches``
    every recomputation of it agrees with the number as published, within the precision
    the report states (see `compare` for the rules per qualifier);
``differs``
    at least one recomputation disagrees; the gap is reported, absolute and relative;
``not reproducible``
    nothing in ``data/`` recomputes it; the reason says what data would be needed.

Recomputations come from three places, all explicit data:

* ``data/reconciliation_links.csv`` (``published_id, recomputed_id, relation, note``):
  a derived figure that re-derives a published one (``relation = same``), another
  published figure that restates the same quantity (``restates``, compared both ways),
  or a derived value that must stay at or below the published one (``at_most``);
* counts over the row-level data: the inventory workbook, the case register, the
  schema, the §3.3 list of objectives, and the 2017 balance-model coding (through
  ``data/kvds-2017/count_comparison.csv`` when it exists);
* nothing else: everything without a recomputation is ``not reproducible``.

Derived figures are evaluated as intervals: a published range used in a formula (e.g.
20-25 groups) contributes both ends, so a recomputation can itself be a range.
"""

from __future__ import annotations

import ast
import csv
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd

from helpers.inputs.figures import evaluate, parse_formula

STATUSES = ("matches", "differs", "not reproducible")
RELATIONS = ("same", "restates", "at_most")
LINK_COLUMNS = ["published_id", "recomputed_id", "relation", "note"]
LINKS_FILE = "reconciliation_links.csv"
COUNT_COMPARISON = Path("kvds-2017") / "count_comparison.csv"

#: Relative part of the 'about' tolerance: at least this share of the published number.
ABOUT_SHARE = 0.05
#: How close 'just under' / 'just over' must be: within this share of the published number.
CLOSE_SHARE = 0.10
#: Words in a note that make '<' mean 'just under' and '>' mean 'just over' (a bit more).
CLOSE_BELOW = re.compile(r"just under|een kleine|bijna", re.IGNORECASE)
CLOSE_ABOVE = re.compile(r"just over|a bit more|a good half|\bruim\b", re.IGNORECASE)
_EPS = 1e-9


# --- precision and tolerance ------------------------------------------------------------


def _normal(value: float) -> Decimal:
    return Decimal(repr(float(value))).normalize()


def decimals(value: float) -> int:
    """Decimal places of a published number as stored: 0.9 -> 1, 137 -> 0, 2900 -> 0."""
    return max(0, -_normal(value).as_tuple().exponent) if value else 0


def half_unit(value: float) -> float:
    """Half a unit of the last decimal place: the rounding slack of an exact figure."""
    return 0.5 * 10.0 ** -decimals(value)


def significant_unit(value: float) -> float:
    """Place value of the last significant digit: 2900 -> 100, 40 -> 10, 0.9 -> 0.1."""
    if not value:
        return 1.0
    return 10.0 ** _normal(value).as_tuple().exponent


def about_tolerance(value: float) -> float:
    """Slack of an 'about' figure: half its last significant digit, at least 5 % of it."""
    return max(0.5 * significant_unit(value), ABOUT_SHARE * abs(value))


# --- comparing one recomputation with one published figure -------------------------------


@dataclass(frozen=True)
class Verdict:
    """Whether a recomputation agrees with a published figure, and by how much not."""

    agrees: bool
    gap: float  # recomputed (its point nearest the claim) minus published; nan if none
    relative_gap: float  # gap / published value; nan when the value is 0
    rule: str  # the rule applied, in words


def _nearest(low: float, high: float, target: float) -> float:
    return min(max(target, low), high)


def compare(
    value: float,
    qualifier: str,
    low: float,
    high: float | None = None,
    *,
    value_high: float | None = None,
    note: str = "",
    approximate: bool = False,
    relation: str = "same",
) -> Verdict:
    """Does the recomputation ``low..high`` (a point when ``high`` is None) agree?

    Rules (``v`` the published value, ``x`` the recomputation; an interval recomputation
    agrees when any point of it does, and the gap is measured from its nearest point):

    * ``=``: ``|x - v|`` at most half a unit of v's last decimal place (0.917 matches
      0.9; 0.95 matches 0.9 too: ties count, as the report's rounding direction is unknown);
    * ``~``: ``|x - v|`` at most `about_tolerance` (half a unit of the last significant
      digit, but at least 5 % of v): about 40 is 35..45, about 2,900 is 2,755..3,045;
    * ``<`` / ``>``: the inequality holds strictly; when the note says "just under"
      (or "just over", "ruim", "a good half") x must also be within `CLOSE_SHARE` (10 %)
      of v: "just under 1,000" is 900..1,000 (exclusive);
    * ``range``: x lies in ``v..value_high``, each end widened by half a unit;
    * relation ``at_most``: x does not exceed v (its upper end for a range) beyond the
      rounding slack of v.

    A recomputation built from approximate inputs (``approximate``) is judged by the
    ``~`` rule when the published figure is exact (``=``).
    """
    high = low if high is None else high
    if math.isnan(low) or math.isnan(high):
        return Verdict(False, math.nan, math.nan, "no value")
    if qualifier == "=" and approximate:
        qualifier = "~"
    top = value_high if qualifier == "range" and value_high is not None else value
    if relation == "at_most":
        limit = top + half_unit(top)
        agrees = low <= limit + _EPS
        rule = f"at most {top:g} (rounding slack {half_unit(top):g})"
        x = low
        gap = x - top
    elif qualifier in ("=", "~"):
        tol = half_unit(value) if qualifier == "=" else about_tolerance(value)
        x = _nearest(low, high, value)
        agrees = abs(x - value) <= tol + _EPS * max(1.0, abs(value))
        word = "equal at the published precision" if qualifier == "=" else "about"
        rule = f"{word}: within ±{tol:g}"
        gap = x - value
    elif qualifier in ("<", ">"):
        below = qualifier == "<"
        close = bool((CLOSE_BELOW if below else CLOSE_ABOVE).search(note))
        tol = CLOSE_SHARE * abs(value)
        # the point of the recomputation that best satisfies the claim
        if below:
            x = _nearest(low, high, value - tol) if close else low
            agrees = x < value - _EPS * max(1.0, abs(value)) and (
                not close or x >= value - tol - _EPS * max(1.0, abs(value))
            )
            rule = f"less than {value:g}" + (f", and within {tol:g} of it" if close else "")
        else:
            x = _nearest(low, high, value + tol) if close else high
            agrees = x > value + _EPS * max(1.0, abs(value)) and (
                not close or x <= value + tol + _EPS * max(1.0, abs(value))
            )
            rule = f"more than {value:g}" + (f", and within {tol:g} of it" if close else "")
        gap = x - value
    elif qualifier == "range":
        lo, hi = value - half_unit(value), top + half_unit(top)
        agrees = high >= lo - _EPS and low <= hi + _EPS
        x = _nearest(low, high, _nearest(value, top, (low + high) / 2))
        rule = f"inside {value:g}..{top:g}"
        gap = 0.0 if agrees else (x - top if x > top else x - value)
    else:
        raise ValueError(f"unknown qualifier {qualifier!r}")
    relative = gap / value if value else math.nan
    return Verdict(bool(agrees), float(gap), float(relative), rule)


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
    from helpers.inputs.schema import HEALTH_DIMENSION_KEYS, SURVEY_FIELDS
    from helpers.inputs.scope import in_scope
    from helpers.inputs.workbook import read_inventory

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


def balance_model_counts(data_dir: Path) -> tuple[list[Recomputation], str]:
    """Counts over the coded 2017 data, as mapped by ``data/kvds-2017/count_comparison.csv``.

    That file (kept with the balance-model chapter) names, per published 2017 figure, the
    coded count it compares with and the reason for any gap. Without it, no 2017 count is
    recomputed and the second element of the result is empty.
    """
    from helpers.chapters import balance_model as bm

    data_dir = Path(data_dir)
    folder = data_dir / "kvds-2017"
    proeftuinen = bm.load_proeftuinen(folder)
    indicators = bm.load_indicators(folder, proeftuinen)
    mapping_file = data_dir / COUNT_COMPARISON
    if not mapping_file.is_file():
        return [], ""
    table = pd.read_csv(mapping_file, dtype=str, keep_default_na=False)
    result = []
    for figure_id, measure, reason in zip(
        table["figure_id"], table["coded_measure"], table["reason"], strict=True
    ):
        value = bm.coded_measure(measure.strip(), proeftuinen, indicators)
        result += _count(
            [figure_id],
            value,
            f"coded count '{measure.strip()}'",
            "data/kvds-2017/indicators.csv and proeftuinen.csv",
            reason,
        )
    used = f"data/{COUNT_COMPARISON.as_posix()}"
    return result, used


# --- reasons for 'not reproducible' -------------------------------------------------------

REASONS = {
    "inv_located": "needs the list of the 232 interventions found before selection; the "
    "report publishes only the 137 in scope (annex 2)",
    "inv_excluded": "needs the 95 excluded interventions with their reasons; the report "
    "publishes only the count",
    "inv_with_reach": "needs the survey answers per intervention (reach); the municipality's "
    "inventory file is not public and inventory.xlsx holds only the 137 titles",
    "inv_with_cost": "needs the survey answers per intervention (annual cost); the "
    "municipality's inventory file is not public and inventory.xlsx holds only the titles",
    "ch3_youth_share": "needs age groups coded per intervention; the published age table "
    "only bounds the share (inv_youth_share_lower..inv_youth_share_upper)",
    "ch3_age_table_exceeds": "needs age groups coded per intervention",
    "kvds_programme_duration": "a fact about the programme (foreword); no data records it",
    "kvds_life_domains": "a property of the balance model itself, not a count over data",
    "kvds_proeftuinen_two_parts": "would need the researched parts coded per proeftuin; "
    "indicators.csv mentions strands only inside its labels",
    "kvds_max_protective_factors": "a cap set by the method (at most three per proeftuin), "
    "not an observed count",
    "kvds_end_measurement": "the coding marks an end measurement only where the text reports "
    "one (see data/kvds-2017/CODING.md §4); the report does not say which 30 had one",
    "kvds_late_start_no_end": "the report does not say which six proeftuinen started late",
}

SUBCOUNTS = {
    "kvds_d1_expex_youth_care",
    "kvds_d1_expex_young_parents",
    "kvds_d1_prevention_expex",
    "kvds_d2_resident_direction_parents",
    "kvds_d2_resident_direction_carers",
}


def reason_not_reproducible(row: pd.Series) -> str:
    """Why a published figure cannot be recomputed, and what data would be needed."""
    fid = row["figure_id"]
    if fid in REASONS:
        return REASONS[fid]
    if fid in SUBCOUNTS:
        return (
            "a split of a theme count by method or target group that the coding does not "
            "record; it would need that split coded per proeftuin"
        )
    if row["report"] == "kvds-2017" and fid.startswith(("kvds_d", "kvds_combo_")):
        return (
            "a count of proeftuinen per theme or domain with no coded counterpart in "
            "data/kvds-2017/count_comparison.csv"
        )
    if fid.startswith("inv_age_"):
        return (
            "needs age groups coded per intervention; inventory.xlsx holds only the titles "
            "(the municipality's survey answers are not public)"
        )
    if row["unit"] == "year":
        return "a date or period stated in the text; only the cited document could confirm it"
    if row["report"] == "kvds-2017":
        return (
            "a finding from one proeftuin's own material (interviews, questionnaires); "
            "the 2017 report publishes no row-level data"
        )
    if row["intervention"]:
        return (
            "a published input from annex 3 (documents, interviews, effectenarena); it would "
            "need the provider's own records, which are not public"
        )
    if fid.startswith("ch4_"):
        return (
            "a count or statement over the twelve case studies that the case register does "
            "not code; it would need a coded field per case"
        )
    return "a statement about the study's method, the programme or the literature; no data"


# --- the whole table ---------------------------------------------------------------------

RESULT_COLUMNS = [
    "figure_id",
    "report",
    "section",
    "intervention",
    "metric",
    "qualifier",
    "published",
    "recomputed",
    "status",
    "gap",
    "relative_gap",
    "checks",
    "via",
    "rules",
    "reason",
    "found",
]


def _fmt(value: float) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    places = 1 if abs(value) >= 100 else 2 if abs(value) >= 1 else 4
    text = f"{value:,.{places}f}".rstrip("0").rstrip(".") if places else f"{value:,.0f}"
    return "0" if text in ("-0", "") else text


def published_text(row: pd.Series) -> str:
    """A published figure as the report states it: qualifier and value (or range)."""
    words = {"=": "", "~": "about ", "<": "< ", ">": "> ", "range": ""}
    text = _fmt(row["value"])
    if row["qualifier"] == "range":
        text = f"{text}–{_fmt(row['value_high'])}"
    return words[row["qualifier"]] + text


def _interval_text(low: float, high: float) -> str:
    return _fmt(low) if math.isclose(low, high, rel_tol=1e-12) else f"{_fmt(low)}–{_fmt(high)}"


def judge(row: pd.Series, recomputations: list[Recomputation]) -> dict:
    """Status of one published figure given its recomputations."""
    base = {c: row[c] for c in ("figure_id", "report", "section", "intervention", "metric")}
    base |= {"qualifier": row["qualifier"], "published": published_text(row)}
    if not recomputations:
        return base | {
            "recomputed": "",
            "status": "not reproducible",
            "gap": math.nan,
            "relative_gap": math.nan,
            "checks": 0,
            "via": "",
            "rules": "",
            "reason": reason_not_reproducible(row),
            "found": "",
        }
    verdicts = [(r, _verdict(row, r)) for r in recomputations]
    failing = [(r, v) for r, v in verdicts if not v.agrees]
    shown_r, shown_v = max(failing, key=_size) if failing else verdicts[0]
    origins = {r.origin for r, _ in failing}
    notes = "; ".join(dict.fromkeys(r.note.rstrip(".") for r, _ in verdicts if r.note))
    return base | {
        "recomputed": _interval_text(shown_r.low, shown_r.high),
        "status": "differs" if failing else "matches",
        "gap": shown_v.gap,
        "relative_gap": shown_v.relative_gap,
        "checks": len(verdicts),
        "via": " | ".join(_describe(r) for r, _ in verdicts),
        "rules": " | ".join(
            f"{'agrees' if v.agrees else 'differs'}: {v.rule}" for _, v in verdicts
        ),
        "reason": notes,
        "found": " and ".join(FOUND[o] for o in sorted(origins)),
    }


FOUND = {"report": "within the report", "data": "report vs coded data"}
FAILURE_COLUMNS = [
    "found",
    "figure_id",
    "report",
    "section",
    "published",
    "recomputed",
    "gap",
    "relative_gap",
    "via",
    "rule",
    "reason",
]


def _verdict(row: pd.Series, r: Recomputation):
    """Whether one recomputation agrees with the published figure in ``row``."""
    return compare(
        row["value"],
        row["qualifier"],
        r.low,
        r.high,
        value_high=row["value_high"] if pd.notna(row["value_high"]) else None,
        note=row["note"],
        approximate=r.approximate,
        relation=r.relation,
    )


def _describe(r: Recomputation) -> str:
    return f"{r.via} = {_interval_text(r.low, r.high)}"


def failures(row: pd.Series, recomputations: list[Recomputation]) -> list[dict]:
    """One row per recomputation that disagrees with a published figure."""
    out = []
    for r in recomputations:
        v = _verdict(row, r)
        if not v.agrees:
            out.append(
                {
                    "found": FOUND[r.origin],
                    "figure_id": row["figure_id"],
                    "report": row["report"],
                    "section": row["section"],
                    "published": published_text(row),
                    "recomputed": _interval_text(r.low, r.high),
                    "gap": v.gap,
                    "relative_gap": v.relative_gap,
                    "via": r.via,
                    "rule": v.rule,
                    "reason": r.note,
                }
            )
    return out


def _size(pair) -> float:
    gap = pair[1].gap
    return 0.0 if math.isnan(gap) else abs(gap)


@dataclass
class Reconciliation:
    """The result table plus what it was built from."""

    table: pd.DataFrame
    recomputations: list[Recomputation]
    links: pd.DataFrame
    balance_mapping: str
    failed: pd.DataFrame

    def counts(self) -> pd.DataFrame:
        """Figures per report and status (all three statuses, zeros included)."""
        grid = self.table.groupby(["report", "status"]).size()
        rows = [
            {"report": rep, "status": st, "figures": int(grid.get((rep, st), 0))}
            for rep in sorted(self.table["report"].unique())
            for st in STATUSES
        ]
        return pd.DataFrame(rows)

    def inconsistencies(self) -> pd.DataFrame:
        """One row per failing recomputation of a 'differs' figure, with where it was found:
        'within the report' (other figures of the report) or 'report vs coded data'."""
        return self.failed.reset_index(drop=True)


def reconcile(data_dir: Path) -> Reconciliation:
    """Recompute every published figure under ``data_dir``; see the module docstring."""
    from helpers.inputs.figures import load_figures

    data_dir = Path(data_dir)
    figures = evaluate(load_figures(data_dir))
    links = read_links(data_dir)
    problems = link_problems(links, figures)
    if problems:
        from helpers.errors import InputError

        raise InputError.from_messages(problems)
    known = set(figures["figure_id"])
    kvds, mapping = balance_model_counts(data_dir)
    recomputations = [
        *link_recomputations(figures, links),
        *[r for r in amersfoort_counts(data_dir) if r.figure_id in known],
        *[r for r in kvds if r.figure_id in known],
    ]
    by_figure: dict[str, list[Recomputation]] = {}
    for r in recomputations:
        by_figure.setdefault(r.figure_id, []).append(r)
    published = figures[figures["kind"] == "published"]
    rows, failed = [], []
    for _, row in published.iterrows():
        mine = by_figure.get(row["figure_id"], [])
        rows.append(judge(row, mine))
        failed += failures(row, mine)
    table = pd.DataFrame(rows, columns=RESULT_COLUMNS)
    failed_frame = pd.DataFrame(failed, columns=FAILURE_COLUMNS)
    return Reconciliation(table, recomputations, links, mapping, failed_frame)


# --- for the book ----------------------------------------------------------------------


def signed(value: float, percent: bool = False) -> str:
    """A gap for display: '+5', '-1,000', '+4.2 %'; empty when there is none."""
    if value is None or math.isnan(value):
        return ""
    if percent:
        return f"{value * 100:+.1f} %"
    return ("+" if value > 0 else "") + _fmt(value) if value else "0"


def section_text(section: str) -> str:
    """'3.2' -> '§3.2'; 'annex 3, 2.7' stays as it is."""
    return f"§{section}" if section[:1].isdigit() else section


def presentable(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The result table with gaps as signed text, ready for `show_table`."""
    out = frame.copy()
    if "section" in out:
        out["section"] = [section_text(s) for s in out["section"]]
    if "gap" in out:
        out["gap"] = [signed(v) for v in out["gap"]]
    if "relative_gap" in out:
        out["relative_gap"] = [signed(v, percent=True) for v in out["relative_gap"]]
    return out[columns].rename(columns={"relative_gap": "relative gap"})


def rule_examples() -> pd.DataFrame:
    """Worked examples of `compare`, one per rule, computed live for the chapter."""
    cases = [
        ("=", 0.9, None, 0.917, "", False, "0.9 % printed, 0.917 % recomputed"),
        ("=", 0.9, None, 0.96, "", False, "0.9 % printed, 0.96 % recomputed"),
        ("=", 137, None, 137, "", False, "137 printed, 137 counted"),
        ("~", 40, None, 44, "", False, "about 40 printed, 44 recomputed"),
        ("~", 2900, None, 3100, "", False, "about 2,900 printed, 3,100 recomputed"),
        ("<", 30000, None, 28500, "just under", False, "just under 30,000, 28,500 recomputed"),
        ("<", 1000, None, 1626, "just under", False, "just under 1,000, 1,626 recomputed"),
        (">", 137, None, 159, "", False, "more than 137, 159 recomputed"),
        ("range", 400, 700, 672, "", False, "400-700 printed, 672 recomputed"),
        ("=", 3.5, None, 3.53, "", True, "3.5 printed, 3.53 from approximate inputs"),
    ]
    rows = []
    for qualifier, value, value_high, x, note, approximate, label in cases:
        verdict = compare(
            value, qualifier, x, value_high=value_high, note=note, approximate=approximate
        )
        rows.append(
            {
                "example": label,
                "qualifier": qualifier,
                "rule applied": verdict.rule,
                "status": "matches" if verdict.agrees else "differs",
            }
        )
    return pd.DataFrame(rows)
