"""The one rule every change to a meeting's records obeys: a finalised meeting is frozen.

Every service that changes a meeting's agenda, attendance, records, checklist, sharing or set-up
calls ``editable_meeting`` inside its transaction, before it touches anything, so a refusal leaves
the database as it was. (SQLite triggers refuse the same changes underneath, migration 0010_guards; this
check is what gives the user a sentence instead of a constraint error.)
"""

from __future__ import annotations

from sqlmodel import Session

from efh_desktop.services.context import NotFound, ServiceError
from efh_desktop.store.tables import Meeting

FINALISED = "This meeting has been finalised; record a correction as an amendment."


def editable_meeting(session: Session, meeting_id: int) -> Meeting:
    """The meeting, read in ``session``; ``NotFound`` when it has gone, ``ServiceError`` when it has
    been finalised."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("meeting", meeting_id)
    if meeting.status == "finalised":
        raise ServiceError(FINALISED)
    return meeting
