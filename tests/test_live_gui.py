"""The minute-taker's flow through the window, keyboard only: start the meeting, record a note, a
decision and an action, tag a child by name, undo, move through the agenda, end the meeting."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from efh_desktop.gui.main_window import MainWindow
from efh_desktop.gui.session_controller import SessionController
from efh_desktop.settings import Settings
from tests.conftest import PASSPHRASE
from tests.saving import wait_saved

WHEN = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


@pytest.fixture
def live(qtbot, unlocker, data_dir):
    controller = SessionController(unlocker, idle_minutes=5)
    assert controller.attempt(PASSPHRASE, None, False) == ""
    window = MainWindow(controller, Settings(), data_dir)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    services = window.services
    kai = services.subjects.create("child", "Kai Testmarlow", aliases=["KJ"])
    services.subjects.create("child", "Other Child")
    meeting = services.meetings.create("safer_options", WHEN, subject_ids=[kai.id],
                                       next_meeting_date=date(2026, 12, 14))
    window.open_meeting(meeting.id)
    window.workspace.tabs.setCurrentWidget(window.workspace.live)
    window.activateWindow()
    panel = window.workspace.live
    yield window, panel, services, meeting, kai
    controller.lock()


def test_keyboard_only_minutes(qtbot, live, message_boxes):
    window, panel, services, meeting, kai = live
    panel.capture.note_text.setFocus()
    qtbot.keyClick(panel.capture.note_text, Qt.Key.Key_F5)
    assert services.meetings.get(meeting.id).status == "in_progress"
    first_item = services.live.current_item_id(meeting.id)
    assert first_item is not None

    # A note, with the child offered as a tag because KJ's alias was typed.
    qtbot.keyClicks(panel.capture.note_text, "KJ said he felt <unsafe> & scared at the park")
    panel.capture._suggest()
    assert "Kai Testmarlow" in panel.capture.suggestion.text()
    qtbot.keyClick(panel.capture.note_text, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(panel.capture.note_text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_saved(qtbot, panel.capture)
    notes = services.minutes.notes(meeting.id)
    assert [n.text for n in notes] == ["KJ said he felt <unsafe> & scared at the park"]
    assert notes[0].agenda_item_id == first_item
    assert services.minutes.tags("note", notes[0].id) == [kai.id]
    assert panel.capture.note_text.toPlainText() == "", "the form is ready for the next note"

    # A decision (F7).
    qtbot.keyClick(panel.capture.note_text, Qt.Key.Key_F7)
    assert panel.capture.decision_text.hasFocus()
    qtbot.keyClicks(panel.capture.decision_text, "Refer Kai to First Response")
    qtbot.keyClick(panel.capture.decision_text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_saved(qtbot, panel.capture)
    assert [d.text for d in services.minutes.decisions(meeting.id)] == ["Refer Kai to First Response"]

    # An action in one line (F8), due "next meeting".
    qtbot.keyClick(panel.capture.decision_text, Qt.Key.Key_F8)
    qtbot.keyClicks(panel.capture.action_line, "Return home interview @Sam Test #children !next meeting")
    qtbot.keyClick(panel.capture.action_line, Qt.Key.Key_Return)
    wait_saved(qtbot, panel.capture)
    action = services.minutes.actions(meeting.id)[0]
    assert (action.description, action.owner, action.due_date) == ("Return home interview", "Sam Test",
                                                                    date(2026, 12, 14))
    assert action.agency, "the agency was matched from the profile's list"
    assert panel.records.count() == 3

    # Undo the action, then redo it: same id back.
    both = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(panel.capture.action_line, Qt.Key.Key_Z, both)
    assert services.minutes.actions(meeting.id) == []
    qtbot.keyClick(panel.capture.action_line, Qt.Key.Key_Y, both)
    assert [a.id for a in services.minutes.actions(meeting.id)] == [action.id]

    # Next agenda item, then end the meeting.
    qtbot.keyClick(panel.capture.action_line, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert services.live.current_item_id(meeting.id) != first_item
    assert panel.records.count() == 0, "records shown are those of the item under discussion"
    qtbot.keyClick(panel.capture.action_line, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    assert services.meetings.get(meeting.id).status == "ended"
    assert message_boxes == []


def test_refusal_is_said_inline_and_keeps_the_text(qtbot, live, message_boxes):
    _window, panel, services, meeting, _kai = live
    panel.capture.set_mode("action")
    qtbot.keyClicks(panel.capture.action_line, "Visit @PC Test !on the twelfth of never")
    qtbot.keyClick(panel.capture.action_line, Qt.Key.Key_Return)
    assert services.minutes.actions(meeting.id) == []
    assert panel.capture.message.text().startswith("Not recorded")
    assert panel.capture.action_line.text() == "Visit @PC Test !on the twelfth of never"
    assert message_boxes == [], "no dialog in the minute-taker's way"


def test_delete_and_undo_a_record(qtbot, live):
    _window, panel, services, meeting, _kai = live
    panel.capture.note_text.setPlainText("A note to delete")
    panel.capture.record()
    panel.records.setCurrentRow(0)
    panel.delete_selected()
    assert services.minutes.notes(meeting.id) == []
    panel.undo_stack.undo()
    assert [n.text for n in services.minutes.notes(meeting.id)] == ["A note to delete"]


def test_item_timer_shows_overrun(qtbot, live):
    _window, panel, services, meeting, _kai = live
    panel.start_meeting()
    assert "min over" not in panel.item_time.text()
    services.ctx.clock.advance(timedelta(minutes=45))  # the meeting runs on: the app's own clock moves
    panel.tick.timeout.emit()  # the panel's minute tick
    assert "45 min so far" in panel.item_time.text() and "min over" in panel.item_time.text()


def test_chair_view_has_no_timers_or_notes(qtbot, live):
    _window, panel, services, meeting, _kai = live
    panel.start_meeting()
    panel.capture.note_text.setPlainText("Confidential note text")
    panel.capture.record()
    panel.toggle_chair_view()
    view = panel.chair_view
    qtbot.addWidget(view)
    texts = [view.items.item(i).text() for i in range(view.items.count())] + [view.now.text(), view.title.text()]
    assert any(t.startswith("▶") for t in texts)
    assert not any("Confidential" in t or "min" in t.split() for t in texts)
    view.hide()


def test_half_typed_note_survives_lock_and_leaving_the_meeting(qtbot, live, message_boxes):
    window, panel, services, meeting, _kai = live
    panel.capture.note_text.setFocus()
    qtbot.keyClicks(panel.capture.note_text, "Half a sentence about the park")
    window.lock_action.trigger()  # the idle lock does the same
    assert window.services is None
    assert window.controller.attempt(PASSPHRASE, None, None) == ""
    assert window.services.minutes.notes(meeting.id) == [], "a draft is not a record"
    window.open_meeting(meeting.id)
    capture = window.workspace.live.capture
    assert capture.note_text.toPlainText() == "Half a sentence about the park"
    # Leaving for the meetings list and coming back keeps it too; recording clears the draft.
    window.show_meetings()
    window.open_meeting(meeting.id)
    capture = window.workspace.live.capture
    assert capture.note_text.toPlainText() == "Half a sentence about the park"
    capture.record()
    wait_saved(qtbot, capture)
    assert window.services.drafts.load(meeting.id) == {}
    assert [n.text for n in window.services.minutes.notes(meeting.id)] == ["Half a sentence about the park"]
