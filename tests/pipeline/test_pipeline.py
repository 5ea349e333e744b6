"""The pipeline on small notebooks made by the tests: cache, failure path, parallel runs."""

import fnmatch
import json
from dataclasses import replace
from pathlib import Path

import nbformat
import pytest
import yaml

from helpers.pipeline.books import main_runs
from helpers.pipeline.build import BuildError, build_html, build_lock
from helpers.pipeline.cache import ImportGraph
from helpers.pipeline.execute import (
    STARTUP_ATTEMPTS,
    STARTUP_DEATH,
    RunFailed,
    execute_all,
    execute_one,
    page_path,
)
from helpers.pipeline.plan import PlanError, Run, for_inventory, load_plan


def make_template(path: Path, body: str) -> Path:
    """A template whose first code cell is its parameters cell."""
    notebook = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell('data_file = ""\nlabel = "default"')
    parameters.metadata["tags"] = ["parameters"]
    notebook.cells = [parameters, nbformat.v4.new_code_cell(body)]
    notebook.metadata["kernelspec"] = {
        "name": "prevention-book",
        "display_name": "Python",
        "language": "python",
    }
    nbformat.write(notebook, path)
    return path


@pytest.fixture
def project(tmp_path):
    data = tmp_path / "numbers.txt"
    data.write_text("1 2 3")
    template = make_template(
        tmp_path / "sum.ipynb",
        "from pathlib import Path\n"
        "print(label, sum(int(x) for x in Path(data_file).read_text().split()))",
    )
    runs = [
        Run(
            f"sum-{i}",
            template,
            f"pages/sum-{i}",
            f"Sum {{label}} {i}",
            {"data_file": str(data), "label": f"L{i}"},
            (data,),
        )
        for i in range(3)
    ]
    return tmp_path, data, runs


def outputs(path: Path):
    notebook = nbformat.read(path, as_version=4)
    return [c.get("outputs") for c in notebook.cells if c.cell_type == "code"]


def test_executes_then_hits_cache_then_misses_after_data_change(project):
    root, data, runs = project
    first = execute_all(runs, root / "book", root / "failed", jobs=2)
    assert [o.status for o in first] == ["executed"] * 3
    page = page_path(root / "book", runs[0])
    assert "L0 6" in json.dumps(outputs(page))
    again = execute_all(runs, root / "book", root / "failed", jobs=2)
    assert [o.status for o in again] == ["cached"] * 3
    data.write_text("1 2 3 4")
    changed = execute_all(runs, root / "book", root / "failed", jobs=2)
    assert [o.status for o in changed] == ["executed"] * 3
    assert "L0 10" in json.dumps(outputs(page))
    forced = execute_all(runs, root / "book", root / "failed", jobs=2, force=True)
    assert [o.status for o in forced] == ["executed"] * 3


def statuses(outcomes) -> dict[str, str]:
    return {o.run.name: o.status for o in outcomes}


def test_template_or_parameter_change_re_executes(project):
    root, _, runs = project
    book = root / "book"
    execute_all(runs, book, root / "failed", jobs=2)
    changed = [runs[0], replace(runs[1], parameters={**runs[1].parameters, "label": "M1"}), runs[2]]
    assert statuses(execute_all(changed, book, root / "failed", jobs=2)) == {
        "sum-0": "cached", "sum-1": "executed", "sum-2": "cached"}  # fmt: skip
    assert "M1 6" in json.dumps(outputs(page_path(book, runs[1])))
    make_template(runs[0].template, "print('new template', label)")
    assert set(statuses(execute_all(changed, book, root / "failed", jobs=2)).values()) == {
        "executed"
    }
    assert "new template L0" in json.dumps(outputs(page_path(book, runs[0])))


