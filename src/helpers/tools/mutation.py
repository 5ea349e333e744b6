"""Mutation testing of the core modules with mutmut 3 (`make mutation`).

Each module is mutated in a scratch copy of the project (``_build/mutation/<module>``)
and checked against the fast tests that cover it, so a run fits two shared cores. The
results of each module are kept as JSON beside its copy; `tests/mutation-results.md`
is written from every module that has results, so modules can be run one at a time:

    python -m helpers.tools.mutation [--jobs N] [module ...]

Every surviving mutant is listed with a reason: the one recorded for it in
``tests/mutation-reasons.csv``, or "error message wording only" when the mutant changes
nothing but the text of an error, or else "no test notices it: a test to add".
"""

from __future__ import annotations

import argparse
import ast
import csv
import difflib
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from helpers.paths import BUILD, ROOT

WORK = BUILD / "mutation"
RESULTS = ROOT / "tests" / "mutation-results.md"
REASONS = ROOT / "tests" / "mutation-reasons.csv"
COPIED = ("src", "tests", "data", "notebooks", "pyproject.toml", "runplan.yml", "_toc.yml")
ALSO_COPY = ["data/", "notebooks/", "runplan.yml", "_toc.yml"]
KILLED = {1, 3, 36, 24, -24, 152, 255}  # test failure, pytest error, timeouts
MESSAGE_ONLY = "error message wording only (behaviour unchanged; tests match key words)"
TO_ADD = "no test notices it: a test to add"

#: Run before every test in the scratch copy: results cached by ``functools.lru_cache``
#: in the parent process would otherwise hide a mutant from the forked test processes.
CLEAR_CACHES = """

@pytest.fixture(autouse=True)
def _clear_helper_caches():
    for name, module in list(sys.modules.items()):
        if name.startswith("helpers."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()
"""


@dataclass(frozen=True)
class Target:
    """A module to mutate and the fast tests (globs) that cover it."""

    path: str
    tests: tuple[str, ...]


TARGETS = {
    "dutch_numbers": Target(
        "src/helpers/inputs/dutch_numbers.py", ("tests/inputs/test_dutch_numbers*.py",)
    ),
    "finance": Target("src/helpers/chapters/finance.py", ("tests/chapters/test_finance*.py",)),
    "reconciliation_rules": Target(
        "src/helpers/chapters/reconciliation_rules.py", ("tests/chapters/test_reconciliation*.py",)
    ),
    "savings_model": Target(
        "src/helpers/chapters/savings_model.py", ("tests/chapters/test_savings*.py",)
    ),
    "workbook_rows": Target(
        "src/helpers/inputs/rows.py",
        ("tests/inputs/test_messy_workbooks.py", "tests/inputs/test_rows_mutants.py"),
    ),
    "cache": Target("src/helpers/pipeline/cache.py", ("tests/pipeline/test_cache_key*.py",)),
}


def test_files(target: Target, root: Path = ROOT) -> list[str]:
    """The test files of ``target`` that exist, relative to ``root``."""
    found = {p.relative_to(root).as_posix() for g in target.tests for p in root.glob(g)}
    return sorted(found)


def mutmut_config(target: Target, tests: list[str]) -> str:
    """The ``[tool.mutmut]`` section for one module."""
    return (
        "\n[tool.mutmut]\n"
        'source_paths = ["src/"]\n'
        f"only_mutate = {json.dumps([target.path])}\n"
        f"pytest_add_cli_args_test_selection = {json.dumps(tests)}\n"
        'pytest_add_cli_args = ["-q", "-p", "no:cacheprovider"]\n'
        f"also_copy = {json.dumps(ALSO_COPY)}\n"
    )


def prepare(name: str, target: Target, tests: list[str]) -> Path:
    """A fresh scratch copy of the project set up to mutate one module."""
    folder = WORK / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for item in COPIED:
        source = ROOT / item
        if source.is_dir():
            shutil.copytree(source, folder / item, ignore=ignore)
        elif source.is_file():
            shutil.copy2(source, folder / item)
    with (folder / "pyproject.toml").open("a", encoding="utf-8") as handle:
        handle.write(mutmut_config(target, tests))
    with (folder / "tests" / "conftest.py").open("a", encoding="utf-8") as handle:
        handle.write(CLEAR_CACHES)
    return folder


def function_sources(mutated: Path) -> dict[str, str]:
    """Source of every function in mutmut's copy of a module, by name (mutants included)."""
    text = mutated.read_text(encoding="utf-8")
    return {
        node.name: ast.get_source_segment(text, node) or ""
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }


