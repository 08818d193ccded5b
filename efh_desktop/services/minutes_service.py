"""Use cases for what a meeting records: notes, decisions and actions, each tagged with subjects.

Each call is one transaction: the row, its subject tags and the audit event commit together, so
when a call returns the record is on disk (WAL, synchronous=FULL).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from efh_desktop.domain.text_rules import clean_name, clean_short, clean_text
from efh_desktop.services.audit import snapshot
from efh_desktop.services.context import AppContext, NotFound, ServiceError, saved_id
from efh_desktop.services.frozen_rows import DecisionDetails, NoteDetails, RecordedAction, frozen, frozen_all
from efh_desktop.services.meeting_guard import editable_meeting
from efh_desktop.store.tables import (
    ACTION_STATUSES,
    Action,
    ActionSubject,
    AgendaItem,
    ChecklistLink,
    Decision,
    DecisionSubject,
    Note,
    NoteSubject,
    Subject,
)

# kind -> (table, tag link table, the link's column naming the record). The three tables share
# meeting_id, agenda_item_id, created_at and id by convention, so the table is typed loosely.
RECORD_KINDS: dict[str, tuple[type[Any], type[Any], str]] = {
    "note": (Note, NoteSubject, "entry_id"),
    "decision": (Decision, DecisionSubject, "decision_id"),
    "action": (Action, ActionSubject, "action_id"),
}
_TEXT_FIELDS = {"text": ("Note", True), "rationale": ("Rationale", False), "dissent": ("Dissent", False),
                "description": ("Action", True), "completion_note": ("Completion note", False)}
_SHORT_FIELDS = {"source_agency": "Agency", "decided_by": "Decided by", "agreed_by": "Agreed by", "agency": "Agency",
                 "category": "Category", "kind_key": "Decision kind", "not_done_reason": "Reason"}
_FLAG_FIELDS = {"not_for_family", "childs_own_words"}


def _tag(session: Session, link_cls: type[Any], owner_field: str, owner_id: int, subject_ids: Iterable[int]) -> None:
    for subject_id in dict.fromkeys(subject_ids):  # keep order, drop repeats
        if session.get(Subject, subject_id) is None:
            raise NotFound("subject", subject_id)
        session.add(link_cls(**{owner_field: owner_id, "subject_id": subject_id}))


def _own_item(session: Session, meeting_id: int, agenda_item_id: int | None) -> int | None:
    """A record lives under an item of its own meeting: under another meeting's item it would vanish
    from its own minutes and never appear in the other's."""
    if agenda_item_id is None:
        return None
    item = session.get(AgendaItem, agenda_item_id)
    if item is None:
        raise NotFound("agenda item", agenda_item_id)
    if item.meeting_id != meeting_id:
        raise ServiceError("That agenda item belongs to another meeting; choose an item of this meeting.")
    return agenda_item_id


