"""The house style every PDF renderer shares (agenda, minutes, record copies, action digest): A4
with 2 cm margins, the paragraph styles, escaped user text, ruled tables, and the page furniture
(protective marking at the head and foot, "Page N of M"). One place, so every PDF from the app looks
the same and a change of style is made once.

Every piece of user text goes through ``paragraph`` or ``text_block``: escaped, so names holding
<, > or & print as typed, and set as the font can draw it (``bidi_text.printable``).
"""

from __future__ import annotations

from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Table, TableStyle

from efh_desktop.export.bidi_text import printable
from efh_desktop.export.pdf_fonts import FONT, FONT_BOLD, FONT_ITALIC, register_fonts

__all__ = ["BODY_WIDTH", "FONT", "FONT_BOLD", "FONT_ITALIC", "INK", "MARGIN", "PAGE_HEIGHT", "PAGE_WIDTH", "RULE",
           "SHADE", "SUB_INDENT", "a4_document", "grid", "numbered_canvas", "paragraph", "register_fonts",
           "styles", "text_block"]

MARGIN = 2 * cm
PAGE_WIDTH, PAGE_HEIGHT = A4
BODY_WIDTH = PAGE_WIDTH - 2 * MARGIN
INK = colors.HexColor("#1a1a1a")
RULE = colors.HexColor("#8c8c8c")
SHADE = colors.HexColor("#e8ecf1")
SUB_INDENT = 0.6 * cm


def styles() -> dict[str, ParagraphStyle]:
    """A fresh set of the paragraph styles (a renderer may add its own to the dict it gets)."""
    base = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13, textColor=INK)
    return {
        "body": base,
        "title": ParagraphStyle("title", parent=base, fontName=FONT_BOLD, fontSize=17, leading=21, spaceAfter=2),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=11.5, leading=15, spaceAfter=10),
        "heading": ParagraphStyle("heading", parent=base, fontName=FONT_BOLD, fontSize=12.5, leading=16,
                                  spaceBefore=12, spaceAfter=5),
        "label": ParagraphStyle("label", parent=base, fontName=FONT_BOLD),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9.5, leading=12),
        "cell_bold": ParagraphStyle("cell_bold", parent=base, fontName=FONT_BOLD, fontSize=9.5, leading=12),
        "cell_right": ParagraphStyle("cell_right", parent=base, fontSize=9.5, leading=12, alignment=TA_RIGHT),
        "head": ParagraphStyle("head", parent=base, fontName=FONT_BOLD, fontSize=9.5, leading=12),
        "head_right": ParagraphStyle("head_right", parent=base, fontName=FONT_BOLD, fontSize=9.5, leading=12,
                                     alignment=TA_RIGHT),
        "note": ParagraphStyle("note", parent=base, fontName=FONT_ITALIC, fontSize=9.5, leading=12,
                               spaceBefore=4),
    }


def paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of user text: escaped, so "<b>Zed</b> & Co" prints exactly like that, and in
    visual order when it holds right-to-left script."""
    return Paragraph(escape(printable(text)), style)


def text_block(text: str, style: ParagraphStyle) -> Paragraph:
    """Like ``paragraph``, but the text keeps its own line breaks (notes, reasons)."""
    return Paragraph(escape(printable(text.replace("\r\n", "\n"))).replace("\n", "<br/>"), style)


def grid(rows: list[list[Any]], widths: list[float], *, header: bool) -> Table:
    """A ruled table, left-aligned; with ``header`` the first row is shaded and repeats on each page."""
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ]
    if header:
        commands += [("BACKGROUND", (0, 0), (-1, 0), SHADE), ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK)]
    table.setStyle(TableStyle(commands))
    return table


def numbered_canvas(marking: str, before: int = 0, after: int = 0) -> type[Canvas]:
    """A canvas that holds every page back until the end, so each can say "Page N of M", with the
    protective marking at the head and foot. A renderer may subclass it and extend ``_furniture``.

    ``before`` and ``after``: pages of the same file laid out separately (a record copy's front
    sheet before the shared minutes), so the numbers run across the whole file."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # ReportLab's own; its stubs omit it

        def save(self) -> None:
            total = before + len(self._pages) + after
            for number, state in enumerate(self._pages, before + 1):
                self.__dict__.update(state)
                self._furniture(number, total)
                super().showPage()
            super().save()

        def _furniture(self, number: int, total: int) -> None:
            self.saveState()
            self.setFillColor(INK)
            self.setFont(FONT_BOLD, 9)
            self.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 1.15 * cm, marking)
            self.setStrokeColor(RULE)
            self.setLineWidth(0.4)
            self.line(MARGIN, PAGE_HEIGHT - 1.35 * cm, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 1.35 * cm)
            self.line(MARGIN, 1.5 * cm, PAGE_WIDTH - MARGIN, 1.5 * cm)
            self.drawCentredString(PAGE_WIDTH / 2, 1.0 * cm, marking)
            self.setFont(FONT, 9)
            self.drawRightString(PAGE_WIDTH - MARGIN, 1.0 * cm, f"Page {number} of {total}")
            self.restoreState()

    return NumberedCanvas


def a4_document(buffer: BinaryIO, *, title: str, author: str, subject: str) -> BaseDocTemplate:
    """An A4 document with the house margins and one body frame, reproducible (``invariant``: the
    same story gives the same bytes), its properties holding only what the caller says."""
    template = BaseDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
        title=title, author=author, subject=subject, creator="EFH Desktop",
        keywords="",  # type: ignore[arg-type]  # ReportLab takes a string (the stubs say list)
        invariant=1, lang="en-GB",
    )
    # No frame padding: the text and tables line up with the rules of the header and footer.
    body = Frame(MARGIN, MARGIN, BODY_WIDTH, PAGE_HEIGHT - 2 * MARGIN, id="body",
                 leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    template.addPageTemplates([PageTemplate(id="page", frames=[body])])
    return template
