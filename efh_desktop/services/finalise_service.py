"""Finalising a meeting: the gate (one list of everything missing), the chair's overrides with
reasons, the finalised record (read-only from then on), and amendments after it.

Finalised minutes are never edited: a correction is an amendment (who, when, what, why) kept with
the meeting and shown in every later export. Finalising also freezes the meeting's subjects as they
stood (``SubjectSnapshot``): the minutes print the snapshot, so renaming a child later, or changing
their legal status or aliases, does not change what finalised minutes say.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from efh_desktop.domain.finalisation_gate import (
    ActionFacts,
    ChecklistState,
    DecisionFacts,
    GateItem,
    checklist_progress,
    distribution_notes,
    gate_items,
    outstanding,
    practice_gate_items,
)
from efh_desktop.domain.setup_rules import meeting_facts, notifications_due
from efh_desktop.domain.text_rules import clean_name, clean_text
from efh_desktop.domain.uk_dates import to_uk
from efh_desktop.services.audit import snapshot
from efh_desktop.services.context import AppContext, NotFound, ServiceError, saved_id
from efh_desktop.services.frozen_rows import (
    AmendmentDetails,
    MeetingDetails,
    OverrideDetails,
    SubjectDetails,
    frozen,
    frozen_all,
)
from efh_desktop.services.meeting_guard import editable_meeting
from efh_desktop.services.practice_service import distribution_facts
from efh_desktop.services.setup_service import SetupService
from efh_desktop.store.tables import (
    Action,
    Amendment,
    Attendee,
    ChecklistResponse,
    Decision,
    GateOverride,
    InformationSharing,
    Meeting,
    MeetingNotification,
    MeetingSubject,
    Subject,
    SubjectSnapshot,
)

# The lawful basis that is consent (the Bristol profile's key): it needs consent given.
CONSENT_BASIS = "consent"


@dataclass(frozen=True)
class GateLine:
    item: GateItem
    override: GateOverride | None  # the latest reason recorded, or None while the item is open
    overrides: tuple[GateOverride, ...] = ()  # every reason recorded for the item, oldest first


class FinaliseService:
    def __init__(self, ctx: AppContext, setup: SetupService) -> None:
        self._ctx = ctx
        self._setup = setup

    def gate(self, meeting_id: int) -> list[GateLine]:
        """Everything the gate finds, each with the chair's override if one is recorded."""
        profile = self._ctx.profile
        with self._ctx.reading() as session:
            meeting, meeting_type, subjects, _agreements, attendees, concerns = self._setup.gather_facts(session, meeting_id)
            meeting_type = self._setup.cadence_type(session, meeting, meeting_type)  # core group after a review
            states = [ChecklistState(r.item_key, r.status, r.note) for r in session.exec(
                select(ChecklistResponse).where(ChecklistResponse.meeting_id == meeting_id))]
            actions = [ActionFacts(saved_id(a.id), a.description, a.owner, a.agency, a.due_date, a.status,
                                   a.origin_action_id)
                       for a in session.exec(select(Action).where(Action.meeting_id == meeting_id))]
            decisions = [DecisionFacts(saved_id(d.id), d.text, d.rationale) for d in session.exec(
                select(Decision).where(Decision.meeting_id == meeting_id).order_by(col(Decision.id)))]
            # A decision counts once made or confirmed at this meeting (a carried-forward copy awaits review).
            shared = set(session.exec(select(InformationSharing.subject_id).where(
                InformationSharing.meeting_id == meeting_id, InformationSharing.kind == "child",
                InformationSharing.decided_at != None)))  # noqa: E711
            no_basis = set(session.exec(select(InformationSharing.subject_id).where(
                InformationSharing.meeting_id == meeting_id, InformationSharing.kind == "child",
                InformationSharing.decided_at != None, InformationSharing.lawful_basis == "")))  # noqa: E711
            empty = set(session.exec(select(InformationSharing.subject_id).where(
                InformationSharing.meeting_id == meeting_id, InformationSharing.kind == "child",
                InformationSharing.decided_at != None, InformationSharing.to_share == "",  # noqa: E711
                InformationSharing.withheld == "")))
            on_consent = {r.subject_id: r.consent for r in session.exec(select(InformationSharing).where(
                InformationSharing.meeting_id == meeting_id, InformationSharing.kind == "child",
                InformationSharing.decided_at != None, InformationSharing.lawful_basis == CONSENT_BASIS,  # noqa: E711
                InformationSharing.consent != "given"))}
            reasons = {saved_id(a.id): a.apology_reason for a in session.exec(select(Attendee)
                                                                     .where(Attendee.meeting_id == meeting_id))}
            notified = {n.rule_key for n in session.exec(select(MeetingNotification)
                                                         .where(MeetingNotification.meeting_id == meeting_id))}
            overrides: dict[str, list[GateOverride]] = {}
            for o in session.exec(select(GateOverride).where(GateOverride.meeting_id == meeting_id)
                                  .order_by(col(GateOverride.created_at), col(GateOverride.id))):
                overrides.setdefault(o.item_key, []).append(o)
        facts = meeting_facts(subjects, concerns, meeting.police_operation, meeting.cross_boundary,
                              meeting.officer_in_charge)
        items = gate_items(
            profile, meeting_type, held_on=to_uk(meeting.starts_at).date(), chair_role_key=meeting.chair_role or None,
            checklist=states, actions=actions,
            children_without_sharing=[(s.id, s.name) for s in subjects if s.kind == "child" and s.id not in shared],
            attendee_prompts=self._setup.attendee_prompts(meeting_id), attendees=attendees,
            notifications_due=notifications_due(meeting_type, facts), notified_keys=notified,
            next_meeting=meeting.next_meeting_date, next_meeting_reason=meeting.next_meeting_reason,
            apology_reasons=reasons, decisions=decisions)
        items += practice_gate_items(
            children_without_lawful_basis=[(s.id, s.name) for s in subjects if s.kind == "child" and s.id in no_basis],
            findings=self._setup.findings(meeting_id),
            consent_basis_without_consent=[(s.id, s.name, on_consent[s.id]) for s in subjects
                                           if s.kind == "child" and s.id in on_consent],
            held_on=to_uk(meeting.starts_at).date(), today=self._ctx.clock.today(),
            children_with_empty_decision=[(s.id, s.name) for s in subjects if s.kind == "child" and s.id in empty])
        return [GateLine(item, overrides[item.key][-1] if item.key in overrides else None,
                         tuple(overrides.get(item.key, ()))) for item in items]

    def notes(self, meeting_id: int, today: date | None = None) -> list[GateItem]:
        """The gate's notes, shown below its list and never holding finalising back: the statutory
        timescales counted from the meeting that the guidance sets "where possible" (actions
        circulated the same day, the record within 1 working day), when they were not met."""
        with self._ctx.reading() as session:
            meeting = session.get(Meeting, meeting_id)
            if meeting is None:
                raise NotFound("meeting", meeting_id)
            facts = distribution_facts(session, meeting)
        return distribution_notes(self._ctx.profile, facts, today or self._ctx.clock.today())

    def outstanding(self, meeting_id: int) -> list[GateItem]:
        lines = self.gate(meeting_id)
        return outstanding([line.item for line in lines], {line.item.key for line in lines if line.override})

    def progress(self, meeting_id: int) -> tuple[int, int] | None:
        """Checklist progress, e.g. (9, 13); None when the type has no checklist."""
        meeting = self._meeting(meeting_id)
        checklist = self._ctx.profile.checklist_for(meeting.type_key)
        if checklist is None:
            return None
        with self._ctx.reading() as session:
            states = [ChecklistState(r.item_key, r.status, r.note) for r in session.exec(
                select(ChecklistResponse).where(ChecklistResponse.meeting_id == meeting_id))]
        return checklist_progress(checklist, states)

    def override(self, meeting_id: int, item_key: str, reason: str) -> OverrideDetails:
        """The chair finalises despite an outstanding item, for a recorded reason the minutes show.

        A second reason for the same item is kept beside the first (both are shown and printed,
        each with its author and time): a reason given earlier is never silently replaced."""
        reason = clean_text(reason, "Reason")
        if not reason:
            raise ServiceError("Give the reason for going ahead: the minutes will show it.")
        line = next((line for line in self.gate(meeting_id) if line.item.key == item_key), None)
        if line is None:
            raise ServiceError("That item is no longer outstanding.")
        with self._ctx.transaction() as (session, audit):
            meeting = editable_meeting(session, meeting_id)
            further = bool(line.overrides)
            row = GateOverride(meeting_id=saved_id(meeting.id), item_key=item_key, message=line.item.message,
                               reason=reason,
                               author=self._ctx.actor)
            session.add(row)
            audit.created(row, summary="Further reason for overriding the gate" if further
                          else "Gate item overridden by the chair")
            return frozen(OverrideDetails, row)

    def withdraw_override(self, meeting_id: int, item_key: str) -> None:
        with self._ctx.transaction() as (session, audit):
            editable_meeting(session, meeting_id)
            for row in session.exec(select(GateOverride).where(GateOverride.meeting_id == meeting_id,
                                                               GateOverride.item_key == item_key)).all():
                audit.deleted(row, summary="Gate override withdrawn")
                session.delete(row)

    def finalise(self, meeting_id: int) -> MeetingDetails:
        """Fix the minutes: refused while anything is outstanding without an override."""
        remaining = self.outstanding(meeting_id)
        if remaining:
            raise ServiceError(f"{len(remaining)} item{'s are' if len(remaining) != 1 else ' is'} still outstanding: "
                               "fix each one or record why the meeting is finalised without it.")
        with self._ctx.transaction() as (session, audit):
            meeting = editable_meeting(session, meeting_id)
            if meeting.status == "in_progress":
                raise ServiceError("End the meeting before finalising its minutes.")
            before = snapshot(meeting)
            meeting.status, meeting.finalised_by, meeting.finalised_at = "finalised", self._ctx.actor, self._ctx.clock.now()
            session.add(meeting)
            audit.updated(meeting, before, summary="Minutes finalised")
            freeze_subjects(session, saved_id(meeting.id))
            audit.event("finalise", "meeting", meeting.id, meeting_id=meeting.id, summary="Minutes finalised")
        return frozen(MeetingDetails, meeting)

    # -- after finalising ---------------------------------------------------------------------------
    def amend(self, meeting_id: int, target: str, after: str, reason: str, before: str = "") -> AmendmentDetails:
        """Record a correction to finalised minutes; the original text is never changed."""
        with self._ctx.transaction() as (session, audit):
            meeting = session.get(Meeting, meeting_id)
            if meeting is None:
                raise NotFound("meeting", meeting_id)
            if meeting.status != "finalised":
                raise ServiceError("Only finalised minutes are amended; change this meeting's records directly.")
            row = Amendment(meeting_id=meeting_id, target=clean_name(target, "What is corrected"),
                            before=clean_text(before, "Was"), after=clean_text(after, "Correction", required=True),
                            reason=clean_text(reason, "Reason", required=True), author=self._ctx.actor)
            session.add(row)
            audit.created(row, summary="Amendment to finalised minutes")
        return frozen(AmendmentDetails, row)

    def amendments(self, meeting_id: int) -> list[AmendmentDetails]:
        with self._ctx.reading() as session:
            return frozen_all(AmendmentDetails, session.exec(select(Amendment).where(Amendment.meeting_id == meeting_id)
                                                             .order_by(col(Amendment.created_at), col(Amendment.id))))

    def overrides(self, meeting_id: int) -> list[OverrideDetails]:
        """The chair's overrides as recorded, each with the gate's message as it was then."""
        with self._ctx.reading() as session:
            return frozen_all(OverrideDetails, session.exec(
                select(GateOverride).where(GateOverride.meeting_id == meeting_id)
                .order_by(col(GateOverride.created_at), col(GateOverride.id))))

    def frozen_subjects(self, meeting_id: int) -> list[SubjectDetails] | None:
        """The meeting's subjects as they stood when it was finalised, in meeting order (detached
        copies, never written back); None when there is no snapshot (the meeting is not finalised)."""
        with self._ctx.reading() as session:
            rows = list(session.exec(select(SubjectSnapshot).where(SubjectSnapshot.meeting_id == meeting_id)
                                     .order_by(col(SubjectSnapshot.position), col(SubjectSnapshot.subject_id))))
        if not rows:
            return None
        return [frozen(SubjectDetails, Subject.model_validate(row.payload)) for row in rows]

    # -- helpers ------------------------------------------------------------------------------------
    def _meeting(self, meeting_id: int) -> Meeting:
        with self._ctx.reading() as session:
            meeting = session.get(Meeting, meeting_id)
            if meeting is None:
                raise NotFound("meeting", meeting_id)
            return meeting


def freeze_subjects(session: Session, meeting_id: int) -> None:
    """Snapshot the meeting's subjects as they stand (at finalising, or when a finalised meeting
    arrives from an older meeting file): finalised minutes print these, whatever changes later."""
    for link in session.exec(select(MeetingSubject).where(MeetingSubject.meeting_id == meeting_id)):
        subject = session.get(Subject, link.subject_id)
        assert subject is not None  # the link's foreign key keeps its subject
        session.add(SubjectSnapshot(meeting_id=meeting_id, subject_id=link.subject_id, position=link.position,
                                    reason=link.reason, payload=snapshot(subject)))
