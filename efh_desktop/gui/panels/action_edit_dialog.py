"""Change an action: what, who, which agency, when, and the completion note. Saved through the
services (audited); a finalised meeting's actions are refused there with the reason shown."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox

from efh_desktop.domain.date_words import parse_due
from efh_desktop.domain.text_rules import TextRejected
from efh_desktop.domain.uk_dates import format_date
from efh_desktop.gui import colours
from efh_desktop.gui.forms.ui_action_edit_dialog import Ui_ActionEditDialog
from efh_desktop.gui.widgets import named
from efh_desktop.services.action_service import ActionDetails
from efh_desktop.services.app_services import Services
from efh_desktop.services.context import ServiceError


class ActionEditDialog(QDialog):
    """Layout, labels, accessible names and tab order: ui/action_edit_dialog.ui."""

    def __init__(self, services: Services, action: ActionDetails, parent=None) -> None:
        super().__init__(parent)
        self._services, self._action = services, action
        self.before: dict[str, object] = {}  # set when saved: the fields as they were, and as saved
        self.after: dict[str, object] = {}
        self.ui = Ui_ActionEditDialog()
        self.ui.setupUi(self)
        self.description = self.ui.what_will_be_done
        self.description.setPlainText(action.description)
        self.owner = self.ui.owner
        self.owner.setText(action.owner)
        self.agency = self.ui.agency
        self.agency.addItems(list(services.profile.agencies))
        self.agency.setCurrentText(action.agency)
        self.due = self.ui.due
        self.due.setText(format_date(action.due_date))
        self.due_shown = self.ui.due_shown
        self.note = self.ui.completion_note
        self.note.setPlainText(action.completion_note)
        self.error = self.ui.error
        self.error.setStyleSheet(colours.style("problem", bold=True))
        buttons = self.ui.buttons
        named(buttons.button(QDialogButtonBox.StandardButton.Save), "Save")
        named(buttons.button(QDialogButtonBox.StandardButton.Cancel), "Cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.due.textChanged.connect(self._show_due)
        self._show_due()

    def _parsed_due(self):
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
