"""Book tables: Great Tables HTML for readers, the raw data kept for downloads."""

import re
from pathlib import Path

import pandas as pd
import pytest

from helpers.page import palette, tables
from helpers.page.tables import TABLE_MIME, split_caption, table_bundle

STATIC = Path(__file__).parents[2] / "book" / "_static"


@pytest.fixture
def frame():
    return pd.DataFrame(
        {
            "title": ["<script>alert(1)</script>", "=SUM(A1)", "*not emphasis*"],
            "annual cost": [1120.0, None, 2.5],
            "share (%)": [36.54, 100.0, 0.0],
            "reach": [674107.0, 3.0, 12.0],
            "year": [2023, 2024, 2017],
        }
    )


def cells(html_text: str) -> list[list[str]]:
    rows = re.findall(r"<tr>(.*?)</tr>", html_text, re.DOTALL)
    return [re.findall(r"<td[^>]*>(.*?)</td>", row, re.DOTALL) for row in rows]


def test_numbers_read_the_book_way_and_missing_is_not_known(frame):
    html = table_bundle(frame, "Costs; data/x.xlsx")["text/html"]
    assert cells(html)[0][1:] == ["€1,120", "36.5 %", "674,107", "2023"]
    assert cells(html)[1][1] == "not known"
    assert cells(html)[2][1:3] == ["€2.50", "0.0 %"]
    assert "674107.0" not in html and "<th" in html


def test_formats_override_the_guess_and_unknown_columns_are_refused(frame):
    html = table_bundle(frame, "t", formats={"reach": "money"})["text/html"]
    assert cells(html)[0][3] == "€674,107"
    with pytest.raises(ValueError, match="reech"):
        table_bundle(frame, "t", formats={"reech": "money"})


def test_cell_text_stays_escaped(frame):
    html = table_bundle(frame, "A <b>title</b>; source <i>x</i>")["text/html"]
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>" not in html and "<i>" not in html
    assert cells(html)[2][0] == "*not emphasis*"


def test_title_source_note_and_alignment(frame):
    html = table_bundle(frame, "Costs per intervention (§3; table 2); data/inventory.xlsx.")[
        "text/html"
    ]
    assert "<caption>Costs per intervention (§3; table 2)</caption>" in html
    assert re.search(r'class="gt_sourcenote"[^>]*>.*data/inventory\.xlsx\.', html)
    found = re.findall(r'<th class="[^"]*(gt_left|gt_right)[^"]*"[^>]*>([^<]*)</th>', html)
    assert {name: side for side, name in found} == {
        "title": "gt_left",
        "annual cost": "gt_right",
        "share (%)": "gt_right",
        "reach": "gt_right",
        "year": "gt_right",
    }


def test_split_caption():
    assert split_caption("Ages (2024 report; §3.4); the sum exceeds 137.") == (
        "Ages (2024 report; §3.4)",
        "The sum exceeds 137.",
    )
    assert split_caption("No source here") == ("No source here", "")
    assert split_caption("Reach; data/x.csv") == ("Reach", "data/x.csv")


def test_pre_formatted_number_columns_are_right_aligned():
    shown = pd.DataFrame({"cost per participant": ["€1,120", "not known"], "name": ["a", "b"]})
    html = table_bundle(shown, "t")["text/html"]
    assert re.search(r"gt_right[^>]*>cost per participant<", html)
    assert re.search(r"gt_left[^>]*>name<", html)


def test_no_cdn_no_style_block_and_stable_ids(frame):
    first = table_bundle(frame, "Costs; data/x.xlsx")["text/html"]
    again = table_bundle(frame, "Costs; data/x.xlsx")["text/html"]
    assert "<style" not in first and "http" not in first and "@import" not in first
    ids = sorted(set(re.findall(r'id="(table-\d+-[0-9a-f]+)"', first)))
    assert len(ids) == 1
    # ids derive from content and the order of the table on its page, never from chance
    strip = re.compile(r"table-\d+-")
    assert strip.sub("", first) == strip.sub("", again)
    other = table_bundle(frame.head(1), "Costs; data/x.xlsx")["text/html"]
    assert re.search(r'id="table-\d+-([0-9a-f]+)"', other)[1] != ids[0].split("-")[-1]


def test_sortable_and_searchable_classes(frame):
    assert 'class="dataframe book-table gt_table sortable"' in table_bundle(frame, "t")["text/html"]
    plain = table_bundle(frame, "t", sortable=False)["text/html"]
    assert 'class="dataframe book-table gt_table"' in plain
    long = table_bundle(frame, "t", searchable=True)["text/html"]
    assert 'class="dataframe book-table gt_table searchable"' in long


def test_raw_numbers_stay_in_the_data_and_the_pdf_gets_formatted_text(frame):
    bundle = table_bundle(frame, "Costs; data/x.xlsx")
    assert bundle[TABLE_MIME]["data"][0][1:4] == [1120.0, 36.54, 674107.0]
    assert bundle[TABLE_MIME]["data"][1][1] is None
    markdown = bundle["text/markdown"]
    assert markdown.startswith(":::{table} Costs; data/x\\.xlsx")
    assert "| €1,120 | 36\\.5 % | 674,107 | 2023 |" in markdown
    assert "not known" in bundle["text/plain"]


def test_show_searchable_table_displays_a_searchable_bundle(monkeypatch, frame):
    shown = []
    monkeypatch.setattr(tables, "display", lambda bundle, raw: shown.append(bundle))
    tables.show_searchable_table(frame, "All interventions; data/x.xlsx")
    tables.show_table(frame, "Some", sortable=False, source="2024 report, §3")
    assert "searchable" in shown[0]["text/html"]
    assert re.search(r"gt_sourcenote.*2024 report, §3", shown[1]["text/html"])


def test_the_datatables_files_are_the_ones_itables_ships():
    from importlib.resources import files

    shipped = files("itables") / "html"
    assert (STATIC / "datatables.css").read_bytes() == (shipped / "dt_bundle.css").read_bytes()
    script = tables.datatables_script()
    assert (STATIC / tables.DATATABLES_NAME).read_text(encoding="utf-8") == script, (
        "book/_static/datatables.js is stale: rewrite it with tables.datatables_script()"
    )
    assert "export{" not in script and "window.BookDataTable = " in script
    assert script.rstrip().endswith("})();")
    assert not (STATIC / "sortable.js").exists()


def test_palette_scales_and_the_alarm_colour_is_used_once():
    assert palette.scale(palette.STATUS, ["differs", "matches"]) == {
        "domain": ["differs", "matches"],
        "range": [palette.DIFFERS, palette.MATCHES],
    }
    with pytest.raises(KeyError, match="stated"):
        palette.scale(palette.STATUS, ["stated"])
    meaning = [*palette.ORIGIN.values(), *palette.STATUS.values(), palette.MUTED, palette.EMPTY]
    assert len(set(meaning)) == len(meaning)
    assert not set(meaning) & set(palette.CATEGORIES)
    with pytest.raises(ValueError):
        palette.categories([str(i) for i in range(7)])
