"""One date field for the whole application: type a UK date ("14/3/2011", "14 March 2011",
"14.3.11") or leave it empty. Tab moves on as in any text box; nothing is put in front of what is
typed. What cannot be read stays as typed, with one sentence under the field saying what to type,
and the last good date is kept until it is put right. A finished date is shown as "14 March 2011".

Alt+Down opens a calendar for those who prefer to pick.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCalendarWidget, QLabel, QLineEdit, QMenu, QVBoxLayout, QWidget, QWidgetAction

from efh_desktop.domain.date_entry import EXAMPLE, read_date
from efh_desktop.domain.uk_dates import format_date
from efh_desktop.gui.widgets import flowing, named


class _Edit(QLineEdit):
    calendar_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self.calendar_requested.emit()
            return
        super().keyPressEvent(event)


class DateField(QWidget):
    """``date()`` is a ``datetime.date`` or None (empty); ``editingFinished`` fires when the user
    leaves the field or presses Enter with a date that could be read (or emptied)."""

    editingFinished = Signal()  # noqa: N815 - the same name as Qt's line edits
    dateChanged = Signal(object)  # noqa: N815

    def __init__(self, name: str, description: str = "", parent: QWidget | None = None, *,
                 today: Callable[[], date] = date.today) -> None:
        super().__init__(parent)
        self._today = today
        self._date: date | None = None
        self.edit = _Edit()
        self.edit.setPlaceholderText(f"e.g. {EXAMPLE}")
        self.problem = flowing(QLabel())
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.hide()
        if name:
            self.set_name(name, description)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(self.edit)
        layout.addWidget(self.problem)
        self.setFocusProxy(self.edit)  # a label's buddy, Tab and setFocus all reach the text box
        self.edit.editingFinished.connect(self._finished)
        self.edit.textEdited.connect(lambda _text: self.problem.hide())
        self.edit.calendar_requested.connect(self._pick)

    def set_name(self, name: str, description: str = "") -> None:
        """The accessible names, and the object names tests find the text box and its problem by."""
        named(self.edit, name, (description + "; " if description else "")
              + f"type it as {EXAMPLE}, or leave it empty; Alt+Down opens a calendar")
        self.problem.setObjectName(f"{self.edit.objectName()}_problem")
        self.problem.setAccessibleName(f"{name}: problem")
        self.setAccessibleName(name)

    # -- value --------------------------------------------------------------------------------------
    def date(self) -> date | None:
        """What the box holds now, read from its text: a date typed and saved at once (Ctrl+Enter,
        an Alt shortcut) without leaving the box is not lost. While the text cannot be read, the last
        date it held (callers check ``is_valid`` first and say the problem)."""
        entry = read_date(self.edit.text(), today=self._today())
        return entry.date if entry.ok else self._date

    def setDate(self, value: date | None) -> None:  # noqa: N802 - the name QDateEdit has
        self._date = value
        self.edit.setText(format_date(value) if value else "")
        self._say("")

    def is_valid(self) -> bool:
        """Whether what is typed is a date or empty (False while a problem is shown)."""
        return read_date(self.edit.text(), today=self._today()).ok

    def problem_text(self) -> str:
        return read_date(self.edit.text(), today=self._today()).message

    def text(self) -> str:
        return self.edit.text()

    def setReadOnly(self, read_only: bool) -> None:  # noqa: N802
        self.edit.setReadOnly(read_only)

    # -- typing -------------------------------------------------------------------------------------
    def _finished(self) -> None:
        entry = read_date(self.edit.text(), today=self._today())
        if not entry.ok:
            self._say(entry.message)  # kept as typed, so it can be put right
            return
        self._say("")
        if entry.date is not None:
            self.edit.setText(format_date(entry.date))
        changed = entry.date != self._date
        self._date = entry.date
        if changed:
            self.dateChanged.emit(entry.date)
        self.editingFinished.emit()

    def _say(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.setVisible(bool(message))
        self.edit.setAccessibleDescription(message or self.edit.toolTip())

    def _pick(self) -> None:
        menu = QMenu(self)
        calendar = QCalendarWidget(menu)
        calendar.setAccessibleName("Choose a date")
        start = self._date or self._today()
        calendar.setSelectedDate(QDate(start.year, start.month, start.day))
        action = QWidgetAction(menu)
        action.setDefaultWidget(calendar)
        menu.addAction(action)

        def chosen(day: QDate) -> None:
            menu.close()
            self.edit.setText(format_date(date(day.year(), day.month(), day.day())))
            self._finished()

        calendar.activated.connect(chosen)
        calendar.clicked.connect(chosen)
        menu.popup(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))
        calendar.setFocus()


class FormDateField(DateField):
    """A DateField placed by a Designer form (ui/*.ui, promoted from QWidget): uic builds it with its
    parent only and puts the accessible name and description on it; ``named_by_form()``, called
    after ``setupUi``, hands them to the text box as DateField's constructor does. Built here, it
    takes its place in the Tab order where the form puts it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent=parent)

    def named_by_form(self) -> None:
        description = self.accessibleDescription()
        self.setAccessibleDescription("")  # the text box carries it, as in every DateField
        self.set_name(self.accessibleName(), description)
