"""The checklist as the practice profile lists it. Later work makes it a live editing panel."""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

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
