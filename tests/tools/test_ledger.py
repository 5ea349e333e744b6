"""The ledger of published numbers: what it gathers from a page, and that a change shows."""

import nbformat
import pandas as pd
import pytest

from helpers.page.callouts import key_findings_markdown
from helpers.page.charts import chart_html
from helpers.page.tables import table_bundle
from helpers.tools import ledger

SPEC = {
    "datasets": {"data-abc": [{"name": "Blijf Fit", "cost": 1120.5, "source": "x"}]},
    "params": [{"name": "case1_share", "value": 0.3}, {"name": "label", "value": "text"}],
    "layer": [{"data": {"values": [{"pct": 2}]}, "mark": "rule"}],
}


def page(tmp_path, name="generated/p.ipynb"):
    """An executed page with one table, one chart and key findings."""
    table = pd.DataFrame(
        {"intervention": ["Blijf Fit", "Taalent"], "cost": ["€1,120", "–"], "n": [12, None]}
    )
    outputs = [
        {"text/markdown": key_findings_markdown(["Of 137 interventions, 36.5 % report costs."])},
        table_bundle(table, "Costs per intervention; 2024 report, §4.3."),
        {"text/html": chart_html(SPEC, "A chart; computed.", "chart-1", "<svg></svg>")},
    ]
    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [nbformat.v4.new_output("display_data", data=o) for o in outputs]
    notebook.cells = [cell]
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)
    return path


def test_every_kind_of_number_is_gathered_with_a_readable_label(tmp_path):
    entries = dict(ledger.notebook_entries(page(tmp_path)))
    assert entries == {
        "key findings 1 | Of": "137",
        "key findings 1 | Of 137 interventions,": "36.5 %",
        "table 1 (Costs per intervention) | row 1 Blijf Fit | cost": "€1,120",
        "table 1 (Costs per intervention) | row 1 Blijf Fit | n": "12",
        "chart 1 | slider case1_share": "0.3",
        "chart 1 | data 1 row 1 Blijf Fit | cost": "1120.5",
        "chart 1 | data 2 row 1 | pct": "2",
    }


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (3, "3"),
        (0.1 + 0.2, "0.3"),
        ("€2,900", "€2,900"),
        ("no number", None),
        (None, None),
        (True, None),
        (
            "A long sentence that says 109 participants and 0.9 % of them, and more words",
            "109 · 0.9 %",
        ),
    ],
)
def test_shown_value(value, shown):
    assert ledger.shown_value(value) == shown


def test_repeated_labels_are_numbered_in_order(tmp_path):
    path = page(tmp_path)
    notebook = nbformat.read(path, as_version=4)
    again = nbformat.v4.new_code_cell("")
    again.outputs = notebook.cells[0].outputs  # the same outputs once more
    notebook.cells.append(again)
    nbformat.write(notebook, path)
    labels = [label for label, _ in ledger.notebook_entries(path)]
    assert len(labels) == len(set(labels))
    assert "key findings 1 | Of (2)" in labels
    assert "table 2 (Costs per intervention) | row 1 Blijf Fit | cost" in labels


def test_a_changed_number_fails_the_check_with_a_readable_diff(tmp_path, monkeypatch, capsys):
    generated = tmp_path / "generated"
    page(tmp_path)
    written = tmp_path / "ledger.csv"
    written.write_text(ledger.to_csv(ledger.build_ledger(generated)), encoding="utf-8")
    assert ledger.check(written, generated) == []
    rows = ledger.read_ledger(written)
    rows[0]["value"] = "138"
    rows.pop()
    rows.append({"page": "p", "label": "gone", "value": "1"})
    written.write_text(ledger.to_csv(rows), encoding="utf-8")
    assert ledger.check(written, generated) == [
        "+ p: chart 1 | data 2 row 1 | pct: 2 (new)",
        "- p: gone: 1 (no longer shown)",
        "~ p: key findings 1 | Of: 138 -> 137",
    ]
    monkeypatch.setattr(ledger, "LEDGER", written)
    monkeypatch.setattr(ledger, "ROOT", tmp_path)
    monkeypatch.setattr(ledger, "BOOK", tmp_path)
    assert ledger.main(["check"]) == 1
    message = capsys.readouterr().err
    assert "3 published number(s) differ" in message and "make ledger" in message
    assert ledger.main(["write"]) == 0
    assert ledger.main(["check"]) == 0


def test_no_built_book_or_no_ledger_is_a_clear_problem(tmp_path, monkeypatch):
    monkeypatch.setattr(ledger, "ROOT", tmp_path)
    (tmp_path / "generated").mkdir()
    assert "run `make book` first" in ledger.check(tmp_path / "x.csv", tmp_path / "generated")[0]
    page(tmp_path)
    assert "run `make ledger`" in ledger.check(tmp_path / "x.csv", tmp_path / "generated")[0]


def test_the_committed_ledger_is_sorted_by_page_and_readable():
    rows = ledger.read_ledger()
    assert list(rows[0]) == ledger.COLUMNS
    pages = [r["page"] for r in rows]
    assert pages == sorted(pages)
    assert {"inventory", "reconciliation", "savings/cautious"} <= set(pages)
    assert len({(r["page"], r["label"]) for r in rows}) == len(rows)
