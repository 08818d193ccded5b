"""Change the passphrase: the database key is re-wrapped; the database itself is not rewritten."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from efh_desktop.gui.widgets import PROBLEM_STYLE, named
from efh_desktop.services.app_services import Services
from efh_desktop.services.errors import StoreError


class ChangePassphraseDialog(QDialog):
    def __init__(self, services: Services, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setWindowTitle("Change passphrase")
        self.setObjectName("change_passphrase_dialog")
        self._services = services
        self.current = named(QLineEdit(), "Current passphrase")
        self.new = named(QLineEdit(), "New passphrase")
        self.repeat = named(QLineEdit(), "Repeat new passphrase")
        for field in (self.current, self.new, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet(PROBLEM_STYLE)
        self.error.setAccessibleName("Problem")
        form = QFormLayout()
        form.addRow("&Current passphrase:", self.current)
        form.addRow("&New passphrase:", self.new)
        form.addRow("&Repeat new passphrase:", self.repeat)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        named(buttons.button(QDialogButtonBox.StandardButton.Ok), "Change passphrase").setText("Change passphrase")
        named(buttons.button(QDialogButtonBox.StandardButton.Cancel), "Cancel")
        buttons.accepted.connect(self._change)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _change(self) -> None:
        try:
            self._services.change_passphrase(self.current.text(), self.new.text(), self.repeat.text())
        except StoreError as exc:
            self.error.setText(str(exc))
            return
        for field in (self.current, self.new, self.repeat):
            field.clear()
        self.accept()
