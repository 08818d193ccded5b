"""The ecomap as one A4 landscape page for the meeting pack, with initials only.

Whatever the window shows, every name is replaced by its initials before anything is drawn
(``only_initials``), and the page lists the same links as text with initials. No bookmarks, and the
file's title is "Ecomap": the page leaves the laptop in the pack. Never part of a disclosure copy.
"""

from __future__ import annotations

import io
import math

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas

from efh_desktop.domain.ecomap import (
    KIND_COLOURS,
    KIND_SHAPES,
    KIND_WORDS,
    LINE_STYLES,
    Ecomap,
    only_initials,
    text_listing,
)
from efh_desktop.export.bidi_text import printable
from efh_desktop.export.pdf_fonts import FONT, FONT_BOLD, register_fonts

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN = 1.5 * cm
_DASHES = {"dash": (6, 3), "dash_thick": (6, 3), "dot": (1, 3), "dot_dot": (5, 2, 1, 2, 1, 2), "dash_dot": (6, 2, 1, 2),
           "dash_red": (5, 3)}


def _line(canvas: Canvas, style: str) -> None:
    width = 2.2 if "thick" in style else 0.6 if style == "solid_thin" else 1.1
    canvas.setLineWidth(width)
    canvas.setStrokeColor(colors.HexColor("#b3261e") if "red" in style else
                          colors.HexColor("#8c8c8c") if "grey" in style else colors.HexColor("#333333"))
    canvas.setDash(*(_DASHES[style],) if style in _DASHES else ())


def _shape(canvas: Canvas, kind: str, x: float, y: float, r: float) -> None:
    canvas.setFillColor(colors.HexColor(KIND_COLOURS.get(kind, "#444444")))
    canvas.setStrokeColor(colors.white)
    canvas.setDash()
    canvas.setLineWidth(1)
    shape = KIND_SHAPES.get(kind, "circle")
    if shape in ("circle", "small_circle"):
        canvas.circle(x, y, r * (0.7 if shape == "small_circle" else 1), stroke=1, fill=1)
        return
    if shape == "square":
        canvas.rect(x - r, y - r, 2 * r, 2 * r, stroke=1, fill=1)
        return
    sides = 6 if shape == "hexagon" else 4
    turn = 0.0  # a hexagon with points left and right; a diamond standing on a point
    path = canvas.beginPath()
    for i in range(sides):
        angle = turn + 2 * math.pi * i / sides
        px, py = x + r * 1.15 * math.cos(angle), y + r * 1.15 * math.sin(angle)
        path.moveTo(px, py) if i == 0 else path.lineTo(px, py)
    path.close()
    canvas.drawPath(path, stroke=1, fill=1)


def render_ecomap_pdf(ecomap: Ecomap, *, marking: str = "OFFICIAL-SENSITIVE") -> bytes:
    """PDF bytes: the picture on page one, the key and the links as text after it."""
    register_fonts()
    safe = only_initials(ecomap)  # before anything is drawn: no full name can reach the page
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1, pageCompression=0)
    canvas.setTitle("Ecomap")
    canvas.setAuthor("")
    canvas.setSubject("Ecomap for the meeting pack (initials only)")
    canvas.setCreator("EFH Desktop")

    def header() -> None:
        canvas.setFont(FONT, 8)
        canvas.setFillColor(colors.HexColor("#444444"))
        canvas.drawString(MARGIN, PAGE_HEIGHT - 0.9 * cm, marking)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, 0.8 * cm, "Ecomap · initials only · not for disclosure copies")

    header()
    canvas.setFont(FONT_BOLD, 14)
    canvas.setFillColor(colors.black)
    canvas.drawString(MARGIN, PAGE_HEIGHT - 1.7 * cm, printable(safe.title))
    # Fit the layout into the drawing area.
    area_top, area_bottom = PAGE_HEIGHT - 2.3 * cm, 3.2 * cm
    area_left, area_right = MARGIN, PAGE_WIDTH - MARGIN
    points = safe.positions or {}
    if points:
        xs, ys = [p[0] for p in points.values()], [p[1] for p in points.values()]
        span_x, span_y = max(xs) - min(xs) or 1.0, max(ys) - min(ys) or 1.0
        scale = min((area_right - area_left - 2 * cm) / span_x, (area_top - area_bottom - 1.5 * cm) / span_y)
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        mid_x, mid_y = (area_left + area_right) / 2, (area_top + area_bottom) / 2

        def at(key: str) -> tuple[float, float]:
            x, y = points[key]
            return mid_x + (x - cx) * scale, mid_y - (y - cy) * scale  # screen y runs down, PDF y up

        for edge in safe.edges:
            if edge.a in points and edge.b in points:
                _line(canvas, LINE_STYLES.get(edge.relation, "solid"))
                (x1, y1), (x2, y2) = at(edge.a), at(edge.b)
                canvas.line(x1, y1, x2, y2)
        canvas.setDash()
        for node in safe.nodes:
            if node.key not in points:
                continue
            x, y = at(node.key)
            _shape(canvas, node.kind, x, y, 9)
            label, font = printable(node.label(False)), FONT_BOLD if node.focus else FONT
            width = canvas.stringWidth(label, font, 8)
            canvas.setFillColor(colors.white)  # lines crossing the label do not strike it through
            canvas.rect(x - width / 2 - 1.5, y - 21, width + 3, 9.5, stroke=0, fill=1)
            canvas.setFillColor(colors.black)
            canvas.setFont(font, 8)
            canvas.drawCentredString(x, y - 19, label)
    else:
        canvas.setFont(FONT, 10)
        canvas.drawString(MARGIN, area_top - 1 * cm, "Nothing recorded to draw.")
    # The key: shapes, then line styles.
    x = MARGIN
    canvas.setFont(FONT, 8)
    for kind, word in KIND_WORDS.items():
        _shape(canvas, kind, x + 5, 2.2 * cm, 5)
        canvas.setFillColor(colors.black)
        canvas.drawString(x + 13, 2.2 * cm - 3, word)
        x += 3.4 * cm
    x, y = MARGIN, 1.5 * cm
    for relation, style in LINE_STYLES.items():
        word = relation.replace("_", " ")
        width = 1.0 * cm + canvas.stringWidth(word, FONT, 8) + 0.5 * cm
        if x + width > PAGE_WIDTH - MARGIN:  # the key wraps rather than run off the page
            x, y = MARGIN, y - 0.45 * cm
        _line(canvas, style)
        canvas.line(x, y, x + 0.8 * cm, y)
        canvas.setDash()
        canvas.setFillColor(colors.black)
        canvas.drawString(x + 1.0 * cm, y - 3, word)
        x += width
    canvas.showPage()
    # The same links as text, initials only.
    lines = text_listing(safe, full_names=False) or ["No links recorded."]
    y = PAGE_HEIGHT - 1.7 * cm
    header()
    canvas.setFont(FONT_BOLD, 12)
    canvas.setFillColor(colors.black)
    canvas.drawString(MARGIN, y, "Links shown in the ecomap")
    y -= 0.8 * cm
    canvas.setFont(FONT, 9)
    for line in lines:
        if y < 1.5 * cm:
            canvas.showPage()
            header()
            canvas.setFont(FONT, 9)
            canvas.setFillColor(colors.black)
            y = PAGE_HEIGHT - 1.7 * cm
        canvas.drawString(MARGIN, y, printable(line)[:160])
        y -= 0.5 * cm
    canvas.showPage()
    canvas.save()
    return out.getvalue()
