"""Text to ReportLab Paragraph markup, literally.

Paragraph text is markup: unescaped, `a<b` raises, `R&D` prints `R&D;`, `<img src=...>` reads a
local file and `<font>` is obeyed. Every user and library text goes through `para_text`.
"""

from __future__ import annotations

from xml.sax.saxutils import escape


def para_text(text: str) -> str:
    """Escape &, < and > and keep line breaks as <br/>."""
    escaped = escape(text.replace("\r\n", "\n").replace("\r", "\n"))
    return escaped.replace("\n", "<br/>")
