"""What the application knows about a meeting's set-up: the rules (chair role, who should attend,
notifications, harmful sexual behaviour protocol, one planning process per child) and the next
meeting date from the type's cadence. The rules live in domain/; this gathers their facts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from efh_desktop.domain.cadence import (
    NextMeetingProposal,
    cadence_for_children,
    check_next_meeting,
    propose_next_meeting,
)
from efh_desktop.domain.findings import RuleFinding, ordered
from efh_desktop.domain.practice_rules import (
    LeadAreaDecision,
    area_findings,
    came_through_hints,
    complex_strategy_eligibility,
    legal_status_fit,
    person_of_concern_prompt,
    safer_options_exclusions,
    same_paediatrician_note,
)
from efh_desktop.domain.profile_model import MeetingType
from efh_desktop.domain.setup_rules import (
    Agreement,
    AttendeeFacts,
    AttendeePrompt,
    OtherPlanning,
    SubjectFacts,
    adult_ids,
    adult_on,
    meeting_facts,
    notifications_due,
    required_attendees,
    setup_findings,
)
from efh_desktop.domain.text_rules import clean_name, clean_text
from efh_desktop.domain.timescales import initial_meeting_statuses, planning_lines, timescale_findings
from efh_desktop.domain.uk_dates import to_uk
from efh_desktop.services.audit import snapshot
from efh_desktop.services.context import AppContext, NotFound, ServiceError, saved_id
from efh_desktop.services.meeting_guard import editable_meeting
from efh_desktop.services.meeting_service import MeetingService
from efh_desktop.services.practice_service import (
    attendee_facts,
    child_histories,
    last_paediatrician,
    peer_group_members,
    related_child_pairs,
)
from efh_desktop.services.relation_service import concern_prompts
from efh_desktop.store.tables import Meeting, MeetingNotification, MeetingSubject, Subject

# Another individual meeting counts as a live planning process if it is upcoming or recent.
LIVE_PROCESS_WINDOW = timedelta(days=90)


@dataclass(frozen=True)
class NotificationStatus:
    rule_key: str
    label: str
    recorded: MeetingNotification | None


class SetupService:
    def __init__(self, ctx: AppContext, meetings: MeetingService) -> None:
        self._ctx = ctx
        self._meetings = meetings

    # -- facts ------------------------------------------------------------------------------------
    def gather_facts(self, session: Session, meeting_id: int) -> tuple[
            Meeting, MeetingType, list[SubjectFacts], list[Agreement], list[AttendeeFacts], tuple[str, ...]]:
        """What the set-up rules and the finalisation gate read about a meeting, in ``session``."""
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise NotFound("meeting", meeting_id)
        meeting_type = self._ctx.profile.meeting_type(meeting.type_key)
        links = list(session.exec(select(MeetingSubject, Subject).join(Subject, col(Subject.id) == col(MeetingSubject.subject_id))
                                  .where(col(MeetingSubject.meeting_id) == meeting_id).order_by(col(MeetingSubject.position))))
        subjects = [SubjectFacts(saved_id(s.id), s.kind, s.name, s.in_care, s.yot_order, s.legal_status, s.locality,
                                 s.open_referral, s.date_of_birth, s.treat_as_child) for _, s in links]
        agreements = [Agreement(link.subject_id, link.planning_agreement) for link, _ in links
                      if link.planning_agreement.strip()]
        agreements += self._earlier_agreements(session, meeting, [s.id for s in subjects if s.kind == "child"
                                                                  and s.id not in {a.subject_id for a in agreements}])
        attendees = attendee_facts(session, self._ctx, meeting)
        concerns = tuple(c for c in meeting.concerns.split(",") if c)
        return meeting, meeting_type, subjects, agreements, attendees, concerns

    @staticmethod
    def _earlier_agreements(session: Session, meeting: Meeting, child_ids: list[int]) -> list[Agreement]:
        """The latest agreement on concurrent meetings recorded for each child at an earlier meeting:
        it is recorded once, on the child's records, and holds until changed."""
        if not child_ids:
            return []
        rows = session.exec(select(MeetingSubject.subject_id, MeetingSubject.planning_agreement)
                            .join(Meeting, col(Meeting.id) == col(MeetingSubject.meeting_id))
                            .where(col(MeetingSubject.subject_id).in_(child_ids), col(Meeting.id) != meeting.id,
                                   col(Meeting.status) != "cancelled", Meeting.starts_at <= meeting.starts_at,
                                   MeetingSubject.planning_agreement != "")
                            .order_by(col(Meeting.starts_at).desc()))
        latest: dict[int, str] = {}
        for subject_id, text in rows:
            if text.strip():
                latest.setdefault(subject_id, text)
        return [Agreement(subject_id, text) for subject_id, text in latest.items()]

    def _others(self, session: Session, meeting: Meeting, subjects: list[SubjectFacts]) -> list[OtherPlanning]:
        children = [s.id for s in subjects if s.kind == "child"]
        if not children:
            return []
        individual = [k for k, t in self._ctx.profile.meeting_types.items() if t.category == "individual"]
        rows = session.exec(
            select(MeetingSubject.subject_id, Meeting.type_key, Meeting.starts_at)
            .join(Meeting, col(Meeting.id) == col(MeetingSubject.meeting_id))
            .where(col(MeetingSubject.subject_id).in_(children), col(Meeting.id) != meeting.id,
                   col(Meeting.type_key).in_(individual), col(Meeting.status) != "cancelled",
                   Meeting.starts_at >= meeting.starts_at - LIVE_PROCESS_WINDOW))
        types = self._ctx.profile.meeting_types
        return [OtherPlanning(subject_id, type_key, types[type_key].name, to_uk(starts).date())
                for subject_id, type_key, starts in rows]

    def cadence_type(self, session: Session, meeting: Meeting, meeting_type: MeetingType) -> MeetingType:
        """The meeting type with the cadence that applies to this meeting's children now (a core group
        after a review conference: 8-weekly, not 6; ``cadence.cadence_for_children``)."""
        if not meeting_type.cadence.after:
            return meeting_type
        children = list(session.exec(select(MeetingSubject.subject_id)
                                     .join(Subject, col(Subject.id) == col(MeetingSubject.subject_id))
                                     .where(MeetingSubject.meeting_id == meeting.id, Subject.kind == "child")))
        histories = child_histories(session, meeting, children)
        after = self._ctx.profile.meeting_types.get(meeting_type.cadence.after)
        return cadence_for_children(meeting_type, to_uk(meeting.starts_at).date(), [h.meetings for h in histories],
                                    after.name if after is not None else "", self._ctx.profile)

    def _cadence_type_of(self, meeting_id: int) -> tuple[Meeting, MeetingType]:
        with self._ctx.reading() as session:
            meeting = session.get(Meeting, meeting_id)
            if meeting is None:
                raise NotFound("meeting", meeting_id)
            return meeting, self.cadence_type(session, meeting, self._ctx.profile.meeting_type(meeting.type_key))

    # -- rules ------------------------------------------------------------------------------------
    def findings(self, meeting_id: int) -> list[RuleFinding]:
        with self._ctx.reading() as session:
            meeting, meeting_type, subjects, agreements, attendees, concerns = self.gather_facts(session, meeting_id)
            others = self._others(session, meeting, subjects)
            notified = {n.rule_key for n in session.exec(select(MeetingNotification)
                                                         .where(MeetingNotification.meeting_id == meeting_id))}
            practice = self._practice_findings(session, meeting, meeting_type, subjects, concerns, attendees)
            cadence_type = self.cadence_type(session, meeting, meeting_type)
        found = setup_findings(self._ctx.profile, meeting_type, chair_role_key=meeting.chair_role or None,
                               subjects=subjects, concerns=concerns, police_operation=meeting.police_operation,
                               attendees=attendees, others=others, agreements=agreements,
                               cross_boundary=meeting.cross_boundary, notified_keys=notified,
                               officer_in_charge=meeting.officer_in_charge, held_on=to_uk(meeting.starts_at).date())
        found += practice
        next_finding = check_next_meeting(cadence_type, to_uk(meeting.starts_at).date(), meeting.next_meeting_date,
                                          meeting.next_meeting_reason)
        missing = self._ctx.profile.missing_type_warning(meeting.type_key)
        if missing:  # shown first when the meeting opens: its rules are not being checked
            found.insert(0, RuleFinding("meeting_type_missing", "warning", missing))
        return ordered(found + ([next_finding] if next_finding else []))

    def _practice_findings(self, session: Session, meeting: Meeting, meeting_type: MeetingType,
                           subjects: list[SubjectFacts], concerns: tuple[str, ...],
                           attendees: list[AttendeeFacts]) -> list[RuleFinding]:
        """The guidance's advice: eligibility, areas, timescales, the chair's notes (domain/practice_rules)."""
        profile = self._ctx.profile
        held_on = to_uk(meeting.starts_at).date()
        children = [s for s in subjects if s.kind == "child"]
        found: list[RuleFinding] = []
        members = peer_group_members(session, [s.id for s in subjects if s.kind == "peer_group"])
        # A child is under 18 on the meeting's UK day (guidance §4: "more than one unrelated child";
        # "possible victims who are now adults" are apart): the members of its peer groups too.
        everyone = set().union(*members.values()) - {s.id for s in subjects}
        grown = set(adult_ids(subjects, held_on)) | {
            saved_id(c.id) for c in (session.get(Subject, i) for i in sorted(everyone))
            if c is not None and adult_on(c.date_of_birth, held_on)}
        eligibility = complex_strategy_eligibility(
            meeting_type, subjects, related_child_pairs(session, saved_id(meeting.id), set().union(*members.values())),
            members, grown)
        if eligibility:
            found.append(eligibility)
        people = [s.id for s in subjects if s.kind == "person_of_concern"]
        for prompt in concern_prompts(session, person_ids=people) if people else []:
            hint = person_of_concern_prompt(meeting_type, prompt.person_id, prompt.person_name,
                                            prompt.unrelated_groups, len(prompt.meetings))
            if hint:
                found.append(hint)
        found += safer_options_exclusions(profile, meeting_type, concerns, subjects)
        histories = child_histories(session, meeting, [c.id for c in children])
        found += legal_status_fit(profile, meeting_type, subjects, {
            h.subject_id: initial_meeting_statuses(profile, meeting.type_key, held_on, h) for h in histories})
        found += area_findings(meeting_type, meeting.locality, subjects, cross_boundary=meeting.cross_boundary,
                               decision=LeadAreaDecision(meeting.lead_area, meeting.lead_area_decided_by),
                               lead_authority=meeting.lead_authority)
        routes = [(c.id, c.name, (session.get(MeetingSubject, (meeting.id, c.id)) or MeetingSubject(
            meeting_id=saved_id(meeting.id), subject_id=c.id)).came_through) for c in children]
        found += came_through_hints(meeting_type, routes)
        found += timescale_findings(profile, meeting.type_key, held_on, histories, meeting.next_meeting_date)
        note = same_paediatrician_note(meeting_type, last_paediatrician(session, self._ctx, meeting),
                                       [a.name for a in attendees])
        if note:
            found.append(note)
        return found

    def paediatrician_note(self, meeting_id: int) -> RuleFinding | None:
        """Who attended as the community paediatrician last time (for the attendance prompts)."""
        with self._ctx.reading() as session:
            meeting, meeting_type, _s, _g, attendees, _c = self.gather_facts(session, meeting_id)
            last = last_paediatrician(session, self._ctx, meeting)
        return same_paediatrician_note(meeting_type, last, [a.name for a in attendees])

    def planning_lines(self, meeting_id: int) -> list[str]:
        """The statutory dates this meeting starts, for where the chair plans the next meeting."""
        with self._ctx.reading() as session:
            meeting, _type, subjects, _a, _p, _c = self.gather_facts(session, meeting_id)
            histories = child_histories(session, meeting, [s.id for s in subjects if s.kind == "child"])
        return planning_lines(self._ctx.profile, meeting.type_key, to_uk(meeting.starts_at).date(), histories)

    def attendee_prompts(self, meeting_id: int) -> list[AttendeePrompt]:
        with self._ctx.reading() as session:
            meeting, meeting_type, subjects, _agreements, attendees, concerns = self.gather_facts(session, meeting_id)
        facts = meeting_facts(subjects, concerns, meeting.police_operation, meeting.cross_boundary,
                              meeting.officer_in_charge)
        return required_attendees(meeting_type, facts, attendees)

    # -- notifications ----------------------------------------------------------------------------
    def notifications(self, meeting_id: int) -> list[NotificationStatus]:
        with self._ctx.reading() as session:
            meeting, meeting_type, subjects, _a, _p, concerns = self.gather_facts(session, meeting_id)
            recorded = {n.rule_key: n for n in session.exec(
                select(MeetingNotification).where(MeetingNotification.meeting_id == meeting_id))}
        facts = meeting_facts(subjects, concerns, meeting.police_operation, meeting.cross_boundary,
                              meeting.officer_in_charge)
        return [NotificationStatus(rule.key, rule.label, recorded.get(rule.key))
                for rule in notifications_due(meeting_type, facts)]

    def record_notification(self, meeting_id: int, rule_key: str, recipient: str, *, informed_by: str = "",
                            informed_at: datetime | None = None) -> MeetingNotification:
        """Record that someone was told about the meeting (who, by whom, when); replaces an earlier record."""
        with self._ctx.transaction() as (session, audit):
            editable_meeting(session, meeting_id)
            existing = session.exec(select(MeetingNotification).where(
                MeetingNotification.meeting_id == meeting_id, MeetingNotification.rule_key == rule_key)).first()
            row = existing or MeetingNotification(meeting_id=meeting_id, rule_key=rule_key, recipient="")
            before = snapshot(row) if existing else None
            row.recipient = clean_name(recipient, "Who was told")
            row.informed_by = clean_name(informed_by or self._ctx.actor, "Told by")
            # "Record who and when" (DOMAIN §3): a time still to come is a slip, not a record.
            if informed_at is not None and informed_at > self._ctx.clock.now():
                raise ServiceError("That time is still to come: record when they were told.")
            row.informed_at = informed_at or self._ctx.clock.now()
            session.add(row)
            if before is None:
                audit.created(row, summary="Recorded who was told about the meeting")
            else:
                audit.updated(row, before, summary="Changed who was told about the meeting")
        return row

    # -- next meeting -----------------------------------------------------------------------------
    def propose_next(self, meeting_id: int) -> NextMeetingProposal:
        meeting, meeting_type = self._cadence_type_of(meeting_id)
        return propose_next_meeting(meeting_type, to_uk(meeting.starts_at).date())

    def set_next_meeting(self, meeting_id: int, when: date | None, reason: str = "") -> RuleFinding | None:
        """Record the next meeting date; a date later than the cadence allows needs a reason.

        Returns the remaining finding (None when the date fits the cadence)."""
        meeting, meeting_type = self._cadence_type_of(meeting_id)
        finding = check_next_meeting(meeting_type, to_uk(meeting.starts_at).date(), when, reason.strip())
        if finding is not None and finding.key == "next_meeting_not_after" and when is not None:
            raise ServiceError(finding.message)
        self._meetings.update(meeting_id, next_meeting_date=when, next_meeting_reason=clean_text(reason, "Reason"))
        return finding

    # -- one planning process per child -----------------------------------------------------------
    def planning_agreement(self, meeting_id: int, subject_id: int) -> str:
        with self._ctx.reading() as session:
            link = session.get(MeetingSubject, (meeting_id, subject_id))
            return link.planning_agreement if link else ""

    def set_planning_agreement(self, meeting_id: int, subject_id: int, text: str) -> None:
        with self._ctx.transaction() as (session, audit):
            editable_meeting(session, meeting_id)
            link = session.get(MeetingSubject, (meeting_id, subject_id))
            if link is None:
                raise NotFound("subject of this meeting", subject_id)
            before = snapshot(link)
            link.planning_agreement = clean_text(text, "Agreement")
            session.add(link)
            audit.event("update", "meeting_subject", subject_id, meeting_id=meeting_id,
                        summary="Recorded how concurrent planning meetings are arranged",
                        changes={"planning_agreement": [before.get("planning_agreement"), link.planning_agreement]})
