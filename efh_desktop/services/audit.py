"""Audit events for every create, change and delete, written in the caller's transaction.

Each event is chained to the one before it (store/audit_chain.py). The previous hash is read once
per transaction; write transactions begin IMMEDIATE, so no other process can add an event between
that read and this transaction's commit.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, SQLModel

from efh_desktop.store import audit_chain
from efh_desktop.store.tables import AuditEvent, utcnow

_SKIP = {"created_at", "updated_at"}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def snapshot(obj: SQLModel) -> dict[str, Any]:
    return {k: _plain(v) for k, v in obj.model_dump().items() if k not in _SKIP}


class Audit:
    def __init__(self, session: Session, actor: str, now: Callable[[], datetime] = utcnow) -> None:
        self._session = session
        self._actor = actor
        self._now = now  # the context's clock (AppContext.clock.now): tests set the time there
        self._last_hash: str | None = None  # the chain's end, once read in this transaction

    def _add(self, action: str, obj: SQLModel | None, *, entity: str | None = None, entity_id: int | None = None,
             meeting_id: int | None = None, summary: str = "", changes: dict[str, Any] | None = None) -> None:
        if obj is not None:
            entity = entity or str(obj.__tablename__)
            entity_id = entity_id if entity_id is not None else getattr(obj, "id", None)
            if meeting_id is None:
                meeting_id = getattr(obj, "meeting_id", None)
                if meeting_id is None and entity == "meeting":
                    meeting_id = entity_id
        changes = audit_chain.normalised(changes or {})
        if self._last_hash is None:
            row = self._session.execute(text("SELECT event_hash FROM audit_event ORDER BY id DESC LIMIT 1")).first()
            self._last_hash = row[0] if row else audit_chain.GENESIS
        at = self._now()
        own = audit_chain.event_hash(self._last_hash, audit_chain.stored_time(at), self._actor, action, entity or "",
                                     entity_id, meeting_id, summary, changes)
        self._session.add(AuditEvent(at=at, actor=self._actor, action=action, entity=entity or "", entity_id=entity_id,
                                     meeting_id=meeting_id, summary=summary, changes=changes,
                                     prev_hash=self._last_hash, event_hash=own))
        self._last_hash = own

    def created(self, obj: SQLModel, summary: str = "") -> None:
        self._session.flush()  # so the new row has its id
        self._add("create", obj, summary=summary, changes=snapshot(obj))

    def updated(self, obj: SQLModel, before: dict[str, Any], summary: str = "") -> dict[str, Any]:
        after = snapshot(obj)
        diff = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
        if diff:
            self._add("update", obj, summary=summary, changes=diff)
        return diff

    def deleted(self, obj: SQLModel, summary: str = "") -> None:
        self._add("delete", obj, summary=summary, changes=snapshot(obj))

    def event(self, action: str, entity: str, entity_id: int | None = None, *, meeting_id: int | None = None,
              summary: str = "", changes: dict[str, Any] | None = None) -> None:
        """Anything that is not a row change: an export, a backup, a lock, a passphrase change."""
        self._add(action, None, entity=entity, entity_id=entity_id, meeting_id=meeting_id,
                  summary=summary, changes=changes)
