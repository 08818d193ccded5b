"""Render a ``MinutesDocument`` as a Word file with python-docx.

The Word file is the accessible, editable copy: real ``Title`` and ``Heading 1–3`` styles (so the
navigation pane and screen readers work), tables with a repeating header row, the protective
marking in the header and footer, page numbers as Word fields. It lays out only what the document
holds; the template's own leftovers are cleaned: the core properties are set deliberately (no
python-docx author or comment, fixed dates that say nothing about who or when), docProps/app.xml is
replaced, and the template's thumbnail is dropped, so no part carries anything of its own.
"""

from __future__ import annotations

import io
import re
from datetime import datetime

from docx import Document
from docx.blkcntnr import BlockItemContainer
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from efh_desktop.export.minutes_document import ActionLine, MinutesDocument, Section
from efh_desktop.paths import RESOURCES_DIR, package_file

AUTHOR = "EFH Desktop"
FIXED_TIME = datetime(2000, 1, 1, 0, 0, 0)  # no clock and no person behind it
_CORE_LIMIT = 255  # python-docx refuses longer core property strings
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_APP_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Application>EFH Desktop</Application><DocSecurity>0</DocSecurity></Properties>"
)


TEMPLATE = RESOURCES_DIR / "templates" / "word-template.docx"


def _clean(text: str) -> str:
    """Drop characters XML cannot hold (python-docx would refuse them); keep everything else."""
    return _NOT_XML.sub("", text or "").replace("\r\n", "\n")


def _para(container: DocxDocument | BlockItemContainer, text: str = "", *, bold: bool = False, italic: bool = False,
          style: str | None = None) -> Paragraph:
    paragraph = container.add_paragraph(style=style)
    if text:
        run = paragraph.add_run(_clean(text))
        run.bold = bold or None
        run.italic = italic or None
    return paragraph


