"""Action edits are undoable like the other records (issue 13, item 6): the tracker's Change…
dialog and its status keys push onto the panel's undo stack (the one undo style, gui/undo.py);
Ctrl+Z and Ctrl+Y undo and redo through the services, audited."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from efh_desktop.gui.panels.action_edit_dialog import ActionEditDialog

WHEN = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


@pytest.fixture
def tracker(qtbot, window):
    services = window.services
    meeting = services.meetings.create("safer_options", WHEN)
    action = services.minutes.add_action(meeting.id, "Visit the shop", owner="PC Test", agency="Police")
    window.open_meeting(meeting.id)
    panel = window.workspace.actions_panel
    window.workspace.tabs.setCurrentWidget(panel)
    panel.table.setFocus()
    panel.table.selectRow(0)
    return window, panel, services, meeting, action


def _stored(services, meeting_id):
    [action] = services.minutes.actions(meeting_id)
    return action


def test_changing_an_action_can_be_undone_and_redone_by_keyboard(qtbot, tracker):
    window, panel, services, meeting, action = tracker
    seen: dict = {}

    def fill() -> None:  # the real dialog, typed into while it is open
        [dialog] = [w for w in QApplication.topLevelWidgets() if isinstance(w, ActionEditDialog) and w.isVisible()]
        seen["dialog"] = type(dialog).__name__
        dialog.owner.selectAll()
        qtbot.keyClicks(dialog.owner, "DC Ngozi Achterberg")  # QTest types ASCII only
        qtbot.keyClick(dialog.owner, Qt.Key.Key_Return)

    QTimer.singleShot(0, fill)
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)  # Enter opens the selected action
    assert seen["dialog"] == "ActionEditDialog"
    assert _stored(services, meeting.id).owner == "DC Ngozi Achterberg"
    assert panel.undo_button.isEnabled() and "change action" in panel.undo_button.toolTip()
    window.activateWindow()  # offscreen, the closed dialog does not hand the window back by itself
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    panel.table.setFocus()

    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _stored(services, meeting.id).owner == "PC Test", "undone through the services"
    assert panel.model.row_at(0).owner == "PC Test", "and the table shows it"
    qtbot.keyClick(panel.table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert _stored(services, meeting.id).owner == "DC Ngozi Achterberg"
    assert _changes(services, action.id) == 3, "the change, its undo and its redo, each audited"


def _changes(services, action_id: int) -> int:
    from sqlmodel import select

    from efh_desktop.store.tables import AuditEvent

    with services.ctx.reading() as session:
        return len(list(session.exec(select(AuditEvent).where(AuditEvent.entity == "action",
                                                              AuditEvent.entity_id == action_id,
                                                              AuditEvent.action == "update"))))


def test_status_changes_are_undoable_too(qtbot, tracker):
    window, panel, services, meeting, _action = tracker
    qtbot.keyClick(panel.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert _stored(services, meeting.id).status == "done"
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _stored(services, meeting.id).status == "open"
    qtbot.keyClick(panel.table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert _stored(services, meeting.id).status == "done"


def test_an_undo_the_services_refuse_is_said_and_leaves_the_stack(qtbot, tracker):
    window, panel, services, meeting, _action = tracker
    qtbot.keyClick(panel.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    # Delete the action behind the panel's back: the undo can no longer be done.
    services.minutes.delete("action", _stored(services, meeting.id).id)
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert panel.summary.text().startswith("Not undone: No action with id")
    assert panel.undo_stack.count() == 0 and not panel.undo_button.isEnabled()


def test_the_stack_empties_when_another_meeting_is_shown_or_the_store_locks(qtbot, tracker):
    window, panel, services, meeting, _action = tracker
    qtbot.keyClick(panel.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert panel.undo_stack.count() == 1
    window.show_meetings()
    assert panel.undo_stack.count() == 0
