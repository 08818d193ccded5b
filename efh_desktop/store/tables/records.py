"""What a meeting records: notes, decisions, checklist responses, information sharing, amendments,
drafts and what disclosure copies decided. Notes and decisions (and actions, tables/actions.py) are
tagged with the subjects they concern through a link table, because per-child copies and redaction
are decided by those tags. Actions and filing entries have modules of their own because the meetings
list needs them at start-up and the other tables here it does not (tables/__init__.py).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from efh_desktop.store.tables.base import utcnow

CHECKLIST_STATUSES = ("not_yet", "considered", "not_applicable", "deferred")
CONSENT_STATES = ("sought", "given", "refused", "not_sought")


class Note(SQLModel, table=True):
    """A note recorded in the meeting, attributed to the agency that gave the information.

    The table keeps its first name, "entry" (``NoteSubject`` keeps "entry_subject" and its
    column ``entry_id``): stored audit events name it, and renaming a table is a migration for no gain."""

    __tablename__ = "entry"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    agenda_item_id: int | None = Field(default=None, foreign_key="agenda_item.id", index=True,
                                       ondelete="SET NULL")
    kind: str = Field(default="note", max_length=32)
    text: str
    source_agency: str = ""
    not_for_family: bool = False
    childs_own_words: bool = False
    author: str = ""
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class NoteSubject(SQLModel, table=True):
    __tablename__ = "entry_subject"

    entry_id: int = Field(foreign_key="entry.id", primary_key=True, ondelete="CASCADE")
    subject_id: int = Field(foreign_key="subject.id", primary_key=True, index=True, ondelete="RESTRICT")


class Decision(SQLModel, table=True):
    __tablename__ = "decision"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    agenda_item_id: int | None = Field(default=None, foreign_key="agenda_item.id", index=True,
                                       ondelete="SET NULL")
    kind_key: str = ""  # the profile's decision kind
    text: str
    rationale: str = ""
    dissent: str = ""
    decided_by: str = ""
    agreed_by: str = ""  # e.g. the DSM or SM agreeing to trigger a complex strategy
    author: str = ""
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class DecisionSubject(SQLModel, table=True):
    __tablename__ = "decision_subject"

    decision_id: int = Field(foreign_key="decision.id", primary_key=True, ondelete="CASCADE")
    subject_id: int = Field(foreign_key="subject.id", primary_key=True, index=True, ondelete="RESTRICT")




class ChecklistResponse(SQLModel, table=True):
    """The meeting's answer to one "must consider" item (or sub-item) of the profile's checklist."""

    __tablename__ = "checklist_response"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    item_key: str = Field(max_length=128)
    status: str = Field(default="not_yet", max_length=32)
    note: str = ""
    deferred_to_meeting_id: int | None = Field(default=None, foreign_key="meeting.id", ondelete="SET NULL")
    updated_by: str = ""
    updated_at: datetime = Field(default_factory=utcnow)


class InformationSharing(SQLModel, table=True):
    """What may be shared with a child and family, what is withheld and why, and on what basis."""

    __tablename__ = "information_sharing"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    # "child": the decision for one child and family; "agency": a disclosure by or to an agency
    kind: str = Field(default="child", max_length=16)
    subject_id: int | None = Field(default=None, foreign_key="subject.id", index=True, ondelete="RESTRICT")
    agency: str = ""  # the agency disclosing (agency records)
    recipient: str = ""  # to whom it was disclosed (agency records)
    disclosed_on: date | None = None
    purpose: str = ""  # why it was disclosed (agency records)
    # Safer Options: the outreach action that will use the agreed words for the family.
    action_id: int | None = Field(default=None, foreign_key="action.id", ondelete="SET NULL")
    # The record this one was carried forward from (the previous meeting of the series).
    carried_from_id: int | None = Field(default=None, foreign_key="information_sharing.id", ondelete="SET NULL")
    to_share: str = ""
    shared_by: str = ""
    share_by: date | None = None
    withheld: str = ""
    withheld_reason: str = ""
    consent: str = Field(default="not_sought", max_length=32)
    consent_reason: str = ""
    lawful_basis: str = ""  # key into the profile's lawful bases
    lawful_basis_note: str = ""
    decided_by: str = ""
    decided_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class Amendment(SQLModel, table=True):
    """A correction to a finalised meeting: finalised minutes are never edited in place."""

    __tablename__ = "amendment"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    target: str  # e.g. "decision:12.text"
    before: str = ""
    after: str = ""
    reason: str
    author: str
    created_at: datetime = Field(default_factory=utcnow)


class ChecklistLink(SQLModel, table=True):
    """A note, decision or action that answers a checklist item."""

    __tablename__ = "checklist_link"

    id: int | None = Field(default=None, primary_key=True)
    response_id: int = Field(foreign_key="checklist_response.id", index=True, ondelete="CASCADE")
    record_kind: str = Field(max_length=16)  # note | decision | action
    record_id: int


class ChecklistSubject(SQLModel, table=True):
    """A subject counted under a checklist item, e.g. a child "in current contact with possible
    abusers" under the scale of the concerns."""

    __tablename__ = "checklist_subject"

    response_id: int = Field(foreign_key="checklist_response.id", primary_key=True, ondelete="CASCADE")
    subject_id: int = Field(foreign_key="subject.id", primary_key=True, ondelete="RESTRICT")


