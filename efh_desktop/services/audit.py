"""Audit events for every create, change and delete, written in the caller's transaction."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlmodel import Session, SQLModel

from efh_desktop.store.tables import AuditEvent

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
    def __init__(self, session: Session, actor: str) -> None:
        self._session = session
        self._actor = actor

    def _add(self, action: str, obj: SQLModel | None, *, entity: str | None = None, entity_id: int | None = None,
             meeting_id: int | None = None, summary: str = "", changes: dict[str, Any] | None = None) -> None:
        if obj is not None:
            entity = entity or obj.__tablename__  # type: ignore[attr-defined]
            entity_id = entity_id if entity_id is not None else getattr(obj, "id", None)
            if meeting_id is None:
                meeting_id = getattr(obj, "meeting_id", None)
                if meeting_id is None and entity == "meeting":
                    meeting_id = entity_id
        self._session.add(AuditEvent(actor=self._actor, action=action, entity=entity or "", entity_id=entity_id,
                                     meeting_id=meeting_id, summary=summary, changes=changes or {}))

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
