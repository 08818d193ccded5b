"""First-run and unlock dialogs: new passphrase (twice), or unlock; optional keyring remembering.

The dialog does not open anything itself: it calls ``attempt`` (injected by the session
controller, or by a test) and shows the error sentence it returns, so a wrong passphrase keeps the
dialog open with a clear message and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox

from efh_desktop import APP_NAME
from efh_desktop.gui import colours
from efh_desktop.gui.caps_lock import CapsLockWarning
from efh_desktop.gui.forms.ui_unlock_dialog import Ui_UnlockDialog
from efh_desktop.gui.widgets import named

# attempt(passphrase, repeat or None, remember) -> error text, or "" on success
Attempt = Callable[[str, str | None, bool], str]


class UnlockDialog(QDialog):
    """Layout, labels, accessible names and tab order: ui/unlock_dialog.ui."""

    def __init__(self, attempt: Attempt, *, first_run: bool, keyring_available: bool,
                 remember_default: bool = False, message: str = "", parent=None) -> None:
        super().__init__(parent)
        self._attempt = attempt
        self._first_run = first_run
        self.ui = Ui_UnlockDialog()
        self.ui.setupUi(self)
        self.setWindowTitle(f"{APP_NAME}: " + ("set a passphrase" if first_run else "unlock"))
        self.ui.intro.setText(
            "Your meetings are kept in an encrypted database on this computer. Choose a passphrase "
            "to protect it: at least 10 characters; a few ordinary words together work well. "
            "There is no way to recover the data without it."
            if first_run else "Enter your passphrase to unlock your meetings.")

        self.passphrase = self.ui.passphrase
        self.repeat = self.ui.repeat_passphrase
        if not first_run:
            # Unlocking asks once: the repeat row leaves the form, and its label (with its Alt+E)
            # goes; the field stays, hidden, so _try can clear it whatever the mode.
            self.ui.form.takeRow(self.repeat)
            self.repeat.hide()
            self.ui.repeat_label.hide()
            self.ui.repeat_label.deleteLater()
        self.remember = self.ui.remember_on_this_computer
        self.remember.setChecked(remember_default and keyring_available)
        self.remember.setEnabled(keyring_available)
        if not keyring_available:
            self.remember.setToolTip("This computer has no secure keyring that EFH Desktop trusts.")

        self.error = self.ui.unlock_error
        self.error.setText(message)
        self.error.setStyleSheet(colours.style("problem", bold=True))

        buttons = self.ui.buttons
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Create database" if first_run else "Unlock")
        named(self.ok_button, self.ok_button.text())
        named(buttons.button(QDialogButtonBox.StandardButton.Cancel), "Cancel")
        buttons.accepted.connect(self._try)
        buttons.rejected.connect(self.reject)

        self.caps = self.ui.caps_lock_warning
        self.caps_watch = CapsLockWarning(self.caps, self.passphrase, self.repeat)
        self.passphrase.setFocus()
        self.resize(480, self.sizeHint().height())
        if message:
            self._fit()

    def _fit(self) -> None:
        """Grow to show a long message whole: a wrapped label's height depends on its width, which
        the dialog's size hint does not see, so the start-up error was cut off."""
        layout = self.layout()
        layout.activate()
        needed = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else self.sizeHint().height()
        if needed > self.height():
            self.resize(self.width(), needed)

    def show_message(self, text: str) -> None:
        self.error.setText(text)
        self._fit()

    def _try(self) -> None:
        self.error.setText("Checking…")
        self.repaint()
        problem = self._attempt(self.passphrase.text(), self.repeat.text() if self._first_run else None,
                                self.remember.isChecked())
        if problem:
            self.show_message(problem)
            self.passphrase.selectAll()
            self.passphrase.setFocus()
            return
        # Do not keep the passphrase in a widget longer than needed.
        self.passphrase.clear()
        self.repeat.clear()
        self.accept()
