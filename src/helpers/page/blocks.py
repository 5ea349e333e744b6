"""A page section as data: chapter functions return blocks, the notebook shows them.

Chapter code decides what a section says (a sentence, a table, a chart, a collapsed
provenance table) and returns it as a list of blocks that tests can inspect; `show_blocks`
puts them on the page through the shared page helpers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import altair as alt
import pandas as pd

from helpers.page.callouts import say, show_provenance
from helpers.page.charts import show
from helpers.page.tables import show_searchable_table, show_table


@dataclass(frozen=True)
class Text:
    """A paragraph (or admonition) of MyST markdown."""

    markdown: str


@dataclass(frozen=True)
class Table:
    """A reader table with its caption (which names its source)."""

    frame: pd.DataFrame
    caption: str
    sortable: bool = False
    searchable: bool = False  # long tables: search box, sorting and pages


@dataclass(frozen=True)
class Chart:
    """An Altair chart with its caption (which names its source)."""

    chart: alt.TopLevelMixin
    caption: str


@dataclass(frozen=True)
class Provenance:
    """Figure ids, formulas and sections, collapsed under the text they support."""

    frame: pd.DataFrame
    caption: str


Block = Text | Table | Chart | Provenance


def show_blocks(blocks: Iterable[Block], t=None) -> None:
    """Show each block in order; ``t`` (a `helpers.page.i18n.Language`) words the charts."""
    for block in blocks:
        if isinstance(block, Text):
            say(block.markdown)
        elif isinstance(block, Table) and block.searchable:
            show_searchable_table(block.frame, block.caption)
        elif isinstance(block, Table):
            show_table(block.frame, block.caption, sortable=block.sortable)
        elif isinstance(block, Chart):
            show(block.chart, block.caption, t)
        else:
            show_provenance(block.frame, block.caption)
