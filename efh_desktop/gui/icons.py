"""Icons for the main actions, from QtAwesome's Material Design Icons (a maintained set, MIT and
SIL OFL, shipped inside the package), drawn in the palette's button text colour so they read in
light and dark palettes alike. Without QtAwesome the actions simply have no icon."""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

# QtAwesome speaks to Qt through QtPy: point it at the binding this program uses.
os.environ.setdefault("QT_API", "pyside6")

# object attribute on the window or panel -> icon name
MAIN_WINDOW = {
    "new_meeting_action": "mdi6.calendar-plus", "next_in_series_action": "mdi6.calendar-arrow-right",
    "agenda_pdf_action": "mdi6.file-pdf-box", "send_meeting_action": "mdi6.laptop",
    "open_meeting_file_action": "mdi6.file-import", "backup_action": "mdi6.database-export",
    "lock_action": "mdi6.lock", "quit_action": "mdi6.exit-to-app", "meetings_action": "mdi6.calendar-multiple",
    "subjects_action": "mdi6.account-group", "all_actions_action": "mdi6.checkbox-marked-outline",
    "find_action": "mdi6.magnify", "search_all_action": "mdi6.text-search", "hide_action": "mdi6.eye-off",
    "shortcuts_action": "mdi6.keyboard", "guide_action": "mdi6.book-open-variant",
}
BUTTONS = {
    ("meetings_panel", "new_button"): "mdi6.calendar-plus",
    ("workspace", "next_button"): "mdi6.calendar-arrow-right",
    ("workspace", "pdf_button"): "mdi6.file-pdf-box",
    ("live", "start_button"): "mdi6.play", ("live", "end_button"): "mdi6.stop",
    ("live", "chair_button"): "mdi6.monitor-share",
    ("finalise", "finalise_button"): "mdi6.check-decagram", ("finalise", "export_button"): "mdi6.export",
    ("finalise", "go_button"): "mdi6.arrow-right-bold",
}


def icon(name: str) -> QIcon:
    try:
        import qtawesome
    except ImportError:  # pragma: no cover - an install without it: no icons, nothing else changes
        return QIcon()
    app = QApplication.instance()
    colour = app.palette().color(QPalette.ColorRole.ButtonText) if app is not None else None
    disabled = app.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText) if app else None
    options = {} if colour is None else {"color": colour, "color_disabled": disabled}
    return qtawesome.icon(name, **options)


class _AfterFirstPaint(QObject):
    """Runs ``then`` on the turn of the event loop after ``widget`` is first painted."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)  # not run if the widget has gone meanwhile
        return False

    def _run(self) -> None:
        self._then()
        self.deleteLater()


def after_first_paint(widget: QWidget, then: Callable[[], None]) -> None:
    """Icons come after the first paint (issue 17, start-up): QtAwesome brings QtPy, which loads
    QtOpenGL, and the icon font, about a second on a busy two-core laptop that the window and its
    list need not wait for. A widget already on screen gets them at once."""
    if widget.isVisible() and not widget.visibleRegion().isEmpty():
        then()
    else:
        _AfterFirstPaint(widget, then)


def decorate_main_window_later(window: QWidget) -> None:
    after_first_paint(window, lambda: decorate_main_window(window))


def set_icon_later(button: QAbstractButton, key: tuple[str, str]) -> None:
    """``button`` gets the icon ``BUTTONS[key]`` once it has been painted."""
    after_first_paint(button, lambda: button.setIcon(icon(BUTTONS[key])))


def decorate_main_window(window: QWidget) -> None:
    for attribute, name in MAIN_WINDOW.items():
        action = getattr(window, attribute, None)
        if action is not None:
            action.setIcon(icon(name))


def decorate_workspace(workspace: QWidget) -> None:
    parts = {"workspace": workspace, "live": workspace.live, "finalise": workspace.finalise}
    for (part, attribute), name in BUTTONS.items():
        owner = parts.get(part)
        button = getattr(owner, attribute, None) if owner is not None else None
        if button is not None:
            button.setIcon(icon(name))
