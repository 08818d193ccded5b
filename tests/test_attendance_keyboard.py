"""The attendance register by keyboard (issue 14, items 1 and 10): each cell is saved in place and
the cursor stays where the user left it, the chair and minute-taker are in the register already,
people from earlier meetings are picked by typing part of a name, and attendance is one key."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from efh_desktop.gui.panels.attendance_panel import COLUMNS, split_person
from tests.key_typing import type_text

WHEN = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
COLUMN = {key: number for number, (key, _label) in enumerate(COLUMNS)}


@pytest.fixture
def panel(window, qtbot):
    services = window.services
    meeting = services.meetings.create("safer_options", WHEN, build_agenda=False)
    services.attendance.add(meeting.id, "Placeholder Person")
    services.attendance.add(meeting.id, "Second Person")
    window.open_meeting(meeting.id)
    window.workspace.tabs.setCurrentWidget(window.workspace.attendance)
    panel = window.workspace.attendance
    panel.meeting = meeting
    return panel


def _type_into_current(qtbot, panel, text: str) -> None:
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    editors = [e for e in panel.table.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1, "F2 opens an editor"
    editor = editors[0]
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()


def test_right_f2_type_enter_fills_one_row_cell_by_cell(qtbot, panel):
    services = panel._services
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(1, 0))
    typed = {"name": "Zofia Wiśniewska", "role": "Youth worker", "agency": "Youth service", "team": "North team",
             "email": "zofia@example.org"}
    for number, (key, text) in enumerate(typed.items()):
        if number:
            qtbot.keyClick(panel.table, Qt.Key.Key_Right)
        _type_into_current(qtbot, panel, text)
        assert panel.table.currentIndex().row() == 1, "the cursor stays on the row being edited"
        assert panel.table.currentIndex().column() == COLUMN[key], "and on the cell just saved"
    qtbot.waitUntil(lambda: services.attendance.list(panel.meeting_id)[1].email == "zofia@example.org")
    first, second = services.attendance.list(panel.meeting_id)
    assert first.name == "Placeholder Person" and (first.role, first.agency, first.email) == ("", "", "")
    assert {key: getattr(second, key) for key in typed} == typed
    assert [panel.model.item(1, COLUMN[key]).text() for key in typed] == list(typed.values())


def test_a_rejected_cell_shows_what_is_saved_and_keeps_the_cursor(qtbot, panel, message_boxes):
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(0, 0))
    _type_into_current(qtbot, panel, "   ")  # a name cannot be empty
    qtbot.waitUntil(lambda: bool(message_boxes))
    assert panel.model.item(0, 0).text() == "Placeholder Person"
    assert (panel.table.currentIndex().row(), panel.table.currentIndex().column()) == (0, 0)


def test_attendance_is_one_key_in_its_column(qtbot, panel):
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(0, COLUMN["status"]))
    qtbot.keyClick(panel.table, Qt.Key.Key_P)
    qtbot.keyClick(panel.table, Qt.Key.Key_Down)
    qtbot.keyClick(panel.table, Qt.Key.Key_A)
    people = panel._services.attendance.list(panel.meeting_id)
    assert [p.status for p in people] == ["present", "apologies"]
    assert panel.model.item(1, COLUMN["status"]).text() == "Apologies"
    assert panel.table.currentIndex().row() == 1


def test_chair_and_minute_taker_are_added_once(window):
    services = window.services
    meeting = services.meetings.create("complex_strategy", WHEN, chair_name="Siân Llewelyn",
                                       chair_role="service_manager", minute_taker="Ömer Yıldız")
    people = services.attendance.list(meeting.id)
    assert [(p.name, p.status) for p in people] == [("Siân Llewelyn", "present"), ("Ömer Yıldız", "present")]
    assert people[0].role.startswith("Chair") and people[1].role == "Minute-taker"
    services.meetings.update(meeting.id, minute_taker="ömer yıldız", venue="Room 2")
    services.meetings.update(meeting.id, minute_taker="Łucja Nowak")
    assert [p.name for p in services.attendance.list(meeting.id)] == ["Siân Llewelyn", "Ömer Yıldız", "Łucja Nowak"]


def test_pick_a_person_from_earlier_meetings_by_typing_part_of_a_name(qtbot, window):
    services = window.services
    earlier = services.meetings.create("safer_options", WHEN)
    services.attendance.add(earlier.id, "Dr Hana Kettering", role="Community paediatrician",
                            agency="Community paediatrics", email="hana@example.org")
    meeting = services.meetings.create("safer_options", WHEN)
    window.open_meeting(meeting.id)
    window.workspace.tabs.setCurrentWidget(window.workspace.attendance)
    panel = window.workspace.attendance
    panel.new_name.setFocus()
    qtbot.keyClicks(panel.new_name, "tter")
    popup = panel.new_name.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.keyClick(panel.new_name, Qt.Key.Key_Return)
    person = services.attendance.list(meeting.id)[0]
    assert (person.name, person.role, person.agency, person.email) == (
        "Dr Hana Kettering", "Community paediatrician", "Community paediatrics", "hana@example.org")


def test_one_line_gives_name_role_agency_and_email(qtbot, panel):
    panel.new_name.setFocus()
    type_text(qtbot, panel.new_name, "Dafydd ap Gwilym, Youth worker, jo.d@example.org, Youth service")
    qtbot.keyClick(panel.new_name, Qt.Key.Key_Return)
    person = panel._services.attendance.list(panel.meeting_id)[-1]
    assert (person.name, person.role, person.agency, person.email) == (
        "Dafydd ap Gwilym", "Youth worker", "Youth service", "jo.d@example.org")
    assert panel.table.currentIndex().row() == 2


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(st.characters(blacklist_characters=",@", blacklist_categories=("Cs", "Cc")), min_size=1)
                .map(str.strip).filter(bool), min_size=1, max_size=5))
def test_split_person_keeps_every_part(parts):
    fields = split_person(", ".join(parts))
    assert fields["name"] == parts[0]
    assert ", ".join(fields.get(key, "") for key in ("name", "role", "agency", "team") if key in fields) == \
        ", ".join(parts)
