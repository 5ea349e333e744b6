"""The one error type for problems in input files: workbooks and project data alike.

A user's mistake is never a traceback: readers collect every `Problem` of a file and
raise one `InputError` listing them all. The same `Problem` type, with
``severity="warning"``, carries the notices of a file that was read (a dropped totals
row, a leniently read cell); `helpers.inputs.report` renders both for people.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

#: Longest quoted value; longer values are cut with an ellipsis.
QUOTE_LIMIT = 100
_CSV_PLACE = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+): (?P<message>.*)$", re.DOTALL)
_FILE_PLACE = re.compile(r"^(?P<file>[^:\n]+?): (?P<message>.*)$", re.DOTALL)


def quote(value: object, limit: int = QUOTE_LIMIT) -> str:
    """A cell value quoted exactly as written (line breaks shown as ↵; long text cut)."""
    text = str(value).replace("\r\n", "\n").replace("\n", "↵")
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f'"{text}"'


@dataclass(frozen=True)
class Problem:
    """One thing wrong with (or noticed in) an input file, located as precisely as possible.

    ``row`` is the Excel row (or the CSV line); ``column`` the header as written in the
    file, ``key`` the schema key it was matched to (never shown to people),
    ``column_letter`` the Excel column. ``message`` is English, ``message_nl`` Dutch
    (empty: the English one is used). Fields that do not apply are None.
    """

    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: object = None
    message: str = ""
    key: str | None = None
    column_letter: str | None = None
    message_nl: str = ""
    severity: str = "error"

    def text(self, language: str = "en") -> str:
        """The message in ``language`` ('nl' or 'en')."""
        return (self.message_nl or self.message) if language == "nl" else self.message

    def where(self, language: str = "en") -> str:
        """The place without the file: sheet, row and column (as the user wrote it)."""
        nl = language == "nl"
        parts = []
        if self.sheet is not None:
            parts.append(f"{'blad' if nl else 'sheet'} '{self.sheet}'")
        if self.row is not None:
            parts.append(f"{'rij' if nl else 'row'} {self.row}")
        if self.column is not None or self.column_letter:
            col = "kolom" if nl else "column"
            if self.column_letter:
                col += f" {self.column_letter}"
            if self.column is not None:
                col += f" '{self.column}'"
            parts.append(col)
        return ", ".join(parts)

    def line(
        self, language: str = "en", *, with_column: bool = True, with_sheet: bool = True
    ) -> str:
        """One line for people: place, message and the value quoted exactly."""
        if self.sheet is None and self.row is not None:  # a line of a CSV file
            place = f"{self.file}:{self.row}"
        else:
            sheet = self.sheet if with_sheet else None
            column, letter = (self.column, self.column_letter) if with_column else (None, None)
            place = Problem(self.file, sheet, self.row, column, column_letter=letter).where(
                language
            )
        text = f"{place}: {self.text(language)}" if place else self.text(language)
        if self.value is not None:
            text += f" ({'waarde' if language == 'nl' else 'value'}: {quote(self.value)})"
        return text

    def __str__(self) -> str:
        return self.line("en")

    @classmethod
    def from_message(cls, message: str) -> Problem:
        """A problem from a ``file:line: message`` (or ``file: message``) string."""
        match = _CSV_PLACE.match(message)
        if match:
            return cls(match["file"], row=int(match["line"]), message=match["message"])
        match = _FILE_PLACE.match(message)
        if match:
            return cls(match["file"], message=match["message"])
        return cls("", message=message)


class InputError(Exception):
    """Raised with every problem found in an input file (never only the first).

    ``warnings`` holds the notices gathered before the file was refused.
    """

    def __init__(self, problems: Iterable[Problem], warnings: Iterable[Problem] = ()):
        self.problems: list[Problem] = list(problems)
        self.warnings: list[Problem] = list(warnings)
        super().__init__(self.__str__())

    @classmethod
    def from_messages(cls, messages: Iterable[str]) -> InputError:
        """An error from ``file:line: message`` strings (the project's CSV readers)."""
        return cls(Problem.from_message(m) for m in messages)

    @property
    def messages(self) -> list[str]:
        """Every problem as one line."""
        return [str(p) for p in self.problems]

    def __str__(self) -> str:
        n = len(self.problems)
        files = sorted({p.file for p in self.problems if p.file})
        head = f"{n} problem{'s' if n != 1 else ''} in {', '.join(files) or 'input'}:"
        return "\n".join([head, *(f"- {p}" for p in self.problems)])
