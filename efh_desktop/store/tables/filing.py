"""The copies of the minutes to be filed on each child's record (LCS/EHM)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel


class FilingEntry(SQLModel, table=True):
    """A copy of the minutes to be filed on a child's record (LCS/EHM), ticked when uploaded."""

    __tablename__ = "filing_entry"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    subject_id: int = Field(foreign_key="subject.id", ondelete="RESTRICT")
    destination: str = ""  # "LCS Strategy form", "EHM General Notes (Safer Options casenote)", …
    file_name: str = ""
    filed: bool = False
    filed_by: str = ""
    filed_at: datetime | None = None
