"""Consent and information sharing: for each child discussed, what the child and family will be
told (by whom, by when), what is withheld and why, consent, the lawful basis and who decided; the
notes not for the family beside it; and agencies' disclosures.

Keyboard: arrows choose a child; Tab through the form; Ctrl+Enter saves (and moves to the next child
without a decision).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from efh_desktop.domain.text_rules import TextRejected
from efh_desktop.domain.uk_dates import format_date, format_datetime
from efh_desktop.gui.date_field import DateField
from efh_desktop.gui.widgets import make_action, named, say_done, say_problem
from efh_desktop.services.app_services import Services
from efh_desktop.services.context import ServiceError
from efh_desktop.services.sharing_service import CONSENT_LABELS, LAWFUL_BASIS_MISSING, ChildSharing

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _box(name: str, height: int = 54) -> QPlainTextEdit:
    box = named(QPlainTextEdit(), name)
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


def _date_edit(name: str) -> DateField:
    return DateField(name)


def _py_date(edit: DateField) -> date | None:
    """The date typed, None when empty; what cannot be read is refused with what to type."""
    if not edit.is_valid():
        raise TextRejected(f"{edit.accessibleName()}: {edit.problem_text()}")
    return edit.date()


class SharingPanel(QWidget):
    changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("sharing_panel")
        self._services: Services | None = None
        self.meeting_id: int | None = None
        self._children: dict[int, ChildSharing] = {}

        self.children_list = named(QListWidget(), "Children discussed", "✓ a decision is recorded; ✗ not yet")
        self.children_list.currentItemChanged.connect(self._selected)
        self.to_share = _box("What will be shared with the child and family")
        self.shared_by = named(QLineEdit(), "Shared by")
        self.share_by = _date_edit("Shared by when")
        self.withheld = _box("What is withheld")
        self.withheld_reason = _box("Why it is withheld", 44)
        self.consent = named(QComboBox(), "Consent")
        for key, label in CONSENT_LABELS.items():
            self.consent.addItem(label, key)
        self.consent_reason = named(QLineEdit(), "Consent reason", "Needed when consent was refused or not sought")
        self.basis = named(QComboBox(), "Lawful basis")
        self.basis_note = named(QLineEdit(), "Lawful basis, more", "For example a statutory gateway: Children Act 1989 s47")
        self.decided_by = named(QLineEdit(), "Decided by")
        self.outreach = named(QComboBox(), "Outreach action", "The action that will use these words with the family")
        self.save_button = named(QPushButton("&Save (Ctrl+Enter)"), "Save the decision")
        self.save_button.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setObjectName("sharing_message")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.history = QLabel()
        self.history.setTextFormat(Qt.TextFormat.PlainText)
        self.history.setWordWrap(True)
        self.not_for_family = named(QListWidget(), "Notes not for the family about this child")
        self.not_for_family.setWordWrap(True)
        self.not_for_family.setFixedHeight(80)

        form_widget = QWidget()
        form = QFormLayout(form_widget)
        form.addRow("&What will be shared:", self.to_share)
        by_row = QHBoxLayout()
        by_row.addWidget(self.shared_by, 2)
        by_row.addWidget(QLabel("by"))
        by_row.addWidget(self.share_by, 1)
        by_label = QLabel("Shared b&y:")
        by_label.setBuddy(self.shared_by)
        form.addRow(by_label, by_row)
        form.addRow("What is withh&eld:", self.withheld)
        form.addRow("&Reason withheld:", self.withheld_reason)
        consent_row = QHBoxLayout()
        consent_row.addWidget(self.consent)
        consent_row.addWidget(self.consent_reason, 1)
        consent_label = QLabel("&Consent:")
        consent_label.setBuddy(self.consent)
        form.addRow(consent_label, consent_row)
        basis_row = QHBoxLayout()
        basis_row.addWidget(self.basis, 1)
        basis_row.addWidget(self.basis_note, 1)
        basis_label = QLabel("&Lawful basis:")
        basis_label.setBuddy(self.basis)
        form.addRow(basis_label, basis_row)
        form.addRow("&Decided by:", self.decided_by)
        form.addRow("&Outreach action:", self.outreach)
        form.addRow("", self.save_button)
        form.addRow("", self.message)
        form.addRow("", self.history)
        form.addRow("Not for the family:", self.not_for_family)

        # Agency disclosures
        self.disclosures = named(QListWidget(), "Agency disclosures")
        self.disclosures.setWordWrap(True)
        self.d_agency = named(QComboBox(), "Disclosing agency")
        self.d_agency.setEditable(True)
        self.d_what = named(QLineEdit(), "What was disclosed")
        self.d_to = named(QLineEdit(), "To whom")
        self.d_when = _date_edit("When it was disclosed")
        self.d_when.edit.setPlaceholderText("When: 14/3/2026")
        self.d_why = named(QLineEdit(), "Why")
        self.d_add = named(QPushButton("Add disclos&ure"), "Add disclosure")
        self.d_what.setPlaceholderText("What was disclosed")
        self.d_to.setPlaceholderText("To whom")
        self.d_why.setPlaceholderText("Why")
        self.d_add.clicked.connect(self._add_disclosure)
        disclosure_row = QHBoxLayout()
        for widget, stretch in ((self.d_agency, 1), (self.d_what, 2), (self.d_to, 1), (self.d_when, 0),
                                (self.d_why, 2), (self.d_add, 0)):
            disclosure_row.addWidget(widget, stretch)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.children_list)
        split.addWidget(form_widget)
        split.setSizes([300, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(split, 3)
        layout.addWidget(QLabel("Disclosures by agencies (what, to whom, when, why):"))
        layout.addWidget(self.disclosures, 1)
        layout.addLayout(disclosure_row)
        self._editable: list[QWidget] = [self.to_share, self.shared_by, self.share_by, self.withheld,
                                         self.withheld_reason, self.consent, self.consent_reason, self.basis,
                                         self.basis_note, self.decided_by, self.outreach, self.save_button,
                                         self.d_agency, self.d_what, self.d_to, self.d_when, self.d_why, self.d_add]
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            make_action(self, "", keys, self.save).setShortcutContext(context)

    # -- loading ----------------------------------------------------------------------------------
    def set_meeting(self, services: Services | None, meeting_id: int | None) -> None:
        self._services, self.meeting_id = services, meeting_id
        self.children_list.clear()
        self.disclosures.clear()
        self.message.clear()
        if meeting_id is None:
            return
        self.basis.clear()
        self.basis.addItem("(choose)", "")
        for key, label in services.profile.lawful_bases.items():
            self.basis.addItem(label, key)
        self.d_agency.clear()
        self.d_agency.addItems(list(services.profile.agencies))
        editable = services.meetings.get(meeting_id).status != "finalised"
        for widget in self._editable:
            widget.setEnabled(editable)
        self.refresh()

    def refresh(self) -> None:
        if self.meeting_id is None:
            return
        current = self._current_id()
        self._children = {c.subject.id: c for c in self._services.sharing.children(self.meeting_id)}
        self.children_list.clear()
        for child in self._children.values():
            decided = child.record is not None and child.record.decided_at is not None
            label = "✓" if decided else ("review" if child.record is not None else "✗")
            item = QListWidgetItem(f"{label}  {child.subject.name}")
            item.setData(ID_ROLE, child.subject.id)
            self.children_list.addItem(item)
        self.outreach.clear()
        self.outreach.addItem("(none)", None)
        for action in self._services.minutes.actions(self.meeting_id):
            self.outreach.addItem(f"{action.description[:60]} ({action.owner or 'no owner'})", action.id)
        self.disclosures.clear()
        for d in self._services.sharing.disclosures(self.meeting_id):
            self.disclosures.addItem(f"{d.agency} to {d.recipient}, {format_date(d.disclosed_on) or 'date not given'}: "
                                     f"{d.to_share}. Why: {d.purpose}")
        self._select(current)
        if self.children_list.currentItem() is None and self.children_list.count():
            self.children_list.setCurrentRow(0)

    def _current_id(self) -> int | None:
        item = self.children_list.currentItem()
        return item.data(ID_ROLE) if item else None

    def _select(self, subject_id: int | None) -> None:
        for i in range(self.children_list.count()):
            if self.children_list.item(i).data(ID_ROLE) == subject_id:
                self.children_list.setCurrentRow(i)
                return

    def _selected(self, item: QListWidgetItem | None, _previous=None) -> None:
        child = self._children.get(item.data(ID_ROLE)) if item else None
        if child is None:
            return
        r = child.record
        self.to_share.setPlainText(r.to_share if r else "")
        self.shared_by.setText(r.shared_by if r else "")
        self.share_by.setDate(r.share_by if r else None)
        self.withheld.setPlainText(r.withheld if r else "")
        self.withheld_reason.setPlainText(r.withheld_reason if r else "")
        self.consent.setCurrentIndex(max(0, self.consent.findData(r.consent if r else "not_sought")))
        self.consent_reason.setText(r.consent_reason if r else "")
        self.basis.setCurrentIndex(max(0, self.basis.findData(r.lawful_basis if r else "")))
        self.basis_note.setText(r.lawful_basis_note if r else "")
        self.decided_by.setText(r.decided_by if r else "")
        self.outreach.setCurrentIndex(max(0, self.outreach.findData(r.action_id if r else None)))
        if r is None:
            self.history.setText("No decision yet.")
        elif r.decided_at is None:
            self.history.setText("Carried forward from the last meeting: review it, then save to confirm.")
        else:
            self.history.setText(f"Decided by {r.decided_by}, {format_datetime(r.decided_at)}.")
        self.not_for_family.clear()
        for note in child.not_for_family:
            self.not_for_family.addItem(f"{note.source_agency or 'Agency not recorded'}: {note.text}")
        if not child.not_for_family:
            self.not_for_family.addItem("None recorded for this child.")

    # -- saving -----------------------------------------------------------------------------------
    def save(self) -> None:
        subject_id = self._current_id()
        if subject_id is None or self.meeting_id is None:
            return
        try:
            record = self._services.sharing.save_child(
                self.meeting_id, subject_id, to_share=self.to_share.toPlainText(), shared_by=self.shared_by.text(),
                share_by=_py_date(self.share_by), withheld=self.withheld.toPlainText(),
                withheld_reason=self.withheld_reason.toPlainText(), consent=self.consent.currentData(),
                consent_reason=self.consent_reason.text(), lawful_basis=self.basis.currentData(),
                lawful_basis_note=self.basis_note.text(), decided_by=self.decided_by.text(),
                action_id=self.outreach.currentData())
        except (ServiceError, TextRejected) as exc:
            say_problem(self.message, f"Not saved: {exc}")
            return
        self.refresh()
        if not record.lawful_basis:
            # Warned, not refused: the finalisation gate asks for it (issue 15).
            say_problem(self.message, f"Saved. {LAWFUL_BASIS_MISSING}")
        else:
            say_done(self.message, "Saved.")
        self._next_undecided()
        self.changed.emit()

    def _next_undecided(self) -> None:
        for i in range(self.children_list.count()):
            child = self._children[self.children_list.item(i).data(ID_ROLE)]
            if child.record is None or child.record.decided_at is None:
                self.children_list.setCurrentRow(i)
                break
        self.children_list.setFocus()

    def _add_disclosure(self) -> None:
        try:
            self._services.sharing.add_disclosure(self.meeting_id, agency=self.d_agency.currentText(),
                                                  what=self.d_what.text(), recipient=self.d_to.text(),
                                                  disclosed_on=_py_date(self.d_when), purpose=self.d_why.text(),
                                                  subject_id=self._current_id())
        except (ServiceError, TextRejected) as exc:
            say_problem(self.message, f"Disclosure not recorded: {exc}")
            return
        for line in (self.d_what, self.d_to, self.d_why):
            line.clear()
        self.d_when.setDate(None)
        self.refresh()
        self.changed.emit()
