"""Relationships between subjects as data: child–child (sibling, half-sibling, friend, partner,
harmed by), child–peer group membership with dates, a person of concern's links to children,
places and groups (with what is known and its source), and child–place (seen at, lives at, goes
to school at). A child's relatives and carers (``subject.connected_people``) are read alongside.

Every change is one audited transaction. The rules that need the links read them from here:
``related_child_pairs`` (siblings are related: "more than one unrelated child") and
``persons_linked_to_unrelated_children`` (a prompt to consider a complex strategy).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import or_
from sqlmodel import Session, col, select

from efh_desktop.domain.text_rules import clean_short, clean_text
from efh_desktop.domain.uk_dates import format_date
from efh_desktop.services.context import AppContext, NotFound, ServiceError, saved_id
from efh_desktop.store.tables import Meeting, MeetingSubject, Note, NoteSubject, Subject, SubjectLink

if TYPE_CHECKING:  # networkx (~0.4 s to import) loads when a graph is first needed, not at start-up
    import networkx as nx


@dataclass(frozen=True)
class RelationKind:
    key: str
    label: str  # read "<from> is <label> <to>"
    from_kinds: tuple[str, ...]
    to_kinds: tuple[str, ...]
    symmetric: bool = False
    inverse: str = ""  # read from the other end: "has harmed"
    dated: bool = False  # from/to dates mean something (membership)


RELATIONS: dict[str, RelationKind] = {r.key: r for r in (
    RelationKind("sibling", "sibling of", ("child",), ("child",), symmetric=True),
    RelationKind("half_sibling", "half-sibling of", ("child",), ("child",), symmetric=True),
    RelationKind("friend", "friend of", ("child",), ("child",), symmetric=True),
    RelationKind("partner", "partner of", ("child",), ("child",), symmetric=True),
    RelationKind("harmed_by", "harmed by", ("child",), ("child",), inverse="has harmed"),
    RelationKind("member", "member of", ("child",), ("peer_group",), inverse="has member", dated=True),
    RelationKind("linked", "linked to", ("person_of_concern",), ("child", "place", "peer_group"),
                 inverse="linked to person of concern", dated=True),
    RelationKind("seen_at", "seen at", ("child",), ("place",), inverse="visited by"),
    RelationKind("lives_at", "lives at", ("child",), ("place",), inverse="home of"),
    RelationKind("goes_to_school_at", "goes to school at", ("child",), ("place",), inverse="school of"),
)}
RELATED = ("sibling", "half_sibling")  # "more than one unrelated child": siblings are related


def relations_between(kind_a: str, kind_b: str) -> list[RelationKind]:
    """The relations a subject of ``kind_a`` can have with one of ``kind_b`` (either direction)."""
    return [r for r in RELATIONS.values()
            if (kind_a in r.from_kinds and kind_b in r.to_kinds) or (kind_b in r.from_kinds and kind_a in r.to_kinds)]


@dataclass(frozen=True)
class LinkRow:
    id: int
    relation: str
    from_id: int
    from_name: str
    from_kind: str
    to_id: int
    to_name: str
    to_kind: str
    known: str
    source: str
    note: str
    from_date: date | None
    to_date: date | None
    note_id: int | None  # the note it was made from (column entry_id)

    def other(self, subject_id: int) -> tuple[int, str, str]:
        """(id, name, kind) of the end that is not ``subject_id``."""
        if self.from_id == subject_id:
            return self.to_id, self.to_name, self.to_kind
        return self.from_id, self.from_name, self.from_kind

    def phrase(self, subject_id: int | None = None) -> str:
        """"sibling of Ava Stone", "has harmed Kai Marlow", "member of Northside Crew (from 4 June 2026)"."""
        kind = RELATIONS.get(self.relation)
        words = kind.label if kind else self.relation
        if subject_id is not None and subject_id == self.to_id and kind and not kind.symmetric:
            words = kind.inverse or words
        other = self.other(subject_id)[1] if subject_id is not None else f"{self.from_name} → {self.to_name}"
        return f"{words} {other}{self.dates()}"

    def dates(self) -> str:
        if self.from_date and self.to_date:
            return f" ({format_date(self.from_date)} to {format_date(self.to_date)})"
        if self.from_date:
            return f" (from {format_date(self.from_date)})"
        if self.to_date:
            return f" (until {format_date(self.to_date)})"
        return ""


@dataclass(frozen=True)
class ConcernPrompt:
    """A person of concern linked to unrelated children discussed at different meetings."""

    person_id: int
    person_name: str
    children: tuple[tuple[int, str], ...]
    meetings: tuple[int, ...]
    unrelated_groups: int

    @property
    def message(self) -> str:
        names = ", ".join(name for _, name in self.children)
        return (f"{self.person_name} is linked to {self.unrelated_groups} unrelated children ({names}) discussed "
                f"at {len(self.meetings)} different meetings: consider whether a complex strategy meeting is "
                "needed (more than one unrelated child harmed from the same source).")


_LINK_COLUMNS = ("id", "relation", "from_subject_id", "to_subject_id", "known", "source", "note", "from_date",
                 "to_date", "entry_id")  # RelationService._rows reads these, in this order


class RelationService:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    # -- reading ----------------------------------------------------------------------------------
    def links_of(self, subject_id: int) -> list[LinkRow]:
        """Every link with ``subject_id`` at either end, by relation and the other subject's name."""
        with self._ctx.reading() as session:
            rows = self._rows(session, or_(col(SubjectLink.from_subject_id) == subject_id,
                                           col(SubjectLink.to_subject_id) == subject_id))
        return sorted(rows, key=lambda r: (r.relation, r.other(subject_id)[1].casefold(), r.id))

    def links_among(self, subject_ids: Iterable[int]) -> list[LinkRow]:
        """Links with both ends in ``subject_ids``."""
        ids = sorted(set(subject_ids))
        if not ids:
            return []
        with self._ctx.reading() as session:
            return self._rows(session, col(SubjectLink.from_subject_id).in_(ids), col(SubjectLink.to_subject_id).in_(ids))

    def links_touching(self, subject_ids: Iterable[int]) -> list[LinkRow]:
        """Links with at least one end in ``subject_ids``."""
        ids = sorted(set(subject_ids))
        if not ids:
            return []
        with self._ctx.reading() as session:
            return self._rows(session, or_(col(SubjectLink.from_subject_id).in_(ids), col(SubjectLink.to_subject_id).in_(ids)))

    def get(self, link_id: int) -> LinkRow:
        with self._ctx.reading() as session:
            rows = self._rows(session, SubjectLink.id == link_id)
        if not rows:
            raise NotFound("link", link_id)
        return rows[0]

    def connected_people(self, child_id: int) -> list[dict[str, str]]:
        """A child's relatives and carers, as recorded on the child (edited with the child)."""
        with self._ctx.reading() as session:
            child = session.get(Subject, child_id)
            if child is None:
                raise NotFound("subject", child_id)
            return [dict(p) for p in (child.connected_people or [])]

    def related_child_pairs(self, child_ids: Iterable[int] | None = None) -> set[tuple[int, int]]:
        """Pairs (smaller id first) of children known to be related: siblings and half-siblings, and
        through them (a sibling of a sibling is related too). With ``child_ids``, only pairs inside it.

        The input the domain rule "more than one unrelated child" takes (siblings are related)."""
        with self._ctx.reading() as session:
            return related_pairs(session, child_ids)

    def sibling_group(self, child_id: int) -> list[int]:
        """The child and every child related to it through siblings and half-siblings."""
        group = {child_id}
        for pair in self.related_child_pairs():
            if child_id in pair:
                group |= set(pair)
        return sorted(group)

    def unrelated_groups(self, child_ids: Iterable[int]) -> list[set[int]]:
        """``child_ids`` split into groups of related children: len() is the number of unrelated children."""
        ids = set(child_ids)
        import networkx as nx

        g: nx.Graph[int] = nx.Graph()
        g.add_nodes_from(ids)
        g.add_edges_from(self.related_child_pairs(ids))
        return [set(c) for c in nx.connected_components(g)]

    def persons_linked_to_unrelated_children(self, *, person_ids: Iterable[int] | None = None,
                                             minimum: int = 2) -> list[ConcernPrompt]:
        """Each person of concern linked to at least ``minimum`` unrelated children who were discussed
        at different meetings (no single meeting had them all): the chair should consider a complex
        strategy. Links are those recorded as data ("linked")."""
        with self._ctx.reading() as session:
            return concern_prompts(session, person_ids=person_ids, minimum=minimum)

    # -- changing ---------------------------------------------------------------------------------
    def add(self, a_id: int, b_id: int, relation: str, *, known: str = "", source: str = "", note: str = "",
            from_date: date | None = None, to_date: date | None = None, note_id: int | None = None) -> LinkRow:
        """Link two subjects. The ends are put the right way round for the relation (a child is the
        member of a group whichever was chosen first); a link already recorded is refused."""
        kind = RELATIONS.get(relation)
        if kind is None:
            raise ServiceError(f"Unknown relationship: {relation}.")
        if a_id == b_id:
            raise ServiceError("A subject cannot be linked to itself.")
        _check_dates(from_date, to_date)
        with self._ctx.transaction() as (session, audit):
            a, b = session.get(Subject, a_id), session.get(Subject, b_id)
            if a is None or b is None:
                raise NotFound("subject", a_id if a is None else b_id)
            if not (a.kind in kind.from_kinds and b.kind in kind.to_kinds):
                if b.kind in kind.from_kinds and a.kind in kind.to_kinds and not kind.symmetric \
                        and relation != "harmed_by":
                    a, b = b, a
                else:
                    raise ServiceError(f"“{kind.label}” does not join a {_kind_word(a.kind)} and a "
                                       f"{_kind_word(b.kind)}.")
            from_id, to_id = saved_id(a.id), saved_id(b.id)  # the ends the right way round
            if self._existing(session, from_id, to_id, kind) is not None:
                raise ServiceError(f"{a.name} is already recorded as {kind.label} {b.name}.")
            link = SubjectLink(from_subject_id=from_id, to_subject_id=to_id, relation=relation,
                               known=clean_text(known, "What is known"), source=clean_short(source, "Source"),
                               note=clean_short(note, "Note"), from_date=from_date, to_date=to_date, entry_id=note_id)
            session.add(link)
            session.flush()
            audit.created(link, summary=f"Recorded a relationship: {kind.label}")
            link_id = saved_id(link.id)
        return self.get(link_id)

    def update(self, link_id: int, **fields: Any) -> LinkRow:
        """Change what is known, the source, the note or the dates of a link."""
        from efh_desktop.services.audit import snapshot

        allowed = {"known", "source", "note", "from_date", "to_date"}
        unknown = set(fields) - allowed
        if unknown:
            raise ServiceError(f"Links have no field called {sorted(unknown)[0]}.")
        with self._ctx.transaction() as (session, audit):
            link = session.get(SubjectLink, link_id)
            if link is None:
                raise NotFound("link", link_id)
            before = snapshot(link)
            if "known" in fields:
                link.known = clean_text(fields["known"], "What is known")
            if "source" in fields:
                link.source = clean_short(fields["source"], "Source")
            if "note" in fields:
                link.note = clean_short(fields["note"], "Note")
            for name in ("from_date", "to_date"):
                if name in fields:
                    value = fields[name]
                    if value is not None and not isinstance(value, date):
                        raise ServiceError("Dates must be dates.")
                    setattr(link, name, value)
            _check_dates(link.from_date, link.to_date)
            session.add(link)
            audit.updated(link, before, summary="Changed a relationship")
        return self.get(link_id)

    def remove(self, link_id: int) -> None:
        with self._ctx.transaction() as (session, audit):
            link = session.get(SubjectLink, link_id)
            if link is None:
                raise NotFound("link", link_id)
            audit.deleted(link, summary=f"Removed a relationship: {link.relation.replace('_', ' ')}")
            session.delete(link)

    def link_from_note(self, note_id: int, a_id: int, b_id: int, relation: str, *, known: str = "") -> LinkRow:
        """"Link these": a relationship between two subjects a note is tagged with, its source the note
        (which meeting, which agency). What is known defaults to the note's own words."""
        with self._ctx.reading() as session:
            note = session.get(Note, note_id)
            if note is None:
                raise NotFound("note", note_id)
            tagged = set(session.exec(select(NoteSubject.subject_id).where(NoteSubject.entry_id == note_id)))
            meeting = session.get(Meeting, note.meeting_id)
        if not {a_id, b_id} <= tagged:
            raise ServiceError("Tag the note with both subjects first: “link these” links subjects the note is about.")
        meeting_type = self._ctx.profile.meeting_type(meeting.type_key).name if meeting else "meeting"
        when = format_date(meeting.starts_at) if meeting else ""
        source = f"Note at {meeting_type}, {when}" + (f" ({note.source_agency})" if note.source_agency else "")
        return self.add(a_id, b_id, relation, known=known or note.text[:2000], source=source[:200],
                        note_id=note_id)

    # -- helpers ----------------------------------------------------------------------------------
    @staticmethod
    def _existing(session: Session, a_id: int, b_id: int, kind: RelationKind) -> SubjectLink | None:
        ends = (SubjectLink.from_subject_id == a_id) & (SubjectLink.to_subject_id == b_id)
        if kind.symmetric:
            ends = ends | ((SubjectLink.from_subject_id == b_id) & (SubjectLink.to_subject_id == a_id))
        return session.exec(select(SubjectLink).where(ends, SubjectLink.relation == kind.key)).first()

    @staticmethod
    def _rows(session: Session, *where: Any) -> list[LinkRow]:
        # Plain columns, not ORM objects: the ecomap reads a few hundred links at a time.
        # sqlmodel's select() is typed for up to four columns: the ten are named, as SubjectService.list
        # names its columns, and the rows are unpacked into LinkRow's typed fields below.
        links = session.exec(select(*(getattr(SubjectLink, name) for name in _LINK_COLUMNS)).where(*where)).all()
        ids = sorted({i for link in links for i in (link[2], link[3])})
        subjects: dict[int, tuple[str, str]] = {}
        for start in range(0, len(ids), 500):  # SQLite's bound-parameter limit
            subjects.update({saved_id(sid): (name, kind) for sid, name, kind in session.exec(
                select(Subject.id, Subject.name, Subject.kind).where(col(Subject.id).in_(ids[start:start + 500])))})
        return [LinkRow(lid, relation, a, *subjects[a], b, *subjects[b], known, source, note, start_day, end_day,
                        entry)
                for lid, relation, a, b, known, source, note, start_day, end_day, entry in links]


