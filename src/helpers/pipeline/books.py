"""The two books the pipeline makes: the Amersfoort book, and a book for another inventory."""

from __future__ import annotations

import fnmatch
import re
import shutil
from pathlib import Path

import yaml

from helpers.inputs.workbook import read_inventory
from helpers.page.charts import BUNDLE_NAME, bundle_header, javascript_bundle
from helpers.page.text import escape
from helpers.paths import BOOK, BUILD, DATA, ROOT
from helpers.pipeline.build import build_html, build_lock
from helpers.pipeline.execute import execute_all, safe_title
from helpers.pipeline.plan import PlanError, for_inventory, load_plan
from helpers.tools.downloads import write_tables_workbook
from helpers.tools.synthetic import is_synthetic

CONFIG = ROOT / "_config.yml"
TOC = ROOT / "_toc.yml"
REFERENCES = DATA / "references.bib"


def main_book(jobs: int, force: bool, only: str | None = None) -> Path:
    """Execute the run plan into ``book/`` and build ``_build/html``.

    With ``only`` (a name pattern), execute just the matching runs and build no HTML.
    """
    runs = load_plan()
    if only:
        runs = [run for run in runs if fnmatch.fnmatch(run.name, only)]
        if not runs:
            raise PlanError(f"no run name matches {only!r}")
    with build_lock(BUILD):
        write_static(BOOK / "_static")
        execute_all(runs, BOOK, BUILD / "failed", jobs=jobs, force=force)
        if only:
            return BOOK
        write_tables_workbook(BOOK, TOC)  # the Excel download of every table
        changed = build_html(BOOK, CONFIG, TOC, [REFERENCES], BUILD)
    print("HTML unchanged (no input changed)" if not changed else "HTML built")
    return BUILD / "html" / "index.html"


def rerun_book(inventory: Path, municipality: str, year, out, jobs: int, force: bool) -> Path:
    """Run every inventory chapter on another workbook and build its own book in ``out``."""
    inventory = inventory.resolve()
    read_inventory(inventory)  # validate first: a bad workbook stops here, naming its problems
    municipality = municipality or inventory.stem
    out = (out or Path(_slug(municipality))).resolve()
    runs = for_inventory(load_plan(), inventory, municipality, year)
    source = out / "source"
    with build_lock(out):
        write_static(source / "_static")
        execute_all(runs, source, out / "failed", jobs=jobs, force=force)
        config, toc = write_rerun_config(source, runs, municipality, year)
        build_html(source, config, toc, [REFERENCES], out)
    return out / "html" / "index.html"


def write_static(static: Path) -> None:
    """Put the vega libraries in the book's static folder (rewritten only when they change)."""
    static.mkdir(parents=True, exist_ok=True)
    for item in (BOOK / "_static").iterdir() if static != BOOK / "_static" else []:
        if item.is_file() and item.name != BUNDLE_NAME:
            shutil.copyfile(item, static / item.name)
    target = static / BUNDLE_NAME
    if not target.is_file() or _first_line(target) != bundle_header():
        target.write_text(javascript_bundle(), encoding="utf-8")


def _first_line(path: Path) -> str:
    with path.open(encoding="utf-8") as handle:
        return handle.readline().rstrip("\n")


def write_rerun_config(source: Path, runs, municipality: str, year) -> tuple[Path, Path]:
    """Config, table of contents and landing page of a rerun book."""
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    title = f"Collective prevention in {municipality}" + (f", {year}" if year else "")
    config["title"] = safe_title(title)  # the theme puts it into pages unescaped
    config["bibtex_bibfiles"] = [str(REFERENCES)]
    (source / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    (source / "index.md").write_text(_rerun_landing(runs, municipality, year), encoding="utf-8")
    toc = {"format": "jb-book", "root": "index", "chapters": [{"file": r.page} for r in runs]}
    (source / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
    return source / "_config.yml", source / "_toc.yml"


def _rerun_landing(runs, municipality: str, year) -> str:
    """The landing page of a rerun book; the municipality is user input, so it is escaped.

    The theme copies the landing page's heading as plain text, unescaped, into the
    sidebar of every page, so the heading leaves out ``<`` and ``>`` (as page titles do,
    `safe_title`); the body shows the name as typed. When the workbook says it holds synthetic
    data (title property or README sheet), the page opens with a warning that says so.
    """
    name = escape(municipality)
    heading = escape(safe_title(municipality))
    when = f" ({escape(year)})" if year else ""
    chapters = "\n".join(f"- {{doc}}`{r.page}`" for r in runs)
    workbooks = {r.parameters["inventory_path"] for r in runs if r.parameters.get("inventory_path")}
    warning = (
        ":::{admonition} SYNTHETIC EXAMPLE — fictional data\n:class: warning\n\n"
        "The inventory workbook behind this book says that it is a synthetic example: its "
        "municipality, interventions, organisations and numbers are made up and describe "
        "no real place.\n:::\n\n"
        if any(is_synthetic(Path(path)) for path in sorted(workbooks))
        else ""
    )
    return (
        f"# Collective prevention in {heading}{when}\n\n"
        f"{warning}"
        "This book was made with `make rerun` from the reproducible report on collective "
        "preventive interventions. It applies the inventory analysis of the Amersfoort study "
        f"(Verwey-Jonker Instituut, 2024) to the inventory workbook of {name}. "
        "Chapters about Amersfoort's twelve case studies are left out: they rest on "
        "Amersfoort's own interviews and documents.\n\n"
        f"{chapters}\n"
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "rerun"
