"""The meetings list a page at a time: the first page (and the number of meetings that match) when the
list is read, the next whenever the view scrolls to its end (Qt's canFetchMore / fetchMore), so the
list costs the same to show on a store of 200 meetings or 20,000 (issue 17). Pages come from
MeetingService.page as frozen rows; this model never reads the store itself."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex

from efh_desktop.gui.row_table_model import Column, RowTableModel
from efh_desktop.services.meeting_pages import MeetingCursor, MeetingPage

_Index = QModelIndex | QPersistentModelIndex
# Reads the page after a cursor (None: the first page) of at least ``limit`` rows.
PageSource = Callable[[MeetingCursor | None, int], MeetingPage]


class PagedMeetingsModel(RowTableModel):
    def __init__(self, columns: Sequence[Column], parent=None, page_size: int = 200) -> None:
        super().__init__(columns, parent)
        self.page_size = page_size
        self.total = 0  # how many meetings match, loaded or not
        self._source: PageSource | None = None
        self._cursor: MeetingCursor | None = None

    def start(self, source: PageSource | None, at_least: int = 0) -> None:
        """Show the first page from ``source`` (None: empty); ``at_least`` rows when more were
        loaded before (coming back to the list keeps the row that was chosen)."""
        self._source, self._cursor = source, None
        page = source(None, max(self.page_size, at_least)) if source is not None else MeetingPage((), None, 0)
        self.total = page.total if page.total is not None else len(page.rows)
        self.set_rows(list(page.rows))
        self._cursor = page.cursor

    @property
    def complete(self) -> bool:
        """Every matching meeting is loaded."""
        return self._cursor is None

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and self._source is not None and self._cursor is not None

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: N802, B008
        if not self.canFetchMore(parent):
            return
        assert self._source is not None
        page = self._source(self._cursor, self.page_size)
        self._cursor = page.cursor
        self.append_rows(page.rows)

    def find(self, meeting_id: int) -> int | None:
        """The row of a meeting, loading further pages until it is found or none is left."""
        start = 0
        while True:
            for row in range(start, self.rowCount()):
                if self._rows[row].id == meeting_id:
                    return row
            start = self.rowCount()
            if not self.canFetchMore():
                return None
            self.fetchMore()
