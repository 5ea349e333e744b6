"""Tables in the book, made for people with Great Tables.

Every table has a title (the caption, up to its first top-level "; ") and a source note
(the rest of the caption, or ``source=``), numbers in the book's one style
(`helpers.page.formatting`: €1,120; 36.5 %; 674,107), right-aligned, "not known" for
a missing value, no index column, and a box that scrolls when the table is wide. Cell
text is escaped (workbook text is untrusted). Great Tables' own stylesheet and its
random element ids are left out: ``book/_static/book.css`` styles every table, and ids
derive from the table's content, so two runs give the same output.

Tables marked ``sortable`` sort by a click on a column header; `show_searchable_table`
also adds a search box and pages. Both are DataTables, from the bundle that itables
ships, served by the book itself (``_static/datatables.js``, made by `datatables_script`;
``book-tables.js`` applies it), never from a CDN. Without JavaScript the full table stays.

The PDF build, which cannot show HTML, uses the same table as a captioned MyST table.
`show_table` also puts the table's raw data and caption into the output under a MIME
type of its own (`TABLE_MIME`). Jupyter Book ignores it (``suppress_warnings:
mystnb.unknown_mime_type``); the pipeline collects it from the executed notebooks into
the Excel download of every table (`helpers.tools.downloads`).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from importlib.metadata import version
from importlib.resources import files
from itertools import count

import pandas as pd
from great_tables import GT
from IPython.display import display

from helpers.page import formatting
from helpers.page.text import escape

TABLE_MIME = "application/vnd.prevention-book.table+json"
DATATABLES_NAME = "datatables.js"
_serial = count(1)

# Column names that say what a numeric column holds (first match wins).
_KINDS = (
    ("year", re.compile(r"\byears?\b")),
    ("percent", re.compile(r"%|\bpercent|\bshare\b|\bpct\b")),
    ("money", re.compile(r"€|\beur\b|\bcosts?\b|\bnpv\b|\bbudget|\bsavings?\b|\bamount")),
)


def split_caption(caption: str) -> tuple[str, str]:
    """The title (up to the first "; " outside brackets) and the rest, the source note."""
    depth = 0
    for position, char in enumerate(caption):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and caption.startswith("; ", position):
            note = caption[position + 2 :].strip()
            if "/" not in note.split(" ")[0]:  # "data/..." stays as written
                note = note[:1].upper() + note[1:]
            return caption[:position].strip(), note
    return caption.strip(), ""


def column_kind(name: object, values: pd.Series) -> str | None:
    """How the numbers of a column are shown: money, percent, year or count (None: no numbers)."""
    if not any(formatting.is_number(v) for v in values):
        return None
    label = str(name).lower()
    kind = next((kind for kind, pattern in _KINDS if pattern.search(label)), "count")
    years = [v for v in values if formatting.is_number(v)]
    if kind == "year" and not all(float(v).is_integer() and 1000 <= v <= 2999 for v in years):
        return "count"
    return kind


def display_frame(frame: pd.DataFrame, formats: dict | None = None) -> pd.DataFrame:
    """The table as readers see it: every cell as text, in the book's number style.

    ``formats`` maps column names to a kind of `formatting.FORMATS`; other columns get
    one from their name and values (`column_kind`).
    """
    formats = formats or {}
    unknown = set(formats) - {str(c) for c in frame.columns}
    if unknown:
        raise ValueError(f"formats name columns the table does not have: {sorted(unknown)}")
    shown = {}
    for position, name in enumerate(frame.columns):
        values = frame.iloc[:, position]
        kind = formats.get(str(name)) or column_kind(name, values)
        shown[str(name)] = [formatting.cell(v, kind) for v in values]
    return pd.DataFrame(shown, columns=[str(c) for c in frame.columns], dtype=object)


def _numeric(values: pd.Series) -> bool:
    """True when every filled cell of a shown column is a number (or 'not known')."""
    filled = [v for v in values if v not in ("", formatting.NOT_KNOWN)]
    return bool(filled) and all(formatting.parse(v) is not None for v in filled)


def table_html(
    frame: pd.DataFrame,
    caption: str,
    sortable: bool = True,
    *,
    formats: dict | None = None,
    source: str | None = None,
    searchable: bool = False,
) -> str:
    """The HTML of a table (Great Tables), titled, with its source note; cells escaped."""
    behaviour = "searchable" if searchable else "sortable" if sortable else ""
    return _html(display_frame(frame, formats), caption, source, behaviour)


def _html(shown: pd.DataFrame, caption: str, source: str | None, behaviour: str) -> str:
    title, note = (caption.strip(), source) if source is not None else split_caption(caption)
    content = json.dumps([caption, list(shown.columns), shown.values.tolist()])
    table_id = f"table-{next(_serial)}-{hashlib.sha256(content.encode()).hexdigest()[:10]}"
    right = [c for c in shown.columns if _numeric(shown[c])]
    table = GT(shown, id=table_id).cols_align("left").cols_align("right", columns=right)
    if note:
        table = table.tab_source_note(note)
    raw = re.sub(r"<style>.*?</style>\s*", "", table.as_raw_html(), count=1, flags=re.DOTALL)
    raw = raw.replace(f'<div id="{table_id}" ', f'<div id="{table_id}" class="book-table-box" ', 1)
    classes = f"dataframe book-table gt_table {behaviour}".strip()
    return re.sub(
        r'<table class="gt_table"[^>]*>',
        f'<table class="{classes}">\n<caption>{html.escape(title)}</caption>',
        raw,
        count=1,
    )


def datatables_script() -> str:
    """itables' DataTables bundle (an ES module) as a classic script: ``window.BookDataTable``.

    A classic script also runs from ``file://``, where browsers refuse module imports, and
    the function around it keeps the bundle's short names off the page's global scope.
    """
    bundle = (files("itables") / "html" / "dt_bundle.js").read_text(encoding="utf-8")
    (export,) = re.finditer(r"export\{([^}]*)\}", bundle)
    local = {name.strip(): value.strip() for value, name in _pairs(export[1])}
    body = f"{bundle[: export.start()]}window.BookDataTable = {local['default']};"
    header = (
        f"/* DataTables from itables {version('itables')} (dt_bundle.js) as a classic script */"
    )
    return f'{header}\n(function () {{\n"use strict";\n{body}{bundle[export.end() :]}\n}})();\n'


def _pairs(exports: str) -> list[tuple[str, str]]:
    return [tuple(part.split(" as ")) for part in exports.split(",")]


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
    widths = " ".join(str(width) for width in pdf_widths(frame))
    options = [":class: longtable", f":widths: {widths}"] if len(frame.columns) else []
    return "\n".join([f":::{{table}} {title}", *options, "", header, rule, *rows, ":::"])


#: About how many characters of a table's type fit on one line of the A4 PDF (\\small
#: FreeSerif/FreeSans, ~4.6 pt a character on a 453 pt line; see book/_latex/bookprint.sty).
PDF_LINE_CHARS = 92
_BREAKS = re.compile(r"\s+|(?<=[-_/])")  # where LaTeX may break a cell's text


def pdf_widths(frame: pd.DataFrame) -> list[int]:
    """Relative column widths of the table in the PDF, in characters.

    Every column gets at least its longest unbreakable word plus two characters of gap,
    so no header or cell runs into the next column; what is left of a line goes to the
    columns holding more text (up to half their longest cell).
    """
    floors, wants = [], []
    for position in range(len(frame.columns)):
        texts = [str(frame.columns[position])]
        texts += [str(_cell(v) or "") for v in frame.iloc[:, position]]
        floor = 2 + max(len(word) for text in texts for word in [*_BREAKS.split(text), ""])
        floors.append(floor)
        wants.append(max(floor, min(60, max(len(text) for text in texts) // 2 + 3)))
    spare, extra = PDF_LINE_CHARS - sum(floors), sum(wants) - sum(floors)
    if extra <= spare:
        return wants
    if spare <= 0:
        return floors
    return [
        floor + spare * (want - floor) // extra for floor, want in zip(floors, wants, strict=True)
    ]


def table_bundle(
    frame: pd.DataFrame,
    caption: str,
    sortable: bool = True,
    *,
    formats: dict | None = None,
    source: str | None = None,
    searchable: bool = False,
) -> dict:
    """Every representation of a table: HTML, MyST (for the PDF), text and the raw data."""
    data = table_data(frame, caption)
    json.dumps(data, allow_nan=False)  # fail here, not in the download step
    shown = display_frame(frame, formats)
    behaviour = "searchable" if searchable else "sortable" if sortable else ""
    return {
        "text/html": _html(shown, caption, source, behaviour),
        "text/markdown": table_markdown(shown, caption),
        "text/plain": f"{caption}\n{shown.to_string(index=False)}",
        TABLE_MIME: data,
    }


def show_table(
    frame: pd.DataFrame,
    caption: str,
    sortable: bool = True,
    *,
    formats: dict | None = None,
    source: str | None = None,
) -> None:
    """Display ``frame`` as a titled table with its source note.

    ``caption`` is "title; source" unless ``source`` is given; ``formats`` maps column
    names to "money", "percent", "count" or "year" where the column name does not say.
    """
    bundle = table_bundle(frame, caption, sortable, formats=formats, source=source)
    display(bundle, raw=True)


def show_searchable_table(
    frame: pd.DataFrame,
    caption: str,
    *,
    formats: dict | None = None,
    source: str | None = None,
) -> None:
    """Display a long table with a search box, sorting and pages (all rows without JavaScript)."""
    options = {"formats": formats, "source": source, "searchable": True}
    display(table_bundle(frame, caption, **options), raw=True)
