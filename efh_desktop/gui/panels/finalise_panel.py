"""Finalise and export: the gate's list of everything missing (fix it, or record why the meeting
is finalised without it), finalising, and amendments afterwards."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from efh_desktop.domain.text_rules import TextRejected
from efh_desktop.domain.uk_dates import format_datetime
from efh_desktop.error_text import user_message
from efh_desktop.gui import colours, message_box
from efh_desktop.gui.panels.distribution_clock import DistributionClock
from efh_desktop.gui.panels.override_dialog import OverrideDialog
from efh_desktop.gui.widgets import named
from efh_desktop.services.app_services import Services
from efh_desktop.services.context import ServiceError

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
PANEL_ROLE = Qt.ItemDataRole.UserRole + 2
RECORD_ROLE = Qt.ItemDataRole.UserRole + 3
NOTE_ROLE = Qt.ItemDataRole.UserRole + 4  # a note: shown, never overridden, never blocks


class AmendmentDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Record an amendment")
        self.target = named(QLineEdit(), "What is corrected", "For example: Decision 2, wording")
        self.before = named(QPlainTextEdit(), "What the minutes say")
        self.after = named(QPlainTextEdit(), "The correction")
        self.reason = named(QPlainTextEdit(), "Why")
        for box in (self.before, self.after, self.reason):
            box.setTabChangesFocus(True)
            box.setFixedHeight(60)
        form = QFormLayout(self)
        form.addRow("&What is corrected:", self.target)
        form.addRow("The minutes &say:", self.before)
        form.addRow("&Correction:", self.after)
        form.addRow("W&hy:", self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        named(buttons.button(QDialogButtonBox.StandardButton.Ok), "Record amendment")
        named(buttons.button(QDialogButtonBox.StandardButton.Cancel), "Cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class FinalisePanel(QWidget):
    go_to_panel = Signal(str)  # "checklist", "actions", "information_sharing", "attendance", "setup"
    # panel, gate key, record id (0 when none): "Go to it" opens the action, child or point itself
    go_to_record = Signal(str, str, int)
    finalised = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("finalise_panel")
        self._services: Services | None = None
        self.meeting_id: int | None = None
        self.status = QLabel()
        self.status.setObjectName("finalise_status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setStyleSheet("font-size: 12pt; font-weight: 600;")
        self.items = named(QListWidget(), "Before finalising", "Enter goes to where the item is fixed")
        self.items.setWordWrap(True)
        self.items.itemActivated.connect(self._go)
        self.go_button = named(QPushButton("&Go to it"), "Go to it")
        self.go_button.clicked.connect(lambda: self._go(self.items.currentItem()))
        self.override_button = named(QPushButton("Finalise &without it…"), "Override with a reason",
                                     "Record why the meeting is finalised although this is missing")
        self.override_button.clicked.connect(self._override)
        self.withdraw_button = named(QPushButton("W&ithdraw override"), "Withdraw override")
        self.withdraw_button.clicked.connect(self._withdraw)
        self.finalise_button = named(QPushButton("Finalise the &minutes"), "Finalise the minutes",
                                     "After this the minutes are read-only; corrections are amendments")
        self.finalise_button.clicked.connect(self.finalise)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setObjectName("finalise_message")
        self.amendments = named(QListWidget(), "Amendments")
        self.amendments.setWordWrap(True)
        self.amend_button = named(QPushButton("Record an &amendment…"), "Record an amendment")
        self.amend_button.clicked.connect(self._amend)
        self.export_button = named(QPushButton("&Export the minutes…"), "Export the minutes",
                                   "Full minutes, a copy for each child's record, disclosure copies")
        self.export_button.clicked.connect(self._export)
        self.log_button = named(QPushButton("Redaction &log…"), "Export the redaction log",
                                "Who, when, which copy, what was replaced and why (CSV)")
        self.log_button.clicked.connect(self._export_log)
        self.filing = named(QListWidget(), "Filing list", "Space ticks a copy once it is on the child's record")
        self.filing.itemChanged.connect(self._ticked)
        self.filing_status = QLabel()
        self.filing_status.setTextFormat(Qt.TextFormat.PlainText)
        self.filing_status.setObjectName("filing_status")

        buttons = QHBoxLayout()
        for button in (self.go_button, self.override_button, self.withdraw_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.finalise_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(QLabel("Before finalising (each item: fix it, or record why the meeting goes ahead "
                                "without it):"))
        layout.addWidget(self.items, 2)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        export_row = QHBoxLayout()
        export_row.addWidget(self.export_button)
        export_row.addWidget(self.log_button)
        export_row.addWidget(self.filing_status, 1)
        layout.addLayout(export_row)
        layout.addWidget(self.filing, 1)
        self.clock = DistributionClock(self)
        layout.addWidget(self.clock)
        layout.addWidget(QLabel("Amendments to the finalised minutes:"))
        layout.addWidget(self.amendments, 1)
        layout.addWidget(self.amend_button, 0, Qt.AlignmentFlag.AlignLeft)

    def set_meeting(self, services: Services | None, meeting_id: int | None) -> None:
        self._services, self.meeting_id = services, meeting_id
        self.items.clear()
        self.amendments.clear()
        self.message.clear()
        self.clock.set_meeting(services, meeting_id)
        if meeting_id is None:
            self.status.clear()
            return
        self.refresh()

    def refresh(self) -> None:
        services = self._services
        self.clock.refresh()
        meeting = services.meetings.get(self.meeting_id)
        final = meeting.status == "finalised"
        lines = services.finalise.gate(self.meeting_id)
        notes = services.finalise.notes(self.meeting_id)
        open_count = sum(1 for line in lines if line.override is None)
        if final:
            self.status.setText(f"Finalised by {meeting.finalised_by}, {format_datetime(meeting.finalised_at)}. "
                                "The minutes are read-only; record any correction as an amendment.")
        elif open_count:
            self.status.setText(f"{open_count} item{'s' if open_count != 1 else ''} to fix or decide before "
                                "finalising.")
        else:
            self.status.setText("Nothing outstanding: the minutes can be finalised." + (
                " The notes below do not hold it back." if notes else ""))
        self.items.clear()
        for line in lines:
            if line.override is None:
                text = f"⚠ {line.item.message}"
            else:
                # Every reason recorded, oldest first: a second reason never hides the first.
                text = f"Finalised without it: {line.item.message}" + "".join(
                    f"\n   Reason: {o.reason} ({o.author}, {format_datetime(o.created_at)})" for o in line.overrides)
            item = QListWidgetItem(text)
            item.setData(KEY_ROLE, line.item.key)
            item.setData(PANEL_ROLE, line.item.panel)
            item.setData(RECORD_ROLE, line.item.record_id or 0)
            item.setForeground(QBrush(colours.colour("warning" if line.override is None else "muted")))
            self.items.addItem(item)
        # Notes (timescales the guidance sets "where possible") are listed after, and never block.
        for note in notes:
            item = QListWidgetItem(f"Note: {note.message}")
            item.setData(KEY_ROLE, note.key)
            item.setData(PANEL_ROLE, note.panel)
            item.setData(RECORD_ROLE, 0)
            item.setData(NOTE_ROLE, True)
            item.setForeground(QBrush(colours.colour("muted")))
            self.items.addItem(item)
        if self.items.count():
            self.items.setCurrentRow(0)
        self.go_button.setEnabled(not final and self.items.count() > 0)
        for widget in (self.override_button, self.withdraw_button):
            widget.setEnabled(not final and bool(lines))
        self.finalise_button.setEnabled(not final and open_count == 0 and meeting.status != "in_progress")
        self.amend_button.setEnabled(final)
        self._show_filing()
        self.amendments.clear()
        for amendment in services.finalise.amendments(self.meeting_id):
            self.amendments.addItem(f"{format_datetime(amendment.created_at)}, {amendment.author}: "
                                    f"{amendment.target}\n   Now reads: {amendment.after}\n   Why: {amendment.reason}")

    def _go(self, item: QListWidgetItem | None) -> None:
        if item is not None and item.data(PANEL_ROLE) == "distribution":
            self.clock.steps.setFocus()  # the distribution clock is on this panel
        elif item is not None:
            self.go_to_panel.emit(item.data(PANEL_ROLE))
            self.go_to_record.emit(item.data(PANEL_ROLE), item.data(KEY_ROLE), int(item.data(RECORD_ROLE) or 0))

    def _override(self) -> None:
        item = self.items.currentItem()
        if item is None or self.meeting_id is None:
            return
        key = item.data(KEY_ROLE)
        if item.data(NOTE_ROLE):
            self.message.setText("That is a note: it does not hold finalising back, so no reason is needed.")
            return
        line = next((line for line in self._services.finalise.gate(self.meeting_id) if line.item.key == key), None)
        if line is None:
            return
        dialog = OverrideDialog(self._services, self.meeting_id, line, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.message.setText("Reason recorded." if len(line.overrides) == 0 else
                                 "Further reason recorded beside the earlier one.")
            self.refresh()
            self._select_key(key)

    def _select_key(self, key: str) -> None:
        for row in range(self.items.count()):
            if self.items.item(row).data(KEY_ROLE) == key:
                self.items.setCurrentRow(row)
                return

    def _withdraw(self) -> None:
        item = self.items.currentItem()
        if item is not None and self._services is not None:
            self._services.finalise.withdraw_override(self.meeting_id, item.data(KEY_ROLE))
            self.refresh()

    @staticmethod
    def confirm_finalise(parent: QWidget) -> bool:
        """Ask before the one step that cannot be undone; No is the default, so Enter keeps them open."""
        answer = message_box.question(
            parent, "Finalise the minutes",
            "Finalise these minutes now?\n\nThis cannot be undone: the minutes become read-only and every later "
            "correction is recorded as an amendment.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def finalise(self) -> None:
        if self.meeting_id is None:
            return
        if not self.finalise_button.isEnabled():
            return
        if not self.confirm_finalise(self):
            self.message.setText("Not finalised: nothing has changed.")
            return
        try:
            self._services.finalise.finalise(self.meeting_id)
        except (ServiceError, TextRejected) as exc:
            self.message.setText(f"Not finalised: {exc}")
            self.refresh()
            return
        self.message.setText("The minutes are finalised.")
        self.refresh()
        self.finalised.emit()

    def _amend(self) -> None:
        dialog = AmendmentDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self._services.finalise.amend(self.meeting_id, dialog.target.text(), dialog.after.toPlainText(),
                                          dialog.reason.toPlainText(), before=dialog.before.toPlainText())
        except (ServiceError, TextRejected) as exc:
            self.message.setText(f"Amendment not recorded: {exc}")
            return
        self.refresh()

    # -- export and filing ----------------------------------------------------------------------------
    def _export(self) -> None:
        from efh_desktop.gui.export_dialog import ExportDialog

        if self._services is not None:
            ExportDialog(self._services, self.meeting_id, self).exec()
            self.refresh()

    def _export_log(self) -> None:
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        if self.meeting_id is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, "Save the redaction log", str(Path.home() / "redaction-log.csv"),
                                              "CSV (*.csv)")
        if not path:
            return
        try:
            # overwrite: the save dialog has already asked before replacing a file.
            written = self._services.minutes_files.export_redaction_log(self.meeting_id, Path(path), overwrite=True)
        except Exception as exc:  # noqa: BLE001 - a refused path or a full disk: one sentence
            self.message.setText(f"Not written: {user_message(exc)}")
            return
        self.message.setText(f"Redaction log saved as {written.name}.")

    def _show_filing(self) -> None:
        entries = self._services.minutes_files.filing(self.meeting_id)
        self.filing.blockSignals(True)
        self.filing.clear()
        names = {s.id: s.name for s in self._services.meetings.subjects(self.meeting_id)}
        for entry in entries:
            item = QListWidgetItem(f"{names.get(entry.subject_id, 'Child')}: {entry.file_name} → {entry.destination}")
            item.setData(KEY_ROLE, entry.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if entry.filed else Qt.CheckState.Unchecked)
            self.filing.addItem(item)
        self.filing.blockSignals(False)
        if not entries:
            self.filing_status.setText("No copies exported for the children's records yet.")
        elif all(e.filed for e in entries):
            self.filing_status.setText("Filing complete: every child's copy is on their record.")
        else:
            left = sum(1 for e in entries if not e.filed)
            self.filing_status.setText(f"{left} cop{'ies' if left != 1 else 'y'} still to file.")

    def _ticked(self, item: QListWidgetItem) -> None:
        self._services.minutes_files.tick(item.data(KEY_ROLE), item.checkState() == Qt.CheckState.Checked)
        # Redrawn after this signal: rebuilding the list inside it would delete the item being changed.
        QTimer.singleShot(0, self._show_filing)