def _repeat_header(table: Table) -> None:
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _table(document: DocxDocument, headings: tuple[str, ...] | None, rows: list[list[str]],
           widths: list[float] | None = None) -> Table:
    table: Table = document.add_table(rows=0, cols=len(rows[0]) if rows else len(headings or ()))
    table.style = "Table Grid"
    if headings:
        cells = table.add_row().cells  # type: ignore[no-untyped-call]  # python-docx leaves add_row unannotated
        for cell, heading in zip(cells, headings, strict=True):
            cell.paragraphs[0].add_run(heading).bold = True
        _repeat_header(table)
    for values in rows:
        cells = table.add_row().cells  # type: ignore[no-untyped-call]
        for cell, value in zip(cells, values, strict=True):
            cell.paragraphs[0].add_run(_clean(value))
    if widths:
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Cm(width)
    return table


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays the document out."""
    def fld(kind: str) -> BaseOxmlElement:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    run = paragraph.add_run()
    run._r.append(fld("begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    run._r.append(fld("separate"))
    paragraph.add_run("1")
    paragraph.add_run()._r.append(fld("end"))


def _furniture(document: DocxDocument, doc: MinutesDocument) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    header = section.header.paragraphs[0]
    header.text = _clean(doc.marking)
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header.runs[0].bold = True
    footer = section.footer
    marking = footer.paragraphs[0]
    marking.text = _clean(doc.marking)
    marking.alignment = WD_ALIGN_PARAGRAPH.CENTER
    marking.runs[0].bold = True
    line = footer.add_paragraph()
    line.alignment = WD_ALIGN_PARAGRAPH.CENTER
    prefix = " · ".join(part for part in (doc.reference, doc.version) if part)
    line.add_run(_clean(f"{prefix} · Page " if prefix else "Page "))
    _field(line, "PAGE")
    line.add_run(" of ")
    _field(line, "NUMPAGES")


def _properties(document: DocxDocument, doc: MinutesDocument) -> None:
    props = document.core_properties
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.title = _clean(doc.title or doc.type_name)[:_CORE_LIMIT]
    props.subject = _clean(doc.type_name)[:_CORE_LIMIT]
    props.comments = ""
    props.keywords = ""
    props.category = ""
    props.content_status = ""
    props.identifier = ""
    props.version = ""
    props.language = "en-GB"
    props.revision = 1
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.last_printed = FIXED_TIME
    package = document.part.package
    for part in package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = _APP_XML
    for r_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(r_id)


def _language(document: DocxDocument) -> None:
    r_pr = document.styles["Normal"].element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-GB")
    lang.set(qn("w:bidi"), "ar-SA")
    r_pr.append(lang)
    document.styles["Normal"].font.size = Pt(10.5)


def _actions(document: DocxDocument, actions: tuple[ActionLine, ...]) -> None:
    _table(document, ("Action", "Owner", "Agency", "Due", "Status"),
           [[a.action_text, a.owner, a.agency, a.due, a.status_text] for a in actions], [6.4, 3.0, 2.6, 2.6, 2.4])


def _section(document: DocxDocument, section: Section) -> None:
    document.add_heading(_clean(" ".join(p for p in (section.number, section.title) if p)), 2)
    if not (section.notes or section.decisions or section.actions):
        _para(document, "Nothing was recorded under this item.", italic=True)
    for note in section.notes:
        _para(document, " · ".join(p for p in (note.agency, note.time) if p) or "Note", bold=True)
        flags = [label for on, label in ((note.not_for_family, "Not for the family"),
                                         (note.childs_own_words, "The child's own words")) if on]
        if flags:
            _para(document, "; ".join(flags), italic=True)
        _para(document, note.text)
    for decision in section.decisions:
        _para(document, f"Decision ({decision.kind_label})" if decision.kind_label else "Decision", bold=True)
        _para(document, decision.text)
        if decision.rationale:
            _para(document, f"Reason: {decision.rationale}")
        if decision.dissent:
            _para(document, f"Dissent: {decision.dissent}")
        who = "; ".join(p for p in (f"Decided by {decision.decided_by}" if decision.decided_by else "",
                                    f"agreed by {decision.agreed_by}" if decision.agreed_by else "") if p)
        if who:
            _para(document, who, italic=True)
    if section.actions:
        _para(document, "Actions", bold=True)
        _actions(document, section.actions)


def render_minutes_docx(doc: MinutesDocument) -> bytes:
    """The minutes as .docx bytes, written with our own template (styles and A4 page set-up:
    resources/templates/word-template.docx, made by resources/templates/make_word_template.py)."""
    # No fallback to python-docx's own template: its styles and Letter page would pass for minutes
    # that are not ours. A missing template is a broken installation (MissingPackageData).
    document = Document(str(package_file(TEMPLATE.parent, TEMPLATE.name)))
    _language(document)
    _furniture(document, doc)
    document.add_heading(_clean(doc.title or doc.type_name), 0)
    if doc.type_name and doc.type_name != doc.title:
        _para(document, doc.type_name, style="Subtitle")
    if doc.copy_for:
        _para(document, f"Copy for {doc.copy_for}", bold=True)
        if doc.filing:
            _para(document, f"File on: {doc.filing}", bold=True)
    if doc.redaction_note:
        _para(document, doc.redaction_note, italic=True)
    if doc.facts:
        _table(document, None, [[f.label, f.value] for f in doc.facts], [4.0, 13.0])

    document.add_heading("Attendance", 1)
    if doc.attendance:
        _table(document, ("Name", "Role", "Agency", "Attendance"),
               [[a.name, a.role, a.agency, a.attendance] for a in doc.attendance], [4.3, 4.4, 4.0, 4.3])
    else:
        _para(document, "No attendance was recorded.")
    document.add_heading("Subjects", 1)
    if doc.subjects:
        _table(document, ("Subject", "Name", "Details"),
               [[s.kind_label, s.name, s.details] for s in doc.subjects], [3.2, 4.6, 9.2])
    else:
        _para(document, "No subjects were discussed.")
    if doc.sections:
        document.add_heading("Minutes", 1)
        for section in doc.sections:
            _section(document, section)
    if doc.checklist:
        document.add_heading("Checklist", 1)
        table = _table(document, ("Item", "State", "Note"),
                       [[" ".join(p for p in (c.number, c.title) if p), c.state, c.note] for c in doc.checklist],
                       [7.0, 3.2, 6.8])
        for row, line in zip(table.rows[1:], doc.checklist, strict=True):
            row.cells[0].paragraphs[0].paragraph_format.left_indent = Cm(0.6 * max(line.depth, 0))
            if line.depth == 0:
                row.cells[0].paragraphs[0].runs[0].bold = True
    if doc.sharing:
        document.add_heading("Information sharing", 1)
        for share in doc.sharing:
            document.add_heading(_clean(share.child_name), 3)
            rows = [[label, value] for label, value in share.pairs()]
            if rows:
                _table(document, None, rows, [3.6, 13.4])
    if doc.disclosures:
        document.add_heading("Information disclosed by agencies", 1)
        for disclosure in doc.disclosures:
            document.add_heading(_clean(disclosure.agency or "Agency not recorded"), 3)
            rows = [[label, value] for label, value in disclosure.pairs()]
            if rows:
                _table(document, None, rows, [3.6, 13.4])
    if doc.overrides:
        document.add_heading("Finalised without", 1)
        _table(document, ("Outstanding", "Reason", "By"),
               [[o.item, o.reason, o.author] for o in doc.overrides], [5.5, 8.0, 3.5])
    if doc.next_meeting:
        document.add_heading("Next meeting", 1)
        _para(document, doc.next_meeting)
    if doc.amendments:
        document.add_heading("Amendments", 1)
        for a in doc.amendments:
            _para(document, " · ".join(p for p in (a.when, a.author, a.target) if p), bold=True)
            _para(document, f"Before: {a.before}")
            _para(document, f"After: {a.after}")
            if a.reason:
                _para(document, f"Reason: {a.reason}")

    _properties(document, doc)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
