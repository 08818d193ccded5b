"""The one pool that slow work runs on, and the cancel token it is given. No Qt here.

Two callers share it: cli.py, which starts unlocking (Argon2id, then opening the database) before
Qt has even been imported, and gui/background.py, whose ``BackgroundOp`` runs the window's slow
work here and hands the outcome back to the GUI thread. One pool means one place to look when a
thread is doing something, and the same worker threads whichever door the work came in by.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

# Two cores on a typical council laptop: two workers keep the early unlock's two steps (unwrapping
# the key, then opening the store with it) from queueing behind each other, and a window rarely has
# more than one task at a time (its progress dialog is window-modal).
MAX_WORKERS = 2

_pool: ThreadPoolExecutor | None = None
_pool_guard = threading.Lock()


def _executor() -> ThreadPoolExecutor:
    global _pool
    with _pool_guard:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=MAX_WORKERS, thread_name_prefix="efh-background")
        return _pool


def submit(work: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
    """Run ``work(*args, **kwargs)`` on a background thread; its result or exception is in the Future."""
    return _executor().submit(work, *args, **kwargs)


class OperationCancelled(Exception):
    """The user pressed Cancel and the work stopped at a safe point (nothing half-written)."""

    def __init__(self) -> None:
        super().__init__("Stopped: cancelled.")


class CancelToken:
    """Cooperative cancelling: the GUI thread calls ``cancel``; the work calls ``check`` (or
    ``progress``) between steps that are each complete on their own, and stops there.

    Work that cannot stop part-way safely (an SQLCipher export, a backup) simply never checks, and
    its progress dialog offers no Cancel button."""

    def __init__(self, on_progress: Callable[[int, int], None] | None = None) -> None:
        self._event = threading.Event()
        self._on_progress = on_progress

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        """Raise OperationCancelled if the user has cancelled."""
        if self._event.is_set():
            raise OperationCancelled

    def progress(self, done: int, total: int) -> None:
        """Report ``done`` of ``total`` steps; stop here if cancelled and steps are left. The
        signature fits the ``progress`` callbacks services already take."""
        if self._on_progress is not None:
            self._on_progress(done, total)
        if done < total:
            self.check()
