"""The "New meeting" dialog: the meeting type from the practice profile, when, where, who chairs,
and the series it belongs to. A chair role the profile does not allow is a warning naming the
rule, never a block: the chair may have reasons, and the gate before finalising asks again."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QVBoxLayout,
)

from efh_desktop.domain.text_rules import TextRejected
from efh_desktop.domain.uk_dates import uk_wall_time_to_utc
from efh_desktop.gui.widgets import PROBLEM_STYLE, named
from efh_desktop.services.app_services import Services
from efh_desktop.services.context import ServiceError


class NewMeetingDialog(QDialog):
    def __init__(self, services: Services, parent=None, *, today: date | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setWindowTitle("New meeting")
        self.setObjectName("new_meeting_dialog")
        self._services = services
        self.created_id: int | None = None
        profile = services.profile

        self.type_combo = named(QComboBox(), "Meeting type")
        for key, name in profile.type_choices():
            self.type_combo.addItem(name, key)
        self.date_edit = named(QDateEdit(), "Date", "Type the date as day/month/year, or press Alt+Down for a calendar")
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setCalendarPopup(True)
        start = today or services.ctx.clock.today()
        self.date_edit.setDate(QDate(start.year, start.month, start.day))
        self.time_edit = named(QTimeEdit(), "Start time")
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setTime(QTime(10, 0))
        self.title_edit = named(QLineEdit(), "Title", "Optional; the type and locality are used if left empty")
        self.locality_edit = named(QLineEdit(), "Locality")
        self.venue_edit = named(QLineEdit(), "Venue or online link")
        self.chair_name = named(QLineEdit(), "Chair's name")
        self.chair_role = named(QComboBox(), "Chair's role")
        self.chair_role.addItem("(not yet known)", "")
        for key, label in profile.roles.items():
            self.chair_role.addItem(label, key)
        self.minute_taker = named(QLineEdit(), "Minute-taker")
        self.series_combo = named(QComboBox(), "Series", "A review meeting follows an earlier meeting in a series")
        self.series_combo.addItem("Not part of a series", None)
        self.series_combo.addItem("Start a new series…", "new")
        for series in services.meetings.series_list():
            self.series_combo.addItem(series.title, series.id)
        self.series_title = named(QLineEdit(), "New series title")
        self.series_title.setEnabled(False)

        self.warning = QLabel()
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.warning.setObjectName("chair_role_warning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #8a4b00;")
        self.warning.setAccessibleName("Warning")
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setObjectName("new_meeting_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(PROBLEM_STYLE)
        self.error.setAccessibleName("Problem")

        form = QFormLayout()
        form.addRow("Meeting &type:", self.type_combo)
        form.addRow("&Date:", self.date_edit)
        form.addRow("Start t&ime:", self.time_edit)
        form.addRow("Titl&e:", self.title_edit)
        form.addRow("&Locality:", self.locality_edit)
        form.addRow("&Venue or link:", self.venue_edit)
        form.addRow("&Chair:", self.chair_name)
        form.addRow("Chair's &role:", self.chair_role)
        form.addRow("&Minute-taker:", self.minute_taker)
        form.addRow("&Series:", self.series_combo)
        form.addRow("Ne&w series title:", self.series_title)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        named(buttons.button(QDialogButtonBox.StandardButton.Ok), "Create meeting").setText("Create meeting")
        named(buttons.button(QDialogButtonBox.StandardButton.Cancel), "Cancel")
        buttons.accepted.connect(self._create)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        self.type_combo.currentIndexChanged.connect(self._check_chair)
        self.chair_role.currentIndexChanged.connect(self._check_chair)
        self.series_combo.currentIndexChanged.connect(
            lambda: self.series_title.setEnabled(self.series_combo.currentData() == "new"))
        self._check_chair()
        self.type_combo.setFocus()

    def _check_chair(self) -> None:
        profile = self._services.profile
        meeting_type = profile.meeting_type(self.type_combo.currentData())
        role = self.chair_role.currentData()
        if role and not meeting_type.chair_role_allowed(role):
            allowed = ", ".join(profile.role_label(r) for r in meeting_type.allowed_chair_roles) or "any role"
            self.warning.setText(f"Warning: the practice profile says a {meeting_type.name} is chaired by "
                                 f"{allowed}; {profile.role_label(role)} is not on that list.")
        else:
            self.warning.clear()

    def _create(self) -> None:
        qd, qt = self.date_edit.date(), self.time_edit.time()
        starts = uk_wall_time_to_utc(date(qd.year(), qd.month(), qd.day()), time(qt.hour(), qt.minute()))
        series = self.series_combo.currentData()
        try:
            meeting = self._services.meetings.create(
                self.type_combo.currentData(), starts,
                series_id=series if isinstance(series, int) else None,
                new_series_title=self.series_title.text() if series == "new" else None,
                title=self.title_edit.text(), locality=self.locality_edit.text(),
                venue=self.venue_edit.text(), chair_name=self.chair_name.text(),
                chair_role=self.chair_role.currentData(), minute_taker=self.minute_taker.text())
        except (ServiceError, TextRejected) as exc:
            self.error.setText(str(exc))
            return
        self.created_id = meeting.id
        self.accept()
