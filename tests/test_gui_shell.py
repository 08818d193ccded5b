"""The application shell through qtbot: create a meeting with the dialog, lock and unlock, idle
lock, quick-hide, and accessible names on every control."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QWidget

from efh_desktop.gui.new_meeting_dialog import NewMeetingDialog
from tests.conftest import PASSPHRASE


def _acc_name(widget: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(widget)
    return iface.text(QAccessible.Text.Name) if iface else ""


def test_create_meeting_through_dialog(qtbot, window):
    services = window.services
    assert window.meetings_panel.model.rowCount() == 0
    assert window.meetings_panel.stack.currentWidget() is window.meetings_panel.empty
    dialog = NewMeetingDialog(services, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("complex_strategy"))
    dialog.date_edit.setDate(QDate(2026, 12, 7))
    dialog.time_edit.setTime(QTime(14, 30))
    qtbot.keyClicks(dialog.locality_edit, "Fenwick <South> & \"Quay\"")
    qtbot.keyClicks(dialog.chair_name, "Jo Test-Chair")
    dialog.chair_role.setCurrentIndex(dialog.chair_role.findData("team_manager"))
    assert "Complex strategy" in dialog.warning.text() and "Team Manager" in dialog.warning.text()
    dialog.chair_role.setCurrentIndex(dialog.chair_role.findData("service_manager"))
    assert dialog.warning.text() == ""
    qtbot.keyClick(dialog.chair_name, Qt.Key.Key_Return)  # Enter presses the default button
    assert dialog.created_id is not None, dialog.error.text()
    meeting = services.meetings.get(dialog.created_id)
    assert meeting.locality == "Fenwick <South> & \"Quay\""
    assert meeting.chair_role == "service_manager"
    from efh_desktop.domain.uk_dates import format_datetime

    assert format_datetime(meeting.starts_at) == "7 December 2026, 2:30pm"
    assert services.meetings.agenda(meeting.id), "the agenda is built from the type's template"
    window.meetings_panel.set_services(services)
    assert window.meetings_panel.model.rowCount() == 1


def test_dialog_reports_problems_without_closing(qtbot, window):
    dialog = NewMeetingDialog(window.services, window)
    qtbot.addWidget(dialog)
    dialog.series_combo.setCurrentIndex(dialog.series_combo.findData("new"))
    dialog._create()  # new series chosen but no title
    assert dialog.created_id is None
    assert "Series title" in dialog.error.text()


@pytest.mark.demo_store
def test_lock_clears_views_and_unlock_needs_passphrase(qtbot, window, profile):
    window.open_meeting(window.services.meetings.list()[0].id)
    store = window.services.store
    session = window.session
    views = [session, window.meetings_panel, window.subjects_panel, window.workspace, window.workspace.agenda,
             window.workspace.attendance, window.workspace.subjects]
    window.lock_action.trigger()
    assert window.services is None and window.session is None
    assert not store.is_open
    assert window.pages.currentWidget() is window.lock_screen
    assert session not in [window.pages.widget(i) for i in range(window.pages.count())]
    # The session's views are deleted with it, every panel of case data included.
    qtbot.waitUntil(lambda: not any(shiboken6.isValid(view) for view in views))
    assert not window.new_meeting_action.isEnabled()
    # A wrong passphrase says so and stays locked.
    qtbot.keyClicks(window.lock_screen.passphrase, "not the passphrase")
    qtbot.keyClick(window.lock_screen.passphrase, Qt.Key.Key_Return)
    assert window.services is None
    assert "not right" in window.lock_screen.error.text()
    window.lock_screen.passphrase.clear()
    qtbot.keyClicks(window.lock_screen.passphrase, PASSPHRASE)
    qtbot.keyClick(window.lock_screen.passphrase, Qt.Key.Key_Return)
    assert window.services is not None
    assert window.pages.currentWidget() is window.session
    assert window.meetings_panel.model.rowCount() == 15  # the demo: 3 meetings and a year of Safer Options


def test_lock_shortcut_is_ctrl_l(window):
    assert window.lock_action.shortcut().toString() == "Ctrl+L"


def test_idle_timer_locks(qtbot, window):
    window.controller.idle_timer.setInterval(50)
    window.controller.idle_timer.start()
    qtbot.waitUntil(lambda: window.services is None, timeout=3000)
    assert window.pages.currentWidget() is window.lock_screen


def test_quick_hide_blanks_and_restores(window):
    assert window.hide_action.shortcut().toString() == "Ctrl+Shift+H"
    window.hide_action.trigger()
    assert window.pages.currentWidget() is window.cover
    assert window.windowTitle() == "EFH Desktop"
    window.hide_action.trigger()
    assert window.pages.currentWidget() is window.session


@pytest.mark.demo_store
def test_every_focusable_control_has_an_accessible_name(qtbot, window):
    window.open_meeting(window.services.meetings.list()[0].id)
    dialogs = [NewMeetingDialog(window.services, window)]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
    missing = []
    for top in [window, *dialogs]:
        for widget in top.findChildren(QWidget):
            if (widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.isVisibleTo(top)
                    and not _acc_name(widget).strip() and type(widget).__name__ not in {"QTabBar", "QScrollBar"}
                    # Qt's own parts of a composite control (the text field inside a date edit) are
                    # announced through their named parent.
                    and not widget.objectName().startswith("qt_")):
                missing.append(f"{type(widget).__name__}:{widget.objectName()}")
    assert not missing, missing


def test_no_two_actions_share_a_shortcut(window):
    seen: dict[str, str] = {}
    for action in window.actions():
        for shortcut in action.shortcuts():
            key = shortcut.toString()
            assert key not in seen, f"{key} used by {seen[key]} and {action.text()}"
            seen[key] = action.text()


def test_markup_in_names_is_shown_literally(qtbot, window):
    services = window.services
    child = services.subjects.create("child", "<b>Bold</b> & Co", aliases=["<i>x</i>"])
    window.subjects_panel.set_services(services)
    assert window.subjects_panel.model.rowCount() == 0, "filled when first shown, not at unlock"
    window.show_subjects()
    texts = [window.subjects_panel.model.index(r, 1).data() for r in range(window.subjects_panel.model.rowCount())]
    assert "<b>Bold</b> & Co" in texts
    assert services.subjects.get(child.id).name == "<b>Bold</b> & Co"



def test_peer_group_members_edited_in_the_dialog(qtbot, window):
    from efh_desktop.gui.subject_dialog import SubjectDialog

    services = window.services
    ann = services.subjects.create("child", "Ann Testerby")
    annabel = services.subjects.create("child", "Annabel Testerby", aliases=["Bel"])
    dialog = SubjectDialog(services, "peer_group", parent=window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name, "The Test Lane group")
    for name in ("Ann Testerby", "Annabel Testerby (Bel)"):
        dialog.member_pick.setEditText(name)
        dialog._add_member()
    assert dialog.member_list.count() == 2
    dialog._save()
    group_id = dialog.saved_id
    assert {r.id for r in services.subjects.members(group_id)} == {ann.id, annabel.id}
    edit = SubjectDialog(services, "peer_group", group_id, parent=window)
    qtbot.addWidget(edit)
    edit.member_list.setCurrentRow(0)  # sorted by name: Ann first
    edit._remove_member()
    edit._save()
    assert [r.id for r in services.subjects.members(group_id)] == [annabel.id]


def test_relatives_and_a_child_person_of_concern_are_recorded_by_keyboard(qtbot, window):
    from PySide6.QtCore import Qt

    from efh_desktop.gui.subject_dialog import SubjectDialog

    services = window.services
    dialog = SubjectDialog(services, "child", parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Tayo Brennick")
    qtbot.keyClicks(dialog.address, "12 Tanner Row, Brindley")
    dialog.connected.setFocus()
    qtbot.keyClicks(dialog.connected, "Sandra Quell, mother")
    qtbot.keyClick(dialog.connected, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.connected, "Deji Brennick, brother")
    dialog.name.setFocus()
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)  # Enter saves, as in every dialog
    child = services.subjects.get(dialog.saved_id)
    assert child.address == "12 Tanner Row, Brindley"
    assert child.connected_people == [{"name": "Sandra Quell", "relationship": "mother"},
                                      {"name": "Deji Brennick", "relationship": "brother"}]
    poc = SubjectDialog(services, "person_of_concern", parent=window)
    qtbot.addWidget(poc)
    poc.show()
    qtbot.keyClicks(poc.name, "Jaylen Okoro")
    poc.treat_as_child.setFocus()
    qtbot.keyClick(poc.treat_as_child, Qt.Key.Key_Space)
    poc.name.setFocus()
    qtbot.keyClick(poc.name, Qt.Key.Key_Return)
    assert services.subjects.get(poc.saved_id).treat_as_child


def test_a_second_start_brings_the_first_window_forward(qtbot, window, tmp_path):
    from efh_desktop.gui.single_window import WindowBeacon, ask_first_window_to_show

    folder = tmp_path / "another data folder"
    folder.mkdir()
    assert not ask_first_window_to_show(folder, timeout_ms=200), "no window open for that folder yet"
    beacon = WindowBeacon(folder, window)
    window.showMinimized()
    with qtbot.waitSignal(beacon.asked, timeout=3000):
        assert ask_first_window_to_show(folder)
    assert not window.isMinimized()
    beacon.close()
