"""Light SQLAlchemy Core views of the few tables the window reads before the ORM is loaded.

Start-up unlocks the store and fills the meetings list (its first page, the count, each listed
meeting's overdue steps) with SQLAlchemy Core alone; SQLModel, pydantic and SQLAlchemy's ORM, and
the thirty table classes built on them, load once the list is on screen (issue 17: they were a
quarter of a second of a small laptop's start-up, before the list could be shown).

These are ``sqlalchemy.table()`` clauses: names and types only, no metadata, no constraints. The
tables themselves are defined once, in store/tables/, and migrated by Alembic from there;
tests/test_core_tables.py holds every column here to the same name and type as the table's own, so a
renamed or retyped column fails a test rather than a user's list.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, Interval, String, TypeDecorator, column, table
from sqlalchemy.types import TypeEngine


class UTCDateTime(TypeDecorator[datetime]):
    """SQLModel's own type for a ``datetime`` field (sqlmodel.sql.sqltypes.UTCDateTime), repeated
    because importing it would import SQLModel: stored as UTC, read back as aware UTC."""

    impl = DateTime
    cache_ok = True

    def __init__(self) -> None:
        super().__init__(timezone=True)

    def coerce_compared_value(self, op: Any, value: Any) -> TypeEngine[Any]:
        # As SQLModel's: a time plus or minus an interval binds the interval as one, not as a time.
        return Interval() if isinstance(value, timedelta) else self

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.utcoffset() is None:
            raise ValueError("A stored time must carry its time zone.")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.utcoffset() is None else value.astimezone(UTC)


meeting = table(
    "meeting",
    column("id", Integer), column("type_key", String), column("title", String),
    column("starts_at", UTCDateTime()), column("status", String), column("locality", String),
    column("series_id", Integer), column("police_operation", String), column("chair_name", String),
    # The distribution clock (domain/distribution.py), for the list's overdue column.
    column("actions_sent_on", Date), column("draft_sent_on", Date), column("accuracy_deadline", Date),
    column("accuracy_non_replies", String), column("finalised_at", UTCDateTime()),
)

filing_entry = table(
    "filing_entry",
    column("meeting_id", Integer), column("destination", String), column("filed", Boolean),
    column("filed_at", UTCDateTime()),
)

action = table("action", column("id", Integer), column("meeting_id", Integer))

meeting_subject = table("meeting_subject", column("meeting_id", Integer), column("subject_id", Integer))

subject = table("subject", column("id", Integer), column("kind", String))

audit_event = table(
    "audit_event",
    column("id", Integer), column("action", String), column("entity", String), column("entity_id", Integer),
    column("meeting_id", Integer), column("changes", JSON),
)

ALL = (meeting, filing_entry, action, meeting_subject, subject, audit_event)
