"""Live minutes: the agenda with the item under discussion and its time, the capture form, and the
records made under the current item, with undo and redo.

F5 starts the meeting (records the actual start), Shift+F5 ends it. Ctrl+PgDown / Ctrl+PgUp move
to the next / previous agenda item. F11 shows the chair view for a shared screen. Ctrl+Alt+Z and
Ctrl+Alt+Y undo and redo the minute-taker's records.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from efh_desktop.domain.text_rules import TextRejected
from efh_desktop.domain.uk_dates import format_time
from efh_desktop.error_text import user_message
from efh_desktop.gui import colours
from efh_desktop.gui.panels.chair_view import ChairView
from efh_desktop.gui.panels.live_capture import CaptureForm
from efh_desktop.gui.panels.minutes_undo import ChangedCommand, DeletedCommand, RecordedCommand
from efh_desktop.gui.panels.record_list import RecordList
from efh_desktop.gui.widgets import flowing, make_action, named, plain_label
from efh_desktop.services.app_services import Services
from efh_desktop.services.context import ServiceError

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
REVIEW_KEYS = ("previous_actions", "review_of_actions", "review_previous_actions")
ID_ROLE = Qt.ItemDataRole.UserRole + 2


def _minutes(seconds: float) -> int:
    return int(seconds // 60)


class LivePanel(QWidget):
    changed = Signal()  # the meeting's status or times changed (started, ended)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("live_panel")
        self._services: Services | None = None
        self.meeting_id: int | None = None
        self._entered_at: datetime | None = None  # when discussion of the current item began (this visit)
        self.undo_stack = QUndoStack(self)
        self._review_item: int | None = None
        self.chair_view: ChairView | None = None

        self.start_button = named(QPushButton("Start meeting (F5)"), "Start meeting")
        self.end_button = named(QPushButton("End meeting (Shift+F5)"), "End meeting")
        self.chair_button = named(QPushButton("Chair view (F11)"), "Chair view", "The agenda for a shared screen")
        self.start_button.clicked.connect(self.start_meeting)
        self.end_button.clicked.connect(self.end_meeting)
        self.chair_button.clicked.connect(self.toggle_chair_view)
        # Here, in the main window the room does not see: the shared screen shows initials unless ticked.
        self.full_names = named(QCheckBox("F&ull names on the chair view"), "Full names on the chair view",
                                "Off: children are shown by initials on the shared screen")
        self.full_names.toggled.connect(self._show_chair)
        self.clock = QLabel()
        self.clock.setObjectName("live_clock")
        self.clock.setAccessibleName("Meeting time")

        self.agenda = named(QListWidget(), "Agenda items", "Enter moves discussion to the selected item")
        self.agenda.itemActivated.connect(lambda item: self.go_to(item.data(ID_ROLE)))
        self.item_time = QLabel()
        self.item_time.setObjectName("item_time")
        self.item_time.setWordWrap(True)
        self.item_time.setAccessibleName("Time on this item")

        self.capture = CaptureForm()
        self.capture.recording.connect(self._show_saving)
        self.capture.settled.connect(self._settled)
        self.current_title = flowing(plain_label())
        self.current_title.setStyleSheet("font-weight: 600;")
        self.records = named(RecordList(), "Recorded under this item", "Delete removes the selected record; "
                             "Ctrl+Z undoes")
        self.email_button = named(QPushButton("Draft email to First Response…"), "Draft email to First Response",
                                  "For the selected referral decision: an email with the discussion and decision")
        self.email_button.clicked.connect(self.draft_referral_email)
        self.email_button.setEnabled(False)
        self.records.currentItemChanged.connect(self._record_selected)
        self.link_button = named(QPushButton("Link these… (Ctrl+Shift+K)"), "Link these",
                                 "Record a relationship between two subjects the selected note is tagged with")
        self.link_button.clicked.connect(self.link_these)
        self.link_button.setEnabled(False)

        bar = QHBoxLayout()
        for widget in (self.start_button, self.end_button, self.chair_button, self.full_names):
            bar.addWidget(widget)
        bar.addWidget(self.clock, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("Agenda (Ctrl+PgDown next, Ctrl+PgUp previous):"))
        left_layout.addWidget(self.agenda, 1)
        left_layout.addWidget(self.item_time)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.current_title)
        right_layout.addWidget(self.capture)
        right_layout.addWidget(QLabel("Recorded under this item:"))
        right_layout.addWidget(self.records, 1)
        right_layout.addWidget(self.email_button, 0, Qt.AlignmentFlag.AlignLeft)
        right_layout.addWidget(self.link_button, 0, Qt.AlignmentFlag.AlignLeft)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([380, 820])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)

        self.tick = QTimer(self)
        self.tick.setInterval(15_000)  # the timers move in minutes; a quarter-minute tick is plenty
        self.tick.timeout.connect(self._show_times)

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (("F5", self.start_meeting), ("Shift+F5", self.end_meeting),
                           ("Ctrl+PgDown", lambda: self.step(+1)), ("Ctrl+PgUp", lambda: self.step(-1)),
                           ("F6", lambda: self.capture.set_mode("note")),
                           ("F7", lambda: self.capture.set_mode("decision")),
                           ("F8", lambda: self.capture.set_mode("action")),
                           ("F11", self.toggle_chair_view), ("Ctrl+Shift+K", self.link_these),
                           # In a text field Ctrl+Z undoes typing (as everywhere); Ctrl+Alt+Z undoes the
                           # last recorded note, decision or action from anywhere in the panel, and
                           # Ctrl+Z does too where there is no text to undo (the lists).
                           ("Ctrl+Alt+Z", self.undo), ("Ctrl+Alt+Y", self.redo),
                           ("Ctrl+Z", self.undo), ("Ctrl+Y", self.redo)):
            make_action(self, "", keys, slot).setShortcutContext(context)
        delete = make_action(self.records, "", "Delete", self.delete_selected)
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        for keys in ("F2", "Return", "Enter"):
            edit = make_action(self.records, "", keys, self.edit_selected)
            edit.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.records.itemDoubleClicked.connect(lambda _item: self.edit_selected())

    # -- loading ----------------------------------------------------------------------------------
    def set_meeting(self, services: Services | None, meeting_id: int | None) -> None:
        # Whatever is half-typed for the meeting being left is kept before the form is cleared.
        self.capture._draft_timer.stop()
        self.capture.save_draft()
        self._services, self.meeting_id = services, meeting_id
        self.undo_stack.clear()
        self._entered_at = None
        self._review_item: int | None = None  # the item read or tidied when the meeting is not running
        self.capture.set_meeting(services, meeting_id)
        if meeting_id is None:
            self.tick.stop()
            for widget in (self.agenda, self.records):
                widget.clear()
            self.clock.clear()
            self.item_time.clear()
            self.current_title.clear()
            if self.chair_view is not None:
                self.chair_view.clear()
                self.chair_view.hide()
            return
        self.refresh()

    def refresh(self) -> None:
        services = self._services
        meeting = services.meetings.get(self.meeting_id)
        live = meeting.status == "in_progress"
        finalised = meeting.status == "finalised"
        self.start_button.setEnabled(not live and not finalised)
        self.start_button.setText("Resume meeting (F5)" if meeting.actual_start and not live else "Start meeting (F5)")
        self.end_button.setEnabled(live)
        self.capture.setEnabled(not finalised)
        current = services.live.current_item_id(self.meeting_id)
        nodes = services.agenda.tree(self.meeting_id)
        reviewing = not live and self._review_item in {n.id for n in nodes}
        if reviewing:
            current = self._review_item  # after the meeting: the item being reviewed, no timings change
        self.capture.agenda_item_id = current
        self.agenda.clear()
        for node in nodes:
            item = QListWidgetItem(("   " * node.depth) + f"{node.number}  {node.title}")
            item.setData(ID_ROLE, node.id)
            if node.id == current:
                item.setText("▶ " + item.text().lstrip())
                font = item.font()
                font.setBold(True)
                item.setFont(font)
                self.agenda.setCurrentItem(item)
            self.agenda.addItem(item)
            if node.id == current:
                self.agenda.setCurrentItem(item)
        title = next((f"{n.number} {n.title}" for n in nodes if n.id == current), "")
        if reviewing:
            self.current_title.setText(f"Reviewing: {title}. Enter on a record changes it; Ctrl+Z undoes.")
        elif meeting.status == "ended" and not title:
            self.current_title.setText("The meeting has ended: choose an item to review and tidy what was recorded.")
        else:
            self.current_title.setText(f"Now discussing: {title}" if title else
                                       "Not started: press F5 to start the meeting, or record notes now.")
        node = next((n for n in nodes if n.id == current), None)
        if node is not None and node.template_key in REVIEW_KEYS:  # issue 16: the impact of interventions
            from efh_desktop.gui.panels.review_prompt import review_text

            self.current_title.setWordWrap(True)  # the list must not widen the window
            self.current_title.setText(self.current_title.text() + "\n" + review_text(services, self.meeting_id))
        if live and self._entered_at is None:
            self._entered_at = self._services.ctx.clock.now()
        self._show_records()
        self._show_times()
        (self.tick.start() if live else self.tick.stop())
        self._show_chair()

    def _show_times(self) -> None:
        if self.meeting_id is None:
            return
        meeting = self._services.meetings.get(self.meeting_id)
        now = self._services.ctx.clock.now()
        if meeting.status == "in_progress" and meeting.actual_start:
            self.clock.setText(f"Started {format_time(meeting.actual_start)} · "
                               f"{_minutes((now - meeting.actual_start).total_seconds())} minutes so far")
        elif meeting.actual_start and meeting.actual_end:
            self.clock.setText(f"Held {format_time(meeting.actual_start)} to {format_time(meeting.actual_end)}")
        else:
            self.clock.setText("Not started yet")
        current = self._services.live.current_item_id(self.meeting_id)
        node = next((n for n in self._services.agenda.tree(self.meeting_id) if n.id == current), None)
        if node is None or self._entered_at is None:
            self.item_time.clear()
            return
        spent = _minutes((now - self._entered_at).total_seconds())
        over = spent - node.planned_minutes
        self.item_time.setText(f"This item: planned {node.planned_minutes} min, {spent} min so far"
                               + (f" — {over} min over" if over > 0 else ""))
        self.item_time.setStyleSheet(colours.style("warning", bold=True) if over > 0 else "")

    def undo(self) -> None:
        self.capture.wait_for_saves()  # a record still saving is the last thing done: it is undone
        self.undo_stack.undo()

    def redo(self) -> None:
        self.capture.wait_for_saves()
        self.undo_stack.redo()

    def _show_records(self) -> None:
        self.capture.wait_for_saves()  # the list read below then holds every record entered
        self.records.clear()
        rows = self._services.minutes.records_for_item(self.meeting_id, self.capture.agenda_item_id)
        tags = self._services.minutes.tags_for_meeting(self.meeting_id) if rows else {}
        for kind, row in rows:
            self.records.add_record(self._record_item(kind, row, tags.get((kind, row.id), [])))
        self.records.scrollToBottom()

    def _record_item(self, kind: str, row, tag_ids: list[int]) -> QListWidgetItem:  # a record row
        """One record as the minutes will carry it: what, who or which agency, due date, flags,
        dissent and the subjects tagged (so a minute-taker can see Ctrl+T worked)."""
        from efh_desktop.domain.uk_dates import format_date

        names = self.capture.subject_names()
        about = ", ".join(names.get(i, "a subject no longer in this meeting") for i in tag_ids)
        lines: list[str] = []
        if kind == "note":
            flags = [label for on, label in ((row.not_for_family, "not for the family"),
                                             (row.childs_own_words, "child's own words")) if on]
            lines.append(" · ".join([f"Note · {row.source_agency or 'agency not recorded'}",
                                     format_time(row.created_at), *flags]))
            lines.append(row.text)
        elif kind == "decision":
            kind_label = self.capture.decision_kind_label(row.kind_key)
            lines.append(" · ".join(p for p in ("Decision", kind_label, format_time(row.created_at)) if p))
            lines.append(row.text)
            for label, value in (("Reason", row.rationale), ("Dissent", row.dissent),
                                 ("Decided by", row.decided_by), ("Agreed by", row.agreed_by)):
                if value:
                    lines.append(f"{label}: {value}")
        else:
            due = format_date(row.due_date) if row.due_date else "no due date"
            lines.append(f"Action · {row.owner or 'owner not given'} · {row.agency or 'agency not given'} · "
                         f"due {due}")
            lines.append(row.description)
        lines.append(f"About: {about}" if about else "About: nobody tagged")
        item = QListWidgetItem("\n".join(lines))
        item.setData(KIND_ROLE, kind)
        item.setData(ID_ROLE, row.id)
        if kind == "decision":
            item.setForeground(QBrush(colours.colour("accent")))
        return item

    # -- meeting flow -----------------------------------------------------------------------------
    def start_meeting(self) -> None:
        if self.meeting_id is None:
            return
        try:
            self._services.live.start(self.meeting_id)
        except ServiceError as exc:
            self.capture.message.setText(str(exc))
            return
        self._entered_at = self._services.ctx.clock.now()
        self.refresh()
        self.changed.emit()
        self.capture.focus_first()

    def end_meeting(self) -> None:
        if self.meeting_id is None:
            return
        try:
            self._services.live.end(self.meeting_id)
        except ServiceError as exc:
            self.capture.message.setText(str(exc))
            return
        self._entered_at = None
        self.refresh()
        self.changed.emit()

    def step(self, direction: int) -> None:
        if self.meeting_id is None:
            return
        if not self._running():
            ids = [n.id for n in self._services.agenda.tree(self.meeting_id)]
            index = ids.index(self.capture.agenda_item_id) if self.capture.agenda_item_id in ids else -1
            if 0 <= index + direction < len(ids):
                self.go_to(ids[index + direction])
            return
        try:
            moved = self._services.live.step(self.meeting_id, direction)
        except ServiceError as exc:
            self.capture.message.setText(str(exc))
            return
        if moved is not None:
            self._entered_at = self._services.ctx.clock.now()
            self.refresh()

    def _running(self) -> bool:
        return self._services.meetings.get(self.meeting_id).status == "in_progress"

    def go_to(self, item_id: int) -> None:
        if not self._running():
            # Before or after the meeting: read and tidy that item's records; no times are recorded.
            self._review_item = item_id
            self.refresh()
            self.records.setFocus()
            if self.records.count():
                self.records.setCurrentRow(self.records.count() - 1)
            return
        try:
            self._services.live.go_to(self.meeting_id, item_id)
        except ServiceError as exc:
            self.capture.message.setText(str(exc))
            return
        self._entered_at = self._services.ctx.clock.now()
        self.refresh()
        self.capture.focus_first()

    def toggle_chair_view(self) -> None:
        if self.chair_view is None:
            self.chair_view = ChairView()
        if self.chair_view.isVisible():
            self.chair_view.hide()
            return
        self._show_chair(force=True)
        self.chair_view.open_full_screen()

    def _show_chair(self, *_args, force: bool = False) -> None:
        """The chair view's agenda, children by initials unless "Full names" is ticked."""
        if self.chair_view is None or (not force and not self.chair_view.isVisible()):
            return
        if self._services is None or self.meeting_id is None:
            self.chair_view.clear()
            return
        from efh_desktop.services.shared_screen_service import SharedScreenService

        meeting = self._services.meetings.get(self.meeting_id)
        nodes = self._services.agenda.tree(self.meeting_id)
        shared = SharedScreenService(self._services)
        full = self.full_names.isChecked()
        title, *titles = shared.titles(self.meeting_id, [meeting.title, *(n.title for n in nodes)], full_names=full)
        self.chair_view.show_agenda(title, nodes, self._services.live.current_item_id(self.meeting_id), titles)

    # -- records ----------------------------------------------------------------------------------
    def _show_saving(self, pending) -> None:  # a PendingRecord (live_capture.py)
        """Entered, its commit under way: appended at once as the last row, marked "saving…".

        The new record is the newest under the current item, so it is appended instead of reading
        the item's records again and rebuilding the list, which grew with every record (issue 17:
        keystroke to screen). It is built from what was typed: no read of the store."""
        item = self._record_item(pending.kind, pending.preview, pending.subject_ids)
        item.setData(KIND_ROLE, None)  # nothing to edit, delete or link until it is saved
        item.setText(f"Saving… · {item.text()}")
        item.setForeground(QBrush(colours.colour("muted")))
        item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, f"Saving: this {pending.kind} is not saved yet")
        pending.item = item
        self.records.add_record(item)
        self.records.scrollToBottom()

    def _settled(self, pending) -> None:
        """Its commit has returned: the row says saved (and can be undone), or not saved."""
        item = getattr(pending, "item", None)
        shown = item is not None and shiboken6.isValid(item) and self.records.row(item) >= 0
        if pending.row is None:
            if shown and pending.restored:
                self.records.takeItem(self.records.row(item))  # the text is back in the form
            elif shown:
                item.setText(item.text().replace("Saving… · ", "NOT SAVED · ", 1))
                self.records.measure(item)
                item.setForeground(QBrush(colours.colour("problem")))
                item.setData(Qt.ItemDataRole.AccessibleDescriptionRole,
                             f"Not saved: {pending.error} The text shown here is what was typed.")
            return
        kind, row = pending.kind, pending.row
        self.undo_stack.push(RecordedCommand(self._services.minutes, kind, row.id, self._show_records))
        if not shown or getattr(row, "agenda_item_id", None) != self.capture.agenda_item_id:
            self._show_records()
            return
        saved = self._record_item(kind, row, pending.subject_ids)
        item.setText(saved.text())
        self.records.measure(item)
        item.setData(KIND_ROLE, kind)
        item.setData(ID_ROLE, row.id)
        item.setForeground(saved.foreground())
        item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, f"Saved {kind}")

    def delete_selected(self) -> None:
        self.capture.wait_for_saves()
        item = self.records.currentItem()
        if item is None or self.meeting_id is None:
            return
        if item.data(ID_ROLE) is None:  # a record whose save failed: only ever in this list
            self.records.takeItem(self.records.row(item))
            return
        try:
            saved = self._services.minutes.delete(item.data(KIND_ROLE), item.data(ID_ROLE))
        except ServiceError as exc:
            self.capture.message.setText(str(exc))
            return
        self.undo_stack.push(DeletedCommand(self._services.minutes, saved, self._show_records))
        self._show_records()

    def edit_selected(self) -> None:
        """Change the selected record (words, tags, flags, details, item): saved, audited, undoable."""
        self.capture.wait_for_saves()
        item = self.records.currentItem()
        if item is None or self._services is None or item.data(KIND_ROLE) is None:
            return
        from efh_desktop.gui.panels.record_editor import RecordEditor

        if self._services.meetings.get(self.meeting_id).status == "finalised":
            self.capture.message.setText("These minutes are finalised: a correction is recorded as an amendment "
                                         "(8 Finalise and export).")
            return
        kind, record_id = item.data(KIND_ROLE), item.data(ID_ROLE)
        row = next((r for k, r in self._services.minutes.records_for_item(self.meeting_id, self.capture.agenda_item_id)
                    if k == kind and r.id == record_id), None)
        if row is None:
            return
        dialog = RecordEditor(self._services, self.meeting_id, kind, row, self)
        try:
            self._edit_with(dialog, kind, record_id)
        finally:
            dialog.deleteLater()

    def _edit_with(self, dialog, kind: str, record_id: int) -> None:  # a RecordEditor
        while dialog.exec() == dialog.DialogCode.Accepted:
            before, after = dialog.changes()
            if not after:
                return
            try:
                self._services.minutes.update(kind, record_id, **after)
            except (ServiceError, TextRejected) as exc:
                dialog.problem.setText(f"Not saved: {exc}")  # the dialog opens again with what was typed
                continue
            self.undo_stack.push(ChangedCommand(self._services.minutes, kind, record_id, before, after,
                                                self._show_records, self.capture.message.setText))
            self._show_records()
            self._select_record(kind, record_id)
            self.capture.message.setText(f"The {kind} was changed and saved; Ctrl+Z undoes the change.")
            self.changed.emit()
            return

    def _select_record(self, kind: str, record_id: int) -> None:
        for row in range(self.records.count()):
            entry = self.records.item(row)
            if (entry.data(KIND_ROLE), entry.data(ID_ROLE)) == (kind, record_id):
                self.records.setCurrentRow(row)
                return

    def _record_selected(self, item: QListWidgetItem | None) -> None:
        enabled = False
        if item is not None and item.data(KIND_ROLE) == "decision" and self._services is not None:
            decision = next((d for d in self._services.minutes.decisions(self.meeting_id)
                             if d.id == item.data(ID_ROLE)), None)
            kind = self._services.profile.decision_kinds.get(decision.kind_key) if decision else None
            enabled = bool(kind and kind.drafts_first_response_email)
        self.email_button.setEnabled(enabled)
        self.link_button.setEnabled(item is not None and item.data(KIND_ROLE) == "note")

    def link_these(self) -> None:
        """"Link these" (issue 16): a relationship from the selected note, its source the note."""
        from efh_desktop.gui.link_these_dialog import LinkTheseDialog

        item = self.records.currentItem()
        if item is None or item.data(KIND_ROLE) != "note" or self._services is None:
            return
        LinkTheseDialog(self._services, item.data(ID_ROLE), item.text(), self).exec()

    def draft_referral_email(self) -> None:
        item = self.records.currentItem()
        if item is None or item.data(KIND_ROLE) != "decision":
            return
        service = self._services.referral_email
        path, _ = QFileDialog.getSaveFileName(self, "Save the draft email", str(Path.home() / "referral-draft.eml"),
                                              "Email draft (*.eml)")
        if not path:
            return
        try:
            # overwrite: the save dialog has already asked before replacing a file.
            written = service.write_draft(item.data(ID_ROLE), Path(path), overwrite=True)
        except Exception as exc:  # noqa: BLE001 - one sentence for the user
            self.capture.message.setText(f"Draft not written: {user_message(exc)}")
            return
        self.capture.message.setText(f"Draft email saved as {written.name}: open it to check and send.")
