"""The meeting workspace: one meeting, its panels in the order the work happens.

Set-up, agenda, checklist, notes and decisions, actions, information sharing, finalise and
export. This shell shows what is already recorded; later work makes each panel editable.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from efh_desktop.domain.uk_dates import format_date, format_datetime, format_time_range
from efh_desktop.gui.row_table_model import RowTableModel
from efh_desktop.gui.widgets import empty_state, named, plain_label
from efh_desktop.services.app_services import Services
from efh_desktop.services.attendance_service import ATTENDANCE_LABELS
from efh_desktop.services.meeting_service import STATUS_LABELS
from efh_desktop.services.subject_service import KIND_LABELS

PANELS = ("Set-up", "Agenda", "Checklist", "Notes and decisions", "Actions", "Information sharing",
          "Finalise and export")


class MeetingWorkspace(QWidget):
    back_requested = Signal()

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("meeting_workspace")
        self.meeting_id: int | None = None
        self.heading = plain_label()
        self.heading.setObjectName("workspace_heading")
        self.heading.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.subheading = plain_label()
        self.back_button = named(QPushButton("← &Back to meetings"), "Back to meetings", "Return to the list (Alt+B)")
        self.back_button.clicked.connect(self.back_requested)
        self.tabs = named(QTabWidget(), "Meeting panels", "Ctrl+Tab moves to the next panel")
        self.tabs.setDocumentMode(True)

        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.subheading)
        top.addLayout(titles, 1)
        top.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

        # Set-up
        self.setup_form = QFormLayout()
        self.subjects_list = named(QListWidget(), "Subjects of this meeting")
        self.attendees_model = RowTableModel([
            ("Name", lambda a: a.name), ("Role", lambda a: a.role), ("Agency", lambda a: a.agency),
            ("Attendance", lambda a: ATTENDANCE_LABELS.get(a.status, a.status)
             + (f" ({a.apology_reason})" if a.apology_reason else "")),
        ], self)
        from PySide6.QtWidgets import QTableView

        self.attendees_table = named(QTableView(), "Attendance register")
        self.attendees_table.setModel(self.attendees_model)
        self.attendees_table.verticalHeader().hide()
        self.attendees_table.horizontalHeader().setStretchLastSection(True)
        setup = QWidget()
        setup_layout = QHBoxLayout(setup)
        left = QVBoxLayout()
        left.addLayout(self.setup_form)
        left.addWidget(QLabel("Subjects:"))
        left.addWidget(self.subjects_list, 1)
        right = QVBoxLayout()
        right.addWidget(QLabel("Attendance register:"))
        right.addWidget(self.attendees_table, 1)
        setup_layout.addLayout(left, 1)
        setup_layout.addLayout(right, 1)
        self.tabs.addTab(setup, "&1 Set-up")

        # Agenda
        self.agenda_tree = named(QTreeWidget(), "Agenda")
        self.agenda_tree.setHeaderLabels(["Item", "Planned minutes"])
        self.agenda_tree.setColumnWidth(0, 520)
        self.tabs.addTab(self.agenda_tree, "&2 Agenda")

        # Checklist
        self.checklist_tree = named(QTreeWidget(), "Must consider checklist")
        self.checklist_tree.setHeaderLabels(["Must consider", "Status"])
        self.checklist_tree.setColumnWidth(0, 620)
        self.checklist_empty = empty_state("This meeting type has no checklist in the practice profile.")
        self.tabs.addTab(self._stacked(self.checklist_tree, self.checklist_empty), "&3 Checklist")

        # Notes and decisions
        self.notes_list = named(QListWidget(), "Notes and decisions")
        self.notes_list.setWordWrap(True)
        self.notes_empty = empty_state("No notes or decisions yet. They are recorded live during the meeting.")
        self.tabs.addTab(self._stacked(self.notes_list, self.notes_empty), "&4 Notes and decisions")

        # Actions
        self.actions_model = RowTableModel([
            ("Action", lambda a: a.description), ("Owner", lambda a: a.owner), ("Agency", lambda a: a.agency),
            ("Due", lambda a: format_date(a.due_date) or "no date"),
            ("Status", lambda a: {"open": "Open", "done": "Done", "not_done": "Not done"}.get(a.status, a.status)),
        ], self)
        self.actions_table = named(QTableView(), "Actions")
        self.actions_table.setModel(self.actions_model)
        self.actions_table.verticalHeader().hide()
        self.actions_table.horizontalHeader().setStretchLastSection(True)
        self.actions_empty = empty_state("No actions yet. Each action needs an owner, an agency and a due date.")
        self.tabs.addTab(self._stacked(self.actions_table, self.actions_empty), "&5 Actions")

        self.tabs.addTab(empty_state(
            "Information sharing: for every child, what is shared with the child and family, what is withheld "
            "and why, consent and the lawful basis. Nothing is recorded yet for this meeting."), "&6 Information sharing")
        self.tabs.addTab(empty_state(
            "Finalise and export: when the meeting has ended, check what is missing, finalise, and export the "
            "minutes for LCS/EHM with a copy for each child."), "&7 Finalise and export")

    @staticmethod
    def _stacked(main: QWidget, empty: QWidget) -> QWidget:
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(main)
        layout.addWidget(empty)
        return holder

    def clear(self) -> None:
        self.meeting_id = None
        self.heading.clear()
        self.subheading.clear()
        while self.setup_form.rowCount():
            self.setup_form.removeRow(0)
        for widget in (self.subjects_list, self.agenda_tree, self.checklist_tree, self.notes_list):
            widget.clear()
        self.attendees_model.clear()
        self.actions_model.clear()

    def show_meeting(self, services: Services, meeting_id: int) -> None:
        self.clear()
        self.meeting_id = meeting_id
        profile = services.profile
        meeting = services.meetings.get(meeting_id)
        type_name = profile.meeting_types[meeting.type_key].name if meeting.type_key in profile.meeting_types \
            else meeting.type_key
        self.heading.setText(meeting.title or type_name)
        self.subheading.setText(f"{type_name} · {format_date(meeting.starts_at, weekday=True)}, "
                                f"{format_time_range(meeting.starts_at, meeting.ends_at)} · "
                                f"{STATUS_LABELS.get(meeting.status, meeting.status)}")
        for label, value in (
            ("Venue", meeting.venue or meeting.online_link), ("Locality", meeting.locality),
            ("Lead authority", meeting.lead_authority),
            ("Chair", f"{meeting.chair_name} ({profile.role_label(meeting.chair_role)})" if meeting.chair_role
             else meeting.chair_name),
            ("Minute-taker", meeting.minute_taker), ("Police operation", meeting.police_operation),
            ("Officer in charge", meeting.officer_in_charge),
            ("Next meeting", format_date(meeting.next_meeting_date)),
        ):
            self.setup_form.addRow(f"{label}:", plain_label(value or "not recorded"))
        for subject in services.meetings.subjects(meeting_id):
            self.subjects_list.addItem(f"{subject.name} ({KIND_LABELS.get(subject.kind, subject.kind)})"
                                       + (f"; {services.subjects.describe(subject)}"
                                          if services.subjects.describe(subject) else ""))
        self.attendees_model.set_rows(services.attendance.list(meeting_id))
        self.attendees_table.resizeColumnsToContents()
        self._fill_agenda(services, meeting_id)
        self._fill_checklist(services, meeting.type_key)
        self._fill_notes(services, meeting_id)
        actions = services.minutes.actions(meeting_id)
        self.actions_model.set_rows(actions)
        self.actions_table.setVisible(bool(actions))
        self.actions_empty.setVisible(not actions)
        self.actions_table.resizeColumnsToContents()
        self.tabs.setCurrentIndex(0)

    def _fill_agenda(self, services: Services, meeting_id: int) -> None:
        items = services.meetings.agenda(meeting_id)
        nodes: dict[int, QTreeWidgetItem] = {}
        for item in sorted(items, key=lambda i: (i.parent_id is not None, i.parent_id or 0, i.position)):
            parent = nodes.get(item.parent_id) if item.parent_id else None
            node = QTreeWidgetItem([item.title, str(item.planned_minutes or "")])
            (parent.addChild(node) if parent else self.agenda_tree.addTopLevelItem(node))
            nodes[item.id] = node
        self.agenda_tree.expandAll()

    def _fill_checklist(self, services: Services, type_key: str) -> None:
        checklist = services.profile.checklist_for(type_key) if type_key in services.profile.meeting_types else None
        self.checklist_tree.setVisible(checklist is not None)
        self.checklist_empty.setVisible(checklist is None)
        if checklist is None:
            return

        def add(items, parent, prefix=""):  # noqa: ANN001, ANN202
            for number, item in enumerate(items, 1):
                node = QTreeWidgetItem([f"{prefix}{number}. {item.title}", "Not yet"])
                (parent.addChild(node) if parent else self.checklist_tree.addTopLevelItem(node))
                add(item.sub_items, node, f"{prefix}{number}.")

        add(checklist.items, None)
        self.checklist_tree.expandAll()

    def _fill_notes(self, services: Services, meeting_id: int) -> None:
        notes = services.minutes.notes(meeting_id)
        decisions = services.minutes.decisions(meeting_id)
        for note in notes:
            flags = "".join((" · not for the family" if note.not_for_family else "",
                             " · child's own words" if note.childs_own_words else ""))
            self.notes_list.addItem(f"Note ({note.source_agency or 'agency not recorded'}, "
                                    f"{format_datetime(note.created_at)}){flags}\n{note.text}")
        for decision in decisions:
            extra = f"\nReason: {decision.rationale}" if decision.rationale else ""
            extra += f"\nDissent: {decision.dissent}" if decision.dissent else ""
            self.notes_list.addItem(f"Decision ({decision.decided_by or 'decided by not recorded'})\n"
                                    f"{decision.text}{extra}")
        self.notes_list.setVisible(bool(notes or decisions))
        self.notes_empty.setVisible(not (notes or decisions))
