"""The next meeting in a series: one command makes the review meeting ready to chair."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlmodel import Session, col, select

from efh_desktop.domain.agenda_plan import PlannedItem, SubjectRef, plan_agenda
from efh_desktop.domain.cadence import propose_next_meeting
from efh_desktop.domain.profile_model import MeetingType
from efh_desktop.domain.uk_dates import format_datetime, to_uk, uk_wall_time_to_utc
from efh_desktop.services.action_service import carry_open_actions
from efh_desktop.services.agenda_rows import insert_planned
from efh_desktop.services.audit import snapshot
from efh_desktop.services.checklist_service import carry_deferred
from efh_desktop.services.context import AppContext, NotFound, ServiceError, saved_id
from efh_desktop.services.sharing_service import carry_sharing
from efh_desktop.store.tables import (
    AgendaItem,
    Attendee,
    Meeting,
    MeetingSeries,
    MeetingSubject,
    Subject,
)

REVIEW_KEYS = ("review_of_actions", "review_previous_actions", "previous_actions")


@dataclass(frozen=True)
class NextMeetingPreview:
    starts_at: datetime
    agenda_items: int  # on the previous meeting's agenda (0: the template will be used)
    subjects: int
    attendees: int
    open_actions: int


class SeriesService:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    def create_next_meeting(self, meeting_id: int, starts_at: datetime | None = None, *,
                            agenda_from: str = "previous") -> Meeting:
        """A review meeting after ``meeting_id``: same type, series, subjects (with agreements) and
        details; attendees invited again; the agenda as the previous meeting left it (items the
        chair added, the order chosen, the minutes planned; ``agenda_from="template"`` builds it from
        the type's template instead, as does a previous meeting with no agenda); and every action
        still open carried under "review of previous actions" for an update (its history kept).

        The date is ``starts_at``, else the next meeting date recorded at this meeting (same time of
        day), else the type's cadence from this meeting's date.
        """
        profile = self._ctx.profile
        with self._ctx.transaction() as (session, audit):
            previous = session.get(Meeting, meeting_id)
            if previous is None:
                raise NotFound("meeting", meeting_id)
            if previous.type_key not in profile.meeting_types:
                raise ServiceError(f"The practice profile has no meeting type {previous.type_key!r}, so the next "
                                   "meeting of this series cannot be planned with it.")
            meeting_type = profile.meeting_types[previous.type_key]
            existing = session.exec(select(Meeting).where(Meeting.previous_meeting_id == previous.id)).first()
            if existing is not None:
                raise ServiceError("The next meeting in this series already exists; open it from the meetings list.")
            if starts_at is None:
                starts_at = self._default_start(previous, meeting_type)
            elif starts_at.tzinfo is None:
                raise ServiceError("The meeting's start time must carry its time zone.")
            # The next meeting follows this one: reviews, carried actions and timescales count on from it.
            if starts_at <= previous.starts_at:
                raise ServiceError(f"The next meeting must be after this one ({format_datetime(previous.starts_at)}).")
            series_id = previous.series_id
            if series_id is None:
                series = MeetingSeries(title=previous.title or meeting_type.name, type_key=previous.type_key,
                                       locality=previous.locality, police_operation=previous.police_operation)
                session.add(series)
                audit.created(series, summary="Started a meeting series")
                series_id = series.id
                if previous.status != "finalised":  # finalised minutes are not touched, even to file them
                    before = snapshot(previous)
                    previous.series_id = series_id
                    session.add(previous)
                    audit.updated(previous, before, summary="Meeting put into a series")
            duration = (previous.ends_at - previous.starts_at) if previous.ends_at else \
                timedelta(minutes=meeting_type.default_minutes)
            meeting = Meeting(
                series_id=series_id, previous_meeting_id=previous.id, type_key=previous.type_key,
                title=previous.title, starts_at=starts_at, ends_at=starts_at + duration, venue=previous.venue,
                online_link=previous.online_link, locality=previous.locality, lead_authority=previous.lead_authority,
                chair_name=previous.chair_name, chair_role=previous.chair_role, minute_taker=previous.minute_taker,
                police_operation=previous.police_operation, officer_in_charge=previous.officer_in_charge,
                concerns=previous.concerns, cross_boundary=previous.cross_boundary,
                # Guidance §3: across boundaries the Safer Options Manager and the DSM decide "which
                # area will lead on these discussions": the decision holds for the series until changed.
                lead_area=previous.lead_area, lead_area_decided_by=previous.lead_area_decided_by)
            session.add(meeting)
            audit.created(meeting, summary=f"Created the next {meeting_type.name} in the series")

            links = list(session.exec(select(MeetingSubject).where(MeetingSubject.meeting_id == previous.id)
                                      .order_by(col(MeetingSubject.position))))
            refs = []
            for link in links:
                # How a child came to Safer Options decides where their record goes (guidance §3, "because
                # of an EHM referral from First Response … on the EHM Contact"): the review keeps it.
                copy = MeetingSubject(meeting_id=saved_id(meeting.id), subject_id=saved_id(link.subject_id), reason=link.reason,
                                      position=link.position, planning_agreement=link.planning_agreement,
                                      came_through=link.came_through)
                session.add(copy)
                audit.event("create", "meeting_subject", link.subject_id, meeting_id=meeting.id,
                            summary="Subject carried into the next meeting", changes=snapshot(copy))
                subject = session.get(Subject, link.subject_id)
                assert subject is not None  # the link's foreign key keeps its subject
                refs.append(SubjectRef(saved_id(subject.id), subject.kind, subject.name))
            for person in session.exec(select(Attendee).where(Attendee.meeting_id == previous.id)
                                       .order_by(col(Attendee.position))):
                invited = Attendee(meeting_id=saved_id(meeting.id), name=person.name, role=person.role, agency=person.agency,
                                   team=person.team, email=person.email, rule_key=person.rule_key,
                                   role_key=person.role_key, status="invited", position=person.position)
                session.add(invited)
                audit.created(invited, summary="Invited again to the next meeting")

            if agenda_from not in ("previous", "template"):
                raise ServiceError(f"Unknown agenda source {agenda_from!r}.")
            planned = self._previous_agenda(session, saved_id(previous.id)) if agenda_from == "previous" else []
            from_previous = bool(planned)
            insert_planned(session, saved_id(meeting.id), planned or plan_agenda(meeting_type.agenda, refs), None)
            review = self._review_item(session, saved_id(meeting.id))
            carried = carry_open_actions(session, saved_id(previous.id), saved_id(meeting.id), saved_id(review.id) if review else None)
            for action in carried:
                audit.created(action, summary="Open action carried into the next meeting")
            for response in carry_deferred(session, previous, saved_id(meeting.id)):
                audit.created(response, summary="Deferred checklist item carried into the next meeting")
            for record in carry_sharing(session, saved_id(previous.id), saved_id(meeting.id)):
                audit.created(record, summary="Information-sharing decision carried forward for review")
            audit.event("create", "agenda", meeting.id, meeting_id=meeting.id,
                        summary=("Agenda carried from the previous meeting" if from_previous
                                 else "Agenda built from the template") + "; open actions carried for review",
                        changes={"carried_actions": [a.origin_action_id for a in carried]})
        return meeting

    def preview(self, meeting_id: int) -> NextMeetingPreview:
        """What "Next meeting in series" would make, for the question asked before making it."""
        profile = self._ctx.profile
        with self._ctx.reading() as session:
            previous = session.get(Meeting, meeting_id)
            if previous is None:
                raise NotFound("meeting", meeting_id)
            if previous.type_key not in profile.meeting_types:
                raise ServiceError(f"The practice profile has no meeting type {previous.type_key!r}, so the next "
                                   "meeting of this series cannot be planned with it.")
            existing = session.exec(select(Meeting).where(Meeting.previous_meeting_id == previous.id)).first()
            if existing is not None:
                raise ServiceError("The next meeting in this series already exists; open it from the meetings list.")
            agenda = self._previous_agenda(session, saved_id(previous.id))
            subjects = len(list(session.exec(select(MeetingSubject.subject_id)
                                             .where(MeetingSubject.meeting_id == previous.id))))
            attendees = len(list(session.exec(select(Attendee.id).where(Attendee.meeting_id == previous.id))))
            from efh_desktop.store.tables import Action

            open_actions = len(list(session.exec(select(Action.id).where(Action.meeting_id == previous.id,
                                                                          Action.status == "open"))))
            starts = self._default_start(previous, profile.meeting_types[previous.type_key])

        def count(items: list[PlannedItem]) -> int:
            return sum(1 + count(i.children) for i in items)
        return NextMeetingPreview(starts, count(agenda), subjects, attendees, open_actions)

    @staticmethod
    def _previous_agenda(session: Session, meeting_id: int) -> list[PlannedItem]:
        """The previous meeting's agenda as a plan: its items, order, nesting and planned minutes."""
        rows = list(session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
                                 .order_by(col(AgendaItem.position), col(AgendaItem.id))))
        children: dict[int | None, list[AgendaItem]] = {}
        for row in rows:
            children.setdefault(row.parent_id, []).append(row)

        def plan(parent: int | None) -> list[PlannedItem]:
            return [PlannedItem(row.title, row.planned_minutes, row.template_key, row.subject_id, plan(saved_id(row.id)))
                    for row in children.get(parent, [])]
        return plan(None)

    def _default_start(self, previous: Meeting, meeting_type: MeetingType) -> datetime:
        """The recorded next meeting date, else the cadence's proposal (working days, no bank
        holidays), else, for an "agreed" cadence with nothing agreed, a week on as a placeholder
        for the chair to change."""
        local = to_uk(previous.starts_at)
        day = previous.next_meeting_date or propose_next_meeting(meeting_type, local.date()).date \
            or local.date() + timedelta(days=7)
        return uk_wall_time_to_utc(day, time(local.hour, local.minute))

    @staticmethod
    def _review_item(session: Session, meeting_id: int) -> AgendaItem | None:
        """The agenda's "review of previous actions" item, where carried actions are discussed."""
        items = list(session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id,
                                                           AgendaItem.parent_id == None)  # noqa: E711
                                  .order_by(col(AgendaItem.position))))
        return next((i for i in items if i.template_key in REVIEW_KEYS), None) or \
            next((i for i in items if "review" in i.title.lower() and "action" in i.title.lower()), None)
