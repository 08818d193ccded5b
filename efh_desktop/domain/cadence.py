"""When the next meeting is due, from the meeting type's cadence in the practice profile.

The cadence is the longest gap the guidance allows ("at least 6-weekly"), so the proposal is the
last day within it. A proposal never lands on a weekend, bank holiday or council closure day: it
moves back to the working day before, which keeps it within the cadence. A chair may still choose
a later date (partners contribute to how often the network meets); ``check_next_meeting`` then
asks for the reason, and once it is recorded only shows it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from efh_desktop.domain.findings import RuleFinding, full_stop, in_sentence
from efh_desktop.domain.profile import MeetingType
from efh_desktop.domain.profile_model import PracticeProfile
from efh_desktop.domain.timescales import episode_meetings
from efh_desktop.domain.uk_dates import format_date
from efh_desktop.domain.working_days import (
    add_working_days,
    is_working_day,
    non_working_reason,
    previous_working_day,
)

_NO_CLOSURES: frozenset[dt.date] = frozenset()


@dataclass(frozen=True)
class NextMeetingProposal:
    """``date`` is the proposed date and ``latest`` the last date the cadence allows; both are None
    when the meeting agrees its own date. ``explanation`` is for the chair, in plain words."""

    date: dt.date | None
    latest: dt.date | None
    explanation: str


def _plural(name: str) -> str:
    return name if name.endswith("s") else f"{name}s"


def _count(value: int, unit: str) -> str:
    return unit if value == 1 else f"{value} {unit}s"


def _interval(meeting_type: MeetingType) -> str:
    """ "6 weeks", "week", "10 working days": what follows "at least every"."""
    cadence = meeting_type.cadence
    if cadence.kind == "working_days":
        return _count(cadence.value or 0, "working day")
    days = cadence.calendar_days or 0
    # 42 days reads better as 6 weeks, which is how the guidance says it.
    return _count(days // 7, "week") if days % 7 == 0 else _count(days, "day")


def _latest(meeting_type: MeetingType, held_on: dt.date, closures: frozenset[dt.date]) -> dt.date | None:
    cadence = meeting_type.cadence
    if cadence.kind == "agreed":
        return None
    if cadence.value is None or cadence.value < 1:
        # The profile loader refuses this, so reaching it is a programming error.
        raise ValueError(f"meeting type {meeting_type.key!r} has a {cadence.kind} cadence without a value")
    if cadence.kind == "working_days":
        return add_working_days(held_on, cadence.value, closures)
    return held_on + dt.timedelta(days=cadence.calendar_days or 0)


def _cadence_sentence(meeting_type: MeetingType, latest: dt.date) -> str:
    cadence = meeting_type.cadence
    if cadence.note_after is not None and cadence.kind in ("weeks", "days", "working_days"):
        unit = {"weeks": "weeks", "days": "days"}.get(cadence.kind, "working days")
        return (f"{_plural(meeting_type.name)} are held at least every {cadence.note_after}–{cadence.value} "
                f"{unit}: by {format_date(latest)} at the latest.")
    when = f" {cadence.applies}" if cadence.applies else ""
    return (f"{_plural(meeting_type.name)} are held at least every {_interval(meeting_type)}{when}: "
            f"by {format_date(latest)}.")


def _soft_words(meeting_type: MeetingType) -> str:
    """ "6 weeks" or "42 days": the softer limit in the cadence's own unit."""
    cadence = meeting_type.cadence
    unit = {"days": "days", "working_days": "working days"}.get(cadence.kind, "weeks")
    return f"{cadence.note_after} {unit}"


def _soft_limit(meeting_type: MeetingType, held_on: dt.date,
                closures: frozenset[dt.date] = _NO_CLOSURES) -> dt.date | None:
    """The earlier end of a "6-8 weekly" cadence, or None."""
    cadence = meeting_type.cadence
    if cadence.note_after is None:
        return None
    if cadence.kind == "working_days":
        return add_working_days(held_on, cadence.note_after, closures)
    if cadence.kind == "weeks":
        return held_on + dt.timedelta(weeks=cadence.note_after)
    if cadence.kind == "days":
        return held_on + dt.timedelta(days=cadence.note_after)
    return None


def cadence_for_children(meeting_type: MeetingType, held_on: dt.date,
                         meetings_by_child: Sequence[Sequence[tuple[str, dt.date]]],
                         after_name: str = "", profile: PracticeProfile | None = None) -> MeetingType:
    """The meeting type with the cadence that applies for these children now: where the cadence
    changes after a review (``Cadence.after``: core groups 8-weekly after a review conference, not
    6-weekly), the longer one when every child whose meetings include that type had a review as
    the latest before ``held_on``. ``meetings_by_child`` is each child's other meetings (type, date).
    With ``profile``, meetings of that type from an ended plan do not count: after a new initial
    conference the core groups are 6-weekly again ("minimum within 6 weeks of ICPC and 8 weeks of
    RCPC", guidance table 2.1), however many conferences the child had in an earlier plan."""
    cadence = meeting_type.cadence
    if not cadence.after or cadence.after_review_value is None:
        return meeting_type
    reviewed = []
    for meetings in meetings_by_child:
        if profile is not None:
            meetings = episode_meetings(profile, meetings, cadence.after, held_on)
        dates = sorted(d for k, d in meetings if k == cadence.after and d <= held_on)
        if dates:
            reviewed.append(len(dates) >= 2)
    if reviewed and all(reviewed):
        applies = f"after a review {in_sentence(after_name)}" if after_name else "after a review"
        return replace(meeting_type, cadence=replace(cadence, value=cadence.after_review_value,
                                                     after="", after_review_value=None, applies=applies))
    return meeting_type


