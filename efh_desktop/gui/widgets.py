"""Small helpers every panel uses, so names, shortcuts and empty states are consistent."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QLabel, QSizePolicy, QTableView, QWidget


def named(widget: QWidget, name: str, description: str = "") -> QWidget:
    """Give a control its accessible name (screen readers) and a stable object name (tests)."""
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)
        widget.setToolTip(description)
    if not widget.objectName():
        widget.setObjectName(name.lower().replace(" ", "_"))
    return widget


def make_action(parent: QWidget, text: str, shortcut: str | QKeySequence | QKeySequence.StandardKey | None,
                slot, *, tip: str = "") -> QAction:
    action = QAction(text, parent)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.triggered.connect(slot)
    parent.addAction(action)
    return action


def empty_state(text: str) -> QLabel:
    """A friendly, centred message that says what to do next when a list has nothing in it."""
    label = QLabel(text)
    label.setObjectName("empty_state")
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setTextFormat(Qt.TextFormat.PlainText)  # user text must never be read as markup
    label.setAccessibleName("Empty list")
    return label


def plain_label(text: str = "") -> QLabel:
    """A label that shows user text literally: names with <, > or & are not HTML."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def problem_label(object_name: str, accessible_name: str = "Problem") -> QLabel:
    """The line under a form that says what is wrong: plain text (names are not HTML), wrapped, in
    the palette's problem colour; tests find it by ``object_name``."""
    label = plain_label()
    label.setObjectName(object_name)
    label.setAccessibleName(accessible_name)
    label.setWordWrap(True)
    label.setStyleSheet(PROBLEM_STYLE)
    return label


def flowing(label: QLabel) -> QLabel:
    """A label whose text wraps to the width it is given and never widens the window: a long action
    preview or tag suggestion goes onto more lines instead of pushing buttons off the screen."""
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setMinimumWidth(0)
    return label


def list_table(model, name: str, description: str) -> QTableView:  # any item model
    """A read-only list of rows: whole-row selection, one at a time, Enter activates."""
    table = named(QTableView(), name, description)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    # Size columns from the first rows only: measuring thousands of rows stalls start-up.
    table.horizontalHeader().setResizeContentsPrecision(60)
    return table


# Light-palette styles kept for code written before gui/colours.py; use colours.style("problem",
# bold=True) instead, which follows the palette (tests/test_colours.py finds any left on screen).
PROBLEM_STYLE = "color: #a4000f; font-weight: 600;"
DONE_STYLE = "color: #1d6b2f;"


def say_problem(label: QLabel, text: str) -> None:
    """A refusal in the panel's own message line (the palette's problem colour, bold): no dialog in
    the user's way."""
    from efh_desktop.gui import colours

    label.setStyleSheet(colours.style("problem", bold=True))
    label.setText(text)


def say_done(label: QLabel, text: str) -> None:
    from efh_desktop.gui import colours

    label.setStyleSheet(colours.style("done"))
    label.setText(text)


def after_a_pause(parent: QWidget, milliseconds: int, slot) -> QTimer:
    """A single-shot timer restarted by each change, so typing re-queries once it pauses, not per key."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(milliseconds)
    timer.timeout.connect(slot)
    return timer
