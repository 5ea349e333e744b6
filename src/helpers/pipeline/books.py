"""The books the pipeline makes: the Amersfoort book, a rerun book for one municipality's
inventory, and a compare book over several.

A rerun or compare book never shows where its inputs lie: each workbook is validated,
then copied to ``_build/inputs/<sha256 prefix>/<file name>`` and the notebooks read that
copy, so pages, captions and executed notebooks name the file, never a user's folder.
"""

from __future__ import annotations

import fnmatch
import os
import re
import shutil
import sys
import time
import unicodedata
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import yaml

from helpers.chapters.missing import SHEET_NAME
from helpers.chapters.rerun import Input, landing, project_version, sha256
from helpers.errors import InputError
from helpers.inputs.report import console_report
from helpers.inputs.workbook import read_inventory
from helpers.page.charts import BUNDLE_NAME, PNG_SWITCH, bundle_header, javascript_bundle
from helpers.page.i18n import Language
from helpers.paths import AMERSFOORT, BOOK, BUILD, DATA, ROOT
from helpers.pipeline.build import build_html, build_lock
from helpers.pipeline.execute import execute_all, page_path, safe_title
from helpers.pipeline.plan import PlanError, Run, for_inventory, load_plan
from helpers.tools.downloads import (
    DOWNLOADS,
    build_workbook,
    notebook_tables,
    write_tables_workbook,
)

CONFIG = ROOT / "_config.yml"
TOC = ROOT / "_toc.yml"
REFERENCES = DATA / "references.bib"
INPUTS = BUILD / "inputs"
PHASE_NOTEBOOKS = "notebooks done in"  # the two phases' times, on stderr (bench/batch.py)
PHASE_HTML = "downloads and HTML done in"
RERUN_ONLY = "only_in_rerun"  # a plan entry's rerun mapping may say: not in the main book
MISSING_TEMPLATE = "09_what_is_missing.ipynb"
COMPARE_TEMPLATE = ROOT / "notebooks" / "10_comparison.ipynb"


def main_book(jobs: int, force: bool, only: str | None = None) -> Path:
    """Execute the run plan into ``book/`` and build ``_build/html``.

    With ``only`` (a name pattern), execute just the matching runs and build no HTML.
    """
    runs = main_runs(load_plan())
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


def main_runs(runs: list[Run]) -> list[Run]:
    """The runs of the Amersfoort book: all but those marked for rerun books only."""
    return [run for run in runs if not (run.rerun or {}).get(RERUN_ONLY)]


def safe_name(text: str) -> str:
    """A folder name that keeps the letters: 'Súdwest-Fryslân' -> 'sudwest-fryslan'."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:80] or "rerun"


def unique_names(places: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(name, page slug) per (municipality, file name); a repeated name gets its file name."""
    names, slugs = [], []
    for name, file in places:
        name = f"{name} ({file})" if name in names else name
        slug = safe_name(name)
        while slug in slugs:
            slug += "-2"
        names.append(name)
        slugs.append(slug)
    return list(zip(names, slugs, strict=True))


def _cover(inventory, key: str):
    """A field of the workbook's cover sheet, when the reader found one."""
    cover = getattr(inventory, "cover", None)
    value = cover.get(key) if isinstance(cover, dict) else getattr(cover, key, None)
    return value or None


def prepare(paths: list[Path], language: str = "en") -> list[tuple[object, Input, str]]:
    """Validate every workbook (all problems of all files at once), then stage a copy.

    Prints each readable workbook's report (every notice); returns (inventory, its Input,
    the copy's path relative to the project root).
    """
    problems, notices, read = [], [], []
    for path in paths:
        try:
            read.append((Path(path), read_inventory(path)))
        except InputError as exc:
            problems.extend(exc.problems)
            notices.extend(exc.warnings)
    if problems:
        raise InputError(problems, notices)
    for _, inventory in read:
        print(console_report(inventory, language), end="\n\n")
    staged = []
    for path, inventory in read:
        digest = sha256(path)
        copy = INPUTS / digest[:16] / path.name
        if not copy.is_file():
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, copy)
        name = str(_cover(inventory, "municipality") or path.stem)
        warnings = tuple(w.line(language) for w in inventory.warnings)
        entry = Input(name, path.name, digest, warnings, copy)
        staged.append((inventory, entry, copy.relative_to(ROOT).as_posix()))
    return staged


def _localised(runs: list[Run], relative: str, t: Language) -> list[Run]:
    """Runs reading the staged copy, in the book's language, without the plan's markers."""
    done = []
    for run in runs:
        parameters = {k: v for k, v in run.parameters.items() if k != RERUN_ONLY}
        parameters["inventory_path"] = relative
        if "language" in parameters:
            parameters["language"] = t.code
        data = (ROOT / relative, *run.data[1:])
        done.append(
            replace(run, parameters=parameters, data=data, title_template=t._(run.title_template))
        )
    return done


