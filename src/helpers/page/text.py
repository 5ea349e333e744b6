"""Text from data or from a user, made safe to place in Markdown."""

MARKDOWN_SPECIALS = set("\\`*_{}[]<>()#+-.!|&:$~")


def escape(text: str) -> str:
    """Escape every Markdown/MyST special character so ``text`` shows as typed."""
    return "".join(f"\\{c}" if c in MARKDOWN_SPECIALS else c for c in str(text))
