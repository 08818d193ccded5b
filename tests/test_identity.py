"""Who did it (issue 14, item 3): the user's own name and role, asked once, kept in settings (not
case data), shown in the status bar and recorded as author, override author and "told by"."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from efh_desktop.gui.identity_dialog import IdentityDialog
from efh_desktop.settings import Settings
from tests.key_typing import type_text

WHEN = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


def _answer_dialog(qtbot, name: str, role: str, seen: list) -> None:
    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, IdentityDialog):
            QTimer.singleShot(20, fill)
            return
        seen.append(dialog)
        dialog.name.selectAll()
        type_text(qtbot, dialog.name, name)
        qtbot.keyClick(dialog.name, Qt.Key.Key_Tab)
        type_text(qtbot, dialog.role, role)
        qtbot.keyClick(dialog.role, Qt.Key.Key_Return)
    QTimer.singleShot(0, fill)


def test_name_and_role_from_settings_are_recorded_and_shown(qtbot, window, data_dir):
    seen: list = []
    _answer_dialog(qtbot, "Gwenllïan Pryce", "Minute-taker", seen)
    window.identity_action.trigger()
    assert seen, "Settings, Your name and role opens the dialog"
    assert window.identity_label.text() == "Working as Gwenllïan Pryce, Minute-taker"
    saved = json.loads((data_dir / "settings.json").read_text(encoding="utf-8"))
    assert (saved["user_name"], saved["user_role"]) == ("Gwenllïan Pryce", "Minute-taker")
    assert Settings.load(data_dir).identity_line() == "Working as Gwenllïan Pryce, Minute-taker"

    services = window.services
    meeting = services.meetings.create("safer_options", WHEN)
    note = services.minutes.add_note(meeting.id, "Everyone introduced themselves.")
    assert note.author == "Gwenllïan Pryce"
    outstanding = services.finalise.gate(meeting.id)[0].item.key
    override = services.finalise.override(meeting.id, outstanding, "Agreed to follow up next time.")
    assert override.author == "Gwenllïan Pryce"
    # The audit trail records the same name, and a lock and unlock keeps it.
    window.controller.lock()
    assert window.controller.attempt("correct horse battery staple", None, False) == ""
    assert window.services.ctx.actor == "Gwenllïan Pryce"


def test_an_empty_name_is_refused_inside_the_dialog(qtbot):
    dialog = IdentityDialog(first_run=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.problem.isVisible() and "cannot be empty" in dialog.problem.text()


def test_without_a_name_the_status_bar_says_how_to_set_it(window):
    assert "your name is not set" in window.identity_label.text()
