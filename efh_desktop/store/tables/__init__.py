"""All tables, imported together so ``SQLModel.metadata`` is complete wherever it is used."""

from efh_desktop.store.tables.audit import AuditEvent
from efh_desktop.store.tables.base import utcnow
from efh_desktop.store.tables.meetings import (
    ATTENDANCE_STATUSES,
    MEETING_STATUSES,
    AgendaItem,
    AgendaTemplate,
    Attendee,
    Meeting,
    MeetingNotification,
    MeetingSeries,
    MeetingSubject,
)
from efh_desktop.store.tables.records import (
    ACTION_STATUSES,
    CHECKLIST_STATUSES,
    CONSENT_STATES,
    Action,
    ActionSubject,
    Amendment,
    ChecklistLink,
    ChecklistResponse,
    ChecklistSubject,
    Decision,
    DecisionSubject,
    DisclosureApproval,
    DisclosureDecision,
    Draft,
    FilingEntry,
    GateOverride,
    InformationSharing,
    Note,
    NoteSubject,
    RedactionLog,
)
from efh_desktop.store.tables.snapshots import SubjectSnapshot
from efh_desktop.store.tables.subjects import (
    LINK_RELATIONS,
    SUBJECT_KINDS,
    EcomapPosition,
    StoreGeneration,
    Subject,
    SubjectLink,
)

__all__ = [
    "ACTION_STATUSES", "ATTENDANCE_STATUSES", "CHECKLIST_STATUSES", "CONSENT_STATES", "MEETING_STATUSES",
    "SUBJECT_KINDS", "LINK_RELATIONS", "EcomapPosition", "Action", "ActionSubject", "AgendaItem", "AgendaTemplate", "Amendment", "Attendee", "AuditEvent",
    "ChecklistLink", "ChecklistResponse", "ChecklistSubject", "FilingEntry", "GateOverride", "RedactionLog", "Decision", "DecisionSubject", "DisclosureApproval", "DisclosureDecision", "Draft", "Note", "NoteSubject", "InformationSharing",
    "Meeting", "MeetingNotification", "MeetingSeries", "MeetingSubject", "StoreGeneration", "Subject", "SubjectLink", "SubjectSnapshot",
    "utcnow",
]