def propose_next_meeting(
    meeting_type: MeetingType, held_on: dt.date, *, extra_closures: frozenset[dt.date] = _NO_CLOSURES
) -> NextMeetingProposal:
    """The proposed next meeting date for a meeting of ``meeting_type`` held on ``held_on``."""
    latest = _latest(meeting_type, held_on, extra_closures)
    soft = _soft_limit(meeting_type, held_on, extra_closures)
    if latest is not None and soft is not None:
        # "6-8 weekly": propose the earlier end; the later one is the limit the warning uses.
        explanation = _cadence_sentence(meeting_type, latest)
        proposed = previous_working_day(soft, extra_closures)
        if proposed <= held_on:
            proposed = add_working_days(soft, 1, extra_closures)
        return NextMeetingProposal(proposed, latest, f"{explanation} Proposed: {format_date(proposed, weekday=True)}, "
                                                     f"{_soft_words(meeting_type)} on.")
    if latest is None:
        note = meeting_type.cadence.note
        text = f"The date of the next {in_sentence(meeting_type.name)} is agreed at the meeting."
        return NextMeetingProposal(None, None, f"{text} {full_stop(note)}" if note else text)
    explanation = _cadence_sentence(meeting_type, latest)
    if is_working_day(latest, extra_closures):
        return NextMeetingProposal(latest, latest, explanation)
    reason = non_working_reason(latest, extra_closures)
    earlier = previous_working_day(latest, extra_closures)
    if earlier > held_on:
        moved = (f" {format_date(latest)} is {reason}, so the proposed date is the working day before it: "
                 f"{format_date(earlier, weekday=True)}.")
        return NextMeetingProposal(earlier, latest, explanation + moved)
    # A very short cadence across a long closure (say 1 day over Christmas) has no working day
    # left inside it: propose the first working day after it, and say that it is later.
    later = add_working_days(latest, 1, extra_closures)
    moved = (f" {format_date(latest)} is {reason} and there is no working day before it, so the proposed "
             f"date is the next working day: {format_date(later, weekday=True)}.")
    return NextMeetingProposal(later, latest, explanation + moved)


def check_next_meeting(
    meeting_type: MeetingType,
    held_on: dt.date,
    chosen: dt.date | None,
    reason: str = "",
    *,
    extra_closures: frozenset[dt.date] = _NO_CLOSURES,
) -> RuleFinding | None:
    """A finding about the chosen next meeting date, or None when it fits the cadence.

    The cadence is overridable with a recorded reason: with a reason, a missing or late date is
    "info" that shows the reason; without one it is a warning. A date that is not after this
    meeting is always a warning (it is a slip, not a decision).
    """
    reason = reason.strip()
    name = in_sentence(meeting_type.name)
    latest = _latest(meeting_type, held_on, extra_closures)
    if chosen is None:
        text = f"No date is set for the next {name}."
        if reason:
            return RuleFinding("next_meeting_missing", "info", f"{text} Reason recorded: {full_stop(reason)}")
        if latest is None:
            return RuleFinding("next_meeting_missing", "warning",
                               f"{text} The practice profile says it is agreed at the meeting: record the date.")
        return RuleFinding("next_meeting_missing", "warning", f"{text} {_cadence_sentence(meeting_type, latest)}")
    if chosen <= held_on:
        return RuleFinding("next_meeting_not_after", "warning",
                           f"The next {name} ({format_date(chosen)}) is not after this meeting "
                           f"({format_date(held_on)}).")
    if latest is not None and chosen > latest:
        rule = _cadence_sentence(meeting_type, latest)
        if reason:
            return RuleFinding("next_meeting_after_cadence", "info",
                               f"{rule} The next meeting is later, on {format_date(chosen)}. "
                               f"Reason recorded: {full_stop(reason)}")
        return RuleFinding("next_meeting_after_cadence", "warning",
                           f"{rule} {format_date(chosen)} is later: record the reason if the meeting agreed it.")
    soft = _soft_limit(meeting_type, held_on, extra_closures)
    if soft is not None and latest is not None and chosen > soft and not reason:
        return RuleFinding("next_meeting_after_soft_cadence", "info",
                           f"{_cadence_sentence(meeting_type, latest)} {format_date(chosen)} is more than "
                           f"{_soft_words(meeting_type)} on, within the {meeting_type.cadence.value}.")
    why_not = non_working_reason(chosen, extra_closures)
    if why_not:
        return RuleFinding("next_meeting_not_working_day", "hint",
                           f"The next {name} is set for {format_date(chosen)}, which is {why_not}.")
    return None
