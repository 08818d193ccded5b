"""The action tracker's table: one row per action, sortable, overdue actions in red."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

from efh_desktop.domain.uk_dates import format_date
from efh_desktop.gui import colours
from efh_desktop.services.action_service import ActionRow

COLUMNS = ("Action", "Owner", "Agency", "Due", "Status", "About", "Meeting")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


class ActionTableModel(QAbstractTableModel):
    def __init__(self, parent=None, *, show_meeting: bool = False) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._rows: list[ActionRow] = []
        self._today = date.today()
        self._columns = COLUMNS if show_meeting else COLUMNS[:-1]

    def set_rows(self, rows: list[ActionRow], today: date | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._today = today or date.today()
        self.endResetModel()

    def row_at(self, row: int) -> ActionRow:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        overdue = row.overdue(self._today)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == "Status" and overdue:
                return "Open (overdue)"
            if column == "Status" and row.status == "not_done" and row.not_done_reason:
                return f"Not done: {row.not_done_reason}"
            return {
                "Action": row.description, "Owner": row.owner, "Agency": row.agency,
                "Due": format_date(row.due_date) or "no date", "Status": row.status_label,
                "About": ", ".join(row.subjects),
                "Meeting": f"{row.meeting_title}, {format_date(row.meeting_date)}",
            }[column]
        if role == SORT_ROLE:
            if column == "Due":
                return (row.due_date or date.max).isoformat()
            if column == "Meeting":
                return row.meeting_date.isoformat()
            return str(self.data(index, Qt.ItemDataRole.DisplayRole)).casefold()
        if role == Qt.ItemDataRole.ForegroundRole and overdue:
            return QBrush(colours.colour("problem"))
        if role == Qt.ItemDataRole.FontRole and overdue:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None
