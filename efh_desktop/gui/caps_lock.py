"""A Caps Lock warning under passphrase fields.

Qt cannot ask the keyboard whether Caps Lock is on, so, as browsers do, it is inferred from what
is typed: a letter that comes out upper case without Shift (or lower case with Shift) means Caps
Lock is on; the other way round means it is off. On Windows the key's state is also read when the
field gains focus, so the warning shows before the first letter.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QLineEdit

from efh_desktop.gui import colours

WARNING = "Caps Lock is on: passphrases are case-sensitive."


def _windows_caps_lock() -> bool | None:
    if sys.platform != "win32":
        return None
    try:
        import ctypes

        return bool(ctypes.windll.user32.GetKeyState(0x14) & 1)  # VK_CAPITAL, toggled bit
    except (AttributeError, OSError):  # pragma: no cover - not on Windows
        return None


class CapsLockWarning(QObject):
    """Watches passphrase fields and shows or hides ``label``."""

    def __init__(self, label: QLabel, *fields: QLineEdit) -> None:
        super().__init__(label)
        self.label = label
        label.setObjectName(label.objectName() or "caps_lock_warning")
        label.setAccessibleName("Caps Lock warning")
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setStyleSheet(colours.style("warning", bold=True))
        label.setText(WARNING)
        label.hide()
        for field in fields:
            field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyPress:
            text = event.text()
            if len(text) == 1 and text.isalpha() and text.upper() != text.lower():
                shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self.label.setVisible(text.isupper() != shift)
            elif event.key() == Qt.Key.Key_CapsLock:
                self.label.setVisible(not self.label.isVisible())
        elif event.type() == QEvent.Type.FocusIn:
            state = _windows_caps_lock()
            if state is not None:
                self.label.setVisible(state)
        return False
