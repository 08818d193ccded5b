"""Helpers for GUI tests of the live panel: a record is shown at once, "saving…", and saved when its
commit on the writer thread returns (gui/record_writer.py). A test that checks the database, or
the "saved" message, waits for that as a user would: the event loop runs until it is delivered."""

from __future__ import annotations


def wait_saved(qtbot, capture) -> None:
    """Run the event loop until every record the capture form has entered is saved (or not)."""
    qtbot.waitUntil(lambda: not capture.writer.pending(), timeout=20_000)
