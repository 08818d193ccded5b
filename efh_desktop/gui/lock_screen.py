"""What the window shows while locked (asks for the passphrase) or quick-hidden (shows nothing)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from efh_desktop.gui import colours
from efh_desktop.gui.caps_lock import CapsLockWarning
from efh_desktop.gui.widgets import named


class LockScreen(QWidget):
    unlock_requested = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("lock_screen")
        title = QLabel("EFH Desktop is locked")
        title.setStyleSheet("font-size: 18pt; font-weight: 600;")
        hint = QLabel("Your meetings are closed and the key has been dropped from memory.\n"
                      "Enter your passphrase to carry on.")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.passphrase = named(QLineEdit(), "Passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setMaximumWidth(360)
        self.passphrase.returnPressed.connect(self._submit)
        self.button = named(QPushButton("&Unlock"), "Unlock")
        self.button.clicked.connect(self._submit)
        self.error = QLabel()
        self.error.setObjectName("lock_error")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet(colours.style("problem", bold=True))
        self.error.setWordWrap(True)  # a long reason is shown whole, not cut off
        self.error.setMaximumWidth(480)
        self.caps = QLabel()
        self.caps_watch = CapsLockWarning(self.caps, self.passphrase)
        self.error.setAccessibleName("Message")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (title, hint, self.passphrase, self.caps, self.button, self.error):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def _submit(self) -> None:
        self.unlock_requested.emit(self.passphrase.text())

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.passphrase.selectAll()
        self.passphrase.setFocus()

    def reset(self) -> None:
        self.passphrase.clear()
        self.error.clear()
        self.passphrase.setFocus()


class HiddenCover(QWidget):
    """Blank on purpose: quick-hide is for someone walking up, or a screen being shared."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("hidden_cover")
        self.setAccessibleName("Hidden")
        # Deliberately dark whatever the palette (it blanks the screen), with its one line readable.
        self.setStyleSheet("background: #202020;")
        label = QLabel("Hidden. Press Ctrl+Shift+H to show again.")
        label.setStyleSheet("color: #a8a8a8;")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(label, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
