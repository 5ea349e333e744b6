"""The validation report for people, on the console.

`console_report` names the file once, groups the problems (or notices) by column with
the header as the user wrote it, quotes each value exactly and ends with a one-line
summary, in Dutch or English.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from helpers.errors import InputError, Problem

_WORDS = {
    "nl": {
        "file": "Bestand",
        "sheet": "blad",
        "general": "Het bestand als geheel",
        "column": "Kolom",
        "problems": "Problemen",
        "notices": "Meldingen",
        "refused": "GEWEIGERD: {n} probleem/problemen; het bestand is niet gelezen.",
        "ok": "OK: {n} interventies gelezen ({scope}); {w} melding(en).",
        "scope": "{m} binnen de definitie",
        "no_scope": "binnen definitie niet gecodeerd",
    },
    "en": {
        "file": "File",
        "sheet": "sheet",
        "general": "The file as a whole",
        "column": "Column",
        "problems": "Problems",
        "notices": "Notices",
        "refused": "REFUSED: {n} problem(s); the file was not read.",
        "ok": "OK: {n} interventions read ({scope}); {w} notice(s).",
        "scope": "{m} in scope",
        "no_scope": "scope not coded",
    },
}


def _groups(items: Iterable[Problem], language: str) -> list[tuple[str, list[Problem]]]:
    """Items grouped by column (file-level items first), in order of first appearance."""
    words = _WORDS[language]
    groups: dict[str, list[Problem]] = {}
    for item in items:
        if item.column is None:
            title = words["general"]
        else:
            letter = f" {item.column_letter}" if item.column_letter else ""
            title = f"{words['column']}{letter} '{item.column}'"
        groups.setdefault(title, []).append(item)
    general = groups.pop(words["general"], None)
    return ([(words["general"], general)] if general else []) + list(groups.items())


def _section(heading: str, items: list[Problem], language: str, sheets: bool) -> list[str]:
    lines = [f"{heading}:"]
    for title, group in _groups(items, language):
        lines.append(f"  {title}")
        lines += [f"    - {p.line(language, with_column=False, with_sheet=sheets)}" for p in group]
    return lines


def console_report(result, language: str = "nl") -> str:
    """The report of a read `Inventory` or a refusing `InputError`, for a console."""
    words = _WORDS[language]
    if isinstance(result, InputError):
        problems, notices = result.problems, result.warnings
        files = {p.file for p in problems if p.file}
        summary = words["refused"].format(n=len(problems))
    else:
        problems, notices = [], result.warnings
        files = {str(result.path)}
        m = result.n_in_scope
        scope = words["no_scope"] if m is None else words["scope"].format(m=m)
        summary = words["ok"].format(n=len(result), scope=scope, w=len(notices))
    names = ", ".join(sorted(Path(f).name for f in files)) or "?"
    sheets = {p.sheet for p in [*problems, *notices] if p.sheet is not None}
    head = f"{words['file']}: {names}"
    if len(sheets) == 1:  # the usual case: name the sheet once too
        head += f", {words['sheet']} '{next(iter(sheets))}'"
    lines = [head]
    many = len(sheets) > 1
    if problems:
        lines += _section(words["problems"], problems, language, many)
    if notices:
        lines += _section(words["notices"], notices, language, many)
    return "\n".join([*lines, summary])