class MinutesService:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    # -- notes ------------------------------------------------------------------------------------
    def add_note(self, meeting_id: int, text: str, *, source_agency: str = "", subject_ids: Iterable[int] = (),
                 agenda_item_id: int | None = None, not_for_family: bool = False,
                 childs_own_words: bool = False) -> Note:
        with self._ctx.transaction() as (session, audit):
            editable_meeting(session, meeting_id)
            agenda_item_id = _own_item(session, meeting_id, agenda_item_id)
            note = Note(meeting_id=meeting_id, agenda_item_id=agenda_item_id,
                        text=clean_text(text, "Note", required=True),
                        source_agency=clean_short(source_agency, "Agency"), not_for_family=not_for_family,
                        childs_own_words=childs_own_words, author=self._ctx.actor)
            session.add(note)
            session.flush()
            _tag(session, NoteSubject, "entry_id", saved_id(note.id), subject_ids)
            audit.created(note, summary="Recorded a note")
        return note

    def notes(self, meeting_id: int) -> list[NoteDetails]:
        with self._ctx.reading() as session:
            return frozen_all(NoteDetails, session.exec(select(Note).where(col(Note.meeting_id) == meeting_id)
                                                        .order_by(col(Note.id))))

    # -- decisions --------------------------------------------------------------------------------
    def add_decision(self, meeting_id: int, text: str, *, kind_key: str = "", rationale: str = "",
                     dissent: str = "", decided_by: str = "", agreed_by: str = "",
                     subject_ids: Iterable[int] = (), agenda_item_id: int | None = None) -> Decision:
        if kind_key and kind_key not in self._ctx.profile.decision_kinds:
            raise ServiceError(f"The practice profile has no decision kind {kind_key!r}.")
        with self._ctx.transaction() as (session, audit):
            meeting = editable_meeting(session, meeting_id)
            # Threshold decisions need agreement only where the profile says (Safer Options: the Area DSM).
            kind = self._ctx.profile.decision_kinds[kind_key] if kind_key else None
            needs = kind.needs_agreement_in(meeting.type_key) if kind is not None else None
            if needs and not agreed_by.strip():
                raise ServiceError(f"This decision needs the agreement of the {needs}: record who agreed.")
            if not needs:
                agreed_by = ""  # only a decision that needs agreement records it
            agenda_item_id = _own_item(session, meeting_id, agenda_item_id)
            decision = Decision(meeting_id=meeting_id, agenda_item_id=agenda_item_id, kind_key=kind_key,
                                text=clean_text(text, "Decision", required=True),
                                rationale=clean_text(rationale, "Rationale"), dissent=clean_text(dissent, "Dissent"),
                                decided_by=clean_short(decided_by, "Decided by"),
                                agreed_by=clean_short(agreed_by, "Agreed by"), author=self._ctx.actor)
            session.add(decision)
            session.flush()
            _tag(session, DecisionSubject, "decision_id", saved_id(decision.id), subject_ids)
            audit.created(decision, summary="Recorded a decision")
        return decision

    def decisions(self, meeting_id: int) -> list[DecisionDetails]:
        with self._ctx.reading() as session:
            return frozen_all(DecisionDetails, session.exec(select(Decision).where(Decision.meeting_id == meeting_id)
                                                            .order_by(col(Decision.id))))

    # -- actions ----------------------------------------------------------------------------------
    def add_action(self, meeting_id: int, description: str, *, owner: str = "", agency: str = "",
                   due_date: date | None = None, category: str = "", subject_ids: Iterable[int] = (),
                   agenda_item_id: int | None = None, origin_action_id: int | None = None) -> Action:
        with self._ctx.transaction() as (session, audit):
            editable_meeting(session, meeting_id)
            agenda_item_id = _own_item(session, meeting_id, agenda_item_id)
            action = Action(meeting_id=meeting_id, agenda_item_id=agenda_item_id, origin_action_id=origin_action_id,
                            description=clean_text(description, "Action", required=True),
                            owner=clean_name(owner, "Owner", required=False), agency=clean_short(agency, "Agency"),
                            due_date=due_date, category=clean_short(category, "Category"), author=self._ctx.actor)
            session.add(action)
            session.flush()
            _tag(session, ActionSubject, "action_id", saved_id(action.id), subject_ids)
            audit.created(action, summary="Recorded an action")
        return action

    def set_action_status(self, action_id: int, status: str, *, reason: str = "", note: str | None = None) -> RecordedAction:
        if status not in ACTION_STATUSES:
            raise ServiceError(f"Unknown action status: {status}.")
        if status == "not_done" and not reason.strip():
            raise ServiceError("Say why the action was not done.")
        with self._ctx.transaction() as (session, audit):
            action = session.get(Action, action_id)
            if action is None:
                raise NotFound("action", action_id)
            editable_meeting(session, action.meeting_id)
            before = snapshot(action)
            action.status = status
            action.not_done_reason = clean_short(reason, "Reason") if status == "not_done" else ""
            if note is not None:  # an existing completion note stays unless a new one is given
                action.completion_note = clean_text(note, "Completion note")
            action.completed_at = self._ctx.clock.now() if status != "open" else None
            action.updated_at = self._ctx.clock.now()
            session.add(action)
            audit.updated(action, before, summary="Changed action status")
        return frozen(RecordedAction, action)

    def records_for_item(self, meeting_id: int, agenda_item_id: int | None) -> list[tuple[str, Any]]:
        """The notes, decisions and actions recorded under one agenda item, in the order made."""
        out: list[tuple[str, Any]] = []
        with self._ctx.reading() as session:
            for kind, (table, _link, _owner) in RECORD_KINDS.items():
                out += [(kind, row) for row in session.exec(
                    select(table).where(table.meeting_id == meeting_id, table.agenda_item_id == agenda_item_id))]
        return sorted(out, key=lambda kv: (kv[1].created_at, kv[1].id))

    # -- any record: tags, edits, delete and restore (for the minute-taker's undo) ------------------
    def tags(self, kind: str, record_id: int) -> list[int]:
        _table, link_cls, owner = RECORD_KINDS[kind]
        with self._ctx.reading() as session:
            return list(session.exec(select(link_cls.subject_id).where(getattr(link_cls, owner) == record_id)))

    def tags_for_meeting(self, meeting_id: int) -> dict[tuple[str, int], list[int]]:
        """Every record's subject tags in one query per kind (for lists of a whole meeting)."""
        out: dict[tuple[str, int], list[int]] = {}
        with self._ctx.reading() as session:
            for kind, (table, link_cls, owner) in RECORD_KINDS.items():
                rows = session.exec(select(getattr(link_cls, owner), link_cls.subject_id)
                                    .join(table, table.id == getattr(link_cls, owner))
                                    .where(table.meeting_id == meeting_id))
                for record_id, subject_id in rows:
                    out.setdefault((kind, record_id), []).append(subject_id)
        return out

    def update(self, kind: str, record_id: int, *, subject_ids: Iterable[int] | None = None, **fields: Any) -> None:
        """Change a note, decision or action (and optionally its subject tags), audited."""
        table, link_cls, owner = RECORD_KINDS[kind]
        with self._ctx.transaction() as (session, audit):
            row = session.get(table, record_id)
            if row is None:
                raise NotFound(kind, record_id)
            editable_meeting(session, row.meeting_id)
            before = snapshot(row)
            for key, value in fields.items():
                if key in _TEXT_FIELDS:
                    label, required = _TEXT_FIELDS[key]
                    setattr(row, key, clean_text(value, label, required=required))
                elif key in _SHORT_FIELDS:
                    setattr(row, key, clean_short(value, _SHORT_FIELDS[key]))
                elif key in _FLAG_FIELDS:
                    setattr(row, key, bool(value))
                elif key == "owner":
                    row.owner = clean_name(value, "Owner", required=False)
                elif key == "agenda_item_id":
                    row.agenda_item_id = _own_item(session, row.meeting_id, value)
                elif key == "due_date":
                    row.due_date = value
                else:
                    raise ServiceError(f"A {kind} has no field called {key}.")
            if kind == "decision" and row.kind_key and row.kind_key not in self._ctx.profile.decision_kinds:
                raise ServiceError(f"The practice profile has no decision kind {row.kind_key!r}.")
            if hasattr(row, "updated_at"):
                row.updated_at = self._ctx.clock.now()
            session.add(row)
            changes = audit.updated(row, before, summary=f"Changed a {kind}")
            if subject_ids is not None:
                old = set(session.exec(select(link_cls.subject_id).where(getattr(link_cls, owner) == record_id)))
                new = list(dict.fromkeys(subject_ids))
                if old != set(new):
                    for link in session.exec(select(link_cls).where(getattr(link_cls, owner) == record_id)):
                        session.delete(link)
                    session.flush()
                    _tag(session, link_cls, owner, record_id, new)
                    audit.event("update", f"{table.__tablename__}_subjects", record_id, meeting_id=row.meeting_id,
                                summary=f"Changed who a {kind} is about",
                                changes={"subjects": [sorted(old), new]})
                elif not changes:
                    return

    def delete(self, kind: str, record_id: int) -> dict[str, Any]:
        """Delete a record; returns what ``restore`` needs to put it back exactly (undo)."""
        table, link_cls, owner = RECORD_KINDS[kind]
        with self._ctx.transaction() as (session, audit):
            row = session.get(table, record_id)
            if row is None:
                raise NotFound(kind, record_id)
            editable_meeting(session, row.meeting_id)
            links = list(session.exec(select(ChecklistLink).where(ChecklistLink.record_kind == kind,
                                                                  ChecklistLink.record_id == record_id)))
            saved = {"kind": kind, "row": row.model_dump(),
                     "subject_ids": list(session.exec(select(link_cls.subject_id)
                                                      .where(getattr(link_cls, owner) == record_id))),
                     "checklist_responses": [link.response_id for link in links]}
            # Checklist links name the record by id; they go with it (and come back on undo) so an id
            # reused later can never be shown as the answer to a checklist item.
            for link in links:
                session.delete(link)
            audit.deleted(row, summary=f"Deleted a {kind}")
            session.delete(row)  # its tags go with it (ON DELETE CASCADE)
        return saved

    def restore(self, saved: dict[str, Any]) -> None:
        """Put back a deleted record with its id, fields and tags (undo of delete)."""
        table, link_cls, owner = RECORD_KINDS[saved["kind"]]
        with self._ctx.transaction() as (session, audit):
            editable_meeting(session, saved["row"]["meeting_id"])
            row = table(**saved["row"])
            session.add(row)
            session.flush()
            _tag(session, link_cls, owner, row.id, saved["subject_ids"])
            for response_id in saved.get("checklist_responses", []):
                session.add(ChecklistLink(response_id=response_id, record_kind=saved["kind"], record_id=row.id))
            audit.created(row, summary=f"Restored a {saved['kind']} (undo)")

    def actions(self, meeting_id: int) -> list[RecordedAction]:
        with self._ctx.reading() as session:
            return frozen_all(RecordedAction, session.exec(select(Action).where(col(Action.meeting_id) == meeting_id)
                                                           .order_by(col(Action.id))))
