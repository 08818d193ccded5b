"""The practice profile: which meeting types a council runs and what each needs.

This is the one import place for profile code; the data classes live in ``profile_model`` and the
TOML loader and checks in ``profile_loader``.
"""

from efh_desktop.domain.profile_loader import (
    DEFAULT_PROFILE_PATH,
    SUPPORTED_FORMAT,
    ProfileError,
    load_profile,
    profile_from_data,
)
from efh_desktop.domain.profile_model import (
    ATTENDEE_CONDITIONS,
    CADENCE_KINDS,
    CATEGORIES,
    CHILD_CONDITIONS,
    DECISION_SCOPES,
    RECORDING_SYSTEMS,
    SUBJECT_KINDS,
    TIMESCALE_KINDS,
    AgendaTemplateItem,
    AttendeeRule,
    Cadence,
    Checklist,
    ChecklistItem,
    DecisionKind,
    MeetingFacts,
    MeetingType,
    NotificationRule,
    PickItem,
    PlanningProcess,
    PracticeProfile,
    RecordingDestination,
    Timescale,
    condition_holds,
)

__all__ = [
    "ATTENDEE_CONDITIONS",
    "CADENCE_KINDS",
    "CATEGORIES",
    "CHILD_CONDITIONS",
    "DECISION_SCOPES",
    "DEFAULT_PROFILE_PATH",
    "RECORDING_SYSTEMS",
    "SUBJECT_KINDS",
    "SUPPORTED_FORMAT",
    "TIMESCALE_KINDS",
    "AgendaTemplateItem",
    "AttendeeRule",
    "Cadence",
    "Checklist",
    "ChecklistItem",
    "DecisionKind",
    "MeetingFacts",
    "MeetingType",
    "NotificationRule",
    "PickItem",
    "PlanningProcess",
    "PracticeProfile",
    "ProfileError",
    "RecordingDestination",
    "Timescale",
    "condition_holds",
    "load_profile",
    "profile_from_data",
]
