"""Moving one whole meeting between laptops (minute-taker's and chair's) as a documented JSON file,
optionally sealed with a passphrase. Format: docs/interchange.md.

Import is idempotent: a meeting is known by its ``uid`` and subjects by theirs, so importing the
same file twice changes nothing the second time. Everything imported is one transaction, audited.
"""

from __future__ import annotations

import json
import stat
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from sqlmodel import Session, SQLModel, col, select

from efh_desktop.services.audit import Audit
from efh_desktop.services.context import AppContext, NotFound, ServiceError, saved_id
from efh_desktop.services.export_writer import ExportWriter
from efh_desktop.services.interchange_schema import (
    MeetingDocument,
    MeetingFileRejected,
    check_document,
    parse_json,
)
from efh_desktop.store import sealed_file
from efh_desktop.store.key_header import (
    MIN_PASSPHRASE_LENGTH as MIN_PASSPHRASE_LENGTH,  # re-exported: gui's hint
)
from efh_desktop.store.tables import (
    Action,
    ActionSubject,
    AgendaItem,
    Amendment,
    Attendee,
    ChecklistLink,
    ChecklistResponse,
    ChecklistSubject,
    Decision,
    DecisionSubject,
    GateOverride,
    InformationSharing,
    Meeting,
    MeetingNotification,
    MeetingSubject,
    Note,
    NoteSubject,
    Subject,
    SubjectLink,
    SubjectSnapshot,
)

FORMAT, VERSION, PURPOSE = "efh-desktop-meeting", 1, "meeting"
FILE_SUFFIX = ".efhmeeting"  # what the window suggests, and the file type the installers register
_NEVER = {"id", "meeting_id", "series_id", "previous_meeting_id"}
_MEETING_FIELDS = [f for f in Meeting.model_fields if f not in _NEVER]
_SUBJECT_FIELDS = [f for f in Subject.model_fields if f != "id"]
# table, its subject-tag table and column, its kind name in checklist links
# (record table, its tag table, the tag's column naming the record, kind): typed loosely, the three
# share meeting_id, agenda_item_id and id by convention.
_RECORDS: tuple[tuple[type[Any], type[Any], str, str], ...] = ((Note, NoteSubject, "entry_id", "note"), (Decision, DecisionSubject, "decision_id", "decision"),
            (Action, ActionSubject, "action_id", "action"))


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime | date) else value


def _row(obj: SQLModel, skip: set[str]) -> dict[str, Any]:
    return {k: _plain(v) for k, v in obj.model_dump().items() if k not in skip}


class SealedNeedsPassphrase(ServiceError):
    """The file is sealed and no passphrase was given: ask the user for one, then try again."""


def suggested_file_name(meeting_id: int) -> str:
    """The meeting's reference (as in the minutes' footer), never a child's name."""
    return f"EFH-{meeting_id:06d}{FILE_SUFFIX}"


