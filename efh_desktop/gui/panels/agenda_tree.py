"""The agenda as a tree view: titles, planned minutes and planned times, with drag and drop that
goes through the services rather than letting Qt rearrange rows on its own."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTreeView

from efh_desktop.domain.agenda_timing import AgendaTiming
from efh_desktop.domain.uk_dates import format_time
from efh_desktop.services.agenda_service import AgendaNode

ID_ROLE = Qt.ItemDataRole.UserRole + 1
COL_NUMBER, COL_TITLE, COL_MINUTES, COL_TIME = range(4)


class AgendaTreeView(QTreeView):
    # item id, new parent id (None for top level), position among the new siblings
    move_requested = Signal(int, object, int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked)
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        dragged = self.currentIndex().siblingAtColumn(COL_NUMBER)
        target = self.indexAt(event.position().toPoint()).siblingAtColumn(COL_NUMBER)
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()  # the model is rebuilt from the database after the move; Qt moves nothing
        if not dragged.isValid():
            return
        item_id = dragged.data(ID_ROLE)
        where = self.dropIndicatorPosition()
        if not target.isValid() or where == QAbstractItemView.DropIndicatorPosition.OnViewport:
            top = self.model().rowCount()
            self.move_requested.emit(item_id, None, top)
            return
        if where == QAbstractItemView.DropIndicatorPosition.OnItem:
            self.move_requested.emit(item_id, target.data(ID_ROLE), self.model().rowCount(target))
            return
        parent = target.parent()
        row = target.row() + (1 if where == QAbstractItemView.DropIndicatorPosition.BelowItem else 0)
        if dragged.parent() == parent and dragged.row() < row:
            row -= 1  # the dragged item leaves its old place first
        self.move_requested.emit(item_id, parent.data(ID_ROLE) if parent.isValid() else None, row)


def build_model(model: QStandardItemModel, nodes: list[AgendaNode], timing: AgendaTiming) -> None:
    model.clear()
    model.setHorizontalHeaderLabels(["No.", "Item", "Minutes", "Planned time"])
    rows: dict[int, QStandardItem] = {}
    for node in nodes:
        timed = timing.items.get(node.id)
        cells = [
            QStandardItem(node.number),
            QStandardItem(node.title),
            QStandardItem(str(node.planned_minutes)),
            QStandardItem(f"{format_time(timed.starts)} to {format_time(timed.finishes)}" if timed else ""),
        ]
        for column, cell in enumerate(cells):
            cell.setData(node.id, ID_ROLE)
            cell.setEditable(column in (COL_TITLE, COL_MINUTES))
            cell.setDropEnabled(True)
        cells[COL_NUMBER].setData(f"Item {node.number}", Qt.ItemDataRole.AccessibleTextRole)
        parent = rows.get(node.parent_id) if node.parent_id else None
        (parent.appendRow if parent else model.appendRow)(cells)
        rows[node.id] = cells[COL_NUMBER]
