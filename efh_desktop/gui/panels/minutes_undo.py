"""Undo and redo for the minute-taker: recording, changing and deleting notes, decisions and
actions. Each step is already saved; undo and redo go through the services, so they are saved
and audited too."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from efh_desktop.services.minutes_service import MinutesService


class RecordedCommand(QUndoCommand):
    """A record that has just been saved: undo deletes it, redo puts it back with the same id."""

    def __init__(self, minutes: MinutesService, kind: str, record_id: int, refresh: Callable[[], None]) -> None:
        super().__init__(f"record {kind}")
        self._minutes, self._kind, self._id, self._refresh = minutes, kind, record_id, refresh
        self._saved: dict[str, Any] | None = None
        self._first = True

    def undo(self) -> None:
        self._saved = self._minutes.delete(self._kind, self._id)
        self._refresh()

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._minutes.restore(self._saved)
        self._refresh()


class DeletedCommand(QUndoCommand):
    def __init__(self, minutes: MinutesService, saved: dict[str, Any], refresh: Callable[[], None]) -> None:
        super().__init__(f"delete {saved['kind']}")
        self._minutes, self._saved, self._refresh = minutes, saved, refresh
        self._first = True

    def undo(self) -> None:
        self._minutes.restore(self._saved)
        self._refresh()

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._saved = self._minutes.delete(self._saved["kind"], self._saved["row"]["id"])
        self._refresh()


class ChangedCommand(QUndoCommand):
    """An edit: ``before`` and ``after`` are the changed fields (and subject tags) of one record."""

    def __init__(self, minutes: MinutesService, kind: str, record_id: int, before: dict[str, Any],
                 after: dict[str, Any], refresh: Callable[[], None]) -> None:
        super().__init__(f"change {kind}")
        self._minutes, self._kind, self._id = minutes, kind, record_id
        self._before, self._after, self._refresh = before, after, refresh
        self._first = True

    def undo(self) -> None:
        self._minutes.update(self._kind, self._id, **self._before)
        self._refresh()

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._minutes.update(self._kind, self._id, **self._after)
        self._refresh()
