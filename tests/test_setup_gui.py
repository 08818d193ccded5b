"""Meeting set-up through the window: the agenda builder by keyboard with undo and timing, the
attendance register with its prompts, and the set-up form saving as the chair types."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from efh_desktop.gui.main_window import MainWindow
from efh_desktop.gui.panels.agenda_tree import COL_MINUTES, COL_NUMBER, COL_TITLE
from efh_desktop.gui.session_controller import SessionController
from efh_desktop.settings import Settings
from tests.conftest import PASSPHRASE

WHEN = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


@pytest.fixture
def builder(window, qtbot):
    services = window.services
    meeting = services.meetings.create("safer_options", WHEN, build_agenda=False)
    for title, minutes in (("Welcome", 5), ("Police update", 20), ("Education update", 15)):
        services.agenda.add(meeting.id, title, minutes=minutes)
    window.open_meeting(meeting.id)
    window.workspace.tabs.setCurrentWidget(window.workspace.agenda)
    builder = window.workspace.agenda
    builder.tree.setFocus()
    window.activateWindow()
    qtbot.waitUntil(lambda: builder.tree.hasFocus())
    return builder


def rows(builder):
    model = builder.model
    return [model.index(r, COL_TITLE).data() for r in range(model.rowCount())]


def select_row(builder, row):
    builder.tree.setCurrentIndex(builder.model.index(row, COL_NUMBER))


def test_reorder_by_keyboard_and_undo(qtbot, builder, message_boxes):
    select_row(builder, 0)
    qtbot.keyClick(builder.tree, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert rows(builder) == ["Police update", "Welcome", "Education update"]
    assert builder.current_id() is not None
    assert builder.model.index(1, COL_TITLE).data() == "Welcome", "the moved item stays selected"
    qtbot.keyClick(builder.tree, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)  # nest under Police update
    assert rows(builder) == ["Police update", "Education update"]
    qtbot.keyClick(builder.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert rows(builder) == ["Police update", "Welcome", "Education update"]
    qtbot.keyClick(builder.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert rows(builder) == ["Welcome", "Police update", "Education update"]
    qtbot.keyClick(builder.tree, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert rows(builder) == ["Police update", "Welcome", "Education update"]
    # What the window shows is what is saved.
    titles = [n.title for n in builder._services.agenda.tree(builder.meeting_id) if n.parent_id is None]
    assert titles == rows(builder)
    assert message_boxes == []


def test_insert_and_delete_by_keyboard(qtbot, builder, message_boxes):
    select_row(builder, 2)
    qtbot.keyClick(builder.tree, Qt.Key.Key_Insert)
    QApplication.processEvents()
    assert len(rows(builder)) == 4 and rows(builder)[3] == "New item"
    qtbot.keyClick(builder.tree, Qt.Key.Key_Escape)  # leave the title editor
    select_row(builder, 3)
    qtbot.keyClick(builder.tree, Qt.Key.Key_Delete)
    assert rows(builder) == ["Welcome", "Police update", "Education update"]
    assert message_boxes == []


def test_planned_time_sum_and_overrun_warning(qtbot, builder):
    assert "Planned: 40 minutes" in builder.summary.text()
    assert "10am" in builder.model.index(0, 3).data()
    # Editing the minutes in place saves them and the sum follows.
    builder.model.item(1, COL_MINUTES).setText("200")
    qtbot.waitUntil(lambda: "past the end" in builder.summary.text())
    assert "3 hours 40 minutes" in builder.summary.text()
    assert builder._services.agenda.tree(builder.meeting_id)[1].planned_minutes == 200


def test_rename_in_place(qtbot, builder):
    builder.model.item(0, COL_TITLE).setText("Welcome & <introductions>")
    qtbot.waitUntil(lambda: builder._services.agenda.tree(builder.meeting_id)[0].title == "Welcome & <introductions>")
    assert rows(builder)[0] == "Welcome & <introductions>"


def test_attendance_prompts_follow_the_subject_mix(qtbot, window):
    services = window.services
    child = services.subjects.create("child", "Kit Testcare", legal_status="child_in_care", in_care=True)
    meeting = services.meetings.create("complex_strategy", WHEN, subject_ids=[child.id])
    window.open_meeting(meeting.id)
    panel = window.workspace.attendance
    prompts = [panel.prompts.item(i).text() for i in range(panel.prompts.count())]
    assert any("Named nurse for children in care" in p and "missing" in p for p in prompts)
    assert not any("Neighbourhoods beat officer" in p for p in prompts), "no place subject yet"
    place = services.subjects.create("place", "Test Rec")
    window.workspace.subjects._add(place.id)
    prompts = [panel.prompts.item(i).text() for i in range(panel.prompts.count())]
    assert any("Neighbourhoods beat officer" in p for p in prompts)
    # Adding a person and linking them to the rule clears the prompt.
    qtbot.keyClicks(panel.new_name, "Nurse Testperson")
    qtbot.keyClick(panel.new_name, Qt.Key.Key_Return)
    person = services.attendance.list(meeting.id)[0]
    services.attendance.update(person.id, rule_key="cic_named_nurse", status="present")
    panel.refresh()
    prompts = [panel.prompts.item(i).text() for i in range(panel.prompts.count())]
    assert any("present: Named nurse for children in care" in p and "Nurse Testperson" in p for p in prompts)


@pytest.mark.demo_store
def test_directory_offers_people_from_earlier_meetings(qtbot, window):
    meeting = window.services.meetings.create("safer_options", WHEN)
    window.open_meeting(meeting.id)
    panel = window.workspace.attendance
    panel._update_completions("Kett")
    offered = panel.completer_model.stringList()
    assert offered == ["Dr Hana Kettering — Community paediatrician, Community paediatrics"]
    panel.new_name.setText(offered[0])
    panel.add_person()
    person = window.services.attendance.list(meeting.id)[0]
    assert (person.name, person.agency, person.status) == ("Dr Hana Kettering", "Community paediatrics", "invited")


def test_setup_form_saves_as_the_chair_types(qtbot, window):
    services = window.services
    meeting = services.meetings.create("complex_strategy", WHEN, chair_role="service_manager")
    window.open_meeting(meeting.id)
    form = window.workspace.setup_form
    form.text_edits["venue"].setFocus()
    qtbot.keyClicks(form.text_edits["venue"], "Room 4 <east>")
    form.text_edits["venue"].editingFinished.emit()
    assert services.meetings.get(meeting.id).venue == "Room 4 <east>"
    assert "Saved" in form.status.text()
    form.chair_role.setCurrentIndex(form.chair_role.findData("team_manager"))
    form.chair_role.activated.emit(form.chair_role.currentIndex())
    findings = [window.workspace.findings.item(i).text() for i in range(window.workspace.findings.count())]
    assert any("Warning" in f and "Team Manager" in f for f in findings)
    form._use_proposed()
    assert services.meetings.get(meeting.id).next_meeting_date.isoformat() == "2027-01-18"


def test_half_typed_field_is_saved_when_locking(qtbot, window):
    services = window.services
    meeting = services.meetings.create("complex_strategy", WHEN)
    window.open_meeting(meeting.id)
    window.activateWindow()
    form = window.workspace.setup_form
    form.text_edits["venue"].setFocus()
    qtbot.waitUntil(form.text_edits["venue"].hasFocus)
    qtbot.keyClicks(form.text_edits["venue"], "Room 4")
    window.lock_action.trigger()  # no Tab, no Enter: straight to lock
    assert window.services is None
    assert window.controller.attempt(PASSPHRASE, None, None) == ""
    assert window.services.meetings.get(meeting.id).venue == "Room 4"


def test_unlocking_from_the_lock_screen_keeps_the_keyring_choice(qtbot, data_dir, profile):
    from efh_desktop.services.unlock_service import UnlockService
    from efh_desktop.store.keystore import KeyStore

    class MemoryKeyring:
        def __init__(self) -> None:
            self.values: dict[tuple[str, str], str] = {}

        def get_password(self, service, user):
            return self.values.get((service, user))

        def set_password(self, service, user, value) -> None:
            self.values[(service, user)] = value

        def delete_password(self, service, user) -> None:
            self.values.pop((service, user), None)

    backend = MemoryKeyring()
    unlocker = UnlockService(data_dir, profile, "Test User", keystore=KeyStore(backend, trust_backend=True))
    controller = SessionController(unlocker, idle_minutes=5)
    assert controller.attempt(PASSPHRASE, None, True) == ""
    assert unlocker.keyring_enabled() and backend.values
    win = MainWindow(controller, Settings(), data_dir)
    qtbot.addWidget(win)
    win.lock_action.trigger()
    win.lock_screen.passphrase.setText(PASSPHRASE)
    win.lock_screen.button.click()
    assert win.services is not None
    assert unlocker.keyring_enabled() and backend.values, "locking and unlocking must not forget the keyring"
    controller.lock()
