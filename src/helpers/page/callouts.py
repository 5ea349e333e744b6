"""Blocks a reader sees on a page: prose, the "Key findings" box, provenance dropdowns.

Chapter functions write the sentences; these functions only put them on the page, as
MyST (the book renders markdown outputs as MyST: ``nb_render_markdown_format: myst``).
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import pandas as pd
from IPython.display import Markdown, display

from helpers.page.tables import table_bundle

KEY_FINDINGS = "Key findings"
PROVENANCE_TITLE = "Figures and sources for this section"


def say(text: str) -> None:
    """Show a paragraph of MyST markdown."""
    display(Markdown(text))


def key_findings_markdown(sentences: Iterable[str], title: str = KEY_FINDINGS) -> str:
    """The "Key findings" admonition holding the given sentences, one paragraph each."""
    body = "\n\n".join(s.strip() for s in sentences if s and s.strip())
    if not body:
        raise ValueError("key findings need at least one sentence")
    return f"::::{{admonition}} {title}\n:class: tip key-findings\n\n{body}\n::::"


def show_key_findings(sentences: Iterable[str], t=None) -> None:
    """Open a page with its key findings (titled in the language of ``t``, if given)."""
    say(key_findings_markdown(sentences, t._(KEY_FINDINGS) if t else KEY_FINDINGS))


def show_provenance(frame: pd.DataFrame, caption: str, title: str = PROVENANCE_TITLE) -> None:
    """A collapsed part holding a provenance table (figure ids, formulas, sections).

    Readers see only its title; reviewers open it. The table inside is an ordinary book
    table (same caption, same Excel download); the PDF shows it as a MyST dropdown.
    """
    bundle = table_bundle(frame, caption, sortable=False)
    bundle["text/html"] = (
        f'<details class="provenance"><summary>{html.escape(title)}</summary>\n'
        f"{bundle['text/html']}\n</details>"
    )
    bundle["text/markdown"] = (
        f"::::{{dropdown}} {title}\n:class-container: provenance\n\n{bundle['text/markdown']}\n::::"
    )
    display(bundle, raw=True)
