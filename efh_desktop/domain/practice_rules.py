"""Practice rules from the guidance that advise the chair: is this the right meeting (eligibility),
in the right area, and the notes the guidance gives the chair (the same paediatrician each time).

Every check explains and none blocks (DOMAIN.md §3). Messages quote the guidance. Pure functions:
inputs are plain values and the profile's frozen data, so nothing here knows Qt, SQL or files.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from efh_desktop.domain.findings import RuleFinding, full_stop, in_sentence, join_or, with_article
from efh_desktop.domain.profile_model import MeetingType, PracticeProfile
from efh_desktop.domain.setup_rules import SubjectFacts

COMPLEX_STRATEGY = "complex_strategy"
SAFER_OPTIONS_TYPES = ("safer_options", "safer_options_extraordinary")

# How a child came to a Safer Options meeting (meeting_subject.came_through): the filing
# destination depends on it (guidance §3, "Information and action agreed should be recorded…").
CAME_THROUGH = {
    "": "Not recorded yet",
    "ehm_referral": "An EHM referral from First Response",
    "other": "Another route (data set, police intelligence, escalation…)",
}

_MORE_THAN_ONE = ("A complex strategy is required when more than one unrelated child is suspected or known to be "
                  "experiencing significant or serious harm from the same source.")


def _norm(text: str) -> str:
    """Case, spacing, Unicode form and apostrophe ignored: "Ynys Môn" typed on a Mac (decomposed) and
    "King’s Heath" with a typographic apostrophe are the same words as typed elsewhere."""
    text = unicodedata.normalize("NFKC", text or "").casefold().replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(unicodedata.normalize("NFC", text).split())


def name_key(text: str) -> str:
    """A written name as compared for "the same entry": case, spacing, Unicode form and apostrophe
    ignored (a name pasted from a Mac arrives decomposed; "O’Neill" and "O'Neill" are one name)."""
    return _norm(text)


# Ranks and titles a name may be written with or without ("Dr Ines Okafor" is "Ines Okafor").
_TITLES = frozenset({"dc", "ds", "di", "dci", "dsi", "dcs", "pc", "ps", "pcso", "sgt", "insp", "det", "detective",
                     "constable", "sergeant", "inspector", "chief", "superintendent", "mr", "mrs", "ms", "miss",
                     "mx", "dr", "prof", "professor"})


def same_person(a: str, b: str) -> bool:
    """Whether two written names are one person's: case, spacing, full stops and a leading rank or
    title ignored ("DC Rhian Powys", "rhian powys")."""
    def core(name: str) -> str:
        words = _norm(name).replace(".", " ").split()
        while len(words) > 1 and words[0] in _TITLES:
            words = words[1:]
        return " ".join(words)

    return bool(core(a)) and core(a) == core(b)


def concern_keys(profile: PracticeProfile, text: str) -> tuple[tuple[str, ...], list[str]]:
    """The concern keys in a comma-separated list as typed or imported ("County Lines, KNIFE_CRIME"):
    each item is a concern's key or label, ignoring case, spacing and "-"/"_"; duplicates are kept
    once, in order. Returns (keys, items not in the profile)."""
    def fold(words: str) -> str:
        return " ".join(words.casefold().replace("_", " ").replace("-", " ").split())

    known = {fold(key): key for key in profile.concern_types}
    for key, label in profile.concern_types.items():
        known.setdefault(fold(label), key)
    keys: list[str] = []
    unknown: list[str] = []
    for item in (text or "").split(","):
        if not item.strip():
            continue
        found = known.get(fold(item))
        if found is None:
            unknown.append(item.strip())
        elif found not in keys:
            keys.append(found)
    return tuple(keys), unknown


# --- eligibility -------------------------------------------------------------------------------


def unrelated_groups(child_ids: Sequence[int], related_pairs: Iterable[tuple[int, int]]) -> list[set[int]]:
    """The children split into groups known to be related (siblings; related to a sibling's sibling
    too). Two children in different groups are unrelated."""
    parent = {c: c for c in child_ids}

    def find(c: int) -> int:
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    for a, b in related_pairs:
        if a in parent and b in parent and a != b:
            parent[find(a)] = find(b)
    groups: dict[int, set[int]] = {}
    for c in child_ids:
        groups.setdefault(find(c), set()).add(c)
    return list(groups.values())


def complex_strategy_eligibility(meeting_type: MeetingType, subjects: Iterable[SubjectFacts],
                                 related_pairs: Iterable[tuple[int, int]] = (),
                                 group_members: Mapping[int, Collection[int]] | None = None,
                                 adults: Collection[int] = ()) -> RuleFinding | None:
    """A hint when a complex strategy has one child, or only children known to be related.

    The children are those on the meeting and the members of its peer groups (``group_members``:
    peer group id → member child ids). With no child named yet nothing is said: the meeting may be
    about a place or peer group first; nor with a peer group whose members are not recorded.
    ``adults`` are the ids of those recorded as children who are 18 or over on the day of the
    meeting: they are not children for this test (guidance §4 lists "possible victims who are now
    adults" apart from the children), however many meetings of the series counted them before.
    """
    if meeting_type.key != COMPLEX_STRATEGY:
        return None
    subjects = list(subjects)
    members = group_members or {}
    grown = set(adults)
    groups = [s.id for s in subjects if s.kind == "peer_group"]
    if any(not members.get(g) for g in groups):
        return None  # a peer group is children: until its members are recorded, nobody can count them
    named = [s for s in subjects if s.kind == "child"]
    children = [s for s in named if s.id not in grown]
    now_adults = [s.name for s in named if s.id in grown]
    ids = sorted({c.id for c in children}.union(*(members[g] for g in groups)) - grown)
    if not ids:
        if not now_adults:
            return None
        return RuleFinding("complex_strategy_no_child", "hint",
                           f"{_MORE_THAN_ONE} {join_or(now_adults, 'and')} "
                           f"{'is' if len(now_adults) == 1 else 'are'} 18 or over on the day of this meeting, so "
                           "nobody on it is a child: possible victims who are now adults are considered under the "
                           "scale of the concerns.")
    adult_note = (f" {join_or(now_adults, 'and')} {'is' if len(now_adults) == 1 else 'are'} 18 or over on the day "
                  f"of this meeting: {'a possible victim who is' if len(now_adults) == 1 else 'possible victims who are'}"
                  " now an adult, not a child." if now_adults else "")
    if len(ids) == 1 and len(children) == 1:
        return RuleFinding("complex_strategy_one_child", "hint",
                           f"{_MORE_THAN_ONE} Only one child is on this meeting ({children[0].name}): consider "
                           f"individual planning for the child, such as a child protection strategy meeting."
                           f"{adult_note}")
    if len(ids) == 1:
        return None  # one child, the member of a group on the meeting: the group is the subject
    if len(unrelated_groups(ids, related_pairs)) == 1:
        return RuleFinding("complex_strategy_related_children", "hint",
                           f"{_MORE_THAN_ONE} The children on this meeting are known to be related (siblings), "
                           "so they are not more than one unrelated child.")
    return None


def person_of_concern_prompt(meeting_type: MeetingType, person_id: int, person_name: str, unrelated_children: int,
                             meetings: int) -> RuleFinding | None:
    """A hint on a meeting about a person of concern who is linked to several unrelated children
    discussed at different meetings: consider a complex strategy. Not on a complex strategy itself
    (that is the meeting the hint would suggest), nor for fewer than two unrelated children or two
    meetings."""
    if meeting_type.key == COMPLEX_STRATEGY or unrelated_children < 2 or meetings < 2:
        return None
    return RuleFinding("person_of_concern_unrelated_children", "hint",
                       f"{person_name} is linked to {unrelated_children} unrelated children discussed at {meetings} "
                       f"different meetings: consider whether a complex strategy meeting is needed. {_MORE_THAN_ONE}",
                       subject_id=person_id)


def safer_options_exclusions(profile: PracticeProfile, meeting_type: MeetingType, concerns: Collection[str],
                             subjects: Iterable[SubjectFacts] = ()) -> list[RuleFinding]:
    """Concerns Safer Options does not take: advised to individual assessment and care planning."""
    if not meeting_type.excluded_concerns:
        return []
    excluded = [c for c in meeting_type.excluded_concerns if c in concerns]
    findings = []
    note = full_stop(meeting_type.exclusion_note) if meeting_type.exclusion_note else (
        "It should be managed through individual assessment and care planning in the normal pathways.")
    if excluded:
        labels = join_or([in_sentence(profile.concern_label(c)) for c in excluded], "and")
        findings.append(RuleFinding("safer_options_excluded_concern", "warning",
                                    f"This {in_sentence(meeting_type.name)} is recorded as about {labels}. {note}"))
    kinds = [s.kind for s in subjects]
    if ("single_perpetrator_sexual_exploitation" in meeting_type.excluded_concerns
            and "single_perpetrator_sexual_exploitation" not in concerns and "sexual_exploitation" in concerns
            and kinds.count("person_of_concern") == 1 and "peer_group" not in kinds):
        findings.append(RuleFinding("safer_options_single_perpetrator", "hint",
                                    "Child sexual exploitation with one person of concern and no peer group: if the "
                                    "exploitation is by a single perpetrator it is excluded from Safer Options and "
                                    "should be managed through individual assessment and care planning in the "
                                    "normal pathways. By organised child sexual exploitation the guidance means "
                                    "connections with a peer group also experiencing child sexual exploitation, or "
                                    "perpetrators who are connected."))
    return findings


def legal_status_fit(profile: PracticeProfile, meeting_type: MeetingType, subjects: Iterable[SubjectFacts],
                     also_fits: Mapping[int, Collection[str]] | None = None) -> list[RuleFinding]:
    """A note for each child whose legal status is not one table 2.1 gives this meeting type. A
    meeting type for an open referral (the strategy: "Open Referral – any legal status") fits any
    child whose "open referral" box is ticked, whatever their legal status. ``also_fits`` (child id →
    legal statuses) adds statuses for one child: an initial conference fits the statuses of the
    strategy discussion that called it (``timescales.initial_meeting_statuses``)."""
    if meeting_type.category != "individual" or not meeting_type.legal_statuses:
        return []
    findings = []
    for child in (s for s in subjects if s.kind == "child" and s.legal_status):
        if child.legal_status in meeting_type.legal_statuses:
            continue
        if child.open_referral and "open_referral" in meeting_type.legal_statuses:
            continue
        if also_fits and child.legal_status in also_fits.get(child.id, ()):
            continue
        status = profile.legal_status_label(child.legal_status)
        fitting = [t.name for t in profile.meeting_types.values()
                   if t.category == "individual" and child.legal_status in t.legal_statuses]
        wanted = join_or([in_sentence(profile.legal_status_label(k)) for k in meeting_type.legal_statuses], "or")
        plural = [in_sentence(n) if n.endswith("s") else f"{in_sentence(n)}s" for n in fitting]
        fits = (f"; for {in_sentence(status)} it gives {join_or(plural, 'or')}"
                if fitting else "")
        findings.append(RuleFinding("legal_status_fit", "info",
                                    f"{child.name}'s legal status is {in_sentence(status)}. Table 2.1 of the "
                                    f"guidance gives {with_article(in_sentence(meeting_type.name))} for {wanted}"
                                    f"{fits}.", subject_id=child.id))
    return findings


# --- areas -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LeadAreaDecision:
    """Where harm crosses boundaries: which area leads, and who decided (Safer Options Manager and DSM)."""

    lead_area: str = ""
    decided_by: str = ""

    @property
    def recorded(self) -> bool:
        return bool(self.lead_area.strip() and self.decided_by.strip())


def area_findings(meeting_type: MeetingType, meeting_locality: str, subjects: Iterable[SubjectFacts], *,
                  cross_boundary: bool, decision: LeadAreaDecision = LeadAreaDecision(),
                  lead_authority: str = "") -> list[RuleFinding]:
    """Safer Options: a child in the area they live in, a peer group or place where the harm happens,
    and across boundaries a recorded decision on who leads. Complex strategy: led where the harm is
    primarily occurring."""
    subjects = list(subjects)
    here = _norm(meeting_locality)
    findings: list[RuleFinding] = []
    if meeting_type.key in SAFER_OPTIONS_TYPES and not here:
        # Table 2.2: "Weekly in each locality". Without the locality the area rules cannot be checked.
        findings.append(RuleFinding(
            "safer_options_locality_missing", "hint",
            "Record the locality this meeting is for. Safer Options meetings are held weekly in each locality: "
            "a child is discussed in the area they live in, and a peer group or place in the area the harm is "
            "happening."))
    if meeting_type.key in SAFER_OPTIONS_TYPES:
        # Across boundaries the area decided on leads and "will make delegated decisions on behalf of
        # the other locality": its meeting discusses the other area's children, groups and places.
        leads_here = cross_boundary and decision.recorded and _norm(decision.lead_area) == here
        for s in subjects:
            there = _norm(s.locality)
            if not here or not there or here == there or leads_here:
                continue
            if s.kind == "child":
                findings.append(RuleFinding(
                    "area_child", "info",
                    f"{s.name} lives in {s.locality.strip()}, and this meeting is for {meeting_locality.strip()}. "
                    "Where the discussion is about an individual child it is held in the area who has "
                    "responsibility for them – ie the area they live in.", subject_id=s.id))
            elif s.kind in ("peer_group", "place"):
                findings.append(RuleFinding(
                    "area_group_place", "info",
                    f"{s.name} is recorded in {s.locality.strip()}, and this meeting is for "
                    f"{meeting_locality.strip()}. When the discussion is about a peer group or place in the "
                    "locality they are discussed in the area the harm is happening.", subject_id=s.id))
        if cross_boundary:
            if decision.recorded:
                elsewhere = (f", and this meeting is for {meeting_locality.strip()}: {decision.lead_area.strip()} "
                             "will lead on these discussions and make delegated decisions on behalf of the other "
                             "locality" if here and _norm(decision.lead_area) != here else "")
                findings.append(RuleFinding(
                    "lead_area_recorded", "info",
                    f"Harm crosses boundaries: {decision.lead_area.strip()} leads, decided by "
                    f"{decision.decided_by.strip()}{elsewhere}."))
            else:
                findings.append(RuleFinding(
                    "lead_area_decision", "warning",
                    "Where harm crosses boundaries a decision will be made between the Safer Options Manager and "
                    "Deputy Service Manager about which area will lead on these discussions: record which area "
                    "leads and who decided."))
    elif meeting_type.key == COMPLEX_STRATEGY:
        # Where the harm happens: the places and peer groups (a child's locality is where they live).
        where = [s for s in subjects if s.kind in ("place", "peer_group") and _norm(s.locality)]
        counts: dict[str, int] = {}
        names: dict[str, str] = {}
        for s in where:
            counts[_norm(s.locality)] = counts.get(_norm(s.locality), 0) + 1
            names.setdefault(_norm(s.locality), s.locality.strip())
        most = max(counts.values(), default=0)
        primary = sorted(names[k] for k, n in counts.items() if n == most)
        if here and counts and counts.get(here, 0) < most:
            what = "places and peer groups" if any(s.kind == "peer_group" for s in where) else "places"
            if here not in counts:
                lead = f"The {what} on this meeting are in {join_or(sorted(names.values()), 'and')}"
            else:
                lead = (f"Most of the {what} on this meeting are in {join_or(primary, 'and')} "
                        f"({most} of {len(where)})")
            findings.append(RuleFinding(
                "complex_strategy_lead_area", "info",
                f"{lead}, and this meeting is for {meeting_locality.strip()}. Complex strategies should be led by "
                "the local authority and locality area where the harm is primarily occurring."))
        if cross_boundary and not lead_authority.strip():
            findings.append(RuleFinding(
                "complex_strategy_lead_authority", "hint",
                "Harm crosses boundaries: record the lead authority. Complex strategies should be led by the local "
                "authority and locality area where the harm is primarily occurring and should be agreed between "
                "agencies and localities including ongoing coordination."))
    return findings


# --- filing ------------------------------------------------------------------------------------


def has_open_referral(ticked: bool, legal_status: str, open_referral_statuses: Collection[str]) -> bool:
    """A child has an open referral when the box is ticked or their legal status says so (open
    referral, child in need, child protection, child in care in the Bristol profile)."""
    return bool(ticked) or (bool(legal_status) and legal_status in open_referral_statuses)


def filing_condition_holds(condition: str, *, open_referral: bool, came_through: str) -> bool:
    """Whether a recording destination's ``child_condition`` holds for a child.

    ``open_referral`` is ``has_open_referral``; ``came_through`` is how the child came to the
    meeting: only "ehm_referral" (an EHM referral from First Response) files on the EHM Contact;
    having an EHM identifier does not.
    """
    ehm = came_through == "ehm_referral"
    return {
        "always": True,
        "open_referral": open_referral,
        "no_open_referral": not open_referral,
        "ehm_referral": ehm,
        "no_ehm_referral": not ehm,
    }.get(condition, False)


# --- notes the guidance gives the chair --------------------------------------------------------


@dataclass(frozen=True)
class PastAttendance:
    """Who filled an attendee rule at an earlier meeting of the series."""

    rule_key: str
    names: tuple[str, ...]
    meeting_date_text: str


def same_paediatrician_note(meeting_type: MeetingType, last_time: PastAttendance | None,
                            now: Collection[str]) -> RuleFinding | None:
    """Best practice is that the same paediatrician attends every complex strategy: say who came last
    time, and whether they are on this meeting's list."""
    rule = next((r for r in meeting_type.required_attendees if r.key == "community_paediatrician"), None)
    if rule is None or last_time is None or not last_time.names:
        return None
    names = join_or(list(last_time.names), "and")
    text = (f"Best practice is that the same paediatrician should attend all these meetings: {names} attended on "
            f"{last_time.meeting_date_text}.")
    if any(same_person(n, m) for n in last_time.names for m in now):
        return RuleFinding("same_paediatrician", "info", text, rule_key=rule.key)
    return RuleFinding("same_paediatrician", "hint", f"{text} Invite them again if you can.", rule_key=rule.key)


def came_through_hints(meeting_type: MeetingType, children: Iterable[tuple[int, str, str]]) -> list[RuleFinding]:
    """Safer Options: ask how each child came to the meeting, because where their record goes depends
    on it. ``children`` is (subject id, name, came_through)."""
    if meeting_type.key not in SAFER_OPTIONS_TYPES:
        return []
    missing = [(cid, name) for cid, name, route in children if not route]
    if not missing:
        return []
    names = join_or([name for _cid, name in missing], "and")
    return [RuleFinding("came_through_missing", "hint",
                        f"Record how {names} came to this meeting. For children who are being discussed at Safer "
                        "Options meeting because of an EHM referral from First Response this will be on the EHM "
                        "Contact. For all other children this will be on the Safer Options casenote in EHM General "
                        "Notes.")]
