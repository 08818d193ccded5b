"""The "must consider" checklist for the chair: each item's state with its note or reason, the
records that answer it, and the children counted under the scale of the concerns.

Keyboard: arrows choose an item; Tab to its state and note; Ctrl+Enter saves and moves to the next
item not yet addressed. Progress ("9 of 13") is always in view.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QCheckBox,
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
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from efh_desktop.domain.action_line import parse_action_line
from efh_desktop.domain.text_rules import TextRejected
from efh_desktop.gui import colours
from efh_desktop.gui.widgets import empty_state, make_action, named, say_done, say_problem
from efh_desktop.services.app_services import Services
from efh_desktop.services.checklist_service import STATUS_LABELS, ChecklistRow
from efh_desktop.services.context import ServiceError

KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class ChecklistPanel(QWidget):
    changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("checklist_panel")
        self._services: Services | None = None
        self.meeting_id: int | None = None
        self._rows: dict[str, ChecklistRow] = {}
        self._editing_key: str | None = None  # the item the editor shows
        self._dirty = False  # the editor holds changes not yet saved
        self._filling = False

        self.progress = QLabel()
        self.progress.setObjectName("checklist_progress")
        self.progress.setAccessibleName("Checklist progress")
        self.progress.setStyleSheet("font-weight: 600;")
        self.only_open = named(QCheckBox("Show only what is &not yet addressed"), "Show only what is not yet addressed")
        self.only_open.toggled.connect(self.refresh)
        self.tree = named(QTreeWidget(), "Must consider items", "Arrows choose an item; Tab to its state and note")
        self.tree.setHeaderLabels(["Must consider", "State"])
        self.tree.setColumnWidth(0, 520)
        self.tree.currentItemChanged.connect(self._selected)

        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setStyleSheet("font-weight: 600;")
        self.help = QLabel()
        self.help.setWordWrap(True)
        self.help.setTextFormat(Qt.TextFormat.PlainText)
        self.state = named(QComboBox(), "State of this item")
        for key, label in STATUS_LABELS.items():
            self.state.addItem(label, key)
        self.note = named(QPlainTextEdit(), "Note or reason", "A note when considered; the reason when not applicable")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(70)
        self.save_button = named(QPushButton("&Save (Ctrl+Enter)"), "Save this item")
        self.save_button.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setObjectName("checklist_message")
        self.subjects = named(QListWidget(), "Children counted here", "Space ticks a child")
        self.subjects.setFixedHeight(90)
        self.subjects.itemChanged.connect(self._subject_ticked)
        self.links = named(QListWidget(), "Records that answer this item")
        self.links.setFixedHeight(80)
        self.link_choice = named(QComboBox(), "Link a note, decision or action")
        self.link_button = named(QPushButton("&Link"), "Link the chosen record")
        self.link_button.clicked.connect(self._link)
        self.new_action = named(QLineEdit(), "New action for this item", "What will be done @who #agency !when; Enter")
        self.new_action.setPlaceholderText("New action for this item: what  @who  #agency  !when")
        self.new_action.returnPressed.connect(self._create_action)

        editor = QWidget()
        form = QFormLayout(editor)
        form.addRow(self.title)
        form.addRow(self.help)
        form.addRow("St&ate:", self.state)
        form.addRow("N&ote or reason:", self.note)
        form.addRow("", self.save_button)
        form.addRow("", self.message)
        form.addRow("Children counted:", self.subjects)
        form.addRow("Records:", self.links)
        link_row = QHBoxLayout()
        link_row.addWidget(self.link_choice, 1)
        link_row.addWidget(self.link_button)
        form.addRow("", link_row)
        form.addRow("", self.new_action)
        self.empty = empty_state("This meeting type has no checklist in the practice profile.")
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.progress, 1)
        top.addWidget(self.only_open)
        left_layout.addLayout(top)
        left_layout.addWidget(self.tree, 1)
        split.addWidget(left)
        split.addWidget(editor)
        split.setSizes([700, 500])
        self.split = split
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        layout.addWidget(self.empty)

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            make_action(self, "", keys, self.save).setShortcutContext(context)
        self.state.currentIndexChanged.connect(self._edited)
        self.note.textChanged.connect(self._edited)

    def _edited(self, *_args) -> None:
        if not self._filling:
            self._dirty = True

    # -- loading ----------------------------------------------------------------------------------
    def set_meeting(self, services: Services | None, meeting_id: int | None) -> None:
        self.flush()
        self._services, self.meeting_id = services, meeting_id
        self._dirty, self._editing_key = False, None
        self._filling = True
        self.tree.clear()
        self._filling = False
        self._rows = {}
        if meeting_id is None:
            self.progress.clear()
            return
        has_checklist = services.checklist.checklist(meeting_id) is not None
        self.split.setVisible(has_checklist)
        self.empty.setVisible(not has_checklist)
        editable = services.meetings.get(meeting_id).status != "finalised"
        for widget in (self.state, self.note, self.save_button, self.link_button, self.new_action, self.subjects):
            widget.setEnabled(editable)
        self.refresh()

    def refresh(self) -> None:
        if self.meeting_id is None:
            return
        current = self.current_key()
        kept = (self.state.currentData(), self.note.toPlainText()) if self._dirty else None
        rows = self._services.checklist.rows(self.meeting_id)
        self._rows = {r.key: r for r in rows}
        self._filling = True  # rebuilding the tree moves the selection; that is not the user moving on
        self.tree.clear()
        nodes: dict[int, QTreeWidgetItem] = {}
        skipping = False
        for row in rows:
            if row.depth == 0:
                # An addressed item is hidden with its sub-items when only open ones are shown.
                skipping = self.only_open.isChecked() and row.addressed
            if skipping:
                continue
            counted = f" ({len(row.subject_ids)} counted)" if row.subject_ids else ""
            node = QTreeWidgetItem([f"{row.number}. {row.title}{counted}", row.status_label])
            node.setData(0, KEY_ROLE, row.key)
            if not row.addressed:
                node.setForeground(1, QBrush(colours.colour("warning")))
            parent = nodes.get(row.depth - 1) if row.depth else None
            (parent.addChild(node) if parent else self.tree.addTopLevelItem(node))
            nodes[row.depth] = node
        self.tree.expandAll()
        progress = self._services.finalise.progress(self.meeting_id)
        if progress:
            done, total = progress
            self.progress.setText(f"{done} of {total} addressed" + ("" if done < total else " ✓"))
        self._select(current)
        if self.tree.currentItem() is None and self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._filling = False
        self._show(self.current_key())
        if kept is not None and self.current_key() == current:
            # A tick or a link refreshed the list: what was typed in the editor stays.
            self._filling = True
            self.state.setCurrentIndex(max(0, self.state.findData(kept[0])))
            self.note.setPlainText(kept[1])
            self._filling = False
            self._dirty = True

    def current_key(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, KEY_ROLE) if item else None

    def _select(self, key: str | None) -> None:
        if key is None:
            return
        for node in self._all_nodes():
            if node.data(0, KEY_ROLE) == key:
                self.tree.setCurrentItem(node)
                return

    def _all_nodes(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem] = []

        def walk(node: QTreeWidgetItem) -> None:
            out.append(node)
            for i in range(node.childCount()):
                walk(node.child(i))

        for i in range(self.tree.topLevelItemCount()):
            walk(self.tree.topLevelItem(i))
        return out

    def _selected(self, node: QTreeWidgetItem | None, _previous=None) -> None:
        if self._filling:
            return
        key = node.data(0, KEY_ROLE) if node else None
        if self._dirty and self._editing_key and key != self._editing_key:
            # Moving on saves what was typed for the item being left, rather than dropping it.
            if not self._save_key(self._editing_key):
                self._filling = True
                self._select(self._editing_key)
                self._filling = False
                return
        self._show(key)

    def _show(self, key: str | None) -> None:
        row = self._rows.get(key) if key else None
        if not self._dirty:
            self.message.clear()
        self._editing_key = key
        if row is None:
            return
        self._filling = True
        self.title.setText(f"{row.number}. {row.title}")
        self.help.setText(row.help + (f"\n\n{row.deferred_from}" if row.deferred_from else ""))
        self.state.setCurrentIndex(max(0, self.state.findData(row.status)))
        self.note.setPlainText(row.note)
        self.links.clear()
        for kind, _record_id, text in row.links:
            self.links.addItem(f"{kind.capitalize()}: {text}")
        self._fill_subjects(row)
        self._fill_link_choices()
        self._filling = False
        self._dirty = False

    def _fill_subjects(self, row: ChecklistRow) -> None:
        self.subjects.blockSignals(True)
        self.subjects.clear()
        for subject in self._services.meetings.subjects(self.meeting_id):
            if subject.kind != "child":
                continue
            item = QListWidgetItem(subject.name)
            item.setData(KEY_ROLE, subject.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if subject.id in row.subject_ids else Qt.CheckState.Unchecked)
            self.subjects.addItem(item)
        self.subjects.blockSignals(False)

    def _fill_link_choices(self) -> None:
        self.link_choice.clear()
        minutes = self._services.minutes
        for kind, rows in (("note", minutes.notes(self.meeting_id)), ("decision", minutes.decisions(self.meeting_id)),
                           ("action", minutes.actions(self.meeting_id))):
            for row in rows:
                text = getattr(row, "text", None) or getattr(row, "description", "")
                self.link_choice.addItem(f"{kind.capitalize()}: {text[:70]}", (kind, row.id))

    # -- saving -----------------------------------------------------------------------------------
    def flush(self) -> None:
        """Save what is typed for the current item (before locking or leaving the meeting)."""
        if self._dirty and self._editing_key and self._services is not None and self._services.is_open:
            self._save_key(self._editing_key)

    def _save_key(self, key: str) -> bool:
        if self.meeting_id is None:
            return False
        try:
            self._services.checklist.set_status(self.meeting_id, key, self.state.currentData(),
                                                self.note.toPlainText())
        except (ServiceError, TextRejected) as exc:
            say_problem(self.message, f"Not saved: {exc}")
            return False
        self._dirty = False
        return True

    def save(self) -> None:
        key = self.current_key()
        if key is None or self.meeting_id is None or not self._save_key(key):
            return
        self.refresh()
        say_done(self.message, "Saved.")
        self._next_open(key)
        self.changed.emit()

    def _next_open(self, after: str) -> None:
        """Move to the next item not yet addressed, so the chair can work down the list."""
        keys = [node.data(0, KEY_ROLE) for node in self._all_nodes()]
        start = keys.index(after) + 1 if after in keys else 0
        for key in keys[start:] + keys[:start]:
            if not self._rows[key].addressed:
                self._select(key)
                break
        self.tree.setFocus()

    def _subject_ticked(self, _item: QListWidgetItem) -> None:
        key = self.current_key()
        if key is None:
            return
        ids = [self.subjects.item(i).data(KEY_ROLE) for i in range(self.subjects.count())
               if self.subjects.item(i).checkState() == Qt.CheckState.Checked]
        try:
            self._services.checklist.set_subjects(self.meeting_id, key, ids)
        except ServiceError as exc:
            self.message.setText(f"Not saved: {exc}")
            return
        self.refresh()

    def _link(self) -> None:
        key, choice = self.current_key(), self.link_choice.currentData()
        if key is None or choice is None:
            return
        kind, record_id = choice
        try:
            self._services.checklist.link(self.meeting_id, key, kind, record_id)
        except ServiceError as exc:
            self.message.setText(f"Not linked: {exc}")
            return
        self.refresh()

    def _create_action(self) -> None:
        key = self.current_key()
        if key is None or not self.new_action.text().strip():
            return
        meeting = self._services.meetings.get(self.meeting_id)
        parsed = parse_action_line(self.new_action.text(), agencies=self._services.profile.agencies,
                                   today=self._services.ctx.clock.today(), next_meeting=meeting.next_meeting_date)
        try:
            if parsed.due_text and parsed.due is None:
                raise ServiceError(" ".join(parsed.problems))
            self._services.checklist.create_action(self.meeting_id, key, parsed.description, owner=parsed.owner,
                                                   agency=parsed.agency, due_date=parsed.due)
        except (ServiceError, TextRejected) as exc:
            say_problem(self.message, f"Not recorded: {exc}")
            return
        self.new_action.clear()
        self.refresh()
        say_done(self.message, "Action recorded and linked.")
        self.changed.emit()
