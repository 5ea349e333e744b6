"""The validate command, its reports, the annotated copy, and the shipped workbooks."""

from pathlib import Path

import pytest
from validate_cli import run_validate, sha, workbook

from helpers.inputs.schema import CASE_STUDY_IDS
from helpers.inputs.workbook import read_inventory

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "data" / "examples" / "zonnedal-synthetic-inventory.xlsx"
AMERSFOORT = ROOT / "data" / "amersfoort-2024" / "inventory.xlsx"
HEADERS = ["Titel", "Status", "Bereik per jaar", "Volledige deelnemers", "Binnen definitie"]


def test_cli_bad_file_exits_2_without_traceback(tmp_path):
    rows = [HEADERS, ["A", "misschien", "12 appels", 1, "ja"], ["a", "lopend", 1, 1, "ja"]]
    path = workbook(tmp_path / "bad.xlsx", rows)
    before = sha(path)
    result = run_validate(path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert result.stderr.startswith("Bestand: bad.xlsx, blad 'Interventies'\n")
    assert result.stderr.rstrip().endswith(
        "GEWEIGERD: 3 probleem/problemen; het bestand is niet gelezen."
    )
    assert '"misschien"' in result.stderr and '"12 appels"' in result.stderr
    assert "dubbele titel" in result.stderr
    assert sha(path) == before


def test_cli_not_an_excel_file(tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_text("a,b\n1,2\n")
    result = run_validate(path)
    assert result.returncode == 2 and "Traceback" not in result.stderr


@pytest.mark.skipif(not EXAMPLE.exists(), reason="the synthetic example has not been written")
def test_cli_example_ok():
    result = run_validate(EXAMPLE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Bestand: zonnedal-synthetic-inventory.xlsx\n")
    assert result.stdout.rstrip().endswith(
        "OK: 40 interventies gelezen (26 binnen de definitie); 0 melding(en)."
    )


@pytest.mark.skipif(not EXAMPLE.exists(), reason="the synthetic example has not been written")
def test_example_reads():
    before = sha(EXAMPLE)
    inv = read_inventory(EXAMPLE)
    assert len(inv) == 40 and inv.sheet == "Interventies"
    assert not inv.warnings
    f = inv.frame
    for key in ("status", "scope", "recognised_effective", "databank", "case_study"):
        assert f[key].notna().any(), key
    for key in ("reach_total", "annual_cost_eur"):
        quals = set(f[f"{key}_qualifier"].dropna())
        assert {"=", "~", "range"} <= quals, key
    assert f["age_groups"].map(len).gt(0).all()
    assert sha(EXAMPLE) == before


def test_example_is_reproducible(tmp_path):
    from helpers.tools.synthetic import write_example

    first = write_example(tmp_path / "a.xlsx")
    second = write_example(tmp_path / "b.xlsx")
    assert first.read_bytes() == second.read_bytes()
    if EXAMPLE.exists():
        assert first.read_bytes() == EXAMPLE.read_bytes(), "example out of date: regenerate it"


@pytest.mark.skipif(
    not AMERSFOORT.exists(),
    reason="data/amersfoort-2024/inventory.xlsx is written by another task and is not there yet",
)
def test_amersfoort_workbook():
    before = sha(AMERSFOORT)
    inv = read_inventory(AMERSFOORT)
    assert len(inv) == 137
    assert inv.frame["title"].notna().all()
    assert set(inv.frame["case_study"].dropna()) <= set(CASE_STUDY_IDS)
    assert sha(AMERSFOORT) == before


# -- reports and the annotated copy -------------------------------------------------------

MESSY = [
    ["Titel", "Jaarlijkse kosten", "Status"],
    ["Buurtsport", "€ 24.000 (incl. coördinatie)", "Lopend"],
    ["Taalcafé", "12 appels", "misschien"],
    ["Totaal", 24_000, None],
]


def test_console_report_names_the_file_once_groups_by_column_and_sums_up(tmp_path):
    from helpers.errors import InputError
    from helpers.inputs.report import console_report

    path = workbook(tmp_path / "rommelig.xlsx", MESSY)
    with pytest.raises(InputError) as info:
        read_inventory(path)
    dutch = console_report(info.value, "nl").splitlines()
    assert dutch[0] == "Bestand: rommelig.xlsx, blad 'Interventies'"
    assert sum(str(tmp_path) in line for line in dutch) == 0  # never the folder
    assert dutch[1] == "Problemen:"
    assert "  Kolom B 'Jaarlijkse kosten'" in dutch and "  Kolom C 'Status'" in dutch
    assert "    - rij 3: niet als getal te lezen" in "\n".join(dutch)
    assert any('(waarde: "12 appels")' in line and "rij 3" in line for line in dutch)
    assert not any("annual_cost_eur" in line or "status)" in line for line in dutch)
    assert dutch[-1] == "GEWEIGERD: 2 probleem/problemen; het bestand is niet gelezen."
    english = console_report(info.value, "en")
    assert english.startswith("File: rommelig.xlsx, sheet 'Interventies'\nProblems:\n")
    assert 'value: "€ 24.000 (incl. coördinatie)"' in english  # the notice, quoted unchanged
    assert "Notices:" in english and "a totals row" in english


def test_validate_command_writes_an_annotated_copy_and_leaves_the_original(tmp_path):
    from openpyxl import load_workbook

    path = workbook(tmp_path / "rommelig.xlsx", MESSY)
    before = sha(path)
    out = tmp_path / "build" / "rommelig-annotated.xlsx"
    result = run_validate(path, "--annotate", str(out))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert sha(path) == before
    ws = load_workbook(out)["Interventies"]
    assert ws["B3"].fill.fgColor.rgb.endswith("F4B6B6")  # refused cell: red
    assert "getal" in ws["B3"].comment.text
    assert ws["B2"].fill.fgColor.rgb.endswith("FFE699")  # notice: yellow
    assert ws["A4"].comment is not None and "totaalrij" in ws["A4"].comment.text
    assert load_workbook(path)["Interventies"]["B3"].comment is None


def test_make_validate_keeps_the_status(tmp_path):
    import shutil
    import subprocess

    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    path = workbook(tmp_path / "goed.xlsx", [["Titel", "Binnen definitie"], ["A", "ja"]])
    ok = subprocess.run(
        ["make", "-s", "validate", f"INVENTORY={path}", "LANGUAGE=en"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.splitlines()[-1] == "OK: 1 interventions read (1 in scope); 0 notice(s)."
    bad = workbook(tmp_path / "fout.xlsx", MESSY)
    refused = subprocess.run(
        ["make", "-s", "validate", f"INVENTORY={bad}"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert refused.returncode == 2
    assert (ROOT / "_build" / "validate" / "fout-annotated.xlsx").exists()
