"""The single way panels run slow work (backups, checks, exports) off the GUI thread, with a
window-modal progress dialog.

The work function gets no widgets; its result or exception comes back on the GUI thread. A busy
count says how many tasks are running: locking waits for it to reach zero (``when_idle``), because
disposing the engine and wiping the key under a running backup or export would break it half-way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget


class _Signals(QObject):
    finished = Signal(object, object)  # result, exception


class _BusyCount(QObject):
    idle = Signal()  # the last running task has finished (emitted on the GUI thread)

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

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
    """How many background tasks are running now."""
    return _counter().count


def when_idle(callback: Callable[[], None]) -> None:
    """Call ``callback`` once, on the GUI thread, as soon as no background task is running."""
    counter = _counter()
    if counter.count == 0:
        callback()
        return

    def once() -> None:
        counter.idle.disconnect(once)
        callback()

    counter.idle.connect(once)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.work()
        except BaseException as exc:  # noqa: BLE001 - handed back to the GUI thread
            self.signals.finished.emit(None, exc)
        else:
            self.signals.finished.emit(result, None)


def run_with_progress(parent: QWidget | None, label: str, work: Callable[[], Any]) -> Any:
    """Run ``work`` in the thread pool while a busy progress dialog shows ``label``; re-raise errors."""
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setCancelButton(None)  # SQLCipher exports cannot be interrupted part-way safely
    dialog.setWindowTitle("Please wait")
    dialog.setMinimumDuration(500)
    dialog.setAccessibleName(label)
    # Window-modal: the window that started the task takes no input until it ends (no second
    # backup, no edits under an export); other windows, such as the chair view, carry on.
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    # A first value starts the minimum-duration timer; without one the dialog never appears at all.
    dialog.setValue(0)
    job = _Job(work)
    loop = QEventLoop()
    outcome: dict[str, Any] = {}
    counter = _counter()

    def done(result: Any, exc: BaseException | None) -> None:
        outcome["result"], outcome["exc"] = result, exc
        loop.quit()
        counter.leave()

    job.signals.finished.connect(done)
    counter.count += 1
    QThreadPool.globalInstance().start(job)
    if "exc" not in outcome:
        loop.exec()
    dialog.close()
    if outcome.get("exc") is not None:
        raise outcome["exc"]
    return outcome.get("result")
