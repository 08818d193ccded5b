"""Meetings, the series they belong to, who attends, the agenda and the subjects discussed.

All datetimes are stored as UTC and shown in UK time (Europe/London), so a meeting set for 10am
in June stays at 10am whatever the clocks do.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from efh_desktop.store.tables.base import utcnow

MEETING_STATUSES = ("planned", "in_progress", "ended", "finalised", "cancelled")
ATTENDANCE_STATUSES = ("invited", "present", "apologies", "sent_information", "part")


class MeetingSeries(SQLModel, table=True):
    __tablename__ = "meeting_series"

    id: int | None = Field(default=None, primary_key=True)
    title: str
    type_key: str = Field(max_length=64)
    locality: str = ""
    police_operation: str = ""
    created_at: datetime = Field(default_factory=utcnow)


class Meeting(SQLModel, table=True):
    __tablename__ = "meeting"

    id: int | None = Field(default=None, primary_key=True)
    # Stable identity across laptops (meeting interchange): the same meeting imported twice is one.
    uid: str = Field(default_factory=lambda: uuid.uuid4().hex, max_length=32, unique=True, index=True)
    series_id: int | None = Field(default=None, foreign_key="meeting_series.id", index=True,
                                  ondelete="SET NULL")
    previous_meeting_id: int | None = Field(default=None, foreign_key="meeting.id", ondelete="SET NULL")
    type_key: str = Field(index=True, max_length=64)
    title: str = ""
    starts_at: datetime = Field(index=True)
    ends_at: datetime | None = None
    venue: str = ""
    online_link: str = ""
    locality: str = Field(default="", index=True)
    lead_authority: str = ""
    chair_name: str = ""
    chair_role: str = ""  # key into the profile's roles
    minute_taker: str = ""
    status: str = Field(default="planned", index=True, max_length=32)
    police_operation: str = ""
    officer_in_charge: str = ""
    concerns: str = ""  # comma-separated concern-type keys from the profile
    cross_boundary: bool = False  # harm crosses local authority or police force boundaries
    actual_start: datetime | None = None
    actual_end: datetime | None = None
    next_meeting_date: date | None = None
    next_meeting_reason: str = ""
    finalised_by: str = ""
    finalised_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    # Where harm crosses boundaries: which area leads, and who decided (Safer Options Manager and DSM).
    lead_area: str = Field(default="", sa_column_kwargs={"server_default": ""})
    lead_area_decided_by: str = Field(default="", sa_column_kwargs={"server_default": ""})
    # The distribution clock (domain/distribution.py); finalised_at and the filing list complete it.
    actions_sent_on: date | None = None
    draft_sent_on: date | None = None
    accuracy_deadline: date | None = None
    accuracy_non_replies: str = Field(default="", sa_column_kwargs={"server_default": ""})


class MeetingSubject(SQLModel, table=True):
    """A subject discussed at a meeting, with the reason it is on the agenda."""

    __tablename__ = "meeting_subject"

    meeting_id: int = Field(foreign_key="meeting.id", primary_key=True, ondelete="CASCADE")
    subject_id: int = Field(foreign_key="subject.id", primary_key=True, index=True, ondelete="RESTRICT")
    reason: str = ""
    position: int = 0
    # For a child already in another individual planning process (allowed with a YOT order): how
    # the meetings are arranged, chaired and structured, as agreed.
    planning_agreement: str = ""
    # How a child came to a Safer Options meeting: "ehm_referral" (from First Response), "other" or
    # "" (not recorded). Decides where their copy of the minutes is filed.
    came_through: str = Field(default="", sa_column_kwargs={"server_default": ""})


class Attendee(SQLModel, table=True):
    __tablename__ = "attendee"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    name: str
    role: str = ""
    agency: str = ""
    team: str = ""
    email: str = ""
    status: str = Field(default="invited", max_length=32)
    apology_reason: str = ""
    part_attendance: str = ""  # e.g. "left at 11am"
    rule_key: str = ""  # the profile's required-attendee rule this person covers, when the chair says so
    role_key: str = Field(default="", sa_column_kwargs={"server_default": ""})  # role from the profile's list
    position: int = 0


class AgendaItem(SQLModel, table=True):
    __tablename__ = "agenda_item"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    parent_id: int | None = Field(default=None, foreign_key="agenda_item.id", ondelete="CASCADE")
    position: int = 0
    template_key: str = ""  # the profile's agenda item this came from, if any
    title: str
    subject_id: int | None = Field(default=None, foreign_key="subject.id", ondelete="SET NULL")
    planned_minutes: int = 0
    actual_start: datetime | None = None
    actual_end: datetime | None = None


class MeetingNotification(SQLModel, table=True):
    """Who was informed of a meeting (for example the Safer Options Manager), by whom and when."""

    __tablename__ = "meeting_notification"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    rule_key: str = ""
    recipient: str
    informed_by: str = ""
    informed_at: datetime | None = None


class AgendaTemplate(SQLModel, table=True):
    """An agenda saved by a chair as a new template for a meeting type (items as nested JSON)."""

    __tablename__ = "agenda_template"

    id: int | None = Field(default=None, primary_key=True)
    type_key: str = Field(index=True, max_length=64)
    name: str
    items: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_by: str = ""
    created_at: datetime = Field(default_factory=utcnow)
