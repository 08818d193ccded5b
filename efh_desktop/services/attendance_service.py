"""Use cases for a meeting's attendance register."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import select

from efh_desktop.domain.text_rules import clean_name, clean_short
from efh_desktop.services.audit import snapshot
from efh_desktop.services.context import AppContext, NotFound, ServiceError
from efh_desktop.services.meeting_service import MeetingService
from efh_desktop.store.tables import ATTENDANCE_STATUSES, Attendee

ATTENDANCE_LABELS = {
    "invited": "Invited",
    "present": "Present",
    "apologies": "Apologies",
    "sent_information": "Sent information instead",
    "part": "Part attendance",
}


class AttendanceService:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    def list(self, meeting_id: int) -> list[Attendee]:
        with self._ctx.reading() as session:
            return list(session.exec(select(Attendee).where(Attendee.meeting_id == meeting_id)
                                     .order_by(Attendee.position, Attendee.id)))

    def add(self, meeting_id: int, name: str, *, role: str = "", agency: str = "", team: str = "",
            email: str = "", status: str = "invited", apology_reason: str = "") -> Attendee:
        if status not in ATTENDANCE_STATUSES:
            raise ServiceError(f"Unknown attendance: {status}.")
        with self._ctx.transaction() as (session, audit):
            MeetingService._editable(session, meeting_id)
            count = session.exec(select(func.count()).select_from(Attendee)
                                 .where(Attendee.meeting_id == meeting_id)).one()
            attendee = Attendee(meeting_id=meeting_id, name=clean_name(name), role=clean_short(role, "Role"),
                                agency=clean_short(agency, "Agency"), team=clean_short(team, "Team"),
                                email=clean_short(email, "Email"), status=status,
                                apology_reason=clean_short(apology_reason, "Reason"), position=count)
            session.add(attendee)
            audit.created(attendee, summary="Added attendee")
        return attendee

    def set_status(self, attendee_id: int, status: str, reason: str = "") -> Attendee:
        if status not in ATTENDANCE_STATUSES:
            raise ServiceError(f"Unknown attendance: {status}.")
        with self._ctx.transaction() as (session, audit):
            attendee = session.get(Attendee, attendee_id)
            if attendee is None:
                raise NotFound("attendee", attendee_id)
            MeetingService._editable(session, attendee.meeting_id)
            before = snapshot(attendee)
            attendee.status = status
            attendee.apology_reason = clean_short(reason, "Reason")
            session.add(attendee)
            audit.updated(attendee, before, summary="Changed attendance")
        return attendee
