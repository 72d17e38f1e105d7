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


BLOCK_LINES = 40
"""Lines per paragraph for long multi-line texts (see `para_blocks`)."""


def para_blocks(text: str) -> list[str]:
    """Multi-line text as Paragraph markup, in blocks of at most BLOCK_LINES lines.

    ReportLab re-wraps all the remaining lines of a paragraph each time it splits it across a
    page, so one paragraph of n lines costs about n squared: a note of 10,000 short lines took
    30 s to export. Blocks keep the work linear. A text that fits one block is exactly
    `para_text`; in longer ones a blank line is a no-break space (a paragraph cannot start or
    end with an empty line), which prints the same.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) <= BLOCK_LINES:
        return [para_text(text)]
    shown = [para_text(line) if line.strip() else "\u00a0" for line in lines]
    return ["<br/>".join(shown[i : i + BLOCK_LINES]) for i in range(0, len(shown), BLOCK_LINES)]
