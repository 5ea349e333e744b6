"""The cache key's edge cases, written for the mutants `test_cache_key.py` missed.

Relative imports of package ``__init__`` files and ones that climb above the top package,
names outside the package, an indented magic line, parameters that JSON cannot write and
their order, and compiled-code folders. The expected import sets are worked out by hand.
"""

import datetime

import nbformat
import pytest

from helpers.pipeline.cache import ImportGraph, files_under, run_keys, template_code
from helpers.pipeline.plan import Run

FILES = {
    "toolkit/__init__.py": "",
    "toolkit/units.py": "RATE = 0.5\n",
    "toolkit/spare.py": "X = 1\n",
    # a package whose __init__ reaches one level up: ..units is toolkit.units
    "toolkit/model/__init__.py": "from ..units import RATE\n",
    # two levels up from a module of the top package is above it: Python refuses it
    "toolkit/odd.py": "from ..toolkit import spare\n",
    # a sibling folder of the package: never part of the key
    "other/__init__.py": "",
    "other/tools.py": "Y = 2\n",
}


@pytest.fixture
def source(tmp_path):
    for name, text in FILES.items():
        (tmp_path / "src" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "src" / name).write_text(text, encoding="utf-8")
    return tmp_path / "src"


def closure(source, code):
    graph = ImportGraph(source, "toolkit")
    return graph.closure(graph.modules_of_code(code))


def test_a_package_init_resolves_its_relative_import_from_itself(source):
    assert closure(source, "import toolkit.model") == {
        "toolkit",
        "toolkit.model",
        "toolkit.units",
    }


def test_a_relative_import_above_the_top_package_is_not_followed(source):
    assert closure(source, "import toolkit.odd") == {"toolkit", "toolkit.odd"}


def test_modules_outside_the_package_are_left_out(source):
    code = "import other\nimport other.tools\nfrom other import tools\nimport toolkit.units"
    assert closure(source, code) == {"toolkit", "toolkit.units"}


def test_a_source_folder_that_is_a_package_itself_adds_nothing(source):
    (source / "__init__.py").write_text("", encoding="utf-8")
    assert closure(source, "import toolkit.units") == {"toolkit", "toolkit.units"}


def test_indented_magics_and_shell_lines_are_left_out(tmp_path):
    notebook = nbformat.v4.new_notebook()
    code = "  %matplotlib inline\nimport toolkit.units\n\t!ls\nx = 1"
    notebook.cells = [nbformat.v4.new_code_cell(code)]
    nbformat.write(notebook, tmp_path / "t.ipynb")
    assert template_code(tmp_path / "t.ipynb") == "import toolkit.units\nx = 1"


def test_compiled_code_folders_are_not_fingerprinted(source):
    cache = source / "toolkit" / "__pycache__"
    cache.mkdir()
    (cache / "units.cpython-312.pyc").write_bytes(b"\0")
    assert files_under([source / "toolkit"]) == sorted(
        source / "toolkit" / name
        for name in ("__init__.py", "units.py", "spare.py", "model/__init__.py", "odd.py")
    )


# -- the parameters in the key ----------------------------------------------------------------


@pytest.fixture
def key(tmp_path, source):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("import toolkit.units")]
    nbformat.write(notebook, tmp_path / "t.ipynb")

    def key_of(parameters):
        run = Run("r", tmp_path / "t.ipynb", "p/r", "Title", parameters, ())
        return run_keys([run], ImportGraph(source, "toolkit"))[run]

    return key_of


def test_parameter_order_does_not_change_the_key(key):
    assert key({"rate": 1, "years": 5}) == key({"years": 5, "rate": 1})
    assert key({"s": {"a": 1, "b": 2}}) == key({"s": {"b": 2, "a": 1}})


def test_parameters_json_cannot_write_still_give_a_key(key):
    first, second = datetime.date(2024, 1, 1), datetime.date(2025, 1, 1)
    assert key({"start": first}) == key({"start": first})
    assert key({"start": first}) != key({"start": second})
