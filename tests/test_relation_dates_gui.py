"""Relationship dates are typed like every other date in the application (issue 14 item 4: one
date field that accepts typed UK dates and an empty value), in the subject dialog's relationships
editor and a subject's history page filters. Keys are pressed, not private methods called."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from efh_desktop.gui.relations_editor import RelationsEditor


def test_typed_dates_go_with_the_relationship(qtbot, services):
    child = services.subjects.create("child", "Siân ap Dafydd")
    services.subjects.create("peer_group", "The Steps crew")
    editor = RelationsEditor(services, "child", child.id)
    qtbot.addWidget(editor)
    editor.show()
    editor.other.setFocus()
    qtbot.keyClicks(editor.other.lineEdit(), editor.other.itemText(editor.other.findText("The Steps crew", Qt.MatchFlag.MatchStartsWith)))
    editor.relation.setCurrentIndex(max(0, editor.relation.findData("member")))
    qtbot.keyClicks(editor.from_date.edit, "1/2/2026")
    qtbot.keyClicks(editor.to_date.edit, "31 August 2026")  # typed, then added at once: not lost
    editor.add_button.setFocus()
    qtbot.keyClick(editor.add_button, Qt.Key.Key_Space)
    shown = [editor.list.item(i).text() for i in range(editor.list.count())]
    assert any("1 February 2026" in t and "31 August 2026" in t for t in shown), shown
    assert editor.from_date.text() == "" and editor.to_date.text() == "", "cleared for the next one"


def test_a_date_that_cannot_be_read_is_said_and_nothing_added(qtbot, services):
    child = services.subjects.create("child", "Zoë Nowak")
    services.subjects.create("place", "Maes-y-Coed Park")
    editor = RelationsEditor(services, "child", child.id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.keyClicks(editor.other.lineEdit(), editor.other.itemText(editor.other.findText("Maes-y-Coed Park", Qt.MatchFlag.MatchStartsWith)))
    qtbot.keyClicks(editor.from_date.edit, "31/2/2026")
    qtbot.keyClick(editor.from_date.edit, Qt.Key.Key_Tab)
    before = editor.list.count()
    editor.add_button.setFocus()
    qtbot.keyClick(editor.add_button, Qt.Key.Key_Space)
    assert editor.list.count() == before
    assert "date" in editor.error.text().casefold()
    assert editor.from_date.text() == "31/2/2026", "kept as typed so it can be put right"


def test_a_date_of_birth_typed_then_ctrl_enter_at_once_is_saved(qtbot, window):
    """Typed into the box and saved without leaving it: the date is what the box shows, not lost."""
    from PySide6.QtWidgets import QApplication

    from efh_desktop.gui.subject_dialog import SubjectDialog

    dialog = SubjectDialog(window.services, "child", parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClicks(dialog.name, "Ffion Llywelyn")
    dialog.dob.setFocus()
    qtbot.keyClicks(dialog.dob.edit, "14 March 2011")
    qtbot.keyClick(dialog.dob.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == SubjectDialog.DialogCode.Accepted
    assert window.services.subjects.get(dialog.saved_id).date_of_birth == date(2011, 3, 14)
