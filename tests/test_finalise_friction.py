"""Issue 14 item 8: finalising asks first, "Go to it" opens the record itself, an empty override
reason is refused inside its dialog, and a second reason is kept beside the first."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from efh_desktop.gui import message_box

WHEN = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


@pytest.fixture
def meeting(window):
    services = window.services
    child = services.subjects.create("child", "Dee Testchild")
    meeting = services.meetings.create("complex_strategy", WHEN, subject_ids=[child.id], chair_role="service_manager")
    window.open_meeting(meeting.id)
    return meeting


def _in_modal(callback, seen: list, done: list) -> None:
    """Run ``callback(dialog)`` once a modal dialog is up (a mnemonic clicks a button a moment after
    the key); failures are kept for the test to raise, and ``done`` gets a mark either way."""
    timer = QTimer()
    timer.setInterval(20)

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            return
        timer.stop()
        dialog.activateWindow()  # as the desktop would; offscreen leaves the main window active
        QApplication.processEvents()
        try:
            callback(dialog)
        except BaseException as exc:  # noqa: BLE001 - re-raised by the test
            seen.append(exc)
            dialog.reject()
        done.append(True)
    timer.timeout.connect(run)
    timer.start()
    _TIMERS.append(timer)


_TIMERS: list = []


def _finalise_panel(window):
    panel = window.workspace.finalise
    window.workspace.tabs.setCurrentWidget(panel)
    window.activateWindow()
    return panel


def test_empty_reason_refused_inside_the_dialog_and_second_reason_kept(qtbot, window, meeting):
    panel = _finalise_panel(window)
    key = panel.items.currentItem().data(Qt.ItemDataRole.UserRole + 1)
    problems: list = []

    def empty_then_reason(dialog) -> None:
        assert dialog is not None and dialog.objectName() == "override_dialog"
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert dialog.isVisible(), "an empty reason keeps the dialog open"
        assert dialog.error.text().startswith("Not recorded: Give the reason"), (dialog.error.text(), QApplication.activeWindow())
        qtbot.keyClicks(dialog.reason, "Chair agreed: covered at the review.")
        assert dialog.error.text() == "", "the message goes once the reason is typed"
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    done: list = []
    _in_modal(empty_then_reason, problems, done)
    panel.items.setFocus()
    qtbot.keyClick(panel.items, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(done))
    assert not problems, problems
    assert panel.message.text() == "Reason recorded."

    def second(dialog) -> None:
        assert "Already recorded: Chair agreed" in dialog.earlier.text()
        qtbot.keyClicks(dialog.reason, "Also: the police lead confirmed by phone.")
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    done.clear()
    _in_modal(second, problems, done)
    window.activateWindow()  # back from the dialog, as the desktop does
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    panel.items.setFocus()
    qtbot.keyClick(panel.items, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(done))
    assert not problems, problems
    line = next(line for line in window.services.finalise.gate(meeting.id) if line.item.key == key)
    assert [o.reason for o in line.overrides] == ["Chair agreed: covered at the review.",
                                                  "Also: the police lead confirmed by phone."]
    shown = panel.items.currentItem().text()
    assert "Chair agreed" in shown and "police lead confirmed" in shown
    # Both reach the minutes.
    reasons = [o.reason for o in window.services.finalise.overrides(meeting.id)]
    assert reasons.count("Chair agreed: covered at the review.") == 1 and len(reasons) == 2


def _clear_gate(window, meeting) -> None:
    for line in window.services.finalise.gate(meeting.id):
        window.services.finalise.override(meeting.id, line.item.key, "Agreed at the meeting.")


def test_finalise_asks_first_and_no_keeps_the_minutes_open(qtbot, window, meeting, monkeypatch, message_boxes):
    _clear_gate(window, meeting)
    panel = _finalise_panel(window)
    panel.refresh()
    assert panel.finalise_button.isEnabled()
    monkeypatch.setattr(message_box, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    panel.items.setFocus()
    qtbot.keyClick(panel.items, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: panel.message.text() != "")
    assert window.services.meetings.get(meeting.id).status != "finalised"
    assert panel.message.text() == "Not finalised: nothing has changed."
    asked: list[str] = []

    def yes(_parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(message_box, "question", yes)
    qtbot.keyClick(panel.items, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(asked))
    assert "cannot be undone" in asked[0]
    assert window.services.meetings.get(meeting.id).status == "finalised"


def test_go_to_it_opens_the_offending_action(qtbot, window, meeting):
    services = window.services
    services.minutes.add_action(meeting.id, "Visit the shop", owner="", agency="Police", due_date=date(2026, 12, 20))
    panel = _finalise_panel(window)
    panel.refresh()
    row = next(i for i in range(panel.items.count()) if panel.items.item(i).data(Qt.ItemDataRole.UserRole + 2)
               == "actions")
    panel.items.setCurrentRow(row)
    problems: list = []
    opened: list[str] = []

    def look(dialog) -> None:
        opened.append(type(dialog).__name__)
        dialog.reject()

    done: list = []
    _in_modal(look, problems, done)
    panel.items.setFocus()
    qtbot.keyClick(panel.items, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(done))
    assert not problems, problems
    assert window.workspace.tabs.currentWidget() is window.workspace.actions_panel
    assert opened == ["ActionEditDialog"]
    assert window.workspace.actions_panel.selected_id() == services.minutes.actions(meeting.id)[0].id


def test_go_to_it_selects_the_child_in_sharing(qtbot, window, meeting):
    panel = _finalise_panel(window)
    row = next(i for i in range(panel.items.count()) if panel.items.item(i).data(Qt.ItemDataRole.UserRole + 2)
               == "information_sharing")
    panel.items.setCurrentRow(row)
    qtbot.keyClick(panel.items, Qt.Key.Key_Return)
    sharing = window.workspace.sharing
    assert window.workspace.tabs.currentWidget() is sharing
    child_id = window.services.meetings.subjects(meeting.id)[0].id
    assert sharing.children_list.currentItem().data(Qt.ItemDataRole.UserRole + 1) is not None
    assert sharing._current_id() == child_id
