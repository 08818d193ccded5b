"""The single way the window runs slow work (backups, checks, exports, meeting files) off the GUI
thread: ``BackgroundOp``, after Anki's CollectionOp.

    BackgroundOp(self, lambda token: services.backup(path)) \\
        .success(show_counts).failure(show_problem) \\
        .with_progress("Writing and checking the backup…") \\
        .run_in_background()

- The work runs on the shared pool (efh_desktop/background_work.py) and gets only a CancelToken:
  it must not touch a widget. Everything it needs is captured before it starts.
- ``success(result)`` / ``failure(exception)`` / ``on_cancelled()`` run later on the GUI thread,
  from the event loop: the caller returns at once, and no nested event loop runs inside it.
- ``with_progress`` shows a window-modal progress dialog once the work has taken half a second;
  ``cancellable=True`` gives it a Cancel button that sets the token (cooperative: the work stops at
  its next ``token.check()`` / ``token.progress()``).
- A busy count says how many operations are running. Locking and closing wait for it to reach
  zero (``when_idle``): disposing the engine and wiping the key under a running backup or export
  would break it half-way.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from efh_desktop.background_work import CancelToken, OperationCancelled, submit
from efh_desktop.error_text import user_message
from efh_desktop.gui import message_box

__all__ = ["BackgroundOp", "CancelToken", "OperationCancelled", "busy_count", "task_finished", "task_started",
           "when_idle"]

log = logging.getLogger(__name__)
T = TypeVar("T")

# How long an operation runs before its progress dialog appears (QProgressDialog's minimum duration).
PROGRESS_DELAY_MS = 500


class _BusyCount(QObject):
    idle = Signal()  # the last running operation has finished (emitted on the GUI thread)

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def enter(self) -> None:
        self.count += 1

    def leave(self) -> None:
        self.count -= 1
        if self.count == 0:
            self.idle.emit()


_busy: _BusyCount | None = None


def _counter() -> _BusyCount:
    global _busy
    if _busy is None:
        _busy = _BusyCount()
    return _busy


def busy_count() -> int:
    """How many background operations are running now."""
    return _counter().count


def task_started() -> None:
    """Count one more running operation started elsewhere (the record writer, gui/record_writer.py)."""
    _counter().enter()


def task_finished() -> None:
    """It has finished and its outcome has been delivered (on the GUI thread)."""
    _counter().leave()


def when_idle(callback: Callable[[], None]) -> None:
    """Call ``callback`` once on the GUI thread when no operation is running: at once if none is,
    otherwise from the event loop after the last one's callbacks have run (so a caller first takes
    its result back and shows it, exactly as if the user had acted just afterwards)."""
    counter = _counter()
    if counter.count == 0:
        callback()
        return

    def once() -> None:
        counter.idle.disconnect(once)
        QTimer.singleShot(0, callback)

    counter.idle.connect(once)


def in_turns(steps: list[Callable[[], object]], owner: QObject, then: Callable[[], None] | None = None) -> None:
    """Run ``steps`` on the GUI thread one per turn of the event loop, then ``then``: slow start-up
    work (services/preload.py) that a key pressed or a paint meanwhile need wait for one step of,
    not for the whole of. The turns stop if ``owner`` is deleted first (a window closed at once)."""
    remaining = list(steps)

    def next_step() -> None:
        if remaining:
            remaining.pop(0)()
            if shiboken6.isValid(owner):
                QTimer.singleShot(0, owner, next_step)
        elif then is not None:
            then()

    QTimer.singleShot(0, owner, next_step)


class _Relay(QObject):
    """Lives on the GUI thread; what a worker thread emits arrives at its slots queued, from the
    event loop (even when the work had already finished by the time it was started)."""

    finished = Signal(object)  # the Future
    progressed = Signal(int, int)

    def __init__(self, op: BackgroundOp) -> None:  # type: ignore[type-arg]
        super().__init__()
        self.op = op
        queued = Qt.ConnectionType.QueuedConnection
        self.finished.connect(self._deliver_finished, queued)
        self.progressed.connect(self._deliver_progress, queued)

    @Slot(object)
    def _deliver_finished(self, future: Future) -> None:  # type: ignore[type-arg]
        self.op._finished(future)

    @Slot(int, int)
    def _deliver_progress(self, done: int, total: int) -> None:
        self.op._progressed(done, total)


class _ProgressDialog(QProgressDialog):
    def __init__(self, label: str, parent: QWidget | None, cancellable: bool) -> None:
        super().__init__(label, "&Cancel" if cancellable else "", 0, 0, parent)
        self.cancellable = cancellable
        if not cancellable:
            self.setCancelButton(None)  # an SQLCipher export cannot be interrupted part-way safely
        self.setWindowTitle("Please wait")
        self.setMinimumDuration(PROGRESS_DELAY_MS)
        self.setAccessibleName(label)
        self.setAutoReset(False)
        self.setAutoClose(False)
        # Window-modal: the window that started the task takes no input until it ends (no second
        # backup, no edits under an export); other windows, such as the chair view, carry on.
        self.setWindowModality(Qt.WindowModality.WindowModal)
        # A first value starts the minimum-duration timer; without one the dialog never appears.
        self.setValue(0)

    def reject(self) -> None:  # Escape: only an operation that can stop safely is cancelled
        if self.cancellable:
            self.canceled.emit()  # as the Cancel button does (QProgressDialog then hides itself)


# Operations in flight: a Python reference keeps each alive until its callbacks have run.
_running: set[BackgroundOp] = set()  # type: ignore[type-arg]


class BackgroundOp(Generic[T]):
    """Slow work off the GUI thread with its outcome delivered back on it (see the module text)."""

    def __init__(self, parent: QWidget | None, work: Callable[[CancelToken], T]) -> None:
        self._parent = parent
        self._work = work
        self._on_success: Callable[[T], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._on_cancelled: Callable[[], None] | None = None
        self._label: str | None = None
        self._cancellable = False
        self._dialog: _ProgressDialog | None = None
        self._relay: _Relay | None = None
        self.token: CancelToken | None = None

    def success(self, callback: Callable[[T], None]) -> BackgroundOp[T]:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> BackgroundOp[T]:
        """Without one, a failure is shown as one sentence in a warning box."""
        self._on_failure = callback
        return self

    def on_cancelled(self, callback: Callable[[], None]) -> BackgroundOp[T]:
        """When the work stopped because the user cancelled (OperationCancelled); without one,
        nothing more is said: the user pressed the button."""
        self._on_cancelled = callback
        return self

    def with_progress(self, label: str, *, cancellable: bool = False) -> BackgroundOp[T]:
        self._label, self._cancellable = label, cancellable
        return self

    def run_in_background(self) -> None:
        relay = self._relay = _Relay(self)
        self.token = CancelToken(on_progress=relay.progressed.emit)
        if self._label is not None:
            self._dialog = _ProgressDialog(self._label, self._parent, self._cancellable)
            self._dialog.canceled.connect(self.token.cancel)
        _running.add(self)
        _counter().enter()
        try:
            future = submit(self._work, self.token)
        except BaseException:  # the pool refused (the program is shutting down): nothing is running
            _running.discard(self)
            _counter().leave()
            if self._dialog is not None:
                self._dialog.close()
            raise
        # Runs on the worker thread (or here, if already done): only a queued signal crosses over.
        future.add_done_callback(relay.finished.emit)

    # -- on the GUI thread ------------------------------------------------------------------------
    def _progressed(self, done: int, total: int) -> None:
        if self._dialog is not None and shiboken6.isValid(self._dialog) and not self._dialog.wasCanceled():
            self._dialog.setMaximum(total)
            self._dialog.setValue(done)

    def _finished(self, future: Future[T]) -> None:
        _running.discard(self)
        if self._dialog is not None and shiboken6.isValid(self._dialog):  # gone if its window went
            self._dialog.close()
            self._dialog.deleteLater()
        self._dialog = None
        # The store is free again before anyone is told: a lock asked for meanwhile is queued now
        # and runs from the event loop, after these callbacks.
        _counter().leave()
        if self._parent is not None and not shiboken6.isValid(self._parent):
            log.info("a background operation finished after its window had gone")
            return
        exc = future.exception()
        if exc is None:
            if self._on_success is not None:
                self._on_success(future.result())
        elif isinstance(exc, OperationCancelled):
            if self._on_cancelled is not None:
                self._on_cancelled()
        elif self._on_failure is not None:
            self._on_failure(exc)
        else:
            message_box.warning(self._parent, "Not done", user_message(exc))
