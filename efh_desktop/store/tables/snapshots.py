"""What finalised minutes froze: each subject of a meeting as it stood when the minutes were
finalised, so renaming a child, or changing their legal status or aliases, later never changes what
a finalised meeting's minutes say (a correction is an amendment)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel


class SubjectSnapshot(SQLModel, table=True):
    __tablename__ = "subject_snapshot"

    meeting_id: int = Field(foreign_key="meeting.id", primary_key=True, ondelete="CASCADE")
    # No foreign key: the snapshot outlives anything later done to the subject row.
    subject_id: int = Field(primary_key=True)
    position: int = 0
    reason: str = ""
    # Every column of the subject row, as the audit trail records values (dates as ISO text).
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
