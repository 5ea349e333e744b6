"""Where things live in the project: one place, so notebooks and the pipeline agree."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
AMERSFOORT = DATA / "amersfoort-2024"
KVDS = DATA / "kvds-2017"
BOOK = ROOT / "book"
BUILD = ROOT / "_build"


def resolve(path: str | Path) -> Path:
    """A path as given in a run plan or a parameter: relative paths are taken from the root."""
    path = Path(path)
    return path if path.is_absolute() else ROOT / path


def shown(path: Path) -> str:
    """A path as shown in messages and metadata: relative to the root when inside it."""
    path = resolve(path)
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)
