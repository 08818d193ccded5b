"""The action tracker: a meeting's actions (or every meeting's), filtered and sorted, overdue first,
with status changes by keyboard: Ctrl+D done, Ctrl+Shift+D not done (with the reason), Ctrl+O
open again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from efh_desktop.domain.text_rules import TextRejected
from efh_desktop.error_text import user_message
from efh_desktop.gui.panels.action_table_model import SORT_ROLE, ActionTableModel
from efh_desktop.gui.panels.minutes_undo import ActionStatusCommand, ChangedCommand
from efh_desktop.gui.panels.paged_actions_model import PagedActionTableModel
from efh_desktop.gui.widgets import make_action, named
from efh_desktop.services.action_tracker import TrackerFilter
from efh_desktop.services.app_services import Services
from efh_desktop.services.context import ServiceError

NOT_DONE_REASONS = ("Circumstances changed", "The agency did not do it")


class ActionsPanel(QWidget):
    def __init__(self, parent=None, *, across_meetings: bool = False,
                 services: Services) -> None:
        super().__init__(parent)
        self.setObjectName("all_actions_panel" if across_meetings else "actions_panel")
        self.across = across_meetings
        # The session's services (gui/session_view.py, gui/meeting_workspace.py); in a workspace the
        # panel shows nothing until set_meeting gives it a meeting.
        self._services = services
        self.meeting_id: int | None = None
        # Across meetings the table is paged (the tracker can hold every action of many years).
        self.model = PagedActionTableModel(self) if across_meetings else ActionTableModel(self)
        if isinstance(self.model, PagedActionTableModel):
            self.model.rowsInserted.connect(lambda *_: self._summarise_pages())
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.filter = named(QLineEdit(), "Filter actions", "Type to filter by any column")
        self.filter.setPlaceholderText("Filter by words, owner, agency, child…")
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.agency = named(QComboBox(), "Agency")
        self.child = named(QComboBox(), "Child")
        self.status = named(QComboBox(), "Status")
        for combo in (self.agency, self.child, self.status):
            combo.activated.connect(self.refresh)
        self.table = named(QTableView(), "Actions", "Ctrl+D done, Ctrl+Shift+D not done, Ctrl+O open again")
        self.table.setModel(self.proxy)
        # No column sort until the user asks: the services' order (overdue first) is the default.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel()
        self.summary.setObjectName("actions_summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.done_button = named(QPushButton("&Done"), "Mark done", "Ctrl+D")
        self.not_done_button = named(QPushButton("&Not done…"), "Mark not done", "Ctrl+Shift+D")
        self.open_button = named(QPushButton("&Open again"), "Mark open", "Ctrl+O")
        self.digest_button = named(QPushButton("Digest &PDF for the agency…"), "Action digest PDF",
                                   "The chosen agency's actions, to send on the day (children by initials)")
        self.digest_button.clicked.connect(self.digest_pdf)
        self.edit_button = named(QPushButton("&Change…"), "Change the action", "Owner, agency, due date, note (Enter)")
        self.edit_button.clicked.connect(self.edit_selected)
        self.table.activated.connect(lambda _index: self.edit_selected())
        # Changes and status changes are undoable (the one undo style, gui/undo.py).
        self.undo_stack = QUndoStack(self)
        self.undo_button = named(QPushButton("Undo"), "Undo action change", "Ctrl+Z")
        self.redo_button = named(QPushButton("Redo"), "Redo action change", "Ctrl+Y")
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_stack.undoTextChanged.connect(lambda t: self.undo_button.setToolTip(f"Undo {t} (Ctrl+Z)"))
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        self.done_button.clicked.connect(self.mark_done)
        self.not_done_button.clicked.connect(self.mark_not_done)
        self.open_button.clicked.connect(self.mark_open)

        filters = QHBoxLayout()
        filters.addWidget(self.filter, 2)
        filters.addWidget(self.agency, 1)
        filters.addWidget(self.child, 1)
        filters.addWidget(self.status, 1)
        buttons = QHBoxLayout()
        for button in (self.edit_button, self.done_button, self.not_done_button, self.open_button,
                       self.undo_button, self.redo_button, self.digest_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (("Ctrl+D", self.mark_done), ("Ctrl+Shift+D", self.mark_not_done),
                           ("Ctrl+O", self.mark_open), (QKeySequence.StandardKey.Undo, self.undo_stack.undo),
                           ("Ctrl+Y", self.undo_stack.redo), ("Ctrl+Shift+Z", self.undo_stack.redo)):
            make_action(self, "", keys, slot).setShortcutContext(context)

    def set_meeting(self, services: Services | None, meeting_id: int | None) -> None:
        if services is not self._services or meeting_id != self.meeting_id:
            self.undo_stack.clear()
        self._services, self.meeting_id = services, meeting_id
        if not self._showing():
            if isinstance(self.model, PagedActionTableModel):
                self.model.start(None)
            else:
                self.model.set_rows([])
            self.summary.clear()
            return
        self._fill_filters()
        self.refresh()

    def _showing(self) -> bool:
        """Every meeting's actions, or one meeting's once it is given."""
        return self.across or self.meeting_id is not None

    def _fill_filters(self) -> None:
        services = self._services
        self.agency.clear()
        self.agency.addItem("All agencies", None)
        for agency in services.actions.agencies():
            self.agency.addItem(agency, agency)
        self.child.clear()
        self.child.addItem("All children", None)
        children = (services.meetings.subjects(self.meeting_id) if self.meeting_id else
                    services.subjects.list("child"))
        for child in children:
            if child.kind == "child":
                self.child.addItem(child.name, child.id)
        self.status.clear()
        for label, key in (("Any status", None), ("Open", "open"), ("Done", "done"), ("Not done", "not_done")):
            self.status.addItem(label, key)

    def refresh(self) -> None:
        if not self._showing():
            return
        if isinstance(self.model, PagedActionTableModel):
            self._refresh_pages()
            return
        rows = self._services.actions.rows(meeting_id=None if self.across else self.meeting_id,
                                           agency=self.agency.currentData(), subject_id=self.child.currentData(),
                                           status=self.status.currentData())
        self.model.set_rows(rows, today=self._services.ctx.clock.today())
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        overdue = sum(1 for r in rows if r.overdue(self.model.today))
        self.summary.setText(f"{len(rows):,} action{'s' if len(rows) != 1 else ''}"
                             + (f", {overdue} overdue" if overdue else ""))

    def _refresh_pages(self) -> None:
        """All actions: the first page now, the rest as the list is scrolled (or filtered)."""
        services = self._services
        assert services is not None and isinstance(self.model, PagedActionTableModel)
        filters = TrackerFilter(agency=self.agency.currentData(), status=self.status.currentData(),
                                subject_id=self.child.currentData())
        self.model.start(lambda after: services.actions.tracker_page(filters, after),
                         today=services.ctx.clock.today())
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._summarise_pages()

    def _summarise_pages(self) -> None:
        model = self.model
        assert isinstance(model, PagedActionTableModel)
        shown = model.rowCount()
        overdue = f", {model.overdue:,} overdue" if model.overdue else ""
        if model.complete:
            self.summary.setText(f"{shown:,} action{'s' if shown != 1 else ''}{overdue}")
        else:
            self.summary.setText(f"First {shown:,} actions{overdue}; more load as you scroll")

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.proxy.mapToSource(index).data(Qt.ItemDataRole.UserRole) if index.isValid() else None

    def edit_selected(self) -> None:
        from efh_desktop.gui.panels.action_edit_dialog import ActionEditDialog

        action_id = self.selected_id()
        if action_id is None:  # no row selected, or no meeting shown (then the table is empty)
            return
        try:
            action = self._services.actions.row(action_id)  # as it is now, not as the list was read
        except ServiceError as exc:
            self.summary.setText(f"Not changed: {exc}")
            return
        dialog = ActionEditDialog(self._services, action, self)  # type: ignore[arg-type]
        if dialog.exec():
            self.undo_stack.push(ChangedCommand(self._services.minutes, "action", action_id, dialog.before,
                                                dialog.after, lambda: self._after_undo(action_id), self._undo_refused))
            self.refresh()
            self._reselect(action_id)

    def _after_undo(self, action_id: int) -> None:
        self.refresh()
        self._reselect(action_id)

    def _undo_refused(self, message: str) -> None:
        self.summary.setText(f"Not undone: {message}")

    def _reselect(self, action_id: int) -> None:
        """Keep the keyboard where it was after the list is rebuilt."""
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(Qt.ItemDataRole.UserRole) == action_id:
                self.table.selectRow(row)
                return

    def _set_status(self, status: str, reason: str = "") -> None:
        action_id = self.selected_id()
        if action_id is None:
            return
        index = self.proxy.mapToSource(self.table.currentIndex())
        shown = self.model.row_at(index.row())
        before = (shown.status, shown.not_done_reason) if shown.id == action_id else None
        try:
            self._services.minutes.set_action_status(action_id, status, reason=reason)
        except (ServiceError, TextRejected) as exc:
            self.summary.setText(f"Not changed: {exc}")
            return
        if before is not None:
            self.undo_stack.push(ActionStatusCommand(self._services.minutes, action_id, before, (status, reason),
                                                     lambda: self._after_undo(action_id), self._undo_refused))
        self.refresh()
        self._reselect(action_id)

    def mark_done(self) -> None:
        self._set_status("done")

    def mark_open(self) -> None:
        self._set_status("open")

    def mark_not_done(self) -> None:
        if self.selected_id() is None:
            return
        reason, ok = QInputDialog.getItem(self, "Not done", "Why was the action not done?", list(NOT_DONE_REASONS),
                                          0, True)
        if ok and reason.strip():
            self._set_status("not_done", reason)

    def digest_pdf(self) -> None:
        agency = self.agency.currentData()
        if not self._showing():
            return
        if not agency:
            self.summary.setText("Choose an agency first: the digest is one agency's actions.")
            self.agency.setFocus()
            return
        from efh_desktop.gui.background import BackgroundOp

        safe = "".join(ch if ch.isalnum() else "-" for ch in agency).strip("-").lower()
        path, _ = QFileDialog.getSaveFileName(self, "Save the action digest",
                                              str(Path.home() / f"actions-{safe}-{self._services.ctx.clock.today():%Y-%m-%d}.pdf"),
                                              "PDF (*.pdf)")
        if not path:
            return
        service = self._services.action_digest
        meeting_id = None if self.across else self.meeting_id
        # overwrite: the save dialog has already asked before replacing a file.
        BackgroundOp(self, lambda _token: service.export_pdf(agency, Path(path), meeting_id=meeting_id,
                                                             overwrite=True)).success(
            lambda written: self.summary.setText(f"Digest saved as {written.name}.")).failure(
            lambda exc: self.summary.setText(f"Digest not written: {user_message(exc)}")).with_progress(
            "Writing the digest…").run_in_background()
