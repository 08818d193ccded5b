"""The meetings list a page at a time, newest first, filtered and counted in SQL (issue 17).

A council's hub holds 20,000 meetings after some years; reading every one of them and turning each
into a row before the window could show its list was most of what start-up did beyond loading the
libraries on such a store. The list now reads the first page (the rows a screen shows and a few
screens more) and the number of meetings that match; the next page is read as the list scrolls to
its end. A page follows ``ix_meeting_starts_at`` from its newest end with a keyset (the last row's
start and id), so the hundredth page costs what the first does. Only the columns the list shows
are read.

SQLAlchemy Core only, on the light view of the meeting table (store/core_tables.py): the window fills
its list before SQLModel and the ORM are loaded (issue 17: start-up).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select, tuple_

from efh_desktop.domain.text_rules import fold_for_search
from efh_desktop.services.search_text import matches
from efh_desktop.store.core_tables import meeting as _meeting

PAGE_SIZE = 200
# Up to this many matches of the combo boxes, a page is read by their indexes and sorted (a small
# sort); beyond it, by the date index in order (see ``conditions``).
SORT_AT_MOST = 2_000


STATUS_LABELS = {
    "planned": "Planned",
    "in_progress": "In progress",
    "ended": "Ended",
    "finalised": "Finalised",
    "cancelled": "Cancelled",
}


@dataclass(frozen=True, slots=True)  # slots: one per listed meeting
class MeetingRow:
    id: int
    type_key: str
    type_name: str
    title: str
    starts_at: datetime
    status: str
    locality: str
    series_id: int | None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


def row_of(columns: Any, names: Mapping[str, str]) -> MeetingRow:
    """A listed meeting from ``listed``'s columns; ``names``: meeting type key → its name."""
    mid, key, title, starts_at, status, locality, series_id = columns
    return MeetingRow(mid, key, names.get(key, key), title, starts_at, status, locality, series_id)


@dataclass(frozen=True, slots=True)
class MeetingFilter:
    """What the list's search box and combo boxes choose; ``None`` or "" means any."""

    type_key: str | None = None
    status: str | None = None
    locality: str | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class MeetingCursor:
    """Where the next page starts: after the meeting that starts at ``starts_at`` with this id."""

    starts_at: datetime
    meeting_id: int
    by_date: bool = True  # read along ix_meeting_starts_at (see ``conditions``)


@dataclass(frozen=True, slots=True)
class MeetingPage:
    rows: tuple[MeetingRow, ...]  # newest first
    cursor: MeetingCursor | None  # None: this was the last page
    total: int | None  # how many meetings match the filter; given with the first page only


_M = _meeting.c
_COLUMNS: tuple[Any, ...] = (_M.id, _M.type_key, _M.title, _M.starts_at, _M.status, _M.locality, _M.series_id)


def conditions(chosen: MeetingFilter, type_names: Mapping[str, str], *,
               by_date: bool = False) -> list[ColumnElement[bool]]:
    """The WHERE of the list: each combo box an equality (each column has its index), the search
    text a case- and accent-blind "contains" over the title, locality, police operation and chair,
    or the name of the meeting's type.

    ``by_date``: the equalities are written so that SQLite cannot use their indexes (``col || ''``,
    the same test), and walks ``ix_meeting_starts_at`` from the newest end instead, stopping at a
    page's end. Right when many meetings match: by the equality's index SQLite would read and sort
    every match for each page (8,000 of a 20,000-meeting store for one meeting type)."""
    where: list[ColumnElement[bool]] = []
    for column, value in ((_M.type_key, chosen.type_key), (_M.status, chosen.status), (_M.locality, chosen.locality)):
        if value:
            where.append((column + "" if by_date else column) == value)
    needle = chosen.text.strip()
    if needle:
        # Folded as the columns are (efh_fold): "conférence" finds the conference's type too.
        folded = fold_for_search(needle) or ""
        matching_types = [k for k, n in type_names.items() if folded in (fold_for_search(n) or "")]
        where.append(or_(*(matches(c, needle) for c in (_M.title, _M.locality, _M.police_operation, _M.chair_name)),
                         _M.type_key.in_(matching_types)))
    return where


def has_equalities(chosen: MeetingFilter) -> bool:
    return bool(chosen.type_key or chosen.status or chosen.locality)


def listed(chosen: MeetingFilter, type_names: Mapping[str, str], *, by_date: bool = False) -> Select[Any]:
    """Every matching meeting's listed columns, newest first (ties: the later id first)."""
    return (select(*_COLUMNS).where(*conditions(chosen, type_names, by_date=by_date))
            .order_by(_M.starts_at.desc(), _M.id.desc()))


def after(cursor: MeetingCursor) -> ColumnElement[bool]:
    """The meetings listed after ``cursor``: a row value compared along the index's own order."""
    return tuple_(_M.starts_at, _M.id) < tuple_(cursor.starts_at, cursor.meeting_id)


def counted(chosen: MeetingFilter, type_names: Mapping[str, str]) -> Select[Any]:
    return select(func.count()).select_from(_meeting).where(*conditions(chosen, type_names))
