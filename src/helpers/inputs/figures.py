"""The figures table: every published or derived number of the reports, one row each.

`load_figures` reads and validates every ``*/figures/*.csv`` under the data folder,
`evaluate` computes derived figures from their formulas (safe arithmetic only) and
`figure` returns one evaluated row. This module is the only place that reads figure CSVs.
"""

from __future__ import annotations

import ast
import csv
import operator
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from helpers.errors import InputError
from helpers.inputs.schema import CASE_STUDY_IDS

COLUMNS = [
    "figure_id",
    "report",
    "section",
    "intervention",
    "metric",
    "value",
    "value_high",
    "unit",
    "year",
    "qualifier",
    "kind",
    "formula",
    "note",
]
REPORTS = ("amersfoort-2024", "kvds-2017")
UNITS = (
    "count",
    "persons",
    "households",
    "EUR",
    "EUR_per_year",
    "EUR_per_person",
    "EUR_per_hour",
    "percent",
    "ratio",
    "score",
    "hours",
    "minutes",
    "weeks",
    "months",
    "years",
    "sessions",
    "fte",
    "year",
)
QUALIFIERS = ("=", "~", "<", ">", "range")
KINDS = ("published", "derived")
ID_PATTERN = r"^[a-z][a-z0-9_]*$"
NUMBER_OR_EMPTY = r"^(-?\d+(\.\d+)?)?$"


# --- reading -----------------------------------------------------------------------------


def figure_files(data_dir: Path) -> list[Path]:
    """All figure CSVs under the data folder (``<report>/figures/*.csv``), sorted."""
    return sorted(Path(data_dir).glob("*/figures/*.csv"))


def _read_file(path: Path, name: str, problems: list[str]) -> list[dict]:
    """Rows of one CSV as strings, with their file name and starting line number."""
    rows: list[dict] = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header != COLUMNS:
                problems.append(f"{name}:1: header {header!r} is not the contract {COLUMNS!r}")
                return []
            previous_end = reader.line_num
            for record in reader:
                line, previous_end = previous_end + 1, reader.line_num
                if not any(cell.strip() for cell in record):
                    continue
                if len(record) != len(COLUMNS):
                    problems.append(f"{name}:{line}: {len(record)} fields, expected {len(COLUMNS)}")
                    continue
                rows.append(
                    dict(zip(COLUMNS, record, strict=True), source_file=name, source_line=line)
                )
    except UnicodeDecodeError as exc:
        problems.append(f"{name}: not UTF-8 text ({exc.reason} at byte {exc.start})")
    return rows


# --- column-level validation (pandera) ------------------------------------------------------


def _num(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series.where(series != ""), errors="coerce")


def _row_rule(column: str, problem: str, ok: Callable[[pd.DataFrame], pd.Series]) -> pa.Check:
    """A row-wise rule; `column` is the cell the message points at."""
    return pa.Check(ok, name=column, error=problem)


SCHEMA = pa.DataFrameSchema(
    {
        "figure_id": pa.Column(
            str,
            pa.Check.str_matches(ID_PATTERN, error="figure_id must match ^[a-z][a-z0-9_]*$"),
            unique=True,
        ),
        "report": pa.Column(str, pa.Check.isin(REPORTS, error=f"report must be one of {REPORTS}")),
        "section": pa.Column(str, pa.Check.str_length(min_value=1, error="section is required")),
        "intervention": pa.Column(
            str,
            pa.Check.isin(("", *CASE_STUDY_IDS), error="intervention must be a case id or empty"),
        ),
        "metric": pa.Column(
            str, pa.Check.str_matches(r"^[a-z0-9][a-z0-9_]*$", error="metric must be snake_case")
        ),
        "value": pa.Column(
            str, pa.Check.str_matches(NUMBER_OR_EMPTY, error="value must be a plain number")
        ),
        "value_high": pa.Column(
            str, pa.Check.str_matches(NUMBER_OR_EMPTY, error="value_high must be a plain number")
        ),
        "unit": pa.Column(str, pa.Check.isin(UNITS, error=f"unit must be one of {UNITS}")),
        "year": pa.Column(str, pa.Check.str_matches(r"^(\d{4})?$", error="year must be YYYY")),
        "qualifier": pa.Column(
            str, pa.Check.isin(QUALIFIERS, error=f"qualifier must be one of {QUALIFIERS}")
        ),
        "kind": pa.Column(str, pa.Check.isin(KINDS, error=f"kind must be one of {KINDS}")),
        "formula": pa.Column(str),
        "note": pa.Column(str),
    },
    checks=[
        _row_rule(
            "value",
            "published figures need a value",
            lambda d: (d["kind"] != "published") | (d["value"] != ""),
        ),
        _row_rule(
            "formula",
            "published figures take no formula",
            lambda d: (d["kind"] != "published") | (d["formula"] == ""),
        ),
        _row_rule(
            "formula",
            "derived figures need a formula",
            lambda d: (d["kind"] != "derived") | (d["formula"].str.strip() != ""),
        ),
        _row_rule(
            "value",
            "derived figures take no value (it is computed)",
            lambda d: (d["kind"] != "derived") | ((d["value"] == "") & (d["value_high"] == "")),
        ),
        _row_rule(
            "value_high",
            "a range needs value_high >= value",
            lambda d: (
                (d["qualifier"] != "range")
                | (d["kind"] == "derived")
                | (_num(d["value_high"]) >= _num(d["value"])).fillna(False)
            ),
        ),
        _row_rule(
            "value_high",
            "value_high is only for qualifier 'range'",
            lambda d: (d["qualifier"] == "range") | (d["value_high"] == ""),
        ),
        _row_rule(
            "note",
            "unit 'score' needs the scale in the note (e.g. 'scale 1-10')",
            lambda d: (d["unit"] != "score") | d["note"].str.contains(r"\d"),
        ),
    ],
    strict=False,
)


