"""The built PDF (run after `make pdf`; make test does): A4, and pages with charts that are
not blank when rendered to images with poppler's pdftoppm."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

PDF = Path(__file__).parents[2] / "_build" / "pdf" / "book.pdf"
SHOTS = Path("/tmp/shots-a11y")


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
