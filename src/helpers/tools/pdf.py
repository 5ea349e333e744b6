"""The PDF of the book: A4, a title page naming both reports, built with XeLaTeX.

`make pdf` runs ``python -m helpers.tools.pdf``; it writes ``_build/pdf/book.pdf`` and never
touches ``_build/html``. Charts reach the PDF as their PNG with the caption under it (see
`helpers.page.charts.show`); tables as captioned MyST tables (`helpers.page.tables`), which
Sphinx's LaTeX writer renders through ``book/_latex/longtable.tex.jinja``: our copy of its
template with the caption under the table. ``book/_latex/bookprint.sty`` sets the tables'
type and lets long identifiers and paths wrap inside their column.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

#: The two source reports, as the title page names them.
REPORTS = (
    (
        "Collectieve preventieve interventies in de gemeente Amersfoort",
        "Verwey-Jonker Instituut, 2024",
    ),
    ("Voor het evenwicht van kwetsbare inwoners", "Verwey-Jonker Instituut, 2017"),
)


#: Debian packages `make pdf` installs: XeLaTeX (Unicode text such as €, ≥, ë) with the
#: FreeFont fonts Sphinx uses for it, and the LaTeX packages Sphinx's class needs.
PDF_PACKAGES = (
    "texlive-latex-recommended",
    "texlive-latex-extra",
    "texlive-fonts-recommended",
    "texlive-xetex",
    "latexmk",
    "fonts-freefont-otf",
    "poppler-utils",  # pdftotext / pdftoppm, to check the result
)

#: The folder of ``book/`` holding the PDF build's table template and style file.
LATEX_DIR = "_latex"
#: Where, under the build folder, the LaTeX builder leaves book.tex, book.log and book.pdf.
LATEX_OUTPUT = Path(".pdf-work") / "_build" / "latex"


def title_page(title: str) -> str:
    """The LaTeX of the title page: the book's title and the two reports it re-publishes."""
    reports = "\n".join(rf"\item \textit{{{name}}} ({who})" for name, who in REPORTS)
    return (
        r"\begin{titlepage}\centering\vspace*{3cm}"
        rf"{{\Huge\bfseries {title}\par}}\vspace{{2cm}}"
        r"{\large An English re-publication, with every number traced to data, of two "
        r"studies:\par}\vspace{1em}"
        r"\begin{minipage}{0.8\linewidth}\begin{itemize}\large "
        f"{reports}"
        r"\end{itemize}\end{minipage}\vfill"
        r"\end{titlepage}"
    )


def pdf_config(config: Path, book_dir: Path) -> dict:
    """The book's configuration with the settings of the PDF build.

    XeLaTeX through Sphinx's own LaTeX writer: sphinx-jupyterbook-latex would need
    ``bbm.sty`` (Debian's 500 MB texlive-fonts-extra), and xindy is replaced by makeindex.
    """
    settings = yaml.safe_load(Path(config).read_text(encoding="utf-8"))
    settings["latex"] = {
        "latex_engine": "xelatex",
        "use_jupyterbook_latex": False,
        "latex_documents": {"targetname": "book.tex"},
    }
    settings["bibtex_bibfiles"] = [
        str((Path(book_dir) / name).resolve()) for name in settings.get("bibtex_bibfiles", [])
    ]
    sphinx = settings.setdefault("sphinx", {}).setdefault("config", {})
    sphinx["latex_use_xindy"] = False
    sphinx["templates_path"] = [*sphinx.get("templates_path", []), LATEX_DIR]
    sphinx["latex_additional_files"] = [f"{LATEX_DIR}/bookprint.sty"]
    sphinx["latex_elements"] = {
        "papersize": "a4paper",
        "maketitle": title_page(settings.get("title", "")),
        "figure_align": "H",
        "preamble": r"\usepackage{bookprint}",
    }
    return settings


def build_pdf(book_dir: Path, config: Path, toc: Path, build_dir: Path) -> Path:
    """Build ``<build_dir>/pdf/book.pdf`` with Jupyter Book's pdflatex builder.

    Works in ``<build_dir>/.pdf-work``; ``<build_dir>/html`` is never touched.
    """
    work = Path(build_dir) / LATEX_OUTPUT.parents[1]
    work.mkdir(parents=True, exist_ok=True)
    settings = work / "_config.yml"
    settings.write_text(
        yaml.safe_dump(pdf_config(config, book_dir), sort_keys=False), encoding="utf-8"
    )
    command = [
        str(Path(sys.executable).with_name("jupyter-book")),
        "build",
        str(Path(book_dir).resolve()),
        "--config",
        str(settings.resolve()),
        "--toc",
        str(Path(toc).resolve()),
        "--builder",
        "pdflatex",
        "--path-output",
        str(work.resolve()),
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    built = Path(build_dir) / LATEX_OUTPUT / "book.pdf"
    if result.returncode != 0 or not built.is_file():
        log = Path(build_dir) / "pdf.log"
        log.write_text(result.stdout + result.stderr, encoding="utf-8")
        raise RuntimeError(f"the PDF build failed (exit {result.returncode}); log: {log}")
    target = Path(build_dir) / "pdf" / "book.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(built, target)
    return target


def main(argv: list[str] | None = None) -> int:
    from helpers.paths import BOOK, BUILD, ROOT

    try:
        print(build_pdf(BOOK, ROOT / "_config.yml", ROOT / "_toc.yml", BUILD))
    except RuntimeError as exc:
        print(exc)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
