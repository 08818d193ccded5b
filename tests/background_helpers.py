"""Waiting for the window's background operations (gui/background.py) in tests."""

from __future__ import annotations

from efh_desktop.gui.background import busy_count


def wait_for_background(qtbot, timeout: int = 20000) -> None:
    """Until every BackgroundOp has finished and its success or failure callback has run (they run
    in the same turn of the event loop as the count reaching zero)."""
    qtbot.waitUntil(lambda: busy_count() == 0, timeout=timeout)
    qtbot.wait(1)  # one more turn: anything the callbacks deferred (a lock, a close) runs too
