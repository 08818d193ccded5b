"""The chair and the minute-taker are in the register without anyone typing them twice.

Called inside the meeting service's own transaction whenever a meeting is created or its chair or
minute-taker is named: each is added once (matched by name, ignoring case, spacing, Unicode form and
apostrophe), marked present with the role they hold at this meeting. Someone already in the register is left as the user recorded them.
"""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from efh_desktop.domain.practice_rules import name_key
from efh_desktop.domain.profile import PracticeProfile
from efh_desktop.services.audit import Audit
from efh_desktop.store.tables import Attendee, Meeting

CHAIR_ROLE = "Chair"
MINUTE_TAKER_ROLE = "Minute-taker"


def officers(meeting: Meeting, profile: PracticeProfile) -> list[tuple[str, str]]:
    """(name, role) for the chair and minute-taker the meeting names, chair first."""
    found: list[tuple[str, str]] = []
    if meeting.chair_name.strip():
        role = CHAIR_ROLE + (f" ({profile.role_label(meeting.chair_role)})" if meeting.chair_role else "")
        found.append((meeting.chair_name.strip(), role))
    if meeting.minute_taker.strip():
        found.append((meeting.minute_taker.strip(), MINUTE_TAKER_ROLE))
    return found


def add_officers(session: Session, audit: Audit, meeting: Meeting, profile: PracticeProfile) -> list[Attendee]:
    """Add the chair and minute-taker to the register when they are not in it yet."""
    if meeting.id is None:
        return []
    present = {name_key(name) for name in session.exec(select(Attendee.name).where(Attendee.meeting_id == meeting.id))}
    count = session.exec(select(func.count()).select_from(Attendee).where(Attendee.meeting_id == meeting.id)).one()
    added: list[Attendee] = []
    for name, role in officers(meeting, profile):
        if name_key(name) in present:
            continue
        attendee = Attendee(meeting_id=meeting.id, name=name, role=role, status="present", position=count)
        count += 1
        present.add(name_key(name))
        session.add(attendee)
        audit.created(attendee, summary=f"Added the {role.split(' (')[0].lower()} to the register")
        added.append(attendee)
    return added
