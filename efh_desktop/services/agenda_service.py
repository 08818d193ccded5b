"""Use cases for building a meeting's agenda: add, rename, time, remove, reorder and nest items,
snapshots for undo, and agendas saved as templates for a meeting type.

Every change is one transaction with its audit event. Positions are kept dense (0, 1, 2…) among
siblings so "move up" and "indent" are simple and predictable.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, delete, select

from efh_desktop.domain.agenda_plan import PlannedItem, SubjectRef, plan_agenda
from efh_desktop.domain.agenda_timing import AgendaTiming, plan_times
from efh_desktop.domain.text_rules import clean_name
from efh_desktop.services.agenda_rows import insert_planned
from efh_desktop.services.audit import Audit
from efh_desktop.services.context import AppContext, NotFound, ServiceError, saved_id
from efh_desktop.services.meeting_guard import editable_meeting
from efh_desktop.store.tables import AgendaItem, AgendaTemplate, Meeting, MeetingSubject, Subject

MAX_MINUTES = 600


@dataclass(frozen=True)
class AgendaNode:
    id: int
    parent_id: int | None
    position: int
    title: str
    planned_minutes: int
    subject_id: int | None
    template_key: str
    depth: int
    number: str  # "3" or "3.2", as printed


def ordered_nodes(rows: list[AgendaItem]) -> list[AgendaNode]:
    children: dict[int | None, list[AgendaItem]] = {}
    for row in rows:
        children.setdefault(row.parent_id, []).append(row)
    for siblings in children.values():
        siblings.sort(key=lambda r: (r.position, r.id))
    out: list[AgendaNode] = []

    def walk(parent: int | None, depth: int, prefix: str) -> None:
        for n, row in enumerate(children.get(parent, []), 1):
            number = f"{prefix}{n}"
            out.append(AgendaNode(saved_id(row.id), row.parent_id, row.position, row.title, row.planned_minutes,
                                  row.subject_id, row.template_key, depth, number))
            walk(row.id, depth + 1, number + ".")

    walk(None, 0, "")
    return out


class AgendaService:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    # -- reading ----------------------------------------------------------------------------------
    def tree(self, meeting_id: int) -> list[AgendaNode]:
        with self._ctx.reading() as session:
            return ordered_nodes(list(session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id))))

    def timing(self, meeting_id: int) -> AgendaTiming:
        with self._ctx.reading() as session:
            meeting = session.get(Meeting, meeting_id)
            if meeting is None:
                raise NotFound("meeting", meeting_id)
            nodes = ordered_nodes(list(session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id))))
        return plan_times(meeting.starts_at, meeting.ends_at, [(n.id, n.parent_id, n.planned_minutes) for n in nodes])

    # -- editing ----------------------------------------------------------------------------------
    def add(self, meeting_id: int, title: str, *, parent_id: int | None = None, after_id: int | None = None,
            minutes: int = 5, subject_id: int | None = None) -> int:
        """Add an item under ``parent_id``, just after sibling ``after_id`` (or at the end)."""
        title = clean_name(title, "Item title")
        minutes = _check_minutes(minutes)
        with self._ctx.transaction() as (session, audit):
            editable_meeting(session, meeting_id)
            if parent_id is not None:
                self._item(session, parent_id, meeting_id)
            siblings = self._siblings(session, meeting_id, parent_id)
            index = len(siblings)
            if after_id is not None:
                index = next((i + 1 for i, s in enumerate(siblings) if s.id == after_id), len(siblings))
            item = AgendaItem(meeting_id=meeting_id, parent_id=parent_id, title=title, planned_minutes=minutes,
                              subject_id=subject_id, position=index)
            siblings.insert(index, item)
            session.add(item)
            self._renumber(session, siblings)
            audit.created(item, summary="Added agenda item")
            return saved_id(item.id)

    def rename(self, item_id: int, title: str) -> None:
        self._change(item_id, "Renamed agenda item", title=clean_name(title, "Item title"))

    def set_minutes(self, item_id: int, minutes: int) -> None:
        self._change(item_id, "Changed planned minutes", planned_minutes=_check_minutes(minutes))

    def remove(self, item_id: int) -> None:
        with self._ctx.transaction() as (session, audit):
            item = self._item(session, item_id)
            editable_meeting(session, item.meeting_id)
            meeting_id, parent_id = item.meeting_id, item.parent_id
            doomed = [*self._descendants(session, item), item]
            for row in doomed:
                audit.deleted(row, summary="Removed agenda item")
            # One statement: the ORM does not know items nest, and might delete a parent first and
            # then find its children already gone (ON DELETE CASCADE).
            session.exec(delete(AgendaItem).where(col(AgendaItem.id).in_([r.id for r in doomed])))
            for row in doomed:
                session.expunge(row)
            self._renumber(session, self._siblings(session, meeting_id, parent_id))

    def move_by(self, item_id: int, step: int) -> bool:
        """Move an item up (-1) or down (+1) among its siblings. False when it is already at the end."""
        with self._ctx.transaction() as (session, audit):
            item = self._item(session, item_id)
            editable_meeting(session, item.meeting_id)
            siblings = self._siblings(session, item.meeting_id, item.parent_id)
            index = next(i for i, s in enumerate(siblings) if s.id == item_id)
            target = index + step
            if not 0 <= target < len(siblings):
                return False
            siblings.insert(target, siblings.pop(index))
            self._renumber(session, siblings)
            audit.event("update", "agenda_item", item_id, meeting_id=item.meeting_id, summary="Moved agenda item",
                        changes={"position": [index, target]})
            return True

    def indent(self, item_id: int) -> bool:
        """Make the item the last sub-item of the sibling above it."""
        with self._ctx.transaction() as (session, audit):
            item = self._item(session, item_id)
            editable_meeting(session, item.meeting_id)
            siblings = self._siblings(session, item.meeting_id, item.parent_id)
            index = next(i for i, s in enumerate(siblings) if s.id == item_id)
            if index == 0:
                return False
            new_parent = siblings[index - 1]
            self._reparent(session, audit, item, new_parent.id, len(self._siblings(session, item.meeting_id,
                                                                                   new_parent.id)))
            return True

    def outdent(self, item_id: int) -> bool:
        """Make a sub-item the next item after its parent."""
        with self._ctx.transaction() as (session, audit):
            item = self._item(session, item_id)
            editable_meeting(session, item.meeting_id)
            if item.parent_id is None:
                return False
            parent = self._item(session, item.parent_id)
            self._reparent(session, audit, item, parent.parent_id, parent.position + 1)
            return True

    def move_to(self, item_id: int, parent_id: int | None, position: int) -> None:
        """Drag and drop: put the item under ``parent_id`` at ``position`` among its new siblings."""
        with self._ctx.transaction() as (session, audit):
            item = self._item(session, item_id)
            editable_meeting(session, item.meeting_id)
            if parent_id is not None:
                parent = self._item(session, parent_id, item.meeting_id)
                if parent.id == item.id or parent.id in {d.id for d in self._descendants(session, item)}:
                    raise ServiceError("An item cannot be moved inside itself.")
            self._reparent(session, audit, item, parent_id, position)

    # -- undo support -----------------------------------------------------------------------------
    def snapshot(self, meeting_id: int) -> list[dict[str, Any]]:
        with self._ctx.reading() as session:
            rows = session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id))
            return [{"id": r.id, "parent_id": r.parent_id, "position": r.position, "title": r.title,
                     "planned_minutes": r.planned_minutes, "subject_id": r.subject_id,
                     "template_key": r.template_key} for r in rows]

    def restore(self, meeting_id: int, snapshot: list[dict[str, Any]], summary: str = "Undo agenda change") -> None:
        """Make the agenda exactly as in ``snapshot``, keeping item ids (notes may point at them)."""
        wanted = {row["id"]: row for row in snapshot}
        with self._ctx.transaction() as (session, audit):
            editable_meeting(session, meeting_id)
            current = {r.id: r for r in session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id))}
            unwanted = set(current) - set(wanted)
            if unwanted:
                session.exec(delete(AgendaItem).where(col(AgendaItem.id).in_(unwanted)))
                for item_id in unwanted:
                    session.expunge(current.pop(item_id))
            # Parents before children, so foreign keys hold at every step.
            for row in sorted(wanted.values(), key=lambda r: _depth(r, wanted)):
                item = current.get(row["id"]) or AgendaItem(id=row["id"], meeting_id=meeting_id, title=row["title"])
                for key, value in row.items():
                    setattr(item, key, value)
                session.add(item)
                session.flush()
            audit.event("update", "agenda", meeting_id, meeting_id=meeting_id, summary=summary,
                        changes={"items": len(snapshot)})

    # -- templates --------------------------------------------------------------------------------
    def save_as_template(self, meeting_id: int, name: str) -> AgendaTemplate:
        name = clean_name(name, "Template name")
        nodes = self.tree(meeting_id)
        by_parent: dict[int | None, list[AgendaNode]] = {}
        for node in nodes:
            by_parent.setdefault(node.parent_id, []).append(node)

        def items(parent: int | None) -> list[dict[str, Any]]:
            return [{"title": n.title, "minutes": n.planned_minutes, "template_key": n.template_key,
                     "per_subject": self._per_subject_kind(n), "children": items(n.id)}
                    for n in by_parent.get(parent, [])]

        with self._ctx.transaction() as (session, audit):
            meeting = session.get(Meeting, meeting_id)
            if meeting is None:
                raise NotFound("meeting", meeting_id)
            template = AgendaTemplate(type_key=meeting.type_key, name=name, items=_collapse_per_subject(items(None)),
                                      created_by=self._ctx.actor)
            session.add(template)
            audit.created(template, summary="Saved agenda as a template")
        return template

    def templates(self, type_key: str) -> list[AgendaTemplate]:
        with self._ctx.reading() as session:
            return list(session.exec(select(AgendaTemplate).where(AgendaTemplate.type_key == type_key)
                                     .order_by(AgendaTemplate.name)))

    def apply_template(self, meeting_id: int, template_id: int | None) -> None:
        """Replace the agenda with the profile's template for the type (None) or a saved one."""
        with self._ctx.transaction() as (session, audit):
            meeting = editable_meeting(session, meeting_id)
            refs = [SubjectRef(saved_id(s.id), s.kind, s.name) for s in session.exec(
                select(Subject).join(MeetingSubject, col(MeetingSubject.subject_id) == col(Subject.id))
                .where(col(MeetingSubject.meeting_id) == meeting_id).order_by(col(MeetingSubject.position)))]
            if template_id is None:
                planned = plan_agenda(self._ctx.profile.meeting_type(meeting.type_key).agenda, refs)
            else:
                template = session.get(AgendaTemplate, template_id)
                if template is None:
                    raise NotFound("agenda template", template_id)
                planned = _plan_from_saved(template.items, refs)
            for row in session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id,
                                                             AgendaItem.parent_id == None)):  # noqa: E711
                session.delete(row)  # sub-items go with their parents (ON DELETE CASCADE)
            session.flush()
            insert_planned(session, meeting_id, planned, None)
            audit.event("update", "agenda", meeting_id, meeting_id=meeting_id,
                        summary="Agenda rebuilt from a template", changes={"template_id": template_id})

    # -- helpers ----------------------------------------------------------------------------------
    def _per_subject_kind(self, node: AgendaNode) -> str | None:
        if node.subject_id is None:
            return None
        with self._ctx.reading() as session:
            subject = session.get(Subject, node.subject_id)
            return subject.kind if subject else None

    def _change(self, item_id: int, summary: str, **fields: Any) -> None:
        from efh_desktop.services.audit import snapshot

        with self._ctx.transaction() as (session, audit):
            item = self._item(session, item_id)
            editable_meeting(session, item.meeting_id)
            before = snapshot(item)
            for key, value in fields.items():
                setattr(item, key, value)
            session.add(item)
            audit.updated(item, before, summary=summary)

    @staticmethod
    def _item(session: Session, item_id: int, meeting_id: int | None = None) -> AgendaItem:
        item = session.get(AgendaItem, item_id)
        if item is None or (meeting_id is not None and item.meeting_id != meeting_id):
            raise NotFound("agenda item", item_id)
        return item

    @staticmethod
    def _siblings(session: Session, meeting_id: int, parent_id: int | None) -> list[AgendaItem]:
        query = select(AgendaItem).where(AgendaItem.meeting_id == meeting_id,
                                         AgendaItem.parent_id == parent_id if parent_id is not None
                                         else AgendaItem.parent_id == None)  # noqa: E711
        return sorted(session.exec(query), key=lambda r: (r.position, r.id or 0))

    def _descendants(self, session: Session, item: AgendaItem) -> list[AgendaItem]:
        out: list[AgendaItem] = []
        for child in self._siblings(session, item.meeting_id, item.id):
            out += self._descendants(session, child) + [child]
        return out

    @staticmethod
    def _renumber(session: Session, siblings: list[AgendaItem]) -> None:
        for position, sibling in enumerate(siblings):
            if sibling.position != position:
                sibling.position = position
                session.add(sibling)
        session.flush()

    def _reparent(self, session: Session, audit: Audit, item: AgendaItem, parent_id: int | None, position: int) -> None:
        old_parent = item.parent_id
        old = [s for s in self._siblings(session, item.meeting_id, old_parent) if s.id != item.id]
        self._renumber(session, old)
        new = [s for s in self._siblings(session, item.meeting_id, parent_id) if s.id != item.id]
        position = max(0, min(position, len(new)))
        item.parent_id = parent_id
        new.insert(position, item)
        self._renumber(session, new)
        session.add(item)
        audit.event("update", "agenda_item", item.id, meeting_id=item.meeting_id, summary="Moved agenda item",
                    changes={"parent_id": [old_parent, parent_id], "position": position})


