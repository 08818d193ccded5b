"""The Meetings view: every meeting, newest first, with filters, search and "New meeting".

The list is read a page at a time (gui/panels/paged_meetings_model.py): the first page and the count
when it is filled, the next as it scrolls, each page's overdue steps with it (issue 17)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from efh_desktop.domain.uk_dates import format_date, format_time
from efh_desktop.gui.panels.paged_meetings_model import PagedMeetingsModel
from efh_desktop.gui.widgets import after_a_pause, empty_state, list_table, make_action, named
from efh_desktop.services.app_services import Services
from efh_desktop.services.meeting_pages import (
    STATUS_LABELS,
    MeetingCursor,
    MeetingFilter,
    MeetingPage,
    MeetingRow,
)


class MeetingsPanel(QWidget):
    PAGE_ROWS = 200  # a page: several screens of rows
    open_meeting = Signal(int)
    new_meeting_requested = Signal()

    def __init__(self, services: Services, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("meetings_panel")
        self._services = services  # the session's (gui/session_view.py): this panel goes when it locks
        # The list as read is what is on screen: read just before the panel's first show (start-up),
        # or while in view. Reading it again on that first show doubled the list's cost (issue 17).
        self._ever_shown = self._fresh = False
        self.model = PagedMeetingsModel([
            ("Type", lambda r: r.type_name),
            ("Date", lambda r: format_date(r.starts_at)),
            ("Time", lambda r: format_time(r.starts_at)),
            ("Status", lambda r: r.status_label),
            ("Locality", lambda r: r.locality),
            ("Title", lambda r: r.title),
            ("Overdue", lambda r: self._overdue.get(r.id, "")),  # the distribution clock (issue 15)
        ], self, page_size=self.PAGE_ROWS)
        self._overdue: dict[int, str] = {}

        self.search = named(QLineEdit(), "Search meetings", "Search by title, type, locality, chair or operation")
        self.search.setPlaceholderText("Search meetings (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.type_filter = named(QComboBox(), "Filter by meeting type")
        self.status_filter = named(QComboBox(), "Filter by status")
        self.locality_filter = named(QComboBox(), "Filter by locality")
        self.new_button = named(QPushButton("&New meeting…"), "New meeting", "Create a meeting (Ctrl+N)")
        self.new_button.clicked.connect(self.new_meeting_requested)

        self.table = list_table(self.model, "Meetings list", "Press Enter to open the selected meeting")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.activated.connect(self._activated)

        self.count_label = QLabel()
        self.count_label.setObjectName("meetings_count")
        self.empty = empty_state("")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.type_filter, 2)
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.locality_filter, 1)
        filters.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.count_label)

        # Typing re-queries after a short pause, not on every keystroke.
        self._debounce = after_a_pause(self, 200, self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        # From the search box to what it found by keyboard: Enter or Down goes to the list's first
        # meeting (then Enter opens it), as the search tab's box does; Tab still walks the filters.
        self.search.returnPressed.connect(self._to_list)
        down = make_action(self.search, "", "Down", self._to_list)
        down.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        for combo in (self.type_filter, self.status_filter, self.locality_filter):
            combo.currentIndexChanged.connect(lambda _index: self.refresh())

    def _to_list(self) -> None:
        if self._debounce.isActive():  # what is typed, not what the pause has not yet read
            self._debounce.stop()
            self.refresh()
        if self.model.rowCount():
            self.table.setFocus()
            if not self.table.currentIndex().isValid():
                self.table.setCurrentIndex(self.model.index(0, 0))

    def set_services(self, services: Services) -> None:
        """Fill the filters and the list again (a meeting was created, imported or changed)."""
        self._services = services
        self._fill_filters(services)
        self.refresh()

    def _fill_filters(self, services: Services) -> None:
        for combo in (self.type_filter, self.status_filter, self.locality_filter):
            combo.blockSignals(True)
            combo.clear()
        self.type_filter.addItem("All meeting types", None)
        for key, meeting_type in services.profile.meeting_types.items():
            self.type_filter.addItem(meeting_type.name, key)
        self.status_filter.addItem("Any status", None)
        for key, label in STATUS_LABELS.items():
            self.status_filter.addItem(label, key)
        self.locality_filter.addItem("All localities", None)
        for locality in services.meeting_list.localities():
            self.locality_filter.addItem(locality, locality)
        for combo in (self.type_filter, self.status_filter, self.locality_filter):
            combo.blockSignals(False)

    def refresh(self, at_least: int = 0) -> None:
        """Read the list's first page (``at_least`` rows when more are wanted) and the count."""
        self._fresh = self.isVisible() or not self._ever_shown
        chosen = MeetingFilter(type_key=self.type_filter.currentData(), status=self.status_filter.currentData(),
                               locality=self.locality_filter.currentData(), text=self.search.text())
        services = self._services

        def page(after: MeetingCursor | None, limit: int) -> MeetingPage:
            # Core reads only (services/meeting_list.py): the list fills before the ORM is loaded.
            found = services.meeting_list.page(chosen, after, limit)
            if after is None:
                self._overdue = {}
            # The distribution clock's overdue steps for this page's meetings only (issue 15).
            self._overdue.update(services.meeting_list.overdue_for_rows(list(found.rows)))
            return found

        self.model.start(page, at_least)
        total = self.model.total
        filtered = bool(self.search.text().strip()) or any(
            c.currentData() is not None for c in (self.type_filter, self.status_filter, self.locality_filter))
        if total:
            self.stack.setCurrentWidget(self.table)
            if not at_least:
                self.table.scrollToTop()  # a new search or filter starts at its newest meeting
            self.table.resizeColumnsToContents()
            self._date_fits()
        else:
            self.empty.setText("No meetings match these filters. Clear the search or choose “All”."
                               if filtered else
                               "No meetings yet.\n\nPress Ctrl+N (or “New meeting…”) to set one up: the agenda, "
                               "must-consider list and attendee prompts come from the meeting type.")
            self.stack.setCurrentWidget(self.empty)
        self.count_label.setText(f"{total:,} meeting{'s' if total != 1 else ''}")

    def _date_fits(self) -> None:
        """Sized from the rows measured (the first page's first rows), the date column must still
        fit the longest date further down, or it wraps there."""
        header = self.table.horizontalHeader()
        wanted = self.table.fontMetrics().horizontalAdvance("30 September 2000") + 16
        if header.sectionSize(1) < wanted:
            header.resizeSection(1, wanted)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Coming back to the list shows what was changed in a meeting meanwhile (its time, its
        status), on the same row."""
        super().showEvent(event)
        self._ever_shown = True
        if self._fresh:
            return
        if self._services is not None and not event.spontaneous():
            chosen = self.selected_meeting_id()
            self.refresh(at_least=self.model.rowCount())  # as many rows as were loaded: the chosen one is
            if chosen is not None:
                self.select_meeting(chosen)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().hideEvent(event)
        self._fresh = False  # a meeting opened from here may change; read the list when back

    def select_meeting(self, meeting_id: int) -> bool:
        """Choose a meeting's row, reading further pages until it is found; False when not listed."""
        row = self.model.find(meeting_id)
        if row is not None:
            self.table.selectRow(row)
        return row is not None

    def selected_meeting_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()).id if index.isValid() else None

    def _activated(self, index) -> None:
        row: MeetingRow = self.model.row_at(index.row())
        self.open_meeting.emit(row.id)
