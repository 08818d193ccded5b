"""Every table, by name: ``from efh_desktop.store.tables import Meeting``.

A table's module is imported when one of its names is first asked for (PEP 562), not all thirty
tables when the package is: each SQLModel class costs its pydantic schema and SQLAlchemy mapping,
about 10 ms apiece, and unlocking and filling the meetings list need none of them: they read the
light Core views of store/core_tables.py (issue 17: start-up). The tables have no ORM relationships,
so each maps on its own. Where the whole schema is needed (``SQLModel.metadata``: migrations, the
synthetic data, the schema tests), call ``load_all()`` first. The window loads them all once its
list is on screen (services/preload.py).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from efh_desktop.store.tables.actions import ACTION_STATUSES, Action, ActionSubject
    from efh_desktop.store.tables.audit import AuditEvent
    from efh_desktop.store.tables.base import utcnow
    from efh_desktop.store.tables.filing import FilingEntry
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
        CHECKLIST_STATUSES,
        CONSENT_STATES,
        Amendment,
        ChecklistLink,
        ChecklistResponse,
        ChecklistSubject,
        Decision,
        DecisionSubject,
        DisclosureApproval,
        DisclosureDecision,
        Draft,
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

_WHERE: dict[str, str] = {
    "AuditEvent": "audit",
    "utcnow": "base",
    "ATTENDANCE_STATUSES": "meetings",
    "MEETING_STATUSES": "meetings",
    "AgendaItem": "meetings",
    "AgendaTemplate": "meetings",
    "Attendee": "meetings",
    "Meeting": "meetings",
    "MeetingNotification": "meetings",
    "MeetingSeries": "meetings",
    "MeetingSubject": "meetings",
    "ACTION_STATUSES": "actions",
    "CHECKLIST_STATUSES": "records",
    "CONSENT_STATES": "records",
    "Action": "actions",
    "ActionSubject": "actions",
    "Amendment": "records",
    "ChecklistLink": "records",
    "ChecklistResponse": "records",
    "ChecklistSubject": "records",
    "Decision": "records",
    "DecisionSubject": "records",
    "DisclosureApproval": "records",
    "DisclosureDecision": "records",
    "Draft": "records",
    "FilingEntry": "filing",
    "GateOverride": "records",
    "InformationSharing": "records",
    "Note": "records",
    "NoteSubject": "records",
    "RedactionLog": "records",
    "SubjectSnapshot": "snapshots",
    "LINK_RELATIONS": "subjects",
    "SUBJECT_KINDS": "subjects",
    "EcomapPosition": "subjects",
    "StoreGeneration": "subjects",
    "Subject": "subjects",
    "SubjectLink": "subjects",
}

__all__ = [  # every name of _WHERE (tests/test_tables_package.py keeps the two equal)
    "AuditEvent",
    "utcnow",
    "ATTENDANCE_STATUSES",
    "MEETING_STATUSES",
    "AgendaItem",
    "AgendaTemplate",
    "Attendee",
    "Meeting",
    "MeetingNotification",
    "MeetingSeries",
    "MeetingSubject",
    "ACTION_STATUSES",
    "CHECKLIST_STATUSES",
    "CONSENT_STATES",
    "Action",
    "ActionSubject",
    "Amendment",
    "ChecklistLink",
    "ChecklistResponse",
    "ChecklistSubject",
    "Decision",
    "DecisionSubject",
    "DisclosureApproval",
    "DisclosureDecision",
    "Draft",
    "FilingEntry",
    "GateOverride",
    "InformationSharing",
    "Note",
    "NoteSubject",
    "RedactionLog",
    "SubjectSnapshot",
    "LINK_RELATIONS",
    "SUBJECT_KINDS",
    "EcomapPosition",
    "StoreGeneration",
    "Subject",
    "SubjectLink",
    "load_all",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # asked once: later lookups are plain attribute reads
    return value


def table_modules() -> list[str]:
    """The tables' modules, by full name, in the order ``load_all`` imports them."""
    return [f"{__name__}.{module}" for module in dict.fromkeys(_WHERE.values())]


def load_all() -> None:
    """Import every table, so ``SQLModel.metadata`` holds the whole schema."""
    for module in table_modules():
        importlib.import_module(module)
