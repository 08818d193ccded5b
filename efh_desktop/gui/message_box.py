"""The window's message boxes, with their text shown exactly as written.

QMessageBox's static functions take their text as ``Qt.AutoText``: a message that holds a tag-like
run before its first line break ("Kai <b> is already on this meeting", "<Operation Ŵyn>", an error
that quotes what was typed) is taken for rich text, and the markup vanishes or formats the rest. A
confirmation that shows a different name from the one it acts on is not acceptable here, so every
message box of the window comes from this module, in plain text. Same arguments as the static
functions; the answer is the button pressed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

Button = QMessageBox.StandardButton
_ICONS = {"information": QMessageBox.Icon.Information, "warning": QMessageBox.Icon.Warning,
          "critical": QMessageBox.Icon.Critical, "question": QMessageBox.Icon.Question}


def _run(kind: str, parent: QWidget | None, title: str, text: str, buttons: Button,
         default: Button) -> Button:
    """The one place a box is shown (the tests answer it here: tests/conftest.py)."""
    box = QMessageBox(_ICONS[kind], title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if default != Button.NoButton:
        box.setDefaultButton(default)
    return Button(box.exec())


def information(parent: QWidget | None, title: str, text: str, buttons: Button = Button.Ok,
                default: Button = Button.NoButton) -> Button:
    return _run("information", parent, title, text, buttons, default)


def warning(parent: QWidget | None, title: str, text: str, buttons: Button = Button.Ok,
            default: Button = Button.NoButton) -> Button:
    return _run("warning", parent, title, text, buttons, default)


def critical(parent: QWidget | None, title: str, text: str, buttons: Button = Button.Ok,
             default: Button = Button.NoButton) -> Button:
    return _run("critical", parent, title, text, buttons, default)


def question(parent: QWidget | None, title: str, text: str, buttons: Button = Button.Yes | Button.No,
             default: Button = Button.NoButton) -> Button:
    return _run("question", parent, title, text, buttons, default)
