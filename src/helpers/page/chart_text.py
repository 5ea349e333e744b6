"""What a chart says in words: a description from its data and the data as a table.

Both are read from the Vega-Lite spec that `helpers.page.charts.show` draws, so the text
alternative and the table always match the chart. ``describe`` gives one sentence such as
"Bar chart: in-scope interventions per age group; highest: 4-12 years (54)"; it is the
chart's accessible name (Vega-Lite's ``description``). ``data_table_html`` is the data
behind the chart, for a collapsed part under it.
"""

from __future__ import annotations

import html

from helpers.page.i18n import Language

#: Chart kinds in words; the text alternative translates them (see `describe`).
MARK_NAMES = {
    "bar": "Bar chart",
    "rect": "Heatmap",
    "line": "Line chart",
    "area": "Area chart",
    "point": "Dot chart",
    "circle": "Dot chart",
    "square": "Dot chart",
    "tick": "Tick chart",
    "arc": "Pie chart",
    "rule": "Range chart",
}
CONCAT = ("concat", "hconcat", "vconcat")
MAX_ROWS = 200


def units(spec: dict) -> list[dict]:
    """Every single view (a dict with a mark and an encoding) of ``spec``, in order."""
    found: list[dict] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            if "mark" in node and isinstance(node.get("encoding"), dict):
                found.append(node)
            for key, value in node.items():
                if key not in ("data", "datasets"):
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    return found


def _mark(unit: dict) -> str:
    mark = unit["mark"]
    return mark.get("type", "") if isinstance(mark, dict) else str(mark)


def _rows(spec: dict, unit: dict) -> list[dict]:
    """The inline rows a view draws (its own named dataset, else the top-level one)."""
    data = unit.get("data") or spec.get("data") or {}
    if "name" in data:
        return list(spec.get("datasets", {}).get(data["name"], []))
    return list(data.get("values", []))


def _channel(unit: dict, name: str) -> tuple[str, str] | None:
    """(field, type) of an encoding channel that reads a plain data field."""
    channel = unit["encoding"].get(name)
    if isinstance(channel, dict) and isinstance(channel.get("field"), str):
        return channel["field"], channel.get("type", "")
    return None


def _label(value, t: Language) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return " ".join(str(value).split())
    return t.count(value)


def highest(spec: dict, unit: dict, t: Language | None = None) -> str:
    """'highest: <category> (<value>)' over the view's rows, or '' when it cannot be read."""
    channels = {c: _channel(unit, c) for c in ("x", "y", "color", "theta")}
    measures = [c for c, f in channels.items() if f and f[1] == "quantitative"]
    categories = [c for c, f in channels.items() if f and f[1] in ("nominal", "ordinal")]
    if not measures or not categories:
        return ""
    value_field = channels[measures[0]][0]
    label_fields = [channels[c][0] for c in categories if c in ("x", "y")] or [
        channels[categories[0]][0]
    ]
    rows = [
        r
        for r in _rows(spec, unit)
        if isinstance(r.get(value_field), int | float) and not isinstance(r[value_field], bool)
    ]
    if not rows:
        return ""
    t = t or Language()
    top = max(rows, key=lambda r: r[value_field])
    names = " × ".join(_label(top.get(f, ""), t) for f in label_fields)
    return t._("highest {field}: {names} ({value})").format(
        field=value_field, names=names, value=_label(top[value_field], t)
    )


def describe(spec: dict, caption: str, t: Language | None = None) -> str:
    """A one-sentence text alternative: kind of chart, subject, and its highest value."""
    t = t or Language()
    views = units(spec)
    main = next((u for u in views if _rows(spec, u)), views[0] if views else None)
    kind = t._(MARK_NAMES.get(_mark(main), "Chart") if main else "Chart")
    panels = next((len(spec[k]) for k in CONCAT if isinstance(spec.get(k), list)), 1)
    if panels > 1:
        kind = t._("{kind}s in {panels} panels").format(kind=kind, panels=panels)
    subject = " ".join(caption.split(";")[0].split()).rstrip(".")
    parts = [f"{kind}: {subject[:1].lower()}{subject[1:]}"]
    extreme = highest(spec, main, t) if main else ""
    if extreme:
        parts.append(extreme)
    return "; ".join(parts)


def data_table_html(spec: dict, t: Language | None = None) -> str:
    """The chart's inline data as HTML tables (at most ``MAX_ROWS`` rows each)."""
    t = t or Language()
    tables = []
    for rows in spec.get("datasets", {}).values():
        if not rows or not isinstance(rows[0], dict):
            continue
        columns = list(dict.fromkeys(k for r in rows for k in r if k != "source"))
        head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in columns)
        body = "".join(
            "<tr>"
            + "".join(f"<td>{html.escape(_label(r.get(c, ''), t))}</td>" for c in columns)
            + "</tr>"
            for r in rows[:MAX_ROWS]
        )
        cut = len(rows) > MAX_ROWS
        note = t._("The first {limit} of {n} rows.").format(limit=MAX_ROWS, n=t.count(len(rows)))
        note = f"<p>{html.escape(note)}</p>" if cut else ""
        tables.append(
            f'<table class="book-chart-table"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>{note}"
        )
    return "\n".join(tables)