class GateOverride(SQLModel, table=True):
    """The chair's decision to finalise although an item of the finalisation gate is outstanding,
    with the reason; the minutes show it."""

    __tablename__ = "gate_override"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    item_key: str = Field(max_length=200)
    message: str = ""  # what was outstanding, as the gate said it
    reason: str
    author: str
    created_at: datetime = Field(default_factory=utcnow)


class Draft(SQLModel, table=True):
    """What the minute-taker has typed but not yet recorded, kept (encrypted) so that locking,
    leaving the meeting or a crash never loses a word. One per meeting; cleared when recorded."""

    __tablename__ = "draft"

    meeting_id: int = Field(foreign_key="meeting.id", primary_key=True, ondelete="CASCADE")
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow)


class RedactionLog(SQLModel, table=True):
    """One disclosure copy written: for whom, by whom, when, and what was replaced and why."""

    __tablename__ = "redaction_log"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    subject_id: int | None = Field(default=None, foreign_key="subject.id", ondelete="SET NULL")
    copy_kind: str = Field(default="disclosure", max_length=32)
    file_name: str = ""
    replacements: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    suspects: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    reason: str = ""  # e.g. "Subject access request"
    author: str = ""
    created_at: datetime = Field(default_factory=utcnow)


class DisclosureDecision(SQLModel, table=True):
    """The manager's decision on one point of a disclosure copy: a suspect to mask or keep, or a note
    not for the family withheld under an exemption. Keyed by a stable ``point_key`` so a decision
    survives re-planning the same copy; a point whose text changes gets a new key and is asked again."""

    __tablename__ = "disclosure_decision"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    subject_id: int = Field(foreign_key="subject.id", ondelete="RESTRICT")
    point_key: str = Field(max_length=64)
    decision: str = Field(max_length=16)  # "mask" | "keep" | "withhold"
    basis: str = ""  # the legal basis / exemption code from the profile's pick-list
    reason: str = ""
    decided_by: str = ""
    decided_at: datetime = Field(default_factory=utcnow)


class DisclosureApproval(SQLModel, table=True):
    """A second named person's approval of a disclosure copy, for the plan as it stood (its digest):
    any later change to the meeting or to a decision changes the digest and needs a new approval."""

    __tablename__ = "disclosure_approval"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    subject_id: int = Field(foreign_key="subject.id", ondelete="RESTRICT")
    plan_digest: str = Field(max_length=64)
    approved_by: str = ""
    approver_role: str = ""
    approved_at: datetime = Field(default_factory=utcnow)
