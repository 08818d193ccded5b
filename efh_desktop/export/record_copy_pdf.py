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
from efh_desktop.export.minutes_pdf import (
    AUTHOR,
    _canvas_class,
    _header,
    _minutes_styles,
    _Outline,
    _text,
    render_minutes_pdf,
)

FRONT_PAGES = 1  # the front sheet's usual length: the shared minutes are numbered from page 2


def render_front_sheet(doc: MinutesDocument, pages_after: int = 0) -> bytes:
    """One page: the meeting, whose record this copy is for and where it is filed; numbered as the
    first of the whole file's pages (``pages_after`` more follow it)."""
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
    template.build(story, canvasmaker=_canvas_class(doc, after=pages_after))
    return buffer.getvalue()


def render_record_pdf(doc: MinutesDocument, full_minutes: bytes | pypdf.PdfReader) -> bytes:
    """The front sheet for ``doc`` (a record copy) then the shared full minutes (with their bookmarks).

    ``full_minutes`` may be a reader already made, so forty copies parse the minutes once; they are
    numbered from page ``FRONT_PAGES + 1`` (``shared_minutes_pdf``), and the pages run "1 of N" to
    "N of N" across the whole file. A front sheet that runs longer has the minutes laid out again."""
    if isinstance(full_minutes, bytes):
        full_minutes = pypdf.PdfReader(io.BytesIO(full_minutes))
    front = pypdf.PdfReader(io.BytesIO(render_front_sheet(doc, pages_after=len(full_minutes.pages))))
    if len(front.pages) != FRONT_PAGES:
        full_minutes = pypdf.PdfReader(io.BytesIO(render_minutes_pdf(base_minutes(doc),
                                                                     pages_before=len(front.pages))))
        front = pypdf.PdfReader(io.BytesIO(render_front_sheet(doc, pages_after=len(full_minutes.pages))))
    writer = pypdf.PdfWriter()
    writer.append(front, import_outline=False)
    writer.append(full_minutes)
    writer.add_metadata({"/Title": doc.title or doc.type_name, "/Author": AUTHOR, "/Subject": doc.type_name,
                         "/Creator": AUTHOR, "/Producer": AUTHOR})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def shared_minutes_pdf(doc: MinutesDocument) -> bytes:
    """The full minutes as they sit behind every record copy's front sheet (numbered after it)."""
    return render_minutes_pdf(base_minutes(doc), pages_before=FRONT_PAGES)


def base_minutes(doc: MinutesDocument) -> MinutesDocument:
    """The full minutes a record copy was made from (without its front matter)."""
    return dataclasses.replace(doc, copy_for="", filing="")