def changed_lines(sources: dict[str, str], key: str) -> list[str]:
    """The lines a mutant removes (``-``) and adds (``+``), from mutmut's copy of the module."""
    name = key.rpartition(".")[2]
    original_name = name.rpartition("__mutmut_")[0] + "__mutmut_orig"
    mutant = sources.get(name, "").replace(name, original_name, 1)
    diff = difflib.unified_diff(
        sources.get(original_name, "").splitlines(), mutant.splitlines(), n=0
    )
    return [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def only_message_changed(lines: list[str]) -> bool:
    """Whether a mutant changes nothing but the text of an error message."""
    removed = [line[1:] for line in lines if line.startswith("-")]
    added = [line[1:] for line in lines if line.startswith("+")]
    if len(removed) != 1 or len(added) != 1:
        return False
    strip = re.compile(r"(f?)(\"[^\"]*\"|'[^']*')")
    same_code = strip.sub("S", removed[0]) == strip.sub("S", added[0])
    in_error = any(word in removed[0] for word in ("raise", "Error(", "problem", "message"))
    return same_code and in_error


def run_module(name: str, jobs: int) -> dict:
    """Mutate one module, run its tests on every mutant; its results as a dict."""
    target = TARGETS[name]
    tests = test_files(target)
    if not tests:
        return {"module": name, "path": target.path, "tests": [], "mutants": {}}
    folder = prepare(name, target, tests)
    mutmut = [str(Path(sys.executable).parent / "mutmut")]
    subprocess.run(
        [*mutmut, "run", "--max-children", str(jobs)],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        check=False,
    )
    return collect(name, tests)


def collect(name: str, tests: list[str]) -> dict:
    """The results mutmut recorded in a module's scratch copy, also of a stopped run
    (mutants it had not checked yet are left out and counted as unchecked)."""
    target = TARGETS[name]
    mutated = WORK / name / "mutants" / target.path
    meta = mutated.with_name(mutated.name + ".meta")
    codes = (
        json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"] if meta.exists() else {}
    )
    sources = function_sources(mutated) if codes else {}
    mutants = {}
    for key, code in sorted(codes.items()):
        if code is None:
            continue
        entry = {"exit_code": code}
        if code not in KILLED:
            entry["diff"] = changed_lines(sources, key)
        mutants[key] = entry
    result = {"module": name, "path": target.path, "tests": tests, "mutants": mutants}
    result["unchecked"] = len(codes) - len(mutants)
    (WORK / f"{name}.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    return result


def read_reasons(path: Path = REASONS) -> dict[str, str]:
    """Reviewed reasons for surviving mutants: mutant name -> reason."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["mutant"]: row["reason"] for row in csv.DictReader(handle)}


def reason_for(key: str, entry: dict, reasons: dict[str, str]) -> str:
    """Why a mutant survived."""
    if key in reasons:
        return reasons[key]
    if entry["exit_code"] in (5, 33):
        return "no test runs this code: a test to add"
    return MESSAGE_ONLY if only_message_changed(entry.get("diff", [])) else TO_ADD


def report(results: list[dict], reasons: dict[str, str]) -> str:
    """The markdown of ``tests/mutation-results.md``."""
    lines = [
        "# Mutation testing results",
        "",
        f"Written by `make mutation` (mutmut {version('mutmut')}; see "
        "`src/helpers/tools/mutation.py`). A mutant is *killed* when at least one test fails "
        "(or times out) with it; the tests run are the fast ones listed per module. A module "
        "marked *not run* has no results yet: it has no fast tests, or its run did not fit "
        "the time (run `make mutation MODULES=name`).",
        "",
        "| module | tests | mutants | killed | survived | killed % |",
        "|---|---|---:|---:|---:|---:|",
    ]
    total = killed_total = 0
    survivors = []
    for result in results:
        mutants = result["mutants"]
        killed = sum(1 for e in mutants.values() if e["exit_code"] in KILLED)
        total, killed_total = total + len(mutants), killed_total + killed
        share = f"{100 * killed / len(mutants):.1f}" if mutants else "not run"
        if result.get("unchecked"):
            share += f" (stopped: {result['unchecked']} mutants not checked)"
        tests = ", ".join(f"`{t}`" for t in result["tests"]) or "no fast tests yet"
        lines.append(
            f"| `{result['path']}` | {tests} | {len(mutants)} | {killed} | "
            f"{len(mutants) - killed} | {share} |"
        )
        left = [(k, e) for k, e in mutants.items() if e["exit_code"] not in KILLED]
        if left:
            survivors += [("", {"heading": f"### `{result['path']}` ({len(left)})"}), *left]
    share = 100 * killed_total / total if total else 0.0
    lines += ["", f"Total: {total} mutants, {killed_total} killed ({share:.1f} %)", ""]
    lines += ["## Surviving mutants", ""]
    for key, entry in survivors:
        if "heading" in entry:
            lines += ["", entry["heading"], ""]
            continue
        lines.append(f"- `{key}`: {reason_for(key, entry, reasons)}")
        lines += [f"  `{line.strip()[:140]}`" for line in entry.get("diff", [])[:4]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help=f"some of: {', '.join(TARGETS)}")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="rewrite the results file; collect what the named modules' runs recorded",
    )
    args = parser.parse_args(argv)
    unknown = sorted(set(args.modules) - set(TARGETS))
    if unknown:
        parser.error(f"unknown module(s) {', '.join(unknown)}; choose from {', '.join(TARGETS)}")
    for name in args.modules if args.report_only else []:
        collect(name, test_files(TARGETS[name]))  # e.g. of a run stopped for lack of time
    for name in [] if args.report_only else args.modules or list(TARGETS):
        print(f"mutating {name} ...", flush=True)
        run_module(name, args.jobs)
    results = [
        json.loads((WORK / f"{n}.json").read_text(encoding="utf-8"))
        if (WORK / f"{n}.json").exists()
        else {"module": n, "path": t.path, "tests": test_files(t), "mutants": {}}
        for n, t in TARGETS.items()
    ]
    RESULTS.write_text(report(results, read_reasons()), encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
