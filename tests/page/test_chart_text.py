"""Text alternatives and data tables, read from chart specs with known data."""

import altair as alt
import pandas as pd

from helpers.page import chart_text
from helpers.page.charts import caption_markdown, chart_html, fit_width, label_svg

AGES = pd.DataFrame({"age group": ["0-4", "4-12", "13-18"], "interventions": [31, 54, 40]})


def test_bar_chart_names_its_kind_subject_and_highest_value():
    spec = alt.Chart(AGES).mark_bar().encode(y="age group:N", x="interventions:Q").to_dict()
    text = chart_text.describe(spec, "In-scope interventions per age group; source: report §3.")
    assert text == (
        "Bar chart: in-scope interventions per age group; highest interventions: 4-12 (54)"
    )


def test_heatmap_names_both_categories_of_its_highest_cell():
    cells = pd.DataFrame(
        {"case": ["A", "A", "B", "B"], "dimension": ["x", "y", "x", "y"], "score": [1, 3, 2.5, 0]}
    )
    chart = alt.Chart(cells).mark_rect().encode(x="dimension:N", y="case:N", color="score:Q")
    text = chart_text.describe(chart.to_dict(), "Scores per case")
    assert text == "Heatmap: scores per case; highest score: y × A (3)"


def test_panels_are_counted_and_a_chart_without_data_still_gets_a_name():
    one = alt.Chart(AGES).mark_point().encode(x="interventions:Q", y="age group:N")
    spec = alt.hconcat(one, one).to_dict()
    assert chart_text.describe(spec, "Two views.").startswith("Dot charts in 2 panels: two views")
    empty = {"mark": "line", "encoding": {"x": {"datum": 1}}}
    assert chart_text.describe(empty, "Nothing") == "Line chart: nothing"


def test_data_table_lists_every_row_escaped_and_leaves_out_the_source():
    frame = AGES.assign(source="report", **{"note": ["<b>", "", "x"]})
    spec = alt.Chart(frame).mark_bar().encode(y="age group:N", x="interventions:Q").to_dict()
    table = chart_text.data_table_html(spec)
    assert table.count("<tr>") == 4  # header + three rows
    assert '<th scope="col">age group</th>' in table
    assert "&lt;b&gt;" in table and "<b>" not in table
    assert "source" not in table and ">54<" in table


def test_long_data_is_cut_with_a_note():
    frame = pd.DataFrame({"x": range(250), "y": range(250)})
    spec = alt.Chart(frame).mark_line().encode(x="x:Q", y="y:Q").to_dict()
    table = chart_text.data_table_html(spec)
    assert table.count("<tr>") == 201
    assert "The first 200 of 250 rows." in table


def test_single_views_take_the_column_width_but_panels_keep_theirs():
    single = alt.Chart(AGES).mark_bar().encode(y="age group:N", x="interventions:Q")
    wide = fit_width(single.properties(width=480).to_dict())
    assert wide["width"] == "container"
    assert wide["autosize"] == {"type": "fit-x", "contains": "padding"}
    panels = alt.hconcat(single.properties(width=200), single.properties(width=200)).to_dict()
    assert fit_width(panels) == panels


def test_figure_holds_the_collapsed_data_and_the_caption_escaped():
    spec = alt.Chart(AGES).mark_bar().encode(y="age group:N", x="interventions:Q").to_dict()
    page = chart_html(spec, "Ages & <groups>", "chart-1", "<svg></svg>")
    assert "<figcaption>Ages &amp; &lt;groups&gt;</figcaption>" in page
    assert page.index("<details") > page.index("<figcaption>")
    assert "<summary>The data behind this chart</summary>" in page
    assert caption_markdown("Ages *per* group") == r"*Figure: Ages \*per\* group*"


def test_static_svg_gets_the_description_as_its_name():
    svg = label_svg('<svg width="3"><g></g></svg>', 'Bar chart: "a" & b')
    assert (
        svg
        == '<svg role="img" aria-label="Bar chart: &quot;a&quot; &amp; b" width="3"><g></g></svg>'
    )


def shown_bundles(monkeypatch) -> list[dict]:
    """The outputs `charts.show` displays, captured."""
    from helpers.page import charts

    captured = []
    monkeypatch.setattr(charts, "display", lambda bundle, raw: captured.append(bundle))
    chart = alt.Chart(AGES).mark_bar().encode(y="age group:N", x="interventions:Q")
    charts.show(chart, "Interventions per age group; computed from data/x.xlsx.")
    return captured


def test_a_chart_carries_a_png_for_the_pdf_unless_switched_off(monkeypatch):
    from helpers.page.charts import PNG_SWITCH

    monkeypatch.delenv(PNG_SWITCH, raising=False)
    chart, _ = shown_bundles(monkeypatch)
    assert chart["image/png"].startswith(b"\x89PNG")
    monkeypatch.setenv(PNG_SWITCH, "0")
    chart, caption = shown_bundles(monkeypatch)
    assert "image/png" not in chart and "<svg" in chart["text/html"]
    assert caption["text/markdown"].startswith("*Figure: Interventions per age group")
