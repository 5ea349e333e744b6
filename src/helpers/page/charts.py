"""Altair charts that render without a network, with their source under them.

``show`` emits one output with two representations: HTML that draws the chart with the
vega libraries the book serves from its own ``_static`` folder (never a CDN), holding a
static SVG that stands in where no JavaScript runs; and a PNG for PDF builds (left out
when the environment variable `PNG_SWITCH` is "0", as the pipeline sets it for rerun and
compare books, which have no PDF).
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import textwrap
from importlib.metadata import version
from itertools import count

import altair as alt
import vl_convert as vlc
from IPython.display import display

from helpers.page import chart_text, palette
from helpers.page.i18n import Language
from helpers.page.text import escape

VEGA_LITE = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
BUNDLE_NAME = "vega-bundle.js"
PNG_SWITCH = "PREVENTION_BOOK_CHART_PNG"
_serial = count(1)


def bundle_header() -> str:
    """The first line of the bundle: which versions it holds."""
    return f"/* vl-convert {version('vl-convert-python')}, vega-lite {VEGA_LITE}, wrapped */"


def javascript_bundle() -> str:
    """vega, vega-lite and vega-embed in one script that defines ``window.vegaEmbed``.

    The bundle is wrapped in a function so its top-level names (``_``, ``n``...) do not
    collide with the page's other scripts (Sphinx defines ``_``).
    """
    bundle = vlc.javascript_bundle(vl_version=VEGA_LITE)
    return f"{bundle_header()}\n(function () {{\n{bundle}\n}})();\n"


def chart_html(spec: dict, caption: str, element_id: str, svg: str, t=None) -> str:
    """The HTML of one chart: a figure with the static SVG, replaced by the live chart.

    The live chart takes the width of the column; on a narrow screen, panels side by side
    are stacked. The chart's data follows in a collapsed table.
    """
    spec_json = json.dumps(spec, sort_keys=True).replace("</", "<\\/").replace("<!--", "<\\!--")
    table = chart_text.data_table_html(spec, t)
    summary = html.escape((t or Language())._("The data behind this chart"))
    details = (
        f'<details class="book-chart-data">\n<summary>{summary}</summary>\n{table}\n</details>\n'
        if table
        else ""
    )
    return (
        f'<figure class="book-chart">\n'
        f'<div id="{element_id}" class="book-chart-canvas">{svg}</div>\n'
        f"<figcaption>{html.escape(caption)}</figcaption>\n"
        f"{details}"
        f"</figure>\n"
        f"<script>(function () {{\n"
        f"  var draw = function () {{\n"
        f'    var el = document.getElementById("{element_id}");\n'
        f"    var spec = {spec_json};\n"
        f"    if (el.clientWidth < {NARROW}) {{\n"
        f"      if (spec.hconcat) {{ spec.vconcat = spec.hconcat; delete spec.hconcat; }}\n"
        f"      if (spec.concat) {{ spec.columns = 1; }}\n"
        f"    }}\n"
        f'    el.innerHTML = "";\n'
        f'    vegaEmbed(el, spec, {{"actions": false, "renderer": "svg"}}).then(function () {{\n'
        f'      var svg = el.querySelector("svg");\n'
        f'      svg.setAttribute("role", "img");\n'
        f'      svg.setAttribute("aria-label", spec.description || "");\n'
        f"    }});\n"
        f"  }};\n"
        f'  if (window.vegaEmbed) {{ draw(); }} else {{ window.addEventListener("load", draw); }}\n'
        f"}})();</script>"
    )


def label_svg(svg: str, name: str) -> str:
    """The SVG with ``role="img"`` and ``name`` as its accessible name."""
    label = html.escape(name, quote=True)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def fit_width(spec: dict) -> dict:
    """The live chart's spec: a single or layered view takes the column's width.

    Panels (concat, facet, repeat) keep their size; the stylesheet scales them down.
    """
    spec = dict(spec)
    if isinstance(spec.get("width"), int | float) and not any(k in spec for k in COMPOSED):
        spec["width"] = "container"
        spec["autosize"] = {"type": "fit-x", "contains": "padding"}
    return spec


#: Below this width (px), panels side by side are drawn one under the other.
NARROW = 600
COMPOSED = ("concat", "hconcat", "vconcat", "facet", "repeat")
#: Axis numbers in a Dutch book: 1.000 and 0,5 (Vega's number locale).
DUTCH_NUMBERS = {
    "number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€ ", ""]}
}
SOURCE_WORDS = ("report", "computed", "§", "data/", "rapport", "berekend")


def caption_source(caption: str) -> str:
    """The part of a caption that names the source (its last clause with a source word)."""
    for part in reversed(caption.split(";")):
        if any(word in part for word in SOURCE_WORDS):
            return part.strip().rstrip(".")
    return caption.strip().rstrip(".")


def _has_source(tooltip) -> bool:
    items = tooltip if isinstance(tooltip, list) else [tooltip]
    return any(
        (i.get("field") if isinstance(i, dict) else str(i).split(":")[0]) == "source" for i in items
    )


def with_source_tooltip(spec: dict, source: str) -> dict:
    """Make every tooltip of ``spec`` show a ``source`` field (added as a constant if missing).

    Units whose tooltip lacks ``source`` get it, computed by a ``calculate`` transform; if
    the chart has no tooltip at all, every unit gets a tooltip with just the source.
    """
    units = chart_text.units(spec)
    with_tip = [u for u in units if "tooltip" in u["encoding"]]
    targets = [u for u in with_tip if not _has_source(u["encoding"]["tooltip"])]
    if not with_tip:
        targets = units
    for unit in targets:
        tooltip = unit["encoding"].get("tooltip", [])
        tooltip = tooltip if isinstance(tooltip, list) else [tooltip]
        unit["encoding"]["tooltip"] = [*tooltip, {"field": "source", "type": "nominal"}]
        calculate = {"calculate": json.dumps(source), "as": "source"}
        unit["transform"] = [*unit.get("transform", []), calculate]
    return spec


def caption_markdown(caption: str) -> str:
    """The caption as a MyST paragraph: what the PDF shows under the chart's image."""
    return "*Figure: " + escape(" ".join(caption.split())) + "*"


