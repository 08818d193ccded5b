"""The one writer thread for what the minute-taker records (issue 17: keystroke to screen).

A note, decision or action is shown in the live list the moment Enter is pressed, marked
"saving…"; its commit (a synced SQLCipher transaction, tens of milliseconds and on a busy laptop
hundreds) runs here, off the GUI thread, and the row says "saved" only when the commit has
returned. So the durability rule holds: nothing is ever shown as saved before it is on disk, and a
kill in between loses only what the interface never called saved.

- **After the paint.** A job starts at the next turn of the event loop, once the row shown for it
  has been painted; it counts as pending (and busy) from the moment it is submitted.
- **One thread, in order.** Every job goes to the same single worker thread, so records reach the
  database in the order they were typed (and a record's draft is cleared after the record).
- **Outcomes on the GUI thread.** ``saved(result)`` or ``failed(exception)`` run later from the
  event loop (a queued signal), never on the worker; the work itself must not touch a widget.
- **The busy count.** Each job counts as a running background operation (gui/background.py) from
  submit until its outcome has been delivered, so locking and closing wait for pending writes.
- **``wait()``** blocks until every job submitted so far has finished and delivers their outcomes
  at once: anything that reads or changes the records (undo, delete, edit, another item, another
  meeting, a draft save) calls it first, so it never sees a list with rows still saving.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from efh_desktop.gui import background

log = logging.getLogger(__name__)
_pool: ThreadPoolExecutor | None = None
_pool_guard = threading.Lock()


def _executor() -> ThreadPoolExecutor:
    global _pool
    with _pool_guard:
        if _pool is None:
            # One worker: one writer, writes in the order they were submitted.
            _pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="efh-writer")
        return _pool


class WriteJob:
    """One submitted write and what to do with its outcome (on the GUI thread)."""

    def __init__(self, writer: RecordWriter, work: Callable[[], Any], on_saved: Callable[[Any], None],
                 on_failed: Callable[[BaseException], None]) -> None:
        self.writer = writer
        self.work, self.on_saved, self.on_failed = work, on_saved, on_failed
        self.future: Future[Any] | None = None
        self.delivered = False


class _Relay(QObject):
    """Lives on the GUI thread for the whole program (so an outcome is delivered, and the busy count
    given back, even if the form that asked has gone); the worker thread emits, and the job's
    outcome arrives here queued, from the event loop."""

    finished = Signal(object)  # a WriteJob

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _deliver(self, job: WriteJob) -> None:
        job.writer._deliver(job)


_relay: _Relay | None = None


def _the_relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = _Relay()
    return _relay


class RecordWriter:
    """Runs writes one at a time on the writer thread; delivers each outcome on the GUI thread to
    its ``owner`` widget's callbacks (none are called once that widget has been deleted)."""

    def __init__(self, owner: QObject) -> None:
        self._owner = owner
        self._jobs: list[WriteJob] = []
        self._relay = _the_relay()

    def submit(self, work: Callable[[], Any], on_saved: Callable[[Any], None],
               on_failed: Callable[[BaseException], None]) -> WriteJob:
        """Queue ``work``; it starts on the writer thread at the next turn of the event loop, after
        the row just added has been painted (a commit started at once would compete with that paint
        for the interpreter: the GUI thread's Python calls wait for the writer's). It counts as
        running, for the busy count, from now."""
        job = WriteJob(self, work, on_saved, on_failed)
        self._jobs.append(job)
        background.task_started()
        QTimer.singleShot(0, self._relay, self._start)
        return job

    def _start(self) -> None:
        """Hand every queued job to the writer thread, in the order submitted."""
        for job in self._jobs:
            if job.future is None:
                try:
                    future = _executor().submit(job.work)
                except BaseException as exc:  # noqa: BLE001 - the pool refused (shutting down): say so
                    future = Future()
                    future.set_exception(exc)
                job.future = future
                future.add_done_callback(lambda _future, job=job: self._relay.finished.emit(job))

    def pending(self) -> int:
        """Writes submitted whose outcome has not been delivered yet."""
        return len(self._jobs)

    def wait(self) -> None:
        """Block until every write submitted so far has finished; deliver the outcomes now."""
        self._start()
        while self._jobs:
            job = self._jobs[0]
            if job.future is None:  # submitted by a callback delivered just now
                self._start()
            assert job.future is not None
            try:
                job.future.result()
            except BaseException:  # noqa: BLE001 - delivered to on_failed below
                pass
            self._deliver(job)

    def _deliver(self, job: WriteJob) -> None:
        if job.delivered:  # already delivered by wait()
            return
        job.delivered = True
        if job in self._jobs:
            self._jobs.remove(job)
        assert job.future is not None
        # The store is free again before anyone is told (as BackgroundOp does): a lock asked for
        # meanwhile runs from the event loop after these callbacks.
        background.task_finished()
        if not shiboken6.isValid(self._owner):
            log.info("a record was saved after its form had gone")
            return
        exc = job.future.exception()
        if exc is None:
            job.on_saved(job.future.result())
        else:
            job.on_failed(exc)
