"""The finalisation gate: before a meeting is finalised, one list of everything still missing.

Each entry names what is missing and the rule, and says which panel fixes it. The chair may fix an
entry or override it with a recorded reason (DOMAIN.md §3: warn, never silently block what a chair
may decide); ``outstanding`` drops the overridden ones. Keys are stable, so an override recorded
against a key still applies when the gate is worked out again.

Pure rules: inputs are plain frozen dataclasses and profile objects; nothing here knows Qt or SQL.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from efh_desktop.domain.cadence import check_next_meeting
from efh_desktop.domain.distribution import DistributionFacts
from efh_desktop.domain.findings import RuleFinding, in_sentence, join_or, with_article
from efh_desktop.domain.profile import (
    Checklist,
    ChecklistItem,
    MeetingType,
    NotificationRule,
    PracticeProfile,
)
from efh_desktop.domain.profile_model import Timescale
from efh_desktop.domain.setup_rules import AttendeeFacts, AttendeePrompt, check_chair
from efh_desktop.domain.timescales import due_date as timescale_due
from efh_desktop.domain.uk_dates import format_date

# In the order the gate lists them.
GATE_RULES = ("held", "checklist", "action", "decision", "information_sharing", "lawful_basis", "attendee",
              "chair_role", "notification", "next_meeting", "timescale", "lead_area", "distribution")
GATE_PANELS = ("checklist", "actions", "decisions", "information_sharing", "attendance", "setup", "distribution")
# A warning stays outstanding until fixed or overridden with a reason; a note (a timescale the
# guidance sets "where possible", such as the record within 1 working day) is shown and never blocks.
GATE_SEVERITIES = ("warning", "note")
CHECKLIST_STATES = ("not_yet", "considered", "not_applicable", "deferred")
DESCRIPTION_LIMIT = 60  # characters of an action's description quoted in a message

_NO_REASONS: Mapping[int, str] = MappingProxyType({})


@dataclass(frozen=True)
class GateItem:
    """One thing missing before finalising.

    ``key`` is stable and unique within the meeting (for overrides): ``checklist:<item key>``,
    ``action:<id>:<missing fields joined by +>`` (for example ``action:12:owner+due_date``),
    ``action:<id>:due_before_meeting``, ``decision:<id>:reasons``, ``not_held_yet``,
    ``sharing:child:<subject id>``, ``sharing:consent_basis:<subject id>``, ``sharing:empty:<subject id>``,
    ``attendee:<rule key>``, ``attendee:<rule key>:apologies``,
    ``chair_role``, ``notification:<rule key>``, ``next_meeting``, and from ``practice_gate_items``
    ``sharing:lawful_basis:<subject id>``, ``timescale_late:<timescale key>:<subject id>``,
    ``timescale_next_late:<timescale key>:<subject id>`` and ``lead_area``, and from
    ``distribution_notes`` ``distribution:actions_circulated`` and ``distribution:record_completed``.
    ``rule`` is one of ``GATE_RULES``; ``panel`` (one of ``GATE_PANELS``) is where to fix it;
    ``record_id`` is the action id or subject id where there is one. ``severity`` is one of
    ``GATE_SEVERITIES``: only a warning holds finalising back.
    """

    key: str
    rule: str
    message: str
    panel: str
    record_id: int | None = None
    severity: str = "warning"

    def __post_init__(self) -> None:
        if self.rule not in GATE_RULES:
            raise ValueError(f"unknown gate rule {self.rule!r}")
        if self.panel not in GATE_PANELS:
            raise ValueError(f"unknown gate panel {self.panel!r}")
        if self.severity not in GATE_SEVERITIES:
            raise ValueError(f"unknown gate severity {self.severity!r}")

    @property
    def blocking(self) -> bool:
        """A warning holds finalising back until it is fixed or overridden; a note never does."""
        return self.severity == "warning"


@dataclass(frozen=True)
class ChecklistState:
    """The state of one checklist item or sub-item. ``note`` is the note (considered) or the reason
    (not applicable); an item with no state is "not_yet"."""

    item_key: str
    status: str
    note: str = ""

    def __post_init__(self) -> None:
        if self.status not in CHECKLIST_STATES:
            raise ValueError(f"unknown checklist status {self.status!r}")

    @property
    def addressed(self) -> bool:
        """Deferred counts; considered needs a note and not applicable a reason."""
        if self.status == "deferred":
            return True
        return self.status in ("considered", "not_applicable") and bool(self.note.strip())


@dataclass(frozen=True)
class ActionFacts:
    id: int
    description: str
    owner: str
    agency: str
    due_date: date | None
    status: str  # open, done, not_done: every status is checked
    origin_action_id: int | None = None  # set when carried from an earlier meeting for review


@dataclass(frozen=True)
class DecisionFacts:
    id: int
    text: str
    rationale: str


# --- checklist ---------------------------------------------------------------------------------


def _state_map(states: Sequence[ChecklistState]) -> dict[str, ChecklistState]:
    return {state.item_key: state for state in states}


def _addressed(key: str, states: Mapping[str, ChecklistState]) -> bool:
    state = states.get(key)
    return state is not None and state.addressed


def item_addressed(item: ChecklistItem, states: Mapping[str, ChecklistState]) -> bool:
    """An item is addressed itself, or (with sub-items) when every sub-item is."""
    if _addressed(item.key, states):
        return True
    return bool(item.sub_items) and all(_addressed(sub.key, states) for sub in item.sub_items)


def _checklist_message(checklist: Checklist, item: ChecklistItem, state: ChecklistState | None,
                       states: Mapping[str, ChecklistState]) -> str:
    name = f"Checklist item {item.number}, \u201c{item.title}\u201d,"
    if state is not None and state.status == "considered":
        return f"{name} is marked considered but has no note: record what was considered."
    if state is not None and state.status == "not_applicable":
        return f"{name} is marked not applicable but has no reason: record why it does not apply."
    text = f"{name} is not yet addressed ({checklist.title})."
    open_subs = [sub for sub in item.sub_items if not _addressed(sub.key, states)]
    if item.sub_items and len(open_subs) < len(item.sub_items):
        listed = "; ".join(f"{item.number}.{sub.number} {sub.title}" for sub in open_subs)
        text += f" Sub-items not yet addressed: {listed}."
    return text


def _checklist_items(checklist: Checklist | None, states: Sequence[ChecklistState]) -> list[GateItem]:
    if checklist is None:
        return []
    by_key = _state_map(states)
    return [GateItem(f"checklist:{item.key}", "checklist",
                     _checklist_message(checklist, item, by_key.get(item.key), by_key), "checklist")
            for item in checklist.items if not item_addressed(item, by_key)]


def _deferred_nowhere(checklist: Checklist | None, states: Sequence[ChecklistState],
                      next_meeting: date | None) -> list[GateItem]:
    """DOMAIN §5: an item may be "deferred (to which meeting)". With no next meeting set, a deferred
    item is deferred to no meeting, and would never be considered."""
    if checklist is None or next_meeting is not None:
        return []
    by_key = _state_map(states)
    items = []
    for item in checklist.items:
        for entry, number in ((item, f"{item.number}"), *((sub, f"{item.number}.{sub.number}")
                                                         for sub in item.sub_items)):
            state = by_key.get(entry.key)
            if state is not None and state.status == "deferred":
                items.append(GateItem(f"checklist:{entry.key}:deferred", "checklist",
                                      f"Checklist item {number}, \u201c{entry.title}\u201d, is deferred to the next "
                                      "meeting, but no next meeting is set: consider it now, or set the date of "
                                      "the next meeting.", "checklist"))
    return items


def checklist_progress(checklist: Checklist, states: Sequence[ChecklistState]) -> tuple[int, int]:
    """(addressed, total) over the top-level items, for "9 of 13".

    The same test as the gate: an item is addressed when it is (deferred, considered with a note,
    not applicable with a reason), or when it has sub-items and all of them are.
    """
    by_key = _state_map(states)
    done = sum(1 for item in checklist.items if item_addressed(item, by_key))
    return done, len(checklist.items)


# --- actions -----------------------------------------------------------------------------------


def _quote(description: str) -> str:
    text = " ".join(description.split())
    if len(text) > DESCRIPTION_LIMIT:
        text = text[: DESCRIPTION_LIMIT - 1].rstrip() + "\u2026"
    return f"\u201c{text}\u201d"


def _action_items(actions: Sequence[ActionFacts], held_on: date | None = None) -> list[GateItem]:
    items = []
    for action in actions:
        # An action agreed at this meeting and due before it was held is a slip in the date (one
        # carried from an earlier meeting for review may well be overdue: that is what is reviewed).
        if (held_on is not None and action.status == "open" and action.origin_action_id is None
                and action.due_date is not None and action.due_date < held_on):
            what = f"The action {_quote(action.description)}" if action.description.strip() else "An action"
            items.append(GateItem(f"action:{action.id}:due_before_meeting", "action",
                                  f"{what} is due on {format_date(action.due_date)}, before the meeting that agreed "
                                  f"it ({format_date(held_on)}): check the due date.", "actions", action.id))
        missing = [field for field, present in (("owner", action.owner.strip()), ("agency", action.agency.strip()),
                                                ("due_date", action.due_date is not None)) if not present]
        if not missing:
            continue
        words = join_or([f"no {field.replace('_', ' ')}" for field in missing], "and")
        who = f"The action {_quote(action.description)}" if action.description.strip() else (
            "An action without a description")
        items.append(GateItem(f"action:{action.id}:{'+'.join(missing)}", "action",
                              f"{who} has {words}. Every action needs an owner, an agency and a due date.",
                              "actions", action.id))
    return items


# --- decisions ---------------------------------------------------------------------------------


def _decision_items(decisions: Sequence[DecisionFacts]) -> list[GateItem]:
    """DOMAIN §1: the minute-taker records "decisions with reasons and dissent"; §8: minutes may be
    disclosed in court, where the exact wording of a decision, and why it was made, matter."""
    items = []
    for decision in decisions:
        if decision.rationale.strip():
            continue
        what = f"The decision {_quote(decision.text)}" if decision.text.strip() else "A decision"
        items.append(GateItem(f"decision:{decision.id}:reasons", "decision",
                              f"{what} has no reasons recorded. Record each decision with its reasons, and any "
                              "dissent: the minutes may be disclosed in court or to the prosecution.",
                              "decisions", decision.id))
    return items


# --- attendees ---------------------------------------------------------------------------------


def _attendee_items(meeting_type: MeetingType, prompts: Sequence[AttendeePrompt],
                    attendees: Sequence[AttendeeFacts], apology_reasons: Mapping[int, str]) -> list[GateItem]:
    name = with_article(in_sentence(meeting_type.name))
    current = {a.id: a for a in attendees}
    items = []
    for prompt in prompts:
        rule = prompt.rule
        if rule.optional:
            continue
        if prompt.state == "missing":
            items.append(GateItem(f"attendee:{rule.key}", "attendee",
                                  f"The practice profile says {name} should include: {rule.label}. Nobody on the "
                                  "attendance list is linked to it.", "attendance"))
        elif prompt.state == "apologies":
            people = [current.get(a.id, a) for a in prompt.matched]
            unexplained = [p.name for p in people
                           if p.status == "apologies" and not apology_reasons.get(p.id, "").strip()]
            if unexplained:
                items.append(GateItem(f"attendee:{rule.key}:apologies", "attendee",
                                      f"{join_or(unexplained, 'and')} ({rule.label}) sent apologies without a "
                                      f"recorded reason. The practice profile says {name} should include them: "
                                      "record why they could not attend.", "attendance"))
        elif prompt.state == "invited":
            # Still only "invited" when the minutes are finalised: absent, with no reason recorded.
            absent = [current.get(a.id, a).name for a in prompt.matched]
            items.append(GateItem(f"attendee:{rule.key}:absent", "attendee",
                                  f"{join_or(absent, 'and')} ({rule.label}) {'is' if len(absent) == 1 else 'are'} "
                                  "recorded as invited but not as present or sending apologies. Record their "
                                  "attendance, or why they were absent.", "attendance"))
    return items


# --- the gate ----------------------------------------------------------------------------------


def gate_items(profile: PracticeProfile, meeting_type: MeetingType, *, held_on: date,
               chair_role_key: str | None, checklist: Sequence[ChecklistState],
               actions: Sequence[ActionFacts], children_without_sharing: Sequence[tuple[int, str]],
               attendee_prompts: Sequence[AttendeePrompt], attendees: Sequence[AttendeeFacts],
               notifications_due: Sequence[NotificationRule], notified_keys: Collection[str],
               next_meeting: date | None, next_meeting_reason: str,
               apology_reasons: Mapping[int, str] = _NO_REASONS,
               decisions: Sequence[DecisionFacts] = ()) -> list[GateItem]:
    """Everything missing before finalising, in the order: checklist, actions, information
    sharing, attendees, chair, notifications, next meeting.

    ``children_without_sharing`` is (subject id, name) for each child with no information-sharing
    decision. ``attendee_prompts`` come from ``setup_rules.required_attendees``; ``attendees`` is the
    attendance register (its entries, by id, take precedence over the copies in the prompts).
    ``apology_reasons`` maps attendee id to the recorded apology reason (``AttendeeFacts`` has no
    field for it); a missing or blank reason counts as not recorded. ``notifications_due`` comes from
    ``setup_rules.notifications_due`` and ``notified_keys`` holds the rule keys recorded as done.
    """
    items = _checklist_items(profile.checklist_for(meeting_type.key), checklist)
    items += _deferred_nowhere(profile.checklist_for(meeting_type.key), checklist, next_meeting)
    items += _action_items(actions, held_on)
    items += _decision_items(decisions)
    seen: set[int] = set()
    for subject_id, name in children_without_sharing:
        if subject_id in seen:
            continue
        seen.add(subject_id)
        items.append(GateItem(f"sharing:child:{subject_id}", "information_sharing",
                              f"No information-sharing decision is recorded for {name}.", "information_sharing",
                              subject_id))
    items += _attendee_items(meeting_type, attendee_prompts, attendees, apology_reasons)
    chair = check_chair(profile, meeting_type, chair_role_key)
    if chair is not None and chair.severity == "warning":
        items.append(GateItem("chair_role", "chair_role", chair.message, "setup"))
    for rule in notifications_due:
        if rule.key not in notified_keys:
            items.append(GateItem(f"notification:{rule.key}", "notification",
                                  f"The practice profile says the {rule.label} must be told about this "
                                  f"{in_sentence(meeting_type.name)}: record who was told, and when.", "setup"))
    finding = check_next_meeting(meeting_type, held_on, next_meeting, next_meeting_reason)
    if finding is not None and finding.severity == "warning":
        items.append(GateItem("next_meeting", "next_meeting", finding.message, "setup"))
    return items


_LAWFUL_BASIS = ("Record the lawful basis (usually UK GDPR Article 6(1)(e) public task with Article 9(2)(g) and "
                 "DPA 2018 Schedule 1 paragraph 18, safeguarding of children; or a statutory gateway such as "
                 "Children Act 1989 section 47), and the decision and reasons whether or not information is shared.")


_CONSENT_WORDS = {"refused": "consent was refused", "not_sought": "consent was not sought",
                  "sought": "consent was sought but is not recorded as given"}


def practice_gate_items(*, children_without_lawful_basis: Sequence[tuple[int, str]] = (),
                        findings: Sequence[RuleFinding] = (),
                        consent_basis_without_consent: Sequence[tuple[int, str, str]] = (),
                        held_on: date | None = None, today: date | None = None,
                        children_with_empty_decision: Sequence[tuple[int, str]] = ()) -> list[GateItem]:
    """The practice rules' part of the gate: a sharing decision with no lawful basis, a statutory
    timescale missed (this meeting late, or the next one set later than it allows), and, where harm
    crosses boundaries at Safer Options, no recorded decision on which area leads. ``findings`` are
    the set-up findings (``timescale_late``, ``timescale_next_late``, ``lead_area_decision``); other
    findings are left to the set-up list."""
    items = []
    # DOMAIN §1: the manager finalises the minutes "after the meeting". A meeting whose (UK) day has
    # not come has not been held: its date is wrong, or the minutes are not yet minutes.
    if held_on is not None and today is not None and held_on > today:
        items.append(GateItem("not_held_yet", "held",
                              f"This meeting is on {format_date(held_on)}, which has not come yet: minutes are "
                              "finalised after the meeting. Check the meeting's date.", "setup"))
    items += [GateItem(f"sharing:lawful_basis:{subject_id}", "lawful_basis",
                      f"The information-sharing decision for {name} records no lawful basis. {_LAWFUL_BASIS}",
                      "information_sharing", subject_id)
             for subject_id, name in dict(children_without_lawful_basis).items()]
    # (subject id, name, consent state): consent recorded as the lawful basis while consent was not
    # given. DOMAIN §7 records consent (sought / given / refused / not sought) and the lawful basis
    # apart: information shared without consent needs the basis it is shared on.
    for subject_id, name, consent in consent_basis_without_consent:
        state = _CONSENT_WORDS.get(consent, "consent is not recorded as given")
        items.append(GateItem(
            f"sharing:consent_basis:{subject_id}", "lawful_basis",
            f"The information-sharing decision for {name} gives consent as the lawful basis, but {state}. "
            "Where information is shared without consent, record the basis it is shared on (usually UK GDPR "
            "Article 6(1)(e) public task with Article 9(2)(g) and DPA 2018 Schedule 1 paragraph 18, safeguarding "
            "of children), and the decision and reasons whether or not information is shared.",
            "information_sharing", subject_id))
    # DOMAIN §7: "Record the decision and reasons whether or not information is shared": a decision
    # saying neither what will be shared nor what is withheld does not say what was decided.
    for subject_id, name in dict(children_with_empty_decision).items():
        items.append(GateItem(
            f"sharing:empty:{subject_id}", "information_sharing",
            f"The information-sharing decision for {name} records neither what will be shared with the child "
            "and family nor what is withheld: record what will be shared, or what is withheld and why.",
            "information_sharing", subject_id))
    for finding in findings:
        if finding.key in ("timescale_late", "timescale_next_late"):
            items.append(GateItem(f"{finding.key}:{finding.rule_key}:{finding.subject_id}", "timescale",
                                  finding.message, "setup", finding.subject_id))
        elif finding.key == "lead_area_decision":
            items.append(GateItem("lead_area", "lead_area", finding.message, "setup"))
    return items


def _within(ts: Timescale) -> str:
    """ "the same day", "within 1 working day": the timescale as the guidance words it."""
    if ts.value == 0 and ts.kind in ("days", "working_days"):
        return "the same day"
    unit = {"working_days": "working day", "days": "day", "weeks": "week", "months": "month", "hours": "hour"}
    word = unit.get(ts.kind, ts.kind)
    return f"within {ts.value} {word}{'' if ts.value == 1 else 's'}"


def _where_possible(ts: Timescale) -> str:
    return " where possible" if "where possible" in ts.note.casefold() else ""


def distribution_notes(profile: PracticeProfile, facts: DistributionFacts, today: date,
                       closures: frozenset[date] = frozenset()) -> list[GateItem]:
    """The gate's notes on the statutory timescales that count from the meeting (DOMAIN.md §8):
    "actions circulated the same day" and "the record within 1 working day where possible".

    Notes, never warnings: the guidance says "where possible", so finalising is never refused for
    them. Actions are noted when they have not been sent and their day has passed, or were sent
    after it (a meeting with no actions has none to send). The record is noted when it was
    finalised after its due day, or, not yet finalised, when finalising today would be after it.
    Nothing is noted before the meeting has been held. ``closures`` are council closure days (bank
    holidays and weekends are never working days).
    """
    if facts.held_on > today or facts.status in ("planned", "cancelled"):
        return []
    notes: list[GateItem] = []
    held = format_date(facts.held_on)
    actions = profile.timescales.get("actions_circulated")
    if actions is not None and facts.has_actions:
        due = timescale_due(actions, facts.held_on, closures)
        rule = f"(the guidance: actions circulated {_within(actions)})"
        same_day = actions.value == 0 and actions.kind in ("days", "working_days")
        sent = facts.actions_sent_on
        text = ""
        when = "on the day of the meeting" if same_day else f"by {format_date(due)}"
        if sent is not None and sent > due:
            text = f"Actions were not circulated {when}: they went out on {format_date(sent)} {rule}."
        elif sent is None and today > due:
            text = f"Actions were not circulated {when} and are not yet recorded as sent {rule}."
        elif sent is None:
            by = "today" if today >= due else f"by {format_date(due)}"
            text = f"Actions are not yet recorded as circulated: send them out {by} {rule}."
        if text:
            notes.append(GateItem("distribution:actions_circulated", "distribution", text, "distribution",
                                  severity="note"))
    record = profile.timescales.get("record_completed")
    if record is not None:
        due = timescale_due(record, facts.held_on, closures)
        rule = f"(the guidance: the record {_within(record)}{_where_possible(record)})"
        finalised = facts.finalised_on
        late = f"The record was not completed {_within(record)} of the meeting on {held}: it was due by {format_date(due)}"
        text = ""
        if finalised is not None and finalised > due:
            text = f"{late} and finalised on {format_date(finalised)} {rule}."
        elif finalised is None and today > due:
            text = f"{late} and is not yet finalised {rule}."
        if text:
            notes.append(GateItem("distribution:record_completed", "distribution", text, "distribution",
                                  severity="note"))
    return notes


def outstanding(items: Sequence[GateItem], overridden_keys: Collection[str]) -> list[GateItem]:
    """The items that hold finalising back: warnings the chair has not overridden (with a recorded
    reason). Notes never do."""
    overridden = set(overridden_keys)
    return [item for item in items if item.blocking and item.key not in overridden]
