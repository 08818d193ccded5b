"""The all-actions tracker a page at a time, in the tracker's order, read by index (issue 17).

The tracker lists the newest row of every action's chain across every meeting: overdue first
(open, due before today, soonest first), then the other open actions by due date, open actions
without a date, then closed actions (done, not done) by due date, undated last. Reading all of
them and sorting in Python took seconds on a council's store and grew with every meeting, so the
order is cut into segments that each follow an index (``ix_action_status_due_date``, migration
0015_indexes, or ``ix_action_due_date``), and a page is read with a keyset (the last row's due date
and id) instead of an offset: the tenth page costs what the first does, whatever the store's size.

"The newest row of its chain" is decided in SQL per row (a look-up by ``ix_action_origin_action_id``),
not by reading every chain. A child's actions are few and are read at once (by the tag index).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, or_, select, tuple_
from sqlalchemy.orm import aliased
from sqlmodel import col

from efh_desktop.services.context import AppContext
from efh_desktop.store.tables import Action, ActionSubject, Meeting, Subject

PAGE_SIZE = 200

# (status condition, dated?): the order of the segments is the tracker's order. The first three are
# for open actions (overdue / due today or later / undated); the rest for the closed ones.
_OVERDUE, _OPEN_DATED, _OPEN_UNDATED, _CLOSED_DATED, _CLOSED_UNDATED = range(5)
_SEGMENTS = (_OVERDUE, _OPEN_DATED, _OPEN_UNDATED, _CLOSED_DATED, _CLOSED_UNDATED)


@dataclass(frozen=True)
class TrackerFilter:
    """What the tracker's combo boxes choose; ``None`` means any."""

    agency: str | None = None
    status: str | None = None  # "open", "done", "not_done"
    subject_id: int | None = None


@dataclass(frozen=True)
class TrackerCursor:
    """Where the next page starts: after this row of this segment."""

    segment: int
    due_date: date | None
    action_id: int


@dataclass(frozen=True)
class TrackerPage:
    rows: tuple[Any, ...]  # ActionRow, in the tracker's order
    cursor: TrackerCursor | None  # None: this was the last page
    overdue: int  # how many of this page's rows are overdue


def _segments_for(status: str | None) -> tuple[int, ...]:
    if status == "open":
        return _SEGMENTS[:3]
    if status in ("done", "not_done"):
        return _SEGMENTS[3:]
    if status:
        return ()
    return _SEGMENTS


def newest_of_chain(a: Any, m: Any) -> ColumnElement[bool]:
    """No other row of ``a``'s chain belongs to a later meeting (or the same one, added later)."""
    n = aliased(Action)
    nm = aliased(Meeting)
    origin = a.origin_action_id
    later = or_(nm.starts_at > m.starts_at, and_(nm.starts_at == m.starts_at, n.id > a.id))
    same_chain = or_(
        # rows carried from a (a is the chain's first row) or from a's first row
        and_(origin.is_(None), n.origin_action_id == a.id),
        and_(origin.is_not(None), n.origin_action_id == origin),
        and_(origin.is_not(None), n.id == origin),
    )
    return ~exists(select(col(n.id)).join(nm, col(nm.id) == col(n.meeting_id)).where(same_chain, later))


def _segment_where(a: Any, segment: int, status: str | None, today: date) -> list[ColumnElement[bool]]:
    if segment in (_OVERDUE, _OPEN_DATED, _OPEN_UNDATED):
        where = [a.status == "open"]
    elif status:
        where = [a.status == status]
    else:
        # "not open" rather than IN (done, not_done): SQLite then walks ix_action_due_date in order
        # (IN would read both statuses' ranges and sort them, every action closed since).
        where = [a.status != "open"]
    if segment == _OVERDUE:
        where.append(a.due_date < today)
    elif segment == _OPEN_DATED:
        where.append(a.due_date >= today)
    elif segment in (_OPEN_UNDATED, _CLOSED_UNDATED):
        where.append(a.due_date.is_(None))
    else:
        where.append(a.due_date.is_not(None))
    return where


def tracker_page(ctx: AppContext, make_row: Any, *, filters: TrackerFilter,
                 after: TrackerCursor | None = None, limit: int = PAGE_SIZE, today: date) -> TrackerPage:
    """One page of the tracker from ``after`` (the first page when None). ``make_row`` builds an
    ActionRow from (columns..., meeting title, meeting start, subject names). With a child chosen
    the caller reads that child's actions at once instead (by the tag index; they are few)."""
    if filters.subject_id is not None:
        raise ValueError("a child's actions are read whole, by ActionService.rows(subject_id=...)")
    a = aliased(Action, name="a")
    m = aliased(Meeting, name="m")
    columns = tuple(col(c) for c in (a.id, a.meeting_id, a.origin_action_id, a.description, a.owner, a.agency,
                                     a.due_date, a.category, a.status, a.not_done_reason, a.completion_note,
                                     m.title, m.starts_at))
    found: list[tuple[int, Sequence[Any]]] = []
    segments = [s for s in _segments_for(filters.status) if after is None or s >= after.segment]
    with ctx.reading() as session:
        for segment in segments:
            want = limit - len(found)
            if want <= 0:
                break
            where = _segment_where(a, segment, filters.status, today)
            dated = segment not in (_OPEN_UNDATED, _CLOSED_UNDATED)
            if after is not None and segment == after.segment:
                where.append(tuple_(a.due_date, a.id) > tuple_(after.due_date, after.action_id) if dated
                             else col(a.id) > after.action_id)
            if filters.agency:
                where.append(col(a.agency) == filters.agency)
            query = (select(*columns).join(m, col(m.id) == col(a.meeting_id)).where(*where, newest_of_chain(a, m))
                     .order_by(*((a.due_date, a.id) if dated else (a.id,))).limit(want))
            found.extend((segment, r) for r in session.execute(query))
        names = _subject_names(session, [r[0] for _, r in found])
    rows = tuple(make_row(*r, tuple(names.get(r[0], ()))) for _, r in found)
    cursor = None
    if len(found) >= limit and found:
        segment, last = found[-1]
        cursor = TrackerCursor(segment, last[6], last[0])
    return TrackerPage(rows, cursor, sum(1 for s, _ in found if s == _OVERDUE))


def _subject_names(session: Any, action_ids: list[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for start in range(0, len(action_ids), 500):  # SQLite's bound-parameter limit
        chunk = action_ids[start:start + 500]
        for action_id, name in session.execute(
                select(col(ActionSubject.action_id), col(Subject.name))
                .join(Subject, col(Subject.id) == col(ActionSubject.subject_id))
                .where(col(ActionSubject.action_id).in_(chunk))):
            out.setdefault(action_id, []).append(name)
    return out
