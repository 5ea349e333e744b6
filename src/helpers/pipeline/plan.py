"""The run plan: which template runs with which parameters into which page.

The plan is a YAML file (``runplan.yml``). One entry may expand into many runs with
``foreach: <csv file>``: each row of the CSV fills the ``{column}`` placeholders in the
entry's name, page, title and parameters.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from helpers.paths import ROOT, resolve, shown

PLAN_FILE = ROOT / "runplan.yml"
ENTRY_KEYS = {"name", "template", "page", "title", "parameters", "data", "foreach", "rerun"}


class PlanError(Exception):
    """The run plan cannot be used; the message says where and why."""


@dataclass(frozen=True)
class Run:
    """One execution of a template into one page of the book."""

    name: str
    template: Path
    page: str
    title_template: str
    parameters: dict = field(hash=False)
    data: tuple[Path, ...] = ()
    rerun: dict | None = field(default=None, hash=False)

    @property
    def title(self) -> str:
        """The page title; placeholders left after expansion are filled from the parameters."""
        return self.title_template.format(**self.parameters)


def load_plan(path: Path = PLAN_FILE) -> list[Run]:
    """Read and expand the run plan; every problem is reported with the entry it is in."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise PlanError(f"{path}: cannot read the run plan: {exc}") from None
    entries = (raw or {}).get("runs")
    if not isinstance(entries, list) or not entries:
        raise PlanError(f"{path}: needs a non-empty list under 'runs'")
    runs = [run for number, entry in enumerate(entries, 1) for run in _expand(path, number, entry)]
    _check_unique(path, runs)
    return runs


def _expand(path: Path, number: int, entry: dict) -> list[Run]:
    where = f"{path.name}, run {number}"
    if not isinstance(entry, dict):
        raise PlanError(f"{where}: expected a mapping, got {entry!r}")
    unknown = set(entry) - ENTRY_KEYS
    missing = {"name", "template", "page", "title"} - set(entry)
    if unknown or missing:
        raise PlanError(f"{where}: unknown keys {sorted(unknown)}, missing keys {sorted(missing)}")
    template = resolve(entry["template"])
    if not template.is_file():
        raise PlanError(f"{where}: template {entry['template']} does not exist")
    rows = _rows(where, entry["foreach"]) if "foreach" in entry else [{}]
    data = [entry["foreach"]] if "foreach" in entry else []
    runs = []
    for row in rows:
        try:
            runs.append(
                Run(
                    name=_fill(entry["name"], row),
                    template=template,
                    page=_fill(entry["page"], row),
                    title_template=entry["title"].format_map(_KeepMissing(row)),
                    parameters={k: _fill(v, row) for k, v in entry.get("parameters", {}).items()},
                    data=tuple(resolve(_fill(d, row)) for d in [*data, *entry.get("data", [])]),
                    rerun=entry.get("rerun"),
                )
            )
        except (KeyError, ValueError) as exc:
            raise PlanError(f"{where}: placeholder {exc} cannot be filled from {row}") from None
    for run in runs:
        for d in run.data:
            if not d.exists():
                raise PlanError(f"{where}: declared data {shown(d)} does not exist")
    return runs


def _rows(where: str, csv_path: str) -> list[dict]:
    path = resolve(csv_path)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        raise PlanError(f"{where}: foreach file {csv_path}: {exc}") from None
    return [{k: _number_or_text(v) for k, v in row.items()} for row in rows]


def _number_or_text(value: str):
    return int(value) if value.isdigit() else value


def _fill(value, row: dict):
    """Fill ``{column}`` placeholders; a value that is exactly one placeholder keeps its type."""
    if not isinstance(value, str):
        return value
    if value.startswith("{") and value.endswith("}") and value[1:-1] in row:
        return row[value[1:-1]]
    return value.format(**row)


class _KeepMissing(dict):
    """Leaves ``{placeholder}`` in place when the row has no such column."""

    def __missing__(self, key):
        return "{" + key + "}"


def _check_unique(path: Path, runs: list[Run]) -> None:
    for attribute in ("name", "page"):
        seen = [getattr(run, attribute) for run in runs]
        duplicates = sorted({v for v in seen if seen.count(v) > 1})
        if duplicates:
            raise PlanError(f"{path.name}: duplicate run {attribute}s: {duplicates}")


def for_inventory(
    runs: list[Run], inventory: Path, municipality: str, year: int | None
) -> list[Run]:
    """The runs of a rerun book, pointed at another workbook (plan entries with ``rerun``)."""
    given = {"inventory_path": str(inventory), "municipality": municipality, "year": year or ""}
    return [
        replace(
            run,
            parameters={**run.parameters, **(run.rerun or {}), **given},
            data=(inventory, *[d for d in run.data if d.suffix != ".xlsx"]),
        )
        for run in runs
        if run.rerun is not None
    ]
