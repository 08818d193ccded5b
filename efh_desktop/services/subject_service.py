"""Use cases for the subjects registry: children, peer groups, places and persons of concern."""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import String, cast, or_
from sqlmodel import col, select

from efh_desktop.domain.name_folding import fold
from efh_desktop.domain.text_rules import clean_aliases, clean_name, clean_short, clean_text
from efh_desktop.domain.uk_dates import format_date
from efh_desktop.services.context import AppContext, NotFound, ServiceError
from efh_desktop.services.frozen_rows import SubjectDetails, frozen
from efh_desktop.services.search_text import matches
from efh_desktop.store.tables import SUBJECT_KINDS, Subject, SubjectLink

KIND_LABELS = {
    "child": "Child",
    "peer_group": "Peer group",
    "place": "Place",
    "person_of_concern": "Person of concern",
}

_TEXT_FIELDS = {"locality", "lcs_id", "ehm_id", "lead_professional", "allocated_worker", "place_kind",
                "legal_status"}
_LIST_COLUMNS = ("id", "kind", "name", "aliases", "locality", "description", "date_of_birth", "legal_status",
                 "in_care", "yot_order", "open_referral", "lcs_id", "ehm_id", "place_kind")
_BOOL_FIELDS = {"in_care", "open_referral", "yot_order", "archived", "treat_as_child"}
_MAX_CONNECTED = 40
_PLACEHOLDER_NAMES = {"unknown", "not known", "n/a", "na", "none", "tbc", "?", "mother", "father", "mum", "dad",
                      "carer", "parent", "not recorded", "anon", "anonymous"}


def connected_people(value: Any) -> list[dict[str, str]]:
    """A child's relatives and carers from a list of {"name", "relationship"} (or (name, relationship)
    pairs, or text with one "Name, relationship" a line). In another child's disclosure copy each is
    masked as "Parent of Child B" and so on, so a name is required and kept exactly."""
    if isinstance(value, str):
        value = [tuple(p.strip() for p in line.split(",", 1)) for line in value.splitlines() if line.strip()]
    if not isinstance(value, (list, tuple)):
        raise ServiceError("Connected people are a list of names with their relationship to the child.")
    out: list[dict[str, str]] = []
    for item in value:
        if isinstance(item, dict):
            name, relationship = item.get("name", ""), item.get("relationship", "")
        elif isinstance(item, (list, tuple)) and 1 <= len(item) <= 2:
            name, relationship = item[0], item[1] if len(item) > 1 else ""
        else:
            raise ServiceError("Each connected person is a name and a relationship (for example: Sandra Quell, mother).")
        if not isinstance(name, str) or not isinstance(relationship, str):
            raise ServiceError("A connected person's name and relationship are text.")
        if fold(name).strip(" .-/") in _PLACEHOLDER_NAMES or fold(name).startswith(("unknown", "not known")):
            raise ServiceError(f"“{name.strip()}” is not a name: leave out a relative whose name is not known "
                               "(it would be masked wherever the word appears).")
        out.append({"name": clean_name(name, "Connected person's name"),
                    "relationship": clean_short(relationship, "Relationship")})
    if len(out) > _MAX_CONNECTED:
        raise ServiceError(f"At most {_MAX_CONNECTED} connected people can be recorded for one child.")
    return out


@dataclass(frozen=True)
class SubjectRow:
    id: int
    kind: str
    name: str
    aliases: tuple[str, ...]
    locality: str
    detail: str

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


