"""Run `python -m helpers.inputs.workbook validate` as a user would, in a clean environment."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]


def run_validate(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "helpers.inputs.workbook", "validate", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
        timeout=180,
    )
