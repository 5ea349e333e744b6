"""Tables in the book: escaped HTML with a caption that names the source, sortable by click."""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import display


def table_html(frame: pd.DataFrame, caption: str, sortable: bool = True) -> str:
    """HTML of a table; every cell and the caption are escaped (workbook text is untrusted)."""
    classes = "book-table sortable" if sortable else "book-table"
    body = frame.to_html(index=False, escape=True, na_rep="–", classes=classes, border=0)
    caption_html = f"<caption>{html.escape(caption)}</caption>"
    return body.replace(">\n  <thead>", f">\n  {caption_html}\n  <thead>", 1)


def show_table(frame: pd.DataFrame, caption: str, sortable: bool = True) -> None:
    """Display ``frame`` as a captioned table; plain text stands in outside HTML."""
    display(
        {
            "text/html": table_html(frame, caption, sortable),
            "text/plain": f"{caption}\n{frame.to_string(index=False)}",
        },
        raw=True,
    )
