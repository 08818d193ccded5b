"""Running a meeting live: start it, move through the agenda, end it.

Times are recorded as they happen (UTC): the meeting's actual start and end, and for each agenda
item when discussion of it first began and when it last ended. The item being discussed is the one
with a start and no end.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from efh_desktop.services.agenda_service import AgendaNode, ordered_nodes
from efh_desktop.services.audit import snapshot
from efh_desktop.services.context import AppContext, NotFound, ServiceError
from efh_desktop.services.meeting_guard import editable_meeting
from efh_desktop.store.tables import AgendaItem


class LiveService:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    def start(self, meeting_id: int) -> int | None:
        """Record the actual start (once) and open the first agenda item. Returns that item's id."""
        with self._ctx.transaction() as (session, audit):
            meeting = editable_meeting(session, meeting_id)
            if meeting.status == "cancelled":
                raise ServiceError("This meeting was cancelled; it cannot be started.")
            before = snapshot(meeting)
            now = self._ctx.clock.now()
            if meeting.actual_start is None:
                meeting.actual_start = now
            meeting.actual_end = None
            meeting.status = "in_progress"
            session.add(meeting)
            audit.updated(meeting, before, summary="Meeting started")
            current = self._current(session, meeting_id)
            if current is None:
                nodes = self._nodes(session, meeting_id)
                if nodes:
                    self._enter(session, nodes[0].id, now)
                    return nodes[0].id
                return None
            return current.id

    def end(self, meeting_id: int) -> None:
        with self._ctx.transaction() as (session, audit):
            meeting = editable_meeting(session, meeting_id)
            if meeting.status != "in_progress":
                raise ServiceError("The meeting has not been started.")
            now = self._ctx.clock.now()
            self._leave_current(session, meeting_id, now)
            before = snapshot(meeting)
            meeting.actual_end = now
            meeting.status = "ended"
            session.add(meeting)
            audit.updated(meeting, before, summary="Meeting ended")

    def record_times(self, meeting_id: int, started: datetime, ended: datetime) -> None:  # aware datetimes
        """Record when a meeting actually started and ended (a meeting minuted afterwards)."""
        if started.tzinfo is None or ended.tzinfo is None or ended < started:
            raise ServiceError("Give the actual start and end as times of day, the end after the start.")
        with self._ctx.transaction() as (session, audit):
            meeting = editable_meeting(session, meeting_id)
            before = snapshot(meeting)
            meeting.actual_start, meeting.actual_end = started, ended
            session.add(meeting)
            audit.updated(meeting, before, summary="Recorded the meeting's actual times")

    def current_item_id(self, meeting_id: int) -> int | None:
        with self._ctx.reading() as session:
            current = self._current(session, meeting_id)
            return current.id if current else None

    def go_to(self, meeting_id: int, item_id: int) -> None:
        """Close the item being discussed and open ``item_id``."""
        with self._ctx.transaction() as (session, audit):
            meeting = editable_meeting(session, meeting_id)
            if meeting.status != "in_progress":
                raise ServiceError("Start the meeting first.")
            item = session.get(AgendaItem, item_id)
            if item is None or item.meeting_id != meeting_id:
                raise NotFound("agenda item", item_id)
            now = self._ctx.clock.now()
            self._leave_current(session, meeting_id, now)
            self._enter(session, item_id, now)
            audit.event("update", "agenda_item", item_id, meeting_id=meeting_id, summary="Moved to agenda item")

    def step(self, meeting_id: int, direction: int) -> int | None:
        """Next (+1) or previous (-1) item in reading order; returns the new current id (or None at an end)."""
        with self._ctx.reading() as session:
            nodes = self._nodes(session, meeting_id)
            current = self._current(session, meeting_id)
        if not nodes:
            return None
        ids = [n.id for n in nodes]
        index = ids.index(current.id) if current and current.id in ids else -1
        target = index + direction
        if not 0 <= target < len(ids):
            return None
        self.go_to(meeting_id, ids[target])
        return ids[target]

    # -- helpers ----------------------------------------------------------------------------------
    @staticmethod
    def _nodes(session: Session, meeting_id: int) -> list[AgendaNode]:
        return ordered_nodes(list(session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id))))

    @staticmethod
    def _current(session: Session, meeting_id: int) -> AgendaItem | None:
        return session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id,
                                                     AgendaItem.actual_start != None,  # noqa: E711
                                                     AgendaItem.actual_end == None)).first()  # noqa: E711

    def _leave_current(self, session: Session, meeting_id: int, now: datetime) -> None:
        current = self._current(session, meeting_id)
        if current is not None:
            current.actual_end = now
            session.add(current)
            session.flush()

    @staticmethod
    def _enter(session: Session, item_id: int, now: datetime) -> None:
        item = session.get(AgendaItem, item_id)
        if item is None:
            raise NotFound("agenda item", item_id)
        if item.actual_start is None:
            item.actual_start = now
        item.actual_end = None  # back under discussion
        session.add(item)
        session.flush()
