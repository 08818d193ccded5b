"""A subject's history across meetings, and the impact of interventions.

- ``history``: every meeting where a child, place, peer group or person of concern was discussed,
  and the notes, decisions and actions tagged with it, in date order, with each intervention's
  status and outcome; filtered by meeting type and date range.
- ``record_outcome``: an intervention's outcome when it is closed (what changed, a rating on the
  profile's impact scale, the evidence), audited.
- ``interventions_for_review``: what the next Safer Options meeting's review item lists: every
  intervention on its places and groups since the last meeting about them, open and completed.
- ``trend``: concerns recorded and interventions by month, for a place's or group's page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlmodel import Session, col, select

from efh_desktop.domain.text_rules import clean_text
from efh_desktop.domain.uk_dates import format_date, to_uk
from efh_desktop.services.context import AppContext, NotFound, ServiceError, saved_id
from efh_desktop.services.meeting_guard import editable_meeting
from efh_desktop.store.tables import (
    ACTION_STATUSES,
    Action,
    ActionSubject,
    Decision,
    DecisionSubject,
    Meeting,
    MeetingSubject,
    Note,
    NoteSubject,
    Subject,
)

CONTEXT_KINDS = ("place", "peer_group")  # an action on one of these is an intervention
REVIEW_PROMPT = ("What does the group think of the impact of each intervention, and what should happen next?")


@dataclass(frozen=True)
class HistoryMeeting:
    id: int
    type_key: str
    type_name: str
    title: str
    starts_at: datetime
    status: str
    reason: str

    @property
    def day(self) -> date:
        return to_uk(self.starts_at).date()


@dataclass(frozen=True)
class HistoryItem:
    kind: str  # "note", "decision", "action"
    id: int
    meeting_id: int
    meeting_title: str
    meeting_type: str
    when: datetime  # the meeting's start: records are in the order their meetings were held
    text: str
    status: str = ""  # actions
    outcome: str = ""
    rating: str = ""  # the rating's label from the profile's impact scale
    evidence: str = ""
    completion_note: str = ""
    owner: str = ""
    due_date: date | None = None

    @property
    def kind_label(self) -> str:
        return {"note": "Note", "decision": "Decision", "action": "Action"}.get(self.kind, self.kind)

    @property
    def impact(self) -> str:
        """One line on what came of an action: status, rating, what changed, evidence."""
        if self.kind != "action":
            return ""
        bits = [{"open": "Open", "done": "Done", "not_done": "Not done"}.get(self.status, self.status)]
        if self.rating:
            bits.append(self.rating)
        if self.outcome:
            bits.append(self.outcome)
        if self.evidence:
            bits.append(f"evidence: {self.evidence}")
        if self.completion_note and not self.outcome:
            bits.append(self.completion_note)
        return " · ".join(bits)


@dataclass(frozen=True)
class SubjectHistory:
    subject_id: int
    kind: str
    name: str
    meetings: list[HistoryMeeting]
    items: list[HistoryItem]


@dataclass(frozen=True)
class MonthCount:
    month: date  # the first of the month
    concerns: int  # notes recorded about the subject
    interventions: int  # actions recorded on it

    @property
    def label(self) -> str:
        return f"{_MONTHS[self.month.month - 1]} {self.month.year}"  # not strftime: the locale would change it

    @property
    def short_label(self) -> str:
        return f"{_MONTHS[self.month.month - 1]} {self.month.year % 100:02d}"


class HistoryService:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    # -- the history page -------------------------------------------------------------------------
    def history(self, subject_id: int, *, type_keys: Iterable[str] | None = None, since: date | None = None,
                until: date | None = None) -> SubjectHistory:
        """Meetings and tagged records, oldest first. ``since``/``until`` are UK calendar days, inclusive."""
        if since and until and until < since:
            raise ServiceError("The end of the date range is before its start.")
        types = set(type_keys) if type_keys is not None else None
        with self._ctx.reading() as session:
            subject = session.get(Subject, subject_id)
            if subject is None:
                raise NotFound("subject", subject_id)
            meetings = {saved_id(m.id): m for m in self._meetings_of(session, subject_id)}
            reasons = dict(session.exec(select(MeetingSubject.meeting_id, MeetingSubject.reason)
                                        .where(MeetingSubject.subject_id == subject_id)).all())

            def keep(m: Meeting) -> bool:
                day = to_uk(m.starts_at).date()
                return ((types is None or m.type_key in types) and (since is None or day >= since)
                        and (until is None or day <= until))

            meetings = {k: m for k, m in meetings.items() if keep(m)}
            items = self._items(session, subject_id, meetings)
        rows = [HistoryMeeting(m.id or 0, m.type_key, self._type_name(m.type_key), m.title or self._type_name(m.type_key),
                               m.starts_at, m.status, reasons.get(m.id or 0, ""))
                for m in sorted(meetings.values(), key=lambda m: (m.starts_at, m.id))]
        return SubjectHistory(subject_id, subject.kind, subject.name, rows, items)

    def meeting_types_of(self, subject_id: int) -> list[tuple[str, str]]:
        """(key, name) of the meeting types the subject was discussed at, for the filter."""
        with self._ctx.reading() as session:
            keys = sorted({m.type_key for m in self._meetings_of(session, subject_id)})
        return [(k, self._type_name(k)) for k in keys]

    def _meetings_of(self, session: Session, subject_id: int) -> list[Meeting]:
        """Meetings where it is a subject, or where any record is tagged with it."""
        ids: set[int] = set(session.exec(select(MeetingSubject.meeting_id).where(MeetingSubject.subject_id == subject_id)))
        for table, tag, column in ((Note, NoteSubject, "entry_id"), (Decision, DecisionSubject, "decision_id"),
                                   (Action, ActionSubject, "action_id")):
            ids |= set(session.exec(select(table.meeting_id).join(tag, getattr(tag, column) == table.id)
                                    .where(tag.subject_id == subject_id)))
        if not ids:
            return []
        return list(session.exec(select(Meeting).where(col(Meeting.id).in_(sorted(ids)), Meeting.status != "cancelled")))

    def _items(self, session: Session, subject_id: int, meetings: dict[int, Meeting]) -> list[HistoryItem]:
        if not meetings:
            return []
        ids = sorted(meetings)
        scale = self._ctx.profile.impact_scale
        out: list[HistoryItem] = []

        def meta(meeting_id: int) -> tuple[str, str, datetime]:
            m = meetings[meeting_id]
            return m.title or self._type_name(m.type_key), self._type_name(m.type_key), m.starts_at

        for e in session.exec(select(Note).join(NoteSubject, col(NoteSubject.entry_id) == col(Note.id))
                              .where(NoteSubject.subject_id == subject_id, col(Note.meeting_id).in_(ids))):
            out.append(HistoryItem("note", e.id or 0, e.meeting_id, *meta(e.meeting_id), e.text))
        for d in session.exec(select(Decision).join(DecisionSubject, col(DecisionSubject.decision_id) == col(Decision.id))
                              .where(DecisionSubject.subject_id == subject_id, col(Decision.meeting_id).in_(ids))):
            out.append(HistoryItem("decision", d.id or 0, d.meeting_id, *meta(d.meeting_id), d.text))
        for a in session.exec(select(Action).join(ActionSubject, col(ActionSubject.action_id) == col(Action.id))
                              .where(ActionSubject.subject_id == subject_id, col(Action.meeting_id).in_(ids))):
            out.append(HistoryItem("action", a.id or 0, a.meeting_id, *meta(a.meeting_id), a.description,
                                   status=a.status, outcome=a.outcome,
                                   rating=scale.get(a.outcome_rating, a.outcome_rating), evidence=a.outcome_evidence,
                                   completion_note=a.completion_note, owner=a.owner, due_date=a.due_date))
        order = {"note": 0, "decision": 1, "action": 2}
        return sorted(out, key=lambda i: (i.when, i.meeting_id, order[i.kind], i.id))

    def _type_name(self, key: str) -> str:
        return self._ctx.profile.meeting_type(key).name

    # -- impact of interventions ------------------------------------------------------------------
    def record_outcome(self, action_id: int, *, status: str = "done", outcome: str, rating: str,
                       evidence: str = "", reason: str = "") -> None:
        """Close an intervention with its outcome: what changed (required), a rating from the
        profile's impact scale, and the evidence. ``status`` is "done" or "not_done" (with a reason)."""
        if status not in ACTION_STATUSES or status == "open":
            raise ServiceError("An outcome is recorded when the action is closed: done or not done.")
        if status == "not_done" and not reason.strip():
            raise ServiceError("Say why the action was not done.")
        if not (outcome or "").strip():
            raise ServiceError("What changed: say what the intervention changed (or that nothing did).")
        if rating not in self._ctx.profile.impact_scale:
            raise ServiceError("Choose a rating from the impact scale.")
        from efh_desktop.services.audit import snapshot

        with self._ctx.transaction() as (session, audit):
            action = session.get(Action, action_id)
            if action is None:
                raise NotFound("action", action_id)
            editable_meeting(session, action.meeting_id)
            before = snapshot(action)
            action.status = status
            action.not_done_reason = reason.strip()[:200] if status == "not_done" else ""
            action.outcome = clean_text(outcome, "What changed", required=True)
            action.outcome_rating = rating
            action.outcome_evidence = clean_text(evidence, "Evidence")
            action.completed_at = action.completed_at or self._ctx.clock.now()
            action.updated_at = self._ctx.clock.now()
            session.add(action)
            audit.updated(action, before, summary="Closed an intervention with its outcome")

    def interventions_for_review(self, meeting_id: int) -> list[HistoryItem]:
        """Every intervention (action) on the meeting's places and peer groups to review since the last
        meeting of the same type that discussed any of them: agreed at that meeting or any in
        between, still open (however long ago it was agreed), or closed since that meeting; closed
        ones with their outcomes. Interventions first agreed at this meeting are not reviewed here.
        One row per action as it stands now (the newest row of a carried action)."""
        with self._ctx.reading() as session:
            meeting = session.get(Meeting, meeting_id)
            if meeting is None:
                raise NotFound("meeting", meeting_id)
            context = list(session.exec(select(Subject.id).join(MeetingSubject, col(MeetingSubject.subject_id) == col(Subject.id))
                                        .where(MeetingSubject.meeting_id == meeting_id,
                                               col(Subject.kind).in_(CONTEXT_KINDS))))
            if not context:
                return []
            previous = session.exec(
                select(Meeting).join(MeetingSubject, col(MeetingSubject.meeting_id) == col(Meeting.id))
                .where(col(MeetingSubject.subject_id).in_(context), Meeting.id != meeting_id,
                       Meeting.type_key == meeting.type_key,  # the last Safer Options meeting, not any
                       Meeting.starts_at < meeting.starts_at, Meeting.status != "cancelled")
                .order_by(col(Meeting.starts_at).desc())).first()
            if previous is None:
                return []
            rows = session.exec(
                select(Action, Meeting).join(Meeting, col(Meeting.id) == col(Action.meeting_id))
                .join(ActionSubject, col(ActionSubject.action_id) == col(Action.id))
                .where(col(ActionSubject.subject_id).in_(context), Meeting.starts_at <= meeting.starts_at,
                       Meeting.status != "cancelled")).all()
            scale = self._ctx.profile.impact_scale
            newest: dict[int, tuple[Action, Meeting]] = {}
            recent: set[int] = set()  # chains with a row at the last meeting or one since
            for action, m in rows:
                chain = action.origin_action_id or action.id or 0
                if m.id != meeting_id and m.starts_at >= previous.starts_at:
                    recent.add(chain)
                kept = newest.get(chain)
                if kept is None or (m.starts_at, action.id or 0) > (kept[1].starts_at, kept[0].id or 0):
                    newest[chain] = (action, m)
            # Agreed before this meeting; a row carried into this meeting is where it is reviewed
            # and closed, so it stands for its chain.
            earlier = {a.origin_action_id or a.id for a, m in rows if m.id != meeting_id}

            def reviewed(chain: int, action: Action) -> bool:
                closed_since = action.completed_at is not None and _utc(action.completed_at) >= _utc(previous.starts_at)
                return chain in earlier and (chain in recent or action.status == "open" or closed_since)

            newest = {chain: row for chain, row in newest.items() if reviewed(chain, row[0])}
        out = [HistoryItem("action", a.id or 0, m.id or 0, m.title or self._type_name(m.type_key),
                           self._type_name(m.type_key), m.starts_at, a.description, status=a.status,
                           outcome=a.outcome, rating=scale.get(a.outcome_rating, a.outcome_rating),
                           evidence=a.outcome_evidence, completion_note=a.completion_note, owner=a.owner,
                           due_date=a.due_date)
               for a, m in newest.values()]
        return sorted(out, key=lambda i: (i.status == "open", i.when, i.id))

    def review_heading(self, meeting_id: int) -> str:
        items = self.interventions_for_review(meeting_id)
        if not items:
            return "No interventions on this meeting's places and peer groups since the last meeting about them."
        done = sum(1 for i in items if i.status != "open")
        return (f"{len(items)} intervention{'s' if len(items) != 1 else ''} since the last meeting "
                f"({done} closed, {len(items) - done} open). {REVIEW_PROMPT}")

    def trend(self, subject_id: int, *, months: int | None = None) -> list[MonthCount]:
        """Concerns (notes tagged with the subject) and interventions (actions on it) by month of the
        meeting they were recorded at, every month from the first to the last (empty months count 0)."""
        with self._ctx.reading() as session:
            notes = session.exec(select(Meeting.starts_at).join(Note, col(Note.meeting_id) == col(Meeting.id))
                                 .join(NoteSubject, col(NoteSubject.entry_id) == col(Note.id))
                                 .where(NoteSubject.subject_id == subject_id, Meeting.status != "cancelled")).all()
            actions = session.exec(select(Meeting.starts_at, Action.origin_action_id, Action.id)
                                   .join(Action, col(Action.meeting_id) == col(Meeting.id))
                                   .join(ActionSubject, col(ActionSubject.action_id) == col(Action.id))
                                   .where(ActionSubject.subject_id == subject_id, Meeting.status != "cancelled")).all()
        counts: dict[date, list[int]] = {}
        for when in notes:
            counts.setdefault(_month(when), [0, 0])[0] += 1
        first_of_chain: dict[int, datetime] = {}
        for when, origin, action_id in actions:  # a carried action is one intervention, when first agreed
            chain = origin or saved_id(action_id)
            if chain not in first_of_chain or when < first_of_chain[chain]:
                first_of_chain[chain] = when
        for when in first_of_chain.values():
            counts.setdefault(_month(when), [0, 0])[1] += 1
        if not counts:
            return []
        start, end = min(counts), max(counts)
        out = []
        month = start
        while month <= end:
            c = counts.get(month, [0, 0])
            out.append(MonthCount(month, c[0], c[1]))
            month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
        return out[-months:] if months else out

    def describe_meeting(self, meeting: HistoryMeeting) -> str:
        return f"{format_date(meeting.starts_at)} · {meeting.type_name}" + (
            f" · {meeting.title}" if meeting.title and meeting.title != meeting.type_name else "")


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _utc(moment: datetime) -> datetime:
    """SQLite hands back naive UTC; the clock gives aware UTC: compare them as aware."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _month(moment: datetime) -> date:
    day = to_uk(moment).date()
    return date(day.year, day.month, 1)
