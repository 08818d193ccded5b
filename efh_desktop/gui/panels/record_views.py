"""Read-only views of what a meeting has recorded so far (checklist, notes and decisions,
actions). Later work makes each of them a live editing panel."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget, QTableView, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from efh_desktop.domain.uk_dates import format_date, format_datetime
from efh_desktop.gui.row_table_model import RowTableModel
from efh_desktop.gui.widgets import empty_state, named
from efh_desktop.services.app_services import Services


class _Switch(QWidget):
    """A view with its empty state: one shows, the other hides."""

    def __init__(self, main: QWidget, empty_text: str) -> None:
        super().__init__()
        self.main, self.empty = main, empty_state(empty_text)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.main)
        layout.addWidget(self.empty)

    def show_main(self, has_rows: bool) -> None:
        self.main.setVisible(has_rows)
        self.empty.setVisible(not has_rows)


class ChecklistView(_Switch):
    def __init__(self) -> None:
        tree = named(QTreeWidget(), "Must consider checklist")
        tree.setHeaderLabels(["Must consider", "Status"])
        tree.setColumnWidth(0, 620)
        super().__init__(tree, "This meeting type has no checklist in the practice profile.")
        self.tree = tree

    def load(self, services: Services | None, type_key: str | None) -> None:
        self.tree.clear()
        profile = services.profile if services else None
        checklist = profile.checklist_for(type_key) if profile and type_key in profile.meeting_types else None
        self.show_main(checklist is not None)
        if checklist is None:
            return

        def add(items, parent, prefix=""):  # noqa: ANN001, ANN202
            for number, item in enumerate(items, 1):
                node = QTreeWidgetItem([f"{prefix}{number}. {item.title}", "Not yet"])
                (parent.addChild(node) if parent else self.tree.addTopLevelItem(node))
                add(item.sub_items, node, f"{prefix}{number}.")

        add(checklist.items, None)
        self.tree.expandAll()


class NotesView(_Switch):
    def __init__(self) -> None:
        notes = named(QListWidget(), "Notes and decisions")
        notes.setWordWrap(True)
        super().__init__(notes, "No notes or decisions yet. They are recorded live during the meeting.")
        self.list = notes

    def load(self, services: Services | None, meeting_id: int | None) -> None:
        self.list.clear()
        if services is None or meeting_id is None:
            return
        notes = services.minutes.notes(meeting_id)
        decisions = services.minutes.decisions(meeting_id)
        for note in notes:
            flags = "".join((" · not for the family" if note.not_for_family else "",
                             " · child's own words" if note.childs_own_words else ""))
            self.list.addItem(f"Note ({note.source_agency or 'agency not recorded'}, "
                              f"{format_datetime(note.created_at)}){flags}\n{note.text}")
        for decision in decisions:
            extra = f"\nReason: {decision.rationale}" if decision.rationale else ""
            extra += f"\nDissent: {decision.dissent}" if decision.dissent else ""
            self.list.addItem(f"Decision ({decision.decided_by or 'decided by not recorded'})\n"
                              f"{decision.text}{extra}")
        self.show_main(bool(notes or decisions))


class ActionsView(_Switch):
    def __init__(self) -> None:
        table = named(QTableView(), "Actions")
        super().__init__(table, "No actions yet. Each action needs an owner, an agency and a due date.")
        self.model = RowTableModel([
            ("Action", lambda a: a.description), ("Owner", lambda a: a.owner), ("Agency", lambda a: a.agency),
            ("Due", lambda a: format_date(a.due_date) or "no date"),
            ("Status", lambda a: {"open": "Open", "done": "Done", "not_done": "Not done"}.get(a.status, a.status)),
        ], self)
        table.setModel(self.model)
        table.verticalHeader().hide()
        table.horizontalHeader().setStretchLastSection(True)
        self.table = table

    def load(self, services: Services | None, meeting_id: int | None) -> None:
        actions = services.minutes.actions(meeting_id) if services and meeting_id else []
        self.model.set_rows(actions)
        self.table.resizeColumnsToContents()
        self.show_main(bool(actions))
