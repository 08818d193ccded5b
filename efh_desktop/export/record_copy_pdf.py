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
from efh_desktop.export.minutes_pdf import (
    AUTHOR,
    header_story,
    minutes_canvas,
    minutes_styles,
    render_minutes_pdf,
)
from efh_desktop.export.pdf_style import a4_document, register_fonts, text_block

FRONT_PAGES = 1  # the front sheet's usual length: the shared minutes are numbered from page 2


def render_front_sheet(doc: MinutesDocument, pages_after: int = 0) -> bytes:
    """One page: the meeting, whose record this copy is for and where it is filed; numbered as the
    first of the whole file's pages (``pages_after`` more follow it)."""
    register_fonts()
    st = minutes_styles()
    story = [*header_story(doc, st), Spacer(1, 10), text_block("The full minutes follow this sheet.", st["note"])]
    buffer = io.BytesIO()
    template = a4_document(buffer, title=doc.title or doc.type_name, author=AUTHOR, subject=doc.type_name)
    template.build(story, canvasmaker=minutes_canvas(doc, after=pages_after))
    return buffer.getvalue()


def render_record_pdf(doc: MinutesDocument, full_minutes: bytes | pypdf.PdfReader,
                      base: MinutesDocument | None = None) -> bytes:
    """The front sheet for ``doc`` (a record copy) then the shared full minutes (with their bookmarks).

    ``full_minutes`` may be a reader already made, so forty copies parse the minutes once; they are
    numbered from page ``FRONT_PAGES + 1`` (``shared_minutes_pdf``), and the pages run "1 of N" to
    "N of N" across the whole file. A front sheet that runs longer has the minutes laid out again,
    from ``base`` when given (``doc`` may then hold only its front sheet: ``front_sheet_only``)."""
    if isinstance(full_minutes, bytes):
        full_minutes = pypdf.PdfReader(io.BytesIO(full_minutes))
    front = pypdf.PdfReader(io.BytesIO(render_front_sheet(doc, pages_after=len(full_minutes.pages))))
    if len(front.pages) != FRONT_PAGES:
        base = base if base is not None else base_minutes(doc)
        full_minutes = pypdf.PdfReader(io.BytesIO(render_minutes_pdf(base, pages_before=len(front.pages))))
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


def front_sheet_only(doc: MinutesDocument) -> MinutesDocument:
    """What a record copy's front sheet shows (title, banner, facts, footer), without the minutes
    behind it: what a render worker needs besides the shared minutes (a fraction of the pickling)."""
    return dataclasses.replace(doc, attendance=(), subjects=(), sections=(), checklist=(), sharing=(),
                               overrides=(), amendments=(), next_meeting="")


def base_minutes(doc: MinutesDocument) -> MinutesDocument:
    """The full minutes a record copy was made from (without its front matter)."""
    return dataclasses.replace(doc, copy_for="", filing="")
