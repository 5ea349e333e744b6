"""The cache key: every part of it matters, and helper code counts only when imported.

A small package (``toolkit``) written by the tests stands in for ``src/helpers``; the
expected import sets are worked out by hand from its files. The last tests copy the
real ``src/helpers`` and edit the copy: the Excel-template writer, then the savings model.
"""

import shutil
from dataclasses import replace
from pathlib import Path

import nbformat
import pytest

from helpers.pipeline.cache import ImportGraph, imported_files, run_keys, template_code
from helpers.pipeline.plan import Run, load_plan

ROOT = Path(__file__).resolve().parents[2]

TOOLKIT = {
    "toolkit/__init__.py": "",
    "toolkit/units.py": "RATE = 0.5\n",
    "toolkit/writer.py": "from toolkit.units import RATE\n",  # imported by nobody
    "toolkit/text.py": "from . import units\n",
    "toolkit/report.py": "def show():\n    import toolkit.text as text\n    return text\n",
    "toolkit/model/__init__.py": "from .core import run\n",
    "toolkit/model/core.py": "from ..units import RATE\n\ndef run():\n    return RATE\n",
    "toolkit/model/spare.py": "X = 1\n",  # in the model package, imported by nobody
    "toolkit/chapters/__init__.py": "",
    "toolkit/chapters/savings.py": "from toolkit.model import run\n",
}
# what importing toolkit.chapters.savings runs, by hand: the packages on its path, itself,
# toolkit.model (its __init__ imports .core) and what core imports (..units)
SAVINGS_CLOSURE = {
    "toolkit",
    "toolkit.chapters",
    "toolkit.chapters.savings",
    "toolkit.model",
    "toolkit.model.core",
    "toolkit.units",
}


def write_files(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def make_template(path: Path, *cells: str) -> Path:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(code) for code in cells]
    nbformat.write(notebook, path)
    return path


def append(path: Path, text: str = "\n# edited\n") -> None:
    path.write_text(path.read_text() + text)


def add_markdown(template: Path, text: str) -> None:
    notebook = nbformat.read(template, as_version=4)
    notebook.cells.append(nbformat.v4.new_markdown_cell(text))
    nbformat.write(notebook, template)


@pytest.fixture
def source(tmp_path) -> Path:
    return write_files(tmp_path / "src", TOOLKIT)


def graph(source: Path) -> ImportGraph:
    return ImportGraph(source, "toolkit")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("from toolkit.chapters import savings", SAVINGS_CLOSURE),  # a module, by from-import
        ("from toolkit.chapters.savings import run", SAVINGS_CLOSURE),  # a name of a module
        ("import toolkit.chapters.savings as s", SAVINGS_CLOSURE),
        # report imports toolkit.text inside a function; text does `from . import units`
        (
            "from toolkit.report import show",
            {"toolkit", "toolkit.report", "toolkit.text", "toolkit.units"},
        ),  # fmt: skip
        # a submodule the package __init__ does not import: the __init__ and what it imports
        (
            "import toolkit.model.spare",
            {
                "toolkit",
                "toolkit.model",
                "toolkit.model.core",
                "toolkit.model.spare",
                "toolkit.units",
            },
        ),  # fmt: skip
        ("import pandas\nfrom toolkit import units\nx = 1", {"toolkit", "toolkit.units"}),
        ("import json", set()),
    ],
)
def test_imports_are_followed_through_the_graph(source, code, expected):
    g = graph(source)
    assert g.closure(g.modules_of_code(code)) == expected


def test_unreadable_code_depends_on_every_module(source):
    g = graph(source)
    every = {
        name.removesuffix(".py").removesuffix("/__init__").replace("/", ".") for name in TOOLKIT
    }
    assert g.closure(g.modules_of_code("from toolkit import (")) == every


