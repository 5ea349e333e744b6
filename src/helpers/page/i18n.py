"""The language of a rerun or compare book: gettext catalogues for text, Babel for numbers.

English is the source language and the default. ``LANGUAGE=nl`` (the GNU gettext variable)
asks for Dutch: page text comes from ``helpers/locale/nl/LC_MESSAGES/book.po``, compiled in
memory with Babel, and numbers are written the Dutch way (€ 1.016.300; 78,8 %). English
numbers come from `helpers.page.formatting`, so both books of one language look alike.
"""

from __future__ import annotations

import gettext
import io
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from helpers.page import formatting
from helpers.page.figure_text import QUALIFIER_WORDS
from helpers.page.formatting import decimals_for as digits
from helpers.page.formatting import is_missing

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
DOMAIN = "book"
LANGUAGES = ("en", "nl")
DEFAULT = "en"
NBSP = "\u00a0"  # keeps € and % on the line of their number in Dutch text


def language_code(value: str | None) -> str:
    """``nl``, ``nl_NL.UTF-8`` or ``nl:en`` give ``nl``; anything else gives English.

    The value is read like gettext's ``LANGUAGE``: a colon-separated list, first match wins.
    """
    for item in (value or "").split(":"):
        code = item.strip().split(".")[0].split("_")[0].split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return DEFAULT


@cache
def translations(code: str) -> gettext.NullTranslations:
    """The gettext translations of a language, compiled from its ``.po`` catalogue."""
    po = LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    if code == DEFAULT or not po.is_file():
        return gettext.NullTranslations()
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=code, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def markdown_blocks(text: str) -> list[tuple[str, str]]:
    """(heading marks, message) per block of a markdown cell (text between blank lines).

    The message is the block with its line breaks joined; a heading's is its text without
    the ``#`` marks. These are the catalogue's messages for a template's markdown cells.
    """
    blocks = []
    for block in re.split(r"\n\s*\n", text.strip()):
        marks, _, rest = block.partition(" ") if block.startswith("#") else ("", "", block)
        blocks.append((marks, " ".join(rest.split())))
    return blocks


@dataclass(frozen=True)
class Language:
    """Text and numbers in one language: ``t = Language('nl'); t._('Key findings')``."""

    code: str = DEFAULT

    def _(self, message: str) -> str:
        """The translation of ``message`` (itself when the catalogue has none)."""
        return translations(self.code).gettext(message)

    def n_(self, singular: str, plural: str, n: int) -> str:
        """Singular or plural form of a message, translated."""
        return translations(self.code).ngettext(singular, plural, n)

    def markdown(self, text: str) -> str:
        """A template's markdown cell translated block by block (see `markdown_blocks`);
        English returns ``text`` unchanged."""
        if self.code == DEFAULT:
            return text
        blocks = [(marks + " " if marks else "") + self._(m) for marks, m in markdown_blocks(text)]
        return "\n\n".join(blocks)

    @property
    def dutch(self) -> bool:
        return self.code == "nl"

    @property
    def not_known(self) -> str:
        return self._(formatting.NOT_KNOWN)

    def _decimal(self, value: float, decimals: int) -> str:
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return format_decimal(value, format=pattern, locale="nl_NL")

    def count(self, value: object) -> str:
        """674,107 in English, 674.107 in Dutch; 'not known' when missing."""
        if not self.dutch or is_missing(value):
            return self._(formatting.count(value))
        return self._decimal(float(value), digits(float(value)))

    def money(self, value: object) -> str:
        """€1,120 in English, € 1.120 in Dutch (a no-break space after €)."""
        if not self.dutch or is_missing(value):
            return self._(formatting.money(value))
        value = float(value)
        sign = "-" if value < 0 else ""
        return f"{sign}€{NBSP}{self._decimal(abs(value), digits(value))}"

    def percent(self, value: object, decimals: int = 1) -> str:
        """36.5 % in English, 36,5 % in Dutch."""
        if not self.dutch or is_missing(value):
            return self._(formatting.percent(value, decimals))
        return f"{self._decimal(float(value), decimals)}{NBSP}%"

    def share(self, part: object, whole: object, decimals: int = 1) -> str:
        """``part`` as a percentage of ``whole``, or 'not known'."""
        missing = is_missing(part) or is_missing(whole)
        if missing or float(whole) == 0:
            return self.not_known
        return self.percent(100 * float(part) / float(whole), decimals)

    def choice(self, choice) -> str:
        """The label of a schema choice (status, scope...) in this language."""
        return choice.label_nl if self.dutch else choice.label_en

    def qualifier(self, qualifier: object) -> str:
        """The words in front of a qualified number ('ca. ', 'under ', 'almost '), translated."""
        words = QUALIFIER_WORDS.get(qualifier, "") if isinstance(qualifier, str) else ""
        return self._(words) if words else ""

    def amount(self, low: object, high: object, qualifier: object, money: bool = False) -> str:
        """A workbook figure with its qualifier: 'ca. 3,000', 'more than 500', '400–700'.

        A one-sided answer keeps its bound ('minder dan 60' is 'under 60', 'bijna 60' is
        'almost 60'); a value that was counted is never shown blank.
        """
        show = self.money if money else self.count
        if is_missing(low) and is_missing(high):
            return self.not_known
        if qualifier == "range":
            return f"{show(low)}–{show(high)}"
        return self.qualifier(qualifier) + show(high if is_missing(low) else low)