def test_only_pages_importing_an_edited_helper_re_execute(tmp_path, monkeypatch):
    source = tmp_path / "src" / "toolkit"
    source.mkdir(parents=True)
    modules = {
        "__init__": "",
        "rates": "RATE = 21\n",
        "model": "from toolkit.rates import RATE\n\ndef value():\n    return 2 * RATE\n",
        "text": "def word():\n    return 'hello'\n",
        "writer": "def write():\n    return None\n",  # like the Excel-template writer
    }
    for name, code in modules.items():
        (source / f"{name}.py").write_text(code)
    monkeypatch.setenv("PYTHONPATH", str(source.parent))  # for the notebooks' kernels
    bodies = {
        "model": "from toolkit.model import value\nprint(label, value())",
        "text": "from toolkit import text\nprint(label, text.word())",
        "plain": "print(label)",
    }
    runs = [
        Run(name, make_template(tmp_path / f"{name}.ipynb", body), f"p/{name}", name, {})
        for name, body in bodies.items()
    ]
    graph = ImportGraph(source.parent, "toolkit")

    def build() -> dict[str, str]:
        return statuses(execute_all(runs, tmp_path / "book", tmp_path / "failed", 2, graph=graph))

    assert build() == {"model": "executed", "text": "executed", "plain": "executed"}
    (source / "writer.py").write_text("def write():\n    return 1\n")
    assert build() == {"model": "cached", "text": "cached", "plain": "cached"}
    (source / "rates.py").write_text("RATE = 22\n")  # imported by model, not by the notebook
    assert build() == {"model": "executed", "text": "cached", "plain": "cached"}
    assert "default 44" in json.dumps(outputs(page_path(tmp_path / "book", runs[0])))
    (source / "__init__.py").write_text("# the package itself\n")
    assert build() == {"model": "executed", "text": "executed", "plain": "cached"}


def test_a_failing_notebook_cancels_the_runs_not_started(project):
    root, _, runs = project
    broken = replace(runs[0], template=make_template(root / "broken.ipynb", "1 / 0"))
    more = [replace(runs[1], name=f"more-{i}", page=f"pages/more-{i}") for i in range(3)]
    plan = [broken, *runs[1:], *more]
    with pytest.raises(RunFailed, match="ZeroDivisionError"):
        execute_all(plan, root / "book", root / "failed", jobs=1)
    executed = [run.name for run in plan if page_path(root / "book", run).exists()]
    assert executed == []  # one worker: nothing else was running when the first run failed


def test_page_gets_title_and_hides_parameter_cells(project):
    root, _, runs = project
    execute_all(runs[:1], root / "book", root / "failed", jobs=1)
    notebook = nbformat.read(page_path(root / "book", runs[0]), as_version=4)
    assert notebook.cells[0].cell_type == "markdown"
    assert notebook.cells[0].source == "# Sum L0 0"
    hidden = [c for c in notebook.cells if "remove-cell" in c.metadata.get("tags", [])]
    tags = [set(c.metadata["tags"]) for c in hidden]
    assert {"parameters", "remove-cell"} in tags
    assert {"injected-parameters", "remove-cell"} in tags
    assert "papermill" not in notebook.metadata


def test_parallel_and_serial_runs_give_the_same_pages(project):
    root, _, runs = project
    execute_all(runs, root / "parallel", root / "failed", jobs=3)
    execute_all(runs, root / "serial", root / "failed", jobs=1)
    for run in runs:
        parallel = page_path(root / "parallel", run).read_bytes()
        assert parallel == page_path(root / "serial", run).read_bytes()


def test_failing_notebook_names_cell_keeps_copy_and_previous_page(project):
    root, data, runs = project
    execute_all(runs[:1], root / "book", root / "failed", jobs=1)
    good = page_path(root / "book", runs[0]).read_bytes()
    data.write_text("1 two 3")
    with pytest.raises(RunFailed) as failure:
        execute_all(runs[:1], root / "book", root / "failed", jobs=1)
    message = str(failure.value)
    assert "sum-0" in message and "'label': 'L0'" in message
    assert "cell:" in message and "ValueError" in message
    assert (root / "failed" / "pages" / "sum-0.ipynb").is_file()
    assert page_path(root / "book", runs[0]).read_bytes() == good


