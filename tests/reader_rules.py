"""What a reader page must not show, as functions over HTML and text.

`tests/browser/test_reader_pages.py` applies them to the built book; `tests/page/
test_reader_rules.py` tests them on small snippets. "Visible" means outside collapsed
parts: closed ``details`` (provenance dropdowns, sphinx-design dropdowns) and
sphinx-togglebutton content; their summaries stay visible.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from helpers.page import formatting

KEY_FINDINGS = "Key findings"
SNAKE = re.compile(r"[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+")
FILE_NAME = re.compile(r"\.(csv|xlsx|xls|yml|yaml|json|md|ipynb|py|bib|txt|html|pdf)$", re.I)
EDGES = "()[]{}<>,;:!?\"'“”‘’…"
# A number printed the way Python prints a float: a table cell that is just "137.0" or
# "0.30000000000000004"; in prose, 674107.0 (two digits or more, so that a name such as
# "Meetlat 2.0" passes, and 36.0 % is a share with one decimal).
FLOAT_CELL = re.compile(r"^-?\d+\.(0|\d{6,})$")
FLOAT_PROSE = re.compile(r"(?<![\d.,])\d{2,}\.0(?![\d.,])(?!\s?%)|(?<![\d.])\d+\.\d{6,}")
HIDDEN = ["script", "style", "noscript", "template"]


def article(html: str) -> BeautifulSoup:
    """The page's article (the book's text, without navigation), or the whole document."""
    soup = BeautifulSoup(html, "html.parser")
    return soup.select_one("article.bd-article") or soup


def visible_text(html: str) -> str:
    """The article's text a reader sees without opening anything."""
    root = article(html)
    for element in root.find_all(HIDDEN):
        element.decompose()
    for details in root.find_all("details"):
        if details.has_attr("open"):
            continue
        summary = details.find("summary")
        details.replace_with(summary.get_text(" ") if summary else "")
    for toggle in root.select(".toggle-hidden, .admonition.dropdown > :not(.admonition-title)"):
        toggle.decompose()
    return " ".join(root.get_text(" ").split())


def code_tokens(text: str) -> list[str]:
    """snake_case codes and figure ids in ``text``; paths, file names and addresses aside."""
    found = []
    for word in text.split():
        word = word.strip(EDGES).rstrip(".")
        if "/" in word or "\\" in word or "@" in word or FILE_NAME.search(word):
            continue
        found += SNAKE.findall(word)
    return found


def raw_floats(html: str) -> list[str]:
    """Numbers printed as Python floats (674107.0), in table cells and in the prose.

    Collapsed parts count; chart graphics (axis ticks such as 0.5, 1.0, 1.5) do not.
    """
    root = article(html)
    for element in root.find_all([*HIDDEN, "svg"]):
        element.decompose()
    found = []
    for cell in root.find_all(["td", "th"]):
        text = cell.get_text(" ", strip=True)
        if FLOAT_CELL.match(text):
            found.append(text)
        cell.decompose()
    text = " ".join(root.get_text(" ").split())
    return found + [match.group(0) for match in FLOAT_PROSE.finditer(text)]


def zero_tables(html: str) -> list[str]:
    """Captions of the tables whose numeric cells are all zero (at least one numeric cell)."""
    found = []
    for table in article(html).find_all("table"):
        if table.find_parent("details", class_="book-chart-data"):
            continue  # a chart's own data, judged with its chart
        texts = [cell.get_text(" ", strip=True) for cell in table.select("tbody td")]
        numbers = [n for n in (formatting.parse(t) for t in texts) if n is not None]
        if numbers and all(n == 0 for n in numbers):
            caption = table.find("caption")
            found.append(caption.get_text(" ", strip=True) if caption else "(no caption)")
    return found


def key_findings_problem(html: str) -> str | None:
    """Why the page does not open with a "Key findings" admonition (None when it does)."""
    root = article(html)
    boxes = [
        box
        for box in root.select(".admonition")
        if (title := box.select_one(".admonition-title"))
        and title.get_text(" ", strip=True) == KEY_FINDINGS
    ]
    if not boxes:
        return f'no admonition titled "{KEY_FINDINGS}"'
    order = {id(element): n for n, element in enumerate(root.find_all(True))}
    first_exhibit = root.select_one("table, figure.book-chart")
    if first_exhibit and order[id(boxes[0])] > order[id(first_exhibit)]:
        return f'"{KEY_FINDINGS}" comes after the first table or chart'
    return None


def outside(box: dict, frame: dict, tolerance: float = 1.0) -> bool:
    """True when ``box`` (x, y, width, height) reaches beyond ``frame``."""
    return (
        box["x"] < frame["x"] - tolerance
        or box["y"] < frame["y"] - tolerance
        or box["x"] + box["width"] > frame["x"] + frame["width"] + tolerance
        or box["y"] + box["height"] > frame["y"] + frame["height"] + tolerance
    )