def _pandera_messages(frame: pd.DataFrame) -> list[str]:
    try:
        SCHEMA.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    else:
        return []
    messages = []
    for case in cases.itertuples(index=False):
        if pd.isna(case.index):  # a table-level failure, not tied to a row
            messages.append(f"figures table: {case.check} ({case.failure_case})")
            continue
        row = frame.loc[int(case.index)]
        if case.schema_context == "DataFrameSchema":
            column = next(c.name for c in SCHEMA.checks if c.error == case.check)
            if case.column != column:  # pandera repeats a row rule once per column
                continue
        else:
            column = case.column
        problem = "duplicate figure_id" if case.check == "field_uniqueness" else case.check
        messages.append(_where(row, column) + f": {problem}")
    return messages


def _where(row: pd.Series, column: str) -> str:
    place = f"{row.get('source_file', '?')}:{row.get('source_line', '?')}"
    return f"{place}: column '{column}', value {str(row.get(column, '')).strip()!r}"


def _place(message: str) -> tuple[str, int]:
    """Sort key: file name, then line number."""
    name, _, rest = message.partition(":")
    line = rest.split(":", 1)[0]
    return name, int(line) if line.isdigit() else 0


# --- formulas ----------------------------------------------------------------------------

_OPS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}
_UNARY = {ast.USub: operator.neg, ast.UAdd: operator.pos}
_ALLOWED = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Constant, ast.Name, ast.Load)


def parse_formula(formula: str) -> ast.Expression:
    """Parse arithmetic over figure ids; only numbers, ids, + - * / and parentheses."""
    try:
        tree = ast.parse(formula.strip(), mode="eval")
    except SyntaxError as exc:
        raise ValueError(f"not valid arithmetic ({exc.msg})") from None
    for node in ast.walk(tree):
        allowed = isinstance(node, _ALLOWED) or type(node) in _OPS or type(node) in _UNARY
        if isinstance(node, ast.BinOp) and type(node.op) not in _OPS:
            allowed = False
        if isinstance(node, ast.UnaryOp) and type(node.op) not in _UNARY:
            allowed = False
        if isinstance(node, ast.Constant) and (
            isinstance(node.value, bool) or not isinstance(node.value, int | float)
        ):
            allowed = False
        if not allowed:
            what = node.op if isinstance(node, ast.BinOp | ast.UnaryOp) else node
            raise ValueError(f"not allowed in a formula: {type(what).__name__}")
    return tree


def formula_ids(formula: str) -> set[str]:
    """The figure ids a formula refers to."""
    return {n.id for n in ast.walk(parse_formula(formula)) if isinstance(n, ast.Name)}


def _calc(node: ast.AST, lookup: Callable[[str], float]) -> float:
    if isinstance(node, ast.Expression):
        return _calc(node.body, lookup)
    if isinstance(node, ast.Constant):
        return float(node.value)
    if isinstance(node, ast.Name):
        return lookup(node.id)
    if isinstance(node, ast.UnaryOp):
        return _UNARY[type(node.op)](_calc(node.operand, lookup))
    left, right = _calc(node.left, lookup), _calc(node.right, lookup)
    return _OPS[type(node.op)](left, right)


