"""Undo and redo for the minutes (the one undo style: gui/undo.py): recording and deleting notes,
decisions and actions (the minute-taker's stack in the live panel), and changing an action or its
status (the action tracker's stack). Each step is already saved; undo and redo go through the
services, so they are saved and audited too."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from efh_desktop.gui.undo import SavedChange
from efh_desktop.services.minutes_service import MinutesService


class RecordedCommand(SavedChange):
    """A record that has just been saved: undo deletes it, redo puts it back with the same id."""

    def __init__(self, minutes: MinutesService, kind: str, record_id: int, refresh: Callable[[], None]) -> None:
        super().__init__(f"record {kind}", refresh)
        self._minutes, self._kind, self._id = minutes, kind, record_id
        self._saved: dict[str, Any] | None = None

    def revert(self) -> None:
        self._saved = self._minutes.delete(self._kind, self._id)

    def reapply(self) -> None:
        self._minutes.restore(self._saved)


class DeletedCommand(SavedChange):
    def __init__(self, minutes: MinutesService, saved: dict[str, Any], refresh: Callable[[], None]) -> None:
        super().__init__(f"delete {saved['kind']}", refresh)
        self._minutes, self._saved = minutes, saved

    def revert(self) -> None:
        self._minutes.restore(self._saved)

    def reapply(self) -> None:
        self._saved = self._minutes.delete(self._saved["kind"], self._saved["row"]["id"])


class ChangedCommand(SavedChange):
    """An edit: ``before`` and ``after`` are the changed fields (and subject tags) of one record."""

    def __init__(self, minutes: MinutesService, kind: str, record_id: int, before: dict[str, Any],
                 after: dict[str, Any], refresh: Callable[[], None],
                 refused: Callable[[str], None] | None = None) -> None:
        super().__init__(f"change {kind}", refresh, refused)
        self._minutes, self._kind, self._id = minutes, kind, record_id
        self._before, self._after = before, after

    def revert(self) -> None:
        self._minutes.update(self._kind, self._id, **self._before)

    def reapply(self) -> None:
        self._minutes.update(self._kind, self._id, **self._after)


class ActionStatusCommand(SavedChange):
    """Done, not done (with its reason) or open again: ``before`` and ``after`` are (status, reason)."""

    def __init__(self, minutes: MinutesService, action_id: int, before: tuple[str, str], after: tuple[str, str],
                 refresh: Callable[[], None], refused: Callable[[str], None] | None = None) -> None:
        label = {"done": "mark done", "not_done": "mark not done", "open": "open again"}.get(after[0], "change status")
        super().__init__(label, refresh, refused)
        self._minutes, self._id, self._before, self._after = minutes, action_id, before, after

    def revert(self) -> None:
        self._minutes.set_action_status(self._id, self._before[0], reason=self._before[1])

    def reapply(self) -> None:
        self._minutes.set_action_status(self._id, self._after[0], reason=self._after[1])
