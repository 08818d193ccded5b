"""The practice profile as plain, frozen data.

A practice profile says which meeting types a council runs and what each needs (chair roles,
cadence, agenda, who should attend, who must be told, the "must consider" checklist, decision
kinds, where minutes are filed). It is loaded from a TOML file by ``profile_loader``; nothing here
reads files, and nothing here knows about Qt or the database.

Collections keyed by a profile key are ``dict`` in file order, because the order in the file is the
order the interface offers things in.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path

# Closed vocabularies. The loader rejects anything else, so code may branch on these safely.
CATEGORIES = ("contextual", "individual")
CADENCE_KINDS = ("days", "working_days", "weeks", "agreed")
TIMESCALE_KINDS = ("hours", "days", "working_days", "weeks", "months")
SUBJECT_KINDS = ("child", "peer_group", "place", "person_of_concern")
ATTENDEE_CONDITIONS = (
    "always",
    "open_investigation",
    "place_subject",
    "peer_group_subject",
    "person_of_concern_subject",
    "child_subject",
    "child_in_care",
    "concern_in",
    "cross_boundary",
)
DECISION_SCOPES = ("group_place", "child")
RECORDING_SYSTEMS = ("LCS", "EHM")
CHILD_CONDITIONS = ("always", "open_referral", "no_open_referral", "ehm_referral", "no_ehm_referral")


@dataclass(frozen=True)
class MeetingFacts:
    """What is known about a meeting that decides which attendee and notification rules apply.

    ``subject_kinds`` holds the kinds of subject on the meeting (values of ``SUBJECT_KINDS``);
    ``concerns`` holds concern type keys recorded for it.
    """

    subject_kinds: frozenset[str] = frozenset()
    concerns: frozenset[str] = frozenset()
    open_investigation: bool = False
    child_in_care: bool = False
    cross_boundary: bool = False


def condition_holds(when: str, concerns: Collection[str], facts: MeetingFacts) -> bool:
    """Whether a rule's ``when`` condition holds for a meeting described by ``facts``."""
    if when == "always":
        return True
    if when == "open_investigation":
        return facts.open_investigation
    if when == "child_in_care":
        return facts.child_in_care
    if when == "cross_boundary":
        return facts.cross_boundary
    if when == "concern_in":
        return not facts.concerns.isdisjoint(concerns)
    if when.endswith("_subject"):
        return when.removesuffix("_subject") in facts.subject_kinds
    # The loader only lets vocabulary words through, so this is a programming error.
    raise ValueError(f"unknown condition {when!r}")


@dataclass(frozen=True)
class Cadence:
    """How soon the next meeting is due. ``value`` is None only for ``kind == "agreed"``."""

    kind: str
    value: int | None
    note: str = ""
    # A softer, earlier limit in the same unit ("6-8 weekly": value 8, note_after 6): a date after
    # it is noted, a date after ``value`` is warned about. None when the cadence has one limit.
    note_after: int | None = None
    # Table 2.1: core groups "within 6 weeks of ICPC and 8 weeks of RCPC". With ``after`` (a meeting
    # type key), ``after_review_value`` replaces ``value`` when the child's latest meeting of that
    # type is a review (its second or later), not the first.
    after: str = ""
    after_review_value: int | None = None
    # Set by ``cadence.cadence_for_children`` when the cadence after a review applies: the words for
    # when ("after a review child protection conference"), said in the cadence sentence.
    applies: str = ""

    @property
    def calendar_days(self) -> int | None:
        """The interval in calendar days, or None where a working-day calendar or the meeting decides."""
        if self.kind == "days":
            return self.value
        if self.kind == "weeks" and self.value is not None:
            return self.value * 7
        return None


@dataclass(frozen=True)
class AgendaTemplateItem:
    """One agenda line. ``minutes`` is the whole item's time, children included.

    With ``per_subject`` set, the app adds one copy of the item (and its children) per subject of
    that kind, and ``minutes`` is the time for each copy. ``prompts`` are keys of items of the
    meeting type's checklist to show the chair while this item is open.
    """

    key: str
    title: str
    minutes: int
    per_subject: str | None = None
    children: tuple[AgendaTemplateItem, ...] = ()
    prompts: tuple[str, ...] = ()


