"""The built PDF (run after `make pdf`; make test does): A4, pages with charts that are
not blank when rendered to images with poppler's pdftoppm, every table's caption under it
and no text running out of its column."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers.tools.pdf import LATEX_OUTPUT

BUILD = Path(__file__).parents[2] / "_build"
PDF = BUILD / "pdf" / "book.pdf"
LATEX = BUILD / LATEX_OUTPUT
SHOTS = Path("/tmp/shots-a11y")
CAPTION = re.compile(r"\bTable (\d+\.\d+): ")  # a longtable caption in the PDF's text


@pytest.fixture(scope="module")
def pdf():
    if not shutil.which("pdftoppm"):
        pytest.skip("poppler-utils missing (make pdf-deps installs it)")
    if not PDF.is_file():
        pytest.fail("no _build/pdf/book.pdf: run `make pdf` first (make test does)")
    return PDF


def chart_pages(pdf: Path) -> list[int]:
    """Pages holding an image (the charts' PNGs), from `pdfimages -list`."""
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True)
    rows = listing.stdout.splitlines()[2:]
    return sorted({int(row.split()[0]) for row in rows if row.split()})


def gray_pixels(pdf: Path, number: int, target: Path) -> bytes:
    """Page ``number`` rendered to an 8-bit grey PGM at 40 dpi; returns its pixels."""
    stem = target / f"page-{number}"
    command = ["pdftoppm", "-gray", "-r", "40", "-f", str(number), "-l", str(number)]
    subprocess.run([*command, "-singlefile", str(pdf), str(stem)], check=True)
    data = stem.with_suffix(".pgm").read_bytes()
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    width, height = int(header[1]), int(header[2])
    return data[header.end() : header.end() + width * height]


def test_pdf_is_a4(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "(A4)" in info, info


def test_three_chart_pages_render_and_are_not_blank(pdf, tmp_path):
    pages = chart_pages(pdf)
    assert len(pages) >= 3, pages
    for number in (pages[0], pages[len(pages) // 2], pages[-1]):
        pixels = gray_pixels(pdf, number, tmp_path)
        ink = sum(1 for p in pixels if p < 200) / len(pixels)
        assert 0.01 < ink < 0.6, (number, ink)  # something drawn, not a black page
        assert len(set(pixels)) > 20, number  # shades of grey: a chart, not only text
    if SHOTS.is_dir():
        for number in pages[:2]:
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    "70",
                    "-f",
                    str(number),
                    "-l",
                    str(number),
                    "-singlefile",
                    str(pdf),
                    str(SHOTS / f"pdf-page-{number}"),
                ],
                check=True,
            )


@pytest.fixture(scope="module")
def latex(pdf):
    """The LaTeX source and log the PDF was made from."""
    source, log = LATEX / "book.tex", LATEX / "book.log"
    if not (source.is_file() and log.is_file()):
        pytest.fail(f"no {source.name} and {log.name} beside the PDF: run `make pdf`")
    return source.read_text(encoding="utf-8"), log.read_text(encoding="utf-8", errors="replace")


def words(latex: str) -> list[str]:
    """The words of a piece of LaTeX, without its commands."""
    text = re.sub(r"\\[A-Za-z@]+\*?", " ", latex.replace(r"\sphinxhyphen{}", "-"))
    return re.findall(r"[^\W_]+", text)


def captioned_tables(source: str) -> list[tuple[str, list[str]]]:
    """Each longtable with a caption: its LaTeX and the first word of each header cell."""
    tables = []
    for table in re.findall(r"\\begin\{longtable\}.*?\\end\{longtable\}", source, re.DOTALL):
        if r"\caption{" in table:
            header = table.split(r"\sphinxtoprule", 1)[1].split(r"\sphinxmidrule", 1)[0]
            tables.append((table, [words(cell)[0] for cell in header.split("&")]))
    return tables


def test_every_table_caption_is_in_its_last_foot_under_the_rows(latex):
    source, _ = latex
    tables = captioned_tables(source)
    assert len(tables) >= 50, len(tables)
    for table, _ in tables:
        caption = table.index(r"\caption{")
        assert table.index(r"\endfoot") < caption < table.index(r"\endlastfoot"), table[:300]
    assert r"\sphinxthecaptionisattop" not in source  # no caption above a tabular(y) either


def test_in_the_pdf_each_caption_comes_after_its_table_header_on_the_same_page(pdf, latex):
    tables = captioned_tables(latex[0])
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True)
    captions = []  # (page lines, line of the caption), in reading order
    for page in text.stdout.split("\f"):
        lines = page.splitlines()
        captions += [(lines, i) for i, line in enumerate(lines) if CAPTION.search(line)]
    assert len(captions) == len(tables), (len(captions), len(tables))
    for (lines, at), (table, header) in zip(captions, tables, strict=True):
        caption = table[table.index(r"\caption{") :]
        assert words(lines[at])[3:5] == words(caption)[:2], (lines[at], caption[:80])
        above = [words(line) for line in lines[:at]]
        assert any(_in_order(header, line) for line in above), (header, lines[at])


def _in_order(wanted: list[str], line: list[str]) -> bool:
    rest = iter(line)
    return all(word in rest for word in wanted)


def test_no_header_cell_or_caption_runs_out_of_its_column(latex):
    _, log = latex
    overfull = re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide\).*\n(.*)", log)
    assert not overfull, overfull[:10]
