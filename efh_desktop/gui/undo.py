"""The one undo style: a ``SavedChange`` on a QUndoStack.

Every change the user makes is saved (and audited) the moment it happens; only then is a command
pushed. QUndoStack.push calls ``redo()`` at once, which therefore does nothing the first time.
Later, ``undo()`` and ``redo()`` make the change again the other way *through the services*, so an
undo is saved and audited like any other change.

Three stacks use it: the agenda builder's (gui/panels/agenda_undo.py, whole-agenda snapshots), the
minute-taker's records (gui/panels/minutes_undo.py: record, delete) and the action tracker's
(gui/panels/minutes_undo.py: change an action, change its status). A new undoable change is a
subclass with ``revert`` and ``reapply``, pushed right after the service call that saved it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from efh_desktop.domain.text_rules import TextRejected
from efh_desktop.services.context import ServiceError


class SavedChange(QUndoCommand):
    """``refresh`` redraws what shows the change. ``refused``, when given, is told the sentence if
    the services refuse an undo or redo (a meeting finalised meanwhile): the command then leaves the
    stack, as it can no longer be undone. Without it the refusal propagates as before."""

    def __init__(self, text: str, refresh: Callable[[], None] | None = None,
                 refused: Callable[[str], None] | None = None) -> None:
        super().__init__(text)
        self._refresh, self._refused = refresh, refused
        self._pushed = True  # the change itself was saved before the command was pushed

    def revert(self) -> None:
        raise NotImplementedError

    def reapply(self) -> None:
        raise NotImplementedError

    def undo(self) -> None:
        self._run(self.revert)

    def redo(self) -> None:
        if self._pushed:
            self._pushed = False
            return
        self._run(self.reapply)

    def _run(self, step: Callable[[], None]) -> None:
        try:
            step()
        except (ServiceError, TextRejected) as exc:
            if self._refused is None:
                raise
            self.setObsolete(True)
            self._refused(str(exc))
            return
        if self._refresh is not None:
            self._refresh()