@dataclass(frozen=True)
class AttendeeRule:
    """Someone a meeting of this type should invite when ``when`` holds.

    ``agency`` is empty where the person may come from any agency. ``optional`` rules prompt the
    chair to consider an invitation; the others are gaps worth a warning when nobody fills them.
    """

    key: str
    label: str
    agency: str
    when: str
    concerns: tuple[str, ...] = ()
    optional: bool = False
    note: str = ""
    # Attendee role keys (from the profile's [attendee_roles] or [roles]) that fill this rule. A rule
    # with roles is filled only by someone recorded in one of them; one without is filled by agency.
    roles: tuple[str, ...] = ()
    # With roles: anyone from ``agency`` fills the rule too (the agency itself says who they are,
    # as the Violence Reduction Unit or community paediatrics does).
    any_from_agency: bool = False

    def applies(self, facts: MeetingFacts) -> bool:
        return condition_holds(self.when, self.concerns, facts)


@dataclass(frozen=True)
class NotificationRule:
    """Someone who must be told a meeting of this type is happening (record who was told, and when)."""

    key: str
    label: str
    when: str
    role: str | None = None
    concerns: tuple[str, ...] = ()
    note: str = ""

    def applies(self, facts: MeetingFacts) -> bool:
        return condition_holds(self.when, self.concerns, facts)


@dataclass(frozen=True)
class ChecklistItem:
    """A checklist item. ``number`` counts from 1 among its siblings (sub-items restart at 1)."""

    key: str
    number: int
    title: str
    help: str = ""
    sub_items: tuple[ChecklistItem, ...] = ()


@dataclass(frozen=True)
class Checklist:
    key: str
    title: str
    items: tuple[ChecklistItem, ...]

    def numbered_items(self) -> Iterator[tuple[str, ChecklistItem]]:
        """Every item and sub-item in order, with its display number ("2", "2.1")."""
        for item in self.items:
            yield str(item.number), item
            for sub in item.sub_items:
                yield f"{item.number}.{sub.number}", sub

    def item(self, key: str) -> ChecklistItem:
        for _number, item in self.numbered_items():
            if item.key == key:
                return item
        raise KeyError(f"checklist {self.key!r} has no item {key!r}")

    def item_keys(self) -> tuple[str, ...]:
        return tuple(item.key for _number, item in self.numbered_items())


@dataclass(frozen=True)
class DecisionKind:
    """A kind of decision a meeting may record.

    ``drafts_first_response_email``: the decision is put into effect by emailing First Response a
    summary of the discussion and the decision. ``needs_agreement`` names who must agree (shown to
    the chair, never enforced).
    """

    key: str
    label: str
    scope: str
    drafts_first_response_email: bool = False
    needs_agreement: str | None = None
    help: str = ""
    # The meeting types where ``needs_agreement`` applies (empty: every type). Threshold decisions
    # in Safer Options belong to the Area DSM; the same decision elsewhere follows its own pathway.
    agreement_in: tuple[str, ...] = ()

    def needs_agreement_in(self, meeting_type_key: str) -> str | None:
        """Who must agree this decision at a meeting of ``meeting_type_key``, or None."""
        if self.needs_agreement and (not self.agreement_in or meeting_type_key in self.agreement_in):
            return self.needs_agreement
        return None


@dataclass(frozen=True)
class PickItem:
    key: str
    label: str
    category: str | None = None
    help: str = ""


@dataclass(frozen=True)
class RecordingDestination:
    """Where a copy of the minutes goes on a child's record.

    ``applies_to`` lists the meeting types that name this destination. ``child_condition`` (one of
    ``CHILD_CONDITIONS``) says which children it is for; ``condition`` says the same in words.
    """

    key: str
    label: str
    system: str
    applies_to: tuple[str, ...]
    condition: str
    child_condition: str = "always"


@dataclass(frozen=True)
class Timescale:
    key: str
    label: str
    kind: str
    value: int
    starts_from: str = ""
    note: str = ""
    # Which meeting the timescale is for and what it counts from, so the app can compute it:
    # ``meeting_type`` is the meeting that must be held (empty: an after-the-meeting step such as
    # circulating actions); ``occurrence`` is which one for the child (1 first, 2 second, 0 any
    # later one); ``counts_from`` is "meeting" (this meeting), "previous" (the child's previous
    # meeting of the same type), "looked_after" (the date the child became looked after) or
    # another meeting type's key (the child's latest meeting of that type before it).
    meeting_type: str = ""
    occurrence: int = 0
    counts_from: str = ""
    # With ``counts_from`` a meeting type: which meeting of that type starts the clock (1: the
    # first, as "the initial child protection conference"); 0 for any.
    from_occurrence: int = 0


