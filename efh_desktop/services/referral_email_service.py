"""A referral decision (open a contact or referral, FIF referral…) is made by emailing First
Response a summary of the discussion and the decision (DOMAIN.md §6). This drafts that email as an
.eml file where the user chooses; the minute-taker's mail client sends it."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import col, select

from efh_desktop.domain.uk_dates import to_uk
from efh_desktop.export.first_response_email import build_referral_email, eml_bytes
from efh_desktop.services.context import AppContext, NotFound, ServiceError
from efh_desktop.services.export_writer import ExportWriter
from efh_desktop.store.tables import Decision, DecisionSubject, Meeting, Note, NoteSubject, Subject


class ReferralEmailService:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    def _kind_label(self, kind_key: str) -> str:
        """Which decision this is ("Open a FIF referral"), from the profile; "" when not recorded."""
        kind = self._ctx.profile.decision_kinds.get(kind_key) if kind_key else None
        return kind.label if kind is not None else ""

    def write_draft(self, decision_id: int, out_path: Path, *, to: str = "", overwrite: bool = False) -> Path:
        out_path = Path(out_path)
        if out_path.is_dir() or not out_path.parent.is_dir():
            raise ServiceError("Choose a file name in an existing folder for the draft email.")
        writer = ExportWriter(self._ctx)
        writer.check(out_path, overwrite=overwrite)
        with self._ctx.reading() as session:
            decision = session.get(Decision, decision_id)
            if decision is None:
                raise NotFound("decision", decision_id)
            meeting = session.get(Meeting, decision.meeting_id)
            if meeting is None:  # the decision's foreign key cascades: not while it exists
                raise NotFound("meeting", decision.meeting_id)
            children = list(session.exec(select(Subject).join(DecisionSubject, col(DecisionSubject.subject_id) == Subject.id)
                                         .where(DecisionSubject.decision_id == decision_id, Subject.kind == "child")))
            kind = self._ctx.profile.decision_kinds.get(decision.kind_key) if decision.kind_key else None
            if kind is not None and not kind.drafts_first_response_email:
                raise ServiceError(f"\u201c{kind.label}\u201d is not made by emailing First Response: only a "
                                   "referral decision (a contact and referral, a FIF referral, a contact for a "
                                   "child in another locality) is.")
            if len(children) != 1:
                raise ServiceError("Tag the decision with the one child it is about, then draft the email.")
            child = children[0]
            # The discussion: this meeting's notes about the child, in the order they were made.
            notes = list(session.exec(select(Note).join(NoteSubject, col(NoteSubject.entry_id) == Note.id)
                                      .where(Note.meeting_id == meeting.id, NoteSubject.subject_id == child.id)
                                      .order_by(col(Note.id))))
        identifiers = ", ".join(f"{label} {value}" for label, value in (("LCS", child.lcs_id), ("EHM", child.ehm_id))
                                if value)
        message = build_referral_email(
            to=to, sender=self._ctx.actor, child_name=child.name, child_identifiers=identifiers,
            meeting_title=meeting.title, meeting_date=to_uk(meeting.starts_at).date(), decision_text=decision.text,
            rationale=decision.rationale,
            discussion=[f"{n.source_agency}: {n.text}" if n.source_agency else n.text for n in notes],
            decided_by=decision.decided_by or meeting.chair_name, decision_kind=self._kind_label(decision.kind_key),
            agreed_by=decision.agreed_by,
            agreement_of=(kind.needs_agreement_in(meeting.type_key) or "") if kind is not None else "")
        data = eml_bytes(message)
        return writer.write(out_path, data, entity="referral_email", entity_id=decision_id, meeting_id=meeting.id,
                            overwrite=overwrite, summary="Draft First Response email written")
