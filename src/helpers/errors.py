"""Error types for problems in the user's input files.

A user's mistake is never a traceback: readers collect every `Problem` of a file and
raise one `InputError` listing them all, one per line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


def _show(value: object, limit: int = 80) -> str:
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return repr(text) if isinstance(value, str) else text


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as possible.

    ``row`` is the Excel row number (1 = first row); ``column`` is the column header as
    written in the file, ``key`` the schema key it was matched to, ``column_letter`` the
    Excel column (A, B, ...). Fields that do not apply are None.
    """

    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: object = None
    message: str = ""
    key: str | None = None
    column_letter: str | None = None

    def where(self) -> str:
        parts = [self.file]
        if self.sheet is not None:
            parts.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None or self.key is not None:
            col = "column"
            if self.column_letter:
                col += f" {self.column_letter}"
            if self.column is not None:
                col += f" '{self.column}'"
            if self.key is not None and self.key != self.column:
                col += f" ({self.key})"
            parts.append(col)
        return ", ".join(parts)

    def __str__(self) -> str:
        text = f"{self.where()}: {self.message}"
        if self.value is not None:
            text += f" [value: {_show(self.value)}]"
        return text


class InputError(Exception):
    """Raised with every problem found in an input file (never only the first)."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: list[Problem] = list(problems)
        super().__init__(self.__str__())

    def __str__(self) -> str:
        n = len(self.problems)
        files = sorted({p.file for p in self.problems})
        head = f"{n} problem{'s' if n != 1 else ''} in {', '.join(files) or 'input'}:"
        return "\n".join([head, *(f"- {p}" for p in self.problems)])
