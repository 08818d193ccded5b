"""Use cases for a meeting's attendance register."""

from __future__ import annotations

import builtins
from dataclasses import dataclass

from sqlalchemy import func, or_
from sqlmodel import col, select

from efh_desktop.domain.practice_rules import name_key
from efh_desktop.domain.text_rules import clean_name, clean_short
from efh_desktop.services.audit import snapshot
from efh_desktop.services.context import AppContext, NotFound, ServiceError
from efh_desktop.services.frozen_rows import AttendeeDetails, frozen, frozen_all
from efh_desktop.services.meeting_guard import editable_meeting
from efh_desktop.services.search_text import matches
from efh_desktop.store.tables import ATTENDANCE_STATUSES, Attendee

ATTENDANCE_LABELS = {
    "invited": "Invited",
    "present": "Present",
    "apologies": "Apologies",
    "sent_information": "Sent information instead",
    "part": "Part attendance",
}


_TEXT = {"role": "Role", "agency": "Agency", "team": "Team", "email": "Email", "apology_reason": "Reason",
         "part_attendance": "Part attendance", "rule_key": "Rule", "role_key": "Role (profile)"}


@dataclass(frozen=True)
class Professional:
    """Someone who has attended before: the directory offered as you type a name."""

    name: str
    role: str
    agency: str
    team: str
    email: str


class AttendanceService:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    def list(self, meeting_id: int) -> builtins.list[AttendeeDetails]:
        with self._ctx.reading() as session:
            return frozen_all(AttendeeDetails, session.exec(select(Attendee).where(Attendee.meeting_id == meeting_id)
                                                            .order_by(col(Attendee.position), col(Attendee.id))))

    def add(self, meeting_id: int, name: str, *, role: str = "", agency: str = "", team: str = "",
            email: str = "", status: str = "invited", apology_reason: str = "", rule_key: str = "") -> Attendee:
        if status not in ATTENDANCE_STATUSES:
            raise ServiceError(f"Unknown attendance: {status}.")
        with self._ctx.transaction() as (session, audit):
            editable_meeting(session, meeting_id)
            # One person, one row: the same name in another Unicode form or with another apostrophe
            # is the same person (a duplicate would be counted, and chased, twice).
            same = [a for a in session.exec(select(Attendee).where(Attendee.meeting_id == meeting_id))
                    if name_key(a.name) == name_key(clean_name(name))]
            if same:
                # Already in the register (the chair and minute-taker are added for you): one row per
                # person, with what this adds filled in, never a second line.
                person = same[0]
                before = snapshot(person)
                for key, value in (("role", role), ("agency", agency), ("team", team), ("email", email),
                                   ("apology_reason", apology_reason), ("rule_key", rule_key)):
                    if value.strip():
                        setattr(person, key, clean_short(value, _TEXT.get(key, key)))
                if status != "invited":
                    person.status = status
                session.add(person)
                audit.updated(person, before, summary="Added details to an attendee")
                return person
            count = session.exec(select(func.count()).select_from(Attendee)
                                 .where(Attendee.meeting_id == meeting_id)).one()
            attendee = Attendee(meeting_id=meeting_id, name=clean_name(name), role=clean_short(role, "Role"),
                                agency=clean_short(agency, "Agency"), team=clean_short(team, "Team"),
                                email=clean_short(email, "Email"), status=status,
                                apology_reason=clean_short(apology_reason, "Reason"),
                                rule_key=clean_short(rule_key, "Rule"), position=count)
            session.add(attendee)
            audit.created(attendee, summary="Added attendee")
        return attendee

    def update(self, attendee_id: int, **fields: str) -> AttendeeDetails:
        with self._ctx.transaction() as (session, audit):
            attendee = session.get(Attendee, attendee_id)
            if attendee is None:
                raise NotFound("attendee", attendee_id)
            editable_meeting(session, attendee.meeting_id)
            before = snapshot(attendee)
            for key, value in fields.items():
                if key == "name":
                    name = clean_name(value)
                    # One person, one row (as ``add`` keeps it): renaming into someone listed is a slip.
                    if any(name_key(a.name) == name_key(name) and a.id != attendee.id for a in session.exec(
                            select(Attendee).where(Attendee.meeting_id == attendee.meeting_id))):
                        raise ServiceError(f"{name} is already in the attendance register.")
                    attendee.name = name
                elif key == "status":
                    if value not in ATTENDANCE_STATUSES:
                        raise ServiceError(f"Unknown attendance: {value}.")
                    attendee.status = value
                elif key == "role_key":
                    if value and value not in dict(self._ctx.profile.attendee_role_choices()):
                        raise ServiceError(f"The practice profile has no attendee role {value!r}.")
                    attendee.role_key = value or ""
                elif key in _TEXT:
                    setattr(attendee, key, clean_short(value, _TEXT[key]))
                else:
                    raise ServiceError(f"Attendees have no field called {key}.")
            session.add(attendee)
            audit.updated(attendee, before, summary="Changed attendee")
        return frozen(AttendeeDetails, attendee)

    def remove(self, attendee_id: int) -> None:
        with self._ctx.transaction() as (session, audit):
            attendee = session.get(Attendee, attendee_id)
            if attendee is None:
                raise NotFound("attendee", attendee_id)
            editable_meeting(session, attendee.meeting_id)
            audit.deleted(attendee, summary="Removed attendee")
            session.delete(attendee)

    def directory(self, text: str = "", limit: int = 50) -> builtins.list[Professional]:
        """Professionals from earlier meetings, most recently seen first, one entry per name and agency."""
        query = select(Attendee.name, Attendee.role, Attendee.agency, Attendee.team, Attendee.email)  # type: ignore[call-overload]  # sqlmodel types select() up to four columns
        needle = text.strip()
        if needle:
            query = query.where(or_(matches(Attendee.name, needle), matches(Attendee.agency, needle),
                                    matches(Attendee.role, needle)))
        query = query.order_by(col(Attendee.id).desc())
        seen: dict[tuple[str, str], Professional] = {}
        with self._ctx.reading() as session:
            for row in session.exec(query.limit(limit * 20)):
                key = (row[0].casefold(), row[2].casefold())
                if key not in seen:
                    seen[key] = Professional(*row)
                if len(seen) >= limit:
                    break
        return list(seen.values())

    def set_status(self, attendee_id: int, status: str, reason: str = "") -> AttendeeDetails:
        if status not in ATTENDANCE_STATUSES:
            raise ServiceError(f"Unknown attendance: {status}.")
        with self._ctx.transaction() as (session, audit):
            attendee = session.get(Attendee, attendee_id)
            if attendee is None:
                raise NotFound("attendee", attendee_id)
            editable_meeting(session, attendee.meeting_id)
            before = snapshot(attendee)
            attendee.status = status
            attendee.apology_reason = clean_short(reason, "Reason")
            session.add(attendee)
            audit.updated(attendee, before, summary="Changed attendance")
        return frozen(AttendeeDetails, attendee)
