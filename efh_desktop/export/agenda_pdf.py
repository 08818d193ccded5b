"""Render an ``AgendaDocument`` as an A4 PDF with ReportLab platypus.

The renderer only lays out what the document holds: any redaction (initials only) has already
happened. Text is set in DejaVu Sans (resources/fonts), embedded as a TrueType subset so the PDF looks the same everywhere and its text can be searched and extracted. Every piece
of user text is escaped before it reaches Paragraph markup, because names may contain <, > and &.
Output is reproducible (``invariant``): the same document gives the same bytes.

There are no bookmarks (outline entries would be one more place a name could hide) and the
document title in the file's properties is built from the meeting type and date only.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from efh_desktop.export.agenda_document import INITIALS_NOTE, AgendaDocument, AgendaLine
from efh_desktop.export.bidi_text import printable
from efh_desktop.paths import RESOURCES_DIR, package_file

FONT = "EFHVera"
FONT_BOLD = "EFHVera-Bold"
MARGIN = 2 * cm
PAGE_WIDTH, PAGE_HEIGHT = A4
BODY_WIDTH = PAGE_WIDTH - 2 * MARGIN
INK = colors.HexColor("#1a1a1a")
RULE = colors.HexColor("#8c8c8c")
SHADE = colors.HexColor("#e8ecf1")
TIME_WIDTH = 2.3 * cm
MINUTES_WIDTH = 2.0 * cm
NUMBER_WIDTH = 1.0 * cm
SUB_INDENT = 0.6 * cm

# DejaVu Sans (shipped in resources/fonts; Vera's descendant with far wider coverage: Welsh,
# Czech, Polish, Greek, Cyrillic…). There is deliberately no fallback to the Vera files inside
# ReportLab: they lack those letters, so a PDF made with them silently loses names. A missing font
# means a broken installation, and the export stops saying so (MissingPackageData).
_FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf", "EFHVera-Italic": "DejaVuSans-Oblique.ttf",
               "EFHVera-BoldItalic": "DejaVuSans-BoldOblique.ttf"}


def _register_fonts() -> None:
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, filename in _FONT_FILES.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(package_file(RESOURCES_DIR, "fonts", filename))))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic="EFHVera-Italic",
                                  boldItalic="EFHVera-BoldItalic")


def _styles() -> dict[str, ParagraphStyle]:
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
        "note": ParagraphStyle("note", parent=base, fontName="EFHVera-Italic", fontSize=9.5, leading=12,
                               spaceBefore=4),
    }


def _heading(text: str, st: dict[str, ParagraphStyle]) -> list:
    """A section heading that never sits alone at the foot of a page; the section itself may then
    run on (a long agenda splits, repeating its header row) rather than leave a half-empty page."""
    return [CondPageBreak(3 * cm), _p(text, st["heading"])]


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of user text: escaped, so "<b>Zed</b> & Co" prints exactly like that, and in
    visual order when it holds right-to-left script."""
    return Paragraph(escape(printable(text)), style)


def _grid(rows: list[list[Paragraph]], widths: list[float], *, header: bool) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    commands = [
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


def _facts(doc: AgendaDocument, st: dict[str, ParagraphStyle]) -> Table:
    facts = [("Meeting", doc.type_name), ("Date", doc.date_text), ("Time", doc.time_text),
             ("Venue", doc.venue), ("Chair", doc.chair_text), ("Minute-taker", doc.minute_taker),
             ("Police operation", doc.police_operation)]
    rows = [[_p(label, st["label"]), _p(value, st["body"])] for label, value in facts if value]
    table = Table(rows, colWidths=[3.6 * cm, BODY_WIDTH - 3.6 * cm], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]))
    return table


def _subjects(doc: AgendaDocument, st: dict[str, ParagraphStyle]) -> list:
    out: list = _heading("Subjects", st)
    if doc.initials_only:
        out.append(_p(INITIALS_NOTE, st["body"]))
        out.append(Spacer(1, 4))
    if not doc.subjects:
        out.append(_p("No subjects have been added to this meeting.", st["body"]))
        return out
    rows = []
    for line in doc.subjects:
        name = line.name + (f" (also known as {', '.join(line.aliases)})" if line.aliases else "")
        rows.append([_p(line.kind_label, st["cell"]), _p(name, st["cell"])])
    out.append(_grid(rows, [4.2 * cm, BODY_WIDTH - 4.2 * cm], header=False))
    return out


