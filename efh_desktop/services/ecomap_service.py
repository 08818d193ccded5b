"""The ecomap from the database: a meeting's subjects and everything linked to them, or one child's
sibling group; hand-placed positions; the meeting pack's PDF page (initials only).

The ecomap is never part of a disclosure copy: nothing in export/redaction.py or the per-child copies
reads it, and the PDF page is its own file written through the one safe writer.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from sqlmodel import col, select

from efh_desktop.domain.ecomap import EcoEdge, Ecomap, EcoNode, layout
from efh_desktop.domain.name_folding import fold
from efh_desktop.domain.uk_dates import format_date
from efh_desktop.export.name_masking import unique_initials
from efh_desktop.services.context import AppContext, NotFound, ServiceError, saved_id
from efh_desktop.services.export_writer import ExportWriter
from efh_desktop.services.relation_service import RELATIONS, LinkRow, RelationService
from efh_desktop.store.tables import EcomapPosition, Meeting, MeetingSubject, Subject


class _Subject(NamedTuple):
    id: int
    kind: str
    name: str
    connected_people: list[dict[str, str]]


def _edge_label(link: LinkRow) -> str:
    kind = RELATIONS.get(link.relation)
    words = kind.label.replace(" of", "").replace(" to", "").replace(" at", "") if kind else link.relation
    if link.relation in ("seen_at", "lives_at", "goes_to_school_at", "harmed_by"):
        words = kind.label if kind else words
    return words + link.dates()


class EcomapService:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx
        self._relations = RelationService(ctx)

    def for_meeting(self, meeting_id: int, *, relatives: bool = True) -> Ecomap:
        """The meeting's subjects, every subject linked to one of them, and the children's relatives."""
        with self._ctx.reading() as session:
            meeting = session.get(Meeting, meeting_id)
            if meeting is None:
                raise NotFound("meeting", meeting_id)
            own = list(session.exec(select(MeetingSubject.subject_id).where(MeetingSubject.meeting_id == meeting_id)))
            title = f"{self._ctx.profile.meeting_type(meeting.type_key).name}, {format_date(meeting.starts_at)}"
        links = self._relations.links_touching(own)
        return self._build(f"meeting:{meeting_id}", f"Ecomap: {title}", set(own), links, relatives=relatives)

    def sibling_group(self, child_id: int, *, relatives: bool = True) -> Ecomap:
        """One child, the children related to it through siblings and half-siblings, and their
        relatives and carers ("ecomaps of sibling groups linked to Tier 1 young people")."""
        with self._ctx.reading() as session:
            child = session.get(Subject, child_id)
            if child is None:
                raise NotFound("subject", child_id)
            if child.kind != "child":
                raise ServiceError("A sibling group is drawn for a child.")
        group = self._relations.sibling_group(child_id)
        links = [link for link in self._relations.links_among(group) if link.relation in ("sibling", "half_sibling")]
        return self._build(f"siblings:{child_id}", "Sibling group", {child_id}, links, relatives=relatives,
                           extra=set(group))

    def _build(self, view: str, title: str, focus: set[int], links: list[LinkRow], *, relatives: bool,
               extra: set[int] | None = None) -> Ecomap:
        ids = set(focus) | (extra or set()) | {i for link in links for i in (link.from_id, link.to_id)}
        with self._ctx.reading() as session:
            # Four columns, not whole rows: the network of a busy meeting has dozens of subjects.
            subjects = sorted((_Subject(saved_id(sid), kind, name, list(people or []))
                               for sid, kind, name, people in session.exec(
                                   select(Subject.id, Subject.kind, Subject.name, Subject.connected_people)
                                   .where(col(Subject.id).in_(sorted(ids) or [0])))),
                              key=lambda s: (s.kind, s.name.casefold(), s.id))
            saved = {p.node: p for p in session.exec(select(EcomapPosition).where(EcomapPosition.view == view))}
        people: dict[str, tuple[str, str]] = {}  # folded name -> (node key, name): one node per person
        ties: list[tuple[int, str, str]] = []  # (child id, node key, relationship)
        if relatives:
            for s in subjects:
                if s.kind == "child":
                    for n, person in enumerate(s.connected_people):
                        name = person.get("name", "")
                        # The same mother of two siblings is one person, joined to both.
                        key, _ = people.setdefault(fold(name), (f"r{s.id}:{n}", name))
                        ties.append((s.id, key, person.get("relationship", "") or "relative"))
        names = [s.name for s in subjects] + [name for _, name in people.values()]
        marks = unique_initials(names)
        nodes = [EcoNode(f"s{s.id}", s.kind, s.name, marks[i], s.id, (s.id in focus))
                 for i, s in enumerate(subjects)]
        offset = len(subjects)
        nodes += [EcoNode(key, "relative", name, marks[offset + i]) for i, (key, name) in enumerate(people.values())]
        edges = [EcoEdge(f"s{link.from_id}", f"s{link.to_id}", link.relation, _edge_label(link)) for link in links]
        edges += [EcoEdge(f"s{child}", key, "relative", relationship) for child, key, relationship in ties]
        keys = {n.key for n in nodes}
        ecomap = Ecomap(view, title, nodes, [e for e in edges if e.a in keys and e.b in keys])
        ecomap.positions = {k: (p.x, p.y) for k, p in saved.items() if k in keys}
        ecomap.pinned = set(ecomap.positions)
        return layout(ecomap)

    def save_position(self, view: str, node: str, x: float, y: float) -> None:
        """A node moved by hand stays where it was put, for this view."""
        if not (len(view) <= 64 and len(node) <= 64 and view and node):
            raise ServiceError("That ecomap node cannot be saved.")
        with self._ctx.transaction() as (session, audit):
            row = session.exec(select(EcomapPosition).where(EcomapPosition.view == view,
                                                            EcomapPosition.node == node)).first()
            if row is None:
                row = EcomapPosition(view=view, node=node, x=float(x), y=float(y))
                session.add(row)
                session.flush()
                audit.created(row, summary="Placed an ecomap node by hand")
            else:
                row.x, row.y, row.updated_at = float(x), float(y), self._ctx.clock.now()
                session.add(row)
                audit.event("update", "ecomap_position", row.id, summary="Moved an ecomap node")

    def reset_positions(self, view: str) -> None:
        with self._ctx.transaction() as (session, audit):
            rows = list(session.exec(select(EcomapPosition).where(EcomapPosition.view == view)))
            for row in rows:
                session.delete(row)
            audit.event("delete", "ecomap_position", None, summary="Ecomap laid out again automatically",
                        changes={"nodes": len(rows)})

    def write_pdf(self, meeting_id: int, out_path: Path, *, overwrite: bool = False) -> Path:
        """The meeting pack's ecomap page: initials only, whatever the window shows."""
        from efh_desktop.export.ecomap_pdf import render_ecomap_pdf

        writer = ExportWriter(self._ctx)
        writer.check(out_path, overwrite=overwrite)
        ecomap = self.for_meeting(meeting_id)
        data = render_ecomap_pdf(ecomap, marking=self._ctx.profile.protective_marking)
        return writer.write(out_path, data, entity="ecomap_pdf", entity_id=meeting_id, meeting_id=meeting_id,
                            overwrite=overwrite, summary="Ecomap page for the meeting pack (initials only)")
