"""Floor for `rehab export`: the same handout built with bare ReportLab, nothing checked.

Same font, sizes and content as rehab's handout: title and header table, the boxed red flags,
each phase's goals, each exercise's name, boxed dose line, equipment, numbered steps, tips,
mistakes and boxed stop-if list, each exercise's figure (start and end side by side, the
body as rounded outlined segments posed from the entry's joint angles, props, arrow), then
the exercise log (one ruled table per week, tick boxes
as plain strings) and a footer with the page number. What it leaves out is rehab's own work:
validation, safety and dose checks, the dose wording, the version stamp, the glyph check.
Data is read with tomllib straight from rehab's files.

Usage: reportlab_handout.py PROTOCOL OUT.pdf [COPIES]
"""

import math
import sys
import tomllib
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table

ROOT = Path(__file__).resolve().parents[2]
FONTS = ROOT / "rehab" / "handout" / "fonts"
DATA = ROOT / "rehab" / "data"
MARGIN = 18 * mm

pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONTS / "DejaVuSans.ttf")))
pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(FONTS / "DejaVuSans-Bold.ttf")))
pdfmetrics.registerFontFamily("DejaVuSans", normal="DejaVuSans", bold="DejaVuSans-Bold")
body = ParagraphStyle("body", fontName="DejaVuSans", fontSize=11, leading=15)
cell = ParagraphStyle("cell", fontName="DejaVuSans", fontSize=10, leading=13)
label = ParagraphStyle("label", fontName="DejaVuSans-Bold", fontSize=11, leading=14)
h2 = ParagraphStyle("h2", fontName="DejaVuSans-Bold", fontSize=13, leading=17, spaceBefore=8)
h1 = ParagraphStyle("h1", fontName="DejaVuSans-Bold", fontSize=16, leading=21, spaceBefore=10)
title = ParagraphStyle("title", fontName="DejaVuSans-Bold", fontSize=20, leading=26)


def box(paragraphs: list[Paragraph], width: float, thick: float = 1.0) -> Table:
    table = Table([[p] for p in paragraphs], colWidths=[width])
    table.setStyle([("BOX", (0, 0), (-1, -1), thick, colors.black)])
    return table


def bullets(items: list[str], numbered: bool = False) -> list[Paragraph]:
    return [
        Paragraph(f"{i}. {text}" if numbered else f"\u2022 {text}", body)
        for i, text in enumerate(items, 1)
    ]


H = 170.0
SEGMENTS = {"thigh": 0.245 * H, "shank": 0.246 * H, "upper": 0.186 * H, "fore": 0.2 * H}


def _ray(p, phi, length):  # type: ignore[no-untyped-def]
    r = math.radians(phi)
    return (p[0] + length * math.sin(r), p[1] - length * math.cos(r))


def _pose(pose):  # type: ignore[no-untyped-def]
    """Joint positions from the angles (the same conventions as rehab), pelvis at the origin."""
    t = pose.get("trunk", 0)
    pelvis = (0.0, 0.0)
    shoulders = _ray(pelvis, 180 - t, 0.288 * H)
    head = _ray(shoulders, 180 - t - pose.get("head", 0), 0.052 * H + 0.065 * H)
    segs = [(pelvis, shoulders, 25.0), (shoulders, head, 9.0)]
    feet = []
    for name in ("other_leg", "working_leg"):
        leg = pose.get(name, {})
        thigh = -t + leg.get("hip", 0)
        knee = _ray(pelvis, thigh, SEGMENTS["thigh"])
        ankle = _ray(knee, thigh - leg.get("knee", 0), SEGMENTS["shank"])
        foot = thigh - leg.get("knee", 0) + 90 + leg.get("ankle", 0)
        segs += [(pelvis, knee, 14.0), (knee, ankle, 10.0)]
        feet.append([ankle, _ray(ankle, foot, -6.0), _ray(ankle, foot, 13.6)])
    for name in ("far_arm", "near_arm"):
        arm = pose.get(name, {})
        upper = -t + arm.get("shoulder", 0)
        elbow = _ray(shoulders, upper, SEGMENTS["upper"])
        segs += [(shoulders, elbow, 8.5), (elbow, _ray(elbow, upper + arm.get("elbow", 0), 34), 7)]
    low = min(p[1] for seg in segs for p in seg[:2])
    return segs, feet, head, low


