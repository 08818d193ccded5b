"""Issue 14 item 15: unlocking returns to where the user was: the meeting, its panel, the point or
row selected and the field with focus (the meetings list and its row when no meeting was open)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import Qt

from tests.conftest import PASSPHRASE


def _unlock_by_keyboard(qtbot, window) -> None:
    screen = window.lock_screen
    assert window.pages.currentWidget() is screen
    qtbot.keyClicks(screen.passphrase, PASSPHRASE)
    qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    assert window.services is not None


def test_unlock_returns_to_the_checklist_point(qtbot, window):
    services = window.services
    child = services.subjects.create("child", "Dee Testchild")
    meeting = services.meetings.create("complex_strategy", datetime(2026, 12, 7, 10, tzinfo=UTC),
                                       subject_ids=[child.id])
    window.open_meeting(meeting.id)
    checklist = window.workspace.checklist
    window.workspace.tabs.setCurrentWidget(checklist)
    window.activateWindow()
    checklist.tree.setFocus()
    qtbot.keyClick(checklist.tree, Qt.Key.Key_Down)
    qtbot.keyClick(checklist.tree, Qt.Key.Key_Down)
    chosen = checklist.current_key()
    checklist.note.setFocus()
    window.controller.lock()
    assert window.session is None, "nothing of the meeting stays on screen while locked"
    _unlock_by_keyboard(qtbot, window)
    assert window.content.currentWidget() is window.workspace
    assert window.workspace.meeting_id == meeting.id
    checklist = window.workspace.checklist  # the session's views are built anew on unlock
    assert window.workspace.tabs.currentWidget() is checklist
    assert checklist.current_key() == chosen
    assert checklist.note.hasFocus()


def test_unlock_returns_to_the_action_row(qtbot, window):
    services = window.services
    meeting = services.meetings.create("safer_options", datetime(2026, 12, 7, 10, tzinfo=UTC))
    for text in ("Ring the school", "Visit the shop", "Write to the council"):
        services.minutes.add_action(meeting.id, text, owner="Pat Test", agency="Police", due_date=date(2026, 12, 20))
    window.open_meeting(meeting.id)
    panel = window.workspace.actions_panel
    window.workspace.tabs.setCurrentWidget(panel)
    panel.table.setFocus()
    panel.table.selectRow(2)
    chosen = panel.selected_id()
    window.controller.lock()
    _unlock_by_keyboard(qtbot, window)
    panel = window.workspace.actions_panel
    assert window.workspace.tabs.currentWidget() is panel
    assert panel.selected_id() == chosen


def test_unlock_returns_to_the_chosen_view_and_meeting_row(qtbot, window):
    services = window.services
    first = services.meetings.create("safer_options", datetime(2026, 12, 7, 10, tzinfo=UTC))
    services.meetings.create("safer_options", datetime(2026, 12, 8, 10, tzinfo=UTC))
    window.meetings_panel.refresh()
    panel = window.meetings_panel
    panel.table.setFocus()
    row = next(r for r in range(panel.model.rowCount()) if panel.model.row_at(r).id == first.id)
    panel.table.selectRow(row)
    window.controller.lock()
    _unlock_by_keyboard(qtbot, window)
    assert window.home_tabs.currentWidget() is window.meetings_panel
    assert window.meetings_panel.selected_meeting_id() == first.id
    window.show_subjects()
    window.controller.lock()
    _unlock_by_keyboard(qtbot, window)
    assert window.home_tabs.currentWidget() is window.subjects_panel
