"""The chair view: the agenda, large, with the item under discussion marked, for a shared screen.

It shows no timers, notes or names beyond the agenda titles the chair chose; the window title is
the application's name only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from efh_desktop import APP_NAME
from efh_desktop.gui.widgets import named, plain_label
from efh_desktop.services.agenda_service import AgendaNode


class ChairView(QWidget):
    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setWindowTitle(f"{APP_NAME}: agenda")
        self.setObjectName("chair_view")
        self.title = plain_label()
        self.title.setStyleSheet("font-size: 22pt; font-weight: 600;")
        self.now = QLabel()
        self.now.setTextFormat(Qt.TextFormat.PlainText)
        self.now.setStyleSheet("font-size: 18pt; color: #1f4e79;")
        self.items = named(QListWidget(), "Agenda for the shared screen")
        font = QFont()
        font.setPointSize(16)
        self.items.setFont(font)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.now)
        layout.addWidget(self.items, 1)
        self.resize(900, 700)

    def show_agenda(self, title: str, nodes: list[AgendaNode], current_id: int | None) -> None:
        self.title.setText(title)
        self.items.clear()
        for node in nodes:
            item = QListWidgetItem(("    " * node.depth) + f"{node.number}  {node.title}")
            if node.id == current_id:
                item.setText("▶ " + item.text())
                font = item.font()
                font.setBold(True)
                item.setFont(font)
                self.now.setText(f"Now: {node.number} {node.title}")
            self.items.addItem(item)
            if node.id == current_id:
                self.items.setCurrentItem(item)
                self.items.scrollToItem(item, QListWidget.ScrollHint.PositionAtCenter)
        if current_id is None:
            self.now.setText("")

    def clear(self) -> None:
        self.title.clear()
        self.now.clear()
        self.items.clear()
