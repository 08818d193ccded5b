"""The capture form: a note, a decision or an action, typed and recorded without the mouse.

F6 / F7 / F8 switch between note, decision and action; Ctrl+Enter records; Ctrl+T tags the
subjects whose names or aliases were typed. Nothing here opens a dialog: a problem is said in the
line under the form and the typed text stays.
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from PySide6.QtCore import Qt, QTimer, Signal
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
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from efh_desktop.domain.action_line import parse_action_line
from efh_desktop.domain.tag_suggestions import SubjectTerms, suggest_subjects
from efh_desktop.domain.text_rules import TextRejected, clean_short, clean_text
from efh_desktop.domain.uk_dates import format_date
from efh_desktop.gui.record_writer import RecordWriter
from efh_desktop.gui.widgets import flowing, make_action, named, say_done, say_problem
from efh_desktop.services.app_services import Services
from efh_desktop.services.context import ServiceError
from efh_desktop.services.subject_service import KIND_LABELS

MODES = ("note", "decision", "action")


def _text_box(name: str, description: str, height: int) -> QPlainTextEdit:
    box = named(QPlainTextEdit(), name, description)
    box.setTabChangesFocus(True)  # Tab moves on; the minute-taker never needs a literal tab
    box.setFixedHeight(height)
    return box


class PendingRecord:
    """A record shown the moment it was entered, its commit on the writer thread (record_writer.py).

    ``preview`` has the fields the list shows (no id yet); ``row`` is the committed row once saved;
    ``error`` says why not if the commit failed, and ``restored`` whether its text went back into
    the form (otherwise it stays in the list, marked not saved)."""

    def __init__(self, kind: str, preview: SimpleNamespace, subject_ids: list[int], draft: dict,
                 detail: str) -> None:
        self.kind, self.preview, self.subject_ids, self.draft, self.detail = kind, preview, subject_ids, draft, detail
        self.row = None
        self.error = ""
        self.restored = False


class CaptureForm(QWidget):
    # kind, record id: emitted after the record is committed (the window may then say "Recorded")
    recorded = Signal(str, int)
    recording = Signal(object)  # a PendingRecord: entered, shown as "saving…", commit under way
    settled = Signal(object)  # the same PendingRecord: committed (``row``) or not (``error``)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("capture_form")
        self._services: Services | None = None
        self.meeting_id: int | None = None
        self.agenda_item_id: int | None = None
        self._terms: list[SubjectTerms] = []
        self._suggested: list[int] = []
        self.last_recorded = None  # the row the last ``recorded`` signal was about (committed)
        # Whether a draft row may exist for this meeting: recording then clears it. Unknown (True)
        # until this form has cleared it, so a draft left by a crash is never left behind.
        self._draft_may_exist = True
        self.writer = RecordWriter(self)

        self.mode = named(QComboBox(), "Record a", "F6 note, F7 decision, F8 action")
        for label in ("Note (F6)", "Decision (F7)", "Action (F8)"):
            self.mode.addItem(label)
        self.pages = QStackedWidget()

        # Note
        self.agency = named(QComboBox(), "Agency the information came from")
        self.agency.setEditable(True)
        self.agency.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.note_text = _text_box("Note", "What was said; Ctrl+Enter records it", 110)
        self.not_for_family = named(QCheckBox("Not for the fa&mily"), "Not for the family")
        self.own_words = named(QCheckBox("Child's o&wn words"), "Child's own words")
        note = QWidget()
        note_form = QFormLayout(note)
        note_form.addRow("A&gency:", self.agency)
        note_form.addRow("N&ote:", self.note_text)
        flags = QHBoxLayout()
        flags.addWidget(self.not_for_family)
        flags.addWidget(self.own_words)
        flags.addStretch(1)
        note_form.addRow("", flags)

        # Decision
        self.decision_kind = named(QComboBox(), "Kind of decision")
        self.decision_text = _text_box("Decision", "The decision, in the words agreed", 60)
        self.rationale = _text_box("Reason for the decision", "Why", 50)
        self.dissent = named(QLineEdit(), "Dissent", "Anyone who disagreed, and why")
        self.decided_by = named(QLineEdit(), "Decided by")
        self.agreed_by = named(QLineEdit(), "Agreed by (DSM or SM)",
                               "Triggering a complex strategy needs a DSM's or SM's agreement")
        decision = QWidget()
        decision_form = QFormLayout(decision)
        decision_form.addRow("&Kind:", self.decision_kind)
        decision_form.addRow("&Decision:", self.decision_text)
        decision_form.addRow("&Reason:", self.rationale)
        decision_form.addRow("Di&ssent:", self.dissent)
        decision_form.addRow("Decided b&y:", self.decided_by)
        decision_form.addRow("A&greed by:", self.agreed_by)

        # Action
        self.action_line = named(QLineEdit(), "Action",
                                 "Description, then @owner #agency !due, e.g. Visit the shop @PC Jo Whitcombe "
                                 "#police !in 2 weeks")
        self.action_line.setPlaceholderText("What will be done  @who  #agency  !when (4/12/2026, in 2 weeks, "
                                            "next meeting)")
        self.action_preview = QLabel()
        self.action_preview.setObjectName("action_preview")
        self.action_preview.setTextFormat(Qt.TextFormat.PlainText)
        self.action_preview.setAccessibleName("How the action was understood")
        flowing(self.action_preview)
        self.category = named(QComboBox(), "Disruption tactic", "Where one applies")
        action = QWidget()
        action_form = QFormLayout(action)
        action_form.addRow("A&ction:", self.action_line)
        action_form.addRow("", self.action_preview)
        action_form.addRow("Tact&ic:", self.category)

        for page in (note, decision, action):
            self.pages.addWidget(page)

        self.subjects = named(QListWidget(), "About", "Space ticks a subject; Ctrl+T ticks the ones named in the text")
        self.subjects.setFixedHeight(88)
        self.suggestion = QLabel()
        self.suggestion.setObjectName("tag_suggestion")
        self.suggestion.setTextFormat(Qt.TextFormat.PlainText)
        self.suggestion.setAccessibleName("Suggested tags")
        flowing(self.suggestion)
        self.message = QLabel()
        self.message.setObjectName("capture_message")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setAccessibleName("Capture status")
        flowing(self.message)

        top = QHBoxLayout()
        top.addWidget(QLabel("Record a:"))
        top.addWidget(self.mode)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.pages)
        about = QFormLayout()
        about.addRow("&About:", self.subjects)
        layout.addLayout(about)
        layout.addWidget(self.suggestion)
        layout.addWidget(self.message)

        self.mode.currentIndexChanged.connect(self._mode_changed)
        self._problem_shown = False
        for box in (self.note_text, self.decision_text, self.rationale):
            box.textChanged.connect(self._problem_fixed)
        for line in (self.action_line, self.dissent, self.decided_by, self.agreed_by):
            line.textChanged.connect(self._problem_fixed)
        self.mode.currentIndexChanged.connect(self._problem_fixed)
        self._suggest_timer = QTimer(self)
        self._suggest_timer.setSingleShot(True)
        self._suggest_timer.setInterval(250)
        self._suggest_timer.timeout.connect(self._suggest)
        for box in (self.note_text, self.decision_text, self.rationale):
            box.textChanged.connect(self._suggest_timer.start)
        self.action_line.textChanged.connect(self._suggest_timer.start)
        # Typed text is also kept in the encrypted database a moment after typing stops.
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(2000)
        self._draft_timer.timeout.connect(self.save_draft)
        for box in (self.note_text, self.decision_text, self.rationale):
            box.textChanged.connect(self._draft_timer.start)
        for line in (self.action_line, self.dissent, self.decided_by, self.agreed_by):
            line.textChanged.connect(self._draft_timer.start)
        self.action_line.textChanged.connect(self._preview_action)
        self.action_line.returnPressed.connect(self.record)
        self.decision_kind.currentIndexChanged.connect(self._decision_kind_changed)

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (("Ctrl+Return", self.record), ("Ctrl+Enter", self.record), ("Ctrl+T", self.accept_tags)):
            make_action(self, "", keys, slot).setShortcutContext(context)

    # -- set-up -----------------------------------------------------------------------------------
    def set_meeting(self, services: Services | None, meeting_id: int | None) -> None:
        self.wait_for_saves()  # a record still saving belongs to the meeting being left
        self._services, self.meeting_id = services, meeting_id
        self.last_recorded = None
        self._draft_may_exist = True
        self.clear_fields()
        self.subjects.clear()
        self.message.clear()
        if meeting_id is None:
            return
        profile = services.profile
        meeting = services.meetings.get(meeting_id)
        self.agency.clear()
        self.agency.addItem("")
        self.agency.addItems(list(profile.agencies))
        self.decision_kind.clear()
        self.decision_kind.addItem("(general decision)", "")
        for kind in profile.decision_kinds_for(meeting.type_key) if meeting.type_key in profile.meeting_types else []:
            self.decision_kind.addItem(kind.label, kind.key)
        self.category.clear()
        self.category.addItem("(none)", "")
        for tactic in profile.disruption_tactics:
            self.category.addItem(tactic.label, tactic.key)
        subjects = services.meetings.subjects(meeting_id)
        self._terms = [SubjectTerms(s.id, s.kind, s.name, tuple(s.aliases or ())) for s in subjects]
        for subject in subjects:
            item = QListWidgetItem(f"{subject.name} ({KIND_LABELS.get(subject.kind, subject.kind)})")
            item.setData(Qt.ItemDataRole.UserRole, subject.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.subjects.addItem(item)
        self._decision_kind_changed()
        draft = services.drafts.load(meeting_id)
        self._draft_may_exist = bool(draft)
        self.restore_draft(draft)

    # -- drafts: nothing typed is lost -------------------------------------------------------------
    def draft_payload(self, subjects: list[int] | None = None) -> dict:
        """Everything typed but not yet recorded (empty when nothing is); ``subjects``: the ticked
        ones, if the caller has just read them."""
        texts = {"note": self.note_text.toPlainText(), "decision": self.decision_text.toPlainText(),
                 "rationale": self.rationale.toPlainText(), "dissent": self.dissent.text(),
                 "decided_by": self.decided_by.text(), "agreed_by": self.agreed_by.text(),
                 "action": self.action_line.text()}
        if not any(t.strip() for t in texts.values()):
            return {}
        return {**texts, "mode": self.current_mode(), "agency": self.agency.currentText(),
                "subjects": self.checked_subjects() if subjects is None else subjects, "not_for_family": self.not_for_family.isChecked(),
                "own_words": self.own_words.isChecked(), "decision_kind": self.decision_kind.currentData() or "",
                "category": self.category.currentData() or ""}

    def restore_draft(self, payload: dict) -> None:
        if not payload:
            return
        self.note_text.setPlainText(payload.get("note", ""))
        self.decision_text.setPlainText(payload.get("decision", ""))
        self.rationale.setPlainText(payload.get("rationale", ""))
        for line, key in ((self.dissent, "dissent"), (self.decided_by, "decided_by"), (self.agreed_by, "agreed_by"),
                          (self.action_line, "action")):
            line.setText(payload.get(key, ""))
        self.agency.setCurrentText(payload.get("agency", ""))
        self.not_for_family.setChecked(bool(payload.get("not_for_family")))
        self.own_words.setChecked(bool(payload.get("own_words")))
        self.decision_kind.setCurrentIndex(max(0, self.decision_kind.findData(payload.get("decision_kind", ""))))
        self.category.setCurrentIndex(max(0, self.category.findData(payload.get("category", ""))))
        wanted = set(payload.get("subjects", []))
        for i in range(self.subjects.count()):
            item = self.subjects.item(i)
            if item.data(Qt.ItemDataRole.UserRole) in wanted:
                item.setCheckState(Qt.CheckState.Checked)
        if payload.get("mode") in MODES:
            self.mode.setCurrentIndex(MODES.index(payload["mode"]))
        self.message.setText("Your unrecorded text from last time is back: record it, or clear it.")

    def save_draft(self) -> None:
        self.wait_for_saves()  # in order: a record's own draft clearing comes before a newer draft
        if self._services is not None and self.meeting_id is not None and self._services.is_open:
            payload = self.draft_payload()
            if not payload and not self._draft_may_exist:
                return  # nothing typed and nothing kept: no transaction
            self._services.drafts.save(self.meeting_id, payload)
            self._draft_may_exist = bool(payload)

    def reload_choices(self) -> None:
        """Pick up new subjects, agencies or decision kinds without losing anything being typed."""
        if self.meeting_id is None:
            return
        typed = {box: box.toPlainText() for box in (self.note_text, self.decision_text, self.rationale)}
        lines = {line: line.text() for line in (self.dissent, self.decided_by, self.agreed_by, self.action_line)}
        checked, agency, mode = set(self.checked_subjects()), self.agency.currentText(), self.mode.currentIndex()
        flags = (self.not_for_family.isChecked(), self.own_words.isChecked())
        message = self.message.text()
        self.set_meeting(self._services, self.meeting_id)
        for box, text in typed.items():
            box.setPlainText(text)
        for line, text in lines.items():
            line.setText(text)
        for i in range(self.subjects.count()):
            item = self.subjects.item(i)
            if item.data(Qt.ItemDataRole.UserRole) in checked:
                item.setCheckState(Qt.CheckState.Checked)
        self.agency.setCurrentText(agency)
        self.mode.setCurrentIndex(mode)
        self.not_for_family.setChecked(flags[0])
        self.own_words.setChecked(flags[1])
        self.message.setText(message)

    def subject_names(self) -> dict[int, str]:
        return {t.id: t.name for t in self._terms}

    def decision_kind_label(self, key: str) -> str:
        kind = self._services.profile.decision_kinds.get(key) if self._services is not None and key else None
        return kind.label if kind is not None else ""

    def _problem_fixed(self) -> None:
        """A refusal is cleared once the user changes what was refused (it is not fixed by waiting)."""
        if self._problem_shown:
            self._problem_shown = False
            self.message.clear()

    def set_mode(self, mode: str) -> None:
        self.mode.setCurrentIndex(MODES.index(mode))
        self.focus_first()

    def focus_first(self) -> None:
        {"note": self.note_text, "decision": self.decision_text, "action": self.action_line}[self.current_mode()].setFocus()

    def current_mode(self) -> str:
        return MODES[self.mode.currentIndex()]

    def _mode_changed(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self._suggest()

    def _check_agreement(self) -> None:
        """The service's own refusal, said at once: this kind of decision needs someone's agreement."""
        key = self.decision_kind.currentData()
        kind = self._services.profile.decision_kinds.get(key) if key else None
        if kind is None or self.agreed_by.text().strip():
            return
        needs = kind.needs_agreement_in(self._services.meetings.get(self.meeting_id).type_key)
        if needs:
            raise ServiceError(f"This decision needs the agreement of the {needs}: record who agreed.")

    def _decision_kind_changed(self) -> None:
        key = self.decision_kind.currentData()
        kind = self._services.profile.decision_kinds.get(key) if self._services and key else None
        type_key = self._services.meetings.get(self.meeting_id).type_key if kind and self.meeting_id else ""
        self.agreed_by.setEnabled(bool(kind and kind.needs_agreement_in(type_key)))

    # -- tags -------------------------------------------------------------------------------------
    def checked_subjects(self) -> list[int]:
        return [self.subjects.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.subjects.count())
                if self.subjects.item(i).checkState() == Qt.CheckState.Checked]

    def _typed_text(self) -> str:
        mode = self.current_mode()
        if mode == "note":
            return self.note_text.toPlainText()
        if mode == "decision":
            return self.decision_text.toPlainText() + "\n" + self.rationale.toPlainText()
        return self.action_line.text()

    def _suggest(self) -> None:
        checked = set(self.checked_subjects())
        found = [s.subject_id for s in suggest_subjects(self._typed_text(), self._terms)]
        self._suggested = [i for i in found if i not in checked]
        names = {t.id: t.name for t in self._terms}
        self.suggestion.setText(("Tag " + ", ".join(names[i] for i in self._suggested) + "?  Ctrl+T tags them.")
                                if self._suggested else "")

    def accept_tags(self) -> None:
        for i in range(self.subjects.count()):
            item = self.subjects.item(i)
            if item.data(Qt.ItemDataRole.UserRole) in self._suggested:
                item.setCheckState(Qt.CheckState.Checked)
        self._suggest()

    # -- actions ----------------------------------------------------------------------------------
    def _next_meeting_date(self) -> date | None:
        # Only "!next meeting" uses it: any other line spends no read of the store (issue 17, the
        # action line is parsed on every key and on Enter).
        if self._services is None or "meeting" not in self.action_line.text().casefold():
            return None
        return self._services.meetings.get(self.meeting_id).next_meeting_date

    def _preview_action(self) -> None:
        if self.meeting_id is None:
            return
        if not self.action_line.text().strip():
            self.action_preview.clear()  # emptied (as after recording): nothing to parse or look up
            return
        parsed = parse_action_line(self.action_line.text(), agencies=self._services.profile.agencies,
                                   today=self._services.ctx.clock.today(), next_meeting=self._next_meeting_date())
        bits = [f"Owner: {parsed.owner or 'not given'}", f"Agency: {parsed.agency or 'not given'}",
                f"Due: {format_date(parsed.due) or 'no date'}"]
        self.action_preview.setText("  ·  ".join(bits) + ("  ·  " + " ".join(parsed.problems)
                                                           if parsed.problems else ""))

    # -- recording --------------------------------------------------------------------------------
    def record(self) -> PendingRecord | None:
        """Record what is typed: shown at once (``recording``), committed on the writer thread, and
        "saved" only when the commit has returned (``settled``, then ``recorded``). Returns the
        pending record, or None if refused here (with the reason shown and the text kept).

        The same text rules the service applies are checked here first, so an empty or too long
        text is refused at once, in the line under the form, without a row appearing."""
        if self.meeting_id is None:
            return None
        services, mode, subjects = self._services, self.current_mode(), self.checked_subjects()
        minutes, meeting_id, agenda_item_id = services.minutes, self.meeting_id, self.agenda_item_id
        try:
            if mode == "note":
                fields = {"text": clean_text(self.note_text.toPlainText(), "Note", required=True),
                          "source_agency": clean_short(self.agency.currentText(), "Agency"),
                          "not_for_family": self.not_for_family.isChecked(),
                          "childs_own_words": self.own_words.isChecked()}

                def work() -> object:
                    return minutes.add_note(meeting_id, subject_ids=subjects, agenda_item_id=agenda_item_id,
                                            **fields)
            elif mode == "decision":
                self._check_agreement()
                fields = {"text": clean_text(self.decision_text.toPlainText(), "Decision", required=True),
                          "kind_key": self.decision_kind.currentData() or "",
                          "rationale": self.rationale.toPlainText(), "dissent": self.dissent.text(),
                          "decided_by": self.decided_by.text(), "agreed_by": self.agreed_by.text()}

                def work() -> object:
                    return minutes.add_decision(meeting_id, subject_ids=subjects, agenda_item_id=agenda_item_id,
                                                **fields)
            else:
                parsed = parse_action_line(self.action_line.text(), agencies=services.profile.agencies,
                                           today=services.ctx.clock.today(), next_meeting=self._next_meeting_date())
                if parsed.due_text and parsed.due is None:
                    raise ServiceError(" ".join(parsed.problems) or "That due date was not understood.")
                fields = {"description": clean_text(parsed.description, "Action", required=True),
                          "owner": parsed.owner, "agency": parsed.agency, "due_date": parsed.due,
                          "category": self.category.currentData() or ""}

                def work() -> object:
                    return minutes.add_action(meeting_id, subject_ids=subjects, agenda_item_id=agenda_item_id,
                                              **fields)
        except (ServiceError, TextRejected) as exc:
            say_problem(self.message, f"Not recorded: {exc}")
            self._problem_shown = True
            return None
        detail = ""
        if mode == "note" and self.agency.currentText().strip():
            detail = f" (from {self.agency.currentText().strip()})"
        elif mode == "decision" and self.decision_kind.currentData():
            detail = f" ({self.decision_kind.currentText()})"
        shown = {"rationale": "", "dissent": "", "decided_by": "", "agreed_by": "", "kind_key": "", "owner": "",
                 "agency": "", "due_date": None, "source_agency": "", "not_for_family": False,
                 "childs_own_words": False, "text": "", "description": "", **fields}
        preview = SimpleNamespace(id=None, agenda_item_id=agenda_item_id, created_at=services.ctx.clock.now(), **shown)
        pending = PendingRecord(mode, preview, list(subjects), self.draft_payload(list(subjects)), detail)
        clear_draft, self._draft_may_exist = self._draft_may_exist, False
        drafts = services.drafts

        def commit() -> object:
            row = work()
            if clear_draft:  # after the record, on the same thread: the text is never only in neither
                drafts.save(meeting_id, {})
            return row

        # The row says "Saving…" (its accessible description too) and so does the line under the
        # form: the last outcome it showed is no longer the news, and must not be read as this
        # record's. Only the text changes here; restyling the line cost a style sheet's polish in
        # every keystroke-to-screen, and its colour is set with the outcome.
        if self._problem_shown:  # not in the problem colour (rare: after a refusal or failure)
            self.message.setStyleSheet("")
        self.message.setText(f"Saving the {mode}…")
        self._problem_shown = False
        self.clear_fields()
        self._draft_timer.stop()  # the cleared fields are not a draft to save
        self.recording.emit(pending)
        self.focus_first()
        self.writer.submit(commit, lambda row: self._saved(pending, row),
                           lambda exc: self._not_saved(pending, exc, had_draft=clear_draft))
        return pending

    def wait_for_saves(self) -> None:
        """Let every record still saving finish, and show its outcome, before going on."""
        self.writer.wait()

    def _saved(self, pending: PendingRecord, row) -> None:
        # The record is committed (and synced): only now "saved". It says what was recorded
        # against, since the form starts blank for the next one.
        pending.row = row
        tagged = len(pending.subject_ids)
        if not self.writer.pending():  # a later record still saving says so itself when it is saved
            say_done(self.message, f"{pending.kind.capitalize()} recorded and saved{pending.detail}; "
                                   + (f"{tagged} subject{'s' if tagged != 1 else ''} tagged." if tagged
                                      else "nobody tagged."))
        self.last_recorded = row
        self.settled.emit(pending)
        self.recorded.emit(pending.kind, row.id)

    def _not_saved(self, pending: PendingRecord, exc: BaseException, *, had_draft: bool) -> None:
        """Nothing lost: the text goes back into the form if it is empty, and otherwise stays in the
        list row, marked not saved; the message says which and why."""
        from efh_desktop.error_text import user_message

        self._draft_may_exist = self._draft_may_exist or had_draft
        reason = str(exc) if isinstance(exc, (ServiceError, TextRejected)) else user_message(exc)
        pending.error = reason
        if not self.draft_payload() and self.meeting_id is not None:
            self.restore_draft(pending.draft)
            pending.restored = True
            say_problem(self.message, f"Not recorded: {reason} What you typed is back in the form.")
        else:
            say_problem(self.message, f"Not recorded: {reason} What you typed is kept in the list, marked "
                                      "not saved: type it again or paste it from there.")
        self._problem_shown = True
        self.settled.emit(pending)

    def clear_fields(self) -> None:
        """Empty the form for the next record: text, ticks, the note's agency and the decision's kind.

        The agency and kind used to stay, and the next note was silently credited to the last
        agency (or the next decision given the last kind) when the speaker changed. A minute-taker
        choosing again costs a keystroke or two (the agency box completes as it is typed); a note
        put in the wrong agency's mouth goes into the minutes. So, like a new Outlook item, the
        form starts blank, and the message line says what the last record was filed under."""
        # Only what holds something is cleared: each clear repaints and signals (issue 17).
        if self.agency.currentIndex() != 0:
            self.agency.setCurrentIndex(0)
        if self.agency.currentText():
            self.agency.setEditText("")
        for combo in (self.decision_kind, self.category):
            if combo.currentIndex() != 0:
                combo.setCurrentIndex(0)
        for box in (self.note_text, self.decision_text, self.rationale):
            if not box.document().isEmpty():
                box.clear()
        for line in (self.dissent, self.decided_by, self.agreed_by, self.action_line):
            if line.text():
                line.clear()
        for box in (self.not_for_family, self.own_words):
            if box.isChecked():
                box.setChecked(False)
        for i in range(self.subjects.count()):
            item = self.subjects.item(i)
            if item.checkState() != Qt.CheckState.Unchecked:
                item.setCheckState(Qt.CheckState.Unchecked)
        if self.suggestion.text():
            self.suggestion.clear()
        self._suggested = []