class InterchangeService:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    # -- export -----------------------------------------------------------------------------------
    def to_dict(self, meeting_id: int) -> dict[str, Any]:
        with self._ctx.reading() as session:
            meeting = session.get(Meeting, meeting_id)
            if meeting is None:
                raise NotFound("meeting", meeting_id)
            links = list(session.exec(select(MeetingSubject).where(MeetingSubject.meeting_id == meeting_id)))
            uid: dict[int | None, str] = {s.id: s.uid for s in session.exec(select(Subject).where(
                col(Subject.id).in_([link.subject_id for link in links] or [0])))}
            subjects = []
            for link in sorted(links, key=lambda x: x.position):
                subject = session.get(Subject, link.subject_id)
                subjects.append({**{k: _plain(getattr(subject, k)) for k in _SUBJECT_FIELDS},
                                 "reason": link.reason, "position": link.position,
                                 "planning_agreement": link.planning_agreement, "came_through": link.came_through})
            agenda = [{**_row(a, {"meeting_id", "subject_id"}), "subject_uid": uid.get(a.subject_id)}
                      for a in session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id))]
            records: dict[str, list[dict[str, Any]]] = {}
            for table, tag, column, kind in _RECORDS:
                rows = []
                for r in session.exec(select(table).where(table.meeting_id == meeting_id)):
                    tags = session.exec(select(tag.subject_id).where(getattr(tag, column) == r.id))
                    rows.append({**_row(r, {"meeting_id", "origin_action_id"}),
                                 "subjects": [uid[s] for s in tags if s in uid]})
                records[kind] = rows
            # Only references inside the file, which an import insists on: a record under another
            # meeting's item (possible before that was refused) goes under no item, and a checklist
            # link to a record since deleted is left out.
            item_ids = {a["id"] for a in agenda}
            kept = set()
            for kind, rows in records.items():
                for row in rows:
                    row["agenda_item_id"] = row["agenda_item_id"] if row["agenda_item_id"] in item_ids else None
                    kept.add((kind, row["id"]))
            checklist = []
            for r in session.exec(select(ChecklistResponse).where(ChecklistResponse.meeting_id == meeting_id)):
                checklist.append({**_row(r, {"id", "meeting_id", "deferred_to_meeting_id"}),
                                  "subjects": [uid[s] for s in session.exec(select(ChecklistSubject.subject_id)
                                               .where(ChecklistSubject.response_id == r.id)) if s in uid],
                                  "links": [{"kind": link.record_kind, "ref": link.record_id} for link in
                                            session.exec(select(ChecklistLink).where(ChecklistLink.response_id == r.id))
                                            if (link.record_kind, link.record_id) in kept]})
            simple = {name: [_row(r, {"id", "meeting_id"}) for r in session.exec(select(t).where(t.meeting_id == meeting_id))]
                      for name, t in (("attendees", Attendee), ("notifications", MeetingNotification),
                                      ("overrides", GateOverride), ("amendments", Amendment))}
            sharing = [{**_row(r, {"id", "meeting_id", "subject_id", "action_id", "carried_from_id"}),
                        "subject_uid": uid.get(r.subject_id)}
                       for r in session.exec(select(InformationSharing).where(InformationSharing.meeting_id == meeting_id))]
            # Finalised minutes travel with their subjects as frozen (the snapshot's local id left out).
            frozen = [{"subject_uid": uid.get(f.subject_id), "position": f.position, "reason": f.reason,
                       "payload": {k: v for k, v in f.payload.items() if k != "id"}}
                      for f in session.exec(select(SubjectSnapshot).where(SubjectSnapshot.meeting_id == meeting_id))]
            # Relationships between the meeting's subjects (both ends in the file); a child's relatives
            # and carers travel on the child (connected_people).
            ids = sorted(saved_id(i) for i in uid)
            relations = [{"from_uid": uid[x.from_subject_id], "to_uid": uid[x.to_subject_id], "relation": x.relation,
                          "known": x.known, "source": x.source, "note": x.note, "from_date": _plain(x.from_date),
                          "to_date": _plain(x.to_date), "created_at": _plain(x.created_at)}
                         for x in session.exec(select(SubjectLink).where(col(SubjectLink.from_subject_id).in_(ids or [0]),
                                                                         col(SubjectLink.to_subject_id).in_(ids or [0]))
                                               .order_by(col(SubjectLink.id)))]
            return {"format": FORMAT, "version": VERSION, "exported_by": self._ctx.actor, "links": relations,
                    "meeting": {k: _plain(getattr(meeting, k)) for k in _MEETING_FIELDS},
                    "subjects": subjects, "agenda": agenda, **{f"{k}s": v for k, v in records.items()},
                    "checklist": checklist, "sharing": sharing, **simple, "frozen_subjects": frozen}

    def export(self, meeting_id: int, out_path: Path, *, passphrase: str | None = None,
               overwrite: bool = False) -> Path:
        """Write the meeting to ``out_path``; an existing file is replaced only with ``overwrite``."""
        writer = ExportWriter(self._ctx)
        writer.check(out_path, overwrite=overwrite)  # before the work: a refused path costs nothing
        data = json.dumps(self.to_dict(meeting_id), ensure_ascii=False, indent=1).encode("utf-8")
        if passphrase:
            data = sealed_file.seal(data, passphrase, purpose=PURPOSE)
        return writer.write(out_path, data, entity="meeting_interchange", entity_id=meeting_id, meeting_id=meeting_id,
                            overwrite=overwrite,
                            summary="Meeting exported for another laptop" + (" (sealed)" if passphrase else " (NOT sealed)"))

    @staticmethod
    def _freeze(session: Session, meeting_id: int, frozen: list[Any], subject_ids: Mapping[str | None, int]) -> None:
        """A finalised meeting arrives frozen: as the file froze it, else (an older file) as its
        subjects stand now. Triggers refuse any later change to it."""
        from efh_desktop.services.finalise_service import freeze_subjects

        session.flush()
        if not frozen:
            freeze_subjects(session, meeting_id)
            return
        for f in frozen:
            local = subject_ids[f.subject_uid]
            session.add(SubjectSnapshot(meeting_id=meeting_id, subject_id=local, position=f.position,
                                        reason=f.reason, payload={**dict(f.payload), "id": local}))


    @staticmethod
    def _links(session: Session, audit: Audit, doc: MeetingDocument, subject_ids: Mapping[str | None, int]) -> None:
        """Relationships from the file that this laptop does not have yet (same ends and relation)."""
        from efh_desktop.services.relation_service import RELATIONS

        for part in doc.links:
            a, b = subject_ids[part.from_uid], subject_ids[part.to_uid]
            ends = [(a, b), (b, a)] if RELATIONS[part.relation].symmetric else [(a, b)]
            if any(session.exec(select(SubjectLink.id).where(SubjectLink.from_subject_id == x,
                                                             SubjectLink.to_subject_id == y,
                                                             SubjectLink.relation == part.relation)).first()
                   for x, y in ends):
                continue
            link = SubjectLink(from_subject_id=a, to_subject_id=b, **_fields(part, {"from_uid", "to_uid"}))
            session.add(link)
            session.flush()
            audit.created(link, summary="Relationship imported with a meeting")

    # -- import -----------------------------------------------------------------------------------
    def import_file(self, path: Path, *, passphrase: str | None = None) -> tuple[int, bool]:
        """Returns (meeting id, True if imported now / False if it was already here).

        The whole file is checked against the schema (interchange_schema) before the store is
        touched; a problem is a ServiceError naming the first one with its JSON path."""
        path = Path(path)
        try:
            mode: int | None = path.stat().st_mode
        except OSError:
            mode = None  # missing or unreadable: said by the read below
        if mode is not None and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            # A pipe would wait for ever for a writer, a device like /dev/zero would fill the memory.
            raise ServiceError(f"{path.name} cannot be imported: it is not an ordinary file (a device or a pipe); "
                               "choose a meeting file.")
        try:
            raw = path.read_bytes()
        except OSError as exc:  # a folder, a missing file, no permission: said, never a traceback
            reason = "it is a folder" if path.is_dir() else (exc.strerror or "it cannot be read").lower()
            raise ServiceError(f"{path.name} cannot be imported: {reason}; choose a meeting file.") from None
        try:
            data = parse_json(raw, path.name)
            if isinstance(data, dict) and data.get("format") == sealed_file.FORMAT:
                if not passphrase:
                    raise SealedNeedsPassphrase("This file is sealed: give the passphrase it was sealed with.")
                data = parse_json(sealed_file.unseal(raw, passphrase, purpose=PURPOSE), path.name)
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise ServiceError("This is not an EFH Desktop meeting file.")
            if data.get("version") != VERSION:
                raise ServiceError("This meeting file comes from a different version of EFH Desktop.")
            document = check_document(data, path.name)
        except MeetingFileRejected as exc:
            raise ServiceError(str(exc)) from None
        if document.meeting.type_key not in self._ctx.profile.meeting_types:
            raise ServiceError(f"This council's practice profile has no meeting type "
                               f"{document.meeting.type_key!r}, so the meeting cannot be imported.")
        return self._import(document)

    def _import(self, doc: MeetingDocument) -> tuple[int, bool]:
        """Everything from an already checked document, in one transaction."""
        with self._ctx.transaction() as (session, audit):
            known = session.exec(select(Meeting).where(Meeting.uid == doc.meeting.uid)).first()
            if known is not None:
                return saved_id(known.id), False
            subject_ids: dict[str | None, int] = {}
            for s in doc.subjects:
                found = session.exec(select(Subject).where(Subject.uid == s.uid)).first()
                if found is None:
                    found = Subject(**_fields(s, {"reason", "position", "planning_agreement", "came_through"}))
                    session.add(found)
                    audit.created(found, summary="Subject imported with a meeting")
                subject_ids[s.uid] = saved_id(found.id)
            meeting = Meeting(**_fields(doc.meeting, set()))
            session.add(meeting)
            audit.created(meeting, summary="Meeting imported from another laptop")
            for s in doc.subjects:
                session.add(MeetingSubject(meeting_id=saved_id(meeting.id), subject_id=subject_ids[s.uid], reason=s.reason,
                                           position=s.position, planning_agreement=s.planning_agreement,
                                           came_through=s.came_through))
            agenda_ids: dict[int | None, int] = {}
            pending = sorted(doc.agenda, key=lambda a: (a.parent_id is not None, a.position))
            while pending:  # parents before children (the schema has refused loops and strays)
                for item in [a for a in pending if a.parent_id is None or a.parent_id in agenda_ids]:
                    row = AgendaItem(**_fields(item, {"id", "parent_id", "subject_uid"}), meeting_id=saved_id(meeting.id),
                                     parent_id=agenda_ids.get(item.parent_id),
                                     subject_id=subject_ids.get(item.subject_uid))
                    session.add(row)
                    session.flush()
                    agenda_ids[item.id] = saved_id(row.id)
                    pending.remove(item)
            record_ids: dict[tuple[str, int], int] = {}
            for table, tag, column, kind in _RECORDS:
                for r in getattr(doc, f"{kind}s"):
                    record = table(**_fields(r, {"id", "subjects", "agenda_item_id"}), meeting_id=saved_id(meeting.id),
                                   agenda_item_id=agenda_ids.get(r.agenda_item_id))
                    session.add(record)
                    session.flush()
                    record_ids[(kind, r.id)] = record.id
                    for u in dict.fromkeys(r.subjects):
                        session.add(tag(**{column: record.id, "subject_id": subject_ids[u]}))
            for c in doc.checklist:
                response = ChecklistResponse(**_fields(c, {"subjects", "links"}), meeting_id=saved_id(meeting.id))
                session.add(response)
                session.flush()
                for u in dict.fromkeys(c.subjects):
                    session.add(ChecklistSubject(response_id=saved_id(response.id), subject_id=subject_ids[u]))
                for link in c.links:
                    session.add(ChecklistLink(response_id=saved_id(response.id), record_kind=link.kind,
                                              record_id=record_ids[(link.kind, link.ref)]))
            for r in doc.sharing:
                session.add(InformationSharing(**_fields(r, {"subject_uid"}), meeting_id=saved_id(meeting.id),
                                               subject_id=subject_ids.get(r.subject_uid)))
            for name, table in (("attendees", Attendee), ("notifications", MeetingNotification),
                                ("overrides", GateOverride), ("amendments", Amendment)):
                for r in getattr(doc, name):
                    session.add(table(**_fields(r, set()), meeting_id=saved_id(meeting.id)))
            self._links(session, audit, doc, subject_ids)
            if meeting.status == "finalised":
                self._freeze(session, saved_id(meeting.id), doc.frozen_subjects, subject_ids)
            audit.event("import", "meeting_interchange", meeting.id, meeting_id=meeting.id,
                        summary="Meeting imported with its records",
                        changes={"records": len(doc.notes) + len(doc.decisions) + len(doc.actions)})
            return saved_id(meeting.id), True


def _fields(part: BaseModel, skip: set[str]) -> dict[str, Any]:
    """A checked part's values for its table; a timestamp the file left out takes the table's default."""
    return {k: v for k, v in part.model_dump(exclude=skip).items()
            if not (v is None and k in ("created_at", "updated_at"))}
