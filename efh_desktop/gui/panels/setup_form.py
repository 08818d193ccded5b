"""The meeting's details, saved field by field as the chair leaves each one.

No save button: a change is written (and audited) when focus leaves the field or a choice is made,
and the panel says "Saved" with the time. A refused value is explained and the field shows what is
stored.
"""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, Qt, QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from efh_desktop.domain.text_rules import TextRejected
from efh_desktop.domain.uk_dates import format_date, format_time, to_uk, uk_wall_time_to_utc
from efh_desktop.gui.date_field import DateField
from efh_desktop.gui.tab_fields import WholeDateEdit, WholeTimeEdit
from efh_desktop.gui.widgets import named, say_done, say_problem
from efh_desktop.services.app_services import Services
from efh_desktop.services.context import ServiceError

_TEXT_FIELDS = (("venue", "Venue"), ("online_link", "Online link"), ("locality", "Locality"),
                ("lead_authority", "Lead authority"), ("chair_name", "Chair"), ("minute_taker", "Minute-taker"),
                ("police_operation", "Police operation"), ("officer_in_charge", "Officer in charge"),
                ("lead_area", "Lead area where harm crosses boundaries"),
                ("lead_area_decided_by", "Lead area decided by"))


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


class SetupForm(QWidget):
    saved = Signal()  # something changed: the findings and prompts need another look

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("setup_form")
        self._services: Services | None = None
        self.meeting_id: int | None = None
        self._loading = False

        self.type_combo = named(QComboBox(), "Meeting type")
        self.date_edit = named(WholeDateEdit(), "Date", "Day/month/year; Alt+Down opens a calendar")
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setCalendarPopup(True)
        self.start_edit = named(WholeTimeEdit(), "Start time", "Changing the start moves the end with it")
        self.end_edit = named(WholeTimeEdit(), "End time")
        self._shown_start = QTime(10, 0)  # the start as last shown: a new start moves the end by as much
        for edit in (self.start_edit, self.end_edit):
            edit.setDisplayFormat("HH:mm")
        self.text_edits: dict[str, QLineEdit] = {key: named(QLineEdit(), label) for key, label in _TEXT_FIELDS}
        self.chair_role = named(QComboBox(), "Chair's role")
        self.series_combo = named(QComboBox(), "Series", "A review meeting follows an earlier one in its series")
        self.new_series_button = named(QPushButton("New series…"), "Start a new series")
        self.concerns = named(QListWidget(), "Concerns", "Tick what the meeting is about; it decides who should attend")
        self.concerns.setFixedHeight(96)
        self.cross_boundary = named(QCheckBox("Harm crosses council or police boundaries"), "Crosses boundaries")
        self.next_date = DateField("Next meeting date")
        self.use_proposed = named(QPushButton("Use &proposed date"), "Use proposed date")
        self.next_reason = named(QLineEdit(), "Reason for the next meeting date",
                                 "Needed when the date is later than the meeting type's cadence")
        self.proposal = QLabel()
        self.proposal.setTextFormat(Qt.TextFormat.PlainText)
        self.proposal.setWordWrap(True)
        self.proposal.setObjectName("next_meeting_proposal")
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setObjectName("setup_status")
        self.status.setAccessibleName("Save status")

        left = QFormLayout()
        left.addRow("Meeting t&ype:", self.type_combo)
        left.addRow("&Date:", self.date_edit)
        times = QHBoxLayout()
        times.addWidget(self.start_edit)
        times.addWidget(QLabel("to"))
        times.addWidget(self.end_edit)
        left.addRow(self._label("T&ime:", self.start_edit), times)
        left.addRow("Venue:", self.text_edits["venue"])
        left.addRow("Online lin&k:", self.text_edits["online_link"])
        left.addRow("&Locality:", self.text_edits["locality"])
        left.addRow("Lead &authority:", self.text_edits["lead_authority"])
        left.addRow("", self.cross_boundary)
        # Safer Options: "a decision will be made between the Safer Options Manager and Deputy Service
        # Manager about which area will lead" (issue 15).
        left.addRow("Lead area (if harm crosses):", self.text_edits["lead_area"])
        left.addRow("Lead area a&greed by:", self.text_edits["lead_area_decided_by"])
        self.text_edits["lead_area_decided_by"].setPlaceholderText("Safer Options Manager and DSM (names)")
        right = QFormLayout()
        right.addRow("&Chair:", self.text_edits["chair_name"])
        right.addRow("Chair's &role:", self.chair_role)
        right.addRow("&Minute-taker:", self.text_edits["minute_taker"])
        right.addRow("Police &operation:", self.text_edits["police_operation"])
        right.addRow("Officer in charge:", self.text_edits["officer_in_charge"])
        series = QHBoxLayout()
        series.addWidget(self.series_combo, 1)
        series.addWidget(self.new_series_button)
        right.addRow(self._label("&Series:", self.series_combo), series)
        right.addRow("Co&ncerns:", self.concerns)
        next_row = QHBoxLayout()
        next_row.addWidget(self.next_date)
        next_row.addWidget(self.use_proposed)
        right.addRow(self._label("Ne&xt meeting:", self.next_date), next_row)
        right.addRow("", self.proposal)
        right.addRow("R&eason:", self.next_reason)
        grid = QGridLayout(self)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.addWidget(self.status, 1, 0, 1, 2)

        self._date_timer = QTimer(self)
        self._date_timer.setSingleShot(True)
        self._date_timer.setInterval(600)
        self._date_timer.timeout.connect(self._save_times)
        self.type_combo.activated.connect(lambda: self._save(type_key=self.type_combo.currentData()))
        self.chair_role.activated.connect(lambda: self._save(chair_role=self.chair_role.currentData()))
        self.series_combo.activated.connect(lambda: self._save(series_id=self.series_combo.currentData()))
        self.new_series_button.clicked.connect(self._new_series)
        for key, edit in self.text_edits.items():
            edit.editingFinished.connect(lambda k=key, e=edit: self._save_text(k, e))
        for edit in (self.date_edit, self.start_edit, self.end_edit):
            edit.dateTimeChanged.connect(lambda _v: None if self._loading else self._date_timer.start())
            edit.editingFinished.connect(self._save_times)
        self.start_edit.timeChanged.connect(self._start_moved)
        self.concerns.itemChanged.connect(self._save_concerns)
        self.cross_boundary.toggled.connect(lambda on: None if self._loading else self._save(cross_boundary=on))
        self.next_date.editingFinished.connect(self._save_next)
        self.next_reason.editingFinished.connect(self._save_next)
        self.use_proposed.clicked.connect(self._use_proposed)

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        """A row label for a row that is a layout: QFormLayout only sets buddies for single widgets."""
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    # -- loading ----------------------------------------------------------------------------------
    def set_meeting(self, services: Services | None, meeting_id: int | None) -> None:
        self._services, self.meeting_id = services, meeting_id
        self.status.clear()
        if meeting_id is None:
            self._loading = True
            for edit in self.text_edits.values():
                edit.clear()
            self.concerns.clear()
            self.next_reason.clear()
            self.proposal.clear()
            self._loading = False
            return
        self.load()

    def load(self) -> None:
        services, meeting = self._services, self._services.meetings.get(self.meeting_id)
        profile = services.profile
        self._loading = True
        try:
            self.type_combo.clear()
            for key, name in profile.type_choices():
                self.type_combo.addItem(name, key)
            self.type_combo.setCurrentIndex(self.type_combo.findData(meeting.type_key))
            start = to_uk(meeting.starts_at)
            self.date_edit.setDate(_qdate(start.date()))
            self.start_edit.setTime(QTime(start.hour, start.minute))
            self._shown_start = self.start_edit.time()
            end = to_uk(meeting.ends_at) if meeting.ends_at else start
            self.end_edit.setTime(QTime(end.hour, end.minute))
            for key, edit in self.text_edits.items():
                edit.setText(getattr(meeting, key))
            self.chair_role.clear()
            self.chair_role.addItem("(not yet known)", "")
            for key, label in profile.roles.items():
                self.chair_role.addItem(label, key)
            self.chair_role.setCurrentIndex(max(0, self.chair_role.findData(meeting.chair_role)))
            self.series_combo.clear()
            self.series_combo.addItem("Not part of a series", None)
            for series_id, title in services.meetings.series_choices():
                self.series_combo.addItem(title, series_id)
            self.series_combo.setCurrentIndex(max(0, self.series_combo.findData(meeting.series_id)))
            chosen = {c for c in meeting.concerns.split(",") if c}
            self.concerns.clear()
            for key, label in profile.concern_types.items():
                item = QListWidgetItem(label)
                item.setData(Qt.ItemDataRole.UserRole, key)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if key in chosen else Qt.CheckState.Unchecked)
                self.concerns.addItem(item)
            self.cross_boundary.setChecked(meeting.cross_boundary)
            self.next_date.setDate(meeting.next_meeting_date)
            self.next_reason.setText(meeting.next_meeting_reason)
            proposal = services.setup.propose_next(self.meeting_id)
            statutory = services.setup.planning_lines(self.meeting_id)
            self.proposal.setText("\n".join([proposal.explanation, *statutory]))
            self.use_proposed.setEnabled(proposal.date is not None)
            editable = meeting.status != "finalised"
            for widget in self.findChildren(QWidget):
                if widget is not self.status and widget is not self.proposal and not isinstance(widget, QLabel):
                    widget.setEnabled(editable)
        finally:
            self._loading = False

    def flush(self) -> None:
        """Save a date or time change still waiting on its short pause (before locking or leaving)."""
        if self._date_timer.isActive():
            self._save_times()

    # -- saving -----------------------------------------------------------------------------------
    def _save(self, **fields) -> bool:
        if self._loading or self.meeting_id is None:
            return False
        try:
            if "series_id" in fields:
                self._services.meetings.update(self.meeting_id, series_id=fields["series_id"])
            else:
                self._services.meetings.update(self.meeting_id, **fields)
        except (ServiceError, TextRejected) as exc:
            say_problem(self.status, f"Not saved: {exc}")
            self.load()
            return False
        say_done(self.status, f"Saved at {format_time(self._services.ctx.clock.now().replace(second=0, microsecond=0))}.")
        self.saved.emit()
        return True

    def _save_text(self, key: str, edit: QLineEdit) -> None:
        if self.meeting_id is None or self._loading:
            return
        if getattr(self._services.meetings.get(self.meeting_id), key) != edit.text().strip():
            self._save(**{key: edit.text()})

    def _save_times(self) -> None:
        self._date_timer.stop()
        if self._loading or self.meeting_id is None:
            return
        d, s, e = self.date_edit.date(), self.start_edit.time(), self.end_edit.time()
        day = date(d.year(), d.month(), d.day())
        starts = uk_wall_time_to_utc(day, time(s.hour(), s.minute()))
        ends = uk_wall_time_to_utc(day, time(e.hour(), e.minute()))
        meeting = self._services.meetings.get(self.meeting_id)
        if (meeting.starts_at, meeting.ends_at) != (starts, ends):
            self._save(starts_at=starts, ends_at=ends)

    def _start_moved(self, start: QTime) -> None:
        """Keep the meeting's length when its start moves, as a calendar does."""
        if self._loading:
            return
        shift = self._shown_start.secsTo(start)
        self._shown_start = start
        end = self.end_edit.time().addSecs(shift)
        if shift > 0 and end < start:
            end = QTime(23, 59)  # not round past midnight
        self.end_edit.setTime(end)

    def _save_concerns(self, _item: QListWidgetItem) -> None:
        if self._loading:
            return
        keys = [self.concerns.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.concerns.count())
                if self.concerns.item(i).checkState() == Qt.CheckState.Checked]
        self._save(concerns=",".join(keys))

    def _save_next(self) -> None:
        if self._loading or self.meeting_id is None:
            return
        if not self.next_date.is_valid():
            return  # the field says what to type; nothing is saved until it can be read
        chosen = self.next_date.date()
        meeting = self._services.meetings.get(self.meeting_id)
        if (meeting.next_meeting_date, meeting.next_meeting_reason) == (chosen, self.next_reason.text().strip()):
            return
        try:
            finding = self._services.setup.set_next_meeting(self.meeting_id, chosen, self.next_reason.text())
        except (ServiceError, TextRejected) as exc:
            say_problem(self.status, f"Not saved: {exc}")
            return
        note = f" {finding.message}" if finding is not None and finding.severity == "warning" else ""
        say_done(self.status, f"Next meeting {format_date(chosen) or 'cleared'}: saved.{note}")
        self.saved.emit()

    def _use_proposed(self) -> None:
        proposal = self._services.setup.propose_next(self.meeting_id)
        if proposal.date is not None:
            self.next_date.setDate(proposal.date)
            self._save_next()

    def _new_series(self) -> None:
        if self.meeting_id is None:
            return
        meeting = self._services.meetings.get(self.meeting_id)
        title, ok = QInputDialog.getText(self, "New series", "Title of the new series (for example the operation):",
                                         text=meeting.police_operation or meeting.title)
        if not ok:
            return
        try:
            series = self._services.meetings.start_series(self.meeting_id, title)
        except (ServiceError, TextRejected) as exc:
            self.status.setText(f"Not saved: {exc}")
            return
        self.load()
        self.series_combo.setCurrentIndex(self.series_combo.findData(series.id))
        self.saved.emit()
