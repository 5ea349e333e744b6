"""What the README promises about `make book`, checked on a scratch copy of the project.

The copy (code, notebooks, data, book sources, configuration) is built once with the
command `make book` runs; each test then works on its own copy of that build, its
``src`` first on PYTHONPATH so the pipeline and the notebooks' kernels use the copied
code. Promises: only runs whose inputs changed are executed (template, parameters,
helper code it imports); ``FORCE=1`` re-executes everything; a failing notebook stops the
others and keeps the last good ``_build/html``; the build never writes into ``data/``.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COPIED = ("_config.yml", "_toc.yml", "book", "data", "notebooks", "runplan.yml", "src")
SKIPPED = shutil.ignore_patterns("__pycache__", "generated", "vega-bundle.js", "downloads")
SUMMARY = re.compile(r"^(\S+): (executed|cached|failed)\b", re.MULTILINE)


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def book(
    project: Path, *options: str, jobs: int = 2, only: str = ""
) -> subprocess.CompletedProcess:
    """``make book`` in ``project``: the pipeline command the Makefile runs.

    ``only`` executes just the runs whose names match, and builds no HTML (faster).
    """
    env = {**os.environ, "PYTHONPATH": str(project / "src")}
    command = [sys.executable, "-m", "helpers.pipeline", "--jobs", str(jobs), *options, "book"]
    command += ["--only", only] if only else []
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)


def statuses(result: subprocess.CompletedProcess) -> dict[str, str]:
    """What happened to each run, from the one-line summaries the build prints."""
    return dict(SUMMARY.findall(result.stdout))


def executed(result: subprocess.CompletedProcess) -> set[str]:
    return {name for name, status in statuses(result).items() if status == "executed"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A built scratch copy, its data/ before the build, and the names of the plan's runs."""
    project = tmp_path_factory.mktemp("promises") / "project"
    project.mkdir()
    for name in COPIED:
        source = ROOT / name
        copy = shutil.copytree if source.is_dir() else shutil.copy2
        copy(source, project / name, **({"ignore": SKIPPED} if source.is_dir() else {}))
    data = snapshot(project / "data")
    result = book(project)
    assert result.returncode == 0, result.stderr
    runs = statuses(result)
    assert runs and set(runs.values()) == {"executed"}, result.stdout
    return project, data, set(runs)


@pytest.fixture
def project(built, tmp_path):
    """A private copy of the built project, for a test that edits it."""
    copy = tmp_path / "project"
    shutil.copytree(built[0], copy, symlinks=True)
    return copy


def test_the_build_never_writes_into_data(built):
    project, before, _ = built
    assert snapshot(project / "data") == before


def test_nothing_changed_nothing_executed(built, project):
    html = snapshot(project / "_build" / "html")
    result = book(project)
    assert result.returncode == 0, result.stderr
    assert statuses(result) == dict.fromkeys(built[2], "cached")
    assert "HTML unchanged" in result.stdout
    assert snapshot(project / "_build" / "html") == html


def test_editing_the_excel_template_writer_executes_nothing(built, project):
    writer = project / "src" / "helpers" / "tools" / "template.py"
    writer.write_text(writer.read_text() + "\n# edited\n")
    result = book(project)
    assert result.returncode == 0, result.stderr
    assert statuses(result) == dict.fromkeys(built[2], "cached")


def test_editing_the_savings_model_executes_only_its_pages(
    built, project, savings_model, not_savings
):
    model = project / "src" / "helpers" / savings_model(project / "src")
    model.write_text(model.read_text() + "\n# edited\n")
    result = book(project)
    assert result.returncode == 0, result.stderr
    done = executed(result)
    assert {"savings-cautious", "savings-optimistic"} <= done
    assert not done & not_savings
    assert not {name for name in done if name.startswith("case-")}
    assert "HTML built" in result.stdout
    assert snapshot(project / "data") == built[1]


def test_a_parameter_or_template_change_executes_that_run(project):
    plan_file = project / "runplan.yml"
    plan = yaml.safe_load(plan_file.read_text())
    (entry,) = [e for e in plan["runs"] if e["name"] == "savings-cautious"]
    entry["parameters"]["discount_rate"] = 0.03
    plan_file.write_text(yaml.safe_dump(plan, sort_keys=False))
    assert statuses(book(project, only="savings-*")) == {
        "savings-cautious": "executed", "savings-optimistic": "cached"}  # fmt: skip
    template = project / "notebooks" / "04_savings.ipynb"
    notebook = nbformat.read(template, as_version=4)
    notebook.cells.append(nbformat.v4.new_markdown_cell("A new closing paragraph."))
    nbformat.write(notebook, template)
    result = book(project, only="savings-*")
    assert statuses(result) == dict.fromkeys(["savings-cautious", "savings-optimistic"], "executed")
    page = project / "book" / "generated" / "savings" / "optimistic.ipynb"
    assert "A new closing paragraph." in page.read_text()


def test_make_force_re_executes_every_run(project):
    makefile = subprocess.run(
        ["make", "-n", "-f", str(ROOT / "Makefile"), "book", "FORCE=1", "INSTALLED="],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    (line,) = [row for row in makefile.stdout.splitlines() if "helpers.pipeline" in row]
    assert "--force" in line.split() and line.split()[-1] == "book"
    plain = subprocess.run(
        ["make", "-n", "-f", str(ROOT / "Makefile"), "book", "INSTALLED="],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert "--force" not in plain.stdout
    result = book(project, "--force", only="case-s*")  # three pages, all cached before
    cases = ["case-stevig-ouderschap", "case-samen-actief", "case-sociaal-vitaal-in-kleur"]
    assert statuses(result) == dict.fromkeys(cases, "executed")


def test_a_failing_notebook_stops_the_others_and_keeps_the_last_good_book(built, project):
    html = snapshot(project / "_build" / "html")
    pages = snapshot(project / "book" / "generated")
    template = project / "notebooks" / "01_inventory.ipynb"  # the first run of the plan
    notebook = nbformat.read(template, as_version=4)
    notebook.cells.insert(1, nbformat.v4.new_code_cell('raise RuntimeError("planted failure")'))
    nbformat.write(notebook, template)
    result = book(project, "--force", jobs=1)  # every run is stale; the first one fails
    assert result.returncode == 1
    assert "Notebook failed: inventory" in result.stderr and "planted failure" in result.stderr
    assert "Traceback" not in result.stderr
    assert statuses(result) == {"inventory": "failed"}, result.stdout
    assert "not started after the failure" in result.stdout
    assert (project / "_build" / "failed" / "generated" / "inventory.ipynb").is_file()
    assert snapshot(project / "_build" / "html") == html
    assert snapshot(project / "book" / "generated") == pages
    assert snapshot(project / "data") == built[1]
