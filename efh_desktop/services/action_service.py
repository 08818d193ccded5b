"""Actions across meetings: the tracker's rows, every action's history through a series, and
carrying open actions into the next meeting.

An action carried into the next meeting becomes a new row there (so each meeting's minutes keep
what was said at the time) pointing at the first row of its chain through ``origin_action_id``.
"All actions" shows the newest row of each chain.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import or_
from sqlmodel import Session, col, select

from efh_desktop.services.context import AppContext, NotFound, saved_id
from efh_desktop.store.tables import Action, ActionSubject, Meeting, Subject

_DISTINCT_AGENCIES = (
    "WITH RECURSIVE seen(agency) AS ("
    " SELECT (SELECT min(agency) FROM action WHERE agency > '')"
    " UNION ALL"
    " SELECT (SELECT min(agency) FROM action WHERE agency > seen.agency) FROM seen WHERE seen.agency IS NOT NULL)"
    " SELECT agency FROM seen WHERE agency IS NOT NULL"
)

_ROW_COLUMNS = (Action.id, Action.meeting_id, Action.origin_action_id, Action.description, Action.owner, Action.agency,
                Action.due_date, Action.category, Action.status, Action.not_done_reason, Action.completion_note)

STATUS_LABELS = {"open": "Open", "done": "Done", "not_done": "Not done"}


@dataclass(frozen=True)
class ActionRow:
    id: int
    meeting_id: int
    meeting_title: str
    meeting_date: datetime
    description: str
    owner: str
    agency: str
    due_date: date | None
    category: str
    status: str
    not_done_reason: str
    completion_note: str
    subjects: tuple[str, ...]
    origin_id: int  # the first row of this action's chain (its own id when never carried)

    def overdue(self, today: date) -> bool:
        return self.status == "open" and self.due_date is not None and self.due_date < today

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


@dataclass(frozen=True)
class ActionDetails:
    """What the action dialog shows and changes: a copy, never the table row."""

    id: int
    meeting_id: int
    description: str
    owner: str
    agency: str
    due_date: date | None
    completion_note: str


class ActionService:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    def rows(self, *, meeting_id: int | None = None, agency: str | None = None, subject_id: int | None = None,
             status: str | None = None, latest_only: bool = True, today: date | None = None,
             chain_of: int | None = None) -> list[ActionRow]:
        """Actions with their meeting and subjects; overdue first, then by due date (no date last).

        ``latest_only`` keeps one row per chain (the newest meeting's), so an action carried
        through four meetings is listed once, as it stands now. ``chain_of`` (the first row's id)
        keeps one chain's rows only, found by index rather than by reading every action.
        """
        today = today or self._ctx.clock.today()
        with self._ctx.reading() as session:
            # Plain columns, not ORM objects: the tracker lists every action in the store, and
            # building an identity-mapped object per row cost more than the query itself.
            query = select(*_ROW_COLUMNS, Meeting.title, Meeting.starts_at).join(  # type: ignore[call-overload]  # four columns at most
                Meeting, col(Meeting.id) == col(Action.meeting_id))
            if meeting_id is not None:
                query = query.where(Action.meeting_id == meeting_id)
            if agency:
                query = query.where(Action.agency == agency)
            if status:
                query = query.where(Action.status == status)
            if chain_of is not None:
                query = query.where(or_(col(Action.id) == chain_of, col(Action.origin_action_id) == chain_of))
            if subject_id is not None:
                query = query.where(col(Action.id).in_(select(col(ActionSubject.action_id))
                                                  .where(ActionSubject.subject_id == subject_id)))
            found = list(session.exec(query))
            names = self._subject_names(session, [r[0] for r in found])
        rows = [ActionRow(aid, mid, title, starts, description, owner, agency, due, category, status, reason, note,
                          tuple(names.get(aid, ())), origin or aid)
                for (aid, mid, origin, description, owner, agency, due, category, status, reason, note, title,
                     starts) in found]
        if latest_only and meeting_id is None and chain_of is None:
            newest: dict[int, ActionRow] = {}
            for row in rows:
                kept = newest.get(row.origin_id)
                if kept is None or (row.meeting_date, row.id) > (kept.meeting_date, kept.id):
                    newest[row.origin_id] = row
            rows = list(newest.values())
        return sorted(rows, key=lambda r: (not r.overdue(today), r.status != "open",
                                           r.due_date is None, r.due_date or date.max, r.id))

    def agencies(self) -> list[str]:
        """The agencies actions have been given to, A to Z. Runs whenever a meeting is opened, so it
        steps through the agency index one distinct value at a time (a "loose index scan": a few
        look-ups per agency) instead of reading an index entry for every action ever recorded."""
        with self._ctx.reading() as session:
            return [row[0] for row in session.connection().exec_driver_sql(_DISTINCT_AGENCIES)]

    def history(self, action_id: int) -> list[ActionRow]:
        """Every row of this action's chain, oldest meeting first."""
        with self._ctx.reading() as session:
            action = session.get(Action, action_id)
            if action is None:
                raise NotFound("action", action_id)
            origin = action.origin_action_id or action.id
        chain = self.rows(latest_only=False, chain_of=origin)
        return sorted(chain, key=lambda r: (r.meeting_date, r.id))

    def details(self, action_id: int) -> ActionDetails:
        with self._ctx.reading() as session:
            action = session.get(Action, action_id)
            if action is None:
                raise NotFound("action", action_id)
            return ActionDetails(action_id, action.meeting_id, action.description, action.owner, action.agency,
                                 action.due_date, action.completion_note)

    @staticmethod
    def _subject_names(session: Session, action_ids: list[int]) -> dict[int, list[str]]:
        out: dict[int, list[str]] = {}
        if len(action_ids) > 5000:
            # Most of the store: one pass over the tags beats thousands of look-ups in chunks.
            wanted = set(action_ids)
            for action_id, name in session.exec(
                    select(col(ActionSubject.action_id), col(Subject.name)).join(Subject, col(Subject.id) == col(ActionSubject.subject_id))):
                if action_id in wanted:
                    out.setdefault(action_id, []).append(name)
            return out
        for start in range(0, len(action_ids), 500):  # SQLite's bound-parameter limit
            chunk = action_ids[start:start + 500]
            for action_id, name in session.exec(
                    select(col(ActionSubject.action_id), col(Subject.name)).join(Subject, col(Subject.id) == col(ActionSubject.subject_id))
                    .where(col(ActionSubject.action_id).in_(chunk))):
                out.setdefault(action_id, []).append(name)
        return out


def carry_open_actions(session: Session, previous_meeting_id: int, new_meeting_id: int,
                       review_item_id: int | None) -> list[Action]:
    """Copy the previous meeting's open actions into the new one, under "review of previous actions",
    each pointing at the first row of its chain, with the same subjects."""
    carried = []
    for old in session.exec(select(Action).where(Action.meeting_id == previous_meeting_id, Action.status == "open")
                            .order_by(col(Action.due_date), col(Action.id))):
        new = Action(meeting_id=new_meeting_id, agenda_item_id=review_item_id,
                     origin_action_id=old.origin_action_id or old.id, description=old.description, owner=old.owner,
                     agency=old.agency, due_date=old.due_date, category=old.category, author=old.author)
        session.add(new)
        session.flush()
        for subject_id in session.exec(select(ActionSubject.subject_id).where(ActionSubject.action_id == old.id)):
            session.add(ActionSubject(action_id=saved_id(new.id), subject_id=subject_id))
        carried.append(new)
    session.flush()
    return carried
