"""Tables in the book: escaped HTML with a caption that names the source, sortable by click.

The PDF build, which cannot show HTML, uses the same table as a captioned MyST table.

`show_table` also puts the table's data and caption into the output under a MIME type of
its own (`TABLE_MIME`). Jupyter Book ignores it (``suppress_warnings:
mystnb.unknown_mime_type``); the pipeline collects it from the executed notebooks into the
Excel download of every table (`helpers.tools.downloads`).
"""

from __future__ import annotations

import html
import json

import pandas as pd
from IPython.display import display

from helpers.page.text import escape

TABLE_MIME = "application/vnd.prevention-book.table+json"


def table_html(frame: pd.DataFrame, caption: str, sortable: bool = True) -> str:
    """HTML of a table; every cell and the caption are escaped (workbook text is untrusted)."""
    classes = "book-table sortable" if sortable else "book-table"
    body = frame.to_html(index=False, escape=True, na_rep="–", classes=classes, border=0)
    caption_html = f"<caption>{html.escape(caption)}</caption>"
    return body.replace(">\n  <thead>", f">\n  {caption_html}\n  <thead>", 1)


def _cell(value):
    """A cell as JSON: numbers stay numbers, missing values become null, the rest text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return None if pd.isna(value) else value
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        item = value.item()
        return None if isinstance(item, float) and pd.isna(item) else item
    if isinstance(value, tuple | list | set | frozenset):
        return "; ".join(str(v) for v in value)
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


def table_data(frame: pd.DataFrame, caption: str) -> dict:
    """The table as plain JSON data: caption, column names and rows of cells."""
    return {
        "caption": caption,
        "columns": [str(c) for c in frame.columns],
        "data": [[_cell(v) for v in row] for row in frame.itertuples(index=False, name=None)],
    }


def _markdown_cell(value) -> str:
    text = _cell(value)
    return "–" if text is None or text == "" else escape(" ".join(str(text).split()))


def table_markdown(frame: pd.DataFrame, caption: str) -> str:
    """The table as a captioned MyST table: what builders without HTML (the PDF) show."""
    header = "| " + " | ".join(escape(str(c)) for c in frame.columns) + " |"
    rule = "|" + "---|" * len(frame.columns)
    rows = [
        "| " + " | ".join(_markdown_cell(v) for v in row) + " |"
        for row in frame.itertuples(index=False, name=None)
    ]
    title = escape(" ".join(caption.split()))
    widths = " ".join(str(_width(frame, i)) for i in range(len(frame.columns)))
    options = [":class: longtable", f":widths: {widths}"] if len(frame.columns) else []
    return "\n".join([f":::{{table}} {title}", *options, "", header, rule, *rows, ":::"])


def _width(frame: pd.DataFrame, position: int) -> int:
    """Relative width of a column in the PDF: its longest word or cell, within 6..60."""
    texts = [str(frame.columns[position]), *(str(_cell(v) or "") for v in frame.iloc[:, position])]
    longest_word = max(len(word) for text in texts for word in [*text.split(), ""])
    return max(6, min(60, max(longest_word + 1, max(len(t) for t in texts) // 2 + 3)))


def table_bundle(frame: pd.DataFrame, caption: str, sortable: bool = True) -> dict:
    """Every representation of a table: HTML, MyST (for the PDF), text and the data."""
    data = table_data(frame, caption)
    json.dumps(data, allow_nan=False)  # fail here, not in the download step
    return {
        "text/html": table_html(frame, caption, sortable),
        "text/markdown": table_markdown(frame, caption),
        "text/plain": f"{caption}\n{frame.to_string(index=False)}",
        TABLE_MIME: data,
    }


def show_table(frame: pd.DataFrame, caption: str, sortable: bool = True) -> None:
    """Display ``frame`` as a captioned table; plain text stands in outside HTML."""
    display(table_bundle(frame, caption, sortable), raw=True)
