"""One date field for the application (issue 14, item 4): typed UK dates in many forms, an empty
value, Tab moves on, and nothing put in front of what is typed ("not known4032011" is gone)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from efh_desktop.domain.date_entry import read_date
from efh_desktop.domain.date_words import DAY_NAMES, MONTH_NAMES
from efh_desktop.gui.date_field import DateField
from efh_desktop.gui.subject_dialog import SubjectDialog
from tests.key_typing import type_text

TODAY = date(2026, 12, 1)
WHEN = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


def _forms(d: date) -> list[str]:
    month = MONTH_NAMES[d.month - 1]
    forms = [f"{d.day}/{d.month}/{d.year}", f"{d.day:02d}/{d.month:02d}/{d.year}", f"{d.day}.{d.month}.{d.year}",
             f"{d.day}-{d.month}-{d.year}", f"{d.day} {d.month} {d.year}", f"{d.day} {month} {d.year}",
             f"{d.day} {month[:3]} {d.year}", f"{d.day}th {month.upper()} {d.year}", f"{d.day} of {month}, {d.year}",
             f"{DAY_NAMES[d.weekday()]} {d.day} {month} {d.year}", d.isoformat(), f"  {d.day} / {d.month} / {d.year} "]
    if TODAY.year - 79 <= d.year <= TODAY.year + 20:
        forms += [f"{d.day}.{d.month}.{d.year % 100:02d}", f"{d.day}/{d.month}/{d.year % 100:02d}"]
    return forms


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)), st.data())
def test_every_uk_form_of_a_date_reads_as_that_date(day, data):
    typed = data.draw(st.sampled_from(_forms(day)))
    assert read_date(typed, today=TODAY).date == day, typed


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_anything_typed_gives_a_date_or_a_sentence_never_an_error(typed):
    entry = read_date(typed, today=TODAY)
    assert entry.ok == (entry.message == "")
    assert entry.ok or entry.date is None
    if not typed.strip():
        assert entry.ok and entry.date is None


def test_two_digit_years_and_refusals():
    assert read_date("14.3.11", today=TODAY).date == date(2011, 3, 14)
    assert read_date("14.3.98", today=TODAY).date == date(1998, 3, 14)
    assert "year" in read_date("14/3", today=TODAY).message
    assert "no 31 February" in read_date("31/2/2011", today=TODAY).message
    assert "month 13" in read_date("14/13/2011", today=TODAY).message


def test_date_of_birth_typed_tabbed_and_saved(qtbot, window):
    dialog = SubjectDialog(window.services, "child", parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # focus moves (and fields finish) only in the active window
    type_text(qtbot, dialog.name, "Siân Ó Briain")
    dialog.dob.setFocus()
    qtbot.keyClicks(dialog.dob.edit, "14/3/2011")
    assert dialog.dob.text() == "14/3/2011", "nothing in front of what is typed"
    qtbot.keyClick(dialog.dob.edit, Qt.Key.Key_Tab)
    assert not dialog.dob.edit.hasFocus(), "Tab moves on"
    assert dialog.dob.text() == "14 March 2011" and dialog.dob.date() == date(2011, 3, 14)
    dialog.name.setFocus()
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert window.services.subjects.get(dialog.saved_id).date_of_birth == date(2011, 3, 14)


def test_a_date_that_cannot_be_read_is_kept_and_explained(qtbot, window):
    child = window.services.subjects.create("child", "Wiktoria Zając", date_of_birth=date(2010, 5, 1))
    dialog = SubjectDialog(window.services, "child", child.id, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # focus moves (and fields finish) only in the active window
    dialog.dob.setFocus()
    assert dialog.dob.text() == "1 May 2010"
    qtbot.keyClick(dialog.dob.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.dob.edit, "40/3/2011")
    qtbot.keyClick(dialog.dob.edit, Qt.Key.Key_Tab)
    assert dialog.dob.text() == "40/3/2011", "not reverted"
    assert dialog.dob.problem.isVisible() and "There is no 40 March 2011" in dialog.dob.problem.text()
    dialog.name.setFocus()
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.isVisible() and "Date of birth" in dialog.error.text()
    assert window.services.subjects.get(child.id).date_of_birth == date(2010, 5, 1), "nothing saved"
    # Emptied: not known.
    dialog.dob.setFocus()
    qtbot.keyClick(dialog.dob.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog.dob.edit, Qt.Key.Key_Delete)
    qtbot.keyClick(dialog.dob.edit, Qt.Key.Key_Return)
    assert window.services.subjects.get(child.id).date_of_birth is None


def test_sharing_by_and_disclosure_dates_are_typed(qtbot, window):
    services = window.services
    child = services.subjects.create("child", "Idris Ab Owain")
    meeting = services.meetings.create("complex_strategy", WHEN, subject_ids=[child.id])
    window.open_meeting(meeting.id)
    panel = window.workspace.sharing
    window.workspace.tabs.setCurrentWidget(panel)
    window.activateWindow()
    panel.to_share.setFocus()
    qtbot.keyClicks(panel.to_share, "What we are worried about")
    panel.share_by.setFocus()
    qtbot.keyClicks(panel.share_by.edit, "14 December 2026")
    qtbot.keyClick(panel.share_by.edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not panel.share_by.edit
    panel.basis.setCurrentIndex(1)
    panel.consent.setCurrentIndex(panel.consent.findData("given"))
    panel.save()
    assert services.sharing.children(meeting.id)[0].record is not None, panel.message.text()
    assert services.sharing.children(meeting.id)[0].record.share_by == date(2026, 12, 14)
    panel.d_when.setFocus()
    qtbot.keyClicks(panel.d_when.edit, "3.12.26")
    qtbot.keyClick(panel.d_when.edit, Qt.Key.Key_Tab)
    assert panel.d_when.date() == date(2026, 12, 3)


def test_the_field_alone(qtbot):
    field = DateField("Some date", today=lambda: TODAY)
    qtbot.addWidget(field)
    field.show()
    seen = []
    field.dateChanged.connect(seen.append)
    field.setFocus()
    qtbot.keyClicks(field.edit, "1/12/26")
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert seen == [date(2026, 12, 1)] and field.text() == "1 December 2026"
    assert field.edit.accessibleName() == "Some date"