class SubjectService:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    # -- reading ----------------------------------------------------------------------------------
    def list(self, kind: str | None = None, text: str = "", *, include_archived: bool = False,
             limit: int | None = None) -> builtins.list[SubjectRow]:
        # Only the listed columns, not whole objects: the registry can hold thousands of children.
        query = select(*(getattr(Subject, name) for name in _LIST_COLUMNS))
        if kind:
            query = query.where(Subject.kind == kind)
        if not include_archived:
            query = query.where(Subject.archived == False)  # noqa: E712
        needle = text.strip()
        if needle:
            query = query.where(or_(matches(Subject.name, needle), matches(cast(Subject.aliases, String), needle),
                                    matches(Subject.lcs_id, needle), matches(Subject.ehm_id, needle)))
        query = query.order_by(Subject.kind, Subject.name)
        if limit:
            query = query.limit(limit)
        with self._ctx.reading() as session:
            return [self._row(s) for s in session.exec(query)]

    def get(self, subject_id: int) -> SubjectDetails:
        with self._ctx.reading() as session:
            subject = session.get(Subject, subject_id)
            if subject is None:
                raise NotFound("subject", subject_id)
            return frozen(SubjectDetails, subject)

    def members(self, group_id: int) -> builtins.list[SubjectRow]:
        with self._ctx.reading() as session:
            query = (select(Subject).join(SubjectLink, col(SubjectLink.from_subject_id) == Subject.id)
                     .where(SubjectLink.to_subject_id == group_id, SubjectLink.relation == "member")
                     .order_by(Subject.name))
            return [self._row(s) for s in session.exec(query)]

    def _row(self, s: Any) -> SubjectRow:  # a Subject or a row of _LIST_COLUMNS
        return SubjectRow(id=s.id or 0, kind=s.kind, name=s.name, aliases=tuple(s.aliases or ()),
                          locality=s.locality, detail=self.describe(s))

    def describe(self, s: Any) -> str:  # a Subject or a row of _LIST_COLUMNS
        """A one-line summary for lists: the facts a chair scans for."""
        bits: builtins.list[str] = []
        if s.kind == "child":
            if s.date_of_birth:
                bits.append(f"born {format_date(s.date_of_birth)}")
            if s.legal_status:
                bits.append(self._ctx.profile.legal_statuses.get(s.legal_status, s.legal_status))
            in_care_said = s.legal_status == "child_in_care"
            bits += [flag for flag, on in (("in care", s.in_care and not in_care_said), ("YOT order", s.yot_order),
                                           ("open referral", s.open_referral)) if on]
            if s.lcs_id:
                bits.append(f"LCS: {s.lcs_id}")
            if s.ehm_id:
                bits.append(f"EHM: {s.ehm_id}")
        elif s.kind == "place" and s.place_kind:
            bits.append(s.place_kind)
        elif s.description:
            bits.append(s.description[:80])
        return "; ".join(bits)

    # -- changing ---------------------------------------------------------------------------------
    def create(self, kind: str, name: str, **fields: Any) -> Subject:
        if kind not in SUBJECT_KINDS:
            raise ServiceError(f"Unknown kind of subject: {kind}.")
        subject = Subject(kind=kind, name=clean_name(name, "Name"))
        self._apply(subject, fields)
        with self._ctx.transaction() as (session, audit):
            session.add(subject)
            audit.created(subject, summary=f"Added {KIND_LABELS[kind].lower()}")
        return subject

    def update(self, subject_id: int, **fields: Any) -> SubjectDetails:
        from efh_desktop.services.audit import snapshot

        with self._ctx.transaction() as (session, audit):
            subject = session.get(Subject, subject_id)
            if subject is None:
                raise NotFound("subject", subject_id)
            before = snapshot(subject)
            if "name" in fields:
                subject.name = clean_name(fields.pop("name"), "Name")
            self._apply(subject, fields)
            subject.updated_at = self._ctx.clock.now()
            session.add(subject)
            audit.updated(subject, before, summary=f"Changed {KIND_LABELS[subject.kind].lower()}")
        return frozen(SubjectDetails, subject)

    def archive(self, subject_id: int, archived: bool = True) -> SubjectDetails:
        return self.update(subject_id, archived=archived)

    def add_member(self, group_id: int, child_id: int) -> None:
        with self._ctx.transaction() as (session, audit):
            group, child = session.get(Subject, group_id), session.get(Subject, child_id)
            if group is None or group.kind != "peer_group":
                raise ServiceError("Members can only be added to a peer group.")
            if child is None or child.kind != "child":
                raise ServiceError("Only children can be members of a peer group.")
            exists = session.exec(select(SubjectLink).where(
                SubjectLink.from_subject_id == child_id, SubjectLink.to_subject_id == group_id,
                SubjectLink.relation == "member")).first()
            if exists:
                return
            link = SubjectLink(from_subject_id=child_id, to_subject_id=group_id, relation="member")
            session.add(link)
            audit.created(link, summary="Added child to peer group")

    def remove_member(self, group_id: int, child_id: int) -> None:
        with self._ctx.transaction() as (session, audit):
            link = session.exec(select(SubjectLink).where(
                SubjectLink.from_subject_id == child_id, SubjectLink.to_subject_id == group_id,
                SubjectLink.relation == "member")).first()
            if link:
                audit.deleted(link, summary="Removed child from peer group")
                session.delete(link)

    def link(self, from_id: int, to_id: int, note: str = "") -> None:
        """Link a person of concern to a child, place or peer group."""
        with self._ctx.transaction() as (session, audit):
            link = SubjectLink(from_subject_id=from_id, to_subject_id=to_id, relation="linked",
                               note=clean_short(note, "Note"))
            session.add(link)
            audit.created(link, summary="Linked subjects")

    def _apply(self, subject: Subject, fields: dict[str, Any]) -> None:
        for key, value in fields.items():
            if key == "aliases":
                subject.aliases = clean_aliases(value)
            elif key == "connected_people":
                subject.connected_people = connected_people(value)
            elif key in ("description", "address"):
                setattr(subject, key, clean_text(value, key.capitalize()))
            elif key == "date_of_birth":
                if value is not None and not isinstance(value, date):
                    raise ServiceError("Date of birth must be a date.")
                if value is not None and value > self._ctx.clock.today():
                    raise ServiceError("Date of birth cannot be in the future.")
                subject.date_of_birth = value
            elif key == "looked_after_on":
                if value is not None and not isinstance(value, date):
                    raise ServiceError("The date the child became looked after must be a date.")
                if value is not None and value > self._ctx.clock.today():
                    raise ServiceError("The date the child became looked after cannot be in the future.")
                subject.looked_after_on = value
            elif key in _TEXT_FIELDS:
                setattr(subject, key, clean_short(value, key.replace("_", " ").capitalize()))
            elif key in _BOOL_FIELDS:
                setattr(subject, key, bool(value))
            else:
                raise ServiceError(f"Subjects have no field called {key}.")
        if subject.legal_status and subject.legal_status not in self._ctx.profile.legal_statuses:
            raise ServiceError(f"Unknown legal status: {subject.legal_status}.")

