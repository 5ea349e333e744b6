"""The one error type: located problems, both languages, values quoted exactly."""

from pathlib import Path

import pytest

from helpers.errors import InputError, Problem, quote
from helpers.inputs.figures import load_figures


def test_a_cell_problem_reads_for_people_in_both_languages():
    problem = Problem(
        "/somewhere/inventaris.xlsx", "Interventies", 12, "Jaarlijkse kosten", "(begroting 2023)",
        "cannot read as a number", "annual_cost_eur", "D", "niet als getal te lezen",
    )  # fmt: skip
    assert str(problem) == (
        "sheet 'Interventies', row 12, column D 'Jaarlijkse kosten': cannot read as a number "
        '(value: "(begroting 2023)")'
    )
    assert problem.line("nl") == (
        "blad 'Interventies', rij 12, kolom D 'Jaarlijkse kosten': niet als getal te lezen "
        '(waarde: "(begroting 2023)")'
    )
    assert "annual_cost_eur" not in str(problem) and "/somewhere" not in str(problem)


def test_values_are_quoted_exactly():
    assert quote("€ 24.000 (incl. coördinatie)") == '"€ 24.000 (incl. coördinatie)"'
    assert quote("Lopend\nPilot") == '"Lopend↵Pilot"'
    assert quote("x" * 300).endswith('…"') and len(quote("x" * 300)) == 102


def test_csv_messages_keep_their_file_and_line():
    err = InputError.from_messages(
        ["data/a.csv:7: column 'theme' value 'x': unknown theme", "data/a.csv: not UTF-8 text"]
    )
    first, second = err.problems
    assert (first.file, first.row, first.sheet) == ("data/a.csv", 7, None)
    assert err.messages[0] == "data/a.csv:7: column 'theme' value 'x': unknown theme"
    assert (second.file, second.row, second.message) == ("data/a.csv", None, "not UTF-8 text")
    assert str(err).startswith("2 problems in data/a.csv:")


def test_project_data_raise_the_same_error(tmp_path: Path):
    folder = tmp_path / "amersfoort-2024" / "figures"
    folder.mkdir(parents=True)
    (folder / "bad.csv").write_text("not,the,header\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_figures(tmp_path)
    [problem] = info.value.problems
    assert problem.file == "amersfoort-2024/figures/bad.csv" and problem.row == 1