def _agenda(doc: AgendaDocument, st: dict[str, ParagraphStyle]) -> list:
    out: list = _heading("Agenda", st)
    if not doc.items:
        out.append(_p("The agenda is empty.", st["body"]))
        return out
    rows = [[_p("Time", st["head"]), _p("Item", st["head"]), _p("Minutes", st["head_right"])]]
    item_width = BODY_WIDTH - TIME_WIDTH - MINUTES_WIDTH - 8  # less the cell's own padding
    for item in doc.items:
        rows.append([_p(item.starts_text, st["cell"]), _item_cell(item, item_width, st),
                     _p(str(item.minutes) if item.minutes else "", st["cell_right"])])
    out.append(_grid(rows, [TIME_WIDTH, BODY_WIDTH - TIME_WIDTH - MINUTES_WIDTH, MINUTES_WIDTH], header=True))
    return out


def _item_cell(item: AgendaLine, width: float, st: dict[str, ParagraphStyle]) -> Table:
    """Number and title side by side, so a wrapped title lines up under its own first word and a
    sub-item sits one step in from its parent."""
    indent = SUB_INDENT * item.depth
    style = st["cell_bold"] if item.depth == 0 else st["cell"]
    cell = Table([[_p(item.number, style), _p(item.title, style)]],
                 colWidths=[indent + NUMBER_WIDTH, width - indent - NUMBER_WIDTH], hAlign="LEFT")
    cell.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, 0), indent),
                              ("LEFTPADDING", (1, 0), (1, 0), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                              ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return cell


def _attendees(doc: AgendaDocument, st: dict[str, ParagraphStyle]) -> list:
    out: list = _heading("Attendees", st)
    if not doc.attendees:
        out.append(_p("No one has been invited yet.", st["body"]))
        return out
    rows = [[_p(h, st["head"]) for h in ("Name", "Role", "Agency", "Attendance")]]
    rows += [[_p(a.name, st["cell"]), _p(a.role, st["cell"]), _p(a.agency, st["cell"]), _p(a.status_label, st["cell"])]
             for a in doc.attendees]
    widths = [4.3 * cm, 5.0 * cm, 4.4 * cm]
    out.append(_grid(rows, [*widths, BODY_WIDTH - sum(widths)], header=True))
    return out


def _numbered_canvas(marking: str, before: int = 0, after: int = 0) -> type[Canvas]:
    """A canvas that holds every page back until the end, so each can say "Page N of M".

    ``before`` and ``after``: pages of the same file laid out separately (a record copy's front
    sheet before the shared minutes), so the numbers run across the whole file."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

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


def render_agenda_pdf(doc: AgendaDocument) -> bytes:
    """The agenda as PDF bytes (A4, 2 cm margins, protective marking and page numbers on every page)."""
    _register_fonts()
    st = _styles()
    story: list = [_p(doc.title or doc.type_name, st["title"])]
    story.append(_p("Agenda", st["subtitle"]))
    story.append(_facts(doc, st))
    story += _subjects(doc, st)
    story += _agenda(doc, st)
    story += _attendees(doc, st)

    buffer = io.BytesIO()
    template = BaseDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
        title=doc.metadata_title, author="", subject="Meeting agenda", creator="EFH Desktop", keywords="",
        invariant=1, lang="en-GB",
    )
    # No frame padding: the text and tables line up with the rules of the header and footer.
    body = Frame(MARGIN, MARGIN, BODY_WIDTH, PAGE_HEIGHT - 2 * MARGIN, id="body",
                 leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    template.addPageTemplates([PageTemplate(id="page", frames=[body])])
    template.build(story, canvasmaker=_numbered_canvas(doc.marking))
    return buffer.getvalue()
