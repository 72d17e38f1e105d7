"""Text to ReportLab Paragraph markup, literally.

Paragraph text is markup: unescaped, `a<b` raises, `R&D` prints `R&D;`, `<img src=...>` reads a
local file and `<font>` is obeyed. Every user and library text goes through `para_text`.
"""

from __future__ import annotations


def para_text(text: str) -> str:
    """Escape &, < and > and keep line breaks as <br/>.

    Written out rather than xml.sax.saxutils.escape: importing that module pulls in
    urllib.request, http.client and ssl (8 ms on every export).
    """
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br/>")
