"""Issue 17 item 3, keystroke to screen with the durability rule kept: a record appears in the
live list at once, marked "saving…", its commit runs on the writer thread, and the row and the
form say "saved" only once the commit has returned. A failed commit keeps the text and says so; a
kill before the commit never leaves anything the interface called saved; locking waits for a
pending write; undo still takes the new record back. Keys are pressed as the minute-taker would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import sqlcipher3
from PySide6.QtCore import Qt
from sqlalchemy import event

from efh_desktop.gui import background
from tests.conftest import PASSPHRASE
from tests.saving import wait_saved
from tests.test_live_gui import live  # noqa: F401 - the fixture

ROOT = Path(__file__).resolve().parents[1]
DESCRIPTION = Qt.ItemDataRole.AccessibleDescriptionRole
CTRL = Qt.KeyboardModifier.ControlModifier


class HeldCommit:
    """Holds every commit of the record writer's thread (the INSERT done, COMMIT not yet sent) until
    ``release``; ``fail`` makes the held commits fail as a full disk does."""

    def __init__(self, engine) -> None:
        self.engine, self.gate, self.reached = engine, threading.Event(), threading.Event()
        self.failure: str | None = None
        event.listen(engine, "commit", self._hold)

    def _hold(self, _conn) -> None:
        if not threading.current_thread().name.startswith("efh-writer"):
            return  # only the record writer's commits (a draft saved on the GUI thread goes through)
        self.reached.set()
        assert self.gate.wait(30), "the test never released the commit"
        if self.failure:
            raise sqlcipher3.OperationalError(self.failure)

    def release(self) -> None:
        """Commits go through from now on. (The listener stays: removing it while the writer thread
        runs the engine's listeners would break that commit.)"""
        self.failure = None
        self.gate.set()


def _last(panel):
    return panel.records.item(panel.records.count() - 1)


def _type_note(qtbot, panel, text: str) -> None:
    box = panel.capture.note_text
    box.setFocus()
    box.insertPlainText(text)  # as an input method would (QTest types ASCII only), then the key
    qtbot.keyClick(box, Qt.Key.Key_Return, CTRL)


def test_a_record_shows_saving_at_once_then_saved_after_the_commit(qtbot, live):  # noqa: F811
    _window, panel, services, meeting, _kai = live
    panel.start_meeting()
    held = HeldCommit(services.store.engine)
    try:
        _type_note(qtbot, panel, "Zoë said the group met by the canal (fictional)")
        row = _last(panel)
        assert row.text().startswith("Saving… · Note") and "Zoë said the group met by the canal" in row.text()
        assert "not saved yet" in row.data(DESCRIPTION)
        assert panel.capture.note_text.toPlainText() == "", "the form is ready for the next note at once"
        qtbot.waitUntil(held.reached.is_set)  # the commit has started on the writer thread ...
        assert "saved" not in panel.capture.message.text().replace("Saving", "")
        assert services.minutes.notes(meeting.id) == [], "... and nothing is committed yet"
        assert panel.capture.writer.pending() == 1 and background.busy_count() >= 1
    finally:
        held.release()
    wait_saved(qtbot, panel.capture)
    row = _last(panel)
    assert panel.records.count() == 1 and row.text().startswith("Note · ")
    assert row.data(DESCRIPTION) == "Saved note"
    assert panel.capture.message.text() == "Note recorded and saved; nobody tagged."
    assert [n.text for n in services.minutes.notes(meeting.id)] == ["Zoë said the group met by the canal (fictional)"]
    # Undo takes the new record back, through the services.
    qtbot.keyClick(panel.capture.note_text, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.AltModifier)
    assert services.minutes.notes(meeting.id) == [] and panel.records.count() == 0


def test_undo_pressed_while_saving_waits_then_takes_it_back(qtbot, live):  # noqa: F811
    _window, panel, services, meeting, _kai = live
    panel.start_meeting()
    held = HeldCommit(services.store.engine)
    _type_note(qtbot, panel, "Łukasz was not at school on Monday (fictional)")
    qtbot.waitUntil(held.reached.is_set)
    threading.Timer(0.2, held.release).start()  # the disk catches up while undo waits
    qtbot.keyClick(panel.capture.note_text, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.AltModifier)
    assert services.minutes.notes(meeting.id) == [] and panel.records.count() == 0
    qtbot.keyClick(panel.capture.note_text, Qt.Key.Key_Y, CTRL | Qt.KeyboardModifier.AltModifier)
    assert [n.text for n in services.minutes.notes(meeting.id)] == ["Łukasz was not at school on Monday (fictional)"]


def test_a_failing_commit_puts_the_text_back_and_says_so(qtbot, live):  # noqa: F811
    _window, panel, services, meeting, _kai = live
    panel.start_meeting()
    held = HeldCommit(services.store.engine)
    held.failure = "database or disk is full"
    _type_note(qtbot, panel, "İpek saw the older boys at the shop (fictional)")
    assert _last(panel).text().startswith("Saving…")
    held.gate.set()
    wait_saved(qtbot, panel.capture)
    held.release()
    message = panel.capture.message.text()
    assert message.startswith("Not recorded: The disk is full:") and "back in the form" in message
    assert panel.capture.note_text.toPlainText() == "İpek saw the older boys at the shop (fictional)"
    assert panel.records.count() == 0, "no row claims a record that is not there"
    assert services.minutes.notes(meeting.id) == []
    # Recorded again once there is room: saved.
    qtbot.keyClick(panel.capture.note_text, Qt.Key.Key_Return, CTRL)
    wait_saved(qtbot, panel.capture)
    assert [n.text for n in services.minutes.notes(meeting.id)] == ["İpek saw the older boys at the shop (fictional)"]


def test_a_failing_commit_after_more_typing_keeps_both_texts(qtbot, live):  # noqa: F811
    _window, panel, services, meeting, _kai = live
    panel.start_meeting()
    held = HeldCommit(services.store.engine)
    held.failure = "database or disk is full"
    _type_note(qtbot, panel, "Dafydd's mother rang the school (fictional)")
    qtbot.waitUntil(held.reached.is_set)
    qtbot.keyClicks(panel.capture.note_text, "The next note, half typed")
    held.gate.set()
    wait_saved(qtbot, panel.capture)
    held.release()
    assert panel.capture.note_text.toPlainText() == "The next note, half typed", "what is being typed stays"
    row = _last(panel)
    assert row.text().startswith("NOT SAVED · Note") and "Dafydd's mother rang the school" in row.text()
    assert row.data(DESCRIPTION).startswith("Not saved: The disk is full:")
    assert "kept in the list, marked not saved" in panel.capture.message.text()
    assert services.minutes.notes(meeting.id) == []


def test_lock_waits_for_a_pending_write(qtbot, live):  # noqa: F811
    window, panel, services, meeting, _kai = live
    panel.start_meeting()
    held = HeldCommit(services.store.engine)
    try:
        _type_note(qtbot, panel, "Saoirse was seen with Dex after dark (fictional)")
        qtbot.waitUntil(held.reached.is_set)
        qtbot.keyClick(panel.capture.note_text, Qt.Key.Key_L, CTRL)  # Lock now
        assert window.services is not None, "the lock waits: the store stays open under the write"
        assert services.store.is_open
    finally:
        held.release()
    qtbot.waitUntil(lambda: window.services is None)  # locked once the write has returned
    assert panel.capture.writer.pending() == 0 and background.busy_count() == 0
    assert window.controller.attempt(PASSPHRASE, None, None) == ""
    assert [n.text for n in window.services.minutes.notes(meeting.id)] == [
        "Saoirse was seen with Dex after dark (fictional)"]


def test_a_kill_before_the_commit_never_said_saved(tmp_path, data_dir, unlocker):
    text = "Noor said the car came every Friday (fictional)"
    env = dict(os.environ, EFH_PASSPHRASE=PASSPHRASE, PYTHONUNBUFFERED="1", QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen([sys.executable, str(ROOT / "tests" / "live_kill_child.py"), str(data_dir), text],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                             cwd=ROOT, env=env, text=True, encoding="utf-8")
    try:
        lines: list[str] = []
        reader = threading.Thread(target=lambda: lines.append(child.stdout.readline()), daemon=True)
        reader.start()
        reader.join(180)  # never hang the suite on a stuck child
        line = lines[0] if lines else ""
    finally:
        child.kill()  # SIGKILL: no clean-up, no handler runs
        child.wait(timeout=30)
    assert line.startswith("shown "), f"the child did not get as far as showing the row: {line!r}"
    shown = json.loads(line[len("shown "):])
    assert shown["commit_started"], "the commit was under way when the process was killed"
    assert shown["rows"] == 1 and shown["row"].startswith("Saving… · Note") and text in shown["row"]
    assert "not saved yet" in shown["description"]
    assert "saved" not in shown["message"].replace("Saving", ""), shown["message"]
    services, _ = unlocker.unlock(PASSPHRASE)
    try:
        notes = [n for m in services.meetings.list() for n in services.minutes.notes(m.id)]
        assert all(n.text != text for n in notes), "what the interface never called saved is not half there"
        assert services.check().ok
    finally:
        services.lock()
