"""The facts the guidance's practice rules need from the store, gathered in one place: children known
to be related, each child's other meetings and looked-after date (statutory timescales), who filled
the paediatrician's place last time, how a Safer Options child came to the meeting, the
cross-boundary lead decision, and the distribution clock. The rules live in domain/.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from efh_desktop.domain.attendee_roles import attendee_role_key
from efh_desktop.domain.distribution import (
    DistributionFacts,
    DistributionStep,
    distribution_steps,
)
from efh_desktop.domain.practice_rules import CAME_THROUGH, PastAttendance, same_person
from efh_desktop.domain.setup_rules import AttendeeFacts, required_attendees
from efh_desktop.domain.text_rules import clean_short
from efh_desktop.domain.timescales import ChildHistory
from efh_desktop.domain.uk_dates import format_date, to_uk
from efh_desktop.services.audit import snapshot
from efh_desktop.services.context import AppContext, NotFound, ServiceError, saved_id
from efh_desktop.services.frozen_rows import MeetingDetails, frozen
from efh_desktop.services.meeting_guard import editable_meeting
from efh_desktop.services.meeting_list import OVERDUE_DAYS, MeetingList, facts_of
from efh_desktop.store.tables import (
    Action,
    Attendee,
    FilingEntry,
    Meeting,
    MeetingSubject,
    Subject,
    SubjectLink,
)

_DISTRIBUTION_DATES = ("actions_sent_on", "draft_sent_on", "accuracy_deadline")
_SIBLING_WORDS = ("sibling", "brother", "sister", "half-brother", "half-sister", "half brother", "half sister",
                  "step-brother", "step-sister", "stepbrother", "stepsister", "twin")


def _norm(text: str) -> str:
    return " ".join((text or "").casefold().split())




def peer_group_members(session: Session, group_ids: list[int]) -> dict[int, set[int]]:
    """Each peer group's member children (recorded as "member" links)."""
    out: dict[int, set[int]] = {g: set() for g in group_ids}
    if not group_ids:
        return out
    rows = session.exec(select(SubjectLink.to_subject_id, SubjectLink.from_subject_id)
                        .join(Subject, col(Subject.id) == col(SubjectLink.from_subject_id))
                        .where(col(SubjectLink.to_subject_id).in_(group_ids), SubjectLink.relation == "member",
                               Subject.kind == "child"))
    for group_id, child_id in rows:
        out[group_id].add(child_id)
    return out


def related_child_pairs(session: Session, meeting_id: int, also: Iterable[int] = ()) -> set[tuple[int, int]]:
    """Pairs of children on the meeting known to be related (siblings).

    The one place the practice rules read relationships from: the child–child links recorded as
    data (sibling and half-sibling, and through them: a sibling's sibling is related, even when
    the child between them is not on this meeting), and, for children recorded before links
    existed, a child's connected people ({"name", "relationship"}) naming another child of the
    meeting with a sibling-like relationship.
    """
    children = list(session.exec(select(Subject).join(MeetingSubject, col(MeetingSubject.subject_id) == col(Subject.id))
                                 .where(MeetingSubject.meeting_id == meeting_id, Subject.kind == "child")))
    by_name: dict[str, int] = {}
    for child in children:
        for name in (child.name, *(child.aliases or ())):
            by_name.setdefault(_norm(name), saved_id(child.id))
    # Imported here: relation_service reads notes, and the notes' tables are not needed to fill the
    # meetings list, which this module's overdue steps are part of (store/tables/__init__.py).
    from efh_desktop.services.relation_service import related_pairs

    pairs = related_pairs(session, sorted({saved_id(c.id) for c in children} | set(also)))
    for child in children:
        child_id = saved_id(child.id)
        people: list[Any] = list(child.connected_people or ())
        for person in people:
            if not isinstance(person, dict):
                continue
            other = by_name.get(_norm(str(person.get("name", ""))))
            relationship = _norm(str(person.get("relationship", "")))
            if other is not None and other != child_id and any(w in relationship for w in _SIBLING_WORDS):
                pairs.add((min(child_id, other), max(child_id, other)))
    return pairs


