"""Render an ``AgendaDocument`` as an A4 PDF with ReportLab platypus.

The renderer only lays out what the document holds: any redaction (initials only) has already
happened. Fonts, styles, escaping of user text and the page furniture come from ``pdf_style``,
which every PDF renderer shares. Output is reproducible: the same document gives the same bytes.

There are no bookmarks (outline entries would be one more place a name could hide) and the
document title in the file's properties is built from the meeting type and date only.
"""

from __future__ import annotations

import io

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, Spacer, Table, TableStyle

from efh_desktop.export.agenda_document import INITIALS_NOTE, AgendaDocument, AgendaLine
from efh_desktop.export.pdf_style import BODY_WIDTH, SUB_INDENT, a4_document, numbered_canvas, register_fonts
from efh_desktop.export.pdf_style import grid as _grid
from efh_desktop.export.pdf_style import paragraph as _p
from efh_desktop.export.pdf_style import styles as _styles

TIME_WIDTH = 2.3 * cm
MINUTES_WIDTH = 2.0 * cm
NUMBER_WIDTH = 1.0 * cm


def _heading(text: str, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    """A section heading that never sits alone at the foot of a page; the section itself may then
    run on (a long agenda splits, repeating its header row) rather than leave a half-empty page."""
    return [CondPageBreak(3 * cm), _p(text, st["heading"])]


def _facts(doc: AgendaDocument, st: dict[str, ParagraphStyle]) -> Table:
    facts = [("Meeting", doc.type_name), ("Date", doc.date_text), ("Time", doc.time_text),
             ("Venue", doc.venue), ("Chair", doc.chair_text), ("Minute-taker", doc.minute_taker),
             ("Police operation", doc.police_operation)]
    rows = [[_p(label, st["label"]), _p(value, st["body"])] for label, value in facts if value]
    table = Table(rows, colWidths=[3.6 * cm, BODY_WIDTH - 3.6 * cm], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]))
    return table


def _subjects(doc: AgendaDocument, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    out: list[Flowable] = _heading("Subjects", st)
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


def _agenda(doc: AgendaDocument, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    out: list[Flowable] = _heading("Agenda", st)
    if not doc.items:
        out.append(_p("The agenda is empty.", st["body"]))
        return out
    rows: list[list[Flowable]] = [[_p("Time", st["head"]), _p("Item", st["head"]), _p("Minutes", st["head_right"])]]
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


def _attendees(doc: AgendaDocument, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    out: list[Flowable] = _heading("Attendees", st)
    if not doc.attendees:
        out.append(_p("No one has been invited yet.", st["body"]))
        return out
    rows = [[_p(h, st["head"]) for h in ("Name", "Role", "Agency", "Attendance")]]
    rows += [[_p(a.name, st["cell"]), _p(a.role, st["cell"]), _p(a.agency, st["cell"]), _p(a.status_label, st["cell"])]
             for a in doc.attendees]
    widths = [4.3 * cm, 5.0 * cm, 4.4 * cm]
    out.append(_grid(rows, [*widths, BODY_WIDTH - sum(widths)], header=True))
    return out


def render_agenda_pdf(doc: AgendaDocument) -> bytes:
    """The agenda as PDF bytes (A4, 2 cm margins, protective marking and page numbers on every page)."""
    register_fonts()
    st = _styles()
    story: list[Flowable] = [_p(doc.title or doc.type_name, st["title"])]
    story.append(_p("Agenda", st["subtitle"]))
    story.append(_facts(doc, st))
    story += _subjects(doc, st)
    story += _agenda(doc, st)
    story += _attendees(doc, st)

    buffer = io.BytesIO()
    template = a4_document(buffer, title=doc.metadata_title, author="", subject="Meeting agenda")
    template.build(story, canvasmaker=numbered_canvas(doc.marking))
    return buffer.getvalue()
