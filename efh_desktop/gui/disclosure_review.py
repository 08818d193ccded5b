"""The review of one disclosure copy, by keyboard: every point the redaction could not decide (a
suspect, with its sentence) and every note not for the family, decided one by one; then a second
person's approval. The same data the command line prints (``PlannedCopy``)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from efh_desktop.error_text import user_message
from efh_desktop.export.where_words import where_in_words
from efh_desktop.gui.widgets import named
from efh_desktop.services.app_services import Services
from efh_desktop.services.minutes_files_service import PlannedCopy

_KEY_DECISIONS = {Qt.Key.Key_M: "mask", Qt.Key.Key_K: "keep", Qt.Key.Key_W: "withhold"}


class DisclosureReview(QWidget):
    """Emits ``changed`` after every decision or approval, so the export dialog plans again."""

    changed = Signal()

    def __init__(self, services: Services, meeting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services, self.meeting_id = services, meeting_id
        self.copy: PlannedCopy | None = None
        self.points = named(QListWidget(), "Points to decide in the disclosure copy",
                            "M masks, K keeps, W withholds a note under the chosen exemption; Down goes to the next")
        self.points.setWordWrap(True)
        self.points.installEventFilter(self)
        self.left = QLabel()
        self.left.setTextFormat(Qt.TextFormat.PlainText)
        self.basis = named(QComboBox(), "Exemption for a withheld note")
        for key, label in services.profile.redaction_bases.items():
            self.basis.addItem(label, key)
        self.reason = named(QLineEdit(), "Why (kept in the redaction log)")
        self.mask_button = named(QPushButton("&Mask"), "Mask this point")
        self.keep_button = named(QPushButton("&Keep"), "Keep this point as written")
        self.withhold_button = named(QPushButton("With&hold"), "Withhold this note under the exemption")
        self.mask_button.clicked.connect(lambda: self.decide("mask"))
        self.keep_button.clicked.connect(lambda: self.decide("keep"))
        self.withhold_button.clicked.connect(lambda: self.decide("withhold"))
        self.approver = named(QLineEdit(), "Approver's name", "A second person: a senior manager")
        self.role = named(QLineEdit(), "Approver's role")
        self.approve_button = named(QPushButton("&Approve this copy"), "Approve the disclosure copy")
        self.approve_button.clicked.connect(self.approve)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)

        buttons = QHBoxLayout()
        for b in (self.mask_button, self.keep_button, self.withhold_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        form = QFormLayout()
        form.addRow("E&xemption:", self.basis)
        form.addRow("Wh&y:", self.reason)
        approval = QHBoxLayout()
        for label, widget in (("Approver's &name:", self.approver), ("Rol&e:", self.role)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            approval.addWidget(caption)
            approval.addWidget(widget, 1)
        approval.addWidget(self.approve_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.left)
        layout.addWidget(self.points, 1)
        layout.addLayout(buttons)
        layout.addLayout(form)
        layout.addLayout(approval)
        layout.addWidget(self.status)

    # -- showing -------------------------------------------------------------------------------------
    def show_copy(self, copy: PlannedCopy | None) -> None:
        row = max(self.points.currentRow(), 0)
        self.copy = copy
        self.points.clear()
        if copy is None:
            self.left.setText("No disclosure copy in this export.")
            self._enable(False)
            return
        for s in copy.suspects:
            state = {"mask": "✓ masked", "keep": "✓ kept"}.get(s.decision, "? to decide")
            item = QListWidgetItem(f"{state}: “{s.word}” in {where_in_words(s.where, copy.document)}: {s.reason}"
                                   f"\n    {s.sentence}\n    masked as “{s.proposal}”")
            item.setData(Qt.ItemDataRole.UserRole, ("suspect", s.key, bool(s.decision)))
            self.points.addItem(item)
        bases = self._services.profile.redaction_bases
        for w in copy.withheld:
            state = f"✓ withheld: {bases.get(w.basis, w.basis)}" if w.basis else "? choose an exemption"
            item = QListWidgetItem(f"{state}: withheld from the family ({w.agency or 'agency not recorded'}, "
                                   f"{where_in_words(w.where, copy.document)}):"
                                   f"\n    {w.excerpt}")
            item.setData(Qt.ItemDataRole.UserRole, ("withheld", w.key, bool(w.basis)))
            self.points.addItem(item)
        if not self.points.count():
            self.points.addItem("Nothing to decide: every replacement was certain.")
        self.points.setCurrentRow(min(row, self.points.count() - 1))
        left = copy.open_points
        approved = f" Approved by {copy.approved_by}." if copy.approved_by else ""
        self.left.setText(f"Disclosure copy {copy.stem}: {left} point{'s' if left != 1 else ''} left to decide."
                          + (" Ready for a second person's approval." if not left and not copy.approved_by else "")
                          + approved)
        self._enable(True)
        self.approve_button.setEnabled(left == 0 and not copy.approved_by)

    def _enable(self, on: bool) -> None:
        for w in (self.mask_button, self.keep_button, self.withhold_button, self.approve_button):
            w.setEnabled(on)

    # -- deciding ------------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.points and event.type() == QEvent.Type.KeyPress and not event.modifiers():
            decision = _KEY_DECISIONS.get(Qt.Key(event.key()))
            if decision is not None:
                self.decide(decision)
                return True
        return super().eventFilter(watched, event)

    def decide(self, decision: str) -> None:
        item = self.points.currentItem()
        point = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if self.copy is None or not point:
            return
        kind, key, _done = point
        if (kind == "withheld") != (decision == "withhold"):
            self.status.setText("A suspect is masked (M) or kept (K); a note not for the family is withheld (W) "
                                "under the exemption chosen.")
            return
        basis = self.basis.currentData() if decision == "withhold" else ""
        try:
            self._services.disclosure_review.decide(self.meeting_id, self.copy.subject_id, key, decision,
                                                    basis=basis or "", reason=self.reason.text())
        except Exception as exc:  # noqa: BLE001 - one sentence for the user
            self.status.setText(f"Not recorded: {user_message(exc)}")
            return
        self.status.setText(f"Recorded: {decision}.")
        self.changed.emit()
        self._next_open()

    def _next_open(self) -> None:
        start = self.points.currentRow()
        for row in list(range(start + 1, self.points.count())) + list(range(0, start + 1)):
            data = self.points.item(row).data(Qt.ItemDataRole.UserRole)
            if data and not data[2]:
                self.points.setCurrentRow(row)
                return

    def approve(self) -> None:
        if self.copy is None:
            return
        try:
            self._services.disclosure_review.approve(self.meeting_id, self.copy.subject_id, self.copy.digest,
                                                     approver=self.approver.text(), role=self.role.text())
        except Exception as exc:  # noqa: BLE001 - one sentence for the user
            self.status.setText(f"Not approved: {user_message(exc)}")
            return
        self.status.setText(f"Approved by {self.approver.text()}.")
        self.changed.emit()
