"""The one table model: read-only, over a list of plain rows (frozen dataclasses from the services).

Columns are (heading, function of a row). The model never touches the database: panels ask the
services for rows and hand them over, so widgets never run SQL. Every table view in the app that
shows service rows uses it (the meetings list, the subjects list, a meeting's subjects, the action
tracker); a subclass adds only what its rows need (see ``sort_value`` and ``row_style``, used by
gui/panels/action_table_model.py). tests/test_qt_models.py runs Qt's model tester over each.

Roles: DisplayRole and AccessibleTextRole give the column's text; UserRole the row's ``id``;
``SORT_ROLE`` what a QSortFilterProxyModel sorts by (the text, case-folded, unless a subclass says).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

Column = tuple[str, Callable[[Any], Any]]
_Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class RowTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent=None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def append_rows(self, rows: Sequence[Any]) -> None:
        """Rows added at the end (the next page of a paged list), without resetting the view."""
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    def clear(self) -> None:
        self.set_rows([])

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    # -- what a subclass may add ------------------------------------------------------------------
    def sort_value(self, row: Any, column: int) -> Any:
        """What SORT_ROLE gives: by default the shown text, case-folded."""
        return self._text(row, column).casefold()

    def row_style(self, row: Any) -> tuple[QBrush | None, QFont | None]:
        """A foreground brush and font for the whole row (None, None: the view's own)."""
        return None, None

    # -- Qt ---------------------------------------------------------------------------------------
    def _text(self, row: Any, column: int) -> str:
        value = self._columns[column][1](row)
        return "" if value is None else str(value)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.UserRole:
            return getattr(row, "id", None)
        if role == SORT_ROLE:
            return self.sort_value(row, index.column())
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.row_style(row)[0]
        if role == Qt.ItemDataRole.FontRole:
            return self.row_style(row)[1]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._columns)):
            return self._columns[section][0]
        return None