@dataclass(frozen=True)
class PlanningProcess:
    """Meeting types that together are one individual planning process (table 2.1 of the guidance):
    a child in two of them is not in two processes."""

    key: str
    label: str
    meeting_types: tuple[str, ...]


@dataclass(frozen=True)
class MeetingType:
    key: str
    name: str
    category: str
    description: str
    allowed_chair_roles: tuple[str, ...]
    any_chair: bool
    cadence: Cadence
    default_minutes: int
    agenda: tuple[AgendaTemplateItem, ...]
    required_attendees: tuple[AttendeeRule, ...]
    notifications: tuple[NotificationRule, ...]
    checklist_key: str | None
    decision_kinds: tuple[str, ...]
    recording_destinations: tuple[str, ...]
    use_when: str = ""
    lead: str = ""
    assessment: str = ""
    co_chair_roles: tuple[str, ...] = ()
    legal_statuses: tuple[str, ...] = ()
    # Concern types this meeting does not take (Safer Options: online sexual exploitation,
    # peer-on-peer sexual harm, sexual exploitation by a single perpetrator), with the guidance's
    # words on where they go instead.
    excluded_concerns: tuple[str, ...] = ()
    exclusion_note: str = ""

    @property
    def is_contextual(self) -> bool:
        return self.category == "contextual"

    def chair_role_allowed(self, role_key: str) -> bool:
        """Whether the guidance lets someone in this role chair; co-chair roles do not count."""
        return self.any_chair or role_key in self.allowed_chair_roles

    def attendees_expected(self, facts: MeetingFacts) -> tuple[AttendeeRule, ...]:
        return tuple(rule for rule in self.required_attendees if rule.applies(facts))

    def notifications_due(self, facts: MeetingFacts) -> tuple[NotificationRule, ...]:
        return tuple(rule for rule in self.notifications if rule.applies(facts))


# How much an intervention with a place or peer group changed things, worst to best (key → label);
# a profile's [impact_scale] replaces it.
DEFAULT_IMPACT_SCALE = {
    "worse": "Worse",
    "no_change": "No change",
    "some_improvement": "Some improvement",
    "improved": "Improved",
    "resolved": "Concern resolved",
}

DEFAULT_REDACTION_BASES = {
    "third_party": "Third-party personal data (DPA 2018 Schedule 2 paragraph 16)",
    "serious_harm": "Serious harm: social work records (DPA 2018 Schedule 3 paragraphs 7 to 10)",
    "crime_prevention": "Prejudice to a police investigation or the prevention of crime "
                        "(DPA 2018 Schedule 2 paragraph 2)",
    "legal_privilege": "Legal professional privilege (DPA 2018 Schedule 2 paragraph 19)",
}


