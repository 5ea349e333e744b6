"""The figures loader/evaluator on small hand-made files, and on the real data folder."""

import csv
import math
from pathlib import Path

import pandas as pd
import pytest

from helpers.errors import InputError
from helpers.inputs.figures import (
    COLUMNS,
    evaluate,
    figure,
    formula_ids,
    load_figures,
    parse_formula,
)
from helpers.paths import DATA


def row(figure_id, value="", formula="", **extra):
    """A figures row with sensible defaults: published if it has a value, else derived."""
    base = {
        "figure_id": figure_id,
        "report": "amersfoort-2024",
        "section": "3.2",
        "intervention": "",
        "metric": "some_metric",
        "value": str(value),
        "value_high": "",
        "unit": "count",
        "year": "",
        "qualifier": "=",
        "kind": "derived" if formula else "published",
        "formula": formula,
        "note": "",
    }
    base.update(extra)
    return base


def write(data_dir: Path, name: str, rows, report="amersfoort-2024", header=COLUMNS) -> Path:
    path = data_dir / report / "figures" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def problems(data_dir: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_figures(data_dir)
    return caught.value.messages


# --- loader ------------------------------------------------------------------------------


def test_good_file_loads_with_types_and_lines(tmp_path):
    write(tmp_path, "a.csv", [row("inv_a", 232, year="2023"), row("inv_b", 95)])
    write(tmp_path, "b.csv", [row("inv_c", formula="inv_a - inv_b")], report="kvds-2017")
    figures = load_figures(tmp_path)
    assert list(figures["figure_id"]) == ["inv_a", "inv_b", "inv_c"]
    assert figures["value"].dtype == float and math.isnan(figures["value"].iloc[2])
    assert figures["year"].iloc[0] == 2023 and pd.isna(figures["year"].iloc[1])
    assert list(figures["source_line"]) == [2, 3, 2]
    assert figures["source_file"].iloc[2] == "kvds-2017/figures/b.csv"


def test_any_number_of_files_is_concatenated(tmp_path):
    for i in range(5):
        write(tmp_path, f"case-{i}.csv", [row(f"x{i}_a", i)])
    assert len(load_figures(tmp_path)) == 5


def test_no_files_is_an_error(tmp_path):
    assert "no figure files" in problems(tmp_path)[0]


def test_duplicate_id_across_two_files(tmp_path):
    write(tmp_path, "a.csv", [row("inv_a", 1)])
    write(tmp_path, "b.csv", [row("inv_b", 2), row("inv_a", 3)])
    found = problems(tmp_path)
    assert len(found) == 2
    assert any(m.startswith("amersfoort-2024/figures/a.csv:2:") for m in found)
    assert any(m.startswith("amersfoort-2024/figures/b.csv:3:") for m in found)
    assert all("duplicate figure_id" in m and "'inv_a'" in m for m in found)


def test_unknown_id_in_formula(tmp_path):
    write(tmp_path, "a.csv", [row("inv_a", 1), row("inv_b", formula="inv_a + inv_nope")])
    (message,) = problems(tmp_path)
    assert "a.csv:3" in message and "column 'formula'" in message
    assert "unknown figure id 'inv_nope'" in message


def test_cycle_is_reported(tmp_path):
    write(
        tmp_path,
        "a.csv",
        [row("x_a", formula="x_b + 1"), row("x_b", formula="x_c * 2"), row("x_c", formula="x_a")],
    )
    (message,) = problems(tmp_path)
    assert "cycle x_a -> x_b -> x_c -> x_a" in message


def test_self_reference_is_a_cycle(tmp_path):
    write(tmp_path, "a.csv", [row("x_a", formula="x_a + 1")])
    assert "cycle x_a -> x_a" in problems(tmp_path)[0]


def test_bad_unit_names_file_line_column_and_value(tmp_path):
    write(tmp_path, "a.csv", [row("inv_a", 1), row("inv_b", 2, unit="euros")])
    (message,) = problems(tmp_path)
    assert message.startswith("amersfoort-2024/figures/a.csv:3: column 'unit', value 'euros'")


def test_all_problems_are_collected_at_once(tmp_path):
    bad = [
        row("Bad-Id", 1),
        row("inv_b", "ca. 30.000"),
        row("inv_c", 5, kind="derived", formula="inv_b"),
        row("inv_d", "", qualifier="~"),
        row("inv_e", 10, value_high="5", qualifier="range"),
        row("inv_f", 1, qualifier="about"),
        row("inv_g", 7, unit="score"),
    ]
    write(tmp_path, "a.csv", bad)
    found = "\n".join(problems(tmp_path))
    assert "column 'figure_id', value 'Bad-Id'" in found
    assert "column 'value', value 'ca. 30.000'" in found
    assert "a.csv:4: column 'value', value '5': derived figures take no value" in found
    assert "a.csv:5: column 'value', value '': published figures need a value" in found
    assert "a.csv:6: column 'value_high', value '5': a range needs value_high >= value" in found
    assert "column 'qualifier', value 'about'" in found
    assert "a.csv:8: column 'note'" in found and "scale" in found


def test_published_row_with_formula_and_stray_value_high(tmp_path):
    write(tmp_path, "a.csv", [row("x_a", 1, formula="2", kind="published", value_high="3")])
    found = "\n".join(problems(tmp_path))
    assert "published figures take no formula" in found
    assert "value_high is only for qualifier 'range'" in found


def test_good_range_row(tmp_path):
    write(tmp_path, "a.csv", [row("x_a", 400, value_high="700", qualifier="range", unit="persons")])
    figures = load_figures(tmp_path)
    assert figures["value_high"].iloc[0] == 700.0


def test_header_must_match_contract(tmp_path):
    write(tmp_path, "a.csv", [{"figure_id": "x"}], header=["figure_id"])
    assert "header" in problems(tmp_path)[0]


def test_line_numbers_survive_multiline_notes(tmp_path):
    write(tmp_path, "a.csv", [row("x_a", 1, note="two\nlines"), row("x_b", 2, unit="bogus")])
    (message,) = problems(tmp_path)
    assert "a.csv:4:" in message


# --- formulas and evaluation ---------------------------------------------------------------


@pytest.mark.parametrize(
    "formula",
    [
        "__import__('os')",
        "a ** 2",
        "a // 2",
        "a.b",
        "f(a)",
        "'text'",
        "True + 1",
        "a if b else c",
        "",
    ],
)
def test_formula_rejects_everything_but_arithmetic(formula):
    with pytest.raises(ValueError):
        parse_formula(formula)


def test_formula_ids():
    assert formula_ids("(inv_a + inv_b) / inv_a * 100") == {"inv_a", "inv_b"}


def test_evaluate_division_and_nested_derived(tmp_path):
    rows = [
        row("x_reach", 50),
        row("x_total", 137),
        row("x_share", formula="x_reach / x_total * 100"),
        row("x_rest", formula="x_total - x_reach"),
        row("x_rest_share", formula="x_rest / x_total * 100"),
        row("x_both", formula="-(x_share + x_rest_share) + 200"),
    ]
    write(tmp_path, "a.csv", rows)
    figures = evaluate(load_figures(tmp_path))
    assert figure(figures, "x_share")["computed"] == pytest.approx(36.4963503)
    assert figure(figures, "x_rest")["computed"] == 87
    assert figure(figures, "x_both")["computed"] == pytest.approx(100)


def test_evaluate_on_a_hand_made_frame():
    frame = pd.DataFrame(
        [row("a", 10), row("b", 4), row("c", formula="(a - b) / 2"), row("d", formula="c * c")]
    )
    result = evaluate(frame)
    assert list(result["computed"]) == [10, 4, 3, 9]
    assert figure(frame, "d")["computed"] == 9  # evaluates on demand


def test_evaluate_division_by_zero_is_a_data_error():
    frame = pd.DataFrame([row("a", 0), row("b", formula="1 / a")])
    with pytest.raises(InputError) as caught:
        evaluate(frame)
    assert "division by zero" in caught.value.messages[0]


def test_evaluate_reports_unknown_ids_and_cycles():
    frame = pd.DataFrame([row("a", formula="b"), row("b", formula="a"), row("c", formula="zz")])
    with pytest.raises(InputError) as caught:
        evaluate(frame)
    text = "\n".join(caught.value.messages)
    assert "cycle" in text and "unknown figure id 'zz'" in text


def test_figure_unknown_id():
    with pytest.raises(KeyError):
        figure(pd.DataFrame([row("a", 1)]), "nope")


# --- the real data -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real():
    return evaluate(load_figures(DATA))


def test_real_figure_files_load_and_validate(real):
    files = set(real["source_file"])
    assert "amersfoort-2024/figures/chapters.csv" in files
    assert real["figure_id"].is_unique


def test_real_derived_formulas_evaluate_and_cite_existing_ids(real):
    known = set(real["figure_id"])
    derived = real[real["kind"] == "derived"]
    assert len(derived) > 0
    for formula in derived["formula"]:
        assert formula_ids(formula) <= known, formula
    assert derived["computed"].notna().all()
    assert all(math.isfinite(v) for v in real["computed"])


def test_chapter_figures_reconcile(real):
    """Rows of chapters.csv whose note starts 'reconciles: <id>' agree with that figure."""
    chapters = real[real["source_file"] == "amersfoort-2024/figures/chapters.csv"]
    checked = 0
    for _, r in chapters.iterrows():
        if not r["note"].startswith("reconciles: "):
            continue
        other = figure(real, r["note"].split()[1].rstrip(".;,"))["computed"]
        claim = r["computed"]
        if r["qualifier"] == ">":
            assert other > claim, r["figure_id"]
        else:
            assert other == pytest.approx(claim), r["figure_id"]
        checked += 1
    assert checked >= 8


def test_chapter_headline_figures(real):
    assert figure(real, "inv_located")["computed"] == 232
    assert figure(real, "inv_in_scope_check")["computed"] == 137
    assert figure(real, "inv_share_with_reach")["computed"] == pytest.approx(50 / 137 * 100)
    assert figure(real, "ann1_survey_questions")["computed"] == 20
