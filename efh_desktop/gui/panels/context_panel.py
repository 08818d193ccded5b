"""The meeting's context: the ecomap, the interventions to review (with their outcomes) and the
prompts the links raise (a person of concern linked to unrelated children across meetings)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from efh_desktop.domain.uk_dates import format_date
from efh_desktop.gui.panels.ecomap_panel import EcomapPanel
from efh_desktop.gui.widgets import named, plain_label
from efh_desktop.services.app_services import Services

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ContextPanel(QWidget):
    open_subject = Signal(int)  # a subject's history page

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("context_panel")
        self._services: Services | None = None
        self.meeting_id: int | None = None
        self.ecomap = EcomapPanel()
        self.ecomap.view.subject_opened.connect(self.open_subject)  # Enter on a node: its history
        self.review_heading = plain_label()
        self.review_heading.setObjectName("review_heading")
        self.review_heading.setWordWrap(True)
        self.review_heading.setAccessibleName("Interventions to review")
        self.review = named(QListWidget(), "Interventions since the last meeting",
                            "Each intervention on this meeting's places and peer groups, with its outcome")
        self.review.setWordWrap(True)
        self.outcome_button = named(QPushButton("Record o&utcome…"), "Record outcome",
                                    "Close the selected intervention with what changed, a rating and the evidence")
        self.outcome_button.clicked.connect(self.record_outcome)
        self.review.itemActivated.connect(lambda _item: self.record_outcome())
        self.prompts = named(QListWidget(), "Prompts from the links",
                             "Enter opens the person of concern's history")
        self.prompts.setWordWrap(True)
        self.prompts.itemActivated.connect(self._open_prompt)
        review_page = QWidget()
        review_layout = QVBoxLayout(review_page)
        review_layout.addWidget(self.review_heading)
        review_layout.addWidget(self.review, 1)
        review_layout.addWidget(self.outcome_button, 0, Qt.AlignmentFlag.AlignLeft)
        review_layout.addWidget(QLabel("Prompts from the relationships recorded:"))
        review_layout.addWidget(self.prompts)
        self.tabs = named(QTabWidget(), "Context views")
        self.tabs.addTab(self.ecomap, "Ecomap")
        self.tabs.addTab(review_page, "Interventions and prompts")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def set_meeting(self, services: Services | None, meeting_id: int | None) -> None:
        self._services, self.meeting_id = services, meeting_id
        self.ecomap.set_meeting(services, meeting_id)
        self.refresh()

    def refresh(self) -> None:
        self.review.clear()
        self.prompts.clear()
        self.review_heading.clear()
        if self._services is None or self.meeting_id is None:
            return
        history = self._services.history
        self.review_heading.setText(history.review_heading(self.meeting_id))
        for item in history.interventions_for_review(self.meeting_id):
            row = QListWidgetItem(f"{format_date(item.when)} · {item.text} — {item.impact}")
            row.setData(ID_ROLE, item.id)
            row.setData(ID_ROLE + 1, item.text)
            self.review.addItem(row)
        subjects = self._services.meetings.subjects(self.meeting_id)
        ids = {s.id for s in subjects}
        people = [s.id for s in subjects if s.kind == "person_of_concern"]
        # The prompt is about this meeting when its person of concern, or a child linked to one, is here.
        for prompt in self._services.relations.persons_linked_to_unrelated_children():
            if prompt.person_id in people or ids & {c for c, _ in prompt.children}:
                row = QListWidgetItem(prompt.message)
                row.setData(ID_ROLE, prompt.person_id)
                self.prompts.addItem(row)
        if not self.prompts.count():
            self.prompts.addItem("No prompts: no person of concern here is linked to unrelated children "
                                 "discussed at other meetings.")

    def _open_prompt(self, item: QListWidgetItem) -> None:
        """Enter on a prompt opens its person of concern's history; the "no prompts" line has none
        (it sent subject 0, and a traceback)."""
        person = item.data(ID_ROLE)
        if person is not None:
            self.open_subject.emit(person)

    def record_outcome(self) -> None:
        """Close the selected intervention with its outcome (Enter on it does the same)."""
        from efh_desktop.gui.outcome_dialog import OutcomeDialog

        row = self.review.currentItem()
        if self._services is None or row is None or row.data(ID_ROLE) is None:
            return
        if OutcomeDialog(self._services, row.data(ID_ROLE), row.data(ID_ROLE + 1), self).exec() == \
                QDialog.DialogCode.Accepted:
            self.refresh()
