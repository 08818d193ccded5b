"""A child's record copy as PDF: a front sheet with the child's identifiers and where to file it,
followed by the full minutes, which are rendered once and shared by every child's copy.

Laying out long minutes again for each of forty children was most of the export's time; the
minutes themselves are the same in every record copy, only the front differs.
"""

from __future__ import annotations

import dataclasses
import io

import pypdf
from reportlab.lib.pagesizes import A4
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer

from efh_desktop.export.agenda_pdf import BODY_WIDTH, MARGIN, PAGE_HEIGHT, _register_fonts
from efh_desktop.export.minutes_document import MinutesDocument
from efh_desktop.export.minutes_pdf import AUTHOR, _canvas_class, _header, _minutes_styles, _Outline, _text


def render_front_sheet(doc: MinutesDocument) -> bytes:
    """One page: the meeting, whose record this copy is for and where it is filed."""
    _register_fonts()
    st = _minutes_styles()
    story = _header(doc, st, _Outline()) + [Spacer(1, 10), _text("The full minutes follow this sheet.", st["note"])]
    buffer = io.BytesIO()
    template = BaseDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                               bottomMargin=MARGIN, title=doc.title or doc.type_name, author=AUTHOR,
                               subject=doc.type_name, creator=AUTHOR, keywords="", invariant=1, lang="en-GB")
    body = Frame(MARGIN, MARGIN, BODY_WIDTH, PAGE_HEIGHT - 2 * MARGIN, id="body",
                 leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    template.addPageTemplates([PageTemplate(id="page", frames=[body])])
    template.build(story, canvasmaker=_canvas_class(doc))
    return buffer.getvalue()


def render_record_pdf(doc: MinutesDocument, full_minutes: bytes | pypdf.PdfReader) -> bytes:
    """The front sheet for ``doc`` (a record copy) then the shared full minutes (with their bookmarks).

    ``full_minutes`` may be a reader already made, so forty copies parse the minutes once."""
    if isinstance(full_minutes, bytes):
        full_minutes = pypdf.PdfReader(io.BytesIO(full_minutes))
    writer = pypdf.PdfWriter()
    writer.append(pypdf.PdfReader(io.BytesIO(render_front_sheet(doc))), import_outline=False)
    writer.append(full_minutes)
    writer.add_metadata({"/Title": doc.title or doc.type_name, "/Author": AUTHOR, "/Subject": doc.type_name,
                         "/Creator": AUTHOR, "/Producer": AUTHOR})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def base_minutes(doc: MinutesDocument) -> MinutesDocument:
    """The full minutes a record copy was made from (without its front matter)."""
    return dataclasses.replace(doc, copy_for="", filing="")
