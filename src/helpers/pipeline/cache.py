"""Cache keys: a run is re-executed only when something it depends on has changed.

A run depends on its template, its parameters, its title, the data files it declares and
the helper modules its template imports, followed through the import graph: the imports
of the template's code cells, then the imports of those modules, and so on (read with
`ast`, never by importing). Importing ``helpers.a.b`` also runs ``helpers/__init__.py``
and ``helpers/a/__init__.py``, so package ``__init__`` files count too. Imports inside
functions count as well: a static reading cannot tell which functions a notebook calls.
Only ``import`` statements are followed (not ``importlib``). Jupyter Book's own cache
looks at code cells only; this one also sees the helper code and the data.
"""

from __future__ import annotations

import ast
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

import nbformat

from helpers.paths import ROOT, shown

SOURCE = ROOT / "src"
PACKAGE = "helpers"


def files_under(paths: Iterable[Path]) -> list[Path]:
    """Every file in the given files and folders, sorted, ignoring caches."""
    found = set()
    for path in paths:
        candidates = path.rglob("*") if path.is_dir() else [path]
        found.update(p for p in candidates if p.is_file() and "__pycache__" not in p.parts)
    return sorted(found)


def fingerprint(paths: Iterable[Path]) -> str:
    """A hash of the names and contents of every file under ``paths``."""
    digest = hashlib.sha256()
    for path in files_under(paths):
        digest.update(shown(path).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


class ImportGraph:
    """The modules of one package (``src/helpers``) and what each of them imports."""

    def __init__(self, source: Path = SOURCE, package: str = PACKAGE):
        self.source = source
        self.package = package
        self._imports: dict[str, set[str]] = {}

    def path(self, module: str) -> Path | None:
        """The file of ``module`` (``a.b`` -> ``a/b.py`` or ``a/b/__init__.py``), if any."""
        base = self.source.joinpath(*module.split("."))
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.is_file():
                return candidate
        return None

    def modules_of_code(self, code: str) -> set[str]:
        """The package's modules that ``code`` (top-level code, not a module) imports."""
        return self._imported(code, context=None)

    def closure(self, modules: Iterable[str]) -> set[str]:
        """``modules``, their parent packages and everything they import, transitively."""
        seen: set[str] = set()
        todo = [m for name in modules for m in self._with_parents(name)]
        while todo:
            module = todo.pop()
            if module in seen:
                continue
            seen.add(module)
            todo.extend(m for name in self._imports_of(module) for m in self._with_parents(name))
        return seen

    def all_modules(self) -> set[str]:
        """Every module of the package (the safe answer when code cannot be read)."""
        root = self.source / self.package
        return {
            ".".join(p.relative_to(self.source).with_suffix("").parts).removesuffix(".__init__")
            for p in files_under([root])
            if p.suffix == ".py"
        }

    def _with_parents(self, module: str) -> list[str]:
        parts = module.split(".")
        names = [".".join(parts[:n]) for n in range(1, len(parts) + 1)]
        return [name for name in names if self.path(name) is not None]

    def _imports_of(self, module: str) -> set[str]:
        if module not in self._imports:
            path = self.path(module)
            context = (module, path.name == "__init__.py")
            self._imports[module] = self._imported(path.read_text(encoding="utf-8"), context)
        return self._imports[module]

    def _imported(self, code: str, context: tuple[str, bool] | None) -> set[str]:
        """Module names of the package imported by ``code``; ``context`` = (module, is package)."""
        try:
            tree = ast.parse(code)
        except SyntaxError:  # cannot tell what it imports: depend on everything
            return self.all_modules()
        found = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = _absolute(node, context)
                if base is not None:
                    found.add(base)
                    found.update(f"{base}.{alias.name}" for alias in node.names)
        package = self.package
        return {
            name
            for name in found
            if (name == package or name.startswith(package + ".")) and self.path(name)
        }


def _absolute(node: ast.ImportFrom, context: tuple[str, bool] | None) -> str | None:
    """The absolute module a ``from ... import`` reads from; None if it cannot be resolved."""
    if not node.level:
        return node.module
    if context is None:  # a relative import outside a package
        return None
    module, is_package = context
    parts = module.split(".") if is_package else module.split(".")[:-1]
    if node.level - 1 > len(parts) - 1:
        return None
    parts = parts[: len(parts) - (node.level - 1)]
    return ".".join([*parts, *([node.module] if node.module else [])])


def template_code(template: Path) -> str:
    """The code cells of a notebook template, IPython magics and shell lines left out."""
    notebook = nbformat.read(template, as_version=4)
    cells = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    lines = "\n".join(cells).splitlines()
    return "\n".join(line for line in lines if not line.lstrip().startswith(("%", "!")))


def imported_files(template: Path, graph: ImportGraph) -> list[Path]:
    """The helper modules a template runs when executed, with their package ``__init__``s."""
    modules = graph.closure(graph.modules_of_code(template_code(template)))
    return sorted(graph.path(module) for module in modules)


def run_key(run, helper_code: str) -> str:
    """The cache key of one run; ``helper_code`` fingerprints the modules its template imports."""
    digest = hashlib.sha256()
    digest.update(fingerprint([run.template]).encode())
    digest.update(json.dumps(run.parameters, sort_keys=True, default=str).encode())
    digest.update(run.title.encode())
    digest.update(helper_code.encode())
    digest.update(fingerprint(run.data).encode())
    return digest.hexdigest()


def run_keys(runs, graph: ImportGraph | None = None) -> dict:
    """The cache key of every run; each template's imports are followed once."""
    graph = graph or ImportGraph()
    code = {
        template: fingerprint(imported_files(template, graph))
        for template in {run.template for run in runs}
    }
    return {run: run_key(run, code[run.template]) for run in runs}
