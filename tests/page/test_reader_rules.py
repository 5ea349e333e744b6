"""The reader-page rules themselves, on small HTML snippets (they must be able to fail)."""

import pytest
from reader_rules import (
    code_tokens,
    key_findings_problem,
    outside,
    raw_floats,
    visible_text,
    zero_tables,
)


def page(body: str) -> str:
    return (
        f'<html><body><nav>nav_item</nav><article class="bd-article">{body}</article></body></html>'
    )


KEY = (
    '<div class="admonition tip key-findings"><p class="admonition-title">Key findings</p>'
    "<p>137 interventions.</p></div>"
)
TABLE = "<table><caption>{}</caption><tbody>{}</tbody></table>"


def test_visible_text_leaves_out_collapsed_parts_navigation_and_scripts():
    html = page(
        "<p>Reach of sto_nurse.</p>"
        '<details class="provenance"><summary>Figures and sources</summary>'
        "<p>inv_located hidden</p></details>"
        "<details open><summary>Open</summary><p>shown_code</p></details>"
        '<details class="sd-dropdown"><summary>More</summary><p>also_hidden</p></details>'
        '<div class="admonition dropdown"><p class="admonition-title">Toggle</p>'
        "<p>tog_hidden</p></div>"
        '<script>var spec_json = {"a_b": 1};</script>'
    )
    text = visible_text(html)
    assert code_tokens(text) == ["sto_nurse", "shown_code"]
    assert "Figures and sources" in text and "Toggle" in text
    assert "nav_item" not in text


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("codes such as work_and_income, not_stated.", ["work_and_income", "not_stated"]),
        ("figure (sto_nurse_min_experience)", ["sto_nurse_min_experience"]),
        ("TABLE_MIME and x_1", ["TABLE_MIME", "x_1"]),
        ("source: data/amersfoort-2024/case_studies.csv", []),
        ("see case_studies.csv and figures_table.xlsx.", []),
        ("mail a_b@example.org or https://x.org/a_b", []),
        ("city-wide, adults 25-55, bodily functions", []),
    ],
)
def test_code_tokens(text, tokens):
    assert code_tokens(text) == tokens


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("<p>Total reach 674107.0 in 2023</p>", ["674107.0"]),
        ("<p>a share of 0.30000000000000004</p>", ["0.30000000000000004"]),
        (TABLE.format("t", "<tr><td>137.0</td><td>3.0</td><td>2.5</td></tr>"), ["137.0", "3.0"]),
        (TABLE.format("t", "<tr><td>Meetlat Sociaal Domein 2.0</td><td>100.0 %</td></tr>"), []),
        ("<p>reach 674,107; share 36.5 %; 100.0 % of cases; €2.50; 2023; 12.25</p>", []),
        ("<p>Pact 2.0</p><figure class='book-chart'><svg><text>1.0</text></svg></figure>", []),
        ("<details><summary>s</summary><table><tr><td>5.0</td></tr></table></details>", ["5.0"]),
    ],
)
def test_raw_floats(body, found):
    assert raw_floats(page(body)) == found


def test_zero_tables_finds_tables_of_zeros_only():
    zeros = TABLE.format("Completeness", "<tr><td>reach</td><td>0</td><td>0.0 %</td></tr>")
    mixed = TABLE.format("Scope", "<tr><td>in scope</td><td>137</td><td>0</td></tr>")
    text_only = TABLE.format("Names", "<tr><td>a</td><td>not known</td></tr>")
    money = TABLE.format("Costs", "<tr><td>x</td><td>€0</td></tr><tr><td>y</td><td>-€0</td></tr>")
    assert zero_tables(page(zeros + mixed + text_only + money)) == ["Completeness", "Costs"]


def test_key_findings_must_open_the_page():
    chart = '<figure class="book-chart"><svg></svg></figure>'
    assert key_findings_problem(page(KEY + "<p>text</p>" + chart)) is None
    assert "no admonition" in key_findings_problem(page("<p>text</p>" + chart))
    wrong_title = KEY.replace("Key findings", "Key points")
    assert "no admonition" in key_findings_problem(page(wrong_title))
    late = TABLE.format("t", "<tr><td>1</td></tr>") + KEY
    assert "after the first table" in key_findings_problem(page(late))


def test_outside():
    frame = {"x": 0, "y": 0, "width": 100, "height": 50}
    assert not outside({"x": 10, "y": 10, "width": 80, "height": 30}, frame)
    assert not outside({"x": -0.5, "y": 0, "width": 100.9, "height": 50}, frame)
    assert outside({"x": 90, "y": 10, "width": 30, "height": 10}, frame)
    assert outside({"x": 10, "y": -8, "width": 10, "height": 10}, frame)
