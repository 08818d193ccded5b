"""The all-actions table a page at a time: the first page when the tab opens, the next whenever the
view scrolls to the end (Qt's canFetchMore / fetchMore), so opening the tracker costs the same on a
store of 4,000 actions or 400,000 (issue 17). Pages come from ActionService.tracker_page as frozen
rows; this model never reads the store itself."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex

from efh_desktop.gui.panels.action_table_model import ActionTableModel
from efh_desktop.services.action_tracker import TrackerCursor, TrackerPage

_Index = QModelIndex | QPersistentModelIndex
PageSource = Callable[[TrackerCursor | None], TrackerPage]


class PagedActionTableModel(ActionTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent, show_meeting=True)
        self._source: PageSource | None = None
        self._cursor: TrackerCursor | None = None
        self.overdue = 0

    def start(self, source: PageSource | None, today: date | None = None) -> None:
        """Show the first page from ``source`` (None: empty)."""
        self._source, self._cursor, self.overdue = source, None, 0
        page = source(None) if source is not None else TrackerPage((), None, 0)
        self.set_rows(list(page.rows), today)
        self._cursor, self.overdue = page.cursor, page.overdue

    @property
    def complete(self) -> bool:
        """Every row is loaded."""
        return self._cursor is None

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and self._source is not None and self._cursor is not None

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: N802, B008
        if not self.canFetchMore(parent):
            return
        assert self._source is not None
        page = self._source(self._cursor)
        self._cursor = page.cursor
        self.overdue += page.overdue
        self.append_rows(page.rows)

    def fetch_all(self) -> None:
        while self.canFetchMore():
            self.fetchMore()
