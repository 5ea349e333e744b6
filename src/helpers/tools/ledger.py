"""The ledger of published numbers: every number the book shows, in one reviewable CSV.

The numbers come from the executed notebooks (``book/generated``, after ``make book``):

* table cells: the data each table output carries under `TABLE_MIME`;
* chart data: the numbers in the Vega-Lite spec of each chart (data rows and the starting
  values of its sliders);
* key findings: the numbers in the "Key findings" admonitions.

Each number is one row ``page, label, value``, in page order and then output order, so a
diff of the ledger shows each changed number. ``make test`` compares the built book with
the committed ledger (``python -m helpers.tools.ledger check``); ``make ledger`` rewrites it
after an intended change (``python -m helpers.tools.ledger write``). ``make pins``
(``python -m helpers.tools.ledger pins``) rewrites the reconciliation's pinned statuses,
values and gaps, ``tests/reconciliation_expected.csv``.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import nbformat

from helpers.page.callouts import KEY_FINDINGS
from helpers.page.tables import TABLE_MIME
from helpers.paths import BOOK, DATA, ROOT

LEDGER = ROOT / "tests" / "ledger.csv"
PINS = ROOT / "tests" / "reconciliation_expected.csv"
COLUMNS = ["page", "label", "value"]
PIN_COLUMNS = ["figure_id", "status", "published", "recomputed", "gap"]
SPEC = re.compile(r"var spec = (\{.*\});\n")
NUMBER = re.compile(r"[−-]?[€~<>]?\d[\d,.]*(?:\s?%)?")
ADMONITION = re.compile(r"::::\{admonition\} " + re.escape(KEY_FINDINGS) + r"\n(.*?)\n::::", re.S)
LONG_TEXT = 60
SHOWN_DIFFERENCES = 40


def short(text: str, width: int = 50) -> str:
    """One line of at most ``width`` characters."""
    line = " ".join(str(text).split())
    return line if len(line) <= width else line[: width - 1] + "…"


def shown_value(value) -> str | None:
    """How a value is recorded: numbers canonically, short text with digits as it is, the
    numbers inside longer text joined; ``None`` when it holds no number."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return f"{value:.10g}"
    text = " ".join(str(value).split())
    if not any(ch.isdigit() for ch in text):
        return None
    return text if len(text) <= LONG_TEXT else " · ".join(NUMBER.findall(text))


def table_entries(number: int, table: dict) -> Iterator[tuple[str, str]]:
    """(label, value) of every number in one table: caption, row name and column."""
    caption = short(table["caption"].split(";")[0], 40)
    for row_number, row in enumerate(table["data"], start=1):
        name = next((short(c, 30) for c in row if isinstance(c, str) and c.strip()), "")
        row_name = f"row {row_number} {name}".strip()
        for column, cell in zip(table["columns"], row, strict=False):
            value = shown_value(cell)
            if value is not None:
                yield f"table {number} ({caption}) | {row_name} | {column}", value


def chart_spec(html_text: str) -> dict | None:
    """The Vega-Lite spec embedded in a chart output, if any."""
    match = SPEC.search(html_text)
    return json.loads(match.group(1).replace("<\\!--", "<!--")) if match else None


def data_rows(spec) -> Iterator[list]:
    """The rows of every dataset of a spec: named datasets (in name order), inline values."""
    if isinstance(spec, dict):
        for _, rows in sorted(spec.get("datasets", {}).items()):
            yield rows
        values = spec.get("data", {}).get("values") if isinstance(spec.get("data"), dict) else None
        if isinstance(values, list):
            yield values
        for key, value in spec.items():
            if key not in ("datasets", "data"):
                yield from data_rows(value)
    elif isinstance(spec, list):
        for value in spec:
            yield from data_rows(value)


def chart_entries(number: int, spec: dict) -> Iterator[tuple[str, str]]:
    """(label, value) of every number in one chart's data and slider start values."""
    for param in spec.get("params", []):
        value = shown_value(param.get("value"))
        if value is not None and not isinstance(param.get("value"), str):
            yield f"chart {number} | slider {param['name']}", value
    for dataset, rows in enumerate(data_rows(spec), start=1):
        for row_number, row in enumerate(rows, start=1):
            if not isinstance(row, dict):
                continue
            texts = [short(v, 30) for k, v in row.items() if isinstance(v, str) and k != "source"]
            name = " / ".join(texts[:2])
            for field, cell in row.items():
                if isinstance(cell, int | float) and not isinstance(cell, bool):
                    label = f"chart {number} | data {dataset} row {row_number} {name} | {field}"
                    yield label.replace("  ", " "), shown_value(cell)


def finding_entries(markdown: str) -> Iterator[tuple[str, str]]:
    """(label, value) of every number in the Key findings of a markdown output."""
    for block in ADMONITION.findall(markdown):
        sentences = [s for s in block.split("\n\n") if s.strip() and not s.startswith(":")]
        for sentence_number, sentence in enumerate(sentences, start=1):
            for match in NUMBER.finditer(sentence):
                before = " ".join(sentence[: match.start()].split()[-5:])
                label = f"key findings {sentence_number} | {short(before, 40)}"
                yield label, match.group().strip()


