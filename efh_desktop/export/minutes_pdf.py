"""Render a ``MinutesDocument`` as an A4 PDF with ReportLab platypus (house style: ``pdf_style``).

The renderer lays out only what the document holds: per-child copies are redacted before they reach
it, so the title in the file's properties and the bookmark titles (section headings) carry nothing
the copy does not already show. Every piece of user text is escaped before it becomes Paragraph
markup. Text is DejaVu Sans, embedded as a TrueType subset, so it can be searched and extracted.
Output is reproducible (``invariant``): the same document gives the same bytes.

Known limits: ReportLab does not reorder right-to-left text or shape Arabic (the characters are kept
in their logical order, so extraction and search work); glyphs DejaVu Sans lacks (most emoji) print
as an empty box. The PDF is untagged (see ecosystem notes §2.2).
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Spacer,
    Table,
    TableStyle,
)

from efh_desktop.export.minutes_document import ActionLine, MinutesDocument, Section
from efh_desktop.export.pdf_style import (
    BODY_WIDTH,
    FONT,
    FONT_BOLD,
    FONT_ITALIC,
    INK,
    MARGIN,
    SHADE,
    SUB_INDENT,
    a4_document,
    numbered_canvas,
    register_fonts,
)
from efh_desktop.export.pdf_style import grid as _grid
from efh_desktop.export.pdf_style import paragraph as _p
from efh_desktop.export.pdf_style import styles as _styles
from efh_desktop.export.pdf_style import text_block as _text

AUTHOR = "EFH Desktop"


def minutes_styles() -> dict[str, ParagraphStyle]:
    st = _styles()
    base = st["body"]
    st["section"] = ParagraphStyle("section", parent=st["heading"], fontSize=11.5, leading=15, spaceBefore=10)
    st["meta"] = ParagraphStyle("meta", parent=base, fontName=FONT_BOLD, fontSize=9, leading=12,
                                spaceBefore=6, textColor=INK, keepWithNext=1)
    st["flag"] = ParagraphStyle("flag", parent=base, fontName=FONT_ITALIC, fontSize=9, leading=12)
    st["indented"] = ParagraphStyle("indented", parent=base, leftIndent=0.4 * cm)
    st["banner"] = ParagraphStyle("banner", parent=base, fontName=FONT_BOLD, fontSize=10.5, leading=14)
    st["sub"] = ParagraphStyle("sub", parent=st["heading"], fontSize=10.5, leading=14, spaceBefore=8,
                               spaceAfter=3)
    return st


class _Bookmark(Flowable):
    """Zero-size marker: asks the canvas to add an outline entry for the page it lands on."""

    def __init__(self, key: str, title: str, level: int) -> None:
        super().__init__()
        self.key, self.title, self.level = key, title, level
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        _, top = self.canv.absolutePosition(0, 0)
        self.canv._efh_marks.append((self.key, self.title, self.level, top))  # type: ignore[attr-defined]  # MinutesCanvas


class _Outline:
    """Hands out unique bookmark keys and keeps outline levels legal (no jump of more than one)."""

    def __init__(self) -> None:
        self.count = 0

    def mark(self, title: str, level: int) -> _Bookmark:
        self.count += 1
        return _Bookmark(f"efh{self.count}", title, level)


def minutes_canvas(doc: MinutesDocument, before: int = 0, after: int = 0) -> type[Canvas]:
    """The agenda's numbered canvas plus the reference and version in the footer, and bookmarks
    replayed once the real page numbers are known (the base canvas holds pages back). ``before``
    and ``after``: pages of the same file laid out separately (a record copy's front sheet)."""
    base = numbered_canvas(doc.marking, before, after)
    first = before + 1
    footer_left = " · ".join(part for part in (doc.reference, doc.version) if part)

    class MinutesCanvas(base):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            self._efh_marks: list[tuple[str, str, int, float]] = []
            kwargs.setdefault("initialFontName", FONT)  # no unembedded Helvetica in the file
            super().__init__(*args, **kwargs)
            self._efh_marks = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            super().showPage()
            self._efh_marks = []  # the held-back page keeps its own list

        def _furniture(self, number: int, total: int) -> None:
            super()._furniture(number, total)
            self.saveState()
            self.setFillColor(INK)
            self.setFont(FONT, 9)
            self.drawString(MARGIN, 1.0 * cm, footer_left)
            self.restoreState()
            for key, title, level, top in self._efh_marks:
                self.bookmarkPage(key, fit="XYZ", left=0, top=top)
                self.addOutlineEntry(title, key, level)
            if number == first:
                self.showOutline()

    return MinutesCanvas


def _table(rows: list[list[Any]], widths: list[float], *, header: bool) -> Table:
    """``_grid`` whose rows may split across pages, so a very long cell cannot break the layout."""
    table = _grid(rows, widths, header=header)
    table.splitInRow = 1
    return table


def header_story(doc: MinutesDocument, st: dict[str, ParagraphStyle],
                 outline: _Outline | None = None) -> list[Flowable]:
    """The title, the copy's banner, the redaction note and the facts: the top of the first page
    (and the whole of a record copy's front sheet)."""
    outline = outline or _Outline()
    title = doc.title or doc.type_name
    out: list[Flowable] = [outline.mark(title, 0), _p(title, st["title"])]
    if doc.type_name and doc.type_name != title:
        out.append(_p(doc.type_name, st["subtitle"]))
    else:
        out.append(Spacer(1, 6))
    if doc.copy_for:
        lines = [f"Copy for {doc.copy_for}"] + ([f"File on: {doc.filing}"] if doc.filing else [])
        banner = Table([[_text("\n".join(lines), st["banner"])]], colWidths=[BODY_WIDTH], hAlign="LEFT")
        banner.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), SHADE), ("BOX", (0, 0), (-1, -1), 0.8, INK),
                                    ("LEFTPADDING", (0, 0), (-1, -1), 6), ("TOPPADDING", (0, 0), (-1, -1), 5),
                                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
        out += [banner, Spacer(1, 8)]
    if doc.redaction_note:
        out += [_text(doc.redaction_note, st["note"]), Spacer(1, 6)]
    if doc.facts:
        rows = [[_p(f.label, st["label"]), _text(f.value, st["body"])] for f in doc.facts]
        facts = Table(rows, colWidths=[4.0 * cm, BODY_WIDTH - 4.0 * cm], hAlign="LEFT", splitInRow=1)
        facts.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]))
        out.append(facts)
    return out


