"""The single way panels run slow work (backups, checks) off the GUI thread, with a progress dialog.

The work function gets no widgets; its result or exception comes back on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget


class _Signals(QObject):
    finished = Signal(object, object)  # result, exception


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
    job = _Job(work)
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def done(result: Any, exc: BaseException | None) -> None:
        outcome["result"], outcome["exc"] = result, exc
        loop.quit()

    job.signals.finished.connect(done)
    QThreadPool.globalInstance().start(job)
    if "exc" not in outcome:
        loop.exec()
    dialog.close()
    if outcome.get("exc") is not None:
        raise outcome["exc"]
    return outcome.get("result")