def test_failed_book_build_keeps_last_good_html(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    (source / "index.md").write_text("# Hello\n\nA page.\n")
    config = tmp_path / "_config.yml"
    config.write_text(
        'title: T\nexecute:\n  execute_notebooks: "off"\nonly_build_toc_files: true\n'
    )
    toc = tmp_path / "_toc.yml"
    toc.write_text("format: jb-book\nroot: index\n")
    build = tmp_path / "_build"
    assert build_html(source, config, toc, [], build) is True
    index = (build / "html" / "index.html").read_bytes()
    assert build_html(source, config, toc, [], build) is False  # nothing changed
    toc.write_text("format: jb-book\nroot: index\nchapters:\n- file: missing-page\n")
    with pytest.raises(BuildError, match="last good book"):
        build_html(source, config, toc, [], build)
    assert (build / "html" / "index.html").read_bytes() == index


def test_second_build_at_once_is_refused(tmp_path):
    refused = pytest.raises(BuildError, match="Another build is running")
    with build_lock(tmp_path), refused, build_lock(tmp_path):
        pass


def test_run_plan_expands_foreach_and_rejects_mistakes(tmp_path):
    make_template(tmp_path / "t.ipynb", "print(label)")
    (tmp_path / "rows.csv").write_text("key,number,name\nalpha,1,Alpha page\nbeta,2,Beta page\n")
    plan = tmp_path / "plan.yml"
    plan.write_text(
        f"runs:\n- name: page-{{key}}\n  template: {tmp_path}/t.ipynb\n"
        f"  foreach: {tmp_path}/rows.csv\n  page: p/{{number:02d}}-{{key}}\n"
        "  title: '{name}'\n  parameters: {label: '{key}', n: '{number}'}\n"
    )
    runs = load_plan(plan)
    assert [r.page for r in runs] == ["p/01-alpha", "p/02-beta"]
    assert [r.title for r in runs] == ["Alpha page", "Beta page"]
    assert runs[0].parameters == {"label": "alpha", "n": 1}
    plan.write_text(f"runs:\n- name: x\n  template: {tmp_path}/nope.ipynb\n  page: x\n  title: X\n")
    with pytest.raises(PlanError, match="does not exist"):
        load_plan(plan)


def toc_entries(node) -> list[str]:
    """Every file and glob pattern named anywhere in a _toc.yml structure."""
    if isinstance(node, dict):
        own = [node[k] for k in ("file", "glob", "root") if k in node]
        return own + [e for v in node.values() for e in toc_entries(v)]
    if isinstance(node, list):
        return [e for item in node for e in toc_entries(item)]
    return []


def test_the_real_plan_loads_and_every_page_is_in_the_toc():
    runs = main_runs(load_plan())  # rerun-only chapters are in rerun books, not this toc
    toc = yaml.safe_load((Path(__file__).parents[2] / "_toc.yml").read_text())
    patterns = toc_entries(toc)
    for run in runs:
        assert any(fnmatch.fnmatch(run.page, p) for p in patterns), run.page
    assert len({r.title for r in runs}) == len(runs)


def test_rerun_plan_keeps_inventory_runs_only(tmp_path):
    workbook = tmp_path / "x.xlsx"
    runs = for_inventory(load_plan(), workbook, "Zonnedal", 2025)
    assert runs and all(r.rerun is not None for r in runs)
    assert all(r.parameters["inventory_path"] == str(workbook) for r in runs)
    assert all("Zonnedal" in r.title or "{" not in r.title_template for r in runs)


def flaky_papermill(monkeypatch, errors: list[Exception]):
    """papermill whose first calls raise the given errors, then runs for real."""
    import papermill

    real, calls = papermill.execute_notebook, []

    def execute(*args, **kwargs):
        calls.append(args)
        if len(calls) <= len(errors):
            raise errors[len(calls) - 1]
        return real(*args, **kwargs)

    monkeypatch.setattr(papermill, "execute_notebook", execute)
    return calls


def test_a_kernel_that_dies_at_start_up_is_started_again(project, monkeypatch):
    root, _, runs = project
    calls = flaky_papermill(monkeypatch, [RuntimeError(STARTUP_DEATH)] * 2)
    outcome = execute_one(runs[0], "key", root / "book", root / "failed")
    assert outcome.status == "executed" and len(calls) == 3
    assert "L0 6" in json.dumps(outputs(page_path(root / "book", runs[0])))


def test_a_kernel_that_keeps_dying_or_another_error_is_reported_not_retried(project, monkeypatch):
    root, _, runs = project
    calls = flaky_papermill(monkeypatch, [RuntimeError(STARTUP_DEATH)] * STARTUP_ATTEMPTS)
    outcome = execute_one(runs[0], "key", root / "book", root / "failed")
    assert outcome.status == "failed" and STARTUP_DEATH in outcome.error
    assert len(calls) == STARTUP_ATTEMPTS
    calls = flaky_papermill(monkeypatch, [RuntimeError("Kernel died")])
    outcome = execute_one(runs[1], "key", root / "book", root / "failed")
    assert outcome.status == "failed" and len(calls) == 1
