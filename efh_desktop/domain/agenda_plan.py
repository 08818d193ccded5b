"""Turn a meeting type's agenda template into a concrete agenda for a meeting's subjects.

Template items marked ``per_subject`` become one item per subject of that kind (for example one
item per peer group), titled with the subject's name. Pure data in, pure data out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from efh_desktop.domain.profile import AgendaTemplateItem


@dataclass(frozen=True)
class SubjectRef:
    id: int
    kind: str
    name: str


@dataclass
class PlannedItem:
    title: str
    minutes: int
    template_key: str = ""
    subject_id: int | None = None
    children: list[PlannedItem] = field(default_factory=list)


def plan_agenda(template: Iterable[AgendaTemplateItem], subjects: Iterable[SubjectRef]) -> list[PlannedItem]:
    subjects = list(subjects)
    out: list[PlannedItem] = []
    for item in template:
        if item.per_subject:
            for subject in (s for s in subjects if s.kind == item.per_subject):
                out.append(PlannedItem(title=f"{item.title}: {subject.name}", minutes=item.minutes,
                                       template_key=item.key, subject_id=subject.id,
                                       children=plan_agenda(item.children, [subject])))
        else:
            out.append(PlannedItem(title=item.title, minutes=item.minutes, template_key=item.key,
                                   children=plan_agenda(item.children, subjects)))
    return out
