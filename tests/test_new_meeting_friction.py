"""Issue 14 item 7: the new meeting dialog by keyboard (Tab goes field to field, the date and the
time each one field), the end follows the start, and the meetings list shows changes at once."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QApplication

from efh_desktop.domain.uk_dates import format_time, to_uk


def _dialog(qtbot, window):
    from efh_desktop.gui.new_meeting_dialog import NewMeetingDialog

    dialog = NewMeetingDialog(window.services, window, today=date(2027, 3, 1))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def test_tab_walks_field_to_field_and_the_title_lands_in_the_title(qtbot, window):
    dialog = _dialog(qtbot, window)
    dialog.type_combo.setFocus()
    order = []
    for _ in range(5):
        here = dialog.focusWidget()
        assert here is not None
        qtbot.keyClick(here, Qt.Key.Key_Tab)
        order.append(dialog.focusWidget())
    assert order[:4] == [dialog.title_edit, dialog.date_edit, dialog.time_edit, dialog.end_edit], \
        "one Tab per field: the date and the times are each one stop"
    dialog.title_edit.setFocus()
    qtbot.keyClicks(dialog.title_edit, "Ysgol Gymraeg review, Llanrwst")
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.date_edit
    qtbot.keyClicks(dialog.date_edit, "14032027")
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.time_edit
    assert dialog.title_edit.text() == "Ysgol Gymraeg review, Llanrwst"
    assert dialog.date_edit.date().toPython() == date(2027, 3, 14)


def test_moving_the_start_moves_the_end_keeping_the_length(qtbot, window):
    dialog = _dialog(qtbot, window)
    start, end = dialog.time_edit.time(), dialog.end_edit.time()
    length = start.secsTo(end)
    assert length > 0
    dialog.end_edit.setFocus()
    qtbot.keyClicks(dialog.end_edit, "12:30")  # a longer meeting than the type's usual
    assert dialog.end_edit.time() == QTime(12, 30)
    dialog.time_edit.setFocus()
    qtbot.keyClicks(dialog.time_edit, "14:00")
    assert dialog.time_edit.time() == QTime(14, 0)
    assert dialog.end_edit.time() == QTime(16, 30), "the end keeps the meeting's length"
    qtbot.keyClick(dialog.time_edit, Qt.Key.Key_Return)
    meeting = window.services.meetings.get(dialog.created_id)
    assert (to_uk(meeting.starts_at).hour, to_uk(meeting.ends_at).hour, to_uk(meeting.ends_at).minute) == (14, 16, 30)


def test_meetings_list_shows_a_changed_time_at_once(qtbot, window):
    from datetime import UTC, datetime

    services = window.services
    meeting = services.meetings.create("complex_strategy", datetime(2027, 3, 14, 10, 0, tzinfo=UTC))
    window.meetings_panel.set_services(services)
    window.open_meeting(meeting.id)
    form = window.workspace.setup_form
    end_before = form.end_edit.time()
    form.start_edit.setFocus()
    qtbot.keyClicks(form.start_edit, "11:15")
    qtbot.keyClick(form.start_edit, Qt.Key.Key_Tab)
    assert form.end_edit.time() == end_before.addSecs(75 * 60), "the end moved with the start"
    window.show_meetings()
    panel = window.meetings_panel
    times = [panel.model.index(r, 2).data() for r in range(panel.model.rowCount())]
    saved = services.meetings.get(meeting.id)
    assert format_time(saved.starts_at) in times and to_uk(saved.starts_at).minute == 15