def _ink(c, segs, feet, head, xy, k) -> None:  # type: ignore[no-untyped-def]
    """The body: black segments under white ones, the head, the feet."""
    for ink, extra in ((0, 2.0), (1, 0.0)):
        c.setStrokeColorRGB(ink, ink, ink)
        for a, b, w in segs:
            c.setLineWidth(w * k + extra)
            c.line(*xy(a), *xy(b))
        c.setFillColorRGB(ink, ink, ink)
        c.circle(*xy(head), 11 * k + extra / 2, stroke=0, fill=1)
    c.setStrokeColorRGB(0, 0, 0)
    c.setFillColorRGB(0, 0, 0)
    for foot in feet:
        path = c.beginPath()
        path.moveTo(*xy(foot[0]))
        for p in foot[1:]:
            path.lineTo(*xy(p))
        path.close()
        c.setLineWidth(4 * k + 2)
        c.drawPath(path, fill=1)


class Figure(Flowable):
    def __init__(self, figure) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.figure = figure
        box = figure.get("box", {"left": -90, "right": 110, "top": 200})
        self.box = box
        self.scale = 42 * mm / box["top"]
        self.panel = (box["right"] - box["left"]) * self.scale

    def wrap(self, width, height):  # type: ignore[no-untyped-def]
        return 2 * self.panel + 8 * mm, 42 * mm + 14

    def draw(self) -> None:
        c, k = self.canv, self.scale
        c.setLineCap(1)
        c.setLineJoin(1)
        for index, which in enumerate(("start", "end")):
            segs, feet, head, low = _pose(self.figure[which])
            x0 = index * (self.panel + 8 * mm) - self.box["left"] * k

            def xy(p):  # type: ignore[no-untyped-def]
                return x0 + p[0] * k, 14 + (p[1] - low) * k  # noqa: B023

            for prop in self.figure.get("props", []):
                w, h = prop.get("width", 30), prop.get("height", 15)
                c.rect(*xy((prop.get("x", 0), low)), w * k, h * k)
            _ink(c, segs, feet, head, xy, k)
            detail = self.figure.get("detail")
            if detail:  # the magnified circle: the same figure again, clipped, larger
                zoom, size = detail.get("zoom", 2.5), detail.get("radius", 12)
                centre = feet[1][2]
                at = (detail["x"], detail["y"] + low)
                c.saveState()
                c.setFillColorRGB(1, 1, 1)
                c.circle(*xy(at), size * zoom * k, stroke=1, fill=1)
                clip = c.beginPath()
                clip.circle(*xy(at), size * zoom * k)
                c.clipPath(clip, stroke=0, fill=0)

                def big(p):  # type: ignore[no-untyped-def]
                    dx, dy = (p[0] - centre[0]) * zoom, (p[1] - centre[1]) * zoom  # noqa: B023
                    return xy((at[0] + dx, at[1] + dy))  # noqa: B023

                for prop in self.figure.get("props", []):
                    w, h = prop.get("width", 30), prop.get("height", 15)
                    c.rect(*big((prop.get("x", 0), low)), w * k * zoom, h * k * zoom)
                _ink(c, segs, feet, head, big, k * zoom)
                c.restoreState()
            c.setLineWidth(1.4)
            c.line(x0 + self.box["left"] * k, 14, x0 + self.box["right"] * k, 14)
            c.setFont("DejaVuSans", 9)
            c.drawCentredString(x0 + (self.box["left"] + self.box["right"]) / 2 * k, 2, which)
            if index == 0:
                c.line(*xy((0, 100)), *xy((0, 130)))


