"""Issue 14 item 9: a refusal goes once it is being fixed; the note's agency and the decision's
kind start blank for the next record; "Recorded under this item" shows tags, flags, dissent and due
dates, so Ctrl+T can be checked at a glance."""

from __future__ import annotations

from datetime import UTC, date, datetime

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
    meeting = services.meetings.create("complex_strategy", WHEN, subject_ids=[kai.id],
                                       next_meeting_date=date(2026, 12, 14))
    window.open_meeting(meeting.id)
    window.workspace.tabs.setCurrentWidget(window.workspace.live)
    window.activateWindow()
    yield window, window.workspace.live, services, meeting, kai
    controller.lock()


def test_refusal_clears_when_fixed_and_the_form_starts_blank(qtbot, live):
    window, panel, services, meeting, kai = live
    capture = panel.capture
    capture.note_text.setFocus()
    qtbot.keyClick(capture.note_text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert capture.message.text().startswith("Not recorded"), "an empty note is refused"
    qtbot.keyClicks(capture.note_text, "KJ was seen at the park")
    assert capture.message.text() == "", "the refusal goes once the note is being typed"
    capture.agency.setFocus()
    qtbot.keyClicks(capture.agency, "Police")
    capture.note_text.setFocus()
    qtbot.waitUntil(lambda: "Kai Testmarlow" in capture.suggestion.text())  # offered as typing pauses
    qtbot.keyClick(capture.note_text, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(capture.note_text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_saved(qtbot, capture)
    assert services.minutes.notes(meeting.id)[0].source_agency == "Police"
    assert capture.message.text() == "Note recorded and saved (from Police); 1 subject tagged."
    assert capture.agency.currentText() == "", "the next note is not silently credited to the police"
    # A decision of a kind; the next decision's kind starts general.
    qtbot.keyClick(capture.note_text, Qt.Key.Key_F7)
    capture.decision_kind.setCurrentIndex(1)
    kind_label = capture.decision_kind.currentText()
    qtbot.keyClicks(capture.decision_text, "Refer KJ to the exploitation panel")
    capture.dissent.setFocus()
    qtbot.keyClicks(capture.dissent, "Education preferred to wait")
    qtbot.keyClick(capture.dissent, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_saved(qtbot, capture)
    assert capture.message.text().startswith(f"Decision recorded and saved ({kind_label})")
    assert capture.decision_kind.currentIndex() == 0
    # An action with a due date.
    qtbot.keyClick(capture.decision_text, Qt.Key.Key_F8)
    qtbot.keyClicks(capture.action_line, "Visit KJ at home @Pat Test #police !14/12/2026")
    qtbot.keyClick(capture.action_line, Qt.Key.Key_Return)
    wait_saved(qtbot, capture)
    capture.not_for_family.setChecked(True)
    shown = [panel.records.item(i).text() for i in range(panel.records.count())]
    assert len(shown) == 3
    note, decision, action = shown
    assert "Police" in note and "About: Kai Testmarlow" in note
    assert kind_label in decision and "Dissent: Education preferred to wait" in decision
    assert "due 14 December 2026" in action and "Pat Test" in action
    # Rebuilt from the database (another item and back), the same lines.
    panel._show_records()
    assert [panel.records.item(i).text() for i in range(panel.records.count())] == shown


def test_flags_show_on_the_recorded_note(qtbot, live):
    window, panel, services, meeting, kai = live
    capture = panel.capture
    capture.note_text.setFocus()
    qtbot.keyClicks(capture.note_text, "I do not want to go back there")
    capture.own_words.setChecked(True)
    capture.not_for_family.setChecked(True)
    qtbot.keyClick(capture.note_text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_saved(qtbot, capture)
    text = panel.records.item(0).text()
    assert "not for the family" in text and "child's own words" in text and "About: nobody tagged" in text
