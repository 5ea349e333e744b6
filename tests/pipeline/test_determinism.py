"""Deterministic builds: every run of the plan, executed twice, gives the same notebook.

The only differences allowed are those the nbval sanitize rules remove
(``tests/nbval_sanitize.cfg``, parsed by `helpers.tools.notebook_diff.sanitize_rules`); no other
rule is added here. Executing the whole plan twice takes about a minute on two cores.
"""

import time

import nbformat
import pytest

from helpers.pipeline.execute import execute_all, page_path, stored_key
from helpers.pipeline.plan import load_plan
from helpers.tools.notebook_diff import SANITIZE_FILE, diff, sanitize_rules


def _notebook(path, text):
    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("print('x')")
    cell.id = "cell-0"
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text)]
    notebook.cells = [cell]
    nbformat.write(notebook, path)
    return path


def test_sanitize_rules_are_read_from_the_nbval_file():
    rules = sanitize_rules(SANITIZE_FILE)
    assert rules, "tests/nbval_sanitize.cfg has no rules"
    for pattern, replacement in rules:
        assert pattern.pattern and isinstance(replacement, str)


def test_diff_ignores_only_what_the_rules_remove(tmp_path):
    a = _notebook(tmp_path / "a.ipynb", "done in 1.5 s at 0x7f3a2b\n")
    b = _notebook(tmp_path / "b.ipynb", "done in 2.25 s at 0x7f00ff\n")
    c = _notebook(tmp_path / "c.ipynb", "done in 2.25 s at 0x7f00ff, 137 rows\n")
    assert diff(a, b) == ""
    assert "137 rows" in diff(b, c)


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    runs = load_plan()
    root = tmp_path_factory.mktemp("determinism")
    started = time.monotonic()
    for name in ("first", "second"):
        execute_all(runs, root / name, root / f"{name}-failed", jobs=2, force=True)
    print(f"\n{len(runs)} runs executed twice in {time.monotonic() - started:.0f} s")
    return runs, root / "first", root / "second"


def test_every_run_executes_to_the_same_notebook_twice(two_builds):
    runs, first, second = two_builds
    rules = sanitize_rules()
    differences = []
    for run in runs:
        a, b = page_path(first, run), page_path(second, run)
        text = diff(a, b, rules)
        if text:
            keys = {stored_key(a), stored_key(b)}
            why = " (its inputs changed while the test ran)" if len(keys) > 1 else ""
            differences.append(f"--- {run.name} ({run.page}){why}:\n{text[:4000]}")
    assert not differences, "notebooks differ between two executions:\n" + "\n".join(differences)