def output_text(data: dict, mime: str) -> str:
    text = data.get(mime, "")
    return "".join(text) if isinstance(text, list) else text


def notebook_entries(path: Path) -> list[tuple[str, str]]:
    """Every (label, value) of one executed notebook, labels made unique in order."""
    notebook = nbformat.read(path, as_version=4)
    entries: list[tuple[str, str]] = []
    tables = charts = 0
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if TABLE_MIME in data:
                tables += 1
                entries += table_entries(tables, data[TABLE_MIME])
            spec = chart_spec(output_text(data, "text/html"))
            if spec is not None:
                charts += 1
                entries += chart_entries(charts, spec)
            entries += finding_entries(output_text(data, "text/markdown"))
    seen: dict[str, int] = {}
    unique = []
    for label, value in entries:
        seen[label] = seen.get(label, 0) + 1
        unique.append((label if seen[label] == 1 else f"{label} ({seen[label]})", value))
    return unique


def build_ledger(generated: Path | None = None) -> list[dict[str, str]]:
    """The ledger rows of every executed notebook under ``generated``, in a stable order."""
    generated = generated or BOOK / "generated"
    rows = []
    for path in sorted(generated.rglob("*.ipynb")):
        page = path.relative_to(generated).with_suffix("").as_posix()
        rows += [{"page": page, "label": lab, "value": val} for lab, val in notebook_entries(path)]
    return rows


def reconciliation_pins(data_dir: Path = DATA) -> list[dict[str, str]]:
    """Status, published and recomputed value and gap of every published figure."""
    from helpers.chapters.reconciliation import reconcile

    table = reconcile(data_dir).table
    return [
        {
            "figure_id": row.figure_id,
            "status": row.status,
            "published": row.published,
            "recomputed": row.recomputed,
            "gap": "" if row.gap != row.gap else f"{row.gap:.6g}",  # NaN: no gap
        }
        for row in table.itertuples()
    ]


def to_csv(rows: list[dict[str, str]], columns: list[str] = COLUMNS) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def read_ledger(path: Path | None = None) -> list[dict[str, str]]:
    with (path or LEDGER).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def differences(expected: list[dict[str, str]], actual: list[dict[str, str]]) -> list[str]:
    """Readable lines, one per changed, new or missing number."""
    old = {(r["page"], r["label"]): r["value"] for r in expected}
    new = {(r["page"], r["label"]): r["value"] for r in actual}
    lines = []
    for key in sorted(old.keys() | new.keys()):
        page, label = key
        if key not in new:
            lines.append(f"- {page}: {label}: {old[key]} (no longer shown)")
        elif key not in old:
            lines.append(f"+ {page}: {label}: {new[key]} (new)")
        elif old[key] != new[key]:
            lines.append(f"~ {page}: {label}: {old[key]} -> {new[key]}")
    return lines


def check(ledger: Path | None = None, generated: Path | None = None) -> list[str]:
    """Problems of the built book against the ledger (empty when they agree)."""
    ledger, generated = ledger or LEDGER, generated or BOOK / "generated"
    if not any(generated.rglob("*.ipynb")):
        return [f"no executed notebooks in {generated.relative_to(ROOT)}: run `make book` first"]
    if not ledger.exists():
        return [f"no ledger at {ledger.relative_to(ROOT)}: run `make ledger` and commit it"]
    return differences(read_ledger(ledger), build_ledger(generated))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The ledger of the book's published numbers.")
    parser.add_argument("command", choices=["check", "write", "pins"])
    args = parser.parse_args(argv)
    shown = LEDGER.relative_to(ROOT)
    if args.command == "pins":
        rows = reconciliation_pins()
        PINS.write_text(to_csv(rows, PIN_COLUMNS), encoding="utf-8")
        print(f"wrote {len(rows)} figures to {PINS.relative_to(ROOT)}; review the diff")
        return 0
    if args.command == "write":
        rows = build_ledger()
        LEDGER.write_text(to_csv(rows), encoding="utf-8")
        print(f"wrote {len(rows)} numbers to {shown}; review the diff (git diff {shown})")
        return 0
    problems = check()
    if not problems:
        print(f"every number of the built book matches {shown}")
        return 0
    print(f"{len(problems)} published number(s) differ from {shown}:", file=sys.stderr)
    print("\n".join(problems[:SHOWN_DIFFERENCES]), file=sys.stderr)
    if len(problems) > SHOWN_DIFFERENCES:
        print(f"... and {len(problems) - SHOWN_DIFFERENCES} more", file=sys.stderr)
    print(
        "If these changes are intended, run `make ledger` and commit the ledger.", file=sys.stderr
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
