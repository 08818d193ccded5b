"""Change the passphrase: the database key is re-wrapped; the database itself is not rewritten."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox

from efh_desktop.gui import colours
from efh_desktop.gui.caps_lock import CapsLockWarning
from efh_desktop.gui.forms.ui_change_passphrase_dialog import Ui_ChangePassphraseDialog
from efh_desktop.gui.widgets import named
from efh_desktop.services.app_services import Services
from efh_desktop.services.errors import StoreError


class ChangePassphraseDialog(QDialog):
    """Layout, labels, accessible names and tab order: ui/change_passphrase_dialog.ui."""

    def __init__(self, services: Services, parent=None) -> None:
        super().__init__(parent)
        self._services = services
        self.ui = Ui_ChangePassphraseDialog()
        self.ui.setupUi(self)
        self.current = self.ui.current_passphrase
        self.new = self.ui.new_passphrase
        self.repeat = self.ui.repeat_new_passphrase
        self.error = self.ui.error
        self.error.setStyleSheet(colours.style("problem", bold=True))
        buttons = self.ui.buttons
        named(buttons.button(QDialogButtonBox.StandardButton.Ok), "Change passphrase").setText("Change passphrase")
        named(buttons.button(QDialogButtonBox.StandardButton.Cancel), "Cancel")
        buttons.accepted.connect(self._change)
        buttons.rejected.connect(self.reject)
        self.caps = self.ui.caps_lock_warning
        self.caps_watch = CapsLockWarning(self.caps, self.current, self.new, self.repeat)

    def _change(self) -> None:
        try:
            self._services.change_passphrase(self.current.text(), self.new.text(), self.repeat.text())
        except StoreError as exc:
            self.error.setText(str(exc))
            return
        for field in (self.current, self.new, self.repeat):
            field.clear()
        self.accept()
