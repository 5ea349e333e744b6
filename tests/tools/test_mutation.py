"""The mutation-testing driver: its configuration, reasons and the results file."""

import json
from pathlib import Path

from helpers.tools import mutation


def test_every_target_exists_and_has_fast_tests_or_says_so():
    for name, target in mutation.TARGETS.items():
        assert (mutation.ROOT / target.path).is_file(), name
    assert mutation.test_files(mutation.TARGETS["finance"]) == [
        "tests/chapters/test_finance.py",
        "tests/chapters/test_finance_mutants.py",
    ]
    assert 'only_mutate = ["src/helpers/chapters/finance.py"]' in mutation.mutmut_config(
        mutation.TARGETS["finance"], ["tests/chapters/test_finance.py"]
    )


def test_a_mutant_diff_comes_from_mutmuts_copy(tmp_path):
    copy = tmp_path / "m.py"
    copy.write_text(
        "def x_f__mutmut_orig(a):\n    return a + 1\n\ndef x_f__mutmut_3(a):\n    return a - 1\n",
        encoding="utf-8",
    )
    sources = mutation.function_sources(copy)
    assert mutation.changed_lines(sources, "pkg.m.x_f__mutmut_3") == [
        "-    return a + 1",
        "+    return a - 1",
    ]


def test_reasons():
    message = [
        '-        raise ValueError("bad input")',
        '+        raise ValueError("XXbad inputXX")',
    ]
    logic = ["-    if a > 0:", "+    if a >= 0:"]
    assert mutation.only_message_changed(message)
    assert not mutation.only_message_changed(logic)
    reasons = {"m.x_f__mutmut_2": "equivalent: reviewed"}
    assert mutation.reason_for("m.x_f__mutmut_1", {"exit_code": 0, "diff": message}, {}) == (
        mutation.MESSAGE_ONLY
    )
    assert mutation.reason_for("m.x_f__mutmut_1", {"exit_code": 0, "diff": logic}, {}) == (
        mutation.TO_ADD
    )
    assert mutation.reason_for("m.x_f__mutmut_2", {"exit_code": 0}, reasons) == (
        "equivalent: reviewed"
    )
    assert "no test runs" in mutation.reason_for("m.x", {"exit_code": 33}, {})


def test_report_totals_and_lists_every_survivor():
    results = [
        {
            "module": "a",
            "path": "src/a.py",
            "tests": ["tests/test_a.py"],
            "mutants": {
                "a.x_f__mutmut_1": {"exit_code": 1},
                "a.x_f__mutmut_2": {"exit_code": 36},  # timeout: killed
                "a.x_f__mutmut_3": {"exit_code": 0, "diff": ["-    a", "+    b"]},
            },
        },
        {"module": "b", "path": "src/b.py", "tests": [], "mutants": {}},
    ]
    text = mutation.report(results, {})
    assert "Total: 3 mutants, 2 killed (66.7 %)" in text
    assert "| `src/a.py` | `tests/test_a.py` | 3 | 2 | 1 | 66.7 |" in text
    assert "| `src/b.py` | no fast tests yet | 0 | 0 | 0 | not run |" in text
    assert "- `a.x_f__mutmut_3`: no test notices it: a test to add" in text
    assert "a.x_f__mutmut_1" not in text


def test_reasons_file_is_read(tmp_path: Path):
    path = tmp_path / "reasons.csv"
    path.write_text("mutant,reason\na.x_f__mutmut_3,equivalent: same value\n", encoding="utf-8")
    assert mutation.read_reasons(path) == {"a.x_f__mutmut_3": "equivalent: same value"}
    assert mutation.read_reasons(tmp_path / "none.csv") == {}


def test_collect_of_a_stopped_run_leaves_out_unchecked_mutants(tmp_path, monkeypatch):
    monkeypatch.setattr(mutation, "WORK", tmp_path)
    target = mutation.TARGETS["finance"]
    copy = tmp_path / "finance" / "mutants" / target.path
    copy.parent.mkdir(parents=True)
    copy.write_text(
        "def x_f__mutmut_orig(a):\n    return a + 1\n\ndef x_f__mutmut_2(a):\n    return a\n",
        encoding="utf-8",
    )
    codes = {"m.x_f__mutmut_1": 1, "m.x_f__mutmut_2": 0, "m.x_f__mutmut_3": None}
    copy.with_name("finance.py.meta").write_text(
        json.dumps({"exit_code_by_key": codes}), encoding="utf-8"
    )
    result = mutation.collect("finance", ["tests/chapters/test_finance.py"])
    assert result["unchecked"] == 1
    assert result["mutants"] == {
        "m.x_f__mutmut_1": {"exit_code": 1},
        "m.x_f__mutmut_2": {"exit_code": 0, "diff": ["-    return a + 1", "+    return a"]},
    }
    assert "(stopped: 1 mutants not checked)" in mutation.report([result], {})
