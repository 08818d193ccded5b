"""The distribution clock of one meeting: actions out, draft to attendees for an accuracy check,
minutes finalised, each child's copy filed; each step against the profile's timescale.

The profile's ``actions_circulated`` (the same day) and ``record_completed`` (1 working day, "where
possible") timescales count from the meeting. The accuracy check has the deadline the minute-taker
sets; past it, a non-reply is recorded rather than waited for. Pure: plain values in, steps out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from efh_desktop.domain.profile_model import PracticeProfile, Timescale
from efh_desktop.domain.timescales import due_date
from efh_desktop.domain.uk_dates import format_date

_NO_CLOSURES: frozenset[date] = frozenset()
NOT_STARTED = "Not started \N{EM DASH} date passed"  # the meetings list's word for a past meeting still planned


@dataclass(frozen=True)
class DistributionFacts:
    held_on: date
    status: str  # the meeting's status
    actions_sent_on: date | None = None
    draft_sent_on: date | None = None
    accuracy_deadline: date | None = None
    non_replies: str = ""  # who did not reply to the accuracy check (recorded, not waited for)
    finalised_on: date | None = None
    copies: tuple[tuple[str, date | None], ...] = ()  # (destination, filed on) for each child's copy
    has_actions: bool = True
    children: int = 0  # children discussed: each needs a copy on their record


@dataclass(frozen=True)
class DistributionStep:
    key: str  # actions, accuracy_check, finalised, filed; not_started for a past meeting still planned
    label: str
    done_on: date | None
    due: date | None
    overdue: bool
    text: str


def _ts(profile: PracticeProfile, key: str) -> Timescale | None:
    return profile.timescales.get(key)


def distribution_steps(profile: PracticeProfile, facts: DistributionFacts, today: date,
                       closures: frozenset[date] = _NO_CLOSURES) -> list[DistributionStep]:
    """Each step of the clock, in order; a step is overdue when it is not done and today is past its due date.

    Nothing is due before the meeting has been held. A cancelled meeting has no clock. A meeting
    still "planned" after its day was never started in the app: nothing recorded can be late to go
    out, so instead of "Minutes finalised" overdue the one step is that the date passed, and the
    chair either starts it to record it or cancels it (the finalisation gate also treats a planned
    meeting as not held).
    """
    if facts.status == "cancelled" or (facts.status in ("planned", "in_progress") and facts.held_on >= today):
        return []
    if facts.status == "planned":
        return [DistributionStep("not_started", NOT_STARTED, None, facts.held_on, True,
                                 f"The meeting's date ({format_date(facts.held_on)}) has passed and it was not "
                                 "started: open it and start it to record the meeting, or cancel it.")]
    steps: list[DistributionStep] = []
    actions = _ts(profile, "actions_circulated")
    if facts.has_actions:
        due = due_date(actions, facts.held_on, closures) if actions else None
        done = facts.actions_sent_on
        if done:
            text = f"Actions sent out on {format_date(done)}."
        else:
            words = actions.note.rstrip(".") if actions and actions.note else ""
            note = f": {words[:1].lower()}{words[1:]}" if words else ""
            text = f"Actions not yet sent out (due {format_date(due)}{note})." if due else "Actions not yet sent out."
        steps.append(DistributionStep("actions", "Actions circulated", done, due,
                                      done is None and due is not None and today > due, text))
    deadline = facts.accuracy_deadline
    if facts.draft_sent_on is None:
        text = "Draft minutes not yet sent to attendees for an accuracy check."
        overdue = False
    elif deadline is None:
        text = f"Draft sent to attendees on {format_date(facts.draft_sent_on)}; no deadline for replies set."
        overdue = False
    else:
        replies = f" No reply from: {facts.non_replies.strip()}." if facts.non_replies.strip() else ""
        text = (f"Draft sent to attendees on {format_date(facts.draft_sent_on)} for an accuracy check by "
                f"{format_date(deadline)}.{replies}")
        # Past the deadline and not finalised: record who did not reply and finalise. A non-reply
        # recorded closes the check (it is not waited for); finalising is then its own step.
        past = facts.finalised_on is None and today > deadline
        overdue = past and not facts.non_replies.strip()
        if overdue:
            text += " The deadline has passed: record any non-replies and finalise."
        elif past:
            text += " The deadline has passed and non-replies are recorded: finalise."
    steps.append(DistributionStep("accuracy_check", "Accuracy check", facts.draft_sent_on, deadline, overdue, text))
    record = _ts(profile, "record_completed")
    due = due_date(record, facts.held_on, closures) if record else None
    done = facts.finalised_on
    if done:
        text = f"Minutes finalised on {format_date(done)}."
    else:
        where = f" ({record.note.rstrip('.').lower()})" if record and record.note else ""
        text = (f"Minutes not yet finalised; the record is due by {format_date(due)}{where}." if due else
                "Minutes not yet finalised.")
    # Waiting for an accuracy check that is still open is not overdue.
    waiting = deadline is not None and facts.draft_sent_on is not None and today <= deadline
    steps.append(DistributionStep("finalised", "Minutes finalised", done, due,
                                  done is None and due is not None and today > due and not waiting, text))
    if not facts.copies and facts.children and done is not None:
        # Finalised, and no child's copy written yet: the copies are what go on each record.
        plural = "child" if facts.children == 1 else "children"
        steps.append(DistributionStep("filed", "Children's copies filed", None, done, today > done,
                                      f"No child's copy is filed yet ({facts.children} {plural})."))
    if facts.copies:
        unfiled = [dest for dest, filed in facts.copies if filed is None]
        # Each copy is one child's: fewer copies than children means a child has none yet.
        no_copy = max(0, facts.children - len(facts.copies))
        last = max((filed for _d, filed in facts.copies if filed), default=None)
        if not unfiled and not no_copy:
            text = f"Every child's copy filed (last on {format_date(last)})."
        elif no_copy:
            filed_count = len(facts.copies) - len(unfiled)
            text = (f"{filed_count} of {facts.children} children's copies filed; "
                    f"{no_copy} {'child has' if no_copy == 1 else 'children have'} no copy yet.")
        else:
            text = f"{len(unfiled)} of {len(facts.copies)} children's copies not yet filed."
        unfiled += [""] * no_copy
        steps.append(DistributionStep("filed", "Children's copies filed", last if not unfiled else None, done,
                                      bool(unfiled) and done is not None and today > done, text))
    return steps


def overdue_summary(steps: Sequence[DistributionStep]) -> str:
    """ "Actions circulated, Minutes finalised" for the meetings list; "" when nothing is overdue."""
    return ", ".join(s.label for s in steps if s.overdue)
