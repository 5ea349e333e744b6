"""Text shared by the pages of a rerun or compare book: the landing page and the banners.

The landing page ties the book to its input: the workbook's file name (never its path),
its SHA-256, every validation warning, the date and the project version (git commit).
"""

from __future__ import annotations

import hashlib
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from helpers.inputs.synthetic_mark import is_synthetic
from helpers.page.i18n import Language
from helpers.page.text import escape
from helpers.paths import ROOT


@dataclass(frozen=True)
class Input:
    """One workbook as the landing page names it."""

    name: str  # the municipality
    file: str  # file name only
    sha256: str
    warnings: tuple[str, ...]
    path: Path  # where it was read; used, never shown


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def project_version(root: Path = ROOT) -> str:
    """The git commit of the project (with '+ local changes' when the tree is dirty)."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"], cwd=root, capture_output=True,
            text=True, check=True,
        ).stdout.strip()  # fmt: skip
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"], cwd=root,
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{commit} + local changes" if dirty else commit


def source_text(inventory, t: Language) -> str:
    """'computed from <file name>, sheet <sheet>': the input named, never its folder."""
    return t._("computed from {file}, sheet {sheet}").format(
        file=Path(inventory.path).name, sheet=inventory.sheet
    )


def synthetic_banner(paths, t: Language) -> str:
    """A warning admonition when any workbook says it is synthetic; empty otherwise."""
    if not any(is_synthetic(Path(p)) for p in paths):
        return ""
    return (
        ":::{admonition} " + t._("SYNTHETIC EXAMPLE — fictional data") + "\n:class: warning\n\n"
        + t._(
            "The inventory workbook behind this book says that it is a synthetic example: its "
            "municipality, interventions, organisations and numbers are made up and describe "
            "no real place."
        )
        + "\n:::\n\n"
    )  # fmt: skip


def inputs_table(inputs: list[Input], t: Language) -> str:
    """The inputs by name and file, then their SHA-256 in ``sha256sum`` format.

    The checksum lines sit in a code block (it scrolls on a phone instead of overflowing),
    so a reviewer can paste them into ``sha256sum -c`` next to the files.
    """
    municipality, file = t._("municipality"), t._("file")
    head = f"| {municipality} | {file} |\n|---|---|\n"
    rows = "\n".join(f"| {escape(i.name)} | {escape(i.file)} |" for i in inputs)
    sums = "\n".join(f"{i.sha256}  {' '.join(i.file.split())}" for i in inputs)
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", sums)), default=0))
    return f"{head}{rows}\n\n{fence}text\n{sums}\n{fence}\n"


def notes_box(inputs: list[Input], t: Language) -> str:
    """The 'Notes on the data' admonition: every validation warning, per workbook."""
    lines = [f"- {escape(i.file)}: {escape(w)}" for i in inputs for w in i.warnings] or [
        "- " + t._("The workbooks passed validation without warnings.")
    ]
    title = t._("Notes on the data")
    return f":::{{admonition}} {title}\n:class: note\n\n" + "\n".join(lines) + "\n:::\n"


def landing(title: str, inputs: list[Input], pages: list[str], stamp: tuple[str, str], t: Language):
    """The MyST landing page of a rerun or compare book; ``stamp`` is (date, version).

    The theme copies the heading, unescaped, into every page's sidebar, so it leaves out
    ``<`` and ``>``; the table of inputs shows each name as typed (escaped).
    """
    date, version = stamp
    heading = escape(" ".join(title.replace("<", " ").replace(">", " ").split()))
    chapters = "\n".join(f"- {{doc}}`{page}`" for page in pages)
    tables = t._("Every table of this book as an Excel workbook")
    return (
        f"# {heading}\n\n"
        + synthetic_banner([i.path for i in inputs], t)
        + t._(
            "This book was made with the reproducible report on collective preventive "
            "interventions. It applies the inventory analysis of the Amersfoort study "
            "(Verwey-Jonker Instituut, 2024) to the inventory workbooks below. Chapters about "
            "Amersfoort's twelve case studies are left out: they rest on Amersfoort's own "
            "interviews and documents."
        )
        + "\n\n"
        + f"{chapters}\n\n"
        + f"{{download}}`{tables} <_static/downloads/tables.xlsx>`\n\n"
        + "## " + t._("Input and version") + "\n\n"
        + inputs_table(inputs, t)
        + "\n"
        + t._("Built on {date} with project version {version}.").format(
            date=escape(date), version=escape(version)
        )
        + "\n\n"
        + notes_box(inputs, t)
    )  # fmt: skip