def test_template_code_skips_magics_and_markdown(tmp_path, source):
    template = make_template(tmp_path / "t.ipynb", "%matplotlib inline\n!ls\nimport toolkit.text")
    add_markdown(template, "import toolkit.writer")
    assert template_code(template).strip() == "import toolkit.text"
    files = imported_files(template, graph(source))
    assert files == sorted(source / n for n in ("toolkit/__init__.py", "toolkit/text.py",
                                                 "toolkit/units.py"))  # fmt: skip


# -- every part of the key ------------------------------------------------------------------


@pytest.fixture
def keyed(tmp_path, source):
    """A run and a function giving its key now; each part of the run can then be changed."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "rates.csv").write_text("case,rate\na,0.5\n")
    single = tmp_path / "single.txt"
    single.write_text("one")
    template = make_template(
        tmp_path / "savings.ipynb", "rate = 1", "from toolkit.chapters import savings\nprint(rate)"
    )
    run = Run("r", template, "p/r", "Savings", {"rate": 1}, (folder, single))
    return run, lambda r=run: run_keys([r], graph(source))[r]


CHANGES = {
    "template text": lambda run, src: add_markdown(run.template, "A new paragraph."),
    "template code": lambda run, src: make_template(run.template, "rate = 2"),
    "imported module": lambda run, src: append(src / "toolkit/chapters/savings.py"),
    "transitive import": lambda run, src: append(src / "toolkit/units.py"),
    "package __init__": lambda run, src: append(src / "toolkit/model/__init__.py"),
    "top package __init__": lambda run, src: append(src / "toolkit/__init__.py"),
    "declared data file": lambda run, src: append(run.data[1], "two"),
    "file in a declared folder": lambda run, src: append(run.data[0] / "rates.csv", "b,1\n"),
    "new file in a declared folder": lambda run, src: (run.data[0] / "new.csv").write_text(""),
}


@pytest.mark.parametrize("part", CHANGES)
def test_changing_a_part_changes_the_key(keyed, source, part):
    run, key = keyed
    before = key()
    CHANGES[part](run, source)
    assert key() != before, f"the key ignores the {part}"


@pytest.mark.parametrize(
    ("part", "changed"),
    [
        ("parameters", {"parameters": {"rate": 2}}),
        ("parameter types", {"parameters": {"rate": "1"}}),
        ("title", {"title_template": "Savings, again"}),
        ("declared data list", {"data": ()}),
    ],
)
def test_changing_the_run_changes_the_key(keyed, part, changed):
    run, key = keyed
    assert key(replace(run, **changed)) != key(), f"the key ignores the {part}"


@pytest.mark.parametrize("module", ["toolkit/writer.py", "toolkit/model/spare.py"])
def test_editing_a_module_nobody_imports_keeps_the_key(keyed, source, module):
    run, key = keyed
    before = key()
    append(source / module)
    assert key() == before


def test_the_key_is_stable(keyed):
    _, key = keyed
    assert key() == key()


# -- the real project ------------------------------------------------------------------------


@pytest.fixture
def real_copy(tmp_path):
    """A copy of src/helpers to edit, and the plan's keys computed against it."""
    source = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "helpers", source / "helpers",
                    ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    runs = load_plan()
    return source, runs, lambda: run_keys(runs, ImportGraph(source))


def changed_runs(real_copy, module: str) -> set[str]:
    source, runs, keys = real_copy
    before = keys()
    append(source / "helpers" / module)
    after = keys()
    return {run.name for run in runs if before[run] != after[run]}


def test_editing_the_excel_template_writer_changes_no_key(real_copy):
    assert changed_runs(real_copy, "tools/template.py") == set()


def test_editing_the_savings_model_changes_only_the_savings_pages(
    real_copy, savings_model, not_savings
):
    changed = changed_runs(real_copy, savings_model(real_copy[0]))
    assert {"savings-cautious", "savings-optimistic"} <= changed
    assert not changed & not_savings
    assert not {name for name in changed if name.startswith("case-")}


def test_editing_the_package_init_changes_every_key(real_copy):
    _, runs, _ = real_copy
    assert changed_runs(real_copy, "__init__.py") == {run.name for run in runs}
