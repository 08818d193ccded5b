""""Finalise without it": the chair's reason for going ahead although a gate item is outstanding.

The reason is checked inside the dialog: an empty reason (or one the text rules refuse) is said
under the box and the dialog stays open with what was typed. Reasons already recorded for the item
are listed; a further reason is kept beside them, never in their place.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from efh_desktop.domain.text_rules import TextRejected
from efh_desktop.domain.uk_dates import format_datetime
from efh_desktop.gui import colours
from efh_desktop.gui.widgets import named, plain_label
from efh_desktop.services.app_services import Services
from efh_desktop.services.context import ServiceError
from efh_desktop.services.finalise_service import GateLine


class OverrideDialog(QDialog):
    def __init__(self, services: Services, meeting_id: int, line: GateLine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services, self._meeting_id, self._line = services, meeting_id, line
        self.setWindowTitle("Finalise without it")
        self.setObjectName("override_dialog")
        what = plain_label(line.item.message)
        what.setWordWrap(True)
        self.earlier = plain_label("\n".join(
            f"Already recorded: {o.reason} ({o.author}, {format_datetime(o.created_at)})" for o in line.overrides))
        self.earlier.setWordWrap(True)
        self.earlier.setVisible(bool(line.overrides))
        self.reason = named(QPlainTextEdit(), "Reason for finalising without it",
                            "The minutes show this reason; Ctrl+Enter records it")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(90)
        prompt = QLabel("&Why is the meeting finalised without this? The minutes will show the reason"
                        + (" beside the one already recorded." if line.overrides else "."))
        prompt.setWordWrap(True)
        prompt.setBuddy(self.reason)
        self.error = plain_label()
        self.error.setObjectName("override_error")
        self.error.setWordWrap(True)
        self.error.setAccessibleName("Problem")
        self.error.setStyleSheet(colours.style("problem", bold=True))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Record reason")
        named(ok, "Record reason")
        named(buttons.button(QDialogButtonBox.StandardButton.Cancel), "Cancel")
        buttons.accepted.connect(self._record)
        buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self.error.clear)  # the message goes once the reason is being typed
        layout = QVBoxLayout(self)
        for widget in (what, self.earlier, prompt, self.reason, self.error, buttons):
            layout.addWidget(widget)
        from efh_desktop.gui.widgets import make_action

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            make_action(self, "", keys, self._record)
        self.resize(520, self.sizeHint().height())
        self.reason.setFocus(Qt.FocusReason.OtherFocusReason)

    def _record(self) -> None:
        try:
            self._services.finalise.override(self._meeting_id, self._line.item.key, self.reason.toPlainText())
        except (ServiceError, TextRejected) as exc:
            self.error.setText(f"Not recorded: {exc}")
            self.reason.setFocus()
            return
        self.accept()
