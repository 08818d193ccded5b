"""The agenda as plain data: what a printed or PDF agenda shows, already redacted.

``build_agenda_document`` reads a meeting's ORM rows (it never changes them) and returns frozen
dataclasses holding only display text. With ``initials_only`` every child's name and aliases are
replaced by the child's initials here, before any renderer sees the text, so a renderer cannot leak
what it is never given (the house rule: redaction on the document data).

Planned times follow ``domain.agenda_timing``: items run in reading order, a parent item's own
minutes cover its own discussion and come first, then its sub-items follow in order. So in the
demo agenda "4 Peer group" starts at 10:35am with 10 minutes, "4.1" starts at 10:45am and "4.2" at
10:50am, and item 5 starts when 4.2 ends. The Minutes column shows each item's own minutes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from efh_desktop.domain.agenda_timing import plan_times
from efh_desktop.domain.uk_dates import format_date, format_time, format_time_range
from efh_desktop.export.name_masking import ChildMasker, unique_initials

DEFAULT_MARKING = "OFFICIAL-SENSITIVE"
INITIALS_NOTE = "Children are shown by initials only."

# Display order of subject kinds; labels are passed in by the service (one source of wording) and
# these are only the fallback for a kind the caller did not label.
_KIND_ORDER = ("child", "peer_group", "place", "person_of_concern")


@dataclass(frozen=True)
class SubjectLine:
    kind_label: str
    name: str
    aliases: tuple[str, ...] = ()  # empty for a child when initials_only


@dataclass(frozen=True)
class AgendaLine:
    number: str  # "4" or "4.1", as printed
    title: str
    minutes: int  # the item's own planned minutes
    starts_text: str  # planned start in UK time, e.g. "10:20am"
    depth: int  # 0 for a top-level item


@dataclass(frozen=True)
class AttendeeLine:
    name: str
    role: str
    agency: str
    status_label: str


@dataclass(frozen=True)
class AgendaDocument:
    title: str
    type_name: str
    date_text: str
    time_text: str
    venue: str
    chair_text: str
    minute_taker: str
    police_operation: str
    subjects: tuple[SubjectLine, ...]
    items: tuple[AgendaLine, ...]
    attendees: tuple[AttendeeLine, ...]
    initials_only: bool
    marking: str = DEFAULT_MARKING

    @property
    def metadata_title(self) -> str:
        """For the PDF's document properties: built from the profile's type name and the date only,
        never from free text a user typed (which could hold a child's name)."""
        return f"Agenda: {self.type_name}, {self.date_text}"


def build_agenda_document(meeting: Any, type_name: str, chair_role_label: str, subjects: Sequence[Any],
                          agenda_items: Sequence[Any], attendees: Sequence[Any], *, initials_only: bool,
                          kind_labels: Mapping[str, str] | None = None,
                          status_labels: Mapping[str, str] | None = None,
                          marking: str = DEFAULT_MARKING) -> AgendaDocument:
    """Build the agenda document from a ``Meeting``, its ``Subject`` rows (in meeting order), its
    ``AgendaItem`` rows (any order) and its ``Attendee`` rows (in register order).

    ``kind_labels`` and ``status_labels`` map stored keys to the wording shown (the services'
    ``KIND_LABELS`` and ``ATTENDANCE_LABELS``); an unknown key is shown tidied up, never dropped.
    """
    children = [s for s in subjects if s.kind == "child"]
    text: Callable[[str], str] = _same
    person: Callable[[str], str] = _same
    initials_of: dict[int, str] = {}
    if initials_only and children:
        replacements = unique_initials(c.name for c in children)
        masked = [(c.name, tuple(c.aliases or ()), r) for c, r in zip(children, replacements, strict=True)]
        # Free text gets every rule; a professional's name only loses a child's full name or alias,
        # so "Alex Brannigan" keeps "Alex" even when a child is called Alex.
        text = ChildMasker(masked, name_parts=True)
        person = ChildMasker(masked, name_parts=False)
        initials_of = {id(c): r for c, r in zip(children, replacements, strict=True)}

    subject_lines = []
    order = {kind: n for n, kind in enumerate(_KIND_ORDER)}
    for subject in sorted(subjects, key=lambda s: order.get(s.kind, len(order))):  # stable: keeps meeting order
        label = _label(kind_labels, subject.kind)
        if initials_only and subject.kind == "child":
            subject_lines.append(SubjectLine(label, initials_of[id(subject)]))
        else:
            subject_lines.append(SubjectLine(label, text(subject.name),
                                             tuple(text(a) for a in subject.aliases or ())))

    chair_name = person(meeting.chair_name or "")
    chair_text = ", ".join(p for p in (chair_name, text(chair_role_label or "")) if p)
    return AgendaDocument(
        title=text(meeting.title or "") or type_name,
        type_name=type_name,
        date_text=format_date(meeting.starts_at),
        time_text=format_time_range(meeting.starts_at, meeting.ends_at),
        venue=text(meeting.venue or ""),
        chair_text=chair_text,
        minute_taker=person(meeting.minute_taker or ""),
        police_operation=text(meeting.police_operation or ""),
        subjects=tuple(subject_lines),
        items=tuple(_agenda_lines(meeting, agenda_items, text)),
        attendees=tuple(AttendeeLine(person(a.name), text(a.role or ""), text(a.agency or ""),
                                     _label(status_labels, a.status)) for a in attendees),
        initials_only=initials_only,
        marking=marking,
    )


def _agenda_lines(meeting: Any, rows: Iterable[Any], text: Callable[[str], str]) -> list[AgendaLine]:
    rows = list(rows)
    ids = {row.id for row in rows}
    children: dict[int | None, list[Any]] = {}
    for row in rows:
        # An item whose parent is missing is shown at the end of the top level rather than lost.
        children.setdefault(row.parent_id if row.parent_id in ids else None, []).append(row)
    for siblings in children.values():
        siblings.sort(key=lambda r: (r.parent_id is not None and r.parent_id not in ids, r.position, r.id or 0))
    ordered: list[tuple[Any, str, int]] = []  # (row, number, depth) in reading order

    def walk(parent_id: int | None, prefix: str, depth: int) -> None:
        for n, row in enumerate(children.get(parent_id, []), 1):
            number = f"{prefix}{n}"
            ordered.append((row, number, depth))
            walk(row.id, number + ".", depth + 1)

    walk(None, "", 0)
    timing = plan_times(meeting.starts_at, meeting.ends_at,
                        [(row.id, row.parent_id, row.planned_minutes or 0) for row, _n, _d in ordered])
    return [AgendaLine(number=number, title=text(row.title), minutes=max(0, row.planned_minutes or 0),
                       starts_text=format_time(timing.items[row.id].starts), depth=depth)
            for row, number, depth in ordered]


def _label(labels: Mapping[str, str] | None, key: str) -> str:
    if labels and key in labels:
        return labels[key]
    return (key or "").replace("_", " ").capitalize()


def _same(value: str) -> str:
    return value
