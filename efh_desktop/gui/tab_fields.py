"""A date field and a time field that Tab leaves as a whole.

Qt's date and time edits use Tab to walk their own sections (day, month, year; hour, minute), so
a user tabbing to the next field lands in the year instead and types the title there. Here Tab
and Shift+Tab always move to the next or previous control, as in Outlook; within the field the
sections fill in turn as the digits are typed ("14032027"), and the arrow keys and mouse still
reach each one.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QDateEdit, QTimeEdit

_TABS = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)


def _tab_leaves(edit: QAbstractSpinBox, event: QEvent) -> bool:
    """Move focus out of the field for a plain Tab or Shift+Tab; True when handled."""
    if event.type() != QEvent.Type.KeyPress or event.key() not in _TABS:
        return False
    if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
        return False
    forward = event.key() == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
    edit.interpretText()  # what was typed counts before focus moves on
    # The spin box's own step, not the date edit's (which moves between sections).
    QAbstractSpinBox.focusNextPrevChild(edit, forward)
    event.accept()
    return True


class WholeDateEdit(QDateEdit):
    def event(self, event: QEvent) -> bool:
        return True if _tab_leaves(self, event) else super().event(event)


class WholeTimeEdit(QTimeEdit):
    def event(self, event: QEvent) -> bool:
        return True if _tab_leaves(self, event) else super().event(event)
