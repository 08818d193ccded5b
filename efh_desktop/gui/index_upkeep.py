"""The search indexes' housekeeping (services/search_upkeep.py), run while the window is idle: one
short step at a time off the GUI thread, a pause between steps, started a little after the window
is up and ended when nothing is left to merge. A save made meanwhile waits at most one step.

It belongs to the session's view, so locking stops its timer with the view's others, and locking
waits for a step under way (BackgroundOp's busy count) before the engine goes."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from efh_desktop.gui.background import BackgroundOp

log = logging.getLogger(__name__)

START_AFTER_MS = 2000  # the user's first minute belongs to them: the first step waits a little
PAUSE_MS = 150  # between steps: the window and the user's saves come first


class IndexUpkeep(QObject):
    def __init__(self, parent: QWidget, step: Callable[[], bool]) -> None:
        super().__init__(parent)
        self._view = parent
        self._step = step
        self.running = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._run_one)

    def start(self, after_ms: int = START_AFTER_MS) -> None:
        if self.running:
            return
        self.running = True
        self._timer.start(after_ms)

    def _run_one(self) -> None:
        step = self._step
        BackgroundOp(self._view, lambda _token: step()).success(self._done).failure(self._failed).run_in_background()

    def _done(self, more: bool) -> None:
        if more and self.running:
            self._timer.start(PAUSE_MS)
        else:
            self.running = False

    def _failed(self, exc: BaseException) -> None:
        # Housekeeping only: a search still finds everything with the index as it is. The class
        # name alone goes to the log (an error's text can quote the database).
        log.info("search index upkeep stopped: %s", exc.__class__.__name__)
        self.running = False
