"""The Subjects view: the registry of children, peer groups, places and persons of concern."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from efh_desktop.gui.row_table_model import RowTableModel
from efh_desktop.gui.subject_dialog import SubjectDialog
from efh_desktop.gui.widgets import after_a_pause, empty_state, list_table, named
from efh_desktop.services.app_services import Services
from efh_desktop.services.subject_service import KIND_LABELS

_PLURALS = {"child": "Children", "peer_group": "Peer groups", "place": "Places",
            "person_of_concern": "Persons of concern"}


class SubjectsPanel(QWidget):
    history_requested = Signal(int)  # a subject's history page

    def __init__(self, services: Services, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("subjects_panel")
        self._services = services  # the session's (gui/session_view.py): this panel goes when it locks
        self._stale = True
        self.model = RowTableModel([
            ("Kind", lambda r: r.kind_label),
            ("Name", lambda r: r.name),
            ("Aliases", lambda r: ", ".join(r.aliases)),
            ("Locality", lambda r: r.locality),
            ("Details", lambda r: r.detail),
        ], self)
        self.search = named(QLineEdit(), "Search subjects", "Search by name, alias or LCS/EHM identifier")
        self.search.setPlaceholderText("Search by name, alias or identifier")
        self.search.setClearButtonEnabled(True)
        self.kind_filter = named(QComboBox(), "Filter by kind of subject")
        self.kind_filter.addItem("All subjects", None)
        for key, label in _PLURALS.items():
            self.kind_filter.addItem(label, key)
        self.add_button = named(QPushButton("A&dd…"), "Add subject", "Add a child, peer group, place or person of concern")
        menu = QMenu(self.add_button)
        for key, label in KIND_LABELS.items():
            menu.addAction(label, lambda k=key: self.add_subject(k))
        self.add_button.setMenu(menu)
        self.edit_button = named(QPushButton("&Edit…"), "Edit subject", "Edit the selected subject (Enter)")
        self.edit_button.clicked.connect(self.edit_selected)
        self.history_button = named(QPushButton("Histor&y…"), "Subject history",
                                    "Every meeting, note, decision and intervention about the selected subject")
        self.history_button.clicked.connect(self._history_selected)

        self.table = list_table(self.model, "Subjects list", "Press Enter to edit the selected subject")
        self.table.activated.connect(lambda _index: self.edit_selected())
        self.empty = empty_state("")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.count_label = QLabel()

        bar = QHBoxLayout()
        bar.addWidget(self.search, 3)
        bar.addWidget(self.kind_filter, 1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.history_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.count_label)

        self._debounce = after_a_pause(self, 200, self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self.kind_filter.currentIndexChanged.connect(self.refresh)

    def set_services(self, services: Services) -> None:
        """Show the list again, now if it is in view, else when it next is."""
        self._services = services
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        # Filled when first shown, not at unlock: start-up only pays for the meetings list.
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        rows = self._services.subjects.list(self.kind_filter.currentData(), self.search.text())
        self.model.set_rows(rows)
        if rows:
            self.stack.setCurrentWidget(self.table)
            self.table.resizeColumnsToContents()
        else:
            self.empty.setText("Nothing matches that search." if self.search.text().strip() else
                               "No subjects yet.\n\nUse “Add…” to record a child, peer group, place or person "
                               "of concern. Notes, decisions and actions are tagged to subjects, which is what "
                               "makes a copy of the minutes for each child possible.")
            self.stack.setCurrentWidget(self.empty)
        self.count_label.setText(f"{len(rows):,} subject{'s' if len(rows) != 1 else ''}")

    def add_subject(self, kind: str) -> int | None:
        dialog = SubjectDialog(self._services, kind, parent=self)
        if dialog.exec() == SubjectDialog.DialogCode.Accepted:
            self.refresh()
            return dialog.saved_id
        return None

    def _history_selected(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.history_requested.emit(self.model.row_at(index.row()).id)

    def edit_selected(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        row = self.model.row_at(index.row())
        dialog = SubjectDialog(self._services, row.kind, row.id, parent=self)
        if dialog.exec() == SubjectDialog.DialogCode.Accepted:
            self.refresh()