def rerun_book(
    inventory: Path, municipality: str, year, out, jobs: int, force: bool, language: str = "en"
) -> Path:
    """Run every inventory chapter on another workbook and build its own book in ``out``."""
    t = Language(language)
    [(read, entry, relative)] = prepare([inventory], t.code)
    municipality = municipality or entry.name
    year = year or _cover(read, "year")
    out = Path(out) if out else BUILD / "rerun" / safe_name(municipality)
    runs = _localised(for_inventory(load_plan(), Path(relative), municipality, year), relative, t)
    title = t._("Collective prevention in {municipality}").format(municipality=municipality)
    title += f", {year}" if year else ""
    entry = replace(entry, name=municipality)
    return _build(out.resolve(), runs, title, [entry], t, jobs, force)


def compare_book(inventories: list[Path], out, jobs: int, force: bool, language: str = "en"):
    """One book over several workbooks: an inventory page each and a comparison chapter."""
    t = Language(language)
    staged = prepare(inventories, t.code)
    [template] = [run for run in load_plan() if run.name == "inventory"]
    runs, pairs = [], []
    named = unique_names([(entry.name, entry.file) for _, entry, _ in staged])
    for (_, _, relative), (name, slug) in zip(staged, named, strict=True):
        [run] = _localised(for_inventory([template], Path(relative), name, None), relative, t)
        runs.append(replace(run, name=f"inventory-{slug}", page=f"generated/places/{slug}"))
        pairs.append([name, relative])
    comparison = Run(
        name="comparison",
        template=COMPARE_TEMPLATE,
        page="generated/comparison",
        title_template=t._("Comparing the municipalities"),
        parameters={"workbooks": pairs, "language": t.code},
        data=(*(ROOT / p for _, p in pairs), AMERSFOORT / "figures"),
    )
    title = t._("Collective prevention in {n} municipalities").format(n=len(staged))
    out = Path(out) if out else BUILD / "compare"
    entries = [entry for _, entry, _ in staged]
    return _build(out.resolve(), [comparison, *runs], title, entries, t, jobs, force)


def _build(out: Path, runs, title: str, inputs: list[Input], t: Language, jobs, force) -> Path:
    source = out / "source"
    with build_lock(out):
        write_static(source / "_static")
        started = time.monotonic()
        with _charts_without_png():
            execute_all(runs, source, out / "failed", jobs=jobs, force=force)
        print(f"{PHASE_NOTEBOOKS} {time.monotonic() - started:.1f} s", file=sys.stderr)
        started = time.monotonic()
        config, toc = write_rerun_config(source, runs, title, inputs, t)
        write_tables_workbook(source, toc)
        write_missing_sheet(source, runs)
        build_html(source, config, toc, [REFERENCES], out)
        print(f"{PHASE_HTML} {time.monotonic() - started:.1f} s", file=sys.stderr)
    return out / "html" / "index.html"


@contextmanager
def _charts_without_png():
    """Rerun and compare books have no PDF, so their charts need no PNG (0.1-0.3 s each).

    The notebooks' kernels inherit the environment variable from the pipeline's workers.
    """
    saved = os.environ.get(PNG_SWITCH)
    os.environ[PNG_SWITCH] = "0"
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(PNG_SWITCH)
        else:
            os.environ[PNG_SWITCH] = saved


def write_missing_sheet(source: Path, runs) -> None:
    """The chase list of the 'What is missing' page as its own Excel file."""
    for run in runs:
        if run.template.name == MISSING_TEMPLATE:
            tables = notebook_tables(page_path(source, run), run.page)
            target = source / DOWNLOADS / SHEET_NAME
            target.parent.mkdir(parents=True, exist_ok=True)
            build_workbook(tables[-1:]).save(target)


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


def write_rerun_config(source: Path, runs, title: str, inputs, t: Language):
    """Config, table of contents and landing page of a rerun or compare book."""
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    config["title"] = safe_title(title)  # the theme puts it into pages unescaped
    config["bibtex_bibfiles"] = [str(REFERENCES)]
    config["sphinx"]["config"]["language"] = t.code
    config["sphinx"]["config"]["smartquotes"] = False  # 's-Hertogenbosch looks alike everywhere
    (source / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    stamp = (datetime.now(UTC).date().isoformat(), project_version())
    page = landing(title, inputs, [r.page for r in runs], stamp, t)
    (source / "index.md").write_text(page, encoding="utf-8")
    toc = {"format": "jb-book", "root": "index", "chapters": [{"file": r.page} for r in runs]}
    (source / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
    return source / "_config.yml", source / "_toc.yml"
