"""The "New meeting" dialog: the meeting type from the practice profile, when, where, who chairs,
and the series it belongs to. A chair role the profile does not allow is a warning naming the
rule, never a block: the chair may have reasons, and the gate before finalising asks again."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from efh_desktop.domain.text_rules import TextRejected
from efh_desktop.domain.uk_dates import uk_wall_time_to_utc
from efh_desktop.gui import colours
from efh_desktop.gui.forms.ui_new_meeting_dialog import Ui_NewMeetingDialog
from efh_desktop.gui.widgets import named
from efh_desktop.services.app_services import Services
from efh_desktop.services.context import ServiceError


class NewMeetingDialog(QDialog):
    """Layout, labels, accessible names and tab order: ui/new_meeting_dialog.ui."""

    def __init__(self, services: Services, parent=None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.created_id: int | None = None
        profile = services.profile
        self.ui = ui = Ui_NewMeetingDialog()
        ui.setupUi(self)
        # Object names a Python attribute cannot carry (uic makes attributes of them): kept as
        # gui/widgets.named() has always made them, for the tests and tools that find controls.
        ui.chair_name.setObjectName("chair's_name")
        ui.chair_role.setObjectName("chair's_role")
        ui.minute_taker.setObjectName("minute-taker")

        self.type_combo = ui.meeting_type
        for key, name in profile.type_choices():
            self.type_combo.addItem(name, key)
        self.date_edit = ui.date
        start = today or services.ctx.clock.today()
        self.date_edit.setDate(QDate(start.year, start.month, start.day))
        self.time_edit = ui.start_time
        self.time_edit.setTime(QTime(10, 0))
        self.end_edit = ui.end_time
        self._minutes = 0  # the meeting's length, kept when the start moves (as Outlook does)
        self.title_edit = ui.title
        self.locality_edit = ui.locality
        self.venue_edit = ui.venue_or_online_link
        self.chair_name = ui.chair_name
        self.chair_role = ui.chair_role
        self.chair_role.addItem("(not yet known)", "")
        for key, label in profile.roles.items():
            self.chair_role.addItem(label, key)
        self.minute_taker = ui.minute_taker
        self.series_combo = ui.series
        self.series_combo.addItem("Not part of a series", None)
        self.series_combo.addItem("Start a new series…", "new")
        for series in services.meetings.series_list():
            self.series_combo.addItem(series.title, series.id)
        self.series_title = ui.new_series_title

        self.warning = ui.chair_role_warning
        self.warning.setStyleSheet(colours.style("warning"))
        self.error = ui.new_meeting_error
        self.error.setStyleSheet(colours.style("problem", bold=True))

        buttons = ui.buttons
        named(buttons.button(QDialogButtonBox.StandardButton.Ok), "Create meeting").setText("Create meeting")
        named(buttons.button(QDialogButtonBox.StandardButton.Cancel), "Cancel")
        buttons.accepted.connect(self._create)
        buttons.rejected.connect(self.reject)

        self.type_combo.currentIndexChanged.connect(self._check_chair)
        self.type_combo.currentIndexChanged.connect(self._type_length)
        self.time_edit.timeChanged.connect(self._start_moved)
        self.end_edit.timeChanged.connect(self._end_moved)
        self._type_length()
        self.chair_role.currentIndexChanged.connect(self._check_chair)
        self.series_combo.currentIndexChanged.connect(
            lambda: self.series_title.setEnabled(self.series_combo.currentData() == "new"))
        self._check_chair()
        self.type_combo.setFocus()

    def _type_length(self) -> None:
        """The meeting type's usual length, from the start as it stands."""
        meeting_type = self._services.profile.meeting_types.get(self.type_combo.currentData())
        self._minutes = meeting_type.default_minutes if meeting_type is not None else 90
        self._start_moved(self.time_edit.time())

    def _start_moved(self, start: QTime) -> None:
        end = start.addSecs(self._minutes * 60)
        if end < start:  # past midnight: the end stops at 23:59 rather than wrapping round
            end = QTime(23, 59)
        self.end_edit.blockSignals(True)
        self.end_edit.setTime(end)
        self.end_edit.blockSignals(False)

    def _end_moved(self, end: QTime) -> None:
        self._minutes = max(0, self.time_edit.time().secsTo(end) // 60)

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
        day = date(qd.year(), qd.month(), qd.day())
        starts = uk_wall_time_to_utc(day, time(qt.hour(), qt.minute()))
        qe = self.end_edit.time()
        ends = uk_wall_time_to_utc(day, time(qe.hour(), qe.minute()))
        if ends <= starts:
            self.error.setText("The meeting must end after it starts: check the end time.")
            self.end_edit.setFocus()
            return
        series = self.series_combo.currentData()
        try:
            meeting = self._services.meetings.create(
                self.type_combo.currentData(), starts,
                series_id=series if isinstance(series, int) else None,
                new_series_title=self.series_title.text() if series == "new" else None,
                title=self.title_edit.text(), locality=self.locality_edit.text(),
                venue=self.venue_edit.text(), chair_name=self.chair_name.text(),
                chair_role=self.chair_role.currentData(), minute_taker=self.minute_taker.text(), ends_at=ends)
        except (ServiceError, TextRejected) as exc:
            self.error.setText(str(exc))
            return
        self.created_id = meeting.id
        self.accept()
