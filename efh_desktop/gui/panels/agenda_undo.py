"""Undo and redo for agenda edits (the one undo style: gui/undo.py).

Every structural edit is already saved when it happens; a command keeps the agenda as it was
before and after, and undo/redo put it back through the services (so they are saved and audited
too). Agendas are small, so whole snapshots are simpler and safer than inverse operations.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from efh_desktop.gui.undo import SavedChange

Snapshot = list[dict[str, Any]]


class AgendaSnapshotCommand(SavedChange):
    def __init__(self, text: str, before: Snapshot, after: Snapshot, restore: Callable[[Snapshot, str], None]) -> None:
        super().__init__(text)  # restore redraws the agenda itself
        self._before, self._after, self._restore = before, after, restore

    def revert(self) -> None:
        self._restore(self._before, f"Undo: {self.text()}")

    def reapply(self) -> None:
        self._restore(self._after, f"Redo: {self.text()}")
