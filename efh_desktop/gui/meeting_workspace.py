"""The meeting workspace: one meeting, its panels in the order the work happens.

Set-up (details, subjects, what still needs attention), attendance, agenda, checklist, notes and
decisions, actions, information sharing, finalise and export, and the minutes read whole.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from efh_desktop.domain.uk_dates import format_date, format_time_range
from efh_desktop.gui.panels.actions_panel import ActionsPanel
from efh_desktop.gui.panels.agenda_builder import AgendaBuilder
from efh_desktop.gui.panels.attendance_panel import AttendancePanel
from efh_desktop.gui.panels.checklist_panel import ChecklistPanel
from efh_desktop.gui.panels.context_panel import ContextPanel
from efh_desktop.gui.panels.finalise_panel import FinalisePanel
from efh_desktop.gui.panels.findings_list import FindingsList
from efh_desktop.gui.panels.live_panel import LivePanel
from efh_desktop.gui.panels.meeting_subjects import MeetingSubjectsPanel
from efh_desktop.gui.panels.minutes_view import MinutesView
from efh_desktop.gui.panels.setup_form import SetupForm
from efh_desktop.gui.panels.sharing_panel import SharingPanel
from efh_desktop.gui.widgets import named, plain_label
from efh_desktop.services.app_services import Services
from efh_desktop.services.meeting_pages import STATUS_LABELS


class MeetingWorkspace(QWidget):
    back_requested = Signal()
    next_meeting_requested = Signal()
    agenda_pdf_requested = Signal()

    def __init__(self, services: Services, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("meeting_workspace")
        self._services = services  # the session's (gui/session_view.py): the workspace goes when it locks
        self.meeting_id: int | None = None
        self.heading = plain_label()
        self.heading.setObjectName("workspace_heading")
        self.heading.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.subheading = plain_label()
        self.back_button = named(QPushButton("← &Back to meetings"), "Back to meetings", "Return to the list")
        self.back_button.clicked.connect(self.back_requested)
        self.next_button = named(QPushButton("Next meeting in series…"), "Create the next meeting in the series",
                                 "Same subjects, attendees invited, open actions for review (Ctrl+Shift+N)")
        self.next_button.clicked.connect(self.next_meeting_requested)
        self.pdf_button = named(QPushButton("Agenda PDF…"), "Agenda as PDF", "Print or save the agenda (Ctrl+P)")
        self.pdf_button.clicked.connect(self.agenda_pdf_requested)
        self.tabs = named(QTabWidget(), "Meeting panels", "Ctrl+Tab moves to the next panel")
        self.tabs.setDocumentMode(True)

        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.subheading)
        top.addLayout(titles, 1)
        for button in (self.pdf_button, self.next_button, self.back_button):
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

        self.setup_form = SetupForm()
        self.findings = FindingsList()
        self.subjects = MeetingSubjectsPanel()
        attention = QWidget()
        attention_layout = QVBoxLayout(attention)
        attention_layout.setContentsMargins(0, 0, 0, 0)
        attention_layout.addWidget(QLabel("What still needs attention:"))
        attention_layout.addWidget(self.findings)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.subjects)
        lower.addWidget(attention)
        lower.setSizes([620, 520])
        setup = QWidget()
        setup_layout = QVBoxLayout(setup)
        setup_layout.addWidget(self.setup_form)
        setup_layout.addWidget(lower, 1)
        self.attendance = AttendancePanel()
        self.agenda = AgendaBuilder()
        self.checklist = ChecklistPanel()
        self.finalise = FinalisePanel()
        self.sharing = SharingPanel()
        self.live = LivePanel()
        self.actions_panel = ActionsPanel(services=services)
        self.minutes_view = MinutesView()
        for widget, label in (
            (setup, "&1 Set-up"), (self.attendance, "&2 Attendance"), (self.agenda, "&3 Agenda"),
            (self.checklist, "&4 Checklist"), (self.live, "&5 Notes and decisions"),
            (self.actions_panel, "&6 Actions"),
            (self.sharing, "&7 Information sharing"),
            (self.finalise, "&8 Finalise and export"),
            (self.minutes_view, "&9 Minutes"),
        ):
            self.tabs.addTab(widget, label)
        self.context = ContextPanel()  # the ecomap, interventions to review, prompts from the links
        self.tabs.addTab(self.context, "1&0 Ecomap and impact")

        for panel in (self.setup_form, self.subjects, self.attendance):
            signal = panel.saved if panel is self.setup_form else panel.changed
            signal.connect(self._after_change)
        self.tabs.currentChanged.connect(self._tab_shown)
        self.live.changed.connect(self._show_heading)
        self.finalise.go_to_panel.connect(self.go_to_panel)
        self.finalise.go_to_record.connect(self.go_to_record)
        self.finalise.finalised.connect(self._reload)
        from efh_desktop.gui import icons

        icons.decorate_workspace(self)

    def _panels(self) -> tuple:  # the panels that show one meeting (set_meeting)
        return (self.setup_form, self.subjects, self.attendance, self.agenda, self.live, self.actions_panel,
                self.checklist, self.finalise, self.sharing, self.minutes_view)

    def clear(self) -> None:
        """Back to the meetings list: every panel lets go of the meeting (meeting id None)."""
        self.meeting_id = None
        self.heading.clear()
        self.subheading.clear()
        self.findings.clear()
        for panel in (*self._panels(), self.context):
            panel.set_meeting(self._services, None)

    def show_meeting(self, meeting_id: int) -> None:
        services = self._services
        self.clear()
        self.meeting_id = meeting_id
        for panel in self._panels():
            panel.set_meeting(services, meeting_id)
        self._show_heading()
        self.findings.show_findings(services.setup.findings(meeting_id))
        self.tabs.setCurrentIndex(0)

    def _show_heading(self) -> None:
        services, meeting = self._services, self._services.meetings.get(self.meeting_id)
        type_name = services.profile.meeting_type(meeting.type_key).name
        self.heading.setText(meeting.title or type_name)
        self.subheading.setText(f"{type_name} · {format_date(meeting.starts_at, weekday=True)}, "
                                f"{format_time_range(meeting.starts_at, meeting.ends_at)} · "
                                f"{STATUS_LABELS.get(meeting.status, meeting.status)}")

    def go_to_panel(self, panel: str) -> None:
        """Jump from a gate item to where it is fixed."""
        target = {"checklist": self.checklist, "actions": self.actions_panel, "decisions": self.live,
                  "attendance": self.attendance,
                  "setup": self.setup_form.parentWidget(), "information_sharing": self.sharing}.get(panel)
        if target is not None:
            self.tabs.setCurrentWidget(target)
            target.setFocus()

    def go_to_record(self, panel: str, key: str, record_id: int) -> None:
        """After ``go_to_panel``: open the very record the gate item is about (the action in its
        edit dialog, the child's sharing decision, the checklist point)."""
        from PySide6.QtCore import QTimer

        if panel == "actions" and record_id:
            self.actions_panel.refresh()
            self.actions_panel._reselect(record_id)
            # After this key press is handled, so the dialog opens on top of the panel just shown.
            QTimer.singleShot(0, self.actions_panel.edit_selected)
        elif panel == "information_sharing" and record_id:
            self.sharing.refresh()
            self.sharing._select(record_id)
            self.sharing.children_list.setFocus()
        elif panel == "checklist" and key.startswith("checklist:"):
            self.checklist.refresh()
            self.checklist._select(key.split(":")[1])  # "checklist:<item>" or "checklist:<item>:deferred"
            self.checklist.tree.setFocus()

    def _reload(self) -> None:
        """After finalising every panel shows the meeting read-only."""
        if self.meeting_id is not None:
            tab = self.tabs.currentIndex()
            self.show_meeting(self.meeting_id)
            self.tabs.setCurrentIndex(tab)

    def _tab_shown(self, _index: int) -> None:
        """Panels show other panels' work: refresh the one coming into view."""
        if self.meeting_id is None:
            return
        widget = self.tabs.currentWidget()
        if widget is self.actions_panel:
            self.actions_panel.refresh()
        elif widget is self.live:
            self.live.set_meeting(self._services, self.meeting_id) if self.live.meeting_id is None else \
                self.live.refresh()
        elif widget is self.agenda:
            self.agenda.refresh()
        elif widget is self.checklist:
            self.checklist.refresh()
        elif widget is self.finalise:
            self.finalise.refresh()
        elif widget is self.sharing:
            self.sharing.refresh()
        elif widget is self.minutes_view:
            self.minutes_view.refresh()
        elif widget is self.context:
            self.context.set_meeting(self._services, self.meeting_id)  # built when first shown

    def _after_change(self) -> None:
        """Any set-up change can change the rules' findings, the prompts and the agenda's timing."""
        if self.meeting_id is None:
            return
        self._show_heading()
        self.findings.show_findings(self._services.setup.findings(self.meeting_id))
        if self.sender() is not self.attendance:
            self.attendance.set_meeting(self._services, self.meeting_id)
        self.agenda.refresh()
        # New subjects or a new type change what the capture form offers; typed text stays.
        self.live.capture.reload_choices()
