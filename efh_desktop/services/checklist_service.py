"""The "must consider" checklist of a meeting: each item's state (not yet, considered with a note,
not applicable with a reason, deferred to the next meeting), the records that answer it, and the
children counted under items such as the scale of the concerns."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from efh_desktop.domain.finalisation_gate import ChecklistState, item_addressed
from efh_desktop.domain.profile_model import Checklist, ChecklistItem
from efh_desktop.domain.text_rules import clean_text
from efh_desktop.domain.uk_dates import format_date, to_uk
from efh_desktop.services.audit import snapshot
from efh_desktop.services.context import AppContext, NotFound, ServiceError, saved_id
from efh_desktop.services.meeting_guard import editable_meeting
from efh_desktop.services.meeting_service import MeetingService
from efh_desktop.services.minutes_service import MinutesService
from efh_desktop.store.tables import (
    CHECKLIST_STATUSES,
    Action,
    ChecklistLink,
    ChecklistResponse,
    ChecklistSubject,
    Decision,
    Meeting,
    MeetingSubject,
    Note,
)

STATUS_LABELS = {"not_yet": "Not yet", "considered": "Considered", "not_applicable": "Not applicable",
                 "deferred": "Deferred to the next meeting"}
# The three share meeting_id, text or description, and id by convention: typed loosely.
_RECORD_TABLES: dict[str, type[Any]] = {"note": Note, "decision": Decision, "action": Action}


@dataclass(frozen=True)
class ChecklistRow:
    key: str
    number: str
    title: str
    help: str
    depth: int
    status: str
    note: str
    links: tuple[tuple[str, int, str], ...]  # (kind, id, short text)
    subject_ids: tuple[int, ...]
    deferred_from: str = ""  # "Deferred from the meeting on 7 December 2026: <its note>"
    addressed: bool = False  # by the finalisation gate's own test (a note, a reason, or its sub-items)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


def flatten(checklist: Checklist) -> list[tuple[ChecklistItem, str, int]]:
    """Items and sub-items in reading order, with their printed number ("2", "2.1") and depth."""
    out: list[tuple[ChecklistItem, str, int]] = []

    def walk(items: Iterable[ChecklistItem], prefix: str, depth: int) -> None:
        for n, item in enumerate(items, 1):
            number = f"{prefix}{n}"
            out.append((item, number, depth))
            walk(item.sub_items, number + ".", depth + 1)

    walk(checklist.items, "", 0)
    return out


class ChecklistService:
    def __init__(self, ctx: AppContext, meetings: MeetingService, minutes: MinutesService) -> None:
        self._ctx = ctx
        self._meetings = meetings
        self._minutes = minutes

    def checklist(self, meeting_id: int) -> Checklist | None:
        meeting = self._meetings.get(meeting_id)
        profile = self._ctx.profile
        return profile.checklist_for(meeting.type_key) if meeting.type_key in profile.meeting_types else None

    def rows(self, meeting_id: int) -> list[ChecklistRow]:
        checklist = self.checklist(meeting_id)
        if checklist is None:
            return []
        with self._ctx.reading() as session:
            responses = {r.item_key: r for r in session.exec(
                select(ChecklistResponse).where(ChecklistResponse.meeting_id == meeting_id))}
            ids = [r.id for r in responses.values()]
            meeting = session.get(Meeting, meeting_id)
            deferred: dict[str, str] = {}
            if meeting is not None and meeting.previous_meeting_id:
                earlier = session.get(Meeting, meeting.previous_meeting_id)
                assert earlier is not None  # the link is a foreign key (SET NULL when it goes)
                for old in session.exec(select(ChecklistResponse).where(
                        ChecklistResponse.meeting_id == meeting.previous_meeting_id,
                        ChecklistResponse.status == "deferred")):
                    deferred[old.item_key] = (f"Deferred from the meeting on {format_date(to_uk(earlier.starts_at))}"
                                              + (f": {old.note}" if old.note else "."))
            links: dict[int, list[tuple[str, int, str]]] = {}
            subjects: dict[int, list[int]] = {}
            if ids:
                for link in session.exec(select(ChecklistLink).where(col(ChecklistLink.response_id).in_(ids))):
                    row = session.get(_RECORD_TABLES[link.record_kind], link.record_id)
                    if row is not None:
                        text = str(getattr(row, "text", None) or getattr(row, "description", ""))
                        links.setdefault(link.response_id, []).append((link.record_kind, link.record_id, text[:80]))
                for chosen in session.exec(select(ChecklistSubject).where(col(ChecklistSubject.response_id).in_(ids))):
                    subjects.setdefault(chosen.response_id, []).append(chosen.subject_id)
        states = {r.item_key: ChecklistState(r.item_key, r.status, r.note) for r in responses.values()}
        out = []
        for item, number, depth in flatten(checklist):
            response = responses.get(item.key)
            rid = saved_id(response.id) if response else 0  # no response, no links (ids start at 1)
            out.append(ChecklistRow(item.key, number, item.title, item.help, depth,
                                    response.status if response else "not_yet", response.note if response else "",
                                    tuple(links.get(rid, ())), tuple(subjects.get(rid, ())),
                                    deferred.get(item.key, ""), item_addressed(item, states)))
        return out

    def set_status(self, meeting_id: int, item_key: str, status: str, note: str = "") -> None:
        if status not in CHECKLIST_STATUSES:
            raise ServiceError(f"Unknown checklist state: {status}.")
        note = clean_text(note, "Note")
        if status == "not_applicable" and not note:
            raise ServiceError("Say why this does not apply: the reason goes in the minutes.")
        with self._ctx.transaction() as (session, audit):
            editable_meeting(session, meeting_id)
            response, created = self._response(session, meeting_id, item_key)
            before = snapshot(response)
            response.status, response.note = status, note
            response.updated_by, response.updated_at = self._ctx.actor, self._ctx.clock.now()
            session.add(response)
            if created:
                audit.created(response, summary="Checklist item answered")
            else:
                audit.updated(response, before, summary="Checklist item changed")

    def link(self, meeting_id: int, item_key: str, kind: str, record_id: int) -> None:
        """Link a note, decision or action of this meeting to the item it answers."""
        if kind not in _RECORD_TABLES:
            raise ServiceError(f"Only notes, decisions and actions can be linked, not {kind}.")
        with self._ctx.transaction() as (session, audit):
            editable_meeting(session, meeting_id)
            record = session.get(_RECORD_TABLES[kind], record_id)
            if record is None or record.meeting_id != meeting_id:
                raise NotFound(kind, record_id)
            response, _ = self._response(session, meeting_id, item_key)
            if session.exec(select(ChecklistLink).where(ChecklistLink.response_id == response.id,
                                                        ChecklistLink.record_kind == kind,
                                                        ChecklistLink.record_id == record_id)).first():
                return
            link = ChecklistLink(response_id=saved_id(response.id), record_kind=kind, record_id=record_id)
            session.add(link)
            audit.created(link, summary="Record linked to a checklist item")

    def set_subjects(self, meeting_id: int, item_key: str, subject_ids: Iterable[int]) -> None:
        """The subjects counted under an item (for example the children in each group of the scale)."""
        wanted = list(dict.fromkeys(subject_ids))
        with self._ctx.transaction() as (session, audit):
            editable_meeting(session, meeting_id)
            on_meeting = set(session.exec(select(MeetingSubject.subject_id)
                                          .where(MeetingSubject.meeting_id == meeting_id)))
            if set(wanted) - on_meeting:
                raise ServiceError("Only subjects of this meeting can be counted here.")
            response, _ = self._response(session, meeting_id, item_key)
            old = set(session.exec(select(ChecklistSubject.subject_id)
                                   .where(ChecklistSubject.response_id == response.id)))
            for subject_id in old - set(wanted):
                session.delete(session.get(ChecklistSubject, (response.id, subject_id)))
            for subject_id in [s for s in wanted if s not in old]:
                session.add(ChecklistSubject(response_id=saved_id(response.id), subject_id=subject_id))
            audit.event("update", "checklist_subjects", response.id, meeting_id=meeting_id,
                        summary="Subjects counted under a checklist item", changes={"subjects": [sorted(old), wanted]})

    def create_action(self, meeting_id: int, item_key: str, description: str, *, owner: str = "", agency: str = "",
                      due_date: date | None = None) -> int:
        """An action agreed while considering an item, linked to it."""
        action = self._minutes.add_action(meeting_id, description, owner=owner, agency=agency, due_date=due_date)
        self.link(meeting_id, item_key, "action", saved_id(action.id))
        return saved_id(action.id)

    @staticmethod
    def _response(session: Session, meeting_id: int, item_key: str) -> tuple[ChecklistResponse, bool]:
        response = session.exec(select(ChecklistResponse).where(ChecklistResponse.meeting_id == meeting_id,
                                                                ChecklistResponse.item_key == item_key)).first()
        if response is not None:
            return response, False
        response = ChecklistResponse(meeting_id=meeting_id, item_key=item_key)
        session.add(response)
        session.flush()
        return response, True


def carry_deferred(session: Session, previous: Meeting, new_meeting_id: int) -> list[ChecklistResponse]:
    """Deferred items reappear in the next meeting of the series, saying where they came from."""
    carried = []
    for old in session.exec(select(ChecklistResponse).where(ChecklistResponse.meeting_id == previous.id,
                                                            ChecklistResponse.status == "deferred")):
        if previous.status != "finalised":  # finalised minutes are not touched
            old.deferred_to_meeting_id = new_meeting_id
            session.add(old)
        # The note starts empty: the review must write its own before the item counts as considered.
        new = ChecklistResponse(meeting_id=new_meeting_id, item_key=old.item_key, status="not_yet",
                                updated_by=old.updated_by)
        session.add(new)
        carried.append(new)
    session.flush()
    return carried