def _formula_messages(frame: pd.DataFrame) -> list[str]:
    """Unparseable formulas, unknown ids and cycles among derived figures."""
    messages, graph = [], {}
    known = set(frame["figure_id"])
    for _, row in frame[frame["kind"] == "derived"].iterrows():
        if not row["formula"].strip():
            continue
        try:
            ids = formula_ids(row["formula"])
        except ValueError as exc:
            messages.append(_where(row, "formula") + f": {exc}")
            continue
        for missing in sorted(ids - known):
            messages.append(_where(row, "formula") + f": unknown figure id '{missing}'")
        graph[row["figure_id"]] = ids & known
    for cycle in _cycles(graph):
        row = frame[frame["figure_id"] == cycle[0]].iloc[0]
        messages.append(_where(row, "formula") + ": cycle " + " -> ".join(cycle))
    return messages


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One path per cycle found by depth-first search (white/grey/black colouring)."""
    state: dict[str, int] = {}
    found: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:  # back edge: nxt is on the current path
                found.append([*path[path.index(nxt) :], nxt])
            elif nxt in graph and not state.get(nxt):
                visit(nxt, [*path, nxt])
        state[node] = 2

    for start in sorted(graph):
        if not state.get(start):
            visit(start, [start])
    return found


# --- public API --------------------------------------------------------------------------


def load_figures(data_dir: Path) -> pd.DataFrame:
    """Read, concatenate and validate every ``<report>/figures/*.csv`` under `data_dir`.

    `data_dir` is the project's ``data/`` folder. Raises `InputError` listing all problems.
    `value`/`value_high` come back as floats, `year` as nullable Int64, text columns as
    strings ('' when empty); `source_file`/`source_line` say where each row came from.
    """
    data_dir = Path(data_dir)
    files = figure_files(data_dir)
    if not files:
        raise InputError.from_messages([f"{data_dir}: no figure files (*/figures/*.csv)"])
    problems: list[str] = []
    rows = []
    for path in files:
        name = path.relative_to(data_dir).as_posix()
        rows += _read_file(path, name, problems)
    frame = pd.DataFrame(rows, columns=[*COLUMNS, "source_file", "source_line"])
    frame = frame.astype({c: str for c in COLUMNS})
    problems += _pandera_messages(frame)
    problems += _formula_messages(frame)
    if problems:
        raise InputError.from_messages(sorted(problems, key=_place))
    typed = frame.copy()
    typed["value"] = _num(frame["value"]).astype(float)
    typed["value_high"] = _num(frame["value_high"]).astype(float)
    typed["year"] = _num(frame["year"]).astype("Int64")
    return typed.reset_index(drop=True)


def evaluate(figures: pd.DataFrame) -> pd.DataFrame:
    """Copy of `figures` with a `computed` column: the value, or the formula's result."""
    table = figures.reset_index(drop=True)
    ids = table["figure_id"].astype(str)
    kinds = dict(zip(ids, table["kind"], strict=True))
    formulas = dict(zip(ids, table["formula"].fillna("").astype(str), strict=True))
    values = dict(zip(ids, pd.to_numeric(table["value"], errors="coerce"), strict=True))
    done: dict[str, float] = {}
    busy: set[str] = set()

    def compute(fid: str) -> float:
        if fid in done:
            return done[fid]
        if fid not in kinds:
            raise ValueError(f"unknown figure id '{fid}'")
        if kinds[fid] != "derived":
            result = float(values[fid])
        else:
            if fid in busy:
                raise ValueError(f"cycle through '{fid}'")
            busy.add(fid)
            try:
                result = _calc(parse_formula(formulas[fid]), compute)
            except ZeroDivisionError:
                raise ValueError(f"division by zero in '{fid}'") from None
            finally:
                busy.discard(fid)
        done[fid] = result
        return result

    computed, problems = [], []
    for _, row in table.iterrows():
        try:
            computed.append(compute(str(row["figure_id"])))
        except ValueError as exc:
            computed.append(float("nan"))
            problems.append(_where(row, "formula") + f": {exc}")
    if problems:
        raise InputError.from_messages(problems)
    return table.assign(computed=computed)


def figure(figures: pd.DataFrame, figure_id: str) -> pd.Series:
    """One evaluated row by id (evaluates the table first if needed); KeyError if absent."""
    table = figures if "computed" in figures.columns else evaluate(figures)
    match = table[table["figure_id"] == figure_id]
    if match.empty:
        raise KeyError(f"unknown figure id {figure_id!r}")
    return match.iloc[0]
