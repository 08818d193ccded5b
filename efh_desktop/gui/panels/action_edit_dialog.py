"""Change an action: what, who, which agency, when, and the completion note. Saved through the
services (audited); a finalised meeting's actions are refused there with the reason shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
)

from efh_desktop.domain.date_words import parse_due
from efh_desktop.domain.text_rules import TextRejected
from efh_desktop.domain.uk_dates import format_date
from efh_desktop.gui.widgets import PROBLEM_STYLE, named
from efh_desktop.services.action_service import ActionDetails
from efh_desktop.services.app_services import Services
from efh_desktop.services.context import ServiceError


class ActionEditDialog(QDialog):
    def __init__(self, services: Services, action: ActionDetails, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setWindowTitle("Change the action")
        self._services, self._action = services, action
        self.before: dict[str, object] = {}  # set when saved: the fields as they were, and as saved
        self.after: dict[str, object] = {}
        self.description = named(QPlainTextEdit(action.description), "What will be done")
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(60)
        self.owner = named(QLineEdit(action.owner), "Owner")
        self.agency = named(QComboBox(), "Agency")
        self.agency.setEditable(True)
        self.agency.addItems(list(services.profile.agencies))
        self.agency.setCurrentText(action.agency)
        self.due = named(QLineEdit(format_date(action.due_date)), "Due", "4/12/2026, 4 December, in 2 weeks, "
                         "next meeting; empty for no date")
        self.due_shown = QLabel()
        self.due_shown.setTextFormat(Qt.TextFormat.PlainText)
        self.note = named(QPlainTextEdit(action.completion_note), "Completion note")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(50)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(PROBLEM_STYLE)
        form = QFormLayout(self)
        form.addRow("&What:", self.description)
        form.addRow("&Owner:", self.owner)
        form.addRow("A&gency:", self.agency)
        form.addRow("&Due:", self.due)
        form.addRow("", self.due_shown)
        form.addRow("Completion &note:", self.note)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        named(buttons.button(QDialogButtonBox.StandardButton.Save), "Save")
        named(buttons.button(QDialogButtonBox.StandardButton.Cancel), "Cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.due.textChanged.connect(self._show_due)
        self._show_due()

    def _parsed_due(self):  # noqa: ANN202
        meeting = self._services.meetings.get(self._action.meeting_id)
        return parse_due(self.due.text(), today=self._services.ctx.clock.today(), next_meeting=meeting.next_meeting_date)

    def _show_due(self) -> None:
        parsed = self._parsed_due()
        self.due_shown.setText(format_date(parsed.date) if parsed.ok and parsed.date else parsed.message or "No date")

    def accept(self) -> None:
        """Validate and save here, so a problem keeps the dialog (and what was typed) open."""
        parsed = self._parsed_due()
        try:
            if not parsed.ok:
                raise ServiceError(parsed.message)
            after = {"description": self.description.toPlainText(), "owner": self.owner.text(),
                     "agency": self.agency.currentText(), "due_date": parsed.date,
                     "completion_note": self.note.toPlainText()}
            self._services.minutes.update("action", self._action.id, **after)
        except (ServiceError, TextRejected) as exc:
            self.error.setText(str(exc))
            return
        # What was saved, both ways, for the action tracker's undo stack (gui/panels/minutes_undo.py).
        self.before = {key: getattr(self._action, key) for key in after}
        self.after = after
        super().accept()
