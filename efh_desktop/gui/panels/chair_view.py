"""The chair view: the agenda, large, with the item under discussion marked, for a shared screen.

It shows no timers, notes or names beyond the agenda titles the chair chose, and children by
initials unless the chair ticks "Full names on the chair view" in the main window (which the room
does not see). It opens full screen on the screen it is on; F11 toggles full screen, Esc leaves
full screen and, pressed again, closes the view. The window title is the application's name only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from efh_desktop import APP_NAME
from efh_desktop.gui import colours
from efh_desktop.gui.widgets import named, plain_label
from efh_desktop.services.agenda_service import AgendaNode


class ChairView(QWidget):
    closed = Signal()

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setWindowTitle(f"{APP_NAME}: agenda")
        self.setObjectName("chair_view")
        self.title = plain_label()
        self.title.setStyleSheet("font-size: 22pt; font-weight: 600;")
        self.now = QLabel()
        self.now.setTextFormat(Qt.TextFormat.PlainText)
        self.now.setStyleSheet("font-size: 18pt; " + colours.style("accent"))
        self.items = named(QListWidget(), "Agenda for the shared screen")
        font = QFont()
        font.setPointSize(16)
        self.items.setFont(font)
        hint = QLabel("F11 full screen · Esc leaves full screen, then closes")
        hint.setObjectName("chair_view_hint")
        hint.setStyleSheet(colours.style("muted"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.now)
        layout.addWidget(self.items, 1)
        layout.addWidget(hint)
        self.resize(900, 700)
        for keys, slot in (("F11", self.toggle_full_screen), ("Esc", self.escape)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)

    def open_full_screen(self) -> None:
        self.showFullScreen()
        self.raise_()
        self.activateWindow()

    def toggle_full_screen(self) -> None:
        (self.showNormal if self.isFullScreen() else self.showFullScreen)()

    def escape(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.hide()
            self.closed.emit()

    def show_agenda(self, title: str, nodes: list[AgendaNode], current_id: int | None,
                    titles: list[str] | None = None) -> None:
        """``titles``: each node's title as the shared screen may show it (initials), in node order."""
        self.title.setText(title)
        self.items.clear()
        shown = titles if titles is not None and len(titles) == len(nodes) else [n.title for n in nodes]
        self.now.setText("")
        for node, text in zip(nodes, shown, strict=True):
            item = QListWidgetItem(("    " * node.depth) + f"{node.number}  {text}")
            if node.id == current_id:
                item.setText("▶ " + item.text())
                font = item.font()
                font.setBold(True)
                item.setFont(font)
                self.now.setText(f"Now: {node.number} {text}")
            self.items.addItem(item)
            if node.id == current_id:
                self.items.setCurrentItem(item)
                self.items.scrollToItem(item, QListWidget.ScrollHint.PositionAtCenter)

    def clear(self) -> None:
        self.title.clear()
        self.now.clear()
        self.items.clear()
