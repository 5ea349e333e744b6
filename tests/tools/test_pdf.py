"""The PDF's settings: A4, a title page naming both reports, captions under tables and
column widths that hold every header (no TeX needed: `make check`)."""

from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
import sphinx
import yaml
from sphinx.util.template import LaTeXRenderer

from helpers.page.tables import PDF_LINE_CHARS, pdf_widths, table_markdown
from helpers.tools.pdf import LATEX_DIR, pdf_config, title_page

ROOT = Path(__file__).parents[2]
OUR_TEMPLATE = ROOT / "book" / LATEX_DIR / "longtable.tex.jinja"
SPHINX_TEMPLATE = Path(sphinx.__file__).parent / "templates" / "latex" / "longtable.tex.jinja"


def test_pdf_is_a4_with_our_title_page_and_no_xindy():
    settings = pdf_config(ROOT / "_config.yml", ROOT / "book")
    sphinx_config = settings["sphinx"]["config"]
    assert sphinx_config["latex_elements"]["papersize"] == "a4paper"
    assert sphinx_config["latex_use_xindy"] is False
    assert settings["latex"]["latex_engine"] == "xelatex"
    title = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["title"]
    assert title in sphinx_config["latex_elements"]["maketitle"]


def test_title_page_names_both_reports_and_their_years():
    page = title_page("A book")
    assert page.startswith(r"\begin{titlepage}") and page.endswith(r"\end{titlepage}")
    assert r"\textit{Collectieve preventieve interventies in de gemeente Amersfoort}" in page
    assert r"\textit{Voor het evenwicht van kwetsbare inwoners}" in page
    assert "2024" in page and "2017" in page


def test_the_pdf_build_uses_our_table_template_and_style_file():
    sphinx_config = pdf_config(ROOT / "_config.yml", ROOT / "book")["sphinx"]["config"]
    book = ROOT / "book"
    assert (book / sphinx_config["templates_path"][-1] / "longtable.tex.jinja").is_file()
    (style,) = sphinx_config["latex_additional_files"]
    assert (book / style).is_file() and style.endswith("bookprint.sty")
    assert r"\usepackage{bookprint}" in sphinx_config["latex_elements"]["preamble"]


def render(template: Path, caption: str | None = "Some figures; source: data/x.csv") -> str:
    """A two-row table as Sphinx's LaTeX writer renders it through ``template``."""
    table = SimpleNamespace(
        styles=["booktabs", "colorrows"],
        align="default",
        caption=[caption] if caption else [],
        header=["HEAD-A&HEAD-B\\\\\n"],
        body=["ROW-1&1\\\\\n", "ROW-2&2\\\\\n"],
        colcount=2,
        get_colspec=lambda: "{ll}\n",
    )
    renderer = LaTeXRenderer(latex_engine="xelatex")
    return renderer.render(str(template), {"table": table, "labels": r"\label{t1}"})


def caption_is_in_the_last_foot(tex: str) -> bool:
    r"""True when the caption is typeset under the last row: in ``\endfoot``..``\endlastfoot``."""
    caption = tex.index(r"\caption{")
    return tex.index(r"\endfoot") < caption < tex.index(r"\endlastfoot")


@pytest.mark.parametrize("template, below", [(OUR_TEMPLATE, True), (SPHINX_TEMPLATE, False)])
def test_our_longtable_template_puts_the_caption_under_the_table(template, below):
    tex = render(template)
    assert caption_is_in_the_last_foot(tex) is below
    assert tex.count(r"\caption{") == 1 and tex.count("ROW-2") == 1


def test_the_link_target_stays_at_the_top_and_tables_without_caption_still_close():
    tex = render(OUR_TEMPLATE)
    assert tex.index(r"\label{t1}") < tex.index("HEAD-A") < tex.index(r"\endfirsthead")
    bare = render(OUR_TEMPLATE, caption=None)
    assert r"\caption" not in bare
    last_foot = bare[bare.index(r"\endfoot") : bare.index(r"\endlastfoot")]
    assert r"\sphinxbottomrule" in last_foot  # the closing rule is still drawn
    assert r"\booktablecells" in bare  # the smaller type and wrapping of bookprint.sty
    assert r"\booktablecaptionroom" not in bare


def test_the_foot_of_a_continued_page_keeps_room_for_the_caption():
    tex = render(OUR_TEMPLATE, caption="Long caption; source")
    foot = tex[tex.index(r"\endhead") : tex.index(r"\endfoot")]
    assert r"\booktablecaptionroom{Long caption; source}" in foot
    style = (OUR_TEMPLATE.parent / "bookprint.sty").read_text(encoding="utf-8")
    for macro in ("cells", "captionbelow", "captionend", "captionroom"):
        assert rf"\newcommand\booktable{macro}" in style


def room(widths: list[int], position: int) -> float:
    """Characters that column ``position`` holds on a PDF line with these relative widths."""
    return widths[position] * PDF_LINE_CHARS / max(sum(widths), PDF_LINE_CHARS)


def test_every_column_holds_its_longest_header_word_beside_a_long_text_column():
    frame = pd.DataFrame(
        {
            "figure": ["students enrolled since start"] * 3,
            "value": ["73", "53", "20"],
            "how": ["computed from the published counts by adding the two cohorts " * 3] * 3,
            "source": ["2024 report, annex 3, 11.4"] * 3,
            "interventions": ["in scope"] * 3,
        }
    )
    widths = pdf_widths(frame)
    for position, word in enumerate(["students", "value", "published", "report,", "interventions"]):
        assert room(widths, position) >= len(word) + 1, (word, widths)
    assert widths[2] == max(widths)  # the long text still gets the most room


def test_identifiers_need_only_their_longest_part_because_they_wrap_after_underscores():
    frame = pd.DataFrame({"id": ["svk_budget_teacher_hours_per_group_week"], "n": [1]})
    widths = pdf_widths(frame)
    assert widths[0] < len("svk_budget_teacher_hours_per_group_week")
    assert room(widths, 0) >= len("teacher_") + 1


def test_the_widths_reach_the_markdown_table():
    frame = pd.DataFrame({"title": ["A long title of an intervention"], "value": ["€1,120"]})
    markdown = table_markdown(frame, "Titles; source: data/x.csv")
    assert f":widths: {' '.join(map(str, pdf_widths(frame)))}" in markdown.splitlines()
