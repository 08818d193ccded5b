"""A subject's history page: every meeting where it was discussed, with the notes, decisions and
interventions tagged with it, oldest first; each intervention's status, outcome and impact. Filters
by meeting type and date range; Enter opens the record's meeting. A place's or group's page shows
the trend by month; a child's page opens the sibling-group ecomap.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from efh_desktop.domain.uk_dates import format_date
from efh_desktop.gui.date_field import DateField
from efh_desktop.gui.trend_chart import TrendChart
from efh_desktop.gui.widgets import named, plain_label, say_problem
from efh_desktop.services.app_services import Services
from efh_desktop.services.context import ServiceError
from efh_desktop.services.subject_service import KIND_LABELS

MEETING_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2  # ("action", id) etc.
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 3  # the whole record, said under the tree


class HistoryPage(QWidget):
    open_meeting = Signal(int)
    edit_subject = Signal(int)

    def __init__(self, services: Services, subject_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("history_page")
        self._services, self.subject_id = services, subject_id
        subject = services.subjects.get(subject_id)
        self.kind = subject.kind
        self.heading = plain_label(f"{subject.name} — {KIND_LABELS.get(subject.kind, subject.kind)}")
        self.heading.setObjectName("history_heading")
        self.heading.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.links = plain_label()
        self.links.setObjectName("history_links")
        self.links.setWordWrap(True)
        self.links.setAccessibleName("Relationships")

        self.type_filter = named(QComboBox(), "Meeting type filter")
        self.type_filter.addItem("All meeting types", None)
        for key, name in services.history.meeting_types_of(subject_id):
            self.type_filter.addItem(name, key)
        self.since = self._date_edit("From date")
        self.until = self._date_edit("To date")
        for widget in (self.type_filter,):
            widget.currentIndexChanged.connect(self.refresh)
        for edit in (self.since, self.until):
            edit.dateChanged.connect(lambda _day: self.refresh())

        self.tree = named(QTreeWidget(), "History", "Meetings oldest first, each with its records; Enter opens "
                                                    "the meeting")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["When and what", "Record", "Status, outcome and impact"])
        self.tree.setWordWrap(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setColumnWidth(0, 420)
        self.tree.setColumnWidth(1, 90)
        self.tree.itemActivated.connect(self._activated)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.open_button = named(QPushButton("Open &meeting"), "Open meeting", "Open the selected record's meeting")
        self.open_button.clicked.connect(self._open_current)
        self.outcome_button = named(QPushButton("Record o&utcome…"), "Record outcome",
                                    "Close the selected intervention with what changed, a rating and the evidence")
        self.outcome_button.clicked.connect(self.record_outcome)
        self.outcome_button.setEnabled(False)
        self.edit_button = named(QPushButton("&Edit details…"), "Edit details")
        self.edit_button.clicked.connect(lambda: self.edit_subject.emit(self.subject_id))
        self.siblings_button = named(QPushButton("Si&bling group ecomap…"), "Sibling group ecomap")
        self.siblings_button.clicked.connect(self.show_siblings)
        self.siblings_button.setVisible(self.kind == "child")
        # The tree's columns cut long records and outcomes short: the whole of the chosen one here.
        self.detail = plain_label()
        self.detail.setObjectName("history_detail")
        self.detail.setAccessibleName("Chosen record")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = plain_label()
        self.message.setObjectName("history_message")
        self.trend = TrendChart()
        self.trend.setVisible(self.kind in ("place", "peer_group"))

        filters = QHBoxLayout()
        for text, widget in (("Meeting &type:", self.type_filter), ("&From:", self.since), ("T&o:", self.until)):
            label = QLabel(text)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget)
        filters.addStretch(1)
        buttons = QHBoxLayout()
        for button in (self.open_button, self.outcome_button, self.edit_button, self.siblings_button):
            # In a dialog every button is Enter's "default" by Qt's default: Enter in a date filter
            # clicked "Open meeting" and closed the page. Enter filters there; on a record it opens
            # the record's meeting (the tree's own Enter).
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.links)
        layout.addWidget(self.trend)
        layout.addLayout(filters)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.refresh()

    @staticmethod
    def _date_edit(name: str) -> DateField:
        # The application's one date field: typed UK dates, empty for no limit.
        field = DateField(name, "leave it empty for no limit")
        # Wide enough for the typed-date hint ("e.g. 14/3/2011 or 14 March 2011") in the filter row.
        hint = field.edit.fontMetrics().horizontalAdvance(field.edit.placeholderText())
        field.edit.setMinimumWidth(hint + 24)
        return field

    def refresh(self) -> None:
        key = self.type_filter.currentData()
        try:
            history = self._services.history.history(self.subject_id, type_keys=[key] if key else None,
                                                     since=self.since.date(), until=self.until.date())
        except ServiceError as exc:
            say_problem(self.message, str(exc))
            return
        self.message.clear()
        links = self._services.relations.links_of(self.subject_id)
        phrases = [link.phrase(self.subject_id) + (f" — {link.known}" if link.known else "")
                   + (f" (source: {link.source})" if link.source else "") for link in links]
        if self.kind == "child":
            phrases += [f"{p.get('relationship') or 'relative'}: {p.get('name', '')}"
                        for p in self._services.relations.connected_people(self.subject_id)]
        self.links.setText("Relationships: " + ("; ".join(phrases) if phrases else "none recorded"))
        self.tree.clear()
        self.detail.clear()
        by_meeting: dict[int, QTreeWidgetItem] = {}
        for meeting in history.meetings:
            # "Complex strategy meeting, Brindley East" already says its type.
            what = meeting.title if meeting.title.startswith(meeting.type_name) else (
                f"{meeting.type_name} · {meeting.title}")
            item = QTreeWidgetItem([f"{format_date(meeting.starts_at)} · {what}", "Meeting", meeting.reason])
            item.setToolTip(0, f"{format_date(meeting.starts_at, weekday=True)} · {what}")
            item.setData(0, MEETING_ROLE, meeting.id)
            item.setData(0, DETAIL_ROLE, f"Meeting: {format_date(meeting.starts_at, weekday=True)} · {what}"
                         + (f". Why discussed: {meeting.reason}" if meeting.reason else "") + ". Enter opens it.")
            self.tree.addTopLevelItem(item)
            by_meeting[meeting.id] = item
        for record in history.items:
            parent = by_meeting.get(record.meeting_id)
            if parent is None:
                continue
            child = QTreeWidgetItem([record.text, record.kind_label, record.impact])
            child.setData(0, MEETING_ROLE, record.meeting_id)
            child.setData(0, RECORD_ROLE, (record.kind, record.id, record.status))
            child.setToolTip(0, record.text)
            child.setToolTip(2, record.impact)
            child.setData(0, DETAIL_ROLE, f"{record.kind_label}: {record.text}" + (
                f"\nStatus, outcome and impact: {record.impact}" if record.impact else "") + (
                f"\nOwner: {record.owner}" if record.owner else "") + (
                f", due {format_date(record.due_date)}" if record.owner and record.due_date else ""))
            parent.addChild(child)
        self.tree.expandAll()
        if not history.meetings:
            self.tree.addTopLevelItem(QTreeWidgetItem(["No meetings match these filters.", "", ""]))
        elif self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        if self.trend.isVisibleTo(self) or self.kind in ("place", "peer_group"):
            self.trend.show_months(self._services.history.trend(self.subject_id))

    def _current_changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        record = current.data(0, RECORD_ROLE) if current is not None else None
        self.outcome_button.setEnabled(bool(record) and record[0] == "action")
        self.open_button.setEnabled(current is not None and current.data(0, MEETING_ROLE) is not None)
        self.detail.setText((current.data(0, DETAIL_ROLE) or "") if current is not None else "")

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        meeting_id = item.data(0, MEETING_ROLE)
        if meeting_id is not None:
            self.open_meeting.emit(meeting_id)

    def _open_current(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self._activated(item, 0)

    def record_outcome(self) -> None:
        from efh_desktop.gui.outcome_dialog import OutcomeDialog

        item = self.tree.currentItem()
        record = item.data(0, RECORD_ROLE) if item is not None else None
        if not record or record[0] != "action":
            return
        dialog = OutcomeDialog(self._services, record[1], item.text(0), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def show_siblings(self) -> None:
        from efh_desktop.gui.panels.ecomap_panel import EcomapPanel

        dialog = QDialog(self)
        dialog.setWindowTitle("Sibling group ecomap")
        dialog.setObjectName("siblings_dialog")
        panel = EcomapPanel(dialog)
        panel.show_siblings(self._services, self.subject_id)
        layout = QVBoxLayout(dialog)
        layout.addWidget(panel)
        dialog.resize(980, 640)
        self.siblings_dialog = dialog  # kept for tests and so it is not collected
        dialog.show()
        panel.view.setFocus()  # straight into the picture: arrows and Page Down go through the nodes


class HistoryDialog(QDialog):
    """The history page in its own window (from the subjects list or a search result)."""

    def __init__(self, services: Services, subject_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("history_dialog")
        self.setWindowTitle("History")  # never a name: the title shows in task bars
        self.page = HistoryPage(services, subject_id, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page)
        self.resize(1000, 680)
        self.page.tree.setFocus()
