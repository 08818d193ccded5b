""""Next meeting in series…": says what will be made (date, subjects, people invited, open actions
carried) and which agenda it starts from, and creates nothing until the user says so.

The agenda starts from the previous meeting's, as the chair left it (items added, the order
chosen); the type's template is the other choice, for a series whose agenda has drifted.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QRadioButton, QVBoxLayout, QWidget

from efh_desktop.domain.uk_dates import format_date, format_time
from efh_desktop.gui.widgets import named, plain_label
from efh_desktop.services.series_service import NextMeetingPreview


class NextMeetingDialog(QDialog):
    def __init__(self, preview: NextMeetingPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Next meeting in the series")
        self.setObjectName("next_meeting_dialog")
        p = preview
        self.summary = plain_label(
            f"Create the next meeting, on {format_date(p.starts_at, weekday=True)} at {format_time(p.starts_at)} "
            "(change it in Set-up afterwards)?\n\n"
            f"It keeps this meeting's {p.subjects} subject{'s' if p.subjects != 1 else ''}, invites its "
            f"{p.attendees} attendee{'s' if p.attendees != 1 else ''} again and carries "
            f"{p.open_actions} open action{'s' if p.open_actions != 1 else ''} for review.")
        self.summary.setObjectName("next_meeting_summary")
        self.summary.setWordWrap(True)
        self.from_previous = named(QRadioButton(f"Agenda as &this meeting's ({p.agenda_items} items, in its order)"),
                                   "Agenda as this meeting's")
        self.from_template = named(QRadioButton("Agenda from the meeting type's te&mplate"), "Agenda from the template")
        has_agenda = p.agenda_items > 0
        self.from_previous.setEnabled(has_agenda)
        (self.from_previous if has_agenda else self.from_template).setChecked(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Create meeting")
        named(ok, "Create the next meeting")
        named(buttons.button(QDialogButtonBox.StandardButton.Cancel), "Cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel("Start the agenda from:"))
        layout.addWidget(self.from_previous)
        layout.addWidget(self.from_template)
        layout.addWidget(buttons)
        ok.setDefault(True)
        ok.setFocus()
        self.resize(520, self.sizeHint().height())

    def agenda_from(self) -> str:
        return "previous" if self.from_previous.isChecked() else "template"
