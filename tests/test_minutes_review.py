"""After the meeting (issue 14, item 5): the minute-taker reviews item by item (no "Start the
meeting first."), changes any record (words, tags, flags, item) with each change saved, audited
and undoable, and reads the minutes whole in the window as the PDF will read."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pypdf
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from shiboken6 import isValid
from sqlmodel import select

from efh_desktop.export.minutes_pdf import render_minutes_pdf
from efh_desktop.gui.panels.record_editor import RecordEditor
from efh_desktop.store.tables import AuditEvent
from tests.key_typing import type_text

WHEN = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


def _ended_meeting(window):
    services = window.services
    kai = services.subjects.create("child", "Kai Testmarlow")
    zofia = services.subjects.create("child", "Zofia Wójcik")
    meeting = services.meetings.create("safer_options", WHEN, subject_ids=[kai.id, zofia.id])
    services.live.start(meeting.id)
    items = services.agenda.tree(meeting.id)
    services.live.go_to(meeting.id, items[1].id)
    note = services.minutes.add_note(meeting.id, "Kai was seen at the park", source_agency="Police",
                                     subject_ids=[kai.id], agenda_item_id=items[1].id)
    services.live.end(meeting.id)
    return services, meeting, items, note, kai, zofia


def _edit_in_dialog(qtbot, change) -> list:
    seen: list = []
    tries = [100]  # two seconds, then stop looking: nothing may outlive the test

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RecordEditor):
            tries[0] -= 1
            if tries[0] > 0:
                QTimer.singleShot(20, drive)
            return
        seen.append(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)  # shortcuts (Ctrl+Enter) work in the active window
        change(dialog)
        # Never leave a test waiting on a dialog the keys did not close.
        QTimer.singleShot(2000, lambda: isValid(dialog) and dialog.isVisible() and dialog.reject())
    QTimer.singleShot(0, drive)
    return seen


def test_review_edit_undo_after_the_meeting(qtbot, window, message_boxes):
    services, meeting, items, note, kai, zofia = _ended_meeting(window)
    window.open_meeting(meeting.id)
    window.workspace.tabs.setCurrentWidget(window.workspace.live)
    panel = window.workspace.live
    panel.agenda.setFocus()
    panel.agenda.setCurrentRow(1)
    qtbot.keyClick(panel.agenda, Qt.Key.Key_Return)
    assert "Start the meeting first" not in panel.capture.message.text()
    assert panel.current_title.text().startswith("Reviewing: 2 ")
    assert panel.records.count() == 1 and "Kai was seen at the park" in panel.records.item(0).text()
    assert services.meetings.get(meeting.id).status == "ended", "reviewing changes no times or status"

    def change(dialog: RecordEditor) -> None:
        dialog.text.setFocus()
        qtbot.keyClick(dialog.text, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        type_text(qtbot, dialog.text, " with Zofia, after school")
        dialog.inputs["not_for_family"].setFocus()
        qtbot.keyClick(dialog.inputs["not_for_family"], Qt.Key.Key_Space)
        dialog.subjects.setFocus()
        dialog.subjects.setCurrentRow(1)
        qtbot.keyClick(dialog.subjects, Qt.Key.Key_Space)
        dialog.text.setFocus()
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    seen = _edit_in_dialog(qtbot, change)
    panel.records.setFocus()
    panel.records.setCurrentRow(0)
    qtbot.keyClick(panel.records, Qt.Key.Key_Return)
    assert seen, "Enter on a record opens it for changing"
    changed = services.minutes.notes(meeting.id)[0]
    assert changed.text == "Kai was seen at the park with Zofia, after school" and changed.not_for_family
    assert sorted(services.minutes.tags("note", note.id)) == sorted([kai.id, zofia.id])
    with services.ctx.reading() as session:
        audited = [e.summary for e in session.exec(select(AuditEvent).where(AuditEvent.meeting_id == meeting.id))]
    assert "Changed a note" in audited and "Changed who a note is about" in audited
    # The minutes view reads the change, as the PDF does.
    window.workspace.tabs.setCurrentWidget(window.workspace.minutes_view)
    assert "with Zofia, after school" in window.workspace.minutes_view.text()
    # Undo puts the record back as it was; redo again.
    window.workspace.tabs.setCurrentWidget(panel)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    panel.records.setFocus()
    qtbot.keyClick(panel.records, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    back = services.minutes.notes(meeting.id)[0]
    assert back.text == "Kai was seen at the park" and not back.not_for_family
    assert services.minutes.tags("note", note.id) == [kai.id]
    qtbot.keyClick(panel.records, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert services.minutes.notes(meeting.id)[0].not_for_family
    assert message_boxes == []


def test_a_record_moves_to_another_item(qtbot, window):
    services, meeting, items, note, kai, zofia = _ended_meeting(window)
    window.open_meeting(meeting.id)
    window.workspace.tabs.setCurrentWidget(window.workspace.live)
    panel = window.workspace.live
    panel.go_to(items[1].id)

    def change(dialog: RecordEditor) -> None:
        dialog.item.setFocus()
        dialog.item.setCurrentIndex(dialog.item.findData(items[3].id))
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    _edit_in_dialog(qtbot, change)
    panel.records.setCurrentRow(0)
    qtbot.keyClick(panel.records, Qt.Key.Key_F2)
    assert services.minutes.notes(meeting.id)[0].agenda_item_id == items[3].id
    assert panel.records.count() == 0, "no longer under the item being reviewed"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(panel.agenda, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(panel.agenda, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert panel.current_title.text().startswith("Reviewing: 4 ") and panel.records.count() == 1


@pytest.mark.demo_store
def test_the_minutes_view_reads_as_the_pdf(window):
    meeting = min(r.id for r in window.services.meetings.list(type_key="complex_strategy"))
    window.open_meeting(meeting)
    window.workspace.tabs.setCurrentWidget(window.workspace.minutes_view)
    view = " ".join(window.workspace.minutes_view.text().split())
    doc = window.services.minutes_builder.build(meeting)
    pdf = pypdf.PdfReader(io.BytesIO(render_minutes_pdf(doc)))
    pdf_text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    lines = [f.value for f in doc.facts] + [" ".join(p for p in (s.number, s.title) if p) for s in doc.sections]
    lines += [n.text for s in doc.sections for n in s.notes] + [d.text for s in doc.sections for d in s.decisions]
    lines += ["Nothing was recorded under this item.", "Attendance", "Checklist", "Information sharing"]
    for line in lines:
        flat = " ".join(line.split())
        assert flat in view, flat
        assert flat.replace("’", "'")[:40] in pdf_text.replace("’", "'"), flat


def test_editing_is_refused_once_finalised(qtbot, window):
    services, meeting, items, note, kai, zofia = _ended_meeting(window)
    for line in services.finalise.gate(meeting.id):
        services.finalise.override(meeting.id, line.item.key, "Agreed")
    services.finalise.finalise(meeting.id)
    window.open_meeting(meeting.id)
    window.workspace.tabs.setCurrentWidget(window.workspace.live)
    panel = window.workspace.live
    panel.go_to(items[1].id)

    def change(dialog: RecordEditor) -> None:
        type_text(qtbot, dialog.text, " later")
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        QTimer.singleShot(50, lambda: dialog.reject())
    seen = _edit_in_dialog(qtbot, change)
    panel.records.setCurrentRow(0)
    qtbot.keyClick(panel.records, Qt.Key.Key_Return)
    assert "finalised" in panel.capture.message.text() and "amendment" in panel.capture.message.text()
    qtbot.wait(100)
    assert not seen, "no editor for finalised minutes"
    assert services.minutes.notes(meeting.id)[0].text == "Kai was seen at the park"
