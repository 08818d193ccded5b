"""The distribution clock of one meeting (issue 15): actions out, draft to attendees for an accuracy
check (with a deadline, and who did not reply), minutes finalised, each child's copy filed. Each step
says when it was done or when it is due; an overdue one is marked. Steps are recorded after
finalising too, as filing is."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from efh_desktop.domain.text_rules import TextRejected
from efh_desktop.gui import colours, message_box
from efh_desktop.gui.widgets import named
from efh_desktop.services.app_services import Services
from efh_desktop.services.context import ServiceError


class DistributionClock(QWidget):
    changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("distribution_clock")
        self._services: Services | None = None
        self.meeting_id: int | None = None
        self.steps = named(QListWidget(), "Distribution clock", "Actions, accuracy check, finalising and filing")
        self.steps.setWordWrap(True)
        self.steps.setMaximumHeight(110)
        self.actions_sent = named(QPushButton("Actions sent toda&y"), "Record actions sent today")
        self.deadline = named(QDateEdit(), "Deadline for replies to the accuracy check", "Day/month/year")
        self.deadline.setDisplayFormat("dd/MM/yyyy")
        self.deadline.setCalendarPopup(True)
        self.draft_sent = named(QPushButton("Draft sent for accuracy chec&k"), "Record draft sent today")
        self.non_replies = named(QLineEdit(), "No reply from", "Who did not reply to the accuracy check")
        self.non_replies.setPlaceholderText("No reply from (names)…")
        row = QHBoxLayout()
        row.addWidget(self.actions_sent)
        row.addWidget(QLabel("Replies by:"))
        row.addWidget(self.deadline)
        row.addWidget(self.draft_sent)
        row.addWidget(self.non_replies, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Distribution clock:"))
        layout.addWidget(self.steps)
        layout.addLayout(row)
        self.actions_sent.clicked.connect(lambda: self._record(actions_sent_on=self._today()))
        self.draft_sent.clicked.connect(self._draft_sent)
        self.non_replies.editingFinished.connect(self._non_replies)

    def set_meeting(self, services: Services | None, meeting_id: int | None) -> None:
        self._services, self.meeting_id = services, meeting_id
        self.refresh()

    def refresh(self) -> None:
        self.steps.clear()
        if self._services is None or self.meeting_id is None:
            return
        meeting = self._services.meetings.get(self.meeting_id)
        soon = meeting.accuracy_deadline or self._today() + timedelta(days=5)
        self.deadline.setDate(QDate(soon.year, soon.month, soon.day))
        self.non_replies.setText(meeting.accuracy_non_replies)
        steps = self._services.practice.distribution(self.meeting_id)
        if not steps:
            self.steps.addItem("Nothing is due until the meeting has been held.")
        for step in steps:
            self.steps.addItem(("⚠ Overdue: " if step.overdue else "") + step.text)
            if step.overdue:
                self.steps.item(self.steps.count() - 1).setForeground(colours.colour("problem"))  # the palette's

    def _draft_sent(self) -> None:
        d = self.deadline.date()
        self._record(draft_sent_on=self._today(), accuracy_deadline=date(d.year(), d.month(), d.day()))

    def _today(self) -> date:
        return self._services.ctx.clock.today() if self._services is not None else date.today()

    def _non_replies(self) -> None:
        if self._services is None or self.meeting_id is None:
            return
        if self._services.meetings.get(self.meeting_id).accuracy_non_replies != self.non_replies.text().strip():
            self._record(accuracy_non_replies=self.non_replies.text())

    def _record(self, **fields) -> None:
        if self._services is None or self.meeting_id is None:
            return
        try:
            self._services.practice.record_distribution(self.meeting_id, **fields)
        except (ServiceError, TextRejected) as exc:
            message_box.warning(self, "Not recorded", str(exc))
        self.refresh()
        self.changed.emit()
