"""Statutory timescales, from the profile's [[timescales]], computed for a child's meetings.

"ICPC within 15 working days of the strategy discussion; first core group within 10 working days of
the ICPC; child in care reviews at 20 working days, 3 months, then 6-monthly" (DOMAIN.md §8). Each
timescale names the meeting it is for (``meeting_type``, ``occurrence``) and what it counts from
(``counts_from``); working days are England's (``working_days``): weekends and bank holidays do
not count, and the day counted from is day 0.

Which occurrence a meeting is: one more than the child's earlier meetings of the same type in the
app (a first conference after the strategy is the initial one). The caller passes the child's
other meetings as ``ChildHistory``.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from efh_desktop.domain.findings import RuleFinding, in_sentence
from efh_desktop.domain.profile_model import PracticeProfile, Timescale
from efh_desktop.domain.uk_dates import format_date
from efh_desktop.domain.working_days import add_working_days, previous_working_day

_NO_CLOSURES: frozenset[date] = frozenset()
# A meeting held this long after its timescale's due date is not judged late: more likely an
# earlier meeting (a later strategy, the first reviews) is not in the app than a review 3 months
# overdue, and a false warning teaches the chair to ignore warnings.
NOT_JUDGED_AFTER = timedelta(days=92)


@dataclass(frozen=True)
class ChildHistory:
    """A child on the meeting: their other meetings (type key, date; not this one, not cancelled)
    and the date they became looked after, if recorded."""

    subject_id: int
    name: str
    meetings: tuple[tuple[str, date], ...] = ()
    looked_after_on: date | None = None


@dataclass(frozen=True)
class TimescaleDue:
    timescale: Timescale
    subject_id: int
    name: str
    counts_from: date
    due: date

    def sentence(self) -> str:
        """ "Initial child protection conference: within 15 working days of the strategy discussion
        (4 June 2026), so by 25 June 2026." """
        ts = self.timescale
        return (f"{ts.label} for {self.name}: within {_amount(ts)} of {ts.starts_from or 'the start'} "
                f"({format_date(self.counts_from)}), so by {format_date(self.due)}.")


def _amount(ts: Timescale) -> str:
    unit = {"working_days": "working day", "days": "day", "weeks": "week", "months": "month", "hours": "hour"}
    word = unit.get(ts.kind, ts.kind)
    if ts.value == 0 and ts.kind in ("days", "working_days"):
        return "the same day"
    return f"{ts.value} {word}{'' if ts.value == 1 else 's'}"


