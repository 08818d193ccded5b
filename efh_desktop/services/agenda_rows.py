"""Writing a planned agenda (from a template) as rows: shared by meeting creation and templates."""

from __future__ import annotations

from sqlmodel import Session

from efh_desktop.domain.agenda_plan import PlannedItem
from efh_desktop.store.tables import AgendaItem


def insert_planned(session: Session, meeting_id: int, items: list[PlannedItem], parent_id: int | None) -> None:
    for position, planned in enumerate(items):
        row = AgendaItem(meeting_id=meeting_id, parent_id=parent_id, position=position, title=planned.title,
                         template_key=planned.template_key, subject_id=planned.subject_id,
                         planned_minutes=planned.minutes)
        session.add(row)
        session.flush()
        insert_planned(session, meeting_id, planned.children, row.id)