def _check_minutes(minutes: int) -> int:
    if not isinstance(minutes, int) or not 0 <= minutes <= MAX_MINUTES:
        raise ServiceError(f"Planned minutes must be a whole number from 0 to {MAX_MINUTES}.")
    return minutes


def _depth(row: dict[str, Any], rows: dict[int, dict[str, Any]]) -> int:
    depth, parent = 0, row["parent_id"]
    while parent is not None and parent in rows and depth < 50:
        depth, parent = depth + 1, rows[parent]["parent_id"]
    return depth


def _collapse_per_subject(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """In a saved template, consecutive items about subjects of one kind become one per-subject item
    (titled by its first part, "Child"), so the template fits any future mix of subjects."""
    out: list[dict[str, Any]] = []
    for item in items:
        kind = item.get("per_subject")
        if kind and out and out[-1].get("per_subject") == kind:
            continue
        if kind:
            item = {**item, "title": item["title"].split(":")[0].strip() or item["title"]}
        out.append({**item, "children": _collapse_per_subject(item["children"])})
    return out


def _plan_from_saved(items: list[dict[str, Any]], subjects: list[SubjectRef]) -> list[PlannedItem]:
    out: list[PlannedItem] = []
    for item in items:
        kind = item.get("per_subject")
        if kind:
            for subject in (s for s in subjects if s.kind == kind):
                out.append(PlannedItem(f"{item['title']}: {subject.name}", int(item.get("minutes", 0)),
                                       item.get("template_key", ""), subject.id,
                                       _plan_from_saved(item.get("children", []), [subject])))
        else:
            out.append(PlannedItem(item["title"], int(item.get("minutes", 0)), item.get("template_key", ""), None,
                                   _plan_from_saved(item.get("children", []), subjects)))
    return out
