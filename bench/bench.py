"""make bench: how fast is the book pipeline, against Jupyter Book's own execution?

Everything runs in a scratch COPY of the project (src, notebooks, data, book, configs;
no _build, no book/generated), so the working tree and its build are never touched, and
"cold" really is cold. The copy's ``src`` comes first on PYTHONPATH, so the pipeline,
the notebooks' kernels and Jupyter Book all use the copied code. Measured:

a. cold ``make book``: ``python -m helpers.pipeline --jobs N book`` after removing
   ``_build``, ``book/generated`` and the vega bundle (as ``make clean``)
b. a rebuild with no change
c. a rebuild after one data file changed: a newline appended to
   ``data/amersfoort-2024/case_texts/bouwdepot.md``
d. a rebuild after the Excel-template writer (``src/helpers/tools/template.py``) changed:
   no notebook imports it, so nothing should be re-executed
e. a rebuild after the savings model changed: only the pages whose templates import it
   (directly or through other helper modules) should be re-executed
f. the baseline: the same pages, prepared with papermill (``prepare_only``: the templates
   with their parameters injected, plus the title cell the pipeline adds), built by
   ``jupyter-book build`` with ``execute_notebooks: force``, and with ``cache`` (cold
   cache, no change, and after the same data change — Jupyter Book's cache looks only
   at code cells, so it does not re-execute then)
g. the inventory chapter (papermill run of ``notebooks/01_inventory.ipynb``) on synthetic
   workbooks of 1,000, 10,000 and 50,000 rows

For c, d and e a line is appended to the file and removed again after each measured
rebuild (in a ``finally``); an unmeasured rebuild then returns to the baseline. The note
of each row says how many runs the measured rebuild re-executed (counted from the
pipeline's one-line summaries).

For each run: wall time; peak memory of the whole process tree (RSS summed over every
process, sampled every 0.1 s); and the peak RSS of the largest single process (``wait4``
rusage). Medians are reported. Results go to ``bench/results.md`` and
``bench/results.json`` (``--quick``: fewer repetitions, ``results-quick.*``). The bench is
a script (with ``bench_measure.py`` and ``bench_report.py`` beside it), not part of
``src/helpers``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench_measure import MIB, BenchError, Measurement, measure, run_quiet
from bench_report import git_commit, machine, write_results

REPO = Path(__file__).resolve().parents[1]
PY = sys.executable
KERNEL = "prevention-book"
CHANGED_FILE = Path("data/amersfoort-2024/case_texts/bouwdepot.md")
TEMPLATE_WRITER = Path("src/helpers/tools/template.py")
# the business-case model: savings.py, being split into savings_*.py modules
SAVINGS_MODEL = (
    Path("src/helpers/chapters/savings_model.py"),
    Path("src/helpers/chapters/savings.py"),
)
CODE_EDIT = b"\n# edited by the bench\n"
COPIED = ("Makefile", "_config.yml", "_toc.yml", "book", "data", "notebooks", "pyproject.toml",
          "requirements.txt", "runplan.yml", "src")  # fmt: skip
IGNORED = shutil.ignore_patterns(
    "__pycache__", "*.pyc", ".ipynb_checkpoints", "generated", "vega-bundle.js", "downloads"
)

# -- the scratch project -------------------------------------------------------------------


def make_copy(scratch: Path) -> Path:
    copy = scratch / "project"
    copy.mkdir()
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=IGNORED)
        elif source.exists():
            shutil.copy2(source, copy / name)
    return copy


def clean(copy: Path) -> None:
    """What ``make clean`` removes."""
    shutil.rmtree(copy / "_build", ignore_errors=True)
    shutil.rmtree(copy / "book" / "generated", ignore_errors=True)
    (copy / "book" / "_static" / "vega-bundle.js").unlink(missing_ok=True)


def copy_env(copy: Path) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(copy / "src"), env.get("PYTHONPATH", "")]).rstrip(
        os.pathsep
    )
    env.pop("COVERAGE_PROCESS_START", None)
    return env


def prepare_baseline(copy: Path, dest: Path) -> None:
    """(runs inside the copy) the plan's pages as prepared notebooks: Jupyter Book's input."""
    import nbformat
    import papermill

    from helpers.paths import BOOK
    from helpers.pipeline.books import write_static
    from helpers.pipeline.execute import finish_page
    from helpers.pipeline.plan import load_plan

    shutil.copytree(BOOK, dest, ignore=IGNORED)
    write_static(dest / "_static")
    for run in load_plan():
        target = dest / f"{run.page}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        papermill.execute_notebook(
            str(run.template),
            str(target),
            parameters=run.parameters,
            prepare_only=True,
            kernel_name=KERNEL,
            language="python",
            progress_bar=False,
        )
        finish_page(target, run, "baseline")
        notebook = nbformat.read(target, as_version=4)
        notebook.metadata.pop("prevention_book", None)
        nbformat.write(notebook, target)


def baseline_config(copy: Path, mode: str) -> Path:
    import yaml

    config = yaml.safe_load((copy / "_config.yml").read_text(encoding="utf-8"))
    config["execute"] = {"execute_notebooks": mode, "timeout": 1800}
    path = copy / f"_config-{mode}.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def jupyter_book(copy: Path, source: Path, config: Path, output: Path) -> list[str]:
    return [
        str(Path(PY).with_name("jupyter-book")), "build", str(source), "--config", str(config),
        "--toc", str(copy / "_toc.yml"), "--path-output", str(output), "--keep-going", "-q",
    ]  # fmt: skip


# -- the bench -----------------------------------------------------------------------------


def bench(
    quick: bool, jobs: int, sizes: list[int], scratch: Path, baseline: bool = True
) -> list[Measurement]:
    copy = make_copy(scratch)
    env = copy_env(copy)
    log = scratch / "bench.log"
    book = [PY, "-m", "helpers.pipeline", "--jobs", str(jobs), "book"]
    n_cold, n_fast, n_change, n_force = (1, 3, 1, 1) if quick else (3, 5, 3, 3)
    results: list[Measurement] = []

    def step(m: Measurement) -> Measurement:
        results.append(m)
        print(f"  {m.label}: median {m.median:.1f} s over {len(m.samples)} run(s), "
              f"peak {m.tree_peak:.0f} MiB", flush=True)  # fmt: skip
        return m

    print(f"scratch copy: {copy}", flush=True)
    # (a) cold
    cold = Measurement("cold", "(a) cold `make book` (clean _build, book/generated)")
    for _ in range(n_cold):
        clean(copy)
        cold.samples.append(measure(book, copy, env, log))
    step(cold)
    # (a') the HTML step alone: every page cached, _build removed
    html_only = Measurement("html_only", "(a') HTML step alone (pages cached, _build removed)")
    for _ in range(n_cold):
        shutil.rmtree(copy / "_build", ignore_errors=True)
        html_only.samples.append(measure(book, copy, env, log))
    html_only.note = "jupyter-book build of the executed pages; serial in both pipelines"
    step(html_only)
    # (b) no change
    nochange = Measurement("nochange", "(b) rebuild, nothing changed")
    nochange.samples = [measure(book, copy, env, log) for _ in range(n_fast)]
    step(nochange)
    # (c) one data file changed; (d), (e) one helper module changed
    changed = copy / CHANGED_FILE
    if not changed.is_file():
        raise BenchError(f"{CHANGED_FILE} is not in the project: cannot measure (c)")
    edit = Edit(copy, env, log, book, n_change)
    step(edit.rebuild("change", "(c) rebuild after `{}` changed", CHANGED_FILE, b"\n"))
    step(edit.rebuild("edit_template_writer", "(d) rebuild after the Excel-template writer "
                      "`{}` changed", TEMPLATE_WRITER))  # fmt: skip
    model = next(p for p in SAVINGS_MODEL if (copy / p).is_file())
    step(edit.rebuild("edit_savings_model", "(e) rebuild after the savings model `{}` changed",
                      model))  # fmt: skip

    if baseline:
        jupyter_book_baseline(copy, env, log, scratch, n_fast, n_change, n_force, step)

    # (g) the inventory chapter on synthetic workbooks
    from helpers.tools.synthetic import synthetic_inventory, write_inventory_workbook

    template = copy / "notebooks" / "01_inventory.ipynb"
    runner = (
        "import json, sys, papermill; papermill.execute_notebook(sys.argv[1], sys.argv[2], "
        "parameters=json.loads(sys.argv[3]), kernel_name=sys.argv[4], cwd=sys.argv[5], "
        "progress_bar=False)"
    )
    for rows in sizes:
        workbook = write_inventory_workbook(
            synthetic_inventory(rows, seed=rows), scratch / f"synthetic-{rows}.xlsx"
        )
        parameters = {"inventory_path": str(workbook), "municipality": "Zonnedal (synthetic)",
                      "year": 2025, "published_report": ""}  # fmt: skip
        command = [PY, "-c", runner, str(template), str(scratch / f"inventory-{rows}.ipynb"),
                   json.dumps(parameters), KERNEL, str(copy)]  # fmt: skip
        m = Measurement(f"inventory_{rows}", f"(g) inventory chapter, {rows:,} rows")
        m.samples = [measure(command, copy, env, log) for _ in range(1 if quick else 3)]
        size = (scratch / f"inventory-{rows}.ipynb").stat().st_size / MIB
        m.note = f"papermill incl. kernel start; executed notebook {size:.1f} MiB"
        step(m)
    return results


def jupyter_book_baseline(copy, env, log, scratch, n_fast, n_change, n_force, step):
    """(f) Jupyter Book's own execution of the same pages, force and cache modes."""
    changed = copy / CHANGED_FILE
    original = changed.read_bytes()
    source = copy / "jb-baseline"  # a sibling of book/, so ../data paths in the config hold
    shutil.rmtree(source, ignore_errors=True)
    prep = [PY, str(Path(__file__).resolve()), "--prepare-baseline", str(source)]
    run_quiet(prep, copy, env, log)
    force = Measurement("jb_force", "(f) Jupyter Book, `execute_notebooks: force` (cold)")
    for i in range(n_force):
        output = scratch / f"jb-force-{i}"
        force.samples.append(
            measure(
                jupyter_book(copy, source, baseline_config(copy, "force"), output), copy, env, log
            )  # fmt: skip
        )
    force.note = "Jupyter Book executes the notebooks one after another"
    step(force)
    cache_cfg = baseline_config(copy, "cache")
    output = scratch / "jb-cache"
    command = jupyter_book(copy, source, cache_cfg, output)
    cache_cold = Measurement("jb_cache_cold", "(f) Jupyter Book, `cache`, empty cache")
    cache_cold.samples = [measure(command, copy, env, log)]
    step(cache_cold)
    cache_warm = Measurement("jb_cache_nochange", "(f) Jupyter Book, `cache`, nothing changed")
    cache_warm.samples = [measure(command, copy, env, log) for _ in range(n_fast)]
    step(cache_warm)
    cache_change = Measurement(
        "jb_cache_change", f"(f) Jupyter Book, `cache`, after `{CHANGED_FILE}` changed"
    )
    for _ in range(n_change):
        try:
            changed.write_bytes(original + b"\n")
            cache_change.samples.append(measure(command, copy, env, log))
        finally:
            changed.write_bytes(original)
        run_quiet(command, copy, env, log)
    cache_change.note = (
        "Jupyter Book's cache hashes code cells only: a data change does not re-execute "
        "anything, so its pages would go stale"
    )
    step(cache_change)