def _heading(title: str, st: dict[str, ParagraphStyle], outline: _Outline, level: int = 0) -> list[Flowable]:
    style = st["heading"] if level == 0 else st["section"]
    return [CondPageBreak(3 * cm), outline.mark(title, level), _p(title, style)]


def _attendance(doc: MinutesDocument, st: dict[str, ParagraphStyle], outline: _Outline) -> list[Flowable]:
    out = _heading("Attendance", st, outline)
    if not doc.attendance:
        return [*out, _p("No attendance was recorded.", st["body"])]
    rows = [[_p(h, st["head"]) for h in ("Name", "Role", "Agency", "Attendance")]]
    rows += [[_text(a.name, st["cell"]), _text(a.role, st["cell"]), _text(a.agency, st["cell"]),
              _text(a.attendance, st["cell"])] for a in doc.attendance]
    widths = [4.3 * cm, 4.4 * cm, 4.0 * cm]
    return [*out, _table(rows, [*widths, BODY_WIDTH - sum(widths)], header=True)]


def _subjects(doc: MinutesDocument, st: dict[str, ParagraphStyle], outline: _Outline) -> list[Flowable]:
    out = _heading("Subjects", st, outline)
    if not doc.subjects:
        return [*out, _p("No subjects were discussed.", st["body"])]
    rows = [[_p(h, st["head"]) for h in ("Subject", "Name", "Details")]]
    rows += [[_text(s.kind_label, st["cell"]), _text(s.name, st["cell"]), _text(s.details, st["cell"])]
             for s in doc.subjects]
    widths = [3.2 * cm, 4.6 * cm]
    return [*out, _table(rows, [*widths, BODY_WIDTH - sum(widths)], header=True)]


def _actions_table(actions: tuple[ActionLine, ...], st: dict[str, ParagraphStyle]) -> Table:
    rows = [[_p(h, st["head"]) for h in ("Action", "Owner", "Agency", "Due", "Status")]]
    rows += [[_text(a.action_text, st["cell"]), _text(a.owner, st["cell"]), _text(a.agency, st["cell"]),
              _text(a.due, st["cell"]), _text(a.status_text, st["cell"])] for a in actions]
    widths = [3.4 * cm, 3.0 * cm, 2.6 * cm, 2.8 * cm]
    return _table(rows, [BODY_WIDTH - sum(widths), *widths], header=True)


def _section(section: Section, st: dict[str, ParagraphStyle], outline: _Outline) -> list[Flowable]:
    heading = " ".join(part for part in (section.number, section.title) if part)
    out = _heading(heading, st, outline, level=1)
    if not (section.notes or section.decisions or section.actions):
        out.append(_p("Nothing was recorded under this item.", st["flag"]))
    for note in section.notes:
        meta = " · ".join(part for part in (note.agency, note.time) if part)
        out.append(_text(meta or "Note", st["meta"]))
        flags = [label for on, label in ((note.not_for_family, "Not for the family"),
                                         (note.childs_own_words, "The child's own words")) if on]
        if flags:
            out.append(_p("; ".join(flags), st["flag"]))
        out.append(_text(note.text, st["body"]))
    for decision in section.decisions:
        out.append(_text(f"Decision ({decision.kind_label})" if decision.kind_label else "Decision", st["meta"]))
        out.append(_text(decision.text, st["body"]))
        if decision.rationale:
            out.append(_text(f"Reason: {decision.rationale}", st["indented"]))
        if decision.dissent:
            out.append(_text(f"Dissent: {decision.dissent}", st["indented"]))
        who = "; ".join(part for part in (f"Decided by {decision.decided_by}" if decision.decided_by else "",
                                          f"agreed by {decision.agreed_by}" if decision.agreed_by else "") if part)
        if who:
            out.append(_text(who, st["flag"]))
    if section.actions:
        out += [_p("Actions", st["meta"]), Spacer(1, 2), _actions_table(section.actions, st)]
    return out


