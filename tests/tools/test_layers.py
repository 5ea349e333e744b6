"""The layers of src/helpers import only downwards: inputs, page, chapters, tools, pipeline."""

import ast
from pathlib import Path

from helpers.paths import ROOT

PACKAGE = ROOT / "src" / "helpers"
#: Each layer may import the shared modules, itself and the layers before it.
LAYERS = ("inputs", "page", "chapters", "tools", "pipeline")
SHARED = {"errors", "paths", "locale"}
#: Known crossings, each with its reason (a candidate for a shared "words" layer).
ALLOWED = {
    ("inputs/cells.py", "page"): "validation notices word amounts with the book's one "
    "qualifier map and number formats (page.i18n), in English and Dutch",
}


def imported_layers(path: Path) -> set[str]:
    """The first part under ``helpers`` of every module ``path`` imports (anywhere in it)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        found |= {n.split(".")[1] for n in names if n.startswith("helpers.") and "." in n}
    return found


def upward_imports(package: Path) -> list[tuple[str, str]]:
    """(module, layer) pairs where a module imports a layer above its own."""
    wrong = []
    for index, layer in enumerate(LAYERS):
        allowed = SHARED | set(LAYERS[: index + 1])
        for path in sorted((package / layer).rglob("*.py")):
            name = path.relative_to(package).as_posix()
            wrong += [(name, used) for used in imported_layers(path) - allowed
                      if (name, used) not in ALLOWED]  # fmt: skip
    return wrong


def test_every_layer_imports_only_downwards():
    assert upward_imports(PACKAGE) == []


def test_an_upward_import_is_found(tmp_path):
    for layer in LAYERS:
        (tmp_path / layer).mkdir()
    (tmp_path / "inputs" / "reader.py").write_text("def f():\n    from helpers.page import text\n")
    (tmp_path / "page" / "fine.py").write_text("import helpers.inputs.reader\n")
    assert upward_imports(tmp_path) == [("inputs/reader.py", "page")]