def add_months(d: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it is shorter (31 Jan + 1 = 28/29 Feb)."""
    month0 = d.month - 1 + months
    year, month = d.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def due_date(ts: Timescale, start: date, closures: frozenset[date] = _NO_CLOSURES) -> date:
    """The last day the timescale allows, counting from ``start``."""
    if ts.kind == "working_days":
        # "Within 0 working days" of a meeting on a Saturday is the Saturday itself.
        return add_working_days(start, ts.value, closures) if ts.value else start
    if ts.kind == "days":
        return start + timedelta(days=ts.value)
    if ts.kind == "weeks":
        return start + timedelta(weeks=ts.value)
    if ts.kind == "months":
        return add_months(start, ts.value)
    return start + timedelta(days=ts.value // 24)  # hours: the day it falls on


def _for_occurrence(candidates: Sequence[Timescale], n: int) -> Timescale | None:
    exact = [t for t in candidates if t.occurrence == n]
    if exact:
        return exact[0]
    listed = [t.occurrence for t in candidates if t.occurrence]
    if not listed or n > max(listed):
        later = [t for t in candidates if t.occurrence == 0]
        return later[0] if later else None
    return None


def _latest(meetings: Iterable[tuple[str, date]], type_key: str, before: date) -> date | None:
    dates = [d for k, d in meetings if k == type_key and d <= before]
    return max(dates) if dates else None


def _start(ts: Timescale, child: ChildHistory, meeting_type_key: str, held_on: date) -> date | None:
    if ts.counts_from == "previous":
        return _latest(child.meetings, meeting_type_key, held_on)
    if ts.counts_from == "looked_after":
        return child.looked_after_on
    if ts.counts_from in ("", "meeting"):
        return None
    return _latest(child.meetings, ts.counts_from, held_on)


def _this_episode(profile: PracticeProfile, child: ChildHistory, meeting_type_key: str,
                  held_on: date | None = None) -> ChildHistory:
    """The child's history for this meeting's episode.

    A meeting type whose first timescale counts from the date the child became looked after:
    meetings of that type before the date recorded now are from an earlier time in care, so the
    reviews start again (first at 20 working days).

    A meeting type whose first timescale counts from another meeting (the initial conference from
    the strategy discussion): when the latest such meeting before ``held_on`` came after the last
    meeting of this type was already overdue by its longest timescale (no review conference within
    6 months), that plan had ended, so this meeting starts a new one (an initial conference again,
    and its first review within 3 months). A strategy during a current plan restarts nothing.
    """
    candidates = [t for t in profile.timescales.values() if t.meeting_type == meeting_type_key]
    looked_after = child.looked_after_on
    if looked_after is not None and any(t.counts_from == "looked_after" for t in candidates):
        kept = tuple((k, d) for k, d in child.meetings if k != meeting_type_key or d >= looked_after)
        return replace(child, meetings=kept)
    # Counted from the first meeting of another type (the first core group from the initial
    # conference): this type's meetings from before that type's current episode are from an ended plan.
    follows = [t.counts_from for t in candidates if t.occurrence == 1 and t.from_occurrence == 1
               and t.counts_from in profile.meeting_types and t.counts_from != meeting_type_key]
    if held_on is not None and follows:
        other = _this_episode(profile, child, follows[0], held_on)
        starts = [d for k, d in other.meetings if k == follows[0] and d <= held_on]
        if not starts:
            return child
        kept = tuple((k, d) for k, d in child.meetings if k != meeting_type_key or d >= min(starts))
        return replace(child, meetings=kept)
    callers = [t.counts_from for t in candidates if t.occurrence == 1
               and t.counts_from not in ("", "meeting", "previous", "looked_after", meeting_type_key)]
    later = [t for t in candidates if t.occurrence == 0 and t.counts_from == "previous"]
    if held_on is None or not callers or not later:
        return child
    called = _latest(child.meetings, callers[0], held_on)
    before = _latest(((k, d) for k, d in child.meetings if d < called), meeting_type_key, held_on) \
        if called is not None else None
    if called is None or before is None or called <= due_date(later[0], before):
        return child
    kept = tuple((k, d) for k, d in child.meetings if k != meeting_type_key or d >= called)
    return replace(child, meetings=kept)


def episode_meetings(profile: PracticeProfile, meetings: Sequence[tuple[str, date]], meeting_type_key: str,
                     held_on: date) -> tuple[tuple[str, date], ...]:
    """A child's meetings (type key, date) without the meetings of ``meeting_type_key`` from an
    ended plan (``_this_episode``): conferences of an earlier child protection plan are not this
    plan's conferences."""
    child = ChildHistory(0, "", tuple(meetings))
    return _this_episode(profile, child, meeting_type_key, held_on).meetings


def occurrence(child: ChildHistory, meeting_type_key: str, held_on: date) -> int:
    """Which meeting of its type this is for the child (1 for the first)."""
    return 1 + sum(1 for k, d in child.meetings if k == meeting_type_key and d < held_on)


def timescale_for_meeting(profile: PracticeProfile, meeting_type_key: str, held_on: date,
                          child: ChildHistory, closures: frozenset[date] = _NO_CLOSURES) -> TimescaleDue | None:
    """The timescale this meeting is held under for this child, with its due date, or None."""
    child = _this_episode(profile, child, meeting_type_key, held_on)
    candidates = [t for t in profile.timescales.values() if t.meeting_type == meeting_type_key]
    ts = _for_occurrence(candidates, occurrence(child, meeting_type_key, held_on))
    if ts is None:
        return None
    start = _start(ts, child, meeting_type_key, held_on)
    if start is None:
        return None
    return TimescaleDue(ts, child.subject_id, child.name, start, due_date(ts, start, closures))


def timescales_started(profile: PracticeProfile, meeting_type_key: str, held_on: date, child: ChildHistory,
                       closures: frozenset[date] = _NO_CLOSURES) -> list[TimescaleDue]:
    """The timescales this meeting starts for the child's next meetings (shown where the chair plans
    the next meeting): a conference after this strategy, the next review after this review…"""
    out = []
    child = _this_episode(profile, child, meeting_type_key, held_on)
    n = occurrence(child, meeting_type_key, held_on)
    for ts in profile.timescales.values():
        if not ts.meeting_type:
            continue
        if ts.counts_from == "previous" and ts.meeting_type == meeting_type_key:
            same = [t for t in profile.timescales.values() if t.meeting_type == meeting_type_key]
            if _for_occurrence(same, n + 1) is not ts:
                continue
        elif ts.counts_from == meeting_type_key and ts.meeting_type != meeting_type_key:
            # Only while the meeting it leads to has not been held yet since this one.
            if ts.occurrence > 1 or any(k == ts.meeting_type and d > held_on for k, d in child.meetings):
                continue
            # Meetings of that type from an ended plan do not count (a new strategy: a new conference).
            with_this = replace(child, meetings=(*child.meetings, (meeting_type_key, held_on)))
            episode = _this_episode(profile, with_this, ts.meeting_type, held_on)
            if ts.occurrence == 1 and any(k == ts.meeting_type and d <= held_on for k, d in episode.meetings):
                continue
            if ts.from_occurrence and n != ts.from_occurrence:
                continue
        else:
            continue
        out.append(TimescaleDue(ts, child.subject_id, child.name, held_on, due_date(ts, held_on, closures)))
    return out


def looked_after_date_hint(profile: PracticeProfile, meeting_type_key: str, held_on: date,
                           child: ChildHistory) -> RuleFinding | None:
    """A child in care review whose timescale counts from the date the child became looked after,
    when that date is not recorded."""
    child = _this_episode(profile, child, meeting_type_key, held_on)
    candidates = [t for t in profile.timescales.values() if t.meeting_type == meeting_type_key]
    ts = _for_occurrence(candidates, occurrence(child, meeting_type_key, held_on))
    if ts is None or ts.counts_from != "looked_after" or child.looked_after_on is not None:
        return None
    return RuleFinding("looked_after_date_missing", "hint",
                       f"Record the date {child.name} became looked after: the {in_sentence(ts.label)} is due "
                       f"within {_amount(ts)} of {ts.starts_from}.", subject_id=child.subject_id)


def timescale_findings(profile: PracticeProfile, meeting_type_key: str, held_on: date,
                       children: Iterable[ChildHistory], next_meeting: date | None = None,
                       closures: frozenset[date] = _NO_CLOSURES) -> list[RuleFinding]:
    """For the set-up: this meeting against its timescale, and the clocks it starts for the next ones."""
    findings: list[RuleFinding] = []
    for child in children:
        hint = looked_after_date_hint(profile, meeting_type_key, held_on, child)
        if hint:
            findings.append(hint)
        this = timescale_for_meeting(profile, meeting_type_key, held_on, child, closures)
        if this is not None and held_on > this.due + NOT_JUDGED_AFTER:
            findings.append(RuleFinding("timescale_not_checked", "info",
                                        f"{this.sentence()} This meeting is on {format_date(held_on)}, long after: "
                                        "if earlier meetings are not recorded in the app, the timescale is not "
                                        "checked.", subject_id=child.subject_id, rule_key=this.timescale.key))
        elif this is not None and held_on > this.due:
            findings.append(RuleFinding("timescale_late", "warning",
                                        f"{this.sentence()} This meeting is on {format_date(held_on)}, later.",
                                        subject_id=child.subject_id, rule_key=this.timescale.key))
        for started in timescales_started(profile, meeting_type_key, held_on, child, closures):
            late = (next_meeting is not None and started.timescale.meeting_type == meeting_type_key
                    and next_meeting > started.due)
            if late:
                findings.append(RuleFinding("timescale_next_late", "warning",
                                            f"{started.sentence()} The next meeting is set for "
                                            f"{format_date(next_meeting)}, later.",
                                            subject_id=child.subject_id, rule_key=started.timescale.key))
            else:
                findings.append(RuleFinding("timescale_next", "info", started.sentence(),
                                            subject_id=child.subject_id, rule_key=started.timescale.key))
    return findings


def planning_lines(profile: PracticeProfile, meeting_type_key: str, held_on: date,
                   children: Iterable[ChildHistory], closures: frozenset[date] = _NO_CLOSURES) -> list[str]:
    """The statutory dates for the panel where the chair plans the next meeting, one line each;
    a due date on a non-working day is said to be one (the meeting is on the working day before)."""
    lines = []
    for child in children:
        for started in timescales_started(profile, meeting_type_key, held_on, child, closures):
            text = started.sentence()
            last = previous_working_day(started.due, closures)
            if last != started.due:
                text += f" That is not a working day: hold it by {format_date(last)}."
            lines.append(text)
    return lines


def initial_meeting_statuses(profile: PracticeProfile, meeting_type_key: str, held_on: date,
                             child: ChildHistory) -> tuple[str, ...]:
    """The legal statuses of the meeting that called this one, when this is the child's first
    meeting of its type after it (an initial conference after the strategy discussion: the child is
    not on a plan until the conference decides). Empty otherwise."""
    child = _this_episode(profile, child, meeting_type_key, held_on)
    if occurrence(child, meeting_type_key, held_on) != 1:
        return ()
    statuses: list[str] = []
    for ts in profile.timescales.values():
        called_by = profile.meeting_types.get(ts.counts_from)
        if (ts.meeting_type == meeting_type_key and ts.occurrence == 1 and called_by is not None
                and _latest(child.meetings, ts.counts_from, held_on) is not None):
            statuses += [s for s in called_by.legal_statuses if s not in statuses]
    return tuple(statuses)