def _checklist(doc: MinutesDocument, st: dict[str, ParagraphStyle], outline: _Outline) -> list[Flowable]:
    if not doc.checklist:
        return []
    out = _heading("Checklist", st, outline)
    rows = [[_p(h, st["head"]) for h in ("Item", "State", "Note")]]
    for line in doc.checklist:
        indent = SUB_INDENT * max(line.depth, 0)
        style = ParagraphStyle(f"check{line.depth}", parent=st["cell_bold"] if line.depth == 0 else st["cell"],
                               leftIndent=indent)
        label = " ".join(part for part in (line.number, line.title) if part)
        rows.append([_text(label, style), _text(line.state, st["cell"]), _text(line.note, st["cell"])])
    widths = [7.0 * cm, 3.2 * cm]
    return [*out, _table(rows, [*widths, BODY_WIDTH - sum(widths)], header=True)]


def _sharing(doc: MinutesDocument, st: dict[str, ParagraphStyle], outline: _Outline) -> list[Flowable]:
    if not doc.sharing:
        return []
    out = _heading("Information sharing", st, outline)
    for line in doc.sharing:
        out.append(_p(line.child_name, st["sub"]))
        rows = [[_p(label, st["cell_bold"]), _text(value, st["cell"])] for label, value in line.pairs()]
        if rows:
            out.append(_table(rows, [3.6 * cm, BODY_WIDTH - 3.6 * cm], header=False))
    return out


def _disclosures(doc: MinutesDocument, st: dict[str, ParagraphStyle], outline: _Outline) -> list[Flowable]:
    if not doc.disclosures:
        return []
    out = _heading("Information disclosed by agencies", st, outline)
    for line in doc.disclosures:
        out.append(_text(line.agency or "Agency not recorded", st["sub"]))
        rows = [[_p(label, st["cell_bold"]), _text(value, st["cell"])] for label, value in line.pairs()]
        if rows:
            out.append(_table(rows, [3.6 * cm, BODY_WIDTH - 3.6 * cm], header=False))
    return out


def _overrides(doc: MinutesDocument, st: dict[str, ParagraphStyle], outline: _Outline) -> list[Flowable]:
    if not doc.overrides:
        return []
    out = _heading("Finalised without", st, outline)
    rows = [[_p(h, st["head"]) for h in ("Outstanding", "Reason", "By")]]
    rows += [[_text(o.item, st["cell"]), _text(o.reason, st["cell"]), _text(o.author, st["cell"])]
             for o in doc.overrides]
    widths = [5.5 * cm, 3.5 * cm]
    return [*out, _table(rows, [widths[0], BODY_WIDTH - sum(widths), widths[1]], header=True)]


def _amendments(doc: MinutesDocument, st: dict[str, ParagraphStyle], outline: _Outline) -> list[Flowable]:
    if not doc.amendments:
        return []
    out = _heading("Amendments", st, outline)
    for a in doc.amendments:
        out.append(_text(" · ".join(part for part in (a.when, a.author, a.target) if part), st["meta"]))
        out.append(_text(f"Before: {a.before}", st["indented"]))
        out.append(_text(f"After: {a.after}", st["indented"]))
        if a.reason:
            out.append(_text(f"Reason: {a.reason}", st["indented"]))
    return out


def render_minutes_pdf(doc: MinutesDocument, *, pages_before: int = 0) -> bytes:
    """The minutes as PDF bytes: A4, 2 cm margins, marking, reference, version and page numbers on
    every page; title, author and subject in the properties; bookmarks for headings and sections.
    ``pages_before``: the pages put in front of these in the same file (a record copy's front
    sheet), so "Page N of M" counts the whole file."""
    register_fonts()
    st = minutes_styles()
    outline = _Outline()
    story: list[Flowable] = header_story(doc, st, outline)
    story += _attendance(doc, st, outline)
    story += _subjects(doc, st, outline)
    if doc.sections:
        story += _heading("Minutes", st, outline)
        for section in doc.sections:
            story += _section(section, st, outline)
    story += _checklist(doc, st, outline)
    story += _sharing(doc, st, outline)
    story += _disclosures(doc, st, outline)
    story += _overrides(doc, st, outline)
    if doc.next_meeting:
        story += [*_heading("Next meeting", st, outline), _text(doc.next_meeting, st["body"])]
    story += _amendments(doc, st, outline)

    buffer = io.BytesIO()
    template = a4_document(buffer, title=doc.title or doc.type_name, author=AUTHOR, subject=doc.type_name)
    template.build(story, canvasmaker=minutes_canvas(doc, before=pages_before))
    return buffer.getvalue()
