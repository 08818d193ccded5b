"""The subjects a meeting is about: find them in the registry as you type (name, alias or
identifier) or create them on the spot; each child shows legal status and the in care, YOT order
and open referral flags."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from efh_desktop.domain.practice_rules import CAME_THROUGH, SAFER_OPTIONS_TYPES
from efh_desktop.domain.text_rules import TextRejected
from efh_desktop.gui import message_box
from efh_desktop.gui.row_table_model import RowTableModel
from efh_desktop.gui.subject_dialog import SubjectDialog
from efh_desktop.gui.widgets import after_a_pause, make_action, named
from efh_desktop.services.app_services import Services
from efh_desktop.services.context import ServiceError
from efh_desktop.services.subject_service import KIND_LABELS


class MeetingSubjectsPanel(QWidget):
    changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("meeting_subjects")
        self._services: Services | None = None
        self.meeting_id: int | None = None
        self.search = named(QLineEdit(), "Find a subject to add", "Type a name, alias or LCS/EHM identifier")
        self.search.setPlaceholderText("Find a child, group, place or person to add…")
        self.results = named(QListWidget(), "Matching subjects", "Press Enter to add the selected subject")
        self.results.setMaximumHeight(110)
        self.results.itemActivated.connect(self._add_result)
        self.add_button = named(QPushButton("Add to meeting"), "Add to meeting")
        self.add_button.clicked.connect(lambda: self._add_result(self.results.currentItem()))
        self.create_button = named(QPushButton("Create ne&w…"), "Create a new subject")
        menu = QMenu(self.create_button)
        for key, label in KIND_LABELS.items():
            menu.addAction(label, lambda k=key: self._create(k))
        self.create_button.setMenu(menu)
        self.model = RowTableModel([
            ("Kind", lambda r: KIND_LABELS.get(r.kind, r.kind)),
            ("Name", lambda r: r.name),
            ("Details", lambda r: self._services.subjects.describe(r) if self._services else ""),
        ], self)
        self.table = named(QTableView(), "Subjects of this meeting", "Delete removes the selected subject")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.remove_button = named(QPushButton("Remove from meeting"), "Remove from meeting")
        self.remove_button.clicked.connect(self._remove)
        self.agreement_button = named(QPushButton("Record agreement…"), "Record planning agreement",
                                      "For a child in another planning process with a YOT order: how meetings "
                                      "are arranged, chaired and structured")
        self.agreement_button.clicked.connect(self._agreement)
        self.frozen_note = QLabel()
        self.frozen_note.setObjectName("subjects_frozen_note")
        self.frozen_note.setWordWrap(True)
        self.frozen_note.setAccessibleName("Why the subjects cannot change")
        self.frozen_note.hide()
        self.route_button = named(QPushButton("Ro&ute to the meeting…"), "How the child came to the meeting",
                                  "Safer Options: an EHM referral from First Response files on the EHM Contact; "
                                  "every other child on the Safer Options casenote in EHM General Notes")
        self.route_button.clicked.connect(self._route)
        remove = make_action(self.table, "", "Delete", self._remove)
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)

        find = QHBoxLayout()
        find.addWidget(self.search, 1)
        find.addWidget(self.add_button)
        find.addWidget(self.create_button)
        actions = QHBoxLayout()
        actions.addWidget(self.remove_button)
        actions.addWidget(self.agreement_button)
        actions.addWidget(self.route_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Subjects of this meeting:"))
        layout.addWidget(self.frozen_note)
        layout.addLayout(find)
        layout.addWidget(self.results)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)

        self._debounce = after_a_pause(self, 150, self._find)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(lambda: self._add_result(self.results.item(0)))

    def set_meeting(self, services: Services | None, meeting_id: int | None) -> None:
        self._services, self.meeting_id = services, meeting_id
        self.search.clear()
        self.results.clear()
        self.results.hide()
        if meeting_id is None:
            self.model.clear()
            return
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(self._services.meetings.subjects(self.meeting_id))
        # Only Safer Options files a child's copy by how they came (an EHM referral from First Response).
        self.route_button.setVisible(self._services.meetings.get(self.meeting_id).type_key in SAFER_OPTIONS_TYPES)
        self.table.resizeColumnsToContents()
        # A finalised meeting's subjects are part of its record: the buttons say so rather than
        # failing with an error box once pressed.
        final = self._services.meetings.get(self.meeting_id).status == "finalised"
        for widget in (self.search, self.add_button, self.create_button, self.remove_button, self.agreement_button):
            widget.setEnabled(not final)
        self.frozen_note.setText("The minutes are finalised, so this meeting's subjects cannot change; record a "
                                 "correction as an amendment (8 Finalise and export)." if final else "")
        self.frozen_note.setVisible(final)

    def _find(self) -> None:
        self.results.clear()
        text = self.search.text().strip()
        if not text or self.meeting_id is None:
            self.results.hide()
            return
        present = {s.id for s in self._services.meetings.subjects(self.meeting_id)}
        for row in self._services.subjects.list(text=text, limit=30):
            if row.id in present:
                continue
            aliases = f" ({', '.join(row.aliases)})" if row.aliases else ""
            item = QListWidgetItem(f"{row.kind_label}: {row.name}{aliases}" + (f"; {row.detail}" if row.detail else ""))
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)
        self.results.setVisible(self.results.count() > 0)

    def _add_result(self, item: QListWidgetItem | None) -> None:
        if item is None or self.meeting_id is None:
            return
        self._add(item.data(Qt.ItemDataRole.UserRole))
        self.search.clear()
        self.search.setFocus()

    def _add(self, subject_id: int) -> None:
        try:
            self._services.meetings.add_subject(self.meeting_id, subject_id)
        except ServiceError as exc:
            message_box.warning(self, "Subject not added", str(exc))
            return
        self.refresh()
        self.changed.emit()

    def _create(self, kind: str) -> None:
        dialog = SubjectDialog(self._services, kind, parent=self)
        if self.search.text().strip():
            dialog.name.setText(self.search.text().strip())
        if dialog.exec() == SubjectDialog.DialogCode.Accepted and dialog.saved_id:
            self._add(dialog.saved_id)
            self.search.clear()

    def _selected(self):
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _remove(self) -> None:
        subject = self._selected()
        if subject is None or not self.remove_button.isEnabled():
            return
        try:
            self._services.meetings.remove_subject(self.meeting_id, subject.id)
        except ServiceError as exc:
            message_box.warning(self, "Subject not removed", str(exc))
            return
        self.refresh()
        self.changed.emit()

    def _route(self) -> None:
        subject = self._selected()
        if subject is None or subject.kind != "child":
            message_box.information(self, "Route to the meeting", "Select a child first.")
            return
        keys = list(CAME_THROUGH)
        current = self._services.practice.came_through(self.meeting_id, subject.id)
        label, ok = QInputDialog.getItem(self, f"How this child came to the meeting: {subject.name}",
                                         "How did the child come to this meeting?", list(CAME_THROUGH.values()),
                                         keys.index(current) if current in keys else 0, False)
        if not ok:
            return
        try:
            self._services.practice.set_came_through(self.meeting_id, subject.id, keys[list(CAME_THROUGH.values())
                                                                                       .index(label)])
        except ServiceError as exc:
            message_box.warning(self, "Not recorded", str(exc))
            return
        self.changed.emit()

    def _agreement(self) -> None:
        subject = self._selected()
        if subject is None or subject.kind != "child":
            message_box.information(self, "Planning agreement", "Select a child first.")
            return
        text, ok = QInputDialog.getMultiLineText(
            # The name goes in the title (always plain text), never in the label (which Qt may read
            # as markup).
            self, f"Concurrent planning agreement: {subject.name}",
            "How are this child's meetings arranged, chaired and structured alongside the YOT order?",
            self._services.setup.planning_agreement(self.meeting_id, subject.id))
        if not ok:
            return
        try:
            self._services.setup.set_planning_agreement(self.meeting_id, subject.id, text)
        except (ServiceError, TextRejected) as exc:
            message_box.warning(self, "Agreement not recorded", str(exc))
            return
        self.changed.emit()
