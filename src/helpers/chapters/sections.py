"""A section of a report as readers see it: '3.2' -> '§3.2'; named parts stay as they are."""


def section_text(section: str) -> str:
    """'3.2' -> '§3.2'; 'annex 3, 2.7' and 'summary' stay as they are."""
    return f"§{section}" if str(section)[:1].isdigit() else str(section)