class Edit:
    """Rebuilds of the scratch copy after one file is edited (restored after each)."""

    def __init__(self, copy: Path, env: dict, log: Path, book: list[str], repetitions: int):
        self.copy, self.env, self.log, self.book = copy, env, log, book
        self.repetitions = repetitions

    def rebuild(self, key: str, label: str, relative: Path, added: bytes = CODE_EDIT):
        """Append ``added`` to the file, time a rebuild, count the runs it re-executed."""
        path = self.copy / relative
        original = path.read_bytes()
        result = Measurement(key, label.format(relative))
        counts = []
        for _ in range(self.repetitions):
            start = self.log.stat().st_size if self.log.exists() else 0
            try:
                path.write_bytes(original + added)
                result.samples.append(measure(self.book, self.copy, self.env, self.log))
            finally:
                path.write_bytes(original)
            with self.log.open("rb") as handle:
                handle.seek(start)
                counts.append(handle.read().count(b": executed in "))
            run_quiet(self.book, self.copy, self.env, self.log)  # back to the baseline
        result.note = f"{'/'.join(map(str, sorted(set(counts))))} runs re-executed"
        return result


# -- reporting -----------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, 1,000 rows")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--sizes", default=None, help="comma-separated row counts for (e)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    parser.add_argument(
        "--no-baseline", action="store_true", help="skip (f), Jupyter Book's own execution"
    )
    parser.add_argument("--prepare-baseline", metavar="DEST", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.prepare_baseline:
        prepare_baseline(Path.cwd(), Path(args.prepare_baseline))
        return 0
    default_sizes = "1000" if args.quick else "1000,10000,50000"
    sizes = [int(s) for s in (args.sizes or default_sizes).split(",") if s]
    suffix = "-quick" if args.quick else ""
    out_md = REPO / "bench" / f"results{suffix}.md"
    out_json = REPO / "bench" / f"results{suffix}.json"
    meta = {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "quick": args.quick,
        "jobs": args.jobs,
        "machine": machine(),
        "git": git_commit(),
    }
    scratch = Path(tempfile.mkdtemp(prefix="book-bench-"))
    started = time.monotonic()
    try:
        from helpers.pipeline.plan import load_plan

        meta["runs"] = len(load_plan())
        results = bench(args.quick, args.jobs, sizes, scratch, not args.no_baseline)
    except BenchError as exc:
        print(f"bench failed: {exc}\n(scratch kept: {scratch})", file=sys.stderr)
        return 1
    meta["seconds"] = time.monotonic() - started
    meta["load_average_end"] = os.getloadavg()
    write_results(results, meta, out_md, out_json)
    if not args.keep:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"results: {out_md.relative_to(REPO)}, {out_json.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
