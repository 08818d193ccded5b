"""Alt mnemonics: find two visible controls in one window that share a letter (the test walks every
window and dialog with it), and keep an Alt+letter that nothing uses from typing the letter.

A mnemonic comes from a button's or check box's text, a label with a buddy, a tab bar's tab, a
group box title and the menu bar's menus. Two of them on one letter and Qt's Alt+letter only
cycles focus between them (or does nothing), which is how Set-up's Alt+N, L, R, T and B failed.
"""

from __future__ import annotations

import sys

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenuBar,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)


def mnemonic(text: str) -> str | None:
    """The letter after a single & ("Se&ttings" → "t"); None without one ("&&" is a literal &)."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] == "&":
                i += 2
                continue
            return text[i + 1].casefold()
        i += 1
    return None


def _shown(widget: QWidget, top: QWidget) -> bool:
    """Visible in ``top`` (enabled or not: a disabled control clashes the moment it is enabled)."""
    return widget.isVisibleTo(top) and widget.window() is top


def mnemonics(top: QWidget) -> list[tuple[str, str]]:
    """(letter, description) for every mnemonic a user can reach in ``top`` as it stands."""
    found: list[tuple[str, str]] = []

    def add(text: str, what: str) -> None:
        letter = mnemonic(text)
        if letter is not None:
            found.append((letter, f"{what} “{text}”"))

    for button in top.findChildren(QAbstractButton):
        if _shown(button, top) and not isinstance(button.parentWidget(), QTabBar):
            add(button.text(), type(button).__name__)
    for label in top.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is not None and _shown(label, top) and _shown(buddy, top):
            add(label.text(), "label")
    for bar in top.findChildren(QTabBar):
        if _shown(bar, top):
            for i in range(bar.count()):
                if bar.isTabVisible(i):
                    add(bar.tabText(i), "tab")
    for box in top.findChildren(QGroupBox):
        if _shown(box, top):
            add(box.title(), "group")
    for bar in top.findChildren(QMenuBar):
        if _shown(bar, top):
            for action in bar.actions():
                if action.isVisible():
                    add(action.text(), "menu")
    return found


def clashes(top: QWidget) -> dict[str, list[str]]:
    """Letters used by more than one visible control of ``top``, with what uses them."""
    by_letter: dict[str, list[str]] = {}
    for letter, what in mnemonics(top):
        by_letter.setdefault(letter, []).append(what)
    return {letter: whats for letter, whats in sorted(by_letter.items()) if len(whats) > 1}


_TEXT_INPUTS = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox, QComboBox)


class UnassignedAltSwallower(QObject):
    """Alt+letter with no shortcut or mnemonic reaches a text field as a key press (a matched one
    never does: Qt handles shortcuts first). Typing the letter there is a surprise; swallow it.

    Not on macOS, where Option (Alt) types accented letters, and never with Ctrl (AltGr on
    Windows is Ctrl+Alt and types €, ł and the like).

    It watches only the text field that has the keyboard focus (a key press goes to the focus
    widget first), moved along by the application's ``focusChanged`` signal. On the application it
    was called, in Python, for every event of every widget: paints, timers and each key once per
    parent it propagates through, about a millisecond of every recorded note (issue 17)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watched: QWidget | None = None

    @property
    def watched(self) -> QWidget | None:
        return self._watched if self._watched is not None and shiboken6.isValid(self._watched) else None

    def follow(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Move to the widget that now has the focus, if it takes text."""
        if self._watched is not None and shiboken6.isValid(self._watched):
            self._watched.removeEventFilter(self)
        self._watched = new if isinstance(new, _TEXT_INPUTS) else None
        if self._watched is not None:
            self._watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.KeyPress or sys.platform == "darwin":
            return False
        mods = event.modifiers()
        if not mods & Qt.KeyboardModifier.AltModifier or mods & Qt.KeyboardModifier.ControlModifier:
            return False
        text = event.text()
        if not text or not text.isprintable() or not isinstance(watched, _TEXT_INPUTS):
            return False
        event.accept()
        return True


_swallower: UnassignedAltSwallower | None = None


def install(app: QApplication) -> None:
    """Once per application: from now on, the focused text field is watched."""
    global _swallower
    if _swallower is None or not shiboken6.isValid(_swallower):
        _swallower = UnassignedAltSwallower(app)
        app.focusChanged.connect(_swallower.follow)
        _swallower.follow(None, app.focusWidget())
