"""Issue 14 item 13: the subject dialog by keyboard (Ctrl+Enter saves, Enter in the member picker
adds the child), "Child in care" ticks In care, and a finalised meeting's subject buttons are
disabled with the reason shown."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def _show(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def test_ctrl_enter_saves_and_child_in_care_ticks_in_care(qtbot, window):
    from efh_desktop.gui.subject_dialog import SubjectDialog

    dialog = _show(qtbot, SubjectDialog(window.services, "child", parent=window))
    qtbot.keyClicks(dialog.name, "Siobhan Testchild")
    assert not dialog.in_care.isChecked()
    dialog.legal_status.setFocus()
    qtbot.keyClick(dialog.legal_status, Qt.Key.Key_End)
    assert dialog.legal_status.currentText() == "Child in care"
    assert dialog.in_care.isChecked(), "the legal status says the child is in care"
    dialog.lcs_id.setFocus()
    qtbot.keyClick(dialog.lcs_id, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == SubjectDialog.DialogCode.Accepted
    saved = window.services.subjects.get(dialog.saved_id)
    assert saved.name == "Siobhan Testchild" and saved.in_care and saved.legal_status == "child_in_care"


def test_peer_group_member_added_with_enter(qtbot, window):
    from efh_desktop.gui.subject_dialog import SubjectDialog

    services = window.services
    dee = services.subjects.create("child", "Dee Testchild")
    services.subjects.create("child", "Amir Testchild")
    dialog = _show(qtbot, SubjectDialog(services, "peer_group", parent=window))
    qtbot.keyClicks(dialog.name, "Skate park group")
    dialog.member_pick.setFocus()
    qtbot.keyClicks(dialog.member_pick.lineEdit(), "dee")
    qtbot.keyClick(dialog.member_pick.lineEdit(), Qt.Key.Key_Return)
    assert dialog.isVisible(), "Enter in the picker adds the child, it does not save the dialog"
    assert [dialog.member_list.item(i).text() for i in range(dialog.member_list.count())] == ["Dee Testchild"]
    qtbot.keyClick(dialog.member_pick.lineEdit(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [m.id for m in services.subjects.members(dialog.saved_id)] == [dee.id]


def test_finalised_meeting_subject_buttons_disabled_with_the_reason(qtbot, window):
    services = window.services
    child = services.subjects.create("child", "Dee Testchild")
    meeting = services.meetings.create("safer_options", datetime(2026, 12, 7, 10, tzinfo=UTC), subject_ids=[child.id])
    for line in services.finalise.gate(meeting.id):
        services.finalise.override(meeting.id, line.item.key, "Agreed at the meeting.")
    services.finalise.finalise(meeting.id)
    window.open_meeting(meeting.id)
    panel = window.workspace.subjects
    for button in (panel.add_button, panel.create_button, panel.remove_button, panel.search):
        assert not button.isEnabled()
    assert panel.frozen_note.isVisibleTo(window) and "finalised" in panel.frozen_note.text()
    panel.table.setFocus()
    panel.table.selectRow(0)
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert [s.id for s in services.meetings.subjects(meeting.id)] == [child.id]