def attendee_facts(session: Session, ctx: AppContext, meeting: Meeting) -> list[AttendeeFacts]:
    """The register as the rules see it: each person's role from the profile's list (chosen, or the
    free text naming one exactly); the officer in charge named on the meeting is in that role, and
    so is the chair in the chair's role (the Area DSM who chairs Safer Options is its Area DSM)."""
    officer, chair = meeting.officer_in_charge.strip(), meeting.chair_name.strip()
    chair_role = meeting.chair_role if meeting.chair_role in dict(ctx.profile.attendee_role_choices()) else ""
    out = []
    for a in session.exec(select(Attendee).where(Attendee.meeting_id == meeting.id)
                          .order_by(col(Attendee.position), col(Attendee.id))):
        role_key = attendee_role_key(ctx.profile, a.role_key, a.role)
        if not role_key and officer and same_person(a.name, officer):
            role_key = "officer_in_charge"
        elif not role_key and chair and chair_role and same_person(a.name, chair):
            role_key = chair_role
        out.append(AttendeeFacts(saved_id(a.id), a.name, a.role, a.agency, a.team, a.status, a.rule_key, role_key))
    return out


def child_histories(session: Session, meeting: Meeting, child_ids: list[int]) -> list[ChildHistory]:
    """Each child's other (not cancelled) meetings, of any type and time, and looked-after date."""
    out = []
    for child_id in child_ids:
        child = session.get(Subject, child_id)
        if child is None:
            continue
        rows = session.exec(select(Meeting.type_key, Meeting.starts_at)
                            .join(MeetingSubject, col(MeetingSubject.meeting_id) == col(Meeting.id))
                            .where(MeetingSubject.subject_id == child_id, Meeting.id != meeting.id,
                                   Meeting.status != "cancelled"))
        out.append(ChildHistory(child_id, child.name, tuple((k, to_uk(s).date()) for k, s in rows),
                                child.looked_after_on))
    return out


def _earlier_meeting(session: Session, meeting: Meeting) -> Meeting | None:
    """The meeting before this one in its series: the one it follows on from, else the latest
    earlier meeting of the series."""
    previous = session.get(Meeting, meeting.previous_meeting_id) if meeting.previous_meeting_id else None
    if previous is None and meeting.series_id is not None:
        previous = session.exec(select(Meeting).where(Meeting.series_id == meeting.series_id,
                                                      Meeting.id != meeting.id,
                                                      Meeting.starts_at < meeting.starts_at)
                                .order_by(col(Meeting.starts_at).desc())).first()
    return previous


def last_paediatrician(session: Session, ctx: AppContext, meeting: Meeting, look_back: int = 12) -> PastAttendance | None:
    """Who filled the community paediatrician's place (present) the last time one attended a
    meeting of the series: cancelled meetings, and meetings none attended, are passed over."""
    from efh_desktop.domain.setup_rules import meeting_facts

    seen = {meeting.id}
    previous = _earlier_meeting(session, meeting)
    for _ in range(look_back):
        if previous is None or previous.id in seen:
            return None
        seen.add(previous.id)
        if previous.status != "cancelled" and previous.type_key in ctx.profile.meeting_types:
            meeting_type = ctx.profile.meeting_type(previous.type_key)
            prompts = required_attendees(meeting_type, meeting_facts([], (), ""),
                                         attendee_facts(session, ctx, previous))
            names = tuple(a.name for p in prompts if p.rule.key == "community_paediatrician"
                          for a in p.matched if a.status in ("present", "part"))
            if names:
                return PastAttendance("community_paediatrician", names,
                                      format_date(to_uk(previous.starts_at).date()))
        previous = _earlier_meeting(session, previous)
    return None


