"""Close an intervention with its outcome: what changed, a rating on the profile's impact scale,
the evidence (and, when it was not done, why)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from efh_desktop.domain.text_rules import TextRejected
from efh_desktop.gui.widgets import named, plain_label, problem_label
from efh_desktop.services.app_services import Services
from efh_desktop.services.context import ServiceError


class OutcomeDialog(QDialog):
    def __init__(self, services: Services, action_id: int, description: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services, self._action_id = services, action_id
        self.setWindowTitle("Outcome of the intervention")
        self.setObjectName("outcome_dialog")
        self.setMinimumWidth(480)
        self.changed = named(QPlainTextEdit(), "What changed", "What is different now because of the intervention")
        self.changed.setTabChangesFocus(True)
        self.changed.setFixedHeight(70)
        self.rating = named(QComboBox(), "Impact rating", "The practice profile's scale, worst first")
        for key, label in services.profile.impact_scale.items():
            self.rating.addItem(label, key)
        self.rating.setCurrentIndex(-1)
        self.evidence = named(QLineEdit(), "Evidence", "For example: police incident log, school attendance")
        self.not_done = named(QCheckBox("It was &not done"), "Not done")
        self.reason = named(QLineEdit(), "Why not done")
        self.reason.setEnabled(False)
        self.not_done.toggled.connect(self.reason.setEnabled)
        form = QFormLayout()
        form.addRow(plain_label(description))
        form.addRow("What &changed:", self.changed)
        form.addRow("&Rating:", self.rating)
        form.addRow("&Evidence:", self.evidence)
        form.addRow("", self.not_done)
        form.addRow("&Why not:", self.reason)
        self.error = problem_label("outcome_error")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        named(buttons.button(QDialogButtonBox.StandardButton.Save), "Save outcome")
        named(buttons.button(QDialogButtonBox.StandardButton.Cancel), "Cancel")
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.changed.setFocus()

    def _save(self) -> None:
        try:
            self._services.history.record_outcome(
                self._action_id, status="not_done" if self.not_done.isChecked() else "done",
                outcome=self.changed.toPlainText(), rating=self.rating.currentData() or "",
                evidence=self.evidence.text(), reason=self.reason.text())
        except (ServiceError, TextRejected) as exc:
            self.error.setText(str(exc))
            return
        self.accept()
