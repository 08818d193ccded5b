"""The checklist by keyboard and finalising through the window."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt

WHEN = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


@pytest.fixture
def meeting(window):
    services = window.services
    child = services.subjects.create("child", "Dee Testchild")
    meeting = services.meetings.create("complex_strategy", WHEN, subject_ids=[child.id], chair_role="service_manager")
    window.open_meeting(meeting.id)
    return meeting


def test_checklist_by_keyboard(qtbot, window, meeting, message_boxes):
    panel = window.workspace.checklist
    window.workspace.tabs.setCurrentWidget(panel)
    window.activateWindow()
    assert panel.progress.text() == "0 of 13 addressed"
    panel.tree.setFocus()
    assert panel.current_key() is not None
    first = panel.current_key()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Tab)  # to the state
    panel.state.setCurrentIndex(panel.state.findData("considered"))
    panel.note.setFocus()
    qtbot.keyClicks(panel.note, "Everything known so far was shared by police & education.")
    qtbot.keyClick(panel.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    row = next(r for r in window.services.checklist.rows(meeting.id) if r.key == first)
    assert row.status == "considered" and row.note.startswith("Everything known")
    assert panel.progress.text() == "1 of 13 addressed"
    assert panel.current_key() != first, "moves on to the next item not yet addressed"
    # Not applicable needs a reason: said inline, nothing saved.
    panel.state.setCurrentIndex(panel.state.findData("not_applicable"))
    panel.note.clear()
    panel.save()
    assert panel.message.text().startswith("Not saved")
    # Only what is still open.
    panel.only_open.setChecked(True)
    shown = [panel.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole + 1)
             for i in range(panel.tree.topLevelItemCount())]
    assert first not in shown and len(shown) == 12
    assert message_boxes == []


def test_action_created_from_an_item(qtbot, window, meeting):
    panel = window.workspace.checklist
    window.workspace.tabs.setCurrentWidget(panel)
    key = panel.current_key()
    qtbot.keyClicks(panel.new_action, "Ask probation about Dex @Pat Test #probation !in 2 weeks")
    qtbot.keyClick(panel.new_action, Qt.Key.Key_Return)
    row = next(r for r in window.services.checklist.rows(meeting.id) if r.key == key)
    assert [kind for kind, _id, _text in row.links] == ["action"]
    assert window.services.minutes.actions(meeting.id)[0].owner == "Pat Test"


def test_finalise_panel_lists_overrides_and_finalises(qtbot, window, meeting, message_boxes, monkeypatch):
    panel = window.workspace.finalise
    window.workspace.tabs.setCurrentWidget(panel)
    assert not panel.finalise_button.isEnabled()
    assert panel.items.count() >= 14, "13 checklist items, sharing for the child, next meeting…"
    panel.items.setCurrentRow(0)
    panel._go(panel.items.currentItem())
    assert window.workspace.tabs.currentWidget() is window.workspace.checklist
    window.workspace.tabs.setCurrentWidget(panel)
    for line in window.services.finalise.gate(meeting.id):
        window.services.finalise.override(meeting.id, line.item.key, "Agreed at the meeting.")
    panel.refresh()
    assert panel.finalise_button.isEnabled()
    panel.finalise_button.click()
    meeting_now = window.services.meetings.get(meeting.id)
    assert meeting_now.status == "finalised"
    assert panel.status.text().startswith("Finalised by Test User")
    assert panel.amend_button.isEnabled()
    assert not window.workspace.setup_form.text_edits["venue"].isEnabled(), "read-only once finalised"


def test_typed_note_is_kept_when_moving_on_or_ticking(qtbot, window, meeting):
    panel = window.workspace.checklist
    window.workspace.tabs.setCurrentWidget(panel)
    services = window.services
    first = panel.current_key()
    panel.state.setCurrentIndex(panel.state.findData("considered"))
    panel.note.setPlainText("Typed, then moved on with the arrow keys")
    qtbot.keyClick(panel.tree, Qt.Key.Key_Down)
    row = next(r for r in services.checklist.rows(meeting.id) if r.key == first)
    assert (row.status, row.note) == ("considered", "Typed, then moved on with the arrow keys")
    # On a sub-item of the scale: type, then tick a child: the typing stays in the editor.
    sub = next(r for r in services.checklist.rows(meeting.id) if r.number == "2.1")
    panel._select(sub.key)
    panel.note.setPlainText("Half-typed")
    panel.subjects.item(0).setCheckState(Qt.CheckState.Checked)
    assert panel.note.toPlainText() == "Half-typed"
    assert next(r for r in services.checklist.rows(meeting.id) if r.key == sub.key).subject_ids
