"""Undo and redo for agenda edits.

Every structural edit is already saved when it happens; a command keeps the agenda as it was
before and after, and undo/redo put it back through the services (so they are saved and audited
too). Agendas are small, so whole snapshots are simpler and safer than inverse operations.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

Snapshot = list[dict[str, Any]]


class AgendaSnapshotCommand(QUndoCommand):
    def __init__(self, text: str, before: Snapshot, after: Snapshot, restore: Callable[[Snapshot, str], None]) -> None:
        super().__init__(text)
        self._before, self._after, self._restore = before, after, restore
        self._done = True  # the edit itself has already happened when the command is pushed

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._restore(self._after, f"Redo: {self.text()}")

    def undo(self) -> None:
        self._restore(self._before, f"Undo: {self.text()}")
