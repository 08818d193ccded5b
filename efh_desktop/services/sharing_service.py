"""Consent and information sharing (DOMAIN.md §7): for every child discussed, what will be shared
with the child and family, by whom and when; what is withheld and why; consent and its reason; the
lawful basis; who decided and when. Also disclosures by agencies: what, to whom, when, why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from efh_desktop.domain.text_rules import clean_name, clean_short, clean_text
from efh_desktop.domain.uk_dates import format_date, to_uk
from efh_desktop.services.audit import snapshot
from efh_desktop.services.context import AppContext, NotFound, ServiceError
from efh_desktop.services.frozen_rows import NoteDetails, SharingDetails, SubjectDetails, frozen, frozen_all
from efh_desktop.services.meeting_guard import editable_meeting
from efh_desktop.store.tables import (
    CONSENT_STATES,
    Action,
    InformationSharing,
    Meeting,
    MeetingSubject,
    Note,
    NoteSubject,
    Subject,
)

LAWFUL_BASIS_MISSING = ("No lawful basis is recorded for this decision: choose one (usually UK GDPR Article 6(1)(e) "
                        "public task with Article 9(2)(g) and DPA 2018 Schedule 1 paragraph 18). The finalisation "
                        "gate asks for it.")
CONSENT_LABELS = {"sought": "Sought", "given": "Given", "refused": "Refused", "not_sought": "Not sought"}
_CHILD_TEXT = {"to_share": "What will be shared", "withheld": "What is withheld",
               "withheld_reason": "Why it is withheld", "consent_reason": "Consent reason",
               "lawful_basis_note": "Lawful basis note"}
_CHILD_SHORT = {"shared_by": "Shared by", "decided_by": "Decided by"}


@dataclass(frozen=True)
class ChildSharing:
    """One child of the meeting: the decision (None until recorded; a copy carried from the last
    meeting has no ``decided_at`` until this meeting confirms it) and the notes not for the family."""

    subject: SubjectDetails
    record: SharingDetails | None
    not_for_family: tuple[NoteDetails, ...]


class SharingService:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    # -- reading ----------------------------------------------------------------------------------
    def children(self, meeting_id: int) -> list[ChildSharing]:
        with self._ctx.reading() as session:
            children = list(session.exec(select(Subject).join(MeetingSubject, col(MeetingSubject.subject_id) == Subject.id)
                                         .where(MeetingSubject.meeting_id == meeting_id, Subject.kind == "child")
                                         .order_by(col(MeetingSubject.position))))
            records = {r.subject_id: r for r in session.exec(
                select(InformationSharing).where(InformationSharing.meeting_id == meeting_id,
                                                 InformationSharing.kind == "child"))}
            out = []
            for child in children:
                notes = tuple(session.exec(select(Note).join(NoteSubject, col(NoteSubject.entry_id) == Note.id)
                                           .where(Note.meeting_id == meeting_id, Note.not_for_family == True,  # noqa: E712
                                                  NoteSubject.subject_id == child.id).order_by(col(Note.id))))
                record = records.get(child.id)
                out.append(ChildSharing(frozen(SubjectDetails, child), frozen(SharingDetails, record) if record else None,
                                        tuple(frozen_all(NoteDetails, notes))))
            return out

    def disclosures(self, meeting_id: int) -> list[SharingDetails]:
        with self._ctx.reading() as session:
            return frozen_all(SharingDetails, session.exec(select(InformationSharing).where(
                InformationSharing.meeting_id == meeting_id, InformationSharing.kind == "agency")
                .order_by(col(InformationSharing.id))))

    def history(self, record_id: int) -> list[InformationSharing]:
        """This record and the ones it was carried forward from, oldest first."""
        chain: list[InformationSharing] = []
        with self._ctx.reading() as session:
            record = session.get(InformationSharing, record_id)
            while record is not None and len(chain) < 100:
                chain.append(record)
                record = session.get(InformationSharing, record.carried_from_id) if record.carried_from_id else None
        return list(reversed(chain))

    # -- changing ---------------------------------------------------------------------------------
    def save_child(self, meeting_id: int, subject_id: int, **fields: Any) -> SharingDetails:
        """Record (or change) the decision for one child and family; who decided and when are kept."""
        with self._ctx.transaction() as (session, audit):
            editable_meeting(session, meeting_id)
            if session.get(MeetingSubject, (meeting_id, subject_id)) is None:
                raise ServiceError("Only a child discussed at this meeting can have a sharing decision here.")
            record = session.exec(select(InformationSharing).where(
                InformationSharing.meeting_id == meeting_id, InformationSharing.kind == "child",
                InformationSharing.subject_id == subject_id)).first()
            created = record is None
            record = record or InformationSharing(meeting_id=meeting_id, kind="child", subject_id=subject_id)
            before = snapshot(record)
            self._apply(session, record, fields)
            if record.consent in ("refused", "not_sought") and not record.consent_reason:
                raise ServiceError(f"Say why consent was {CONSENT_LABELS[record.consent].lower()}: "
                                   "the reason goes in the minutes.")
            if record.withheld and not record.withheld_reason:
                raise ServiceError("Say why the information is withheld (for example a risk to someone, or harm "
                                   "to a police investigation).")
            record.decided_by = fields.get("decided_by") or record.decided_by or self._ctx.actor
            record.decided_at, record.updated_at = self._ctx.clock.now(), self._ctx.clock.now()
            session.add(record)
            if created:
                audit.created(record, summary="Information-sharing decision recorded")
            else:
                audit.updated(record, before, summary="Information-sharing decision changed")
            return frozen(SharingDetails, record)

    def add_disclosure(self, meeting_id: int, *, agency: str, what: str, recipient: str, disclosed_on: date | None,
                       purpose: str, subject_id: int | None = None) -> InformationSharing:
        with self._ctx.transaction() as (session, audit):
            editable_meeting(session, meeting_id)
            record = InformationSharing(
                meeting_id=meeting_id, kind="agency", subject_id=subject_id, agency=clean_short(agency, "Agency"),
                to_share=clean_text(what, "What was disclosed", required=True),
                recipient=clean_name(recipient, "To whom"), disclosed_on=disclosed_on,
                purpose=clean_text(purpose, "Why", required=True), decided_by=self._ctx.actor, decided_at=self._ctx.clock.now())
            session.add(record)
            audit.created(record, summary="Agency disclosure recorded")
            return record

    def delete(self, record_id: int) -> None:
        with self._ctx.transaction() as (session, audit):
            record = session.get(InformationSharing, record_id)
            if record is None:
                raise NotFound("information-sharing record", record_id)
            editable_meeting(session, record.meeting_id)
            audit.deleted(record, summary="Information-sharing record deleted")
            session.delete(record)

    def _apply(self, session: Session, record: InformationSharing, fields: dict[str, Any]) -> None:
        for key, value in fields.items():
            if key in _CHILD_TEXT:
                setattr(record, key, clean_text(value, _CHILD_TEXT[key]))
            elif key in _CHILD_SHORT:
                setattr(record, key, clean_name(value, _CHILD_SHORT[key], required=False))
            elif key == "share_by":
                # DOMAIN §7: what will be shared with the child and family, "and when": after the
                # meeting that decides it, never before (a date carried from the last meeting, kept
                # as it was, is left for the review to change).
                meeting = session.get(Meeting, record.meeting_id)
                if (value is not None and value != record.share_by and meeting is not None
                        and value < to_uk(meeting.starts_at).date()):
                    held_on = to_uk(meeting.starts_at).date()
                    raise ServiceError(f"That is before the meeting ({format_date(held_on)}): give the date the "
                                       "child and family will be told.")
                record.share_by = value
            elif key == "consent":
                if value not in CONSENT_STATES:
                    raise ServiceError(f"Unknown consent state: {value}.")
                record.consent = value
            elif key == "lawful_basis":
                value = (value or "").strip()  # spaces alone are no lawful basis: the gate asks for one
                if value and value not in self._ctx.profile.lawful_bases:
                    raise ServiceError(f"The practice profile has no lawful basis \u201c{value}\u201d.")
                record.lawful_basis = value
            elif key == "action_id":
                action = session.get(Action, value) if value is not None else None
                if value is not None and (action is None or action.meeting_id != record.meeting_id):
                    raise ServiceError("Link the words for the family to an action of this meeting.")
                record.action_id = value
            else:
                raise ServiceError(f"Information-sharing records have no field called {key}.")


def carry_sharing(session: Session, previous_meeting_id: int, new_meeting_id: int) -> list[InformationSharing]:
    """Child decisions come into the next meeting of the series for review, pointing at the old ones
    (so the history is kept). The outreach action link stays with the meeting that agreed it."""
    carried = []
    for old in session.exec(select(InformationSharing).where(InformationSharing.meeting_id == previous_meeting_id,
                                                             InformationSharing.kind == "child")):
        data = old.model_dump(exclude={"id", "meeting_id", "carried_from_id", "action_id", "created_at",
                                       "updated_at", "decided_by", "decided_at"})
        # Not yet decided here: the review meeting confirms or changes it (the gate asks until then).
        new = InformationSharing(**data, meeting_id=new_meeting_id, carried_from_id=old.id)
        session.add(new)
        carried.append(new)
    session.flush()
    return carried
