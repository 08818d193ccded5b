"""The finalisation gate's rules one by one, against the Bristol profile. All names are fictional."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from efh_desktop.domain.finalisation_gate import (
    ActionFacts,
    ChecklistState,
    GateItem,
    checklist_progress,
    gate_items,
    outstanding,
)
from efh_desktop.domain.setup_rules import (
    AttendeeFacts,
    SubjectFacts,
    meeting_facts,
    notifications_due,
    required_attendees,
)

HELD_ON = date(2025, 3, 4)  # a Tuesday
CHILD = SubjectFacts(1, "child", "Kai Marlow")
PLACE = SubjectFacts(50, "place", "Larkfield Park")

COMPLEX_KEYS = (
    "information_known", "scale_of_concerns", "peer_group_dynamics", "place_dynamics",
    "persons_harming_multiple", "further_information", "complex_abuse_uncovered", "investigation_scale",
    "witnesses_before_children", "simultaneous_interviews", "resource_plan", "immediate_protective_action",
    "communications",
)


@pytest.fixture(scope="module")
def complex_strategy(profile):
    return profile.meeting_type("complex_strategy")


@pytest.fixture(scope="module")
def safer_options(profile):
    return profile.meeting_type("safer_options")


def considered(*keys):
    return [ChecklistState(key, "considered", "Discussed; see notes.") for key in keys]


ALL_CONSIDERED = considered(*COMPLEX_KEYS)


def person(id_, rule_key, status="present", name=None):
    return AttendeeFacts(id_, name or f"Person {id_}", "Role", "Agency", "", status, rule_key)


def full_attendance(meeting_type, facts, extra=()):
    """Everyone the profile requires, present, plus ``extra``."""
    people = [person(100 + n, rule.key) for n, rule in enumerate(meeting_type.attendees_expected(facts))]
    return people + list(extra)


def gate(profile, meeting_type, **overrides):
    """The gate for a meeting where everything is done, except what ``overrides`` changes."""
    facts = meeting_facts(overrides.pop("subjects", [CHILD]), (), overrides.pop("police_operation", ""),
                          overrides.pop("cross_boundary", False))
    attendees = overrides.pop("attendees", None)
    if attendees is None:
        attendees = full_attendance(meeting_type, facts)
    due = notifications_due(meeting_type, facts)
    checklist = profile.checklist_for(meeting_type.key)
    args = dict(
        held_on=HELD_ON,
        chair_role_key=meeting_type.allowed_chair_roles[0],
        checklist=considered(*(item.key for item in checklist.items)) if checklist else [],
        actions=[ActionFacts(1, "Share the school's log", "Sam Reid", "Education", HELD_ON + timedelta(days=7),
                             "open")],
        children_without_sharing=[],
        attendee_prompts=required_attendees(meeting_type, facts, attendees),
        attendees=attendees,
        notifications_due=due,
        notified_keys={rule.key for rule in due},
        next_meeting=HELD_ON + timedelta(days=7),
        next_meeting_reason="",
    )
    args.update(overrides)
    return gate_items(profile, meeting_type, **args)


def keys(items):
    return [item.key for item in items]


def test_nothing_missing(profile, complex_strategy, safer_options):
    assert gate(profile, complex_strategy) == []
    assert gate(profile, safer_options) == []


# --- checklist ---------------------------------------------------------------------------------


def test_complex_strategy_with_nothing_done_lists_all_thirteen(profile, complex_strategy):
    items = gate(profile, complex_strategy, checklist=[])
    assert keys(items) == [f"checklist:{key}" for key in COMPLEX_KEYS]
    assert all(item.rule == "checklist" and item.panel == "checklist" for item in items)
    first = items[0]
    assert first.message.startswith("Checklist item 1, \u201cAn assessment of the information known to date\u201d,")
    assert "not yet addressed" in first.message and "A complex strategy must consider" in first.message


def test_not_yet_state_is_listed(profile, complex_strategy):
    states = [s for s in ALL_CONSIDERED if s.item_key != "resource_plan"] + [ChecklistState("resource_plan", "not_yet")]
    assert keys(gate(profile, complex_strategy, checklist=states)) == ["checklist:resource_plan"]


def test_considered_without_note_is_still_listed(profile, complex_strategy):
    states = [s for s in ALL_CONSIDERED if s.item_key != "communications"]
    states.append(ChecklistState("communications", "considered", "   "))
    [item] = gate(profile, complex_strategy, checklist=states)
    assert item.key == "checklist:communications"
    assert "marked considered but has no note" in item.message


def test_not_applicable_needs_a_reason(profile, complex_strategy):
    states = [s for s in ALL_CONSIDERED if s.item_key != "place_dynamics"]
    [item] = gate(profile, complex_strategy, checklist=states + [ChecklistState("place_dynamics", "not_applicable")])
    assert "marked not applicable but has no reason" in item.message
    with_reason = states + [ChecklistState("place_dynamics", "not_applicable", "No place is a subject.")]
    assert gate(profile, complex_strategy, checklist=with_reason) == []


def test_deferred_counts_as_addressed(profile, complex_strategy):
    states = [s for s in ALL_CONSIDERED if s.item_key != "simultaneous_interviews"]
    states.append(ChecklistState("simultaneous_interviews", "deferred"))
    assert gate(profile, complex_strategy, checklist=states) == []


def test_sub_items_not_addressed_are_named(profile, complex_strategy):
    states = [s for s in ALL_CONSIDERED if s.item_key != "scale_of_concerns"]
    states += considered("current_contact", "adult_victims")
    [item] = gate(profile, complex_strategy, checklist=states)
    assert item.key == "checklist:scale_of_concerns"
    assert "2.2 Children who were, but no longer are, in contact with possible abusers" in item.message
    assert "2.3 Children at risk of harm but not currently believed to be harmed" in item.message
    assert "2.1" not in item.message and "2.4" not in item.message


def test_all_sub_items_addressed_addresses_the_item(profile, complex_strategy):
    states = [s for s in ALL_CONSIDERED if s.item_key != "scale_of_concerns"]
    states += considered("current_contact", "past_contact", "at_risk_not_harmed")
    states.append(ChecklistState("adult_victims", "deferred"))
    assert gate(profile, complex_strategy, checklist=states) == []


def test_meeting_type_without_checklist_has_no_checklist_items(profile, complex_strategy):
    bare = complex_strategy.__class__(**{**complex_strategy.__dict__, "key": "no_list", "checklist_key": None})
    profile_without = profile.__class__(**{**profile.__dict__, "meeting_types": {"no_list": bare}})
    assert [i for i in gate(profile_without, bare, checklist=[]) if i.rule == "checklist"] == []


# --- actions -----------------------------------------------------------------------------------


def test_action_missing_owner_and_due_date(profile, complex_strategy):
    action = ActionFacts(12, "Ask the school for the attendance log", "", "Education", None, "open")
    [item] = gate(profile, complex_strategy, actions=[action])
    assert item == GateItem(
        "action:12:owner+due_date", "action",
        "The action \u201cAsk the school for the attendance log\u201d has no owner and no due date. "
        "Every action needs an owner, an agency and a due date.",
        "actions", 12)


def test_action_of_any_status_is_checked_and_long_description_is_cut(profile, complex_strategy):
    long = "Map the peer group around Larkfield Park with the Neighbourhoods beat officer and the school"
    action = ActionFacts(7, long, "Sam Reid", "  ", date(2025, 3, 11), "done")
    [item] = gate(profile, complex_strategy, actions=[action])
    assert item.key == "action:7:agency" and "has no agency." in item.message
    quoted = item.message.split("\u201c")[1].split("\u201d")[0]
    assert len(quoted) == 60 and quoted.endswith("\u2026")


# --- information sharing -----------------------------------------------------------------------


def test_child_without_sharing_decision(profile, complex_strategy):
    [item] = gate(profile, complex_strategy, children_without_sharing=[(5, "Kai Marlow"), (5, "Kai Marlow")])
    assert item == GateItem("sharing:child:5", "information_sharing",
                            "No information-sharing decision is recorded for Kai Marlow.", "information_sharing", 5)


# --- attendees ---------------------------------------------------------------------------------


def test_missing_required_attendee(profile, complex_strategy):
    facts = meeting_facts([CHILD], (), "Operation Harbour")
    attendees = [p for p in full_attendance(complex_strategy, facts) if p.rule_key != "officer_in_charge"]
    items = gate(profile, complex_strategy, police_operation="Operation Harbour", attendees=attendees)
    assert keys(items) == ["attendee:officer_in_charge"]
    assert items[0].panel == "attendance"
    assert "should include: Officer in Charge of the investigation" in items[0].message


def test_missing_optional_attendee_is_not_listed(profile, complex_strategy):
    facts = meeting_facts([CHILD, SubjectFacts(52, "person_of_concern", "'Dex'")], (), "")
    attendees = [p for p in full_attendance(complex_strategy, facts) if p.rule_key != "probation"]
    assert gate(profile, complex_strategy, subjects=[CHILD, SubjectFacts(52, "person_of_concern", "'Dex'")],
                attendees=attendees) == []


def test_apologies_without_reason(profile, complex_strategy):
    facts = meeting_facts([CHILD], (), "")
    attendees = [p for p in full_attendance(complex_strategy, facts) if p.rule_key != "community_paediatrician"]
    attendees.append(person(7, "community_paediatrician", "apologies", "Dr Ruth Okafor"))
    [item] = gate(profile, complex_strategy, attendees=attendees)
    assert item.key == "attendee:community_paediatrician:apologies"
    assert item.message.startswith("Dr Ruth Okafor (Experienced community paediatrician) sent apologies without "
                                   "a recorded reason.")
    assert gate(profile, complex_strategy, attendees=attendees, apology_reasons={7: "In clinic."}) == []


# --- chair, notifications, next meeting --------------------------------------------------------


def test_team_manager_chairing_a_complex_strategy(profile, complex_strategy):
    [item] = gate(profile, complex_strategy, chair_role_key="team_manager")
    assert (item.key, item.rule, item.panel) == ("chair_role", "chair_role", "setup")
    assert "Team Manager is not one of them" in item.message


def test_no_chair_role_recorded_is_only_a_hint_not_a_gate_item(profile, complex_strategy):
    assert gate(profile, complex_strategy, chair_role_key=None) == []


def test_notification_not_recorded(profile, complex_strategy):
    [item] = gate(profile, complex_strategy, notified_keys={"strategic_safeguarding_qa"})
    assert item.key == "notification:safer_options_manager" and item.rule == "notification"
    assert "Safer Options Manager must be told about this complex strategy meeting" in item.message


def test_next_meeting_missing(profile, complex_strategy):
    [item] = gate(profile, complex_strategy, next_meeting=None)
    assert item.key == "next_meeting" and item.message.startswith("No date is set for the next complex strategy")


def test_next_meeting_beyond_cadence(profile, complex_strategy):
    late = HELD_ON + timedelta(days=49)
    [item] = gate(profile, complex_strategy, next_meeting=late)
    assert item.key == "next_meeting" and "at least every 6 weeks" in item.message


def test_next_meeting_beyond_cadence_with_reason_is_not_listed(profile, complex_strategy):
    late = HELD_ON + timedelta(days=49)
    assert gate(profile, complex_strategy, next_meeting=late, next_meeting_reason="Agreed to wait for the CPS.") == []
    assert gate(profile, complex_strategy, next_meeting=None, next_meeting_reason="Case closing.") == []


# --- order, overrides, progress ----------------------------------------------------------------


def test_order_of_rules_and_outstanding(profile, complex_strategy):
    items = gate(profile, complex_strategy, checklist=ALL_CONSIDERED[1:],
                 actions=[ActionFacts(3, "Visit", "", "", None, "open")],
                 children_without_sharing=[(1, "Kai Marlow")], attendees=[],
                 chair_role_key="team_manager", notified_keys=set(), next_meeting=None)
    rules = [item.rule for item in items]
    assert rules == sorted(rules, key=["checklist", "action", "information_sharing", "attendee", "chair_role",
                                       "notification", "next_meeting"].index)
    assert set(rules) == {"checklist", "action", "information_sharing", "attendee", "chair_role", "notification",
                          "next_meeting"}
    assert len(set(keys(items))) == len(items)
    left = outstanding(items, {"chair_role", "sharing:child:1", "not_a_key"})
    assert keys(left) == [k for k in keys(items) if k not in {"chair_role", "sharing:child:1"}]


def test_checklist_progress(profile):
    checklist = profile.checklist_for("complex_strategy")
    assert checklist_progress(checklist, []) == (0, 13)
    states = considered(*COMPLEX_KEYS[:8]) + [ChecklistState("communications", "deferred"),
                                              ChecklistState("resource_plan", "considered"),
                                              ChecklistState("immediate_protective_action", "not_yet")]
    assert checklist_progress(checklist, states) == (9, 13)
    subs = considered("current_contact", "past_contact", "at_risk_not_harmed", "adult_victims")
    assert checklist_progress(checklist, subs) == (1, 13)
    assert checklist_progress(checklist, ALL_CONSIDERED) == (13, 13)


def test_unknown_values_are_refused():
    with pytest.raises(ValueError):
        ChecklistState("communications", "done")
    with pytest.raises(ValueError):
        GateItem("x", "nonsense", "message", "setup")


# --- Safer Options -----------------------------------------------------------------------------


def test_safer_options_checklist_and_cross_boundary_notification(profile, safer_options):
    checklist = profile.checklist_for("safer_options")
    assert checklist is not None
    states = considered("information_used", "right_area", "sharing_with_families")
    states += considered("tier_one", "sibling_or_peer", "place_link")
    items = gate(profile, safer_options, checklist=states, cross_boundary=True, notified_keys=set())
    assert keys(items) == ["checklist:reason_discussed", "checklist:impact_of_interventions",
                           "notification:safer_options_manager"]
    assert "2.4 Linked to an individual of concern in the locality" in items[0].message
    assert checklist_progress(checklist, states) == (3, 5)


def test_safer_options_chair_and_weekly_cadence(profile, safer_options):
    items = gate(profile, safer_options, chair_role_key="service_manager", next_meeting=HELD_ON + timedelta(days=14))
    assert keys(items) == ["chair_role", "next_meeting"]


def test_required_attendee_left_as_invited_is_absent_without_a_reason():
    from efh_desktop.domain.profile import load_profile
    from efh_desktop.domain.setup_rules import AttendeeFacts, meeting_facts, required_attendees

    profile = load_profile()
    meeting_type = profile.meeting_type("complex_strategy")
    person = AttendeeFacts(7, "DC Invited Only", "Investigations", "Police", "", "invited",
                           rule_key="police_investigations")
    prompts = required_attendees(meeting_type, meeting_facts([], (), ""), [person])
    items = gate_items(profile, meeting_type, held_on=date(2026, 12, 7), chair_role_key="service_manager",
                       checklist=[], actions=[], children_without_sharing=[], attendee_prompts=prompts,
                       attendees=[person], notifications_due=[], notified_keys=set(),
                       next_meeting=date(2026, 12, 14), next_meeting_reason="")
    absent = [i for i in items if i.key == "attendee:police_investigations:absent"]
    assert absent and "DC Invited Only" in absent[0].message and absent[0].panel == "attendance"
