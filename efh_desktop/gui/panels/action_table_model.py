"""The action tracker's table: the app's one table model (gui/row_table_model.py) with actions'
columns, overdue rows in bold red, and sorting by date where a column holds one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtGui import QBrush, QFont

from efh_desktop.domain.uk_dates import format_date
from efh_desktop.gui import colours
from efh_desktop.gui.row_table_model import SORT_ROLE, RowTableModel
from efh_desktop.services.action_service import ActionRow

__all__ = ["COLUMNS", "SORT_ROLE", "ActionTableModel"]

COLUMNS = ("Action", "Owner", "Agency", "Due", "Status", "About", "Meeting")


class ActionTableModel(RowTableModel):
    def __init__(self, parent=None, *, show_meeting: bool = False) -> None:
        self.today = date.today()  # set_rows is given the clock's date
        shown = COLUMNS if show_meeting else COLUMNS[:-1]
        super().__init__([(name, self._cell(name)) for name in shown], parent)
        self._names = shown
        bold = QFont()
        bold.setBold(True)
        self._overdue_style = (QBrush(colours.colour("problem")), bold)  # the palette's, as built

    def set_rows(self, rows: list[ActionRow], today: date | None = None) -> None:  # type: ignore[override]
        self.today = today or date.today()
        super().set_rows(rows)

    def _cell(self, name: str) -> Callable[[ActionRow], str]:
        def text(row: ActionRow) -> str:
            if name == "Status" and row.overdue(self.today):
                return "Open (overdue)"
            if name == "Status" and row.status == "not_done" and row.not_done_reason:
                return f"Not done: {row.not_done_reason}"
            return {
                "Action": lambda: row.description, "Owner": lambda: row.owner, "Agency": lambda: row.agency,
                "Due": lambda: format_date(row.due_date) or "no date", "Status": lambda: row.status_label,
                "About": lambda: ", ".join(row.subjects),
                "Meeting": lambda: f"{row.meeting_title}, {format_date(row.meeting_date)}",
            }[name]()
        return text

    def sort_value(self, row: ActionRow, column: int) -> Any:
        name = self._names[column]
        if name == "Due":
            return (row.due_date or date.max).isoformat()
        if name == "Meeting":
            return row.meeting_date.isoformat()
        return super().sort_value(row, column)

    def row_style(self, row: ActionRow) -> tuple[QBrush | None, QFont | None]:
        return self._overdue_style if row.overdue(self.today) else (None, None)
