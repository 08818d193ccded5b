"""Moving one whole meeting between laptops (minute-taker's and chair's) as a documented JSON file,
optionally sealed with a passphrase. Format: docs/interchange.md.

Import is idempotent: a meeting is known by its ``uid`` and subjects by theirs, so importing the
same file twice changes nothing the second time. Everything imported is one transaction, audited.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any, get_args

from sqlmodel import SQLModel, select

from efh_desktop.services.context import AppContext, NotFound, ServiceError
from efh_desktop.services.export_writer import ExportWriter
from efh_desktop.store import sealed_file
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
    Entry,
    EntrySubject,
    GateOverride,
    InformationSharing,
    Meeting,
    MeetingNotification,
    MeetingSubject,
    Subject,
)

FORMAT, VERSION, PURPOSE = "efh-desktop-meeting", 1, "meeting"
_NEVER = {"id", "meeting_id", "series_id", "previous_meeting_id"}
_MEETING_FIELDS = [f for f in Meeting.model_fields if f not in _NEVER]
_SUBJECT_FIELDS = [f for f in Subject.model_fields if f != "id"]
# table, its subject-tag table and column, its kind name in checklist links
_RECORDS = ((Entry, EntrySubject, "entry_id", "note"), (Decision, DecisionSubject, "decision_id", "decision"),
            (Action, ActionSubject, "action_id", "action"))


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime | date) else value


def _row(obj: SQLModel, skip: set[str]) -> dict[str, Any]:
    return {k: _plain(v) for k, v in obj.model_dump().items() if k not in skip}


def _typed(model: type[SQLModel], data: dict[str, Any]) -> dict[str, Any]:
    """JSON values back to the model's Python types (dates and aware datetimes)."""
    out = {}
    for key, value in data.items():
        annotation = model.model_fields[key].annotation if key in model.model_fields else None
        types = set(get_args(annotation)) or {annotation}
        if isinstance(value, str) and value and datetime in types:
            value = datetime.fromisoformat(value)
        elif isinstance(value, str) and value and date in types:
            value = date.fromisoformat(value)
        out[key] = value
    return out


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
            uid = {s.id: s.uid for s in session.exec(select(Subject).where(
                Subject.id.in_([link.subject_id for link in links] or [0])))}
            subjects = []
            for link in sorted(links, key=lambda x: x.position):
                subject = session.get(Subject, link.subject_id)
                subjects.append({**{k: _plain(getattr(subject, k)) for k in _SUBJECT_FIELDS},
                                 "reason": link.reason, "position": link.position,
                                 "planning_agreement": link.planning_agreement})
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
            checklist = []
            for r in session.exec(select(ChecklistResponse).where(ChecklistResponse.meeting_id == meeting_id)):
                checklist.append({**_row(r, {"id", "meeting_id", "deferred_to_meeting_id"}),
                                  "subjects": [uid[s] for s in session.exec(select(ChecklistSubject.subject_id)
                                               .where(ChecklistSubject.response_id == r.id)) if s in uid],
                                  "links": [{"kind": link.record_kind, "ref": link.record_id} for link in
                                            session.exec(select(ChecklistLink).where(ChecklistLink.response_id == r.id))]})
            simple = {name: [_row(r, {"id", "meeting_id"}) for r in session.exec(select(t).where(t.meeting_id == meeting_id))]
                      for name, t in (("attendees", Attendee), ("notifications", MeetingNotification),
                                      ("overrides", GateOverride), ("amendments", Amendment))}
            sharing = [{**_row(r, {"id", "meeting_id", "subject_id", "action_id", "carried_from_id"}),
                        "subject_uid": uid.get(r.subject_id)}
                       for r in session.exec(select(InformationSharing).where(InformationSharing.meeting_id == meeting_id))]
            return {"format": FORMAT, "version": VERSION, "exported_by": self._ctx.actor,
                    "meeting": {k: _plain(getattr(meeting, k)) for k in _MEETING_FIELDS},
                    "subjects": subjects, "agenda": agenda, **{f"{k}s": v for k, v in records.items()},
                    "checklist": checklist, "sharing": sharing, **simple}

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

    # -- import -----------------------------------------------------------------------------------
    def import_file(self, path: Path, *, passphrase: str | None = None) -> tuple[int, bool]:
        """Returns (meeting id, True if imported now / False if it was already here)."""
        raw = Path(path).read_bytes()
        if sealed_file.is_sealed(raw):
            if not passphrase:
                raise ServiceError("This file is sealed: give the passphrase it was sealed with.")
            raw = sealed_file.unseal(raw, passphrase, purpose=PURPOSE)
        try:
            data = json.loads(raw)
            if data.get("format") != FORMAT:
                raise ValueError
        except (ValueError, AttributeError, UnicodeDecodeError):
            raise ServiceError("This is not an EFH Desktop meeting file.") from None
        if data.get("version") != VERSION:
            raise ServiceError("This meeting file comes from a different version of EFH Desktop.")
        try:
            return self._import(data)
        except (KeyError, TypeError, ValueError) as exc:
            raise ServiceError(f"The meeting file is incomplete or damaged ({type(exc).__name__}).") from None

    def _import(self, data: dict[str, Any]) -> tuple[int, bool]:
        profile = self._ctx.profile
        if data["meeting"]["type_key"] not in profile.meeting_types:
            raise ServiceError("This council's practice profile has no meeting type for this meeting.")
        with self._ctx.transaction() as (session, audit):
            known = session.exec(select(Meeting).where(Meeting.uid == data["meeting"]["uid"])).first()
            if known is not None:
                return known.id, False
            subject_ids: dict[str, int] = {}
            for s in data["subjects"]:
                found = session.exec(select(Subject).where(Subject.uid == s["uid"])).first()
                if found is None:
                    found = Subject(**_typed(Subject, {k: s[k] for k in _SUBJECT_FIELDS if k in s}))
                    session.add(found)
                    audit.created(found, summary="Subject imported with a meeting")
                subject_ids[s["uid"]] = found.id
            meeting = Meeting(**_typed(Meeting, data["meeting"]))
            session.add(meeting)
            audit.created(meeting, summary="Meeting imported from another laptop")
            for s in data["subjects"]:
                session.add(MeetingSubject(meeting_id=meeting.id, subject_id=subject_ids[s["uid"]], reason=s["reason"],
                                           position=s["position"], planning_agreement=s["planning_agreement"]))
            agenda_ids: dict[int, int] = {}
            pending = sorted(data["agenda"], key=lambda a: (a["parent_id"] is not None, a["position"]))
            while pending:  # parents before children
                progressed = False
                for item in list(pending):
                    if item["parent_id"] is not None and item["parent_id"] not in agenda_ids:
                        continue
                    fields = {k: v for k, v in item.items() if k not in ("id", "subject_uid", "parent_id")}
                    row = AgendaItem(**_typed(AgendaItem, fields), meeting_id=meeting.id,
                                     parent_id=agenda_ids.get(item["parent_id"]),
                                     subject_id=subject_ids.get(item["subject_uid"]))
                    session.add(row)
                    session.flush()
                    agenda_ids[item["id"]] = row.id
                    pending.remove(item)
                    progressed = True
                if not progressed:
                    raise ValueError("agenda items without their parents")
            record_ids: dict[tuple[str, int], int] = {}
            for table, tag, column, kind in _RECORDS:
                for r in data[f"{kind}s"]:
                    fields = {k: v for k, v in r.items() if k not in ("id", "subjects", "agenda_item_id")}
                    row = table(**_typed(table, fields), meeting_id=meeting.id,
                                agenda_item_id=agenda_ids.get(r.get("agenda_item_id")))
                    session.add(row)
                    session.flush()
                    record_ids[(kind, r["id"])] = row.id
                    for u in r["subjects"]:
                        session.add(tag(**{column: row.id, "subject_id": subject_ids[u]}))
            for c in data["checklist"]:
                response = ChecklistResponse(**_typed(ChecklistResponse, {k: v for k, v in c.items()
                                                                         if k not in ("subjects", "links")}),
                                             meeting_id=meeting.id)
                session.add(response)
                session.flush()
                for u in c["subjects"]:
                    session.add(ChecklistSubject(response_id=response.id, subject_id=subject_ids[u]))
                for link in c["links"]:
                    if (link["kind"], link["ref"]) in record_ids:
                        session.add(ChecklistLink(response_id=response.id, record_kind=link["kind"],
                                                  record_id=record_ids[(link["kind"], link["ref"])]))
            for r in data["sharing"]:
                fields = {k: v for k, v in r.items() if k != "subject_uid"}
                session.add(InformationSharing(**_typed(InformationSharing, fields), meeting_id=meeting.id,
                                               subject_id=subject_ids.get(r["subject_uid"])))
            for name, table in (("attendees", Attendee), ("notifications", MeetingNotification),
                                ("overrides", GateOverride), ("amendments", Amendment)):
                for r in data[name]:
                    session.add(table(**_typed(table, r), meeting_id=meeting.id))
            audit.event("import", "meeting_interchange", meeting.id, meeting_id=meeting.id,
                        summary="Meeting imported with its records",
                        changes={"records": sum(len(data[f"{k}s"]) for _t, _g, _c, k in _RECORDS)})
            return meeting.id, True
