"""One agency's actions as an A4 PDF: what each partner takes away from a meeting (or a series).

The digest is plain display data, already redacted by the caller (children by initials where the
copy leaves the meeting). Overdue actions come first and say "Overdue" beside the date, then the
rest by due date, undated last. Layout, fonts, the protective marking and "Page N of M" come from
``pdf_style``, so every PDF from the app looks the same; all user text is escaped there.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Spacer, Table

from efh_desktop.domain.uk_dates import format_date
from efh_desktop.export.agenda_document import DEFAULT_MARKING
from efh_desktop.export.pdf_style import BODY_WIDTH, FONT_BOLD, a4_document, numbered_canvas, register_fonts
from efh_desktop.export.pdf_style import grid as _grid
from efh_desktop.export.pdf_style import paragraph as _p
from efh_desktop.export.pdf_style import styles as _styles

OVERDUE = "Overdue"
NO_DATE = "no date"
# Due, then (the action takes what is left) owner, status and, when actions come from several
# meetings, the meeting. "30 September 2026" wraps after the month rather than squeeze the action.
_WITH_MEETING = (3.0 * cm, 3.0 * cm, 1.9 * cm, 3.2 * cm)
_WITHOUT_MEETING = (3.0 * cm, 3.5 * cm, 1.9 * cm)


@dataclass(frozen=True)
class DigestRow:
    description: str
    owner: str
    due: date | None
    status_label: str
    meeting_title: str
    meeting_date: date | None
    subjects_text: str  # "K.M., Quickmart", already redacted as the caller wants
    overdue: bool


@dataclass(frozen=True)
class ActionDigest:
    agency: str
    generated_on: date
    meeting_title: str | None  # set when the digest is for one meeting, None across a series
    rows: tuple[DigestRow, ...]
    marking: str = DEFAULT_MARKING

    @property
    def metadata_title(self) -> str:
        return f"Actions for {self.agency}, {format_date(self.generated_on)}"


def ordered_rows(rows: tuple[DigestRow, ...]) -> list[DigestRow]:
    """Overdue first, then by due date, undated last; ties keep the caller's order."""
    return sorted(rows, key=lambda r: (not r.overdue, r.due is None, r.due or date.max))


def _table(rows: list[DigestRow], st: dict[str, ParagraphStyle], *, per_row: bool) -> Table:
    small = ParagraphStyle("small", parent=st["cell"], fontSize=8.5, leading=11)
    overdue = ParagraphStyle("overdue", parent=st["cell"], fontName=FONT_BOLD)
    heads = ["Due", "Action", "Owner", "Status", *(["Meeting"] if per_row else [])]
    table: list[list[Any]] = [[_p(h, st["head"]) for h in heads]]
    for row in rows:
        due = [_p(format_date(row.due) if row.due else NO_DATE, st["cell"])]
        if row.overdue:
            due.append(_p(OVERDUE, overdue))
        action = [_p(row.description, st["cell"])]
        if row.subjects_text:
            action.append(_p(f"About: {row.subjects_text}", small))
        cells: list[Any] = [due, action, _p(row.owner, st["cell"]), _p(row.status_label, st["cell"])]
        if per_row:
            cells.append([_p(row.meeting_title, st["cell"]),
                          *([_p(format_date(row.meeting_date), small)] if row.meeting_date else [])])
        table.append(cells)
    widths = _WITH_MEETING if per_row else _WITHOUT_MEETING
    return _grid(table, [widths[0], BODY_WIDTH - sum(widths), *widths[1:]], header=True)


def render_action_digest_pdf(digest: ActionDigest) -> bytes:
    """The digest as PDF bytes (A4 portrait, marking and page numbers on every page)."""
    register_fonts()
    st = _styles()

    story: list[Flowable] = [_p(f"Actions for {digest.agency}", st["title"])]
    # The subtitle style carries the space below the heading; keep it when there is no subtitle.
    story.append(_p(digest.meeting_title, st["subtitle"]) if digest.meeting_title else Spacer(1, 8))
    rows = ordered_rows(digest.rows)
    made = f"Made on {format_date(digest.generated_on)}."
    if not rows:
        story.append(_p(f"{made} There are no actions for {digest.agency}.", st["body"]))
    else:
        plural = "s" if len(rows) != 1 else ""
        story.append(_p(f"{made} {len(rows)} action{plural}, {sum(r.overdue for r in rows)} overdue.", st["body"]))
        # When every action comes from one meeting, say so once rather than in a column on each row:
        # the page is portrait, and the action text needs the width.
        meetings = {(r.meeting_title, r.meeting_date) for r in rows}
        per_row = len(meetings) > 1
        if not per_row:
            title, held = meetings.pop()
            where = ", ".join(part for part in (title, format_date(held)) if part)
            if where:
                story.append(_p(f"Agreed at {where}.", st["body"]))
        story.append(Spacer(1, 8))
        story.append(_table(rows, st, per_row=per_row))

    buffer = io.BytesIO()
    template = a4_document(buffer, title=digest.metadata_title, author="", subject="Actions")
    template.build(story, canvasmaker=numbered_canvas(digest.marking))
    return buffer.getvalue()
