""""Link these": record a relationship between two subjects a note is tagged with, with the note
as its source (which meeting, which agency) and its words as what is known."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from efh_desktop.domain.text_rules import TextRejected
from efh_desktop.gui.widgets import named, problem_label
from efh_desktop.services.app_services import Services
from efh_desktop.services.context import ServiceError
from efh_desktop.services.relation_service import relations_between


class LinkTheseDialog(QDialog):
    def __init__(self, services: Services, note_id: int, note_text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services, self._note_id = services, note_id
        self.setWindowTitle("Link these")
        self.setObjectName("link_these_dialog")
        self.setMinimumWidth(460)
        tagged = services.minutes.tags("note", note_id)
        self._subjects = [services.subjects.get(i) for i in tagged]
        self.first = named(QComboBox(), "First subject")
        self.second = named(QComboBox(), "Second subject")
        for subject in self._subjects:
            self.first.addItem(subject.name, subject.id)
            self.second.addItem(subject.name, subject.id)
        if len(self._subjects) > 1:
            self.second.setCurrentIndex(1)
        self.relation = named(QComboBox(), "Relationship")
        self.known = named(QPlainTextEdit(), "What is known", "Left empty, the note's own words are used")
        self.known.setTabChangesFocus(True)
        self.known.setFixedHeight(60)
        self.known.setPlaceholderText(note_text[:200] or "Left empty, the note's own words are used")
        for combo in (self.first, self.second):
            combo.currentIndexChanged.connect(self._fill_relations)
        form = QFormLayout()
        form.addRow("&Link:", self.first)
        form.addRow("&With:", self.second)
        form.addRow("&Relationship:", self.relation)
        form.addRow("What is &known:", self.known)
        self.error = problem_label("link_these_error")
        if len(self._subjects) < 2:
            self.error.setText("Tag the note with the two subjects to link first.")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        named(buttons.button(QDialogButtonBox.StandardButton.Save), "Save link")
        named(buttons.button(QDialogButtonBox.StandardButton.Cancel), "Cancel")
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._fill_relations()
        self.relation.setFocus()

    def _kind(self, combo: QComboBox) -> str | None:
        ident = combo.currentData()
        return next((s.kind for s in self._subjects if s.id == ident), None)

    def _fill_relations(self) -> None:
        self.relation.clear()
        a, b = self._kind(self.first), self._kind(self.second)
        if a and b:
            for r in relations_between(a, b):
                self.relation.addItem(r.label, r.key)

    def _save(self) -> None:
        if self.relation.currentData() is None:
            self.error.setText("These two cannot be linked: choose two different subjects a relationship can join.")
            return
        try:
            self._services.relations.link_from_note(self._note_id, self.first.currentData(),
                                                    self.second.currentData(), self.relation.currentData(),
                                                    known=self.known.toPlainText())
        except (ServiceError, TextRejected) as exc:
            self.error.setText(str(exc))
            return
        self.accept()