def footer(canvas, doc) -> None:  # type: ignore[no-untyped-def]
    canvas.setFont("DejaVuSans", 8)
    canvas.drawString(MARGIN, 10 * mm, doc.title)
    canvas.drawRightString(A4[0] - MARGIN, 10 * mm, f"Page {doc.page}")


def build(protocol_path: Path, out: Path) -> None:
    protocol = tomllib.loads(protocol_path.read_text("utf-8"))
    catalog = tomllib.loads((DATA / "conditions.toml").read_text("utf-8"))
    doc = SimpleDocTemplate(str(out), pagesize=A4, title=protocol["id"], leftMargin=MARGIN)
    width = doc.width
    story = [Paragraph(protocol["title"], title), Paragraph(protocol.get("summary", ""), body)]
    rows = [("Clinician", protocol["clinician"]), ("Issued", "01 January 2026")]
    story.append(Table([[Paragraph(k, label), Paragraph(v, body)] for k, v in rows]))
    flags = [f for f in catalog["red_flags"] if f["general"]]
    story.append(
        box(
            [Paragraph("STOP and get help if:", h2)]
            + [Paragraph(f"\u2022 {f['text']} <b>{f['action']}</b>", body) for f in flags],
            width,
            thick=2.5,
        )
    )
    names: dict[str, str] = {}
    number = 0
    for p_index, phase in enumerate(protocol.get("phases", []), 1):
        story.append(Paragraph(f"Phase {p_index}: {phase['name']}", h1))
        goals = [
            g if isinstance(g, str) else g.get("text", g["measure"]) for g in phase.get("goals", [])
        ]
        story += [Paragraph("Goals", label), *bullets(goals)]
        for item in phase.get("exercises", []):
            entry = tomllib.loads((DATA / "exercises" / f"{item['exercise']}.toml").read_text())
            names[item["exercise"]] = entry["name"]
            number += 1
            story.append(Paragraph(f"{number}. {entry['name']}", h2))
            story.append(box([Paragraph(f"<b>Do:</b> {item.get('sets', 3)} sets", body)], width))
            if "figure" in entry:
                story.append(Figure(entry["figure"]))
            story.append(Paragraph(f"<b>You need:</b> {', '.join(entry['equipment'])}", body))
            story += [Paragraph("How to do it", label), *bullets(entry["instructions"], True)]
            for heading, key in (("Tips", "tips"), ("Avoid", "mistakes")):
                story += [Paragraph(heading, label), *bullets(entry.get(key, []))]
            stop = [Paragraph("Stop this exercise if:", label), *bullets(entry["stop_if"])]
            story += [box(stop, width), Spacer(1, 8)]
    story += [PageBreak(), Paragraph("Exercise log", h1)]
    name_width = width * 0.37
    for p_index, phase in enumerate(protocol.get("phases", []), 1):
        for week in range(1, phase["weeks"] + 1):
            rows = [["Exercise", *(f"Day\n{d}" for d in range(1, 8))]]
            for item in phase.get("exercises", []):
                rows.append([Paragraph(names[item["exercise"]], cell), *(["\u2610"] * 7)])
            table = Table(rows, colWidths=[name_width] + [(width - name_width) / 7] * 7)
            table.setStyle(
                [
                    ("FONT", (0, 0), (-1, -1), "DejaVuSans", 10),
                    ("FONT", (1, 1), (-1, -1), "DejaVuSans", 15),
                    ("GRID", (0, 0), (-1, -1), 0.75, colors.black),
                ]
            )
            story += [Paragraph(f"Phase {p_index}, week {week}", h2), table, Spacer(1, 6)]
    doc.build(story, onFirstPage=footer, onLaterPages=footer)


if __name__ == "__main__":
    copies = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    for index in range(copies):
        build(Path(sys.argv[1]), Path(sys.argv[2]).with_suffix(f".{index}.pdf"))