class PracticeService:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    # -- how a Safer Options child came to the meeting ----------------------------------------------
    def came_through(self, meeting_id: int, subject_id: int) -> str:
        with self._ctx.reading() as session:
            link = session.get(MeetingSubject, (meeting_id, subject_id))
            return link.came_through if link else ""

    def set_came_through(self, meeting_id: int, subject_id: int, route: str) -> None:
        if route not in CAME_THROUGH:
            raise ServiceError(f"Unknown route to the meeting: {route}.")
        with self._ctx.transaction() as (session, audit):
            editable_meeting(session, meeting_id)
            link = session.get(MeetingSubject, (meeting_id, subject_id))
            if link is None:
                raise NotFound("subject of this meeting", subject_id)
            before = link.came_through
            link.came_through = route
            session.add(link)
            audit.event("update", "meeting_subject", subject_id, meeting_id=meeting_id,
                        summary="Recorded how the child came to the meeting",
                        changes={"came_through": [before, route]})

    # -- the distribution clock -----------------------------------------------------------------------
    def distribution(self, meeting_id: int, today: date | None = None) -> list[DistributionStep]:
        with self._ctx.reading() as session:
            meeting = session.get(Meeting, meeting_id)
            if meeting is None:
                raise NotFound("meeting", meeting_id)
            today = today or self._ctx.clock.today()
            return distribution_steps(self._ctx.profile, self._facts(session, meeting), today)

    def overdue(self, meeting_ids: list[int], today: date | None = None) -> dict[int, str]:
        """For the meetings list: meeting id → the overdue steps ("Actions circulated, …"), when any."""
        return MeetingList(self._ctx).overdue(meeting_ids, today)

    def overdue_for_rows(self, rows: list[Any], today: date | None = None, days: int = OVERDUE_DAYS) -> dict[int, str]:
        """``overdue`` for the meetings list, only for meetings held in the last ``days`` days (older
        ones are finalised and filed or long since flagged), so a long list stays quick."""
        return MeetingList(self._ctx).overdue_for_rows(rows, today, days)

    def record_distribution(self, meeting_id: int, **fields: Any) -> MeetingDetails:
        """Record a step of the clock: actions_sent_on, draft_sent_on, accuracy_deadline (dates or None)
        and accuracy_non_replies (who did not reply). Allowed after finalising, as filing is."""
        with self._ctx.transaction() as (session, audit):
            meeting = session.get(Meeting, meeting_id)
            if meeting is None:
                raise NotFound("meeting", meeting_id)
            before = snapshot(meeting)
            held_on = to_uk(meeting.starts_at).date()
            for key, value in fields.items():
                if key in _DISTRIBUTION_DATES:
                    if value is not None and not isinstance(value, date):
                        raise ServiceError("Give a date.")
                    if value is not None and value < held_on:
                        raise ServiceError(f"That is before the meeting ({format_date(held_on)})."
                                           if key != "accuracy_deadline" else
                                           f"The deadline for replies cannot be before the meeting "
                                           f"({format_date(held_on)}).")
                    # Sent is something done: a day still to come would show a step as done that is not.
                    if value is not None and key != "accuracy_deadline" and value > self._ctx.clock.today():
                        raise ServiceError("That is after today: record the day it was sent.")
                    setattr(meeting, key, value)
                elif key == "accuracy_non_replies":
                    meeting.accuracy_non_replies = clean_short(value, "No reply from")
                else:
                    raise ServiceError(f"The distribution clock has no step called {key}.")
            if meeting.accuracy_deadline and meeting.draft_sent_on and meeting.accuracy_deadline < meeting.draft_sent_on:
                raise ServiceError("The deadline for replies cannot be before the draft was sent.")
            session.add(meeting)
            audit.updated(meeting, before, summary="Distribution clock updated")
            return frozen(MeetingDetails, meeting)

    def _facts(self, session: Session, meeting: Meeting, copies: list[tuple[str, date | None]] | None = None,
               has_actions: bool | None = None, children: int | None = None) -> DistributionFacts:
        return distribution_facts(session, meeting, copies, has_actions, children)


def distribution_facts(session: Session, meeting: Meeting, copies: list[tuple[str, date | None]] | None = None,
                       has_actions: bool | None = None, children: int | None = None) -> DistributionFacts:
    """What the distribution clock and the gate's timescale notes read about a meeting, in ``session``."""
    if copies is None:
        copies = [(f.destination, to_uk(f.filed_at).date() if f.filed_at else None)
                  for f in session.exec(select(FilingEntry).where(FilingEntry.meeting_id == meeting.id))]
    if has_actions is None:
        has_actions = session.exec(select(Action.id).where(Action.meeting_id == meeting.id)).first() is not None
    if children is None:
        children = session.exec(select(func.count()).select_from(MeetingSubject)
                                .join(Subject, col(Subject.id) == col(MeetingSubject.subject_id))
                                .where(MeetingSubject.meeting_id == meeting.id, Subject.kind == "child")).one()
    return facts_of(meeting, copies, has_actions, children)
