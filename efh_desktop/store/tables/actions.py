"""Actions agreed at meetings, and the subjects each concerns (the tracker, carried actions and the
meetings list's overdue steps read these)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from efh_desktop.store.tables.base import utcnow

ACTION_STATUSES = ("open", "done", "not_done")


class Action(SQLModel, table=True):
    """An action agreed at a meeting. ``origin_action_id`` points at the first meeting's action when
    an open action is carried into the next meeting, so its history runs across the series."""

    __tablename__ = "action"
    # The tracker pages through actions overdue first by this index (services/action_tracker.py).
    __table_args__ = (Index("ix_action_status_due_date", "status", "due_date"),)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    agenda_item_id: int | None = Field(default=None, foreign_key="agenda_item.id", index=True,
                                       ondelete="SET NULL")
    origin_action_id: int | None = Field(default=None, foreign_key="action.id", index=True,
                                         ondelete="SET NULL")
    description: str
    owner: str = ""
    agency: str = Field(default="", index=True)
    due_date: date | None = Field(default=None, index=True)
    category: str = ""  # disruption tactic key, where one applies
    status: str = Field(default="open", index=True, max_length=32)
    not_done_reason: str = ""
    completion_note: str = ""
    # An intervention's impact, recorded when it is closed: what changed, a rating on the profile's
    # impact scale (its key), and the evidence for it.
    outcome: str = Field(default="", sa_column_kwargs={"server_default": ""})
    outcome_rating: str = Field(default="", max_length=64, sa_column_kwargs={"server_default": ""})
    outcome_evidence: str = Field(default="", sa_column_kwargs={"server_default": ""})
    completed_at: datetime | None = None
    author: str = ""
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class ActionSubject(SQLModel, table=True):
    __tablename__ = "action_subject"

    action_id: int = Field(foreign_key="action.id", primary_key=True, ondelete="CASCADE")
    subject_id: int = Field(foreign_key="subject.id", primary_key=True, index=True, ondelete="RESTRICT")
