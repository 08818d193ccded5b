"""Rules the app checks while a meeting is set up: chair, who should attend, who must be told, the
harmful sexual behaviour protocol, and one individual planning process per child.

Every check explains and none blocks: the chair may decide otherwise (DOMAIN.md §3). Inputs are
plain frozen dataclasses, so these rules know nothing of Qt, the database or files.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

from efh_desktop.domain.attendee_roles import rule_filled_by
from efh_desktop.domain.findings import RuleFinding, full_stop, in_sentence, join_or, ordered, with_article
from efh_desktop.domain.profile import (
    AttendeeRule,
    MeetingFacts,
    MeetingType,
    NotificationRule,
    PracticeProfile,
)
from efh_desktop.domain.uk_dates import format_date

ATTENDANCE_STATES = ("invited", "present", "apologies", "sent_information", "part")
# Keys in bristol.toml: "significant harm between two unrelated children as a result of peer-on-peer
# abuse" is managed under the Harmful Sexual Behaviour Protocol, whichever of these it is recorded as.
HSB_CONCERNS = frozenset({"peer_on_peer_abuse", "harmful_sexual_behaviour", "peer_on_peer_sexual_harm"})


@dataclass(frozen=True)
class SubjectFacts:
    id: int
    kind: str  # one of profile SUBJECT_KINDS
    name: str
    in_care: bool = False
    yot_order: bool = False
    legal_status: str = ""  # a profile legal status key; "" when unknown or not a child
    locality: str = ""  # where a child lives; where a peer group or place is
    open_referral: bool = False  # the child's "open referral" box
    date_of_birth: date | None = None  # a child's (or a person of concern's), when known
    treat_as_child: bool = False  # a person of concern marked as a child (a child who harms)


def adult_on(born: date | None, day: date) -> bool:
    """Whether someone born on ``born`` is 18 or over on ``day`` (a UK day). A child is under 18;
    an unknown date of birth is taken as a child's. Born on 29 February: 18 on 1 March in a year
    that is not a leap year."""
    if born is None:
        return False
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day)) >= 18


def adult_ids(subjects: Iterable[SubjectFacts], day: date | None) -> frozenset[int]:
    """The children on a meeting who are 18 or over on its day (guidance §4 keeps "possible victims
    who are now adults" apart from the children)."""
    if day is None:
        return frozenset()
    return frozenset(s.id for s in subjects if s.kind == "child" and adult_on(s.date_of_birth, day))


@dataclass(frozen=True)
class AttendeeFacts:
    id: int
    name: str
    role: str
    agency: str
    team: str
    status: str  # one of ATTENDANCE_STATES
    rule_key: str = ""  # the attendee rule the chair linked this person to, if any
    role_key: str = ""  # their role from the profile's list (attendee_roles.attendee_role_key)


@dataclass(frozen=True)
class OtherPlanning:
    """Another individual planning meeting the child is in."""

    subject_id: int
    meeting_type_key: str
    meeting_type_name: str
    starts_on: date


@dataclass(frozen=True)
class Agreement:
    """A recorded agreement on how concurrent meetings for a child are arranged, chaired and structured."""

    subject_id: int
    text: str


@dataclass(frozen=True)
class AttendeePrompt:
    """An attendee rule that applies, who on the list fills it, and how far (``state``)."""

    rule: AttendeeRule
    matched: tuple[AttendeeFacts, ...]
    state: str  # missing, invited, present, apologies, sent_information


def check_chair(profile: PracticeProfile, meeting_type: MeetingType, role_key: str | None) -> RuleFinding | None:
    if meeting_type.any_chair or (role_key and meeting_type.chair_role_allowed(role_key)):
        return None
    if not role_key:
        return RuleFinding("chair_not_recorded", "hint", "No chair role recorded yet.")
    allowed = join_or([profile.role_label(key) for key in meeting_type.allowed_chair_roles])
    role = profile.role_label(role_key)
    # A co-chair is named by the guidance, so say so rather than imply they have no place.
    tail = "co-chairs but does not chair" if role_key in meeting_type.co_chair_roles else "is not one of them"
    quote = f" {full_stop(meeting_type.chair_note)}" if meeting_type.chair_note.strip() else ""
    return RuleFinding("chair_not_allowed", "warning",
                       f"The practice profile says {with_article(in_sentence(meeting_type.name))} is chaired by "
                       f"{with_article(allowed)}; {role} {tail}.{quote}")


def meeting_facts(subjects: Iterable[SubjectFacts], concerns: Collection[str], police_operation: str,
                  cross_boundary: bool = False, officer_in_charge: str = "") -> MeetingFacts:
    """The profile's ``MeetingFacts`` for a set-up. A named police operation, or an officer in
    charge named on the meeting, means an open investigation."""
    subjects = list(subjects)
    return MeetingFacts(
        subject_kinds=frozenset(s.kind for s in subjects),
        concerns=frozenset(concerns),
        open_investigation=bool(police_operation.strip() or officer_in_charge.strip()),
        child_in_care=any(s.kind == "child" and (s.in_care or s.legal_status == "child_in_care") for s in subjects),
        cross_boundary=cross_boundary,
    )


def _matches(rule: AttendeeRule, attendee: AttendeeFacts) -> bool:
    """A person linked to a rule ("Covers") fills that rule only; otherwise their role from the
    profile's list (``role_key``) or their agency decides (``attendee_roles.rule_filled_by``)."""
    if attendee.rule_key:
        return attendee.rule_key == rule.key
    return rule_filled_by(rule, attendee.role_key, attendee.agency)


def _state(matched: tuple[AttendeeFacts, ...]) -> str:
    statuses = {a.status for a in matched}
    if not matched:
        return "missing"
    if statuses & {"present", "part"}:
        return "present"
    if "sent_information" in statuses:  # the agency's information is in, even if nobody comes
        return "sent_information"
    if statuses == {"apologies"}:
        return "apologies"
    return "invited"


def required_attendees(meeting_type: MeetingType, facts: MeetingFacts,
                       attendees: Iterable[AttendeeFacts]) -> list[AttendeePrompt]:
    """One prompt per attendee rule that applies to this meeting, in the profile's order."""
    attendees = list(attendees)
    prompts = []
    for rule in meeting_type.attendees_expected(facts):
        matched = tuple(a for a in attendees if _matches(rule, a))
        prompts.append(AttendeePrompt(rule, matched, _state(matched)))
    return prompts


def missing_attendees(prompts: Iterable[AttendeePrompt]) -> list[AttendeePrompt]:
    return [p for p in prompts if p.state == "missing" and not p.rule.optional]


def notifications_due(meeting_type: MeetingType, facts: MeetingFacts) -> tuple[NotificationRule, ...]:
    due = getattr(meeting_type, "notifications_due", None)
    return tuple(due(facts)) if due is not None else ()


def harmful_sexual_behaviour_hint(meeting_type: MeetingType, subjects: Iterable[SubjectFacts],
                                  concerns: Collection[str], held_on: date | None = None) -> RuleFinding | None:
    """Two children (a child harmed, and another child or a person of concern who is a child who
    harms) and no adult person of concern, with peer-on-peer abuse or harmful sexual behaviour.

    Places and peer groups on the meeting do not stop the hint: it only asks the chair to think.
    With ``held_on``, someone 18 or over that day is not one of the two children (guidance §4:
    "significant harm between two unrelated children").
    """
    if meeting_type.key != "complex_strategy" or HSB_CONCERNS.isdisjoint(concerns):
        return None
    subjects = list(subjects)
    adults = adult_ids(subjects, held_on)
    children = [s for s in subjects if s.kind == "child" and s.id not in adults]
    # A person of concern may be "a child who harms" (DOMAIN §2): marked so, or under 18 that day.
    people = [s for s in subjects if s.kind == "person_of_concern"]
    harming_children = [p for p in people if p.treat_as_child or (
        p.date_of_birth is not None and held_on is not None and not adult_on(p.date_of_birth, held_on))]
    if (not children or len(children) + len(harming_children) != 2
            or len(harming_children) != len(people)):
        return None
    return RuleFinding("harmful_sexual_behaviour_protocol", "hint",
                       "Harm between just two unrelated children from peer-on-peer abuse is not a complex "
                       "strategy: the team manager uses the harmful sexual behaviour protocol.")


def _meeting_list(others: list[OtherPlanning]) -> str:
    parts = [f"{with_article(in_sentence(o.meeting_type_name))} ({format_date(o.starts_on)})" for o in others]
    return join_or(parts, "and")


def _ended_before(other: OtherPlanning, child: SubjectFacts, meeting_type: MeetingType, held_on: date | None,
                  every: list[OtherPlanning], profile: PracticeProfile | None) -> bool:
    """Whether ``other``, an earlier meeting of another process, belongs to a process that ended
    before this meeting: the child stepped up or down rather than being in two at once.

    Either a meeting of this meeting's process came between (child in need, then the strategy
    discussion, then the conference), or, before this process began, the child's legal status now is
    one table 2.1 gives this meeting type and not the other's (child protection ended, child in need
    now). Never with a YOT
    order: then the processes do run together, and the agreement is what the rule asks for.
    """
    if profile is None or held_on is None or child.yot_order or other.starts_on >= held_on:
        return False
    for later in every:
        if (later.subject_id == child.id and other.starts_on < later.starts_on <= held_on
                and profile.same_planning_process(later.meeting_type_key, meeting_type.key)):
            return True
    status = child.legal_status
    before = profile.meeting_types.get(other.meeting_type_key)
    if not (status and before is not None and before.legal_statuses and meeting_type.legal_statuses
            and status in meeting_type.legal_statuses and status not in before.legal_statuses):
        return False
    # Only when this process had not started before the other meeting (one of its meetings, other
    # than a strategy discussion both share, held before it would make them run side by side).
    return not any(o.subject_id == child.id and o.starts_on < other.starts_on
                   and profile.same_planning_process(o.meeting_type_key, meeting_type.key)
                   and not profile.same_planning_process(o.meeting_type_key, other.meeting_type_key)
                   for o in every)


def planning_process_warnings(meeting_type: MeetingType, subjects: Iterable[SubjectFacts],
                              others: Iterable[OtherPlanning],
                              agreements: Iterable[Agreement],
                              profile: PracticeProfile | None = None,
                              held_on: date | None = None) -> list[RuleFinding]:
    """One child, one individual planning process at a time, unless a concurrent YOT order.

    A meeting of this same type is this process, not another one, so it is left out; so is a
    meeting of a type the profile's ``planning_processes`` puts in one process with this type
    (table 2.1: a core group after the conference, a risk management meeting for a child with
    child in care reviews, a conference after the strategy discussion that called it). With
    ``held_on`` (this meeting's date), an earlier meeting of a process that has since ended (the
    child stepped up or down: ``_ended_before``) is left out too.
    """
    if meeting_type.category != "individual":
        return []
    every = list(others)
    if profile is not None:
        others = [o for o in every if not profile.same_planning_process(o.meeting_type_key, meeting_type.key)]
    else:
        others = [o for o in every if o.meeting_type_key != meeting_type.key]
    agreed = {a.subject_id: a.text.strip() for a in agreements if a.text.strip()}
    findings = []
    for child in (s for s in subjects if s.kind == "child"):
        theirs = sorted((o for o in others if o.subject_id == child.id
                         and not _ended_before(o, child, meeting_type, held_on, every, profile)),
                        key=lambda o: o.starts_on)
        if not theirs:
            continue
        already = f"{child.name} is already in {_meeting_list(theirs)}."
        rule = "One child, one individual planning process at a time"
        if child.yot_order and child.id in agreed:
            findings.append(RuleFinding("concurrent_planning_agreed", "info",
                                        f"{already} {child.name} has a YOT order and an agreement on how the "
                                        f"meetings are arranged, chaired and structured is recorded: "
                                        f"\u201c{agreed[child.id]}\u201d", subject_id=child.id))
        elif child.yot_order:
            findings.append(RuleFinding("concurrent_planning_agreement_needed", "warning",
                                        f"{already} {rule}: with a concurrent YOT order, an agreement on how "
                                        "meetings are arranged, chaired and structured must be recorded.",
                                        subject_id=child.id))
        else:
            findings.append(RuleFinding("one_planning_process", "warning", f"{already} {rule}.",
                                        subject_id=child.id))
    return findings


def _attendee_findings(meeting_type: MeetingType, prompts: list[AttendeePrompt]) -> list[RuleFinding]:
    name = with_article(in_sentence(meeting_type.name))
    findings = []
    for prompt in prompts:
        rule = prompt.rule
        if prompt.state == "missing":
            verb = "could include" if rule.optional else "should include"
            findings.append(RuleFinding("attendee_missing", "hint" if rule.optional else "warning",
                                        f"The practice profile says {name} {verb}: {rule.label}. Nobody on the "
                                        "attendance list is linked to it yet.", rule_key=rule.key))
        elif prompt.state == "apologies" and not rule.optional:
            findings.append(RuleFinding("attendee_apologies", "hint",
                                        f"The practice profile says {name} should include: {rule.label}. Everyone "
                                        "linked to it has sent apologies.", rule_key=rule.key))
    return findings


def setup_findings(profile: PracticeProfile, meeting_type: MeetingType, *, chair_role_key: str | None,
                   subjects: Iterable[SubjectFacts], concerns: Collection[str] = (), police_operation: str = "",
                   attendees: Iterable[AttendeeFacts] = (), others: Iterable[OtherPlanning] = (),
                   agreements: Iterable[Agreement] = (), cross_boundary: bool = False,
                   notified_keys: Collection[str] | None = None, officer_in_charge: str = "",
                   held_on: date | None = None) -> list[RuleFinding]:
    """Every set-up check, ordered warnings, hints, then information.

    Notifications are only checked when ``notified_keys`` (the notification rules already recorded
    as done) is given, because a caller that does not track them would get a hint it cannot clear.
    """
    subjects = list(subjects)
    facts = meeting_facts(subjects, tuple(concerns), police_operation, cross_boundary, officer_in_charge)
    findings: list[RuleFinding] = []
    chair = check_chair(profile, meeting_type, chair_role_key)
    if chair:
        findings.append(chair)
    findings += _attendee_findings(meeting_type, required_attendees(meeting_type, facts, attendees))
    if notified_keys is not None:
        for rule in notifications_due(meeting_type, facts):
            if rule.key not in notified_keys:
                findings.append(RuleFinding("notification_due", "hint",
                                            f"The practice profile says the {rule.label} must be told about this "
                                            f"{in_sentence(meeting_type.name)}: record who was told, and when.",
                                            rule_key=rule.key))
    hsb = harmful_sexual_behaviour_hint(meeting_type, subjects, concerns, held_on)
    if hsb:
        findings.append(hsb)
    findings += planning_process_warnings(meeting_type, subjects, others, agreements, profile, held_on)
    return ordered(findings)
