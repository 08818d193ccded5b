"""Use cases for meetings: list and search, create (with the agenda from the type's template),
change, delete, and the subjects a meeting is about."""

from __future__ import annotations

import builtins
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from efh_desktop.domain.agenda_plan import SubjectRef, plan_agenda
from efh_desktop.domain.practice_rules import concern_keys
from efh_desktop.domain.profile_model import MeetingType
from efh_desktop.domain.text_rules import clean_name, clean_short
from efh_desktop.services.agenda_rows import insert_planned
from efh_desktop.services.attendance_officers import add_officers
from efh_desktop.services.audit import snapshot
from efh_desktop.services.context import AppContext, NotFound, ServiceError, saved_id
from efh_desktop.services.frozen_rows import MeetingDetails, SeriesDetails, SubjectDetails, frozen, frozen_all
from efh_desktop.services.meeting_guard import FINALISED, editable_meeting
from efh_desktop.services.meeting_list import ANY, MeetingList
from efh_desktop.services.meeting_pages import (
    PAGE_SIZE,
    MeetingCursor,
    MeetingFilter,
    MeetingPage,
    MeetingRow,
)
from efh_desktop.store.tables import (
    MEETING_STATUSES,
    AgendaItem,
    Meeting,
    MeetingSeries,
    MeetingSubject,
    Subject,
)

_BOOL_FIELDS = ("cross_boundary",)
_SHORT_FIELDS = ("title", "venue", "online_link", "locality", "lead_authority", "chair_name", "chair_role",
                 "minute_taker", "police_operation", "officer_in_charge", "concerns", "next_meeting_reason",
                 "lead_area", "lead_area_decided_by")
_DATE_FIELDS = ("starts_at", "ends_at", "next_meeting_date")
# The years a meeting's dates may fall in: year 9999 overflowed when the end was worked out
# ("Unexpected error (OverflowError)"), and no meeting of this service is held outside these.
MEETING_YEARS = (1900, 2199)


def _meeting_time(key: str, value: Any) -> Any:
    """A meeting's start or end (a datetime with its time zone) or next date (a date), or a sentence."""
    what = {"starts_at": "start time", "ends_at": "end time", "next_meeting_date": "next meeting date"}[key]
    if value is None and key != "starts_at":
        return None
    if key == "next_meeting_date":
        if not isinstance(value, date) or isinstance(value, datetime):
            raise ServiceError(f"The meeting's {what} must be a date.")
    elif not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise ServiceError(f"The meeting's {what} must carry its time zone.")
    if not MEETING_YEARS[0] <= value.year <= MEETING_YEARS[1]:
        raise ServiceError(f"The meeting's {what} must fall between {MEETING_YEARS[0]} and {MEETING_YEARS[1]}.")
    return value