def show(chart: alt.TopLevelMixin, caption: str, t=None) -> None:
    """Display ``chart`` with ``caption`` (which must name its source); ``t`` (a
    `helpers.page.i18n.Language`) words its text alternative and data table.

    A tooltip without a ``source`` field gets one, taken from the caption; the chart's
    description (its accessible name) is generated from its data. A second output carries
    the caption for the PDF (HTML shows it in the figure already). Screen readers get the
    description and the data table, not each mark.
    """
    spec = with_source_tooltip(chart.to_dict(), caption_source(caption))
    spec["description"] = chart_text.describe(spec, caption, t)
    config = spec.setdefault("config", {})  # one name for the chart; marks and axes hidden
    config["aria"] = False
    if t is not None and t.dutch:
        config["locale"] = DUTCH_NUMBERS
    config["mark"] = {**config.get("mark", {}), "aria": False}
    digest = hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:12]
    element_id = f"chart-{next(_serial)}-{digest}"
    svg = label_svg(vlc.vegalite_to_svg(spec, vl_version=VEGA_LITE), spec["description"])
    bundle = {
        "text/html": chart_html(fit_width(spec), caption, element_id, svg, t),
        "text/plain": f"Chart: {caption}",
    }
    if os.environ.get(PNG_SWITCH) != "0":
        bundle["image/png"] = vlc.vegalite_to_png(spec, vl_version=VEGA_LITE, scale=2)
    display(bundle, raw=True)
    display({"text/html": "", "text/markdown": caption_markdown(caption)}, raw=True)


# long category labels break into lines of about 26 characters instead of being cut short
WRAP_AT = 26
WRAPPED_LABEL = (
    rf"split(trim(replace(datum.label, regexp('(.{{1,{WRAP_AT}}})(\\s+|$)', 'g'), '$1\n')), '\n')"
)


def _whole(numbers) -> bool:
    """Whether every number is a whole one (counts): their axis then has no 0.5 ticks."""
    values = numbers.stack().dropna()
    return bool(len(values)) and bool((values % 1 == 0).all())


def bar_chart(
    frame,
    category: str,
    value: str,
    source: str | None,
    title: str = "",
    color: str | None = None,
    *,
    colours: dict[str, list[str]] | None = None,
    grouped: bool = False,
    start: str | None = None,
    axis_title: str | None = None,
    x_domain: tuple[float, float] | None = None,
) -> alt.Chart | alt.LayerChart:
    """Horizontal bars of ``value`` per ``category`` (stacked by ``color`` if given).

    One colour per ``color`` value (``colours``, a `palette` scale, else `palette.categories`),
    side by side instead of stacked when ``grouped``; without ``color`` the bars take the
    meaning colour of their source (`palette.origin_colour`). With ``start`` a bar runs from
    ``start`` to ``value``, with a tick at ``value``. ``source`` None: the frame has a
    ``source`` column. The tooltip shows every column and the source.
    """
    columns = [category, *([start] if start else []), value, *([color] if color else [])]
    data = frame[[*columns, "source"]] if source is None else frame[columns].assign(source=source)
    numbers = [c for c in (start, value) if c]
    encoding = {
        "y": alt.Y(
            f"{category}:N",
            sort=list(dict.fromkeys(data[category])),
            title=None,
            axis=alt.Axis(labelExpr=WRAPPED_LABEL, labelLimit=0),
        ),
        "x": alt.X(
            f"{numbers[0]}:Q",
            title=axis_title or value,
            **({"scale": alt.Scale(domain=list(x_domain))} if x_domain else {}),
            **({"axis": alt.Axis(tickMinStep=1)} if _whole(data[numbers]) else {}),
        ),
        "tooltip": [f"{c}:N" for c in columns if c not in numbers]
        + [f"{c}:Q" for c in numbers]
        + ["source:N"],
    }
    if start:
        encoding["x2"] = f"{value}:Q"
    mark: dict = {"color": palette.origin_colour(" ".join(data["source"].astype(str).unique()))}
    if color:
        order = list(dict.fromkeys(data[color]))
        scale = colours or palette.categories(order)
        legend = alt.Legend(orient="bottom", columns=2, labelLimit=260)
        encoding["color"] = alt.Color(
            f"{color}:N", title=color, scale=alt.Scale(**scale), legend=legend
        )
        if grouped:
            encoding["yOffset"] = alt.YOffset(f"{color}:N", sort=order)
        mark = {}
    lines = max((len(textwrap.wrap(str(v), WRAP_AT)) for v in data[category]), default=1)
    room = max(20, 13 * lines + 6)  # for every line of the longest label
    if color and grouped:  # the step is then each bar's: the group of bars makes the room
        room = max(14, -(-room // data[color].nunique()))
    chart = alt.Chart(data).mark_bar(**mark).encode(**encoding)
    if start:
        end = {k: v for k, v in encoding.items() if k in ("y", "tooltip")}
        tick = alt.Chart(data).mark_tick(color=palette.INK, thickness=2, opacity=1)
        chart = alt.layer(chart, tick.encode(x=f"{value}:Q", **end))
    return chart.properties(title=title, width=480, height=alt.Step(room))
