"""A child's record copy as PDF: a front sheet with the child's identifiers and where to file it,
followed by the full minutes, which are rendered once and shared by every child's copy.

Laying out long minutes again for each of forty children was most of the export's time; the
minutes themselves are the same in every record copy, only the front differs.
"""

from __future__ import annotations

import dataclasses
import io

import pypdf
from reportlab.platypus import Spacer

from efh_desktop.export.minutes_document import MinutesDocument
from efh_desktop.export.minutes_pdf import AUTHOR, header_story, minutes_canvas, minutes_styles
from efh_desktop.export.pdf_style import a4_document, register_fonts, text_block


def render_front_sheet(doc: MinutesDocument) -> bytes:
    """One page: the meeting, whose record this copy is for and where it is filed."""
    register_fonts()
    st = minutes_styles()
    story = [*header_story(doc, st), Spacer(1, 10), text_block("The full minutes follow this sheet.", st["note"])]
    buffer = io.BytesIO()
    template = a4_document(buffer, title=doc.title or doc.type_name, author=AUTHOR, subject=doc.type_name)
    template.build(story, canvasmaker=minutes_canvas(doc))
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
