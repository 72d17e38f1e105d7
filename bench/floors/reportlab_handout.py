"""Floor for `rehab export`: a bare ReportLab handout with the same font and the same content.

It reads the protocol and its exercises with tomllib and lays out the same paragraphs (title,
each exercise's name, dose line, steps, tips, stop-if) without any checking, version stamp,
boxes or log table. Usage: reportlab_handout.py PROTOCOL OUT.pdf [COPIES]
"""

import sys
import tomllib
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

ROOT = Path(__file__).resolve().parents[2]
FONTS = ROOT / "rehab" / "handout" / "fonts"
EXERCISES = ROOT / "rehab" / "data" / "exercises"

pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONTS / "DejaVuSans.ttf")))
pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(FONTS / "DejaVuSans-Bold.ttf")))
body = ParagraphStyle("body", fontName="DejaVuSans", fontSize=11, leading=15)
head = ParagraphStyle("head", fontName="DejaVuSans-Bold", fontSize=14, leading=18)


def build(protocol_path: Path, out: Path) -> None:
    protocol = tomllib.loads(protocol_path.read_text("utf-8"))
    story = [Paragraph(protocol["title"], head), Spacer(1, 8)]
    for phase in protocol.get("phases", []):
        story.append(Paragraph(phase["name"], head))
        for item in phase.get("exercises", []):
            entry = tomllib.loads((EXERCISES / f"{item['exercise']}.toml").read_text("utf-8"))
            story.append(Paragraph(entry["name"], head))
            story.append(Paragraph(f"Do: {item.get('sets', 3)} sets", body))
            for key in ("instructions", "tips", "mistakes", "stop_if"):
                story += [Paragraph(text, body) for text in entry.get(key, [])]
    SimpleDocTemplate(str(out), pagesize=A4).build(story)


if __name__ == "__main__":
    copies = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    for index in range(copies):
        build(Path(sys.argv[1]), Path(sys.argv[2]).with_suffix(f".{index}.pdf"))
