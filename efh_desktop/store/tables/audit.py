"""The audit trail: one row per create, change, delete or export, written in the same transaction
as the change itself so the two can never disagree."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from efh_desktop.store.tables.base import utcnow


class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor: str
    action: str = Field(max_length=32)  # create | update | delete | export | backup | finalise ...
    entity: str = Field(max_length=64)
    entity_id: int | None = None
    meeting_id: int | None = Field(default=None, index=True)
    summary: str = ""
    changes: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # The hash chain (store/audit_chain.py): the previous event's hash and this one's.
    prev_hash: str = Field(default="", max_length=64)
    event_hash: str = Field(default="", max_length=64)
