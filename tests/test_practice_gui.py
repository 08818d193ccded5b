"""Issue 15 in the window: the role column of the attendance register (chosen with the keyboard),
the distribution clock, overdue on the meetings list, the statutory date where the next meeting is
planned. All names are fictional."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from efh_desktop.gui.panels.attendance_panel import COLUMNS
from efh_desktop.gui.panels.attendee_role_column import COLUMN


def _prompts(panel):
    return [panel.prompts.item(i).text() for i in range(panel.prompts.count())]


def test_choose_a_role_in_the_register_by_keyboard(qtbot, window):
    services = window.services
    meeting = services.meetings.create("complex_strategy", datetime(2026, 12, 7, 10, tzinfo=UTC))
    services.attendance.add(meeting.id, "Dr Ines Okafor", role="Consultant", agency="Health")
    window.open_meeting(meeting.id)
    panel = window.workspace.attendance
    assert any("missing: Experienced community paediatrician" in p for p in _prompts(panel))
    column = [key for key, _label in COLUMNS].index(COLUMN[0])
    assert panel.model.horizontalHeaderItem(column).text() == "Role (profile)"
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(0, column))
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QComboBox) and editor.accessibleName() == "Role from the practice profile"
    editor.setCurrentIndex(editor.findData("community_paediatrician"))
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: services.attendance.list(meeting.id)[0].role_key == "community_paediatrician")
    qtbot.waitUntil(lambda: any("invited: Experienced community paediatrician" in p for p in _prompts(panel)))
    assert services.attendance.list(meeting.id)[0].role == "Consultant"  # the free text is kept
    # The Investigations team's note from the guidance is shown with its prompt.
    assert any("coordinated by the police Investigations or Lighthouse team" in p for p in _prompts(panel))


def test_distribution_clock_and_overdue_list(qtbot, window):
    services = window.services
    held = date.today() - timedelta(days=10)  # well past the 1 working day, whatever the weekday
    meeting = services.meetings.create("safer_options", datetime(held.year, held.month, held.day, 10, tzinfo=UTC),
                                       locality="Brindley East")
    services.minutes.add_action(meeting.id, "Visit the skate park", owner="Alex", agency="Youth services",
                                due_date=date.today() + timedelta(days=7))
    services.meetings.update(meeting.id, status="ended")  # held: the clock runs from its day
    listing = window.meetings_panel
    listing.refresh()
    row = next(r for r in range(listing.model.rowCount()) if listing.model.row_at(r).id == meeting.id)
    overdue = listing.model.index(row, listing.model.columnCount() - 1).data()
    assert "Actions circulated" in overdue and "Minutes finalised" in overdue
    window.open_meeting(meeting.id)
    clock = window.workspace.finalise.clock
    texts = [clock.steps.item(i).text() for i in range(clock.steps.count())]
    assert any(t.startswith("⚠ Overdue: Actions not yet sent out") for t in texts)
    clock.actions_sent.setFocus()
    qtbot.keyClick(clock.actions_sent, Qt.Key.Key_Space)
    assert services.meetings.get(meeting.id).actions_sent_on == date.today()
    texts = [clock.steps.item(i).text() for i in range(clock.steps.count())]
    assert any(t.startswith("Actions sent out on") for t in texts)


def test_statutory_date_shown_where_the_next_meeting_is_planned(qtbot, window):
    services = window.services
    child = services.subjects.create("child", "Tayo Brennick", legal_status="open_referral")
    meeting = services.meetings.create("cp_strategy", datetime(2026, 12, 18, 10, tzinfo=UTC), subject_ids=[child.id])
    window.open_meeting(meeting.id)
    text = window.workspace.setup_form.proposal.text()
    assert "Initial child protection conference for Tayo Brennick" in text and "13 January 2027" in text


def test_looked_after_date_typed_in_the_child_dialog(qtbot, window):
    from efh_desktop.gui.subject_dialog import SubjectDialog

    services = window.services
    dialog = SubjectDialog(services, "child", parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Noor Halvey")
    dialog.looked_after.setDate(date(2026, 5, 1))  # the same date field as the date of birth
    dialog.name.setFocus()
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert services.subjects.get(dialog.saved_id).looked_after_on == date(2026, 5, 1)
    again = SubjectDialog(services, "child", dialog.saved_id, parent=window)
    qtbot.addWidget(again)
    assert again.looked_after.date() == date(2026, 5, 1)