@dataclass(frozen=True)
class PracticeProfile:
    name: str
    version: str
    council: str
    path: Path | None
    agencies: tuple[str, ...]
    roles: dict[str, str]
    legal_statuses: dict[str, str]
    concern_types: dict[str, str]
    meeting_types: dict[str, MeetingType]
    checklists: dict[str, Checklist]
    decision_kinds: dict[str, DecisionKind]
    disruption_tactics: tuple[PickItem, ...]
    recording_destinations: dict[str, RecordingDestination]
    lawful_bases: dict[str, str]
    timescales: dict[str, Timescale]
    description: str = ""
    disruption_categories: dict[str, str] = field(default_factory=dict)
    format: int = 1
    protective_marking: str = "OFFICIAL-SENSITIVE"
    # In a disclosure copy, persons of concern are kept as recorded ("keep") or replaced by
    # "Person of concern 1", "2"… ("label").
    persons_of_concern_in_disclosures: str = "keep"
    # The legal bases a redaction in a disclosure copy can rest on (key → label), from the profile's
    # [redaction_bases]; every replacement and withheld note carries one, as SAR redaction tools do.
    redaction_bases: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_REDACTION_BASES))
    # Print the basis in place ("[withheld: serious harm]", "[Child B]") rather than leave no trace.
    show_redaction_basis: bool = False
    # The scale an intervention's outcome is rated on when it is closed, worst first.
    impact_scale: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_IMPACT_SCALE))
    # Roles an attendee can be recorded in (key → label), besides the chair roles in ``roles``, and
    # other wordings of each that are taken as that role when typed (compared ignoring case).
    attendee_roles: dict[str, str] = field(default_factory=dict)
    attendee_role_aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    planning_processes: dict[str, PlanningProcess] = field(default_factory=dict)
    # Legal statuses that mean the child has an open referral (for filing), whatever the tick box says.
    open_referral_statuses: tuple[str, ...] = ()

    def attendee_role_choices(self) -> list[tuple[str, str]]:
        """(key, label) of every role an attendee can be recorded in: attendee roles, then chair roles."""
        choices = dict(self.attendee_roles)
        for key, label in self.roles.items():
            choices.setdefault(key, label)
        return list(choices.items())

    def same_planning_process(self, type_a: str, type_b: str) -> bool:
        """Whether meetings of these two types are one individual planning process for a child."""
        if type_a == type_b:
            return True
        return any(type_a in p.meeting_types and type_b in p.meeting_types for p in self.planning_processes.values())

    def meeting_type(self, key: str) -> MeetingType:
        try:
            return self.meeting_types[key]
        except KeyError:
            # A stored meeting of a type this profile lacks (another council's, an older profile)
            # gets a generic stand-in, so it still opens and exports; ``missing_type_warning``
            # says so. Code that creates meetings checks ``meeting_types``: a new one needs a real type.
            return generic_meeting_type(key)

    def missing_type_warning(self, key: str) -> str | None:
        """One sentence when a stored meeting's type is not in this profile, else None."""
        if key in self.meeting_types:
            return None
        return (f"The meeting type {key!r} is not in the practice profile “{self.name}”: the meeting "
                "is shown and exported with a generic description, without that type's checklist, agenda "
                "template and rules. Use the profile it was recorded under to see them.")

    def type_choices(self) -> list[tuple[str, str]]:
        """(key, name) for every meeting type, in the profile's order, for pickers."""
        return [(key, meeting_type.name) for key, meeting_type in self.meeting_types.items()]

    # Label look-ups fall back to the key: a meeting recorded under an older profile may use a key
    # a newer profile dropped, and its minutes must still display.
    def role_label(self, key: str) -> str:
        return self.roles.get(key, key)

    def legal_status_label(self, key: str) -> str:
        return self.legal_statuses.get(key, key)

    def concern_label(self, key: str) -> str:
        return self.concern_types.get(key, key)

    def checklist_for(self, meeting_type_key: str) -> Checklist | None:
        checklist_key = self.meeting_type(meeting_type_key).checklist_key
        return self.checklists[checklist_key] if checklist_key else None

    def decision_kinds_for(self, meeting_type_key: str) -> tuple[DecisionKind, ...]:
        return tuple(self.decision_kinds[k] for k in self.meeting_type(meeting_type_key).decision_kinds)

    def destinations_for(self, meeting_type_key: str) -> tuple[RecordingDestination, ...]:
        keys = self.meeting_type(meeting_type_key).recording_destinations
        return tuple(self.recording_destinations[k] for k in keys)

    def disruption_tactic(self, key: str) -> PickItem:
        for tactic in self.disruption_tactics:
            if tactic.key == key:
                return tactic
        raise KeyError(f"no disruption tactic {key!r} in profile {self.name!r}")


def generic_meeting_type(key: str) -> MeetingType:
    """A stand-in for a type the profile lacks: it asks nothing (any chair, no cadence, checklist,
    attendees or decision kinds), so no rule fires on guesses about what the real type needed."""
    words = key.replace("_", " ").strip().capitalize() or "Meeting"
    name = words if words.lower().endswith("meeting") else f"{words} meeting"
    return MeetingType(
        key=key, name=f"{name} (type not in this practice profile)", category="contextual",
        description="A meeting type the practice profile in use does not describe.",
        allowed_chair_roles=(), any_chair=True, cadence=Cadence("agreed", None), default_minutes=60, agenda=(),
        required_attendees=(), notifications=(), checklist_key=None, decision_kinds=(), recording_destinations=())
