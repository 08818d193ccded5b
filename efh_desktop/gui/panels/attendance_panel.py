"""The attendance register, the profile's prompts for who should be there, and who was told.

Add people by typing a name: professionals from earlier meetings are offered as you type and fill
in role, agency, team and email. Attendance and the "covers" column (which of the profile's
required attendees this person is) are edited in place and saved at once.
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QEvent, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from efh_desktop.domain.text_rules import TextRejected
from efh_desktop.domain.uk_dates import format_datetime, uk_wall_time_to_utc
from efh_desktop.gui import message_box
from efh_desktop.gui.panels.attendee_role_column import COLUMN as ROLE_COLUMN
from efh_desktop.gui.panels.attendee_role_column import RoleDelegate, role_choices, shown_role
from efh_desktop.gui.widgets import named
from efh_desktop.services.app_services import Services
from efh_desktop.services.attendance_service import ATTENDANCE_LABELS
from efh_desktop.services.context import ServiceError

COLUMNS = (("name", "Name"), ("role", "Role"), ("agency", "Agency"), ("team", "Team"), ("email", "Email"),
           ("status", "Attendance"), ("apology_reason", "Reason or note"), ("rule_key", "Covers"), ROLE_COLUMN)
ID_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2
_STATUS_KEYS = {"p": "present", "a": "apologies", "i": "invited", "s": "sent_information", "t": "part"}
_STATE_TEXT = {"missing": "✗ missing", "invited": "invited", "present": "✓ present", "apologies": "apologies",
               "sent_information": "sent information"}


def split_person(text: str) -> dict[str, str]:
    """ "Name, role, agency, team" typed in one line, with an email address anywhere in it."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    email = next((part for part in parts if "@" in part and " " not in part), "")
    rest = [part for part in parts if part != email] or [text.strip()]
    fields = dict(zip(("name", "role", "agency", "team"), rest[:3] + [", ".join(rest[3:])], strict=False))
    return {key: value for key, value in fields.items() if value} | ({"email": email} if email else {})


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box editor for a column whose value is a key with a label (attendance, covers)."""

    def __init__(self, choices: list[tuple[str, str]], parent=None) -> None:
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent, option, index):  # noqa: N802
        combo = QComboBox(parent)
        combo.setAccessibleName("Choose")
        for key, label in self.choices:
            combo.addItem(label, key)
        return combo

    def setEditorData(self, editor, index) -> None:  # noqa: N802
        editor.setCurrentIndex(max(0, editor.findData(index.data(KEY_ROLE))))

    def setModelData(self, editor, model, index) -> None:  # noqa: N802
        # One change only: the panel saves it and redraws the row with the new label.
        model.setData(index, editor.currentData(), KEY_ROLE)


class NotificationDialog(QDialog):
    def __init__(self, label: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Record who was told: {label}")
        self.recipient = named(QLineEdit(), "Who was told")
        self.informed_by = named(QLineEdit(), "Told by")
        self.when = named(QDateTimeEdit(QDateTime.currentDateTime()), "When they were told")
        self.when.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.when.setCalendarPopup(True)
        form = QFormLayout(self)
        form.addRow("&Who was told:", self.recipient)
        form.addRow("Told &by:", self.informed_by)
        form.addRow("W&hen:", self.when)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        named(buttons.button(QDialogButtonBox.StandardButton.Ok), "Record")
        named(buttons.button(QDialogButtonBox.StandardButton.Cancel), "Cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class AttendancePanel(QWidget):
    changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("attendance_panel")
        self._services: Services | None = None
        self.meeting_id: int | None = None
        self._filling = False
        self._directory: dict[str, object] = {}

        self.new_name = named(QLineEdit(), "Name of person to add", "People from earlier meetings are offered as you type")
        self.new_name.setPlaceholderText("Add a person: type a name (or name, role, agency, email)…")
        self.completer_model = QStringListModel(self)
        completer = QCompleter(self.completer_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.new_name.setCompleter(completer)
        self.new_name.textEdited.connect(self._update_completions)
        self.new_name.returnPressed.connect(self.add_person)
        self.add_button = named(QPushButton("&Add person"), "Add person")
        self.add_button.clicked.connect(self.add_person)
        self.remove_button = named(QPushButton("&Remove person"), "Remove person")
        self.remove_button.clicked.connect(self.remove_person)

        self.model = QStandardItemModel(self)
        self.model.itemChanged.connect(self._cell_edited)
        self.table = named(QTableView(), "Attendance register",
                           "F2 edits a cell; in Attendance, P present, A apologies, I invited, S sent information")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.DoubleClicked)
        self.table.verticalHeader().hide()
        self.table.installEventFilter(self)
        self.status_delegate = ChoiceDelegate(list(ATTENDANCE_LABELS.items()), self)
        self.rule_delegate = ChoiceDelegate([], self)
        self.table.setItemDelegateForColumn(5, self.status_delegate)
        self.table.setItemDelegateForColumn(7, self.rule_delegate)
        self.role_delegate = RoleDelegate(KEY_ROLE, self)
        self.table.setItemDelegateForColumn(8, self.role_delegate)

        self.prompts = named(QListWidget(), "Who should attend", "From the practice profile and the subjects")
        self.prompts.setWordWrap(True)
        self.prompts_label = QLabel()
        self.prompts_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notifications = named(QListWidget(), "Who must be told", "Select one and press Enter to record it")
        self.notifications.setWordWrap(True)
        self.notifications.itemActivated.connect(self._record_notification)
        self.notify_button = named(QPushButton("Record &who was told…"), "Record who was told")
        self.notify_button.clicked.connect(lambda: self._record_notification(self.notifications.currentItem()))

        add_row = QHBoxLayout()
        add_row.addWidget(self.new_name, 1)
        add_row.addWidget(self.add_button)
        add_row.addWidget(self.remove_button)
        left = QVBoxLayout()
        left.addLayout(add_row)
        left.addWidget(self.table, 1)
        right = QVBoxLayout()
        right.addWidget(self.prompts_label)
        right.addWidget(self.prompts, 2)
        right.addWidget(QLabel("Who must be told about this meeting:"))
        right.addWidget(self.notifications, 1)
        right.addWidget(self.notify_button)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)

    # -- loading ----------------------------------------------------------------------------------
    def set_meeting(self, services: Services | None, meeting_id: int | None) -> None:
        self._services, self.meeting_id = services, meeting_id
        if meeting_id is None:
            self.model.clear()
            self.prompts.clear()
            self.notifications.clear()
            return
        meeting = services.meetings.get(meeting_id)
        rules = services.profile.meeting_type(meeting.type_key).required_attendees
        self.rule_delegate.choices = [("", "(not linked)")] + [(r.key, r.label) for r in rules]
        self._rule_labels = dict(self.rule_delegate.choices)
        self.role_delegate.choices = role_choices(services.profile)
        editable = meeting.status != "finalised"
        for widget in (self.new_name, self.add_button, self.remove_button, self.notify_button):
            widget.setEnabled(editable)
        self.refresh()

    def refresh(self) -> None:
        services = self._services
        self._filling = True
        try:
            self.model.clear()
            self.model.setHorizontalHeaderLabels([label for _, label in COLUMNS])
            for person in services.attendance.list(self.meeting_id):
                self.model.appendRow([QStandardItem() for _ in COLUMNS])
                self._fill_row(self.model.rowCount() - 1, person)
        finally:
            self._filling = False
        self.table.resizeColumnsToContents()
        for column in range(len(COLUMNS)):
            # Long roles and agencies wrap in a tooltip rather than push the attendance off screen.
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 170))
        self.table.horizontalHeader().setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self._show_prompts()

    def _fill_row(self, row: int, person) -> None:  # an Attendee row
        """Show one person in one row, in place: the table, its cursor and any open editor stay."""
        was_filling, self._filling = self._filling, True
        try:
            for column, (key, _label) in enumerate(COLUMNS):
                value = getattr(person, key)
                shown = ATTENDANCE_LABELS.get(value, value) if key == "status" else \
                    self._rule_labels.get(value, value) if key == "rule_key" else value
                if key == "role_key":
                    value, shown = shown_role(self._services.profile, person.role_key, person.role)
                cell = self.model.item(row, column)
                if cell is None:
                    cell = QStandardItem()
                    self.model.setItem(row, column, cell)
                cell.setText(shown)
                cell.setData(person.id, ID_ROLE)
                cell.setData(value, KEY_ROLE)
        finally:
            self._filling = was_filling

    def _row_of(self, attendee_id: int) -> int | None:
        for row in range(self.model.rowCount()):
            cell = self.model.item(row, 0)
            if cell is not None and cell.data(ID_ROLE) == attendee_id:
                return row
        return None

    def _show_prompts(self) -> None:
        prompts = self._services.setup.attendee_prompts(self.meeting_id)
        missing = [p for p in prompts if p.state == "missing" and not p.rule.optional]
        self.prompts_label.setText(f"Who should attend ({len(missing)} still missing):" if missing
                                   else "Who should attend (nobody required is missing):")
        self.prompts.clear()
        for prompt in prompts:
            names = ", ".join(a.name for a in prompt.matched)
            optional = " (optional)" if prompt.rule.optional else ""
            item = QListWidgetItem(f"{_STATE_TEXT.get(prompt.state, prompt.state)}: {prompt.rule.label}{optional}"
                                   + (f" — {names}" if names else "")
                                   + (f"\n    {prompt.rule.note}" if prompt.rule.note else ""))
            if prompt.state == "missing" and not prompt.rule.optional:
                item.setForeground(Qt.GlobalColor.darkRed)
            self.prompts.addItem(item)
        note = self._services.setup.paediatrician_note(self.meeting_id)
        if note is not None:
            self.prompts.addItem(QListWidgetItem(note.message))
        self.notifications.clear()
        for status in self._services.setup.notifications(self.meeting_id):
            recorded = status.recorded
            text = (f"✓ {status.label}: {recorded.recipient}, told by {recorded.informed_by}, "
                    f"{format_datetime(recorded.informed_at)}" if recorded else f"✗ {status.label}: not recorded yet")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, (status.rule_key, status.label))
            self.notifications.addItem(item)

    # -- editing ----------------------------------------------------------------------------------
    def _update_completions(self, text: str) -> None:
        if self.meeting_id is None or len(text.strip()) < 2:
            return
        self._directory = {f"{p.name} — {p.role}, {p.agency}".strip(" ,—"): p
                           for p in self._services.attendance.directory(text, limit=20)}
        self.completer_model.setStringList(list(self._directory))

    def add_person(self) -> None:
        """Add the person typed: one from the directory, or "Name, role, agency, email" in one go."""
        text = self.new_name.text().strip()
        if not text or self.meeting_id is None:
            return
        known = self._directory.get(text)
        meeting = self._services.meetings.get(self.meeting_id)
        # Once the meeting is under way, whoever is added is in the room.
        status = "present" if meeting.status in ("in_progress", "ended") else "invited"
        try:
            if known is not None:
                person = self._services.attendance.add(self.meeting_id, known.name, role=known.role,
                                                       agency=known.agency, team=known.team, email=known.email,
                                                       status=status)
            else:
                person = self._services.attendance.add(self.meeting_id, **split_person(text), status=status)
        except (ServiceError, TextRejected) as exc:
            message_box.warning(self, "Person not added", str(exc))
            return
        self.new_name.clear()
        self.refresh()
        row = self._row_of(person.id)
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, 0))
        self.changed.emit()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        # In the Attendance column one key sets the attendance: P present, A apologies, I invited,
        # S sent information, T part attendance; no combo box to open.
        if (watched is self.table and event.type() == QEvent.Type.KeyPress
                and self.table.state() != QAbstractItemView.State.EditingState
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            index = self.table.currentIndex()
            status = _STATUS_KEYS.get(event.text().lower())
            if status and index.isValid() and COLUMNS[index.column()][0] == "status" and self.new_name.isEnabled():
                self._save_cell(index.data(ID_ROLE), "status", status)
                return True
        return super().eventFilter(watched, event)

    def remove_person(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        self._services.attendance.remove(index.data(ID_ROLE))
        self.refresh()
        self.changed.emit()

    def _cell_edited(self, cell: QStandardItem) -> None:
        if self._filling or self.meeting_id is None:
            return
        key = COLUMNS[cell.column()][0]
        value = cell.data(KEY_ROLE) if key in ("status", "rule_key", "role_key") else cell.text()
        if key in ("status", "rule_key", "role_key") and value is None:
            return
        # Saved after the editor has finished with the model: rebuilding it mid-commit is unsafe.
        QTimer.singleShot(0, lambda: self._save_cell(cell.data(ID_ROLE), key, value))

    def _save_cell(self, attendee_id: int, key: str, value: str) -> None:
        # Saved and redrawn in place: rebuilding the table would lose the cell the user is on, and
        # the next Right+F2 would edit someone else's name.
        try:
            person = self._services.attendance.update(attendee_id, **{key: value})
        except (ServiceError, TextRejected) as exc:
            message_box.warning(self, "Not saved", str(exc))
            person = next((p for p in self._services.attendance.list(self.meeting_id) if p.id == attendee_id), None)
        row = self._row_of(attendee_id)
        if person is None or row is None:
            self.refresh()
        else:
            self._fill_row(row, person)
            self._show_prompts()
        self.changed.emit()

    def _record_notification(self, item: QListWidgetItem | None) -> None:
        if item is None or self.meeting_id is None:
            return
        rule_key, label = item.data(Qt.ItemDataRole.UserRole)
        dialog = NotificationDialog(label, self)
        dialog.informed_by.setText(self._services.ctx.actor)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            when = dialog.when.dateTime().toPython()  # local wall-clock time as typed
            self._services.setup.record_notification(
                self.meeting_id, rule_key, dialog.recipient.text(), informed_by=dialog.informed_by.text(),
                informed_at=uk_wall_time_to_utc(when.date(), when.time().replace(second=0, microsecond=0)))
        except (ServiceError, TextRejected) as exc:
            message_box.warning(self, "Not recorded", str(exc))
            return
        self._show_prompts()
        self.changed.emit()