class MeetingService:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    # -- reading ----------------------------------------------------------------------------------
    def list(self, *, type_key: str | None = None, status: str | None = None, locality: str | None = None,
             text: str = "") -> builtins.list[MeetingRow]:
        """Every matching meeting, newest first (the window reads the list a page at a time: ``page``)."""
        return MeetingList(self._ctx).all(MeetingFilter(type_key, status, locality, text))

    def page(self, chosen: MeetingFilter = ANY, after: MeetingCursor | None = None,
             limit: int = PAGE_SIZE) -> MeetingPage:
        """The list's next ``limit`` meetings after ``after`` (None: the first page, with the number
        of meetings that match), newest first (services/meeting_list.py)."""
        return MeetingList(self._ctx).page(chosen, after, limit)

    def localities(self) -> builtins.list[str]:
        return MeetingList(self._ctx).localities()

    def get(self, meeting_id: int) -> MeetingDetails:
        with self._ctx.reading() as session:
            meeting = session.get(Meeting, meeting_id)
            if meeting is None:
                raise NotFound("meeting", meeting_id)
            return frozen(MeetingDetails, meeting)

    def count(self) -> int:
        with self._ctx.reading() as session:
            return session.exec(select(func.count()).select_from(Meeting)).one()

    def series_list(self) -> builtins.list[SeriesDetails]:
        with self._ctx.reading() as session:
            return frozen_all(SeriesDetails, session.exec(select(MeetingSeries).order_by(MeetingSeries.title)))

    def series_choices(self) -> builtins.list[tuple[int, str]]:
        """(id, title) of every series, A to Z: what the series picker shows each time a meeting is
        opened, without building an object per series (a hub gathers thousands over the years)."""
        with self._ctx.reading() as session:
            return [(saved_id(r[0]), r[1]) for r in session.exec(select(MeetingSeries.id, MeetingSeries.title)
                                                          .order_by(MeetingSeries.title))]

    def subjects(self, meeting_id: int) -> builtins.list[SubjectDetails]:
        with self._ctx.reading() as session:
            query = (select(Subject).join(MeetingSubject, col(MeetingSubject.subject_id) == col(Subject.id))
                     .where(MeetingSubject.meeting_id == meeting_id)
                     .order_by(col(MeetingSubject.position), col(Subject.name)))
            return frozen_all(SubjectDetails, session.exec(query))

    def agenda(self, meeting_id: int) -> builtins.list[AgendaItem]:
        with self._ctx.reading() as session:
            return list(session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
                                     .order_by(col(AgendaItem.parent_id), col(AgendaItem.position))))

    # -- changing ---------------------------------------------------------------------------------
    def create(self, type_key: str, starts_at: datetime, *, series_id: int | None = None,
               new_series_title: str | None = None, subject_ids: builtins.list[int] | None = None,
               build_agenda: bool = True, **fields: Any) -> Meeting:
        """Create a meeting of a profile type, optionally in a (new) series, with its agenda."""
        meeting_type = self._meeting_type(type_key)
        starts_at = _meeting_time("starts_at", starts_at)
        meeting = Meeting(type_key=type_key, starts_at=starts_at,
                          ends_at=starts_at + timedelta(minutes=meeting_type.default_minutes))
        self._apply(meeting, fields)
        if not meeting.title:
            meeting.title = meeting_type.name + (f", {meeting.locality}" if meeting.locality else "")
        with self._ctx.transaction() as (session, audit):
            if new_series_title is not None:
                series = MeetingSeries(title=clean_name(new_series_title, "Series title"), type_key=type_key,
                                       locality=meeting.locality, police_operation=meeting.police_operation)
                session.add(series)
                audit.created(series, summary="Started a meeting series")
                series_id = series.id
            if series_id is not None:
                if session.get(MeetingSeries, series_id) is None:
                    raise NotFound("meeting series", series_id)
                meeting.series_id = series_id
            session.add(meeting)
            audit.created(meeting, summary=f"Created {meeting_type.name}")
            refs = []
            for position, subject_id in enumerate(subject_ids or []):
                subject = session.get(Subject, subject_id)
                if subject is None:
                    raise NotFound("subject", subject_id)
                link = MeetingSubject(meeting_id=saved_id(meeting.id), subject_id=subject_id, position=position)
                session.add(link)
                audit.event("create", "meeting_subject", subject_id, meeting_id=meeting.id,
                            summary="Added subject to meeting")
                refs.append(SubjectRef(saved_id(subject.id), subject.kind, subject.name))
            if build_agenda:
                insert_planned(session, saved_id(meeting.id), plan_agenda(meeting_type.agenda, refs), None)
                audit.event("create", "agenda", meeting.id, meeting_id=meeting.id,
                            summary="Agenda built from the template")
            add_officers(session, audit, meeting, self._ctx.profile)
        return meeting

    def update(self, meeting_id: int, **fields: Any) -> MeetingDetails:
        with self._ctx.transaction() as (session, audit):
            meeting = session.get(Meeting, meeting_id)
            if meeting is None:
                raise NotFound("meeting", meeting_id)
            if meeting.status == "finalised":
                raise ServiceError(FINALISED)
            before = snapshot(meeting)
            if "type_key" in fields:
                meeting.type_key = self._meeting_type(fields.pop("type_key")).key
            if "status" in fields:
                status = fields.pop("status")
                if status not in MEETING_STATUSES or status == "finalised":
                    raise ServiceError(f"A meeting cannot be set to {status!r} here.")
                meeting.status = status
            self._apply(meeting, fields)
            meeting.updated_at = self._ctx.clock.now()
            session.add(meeting)
            audit.updated(meeting, before, summary="Changed meeting details")
            if {"chair_name", "chair_role", "minute_taker"} & fields.keys():
                add_officers(session, audit, meeting, self._ctx.profile)
        return frozen(MeetingDetails, meeting)

    def start_series(self, meeting_id: int, title: str) -> SeriesDetails:
        """Put a meeting into a new series (the first meeting of, say, an operation's strategy)."""
        with self._ctx.transaction() as (session, audit):
            meeting = editable_meeting(session, meeting_id)
            series = MeetingSeries(title=clean_name(title, "Series title"), type_key=meeting.type_key,
                                   locality=meeting.locality, police_operation=meeting.police_operation)
            session.add(series)
            audit.created(series, summary="Started a meeting series")
            before = snapshot(meeting)
            meeting.series_id = series.id
            session.add(meeting)
            audit.updated(meeting, before, summary="Meeting put into a series")
        return frozen(SeriesDetails, series)

    def delete(self, meeting_id: int) -> None:
        with self._ctx.transaction() as (session, audit):
            meeting = session.get(Meeting, meeting_id)
            if meeting is None:
                raise NotFound("meeting", meeting_id)
            if meeting.status == "finalised":
                raise ServiceError("A finalised meeting cannot be deleted: it is part of the record.")
            audit.deleted(meeting, summary="Deleted meeting")
            session.delete(meeting)

    def add_subject(self, meeting_id: int, subject_id: int, reason: str = "") -> None:
        with self._ctx.transaction() as (session, audit):
            meeting = editable_meeting(session, meeting_id)
            if session.get(Subject, subject_id) is None:
                raise NotFound("subject", subject_id)
            if session.get(MeetingSubject, (meeting.id, subject_id)):
                return
            count = session.exec(select(func.count()).select_from(MeetingSubject)
                                 .where(MeetingSubject.meeting_id == meeting_id)).one()
            link = MeetingSubject(meeting_id=meeting_id, subject_id=subject_id, position=count,
                                  reason=clean_short(reason, "Reason"))
            session.add(link)
            audit.event("create", "meeting_subject", subject_id, meeting_id=meeting_id,
                        summary="Added subject to meeting", changes=snapshot(link))
            subject = session.get(Subject, subject_id)
            assert subject is not None  # checked above, in this transaction
            item_id = self._add_subject_item(session, meeting, subject)
            if item_id is not None:
                audit.event("create", "agenda_item", item_id, meeting_id=meeting_id,
                            summary="Agenda item added for the new subject")

    def remove_subject(self, meeting_id: int, subject_id: int) -> None:
        with self._ctx.transaction() as (session, audit):
            editable_meeting(session, meeting_id)
            link = session.get(MeetingSubject, (meeting_id, subject_id))
            if link:
                audit.event("delete", "meeting_subject", subject_id, meeting_id=meeting_id,
                            summary="Removed subject from meeting", changes=snapshot(link))
                session.delete(link)
                # The subject's own agenda item goes too (with its sub-items); notes keep their text.
                for item in session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id,
                                                                  AgendaItem.subject_id == subject_id,
                                                                  AgendaItem.parent_id == None)):  # noqa: E711
                    audit.deleted(item, summary="Agenda item removed with its subject")
                    session.delete(item)

    # -- helpers ----------------------------------------------------------------------------------
    def _add_subject_item(self, session: Session, meeting: Meeting, subject: Subject) -> int | None:
        """Give a subject added after the agenda was built its own item, where the template puts
        items about that kind of subject (after the last such item, or after the items that come
        before it in the template). Nothing is added to an empty agenda or when one exists."""
        template = self._ctx.profile.meeting_type(meeting.type_key).agenda
        slot = next((i for i, t in enumerate(template) if t.per_subject == subject.kind), None)
        top = sorted(session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id,
                                                           AgendaItem.parent_id == None)),  # noqa: E711
                     key=lambda r: (r.position, r.id))
        if slot is None or not top or any(r.subject_id == subject.id for r in top):
            return None
        earlier = {t.key for t in template[:slot + 1]}
        anchor = max((i for i, row in enumerate(top) if row.template_key in earlier), default=len(top) - 1)
        planned = plan_agenda([template[slot]], [SubjectRef(saved_id(subject.id), subject.kind, subject.name)])[0]
        for row in top[anchor + 1:]:
            row.position += 1
            session.add(row)
        item = AgendaItem(meeting_id=saved_id(meeting.id), position=anchor + 1, title=planned.title,
                          template_key=planned.template_key, subject_id=subject.id, planned_minutes=planned.minutes)
        session.add(item)
        session.flush()
        insert_planned(session, saved_id(meeting.id), planned.children, saved_id(item.id))
        return item.id

    def _meeting_type(self, type_key: str) -> MeetingType:
        # Strict, unlike profile.meeting_type: a new meeting (or a change of type) needs a real type.
        if type_key not in self._ctx.profile.meeting_types:
            raise ServiceError(f"The practice profile has no meeting type {type_key!r}.")
        return self._ctx.profile.meeting_types[type_key]

    def _apply(self, meeting: Meeting, fields: dict[str, Any]) -> None:
        for key, value in fields.items():
            if key in _SHORT_FIELDS:
                setattr(meeting, key, clean_short(value, key.replace("_", " ").capitalize()))
            elif key in _DATE_FIELDS:
                setattr(meeting, key, _meeting_time(key, value))
            elif key in _BOOL_FIELDS:
                setattr(meeting, key, bool(value))
            elif key in ("series_id", "previous_meeting_id"):
                setattr(meeting, key, value)
            else:
                raise ServiceError(f"Meetings have no field called {key}.")
        keys, unknown = concern_keys(self._ctx.profile, meeting.concerns)
        if unknown:
            raise ServiceError(f"The practice profile has no concern called \u201c{unknown[0]}\u201d.")
        meeting.concerns = ",".join(keys)
        if meeting.chair_role and meeting.chair_role not in self._ctx.profile.roles:
            raise ServiceError(f"Unknown chair role: {meeting.chair_role}.")
        if meeting.ends_at and meeting.starts_at and meeting.ends_at < meeting.starts_at:
            raise ServiceError("The meeting cannot end before it starts.")
