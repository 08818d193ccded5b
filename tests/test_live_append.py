"""Keystroke to screen (issue 17): a recorded note or action is appended to the live list, not the
list reloaded; "saved" still follows the commit; a draft is cleared when one may exist, and no
transaction is spent on a draft that cannot exist."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.saving import wait_saved
from tests.test_live_gui import live  # noqa: F401 - the fixture


def _texts(panel) -> list[str]:
    return [panel.records.item(i).text() for i in range(panel.records.count())]


def _start(qtbot, panel) -> None:
    panel.capture.note_text.setFocus()
    qtbot.keyClick(panel.capture.note_text, Qt.Key.Key_F5)


def test_recording_appends_the_row_without_reloading_the_list(qtbot, live, monkeypatch):  # noqa: F811
    _window, panel, services, meeting, _kai = live
    _start(qtbot, panel)
    reloads = []
    original = services.minutes.records_for_item
    monkeypatch.setattr(services.minutes, "records_for_item", lambda *a, **k: reloads.append(a) or original(*a, **k))
    for n in range(3):
        qtbot.keyClicks(panel.capture.note_text, f"Note number {n} about the park")
        qtbot.keyClick(panel.capture.note_text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        wait_saved(qtbot, panel.capture)
        assert "saved" in panel.capture.message.text()
    panel.capture.set_mode("action")
    qtbot.keyClicks(panel.capture.action_line, "Visit the shop @PC Test #police")
    qtbot.keyClick(panel.capture.action_line, Qt.Key.Key_Return)
    wait_saved(qtbot, panel.capture)
    assert reloads == []
    shown = _texts(panel)
    # Each row: the heading, the text, then who it is about (issue 14 item 9).
    assert len(shown) == 4 and shown[0].splitlines()[1] == "Note number 0 about the park"
    assert shown[-1].startswith("Action · PC Test") and shown[-1].splitlines()[1] == "Visit the shop"
    assert all(row.splitlines()[-1].startswith("About: ") for row in shown)
    assert len(services.minutes.notes(meeting.id)) == 3, "every record shown is committed"
    monkeypatch.setattr(services.minutes, "records_for_item", original)
    panel._show_records()
    assert _texts(panel) == shown, "what was appended is what a reload shows"


def test_undo_after_an_appended_record_still_removes_it(qtbot, live):  # noqa: F811
    _window, panel, services, meeting, _kai = live
    _start(qtbot, panel)
    qtbot.keyClicks(panel.capture.note_text, "A note to take back")
    qtbot.keyClick(panel.capture.note_text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert panel.records.count() == 1
    # Ctrl+Alt+Z at once, the note perhaps still saving: undo waits for it, then takes it back.
    both = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(panel.capture.note_text, Qt.Key.Key_Z, both)
    assert panel.records.count() == 0 and services.minutes.notes(meeting.id) == []


def test_recording_clears_a_kept_draft_and_spends_nothing_when_there_is_none(qtbot, live, monkeypatch):  # noqa: F811
    _window, panel, services, meeting, _kai = live
    _start(qtbot, panel)
    qtbot.keyClicks(panel.capture.note_text, "Half typed, then kept")
    panel.capture.save_draft()  # as the pause timer would
    assert services.drafts.load(meeting.id)["note"] == "Half typed, then kept"
    qtbot.keyClick(panel.capture.note_text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_saved(qtbot, panel.capture)
    assert services.drafts.load(meeting.id) == {}, "a recorded note is no longer a draft"

    saves = []
    original = services.drafts.save
    monkeypatch.setattr(services.drafts, "save", lambda *a, **k: saves.append(a) or original(*a, **k))
    qtbot.keyClicks(panel.capture.note_text, "Typed and recorded at once")
    qtbot.keyClick(panel.capture.note_text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_saved(qtbot, panel.capture)
    panel.capture.save_draft()  # the pause timer after the form was cleared
    assert saves == [], "no draft was kept, so none is cleared"
    assert services.drafts.load(meeting.id) == {}