def related_pairs(session: Session, child_ids: Iterable[int] | None = None) -> set[tuple[int, int]]:
    """``RelationService.related_child_pairs`` inside a session another service already has open
    (the practice rules read it in the same transaction as the meeting's other facts)."""
    pairs = session.exec(select(SubjectLink.from_subject_id, SubjectLink.to_subject_id)
                         .where(col(SubjectLink.relation).in_(RELATED))).all()
    import networkx as nx

    g: nx.Graph[int] = nx.Graph()
    g.add_edges_from(pairs)
    wanted = set(child_ids) if child_ids is not None else None
    out: set[tuple[int, int]] = set()
    for component in nx.connected_components(g):
        members = sorted(component if wanted is None else component & wanted)
        out |= {(a, b) for i, a in enumerate(members) for b in members[i + 1:]}
    return out


def concern_prompts(session: Session, *, person_ids: Iterable[int] | None = None,
                    minimum: int = 2) -> list[ConcernPrompt]:
    """``RelationService.persons_linked_to_unrelated_children`` inside a session another service
    already has open (set-up's findings read it with the meeting's other facts)."""
    query = select(Subject.id, Subject.name).where(Subject.kind == "person_of_concern")
    if person_ids is not None:
        query = query.where(col(Subject.id).in_(sorted(set(person_ids))))
    people = [(saved_id(pid), name) for pid, name in session.exec(query).all()]
    children: dict[int, dict[int, str]] = {}
    for person_id, _ in people:
        linked = session.exec(
            select(Subject.id, Subject.name).join(SubjectLink, or_(
                (col(SubjectLink.to_subject_id) == col(Subject.id)) & (col(SubjectLink.from_subject_id) == person_id),
                (col(SubjectLink.from_subject_id) == col(Subject.id)) & (col(SubjectLink.to_subject_id) == person_id)))
            .where(Subject.kind == "child")).all()
        children[person_id] = {saved_id(cid): cname for cid, cname in linked}
    all_children = sorted({c for found in children.values() for c in found})
    meetings_of: dict[int, set[int]] = {}
    if all_children:
        for meeting_id, subject_id in session.exec(
                select(MeetingSubject.meeting_id, MeetingSubject.subject_id)
                .where(col(MeetingSubject.subject_id).in_(all_children))):
            meetings_of.setdefault(subject_id, set()).add(meeting_id)
    related = related_pairs(session, all_children) if all_children else set()
    prompts = []
    for person_id, name in people:
        linked_children = children.get(person_id, {})
        if len(linked_children) < minimum:
            continue
        import networkx as nx

        g: nx.Graph[int] = nx.Graph()
        g.add_nodes_from(linked_children)
        g.add_edges_from((a, b) for a, b in related if a in linked_children and b in linked_children)
        groups = nx.number_connected_components(g)
        if groups < minimum:
            continue
        meetings: set[int] = set().union(*(meetings_of.get(c, set()) for c in linked_children))
        together = any(all(m in meetings_of.get(c, set()) for c in linked_children) for m in meetings)
        if together or len(meetings) < 2:
            continue
        prompts.append(ConcernPrompt(person_id, name,
                                     tuple(sorted(linked_children.items(), key=lambda kv: kv[1].casefold())),
                                     tuple(sorted(meetings)), groups))
    return prompts


def _check_dates(from_date: date | None, to_date: date | None) -> None:
    for value in (from_date, to_date):
        if value is not None and not isinstance(value, date):
            raise ServiceError("Dates must be dates.")
    if from_date and to_date and to_date < from_date:
        raise ServiceError("The “until” date is before the “from” date.")


def _kind_word(kind: str) -> str:
    return {"child": "child", "peer_group": "peer group", "place": "place",
            "person_of_concern": "person of concern"}.get(kind, kind)
