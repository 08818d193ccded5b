"""Search across every meeting: notes, decisions, actions, and subjects' names and aliases, with
the matching words in bold. Enter opens the meeting (or the subject)."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from efh_desktop.domain.uk_dates import format_date
from efh_desktop.error_text import user_message
from efh_desktop.gui.background import BackgroundOp
from efh_desktop.gui.widgets import after_a_pause, named
from efh_desktop.services.app_services import Services
from efh_desktop.services.search_service import MARK_END, MARK_START, SearchHit

HTML_ROLE = Qt.ItemDataRole.UserRole + 1
HIT_ROLE = Qt.ItemDataRole.UserRole + 2
KIND_LABELS = {"note": "Note", "decision": "Decision", "action": "Action", "subject": "Subject"}


def hit_html(hit: SearchHit) -> str:
    """Escape everything the user wrote first, then turn only our markers into bold."""
    snippet = html.escape(hit.snippet).replace(MARK_START, "<b>").replace(MARK_END, "</b>")
    where = f"{html.escape(hit.meeting_title or '')}, {format_date(hit.meeting_date)}" if hit.meeting_id else ""
    head = KIND_LABELS.get(hit.kind, hit.kind) + (f" · {where}" if where else "")
    return f"<span style='color:#555'>{head}</span><br>{snippet}"


def hit_plain(hit: SearchHit) -> str:
    """The same, as plain text: what screen readers announce."""
    snippet = hit.snippet.replace(MARK_START, "").replace(MARK_END, "")
    where = f", {hit.meeting_title}, {format_date(hit.meeting_date)}" if hit.meeting_id else ""
    return f"{KIND_LABELS.get(hit.kind, hit.kind)}{where}: {snippet}"


class RichTextDelegate(QStyledItemDelegate):
    def paint(self, painter, option, index: QModelIndex) -> None:
        opts = QStyleOptionViewItem(option)
        self.initStyleOption(opts, index)
        opts.text = ""
        opts.widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, opts, painter, opts.widget)
        doc = QTextDocument()
        doc.setHtml(index.data(HTML_ROLE) or "")
        doc.setTextWidth(opts.rect.width())
        painter.save()
        painter.translate(opts.rect.topLeft())
        doc.drawContents(painter, QRectF(0, 0, opts.rect.width(), opts.rect.height()))
        painter.restore()

    def sizeHint(self, option, index: QModelIndex) -> QSize:  # noqa: N802
        doc = QTextDocument()
        doc.setHtml(index.data(HTML_ROLE) or "")
        doc.setTextWidth(max(200, option.rect.width() or 600))
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 4)


class SearchPanel(QWidget):
    open_meeting = Signal(int)
    open_subject = Signal(int)
    searched = Signal()  # the newest search's results (or its empty box) are shown

    def __init__(self, services: Services, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("search_panel")
        self._services = services  # the session's (gui/session_view.py): this panel goes when it locks
        self._wanted: str | None = None  # the text whose results should be shown
        self._running = False  # a search is running in the background
        self._focus_results = False  # Enter was pressed: go to the results once shown
        self.search = named(QLineEdit(), "Search all meetings",
                            "Names, aliases, words in notes, decisions and actions; Enter goes to the results")
        self.search.setPlaceholderText("Search every meeting: a name, an alias, words from a note…")
        self.search.setClearButtonEnabled(True)
        self.results = named(QListWidget(), "Search results", "Enter opens the meeting")
        self.results.setItemDelegate(RichTextDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.itemActivated.connect(self._activated)
        self.summary = QLabel()
        self.summary.setObjectName("search_summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.summary)
        self._debounce = after_a_pause(self, 200, self.run)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._open_first)

    def set_services(self, services: Services) -> None:
        self._services = services
        self._wanted = None
        self.results.clear()
        self.summary.clear()

    def run(self) -> None:
        """Search for what is in the box, off the GUI thread: on the largest stores a common word or
        a single letter takes a second or more, and typing must not wait for it. One search runs at a
        time; text typed meanwhile is searched when it ends, and only the newest text's results are
        shown (``searched`` is emitted once they are)."""
        text = self.search.text()
        if not text.strip():
            self._wanted = None
            self.results.clear()
            self.summary.clear()
            self.searched.emit()
            return
        self._wanted = text
        if self._running:
            return  # _show starts the newest text when the running search ends
        self._running = True
        self.summary.setText("Searching…")
        search = self._services.search

        def work(_token) -> tuple[str, list[SearchHit]]:
            return text, search.search(text, limit=50)

        BackgroundOp(self, work).success(self._show).failure(self._failed).run_in_background()

    def _show(self, outcome: tuple[str, list[SearchHit]]) -> None:
        self._running = False
        text, hits = outcome
        if self._wanted is None:
            return  # the box was cleared meanwhile
        if text != self._wanted:
            self.run()  # typed on while it ran: the newest text now
            return
        self.results.clear()
        for hit in hits:
            item = QListWidgetItem(hit_plain(hit))
            item.setData(HTML_ROLE, hit_html(hit))
            item.setData(HIT_ROLE, (hit.kind, hit.id, hit.meeting_id))
            self.results.addItem(item)
        self.summary.setText(f"{len(hits)} result{'s' if len(hits) != 1 else ''}" if hits else "Nothing found.")
        if hits:
            self.results.setCurrentRow(0)
            if self._focus_results:
                self.results.setFocus()
        self._focus_results = False
        self.searched.emit()

    def _failed(self, exc: BaseException) -> None:
        self._running = False
        self._focus_results = False
        self.summary.setText("The search could not be done: " + user_message(exc))
        self.searched.emit()

    def _open_first(self) -> None:
        """Enter in the search box: search now and move to the results once they are shown (Enter
        there opens one)."""
        self._debounce.stop()
        if self.results.count() and not self._running and self._wanted == self.search.text():
            self.results.setFocus()  # the results for this text are already shown
            return
        self._focus_results = True
        self.run()

    def _activated(self, item: QListWidgetItem) -> None:
        kind, record_id, meeting_id = item.data(HIT_ROLE)
        if kind == "subject":
            self.open_subject.emit(record_id)
        elif meeting_id is not None:
            self.open_meeting.emit(meeting_id)
