"""Frozen copies of the rows the window reads (issue 13 item 4): a service hands the GUI one of these,
never a table object, so the window cannot change a row behind the service's back (assigning to a
field raises ``FrozenInstanceError``) nor load anything lazily from a session that has closed.

Each class has exactly its table's columns, under the same names, so code that read the table object
reads the copy unchanged; ``tests/test_frozen_rows.py`` fails when a column is added to a table and
not here. JSON columns (a subject's aliases, connected people) are deep copies: changing the list
changes nothing stored. A saved row always has an id, so ``id`` is an ``int`` here.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from sqlmodel import SQLModel

from efh_desktop.services.context import saved_id

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T", bound="DataclassInstance")


def frozen(cls: type[T], row: SQLModel) -> T:
    """A frozen copy of ``row`` (a table object read in a session) as ``cls``."""
    values = {f.name: copy.deepcopy(getattr(row, f.name)) for f in fields(cls)}
    values["id"] = saved_id(values["id"])
    return cls(**values)


def frozen_all(cls: type[T], rows: Any) -> list[T]:
    return [frozen(cls, row) for row in rows]


@dataclass(frozen=True, slots=True)
class MeetingDetails:
    """A meeting: the ``Meeting`` row, read-only."""

    id: int
    uid: str
    series_id: int | None
    previous_meeting_id: int | None
    type_key: str
    title: str
    starts_at: datetime
    ends_at: datetime | None
    venue: str
    online_link: str
    locality: str
    lead_authority: str
    chair_name: str
    chair_role: str
    minute_taker: str
    status: str
    police_operation: str
    officer_in_charge: str
    concerns: str
    cross_boundary: bool
    actual_start: datetime | None
    actual_end: datetime | None
    next_meeting_date: date | None
    next_meeting_reason: str
    finalised_by: str
    finalised_at: datetime | None
    created_at: datetime
    updated_at: datetime
    lead_area: str
    lead_area_decided_by: str
    actions_sent_on: date | None
    draft_sent_on: date | None
    accuracy_deadline: date | None
    accuracy_non_replies: str


@dataclass(frozen=True, slots=True)
class SubjectDetails:
    """A subject (child, person of concern, group or place): the ``Subject`` row, read-only."""

    id: int
    uid: str
    kind: str
    name: str
    aliases: list[str]
    locality: str
    description: str
    date_of_birth: date | None
    lcs_id: str
    ehm_id: str
    legal_status: str
    in_care: bool
    open_referral: bool
    yot_order: bool
    lead_professional: str
    allocated_worker: str
    looked_after_on: date | None
    connected_people: list[dict[str, Any]]
    treat_as_child: bool
    place_kind: str
    address: str
    archived: bool
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class AttendeeDetails:
    """Someone invited to a meeting: the ``Attendee`` row, read-only."""

    id: int
    meeting_id: int
    name: str
    role: str
    agency: str
    team: str
    email: str
    status: str
    apology_reason: str
    part_attendance: str
    rule_key: str
    role_key: str
    position: int


@dataclass(frozen=True, slots=True)
class NoteDetails:
    """A note recorded in a meeting (table ``entry``): the ``Note`` row, read-only."""

    id: int
    meeting_id: int
    agenda_item_id: int | None
    kind: str
    text: str
    source_agency: str
    not_for_family: bool
    childs_own_words: bool
    author: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class DecisionDetails:
    """A decision recorded in a meeting: the ``Decision`` row, read-only."""

    id: int
    meeting_id: int
    agenda_item_id: int | None
    kind_key: str
    text: str
    rationale: str
    dissent: str
    decided_by: str
    agreed_by: str
    author: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class SharingDetails:
    """An information-sharing decision or agency disclosure: the ``InformationSharing`` row, read-only."""

    id: int
    meeting_id: int
    kind: str
    subject_id: int | None
    agency: str
    recipient: str
    disclosed_on: date | None
    purpose: str
    action_id: int | None
    carried_from_id: int | None
    to_share: str
    shared_by: str
    share_by: date | None
    withheld: str
    withheld_reason: str
    consent: str
    consent_reason: str
    lawful_basis: str
    lawful_basis_note: str
    decided_by: str
    decided_at: datetime | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class RecordedAction:
    """An action recorded in a meeting: the ``Action`` row, read-only, every column
    (``action_service.ActionDetails`` is the few the action dialog edits)."""

    id: int
    meeting_id: int
    agenda_item_id: int | None
    origin_action_id: int | None
    description: str
    owner: str
    agency: str
    due_date: date | None
    category: str
    status: str
    not_done_reason: str
    completion_note: str
    outcome: str
    outcome_rating: str
    outcome_evidence: str
    completed_at: datetime | None
    author: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class AmendmentDetails:
    """An amendment to finalised minutes: the ``Amendment`` row, read-only."""

    id: int
    meeting_id: int
    target: str
    before: str
    after: str
    reason: str
    author: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class OverrideDetails:
    """A chair's override of a finalisation-gate item: the ``GateOverride`` row, read-only."""

    id: int
    meeting_id: int
    item_key: str
    message: str
    reason: str
    author: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class FilingDetails:
    """Where one child's copy of the minutes is filed, and whether it has been: the ``FilingEntry``
    row, read-only."""

    id: int
    meeting_id: int
    subject_id: int
    destination: str
    file_name: str
    filed: bool
    filed_by: str
    filed_at: datetime | None


@dataclass(frozen=True, slots=True)
class SeriesDetails:
    """A series of meetings: the ``MeetingSeries`` row, read-only."""

    id: int
    title: str
    type_key: str
    locality: str
    police_operation: str
    created_at: datetime
