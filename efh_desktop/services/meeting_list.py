"""The meetings list as the window shows it: a page of meetings, the number that match, the
localities to filter by, and each listed meeting's overdue steps of the distribution clock.

SQLAlchemy Core only (store/core_tables.py, services/meeting_pages.py), so the window can unlock and
fill its list before SQLModel and the ORM are imported (issue 17: start-up); MeetingService and
PracticeService answer the same questions through this class, so there is one way to list.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import func, select

from efh_desktop.domain.distribution import DistributionFacts, distribution_steps, overdue_summary
from efh_desktop.domain.uk_dates import to_uk
from efh_desktop.services.context import AppContext
from efh_desktop.services.meeting_pages import (
    PAGE_SIZE,
    SORT_AT_MOST,
    MeetingCursor,
    MeetingFilter,
    MeetingPage,
    MeetingRow,
    counted,
    has_equalities,
    listed,
    row_of,
)
from efh_desktop.services.meeting_pages import after as after_cursor
from efh_desktop.store import core_tables as t

ANY = MeetingFilter()
# Meetings held longer ago than this are finalised and filed, or long since flagged: the list asks
# the distribution clock only about the recent ones, so a long list stays quick.
OVERDUE_DAYS = 120


def facts_of(meeting: Any, copies: Iterable[tuple[str, date | None]], has_actions: bool,
             children: int) -> DistributionFacts:
    """What the distribution clock reads about a meeting: ``meeting`` is a Meeting or a Core row with
    the same names (starts_at, status, the clock's dates, finalised_at)."""
    return DistributionFacts(
        held_on=to_uk(meeting.starts_at).date(), status=meeting.status, actions_sent_on=meeting.actions_sent_on,
        draft_sent_on=meeting.draft_sent_on, accuracy_deadline=meeting.accuracy_deadline,
        non_replies=meeting.accuracy_non_replies,
        finalised_on=to_uk(meeting.finalised_at).date() if meeting.finalised_at else None,
        copies=tuple(copies), has_actions=has_actions, children=children)


class MeetingList:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    def _type_names(self) -> dict[str, str]:
        return {k: m.name for k, m in self._ctx.profile.meeting_types.items()}

    def all(self, chosen: MeetingFilter = ANY) -> list[MeetingRow]:
        """Every matching meeting, newest first (the window reads a page at a time: ``page``)."""
        names = self._type_names()
        with self._ctx.connection() as connection:
            rows = connection.execute(listed(chosen, names)).all()
        return [row_of(r, names) for r in rows]

    def page(self, chosen: MeetingFilter = ANY, after: MeetingCursor | None = None,
             limit: int = PAGE_SIZE) -> MeetingPage:
        """The list's next ``limit`` meetings after ``after`` (None: the first page, with the number
        of meetings that match), newest first. By index, whatever the store's size (issue 17)."""
        names = self._type_names()
        with self._ctx.connection() as connection:
            total = None
            by_date = True
            if after is not None:
                by_date = after.by_date
            elif has_equalities(chosen):
                # Counted first, by the combo boxes' indexes (cheap): few matches are read by
                # those indexes and sorted, many along the date index.
                total = int(connection.execute(counted(chosen, names)).scalar_one())
                by_date = total > SORT_AT_MOST
            query = listed(chosen, names, by_date=by_date)
            if after is not None:
                query = query.where(after_cursor(after))
            # One more than asked for says whether there is a next page.
            found = connection.execute(query.limit(limit + 1)).all()
            if after is None and total is None:
                # A first page that holds them all is the count (a search matching few scans once).
                total = (len(found) if len(found) <= limit else
                         int(connection.execute(counted(chosen, names)).scalar_one()))
        rows = tuple(row_of(r, names) for r in found[:limit])
        last = rows[-1] if rows else None
        cursor = (MeetingCursor(last.starts_at, last.id, by_date)
                  if last is not None and len(found) > limit else None)
        return MeetingPage(rows, cursor, total)

    def localities(self) -> list[str]:
        m = t.meeting.c
        with self._ctx.connection() as connection:
            return list(connection.execute(select(m.locality).distinct().where(m.locality != "")
                                           .order_by(m.locality)).scalars())

    def overdue(self, meeting_ids: list[int], today: date | None = None) -> dict[int, str]:
        """Meeting id → its overdue steps ("Actions circulated, …"), for those that have any."""
        out: dict[int, str] = {}
        ids = meeting_ids or [0]
        today = today or self._ctx.clock.today()
        m, f, a, ms, s = (t.meeting.c, t.filing_entry.c, t.action.c, t.meeting_subject.c, t.subject.c)
        with self._ctx.connection() as connection:
            # Four queries for the whole page, not three per meeting.
            copies: dict[int, list[tuple[str, date | None]]] = {}
            for meeting_id, destination, filed_at in connection.execute(
                    select(f.meeting_id, f.destination, f.filed_at).where(f.meeting_id.in_(ids))):
                copies.setdefault(meeting_id, []).append((destination, to_uk(filed_at).date() if filed_at else None))
            with_actions = set(connection.execute(
                select(a.meeting_id).where(a.meeting_id.in_(ids)).distinct()).scalars())
            children: dict[int, int] = dict(connection.execute(
                select(ms.meeting_id, func.count()).join(t.subject, s.id == ms.subject_id)
                .where(ms.meeting_id.in_(ids), s.kind == "child").group_by(ms.meeting_id)).all())
            meetings = connection.execute(
                select(m.id, m.starts_at, m.status, m.actions_sent_on, m.draft_sent_on, m.accuracy_deadline,
                       m.accuracy_non_replies, m.finalised_at).where(m.id.in_(ids))).all()
        for row in meetings:
            facts = facts_of(row, copies.get(row.id, []), row.id in with_actions, children.get(row.id, 0))
            text = overdue_summary(distribution_steps(self._ctx.profile, facts, today))
            if text:
                out[row.id] = text
        return out

    def overdue_for_rows(self, rows: list[Any], today: date | None = None,
                         days: int = OVERDUE_DAYS) -> dict[int, str]:
        """``overdue`` for listed meetings, only those held in the last ``days`` days."""
        today = today or self._ctx.clock.today()
        recent = [r.id for r in rows if r.status != "cancelled"
                  and 0 <= (today - to_uk(r.starts_at).date()).days <= days]
        return self.overdue(recent, today) if recent else {}
