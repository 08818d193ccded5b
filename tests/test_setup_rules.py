"""Meeting set-up rules against the Bristol profile. All names are fictional."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from efh_desktop.domain.cadence import check_next_meeting, propose_next_meeting
from efh_desktop.domain.findings import RuleFinding, ordered
from efh_desktop.domain.profile import Cadence
from efh_desktop.domain.setup_rules import (
    Agreement,
    AttendeeFacts,
    OtherPlanning,
    SubjectFacts,
    check_chair,
    harmful_sexual_behaviour_hint,
    meeting_facts,
    missing_attendees,
    notifications_due,
    planning_process_warnings,
    required_attendees,
    setup_findings,
)


@pytest.fixture(scope="module")
def complex_strategy(profile):
    return profile.meeting_type("complex_strategy")


def child(id_, name="Kai Marlow", **kw):
    return SubjectFacts(id_, "child", name, **kw)


PLACE = SubjectFacts(50, "place", "Larkfield Park")
GROUP = SubjectFacts(51, "peer_group", "Station Road group")
POC = SubjectFacts(52, "person_of_concern", "'Dex'")


def person(id_, role, agency, team="", status="invited", rule_key=""):
    return AttendeeFacts(id_, f"Person {id_}", role, agency, team, status, rule_key)


def states(prompts):
    return {p.rule.key: p.state for p in prompts}


# --- chair -------------------------------------------------------------------------------------


def test_chair_allowed(profile, complex_strategy):
    assert check_chair(profile, complex_strategy, "service_manager") is None
    assert check_chair(profile, complex_strategy, "deputy_service_manager") is None


def test_chair_not_allowed_names_the_rule(profile, complex_strategy):
    finding = check_chair(profile, complex_strategy, "team_manager")
    assert finding.severity == "warning" and finding.key == "chair_not_allowed"
    assert finding.message.startswith("The practice profile says a complex strategy meeting is chaired by a "
                                      "Service Manager, Deputy Service Manager")
    assert "Team Manager is not one of them." in finding.message


def test_co_chair_is_told_they_co_chair(profile):
    finding = check_chair(profile, profile.meeting_type("safer_options"), "fif_area_manager")
    assert "Safer Options meeting" in finding.message
    assert "FIF Area Manager co-chairs" in finding.message


def test_any_chair_and_no_chair(profile, complex_strategy):
    extraordinary = profile.meeting_type("safer_options_extraordinary")
    assert check_chair(profile, extraordinary, "social_worker") is None
    assert check_chair(profile, extraordinary, "") is None
    finding = check_chair(profile, complex_strategy, None)
    assert (finding.severity, finding.message) == ("hint", "No chair role recorded yet.")


# --- facts and attendees -----------------------------------------------------------------------


def test_meeting_facts():
    facts = meeting_facts([child(1), child(2, legal_status="child_in_care"), PLACE], ("knife_crime",), "Op Larch")
    assert facts.subject_kinds == {"child", "place"}
    assert facts.concerns == {"knife_crime"}
    assert facts.open_investigation and facts.child_in_care and not facts.cross_boundary
    assert not meeting_facts([child(1)], (), "  ").open_investigation


def test_children_only(complex_strategy):
    facts = meeting_facts([child(1), child(2, "Rio Fenwick")], (), "")
    keys = [p.rule.key for p in required_attendees(complex_strategy, facts, [])]
    assert keys == ["police_investigations", "community_paediatrician", "education", "voluntary_sector"]
    missing = [p.rule.key for p in missing_attendees(required_attendees(complex_strategy, facts, []))]
    assert missing == ["police_investigations", "community_paediatrician", "education"]  # optional left out


def test_place_subject_asks_for_neighbourhood_officer(complex_strategy):
    facts = meeting_facts([child(1), PLACE], (), "")
    prompts = required_attendees(complex_strategy, facts, [])
    assert {"neighbourhood_officer", "licensing"} <= set(states(prompts))
    assert next(p for p in prompts if p.rule.key == "licensing").rule.optional


def test_concern_and_care_and_investigation_rules(complex_strategy):
    facts = meeting_facts([child(1, in_care=True)], ("criminal_exploitation",), "Operation Larch")
    keys = set(states(required_attendees(complex_strategy, facts, [])))
    assert {"vru", "cic_named_nurse", "officer_in_charge"} <= keys
    plain = set(states(required_attendees(complex_strategy, meeting_facts([child(1)], ("online_harm",), ""), [])))
    assert not plain & {"vru", "cic_named_nurse", "officer_in_charge"}


def test_matching_by_profile_role(profile, complex_strategy):
    """Rules are filled by the role chosen from the profile's list (or free text that is exactly one
    of its wordings), never by words found in a free-text role."""
    from efh_desktop.domain.attendee_roles import attendee_role_key

    def p(id_, role, agency, team="", status="invited", chosen=""):
        return AttendeeFacts(id_, f"Person {id_}", role, agency, team, status, "",
                             attendee_role_key(profile, chosen, role))

    facts = meeting_facts([child(1, in_care=True), PLACE], ("knife_crime",), "Operation Larch")
    attendees = [
        p(1, "Detective Sergeant", "Police", "Investigations", "present", chosen="police_investigations"),
        p(2, "Beat manager", "police", "Neighbourhood team", "apologies"),
        p(3, "Detective Constable", "Violence Reduction Unit", status="sent_information"),
        p(4, "Consultant community paediatrician", "Community paediatrics"),
        p(5, "Named nurse, children in care", "Health", status="part"),
        p(6, "Head teacher", "Education", "Larkfield Academy", "apologies"),
        p(7, "Head teacher", "Education", "Hillside School", "invited"),
    ]
    got = states(required_attendees(complex_strategy, facts, attendees))
    assert got["police_investigations"] == "present"
    assert got["officer_in_charge"] == "missing"  # an Investigations detective is not the OIC
    assert got["neighbourhood_officer"] == "apologies"  # "Beat manager" is one of the profile's wordings
    assert got["vru"] == "sent_information"  # anyone from the Violence Reduction Unit
    assert got["community_paediatrician"] == "invited"
    assert got["cic_named_nurse"] == "present"
    assert got["education"] == "invited"  # one apology, one still invited
    assert got["licensing"] == "missing"


def test_words_in_free_text_do_not_match(profile, complex_strategy):
    from efh_desktop.domain.attendee_roles import attendee_role_key

    facts = meeting_facts([child(1)], (), "Operation Larch")
    vague = AttendeeFacts(1, "Person 1", "Detective Sergeant, Investigations", "Police", "", "present", "",
                          attendee_role_key(profile, "", "Detective Sergeant, Investigations"))
    got = states(required_attendees(complex_strategy, facts, [vague]))
    assert got["police_investigations"] == "missing" and got["officer_in_charge"] == "missing"


def test_rule_key_beats_the_heuristic(complex_strategy):
    facts = meeting_facts([child(1)], (), "Operation Larch")
    oic = person(1, "Detective Inspector", "Police", "Investigations", "present", rule_key="officer_in_charge")
    prompts = {p.rule.key: p for p in required_attendees(complex_strategy, facts, [oic])}
    assert prompts["officer_in_charge"].state == "present"
    assert prompts["officer_in_charge"].matched == (oic,)
    # Linked to the OIC rule, so not matched to the Investigations team rule by guesswork.
    assert prompts["police_investigations"].state == "missing"
    # A link works even where the words and agency would not match.
    odd = person(2, "Volunteer", "Voluntary sector", rule_key="community_paediatrician")
    prompts = {p.rule.key: p for p in required_attendees(complex_strategy, facts, [odd])}
    assert prompts["community_paediatrician"].matched == (odd,)
    assert prompts["voluntary_sector"].state == "missing"


def test_agency_rules_and_role_rules(profile):
    safer = profile.meeting_type("safer_options")
    facts = meeting_facts([GROUP], (), "")
    attendees = [person(1, "Youth worker", "Youth services"), person(2, "PC", "Police", "Safer Options")]
    got = states(required_attendees(safer, facts, attendees))
    assert got["youth_services"] == "invited" and got["police"] == "invited"
    tac = profile.meeting_type("team_around_the_child")
    lead = AttendeeFacts(3, "Person 3", "Lead professional", "FIF", "", "invited", "", "lead_professional")
    got = states(required_attendees(tac, meeting_facts([child(1)], (), ""), [lead]))
    assert got["lead_professional"] == "invited"
    # A rule with no agency and roles is not filled by just anyone.
    got = states(required_attendees(tac, meeting_facts([child(1)], (), ""), [person(4, "Teacher", "Education")]))
    assert got["lead_professional"] == "missing"


def test_notifications_due(profile, complex_strategy):
    facts = meeting_facts([child(1)], (), "")
    assert [n.key for n in notifications_due(complex_strategy, facts)] == [
        "safer_options_manager", "strategic_safeguarding_qa"]
    safer = profile.meeting_type("safer_options")
    assert notifications_due(safer, facts) == ()
    assert [n.key for n in notifications_due(safer, meeting_facts([GROUP], (), "", True))] == ["safer_options_manager"]


# --- harmful sexual behaviour protocol ---------------------------------------------------------


@pytest.mark.parametrize("concern", ["peer_on_peer_abuse", "harmful_sexual_behaviour"])
def test_hsb_hint_fires_for_two_children(complex_strategy, concern):
    finding = harmful_sexual_behaviour_hint(complex_strategy, [child(1), child(2, "Rio Fenwick")], (concern,))
    assert finding.severity == "hint"
    assert "harmful sexual behaviour protocol" in finding.message


@pytest.mark.parametrize(
    "subjects, concerns",
    [
        ([child(1), child(2), child(3)], ("peer_on_peer_abuse",)),
        ([child(1)], ("peer_on_peer_abuse",)),
        ([child(1), child(2), POC], ("peer_on_peer_abuse",)),
        ([child(1), child(2)], ("criminal_exploitation",)),
    ],
)
def test_hsb_hint_does_not_fire(complex_strategy, subjects, concerns):
    assert harmful_sexual_behaviour_hint(complex_strategy, subjects, concerns) is None


def test_hsb_hint_only_for_complex_strategy(profile):
    safer = profile.meeting_type("safer_options")
    assert harmful_sexual_behaviour_hint(safer, [child(1), child(2)], ("peer_on_peer_abuse",)) is None


# --- one individual planning process -----------------------------------------------------------

CP_STRATEGY = OtherPlanning(1, "cp_strategy", "Child protection strategy meeting", date(2026, 11, 2))


def test_planning_process_warning(profile):
    cin = profile.meeting_type("child_in_need")
    [finding] = planning_process_warnings(cin, [child(1), child(2, "Rio Fenwick")], [CP_STRATEGY], [])
    assert finding.severity == "warning" and finding.subject_id == 1
    assert finding.message == ("Kai Marlow is already in a child protection strategy meeting (2 November 2026). "
                               "One child, one individual planning process at a time.")


def test_planning_process_yot_without_and_with_agreement(profile):
    cin = profile.meeting_type("child_in_need")
    kai = child(1, yot_order=True)
    [finding] = planning_process_warnings(cin, [kai], [CP_STRATEGY], [Agreement(1, "  ")])
    assert finding.severity == "warning"
    assert "agreement on how meetings are arranged, chaired and structured must be recorded" in finding.message
    agreement = Agreement(1, "YOT chairs; social care minutes; one joint meeting every 4 weeks.")
    [finding] = planning_process_warnings(cin, [kai], [CP_STRATEGY], [agreement])
    assert finding.severity == "info" and agreement.text in finding.message
    # An agreement without a YOT order does not lift the rule.
    [finding] = planning_process_warnings(cin, [child(1)], [CP_STRATEGY], [agreement])
    assert finding.severity == "warning"


def test_planning_process_only_for_individual_types(profile, complex_strategy):
    assert planning_process_warnings(complex_strategy, [child(1)], [CP_STRATEGY], []) == []
    same = OtherPlanning(1, "child_in_need", "Child in need meeting", date(2026, 10, 1))
    assert planning_process_warnings(profile.meeting_type("child_in_need"), [child(1)], [same], []) == []


# --- everything together -----------------------------------------------------------------------


def test_setup_findings_order(profile, complex_strategy):
    findings = setup_findings(profile, complex_strategy, chair_role_key="team_manager",
                              subjects=[child(1), child(2)], concerns=("peer_on_peer_abuse",),
                              attendees=[person(1, "Detective Sergeant", "Police", "Investigations", "present")],
                              notified_keys={"safer_options_manager"})
    severities = [f.severity for f in findings]
    assert severities == sorted(severities, key=("warning", "hint", "info").index)
    keys = [f.key for f in findings]
    assert keys[0] == "chair_not_allowed"
    assert {"attendee_missing", "harmful_sexual_behaviour_protocol", "notification_due"} <= set(keys)
    assert [f.rule_key for f in findings if f.key == "notification_due"] == ["strategic_safeguarding_qa"]
    assert ordered([RuleFinding("a", "info", "x"), RuleFinding("b", "warning", "y")])[0].key == "b"


def test_finding_rejects_unknown_severity():
    with pytest.raises(ValueError):
        RuleFinding("a", "error", "x")


# --- next meeting ------------------------------------------------------------------------------


def test_complex_strategy_every_six_weeks(complex_strategy):
    proposal = propose_next_meeting(complex_strategy, date(2026, 11, 2))
    assert proposal.date == proposal.latest == date(2026, 12, 14)
    assert proposal.explanation == "Complex strategy meetings are held at least every 6 weeks: by 14 December 2026."


def test_proposal_moves_back_off_a_bank_holiday(complex_strategy):
    proposal = propose_next_meeting(complex_strategy, date(2026, 11, 16))
    assert proposal.latest == date(2026, 12, 28)
    assert proposal.date == date(2026, 12, 24)
    assert "28 December 2026 is a bank holiday" in proposal.explanation
    assert "Thursday 24 December 2026" in proposal.explanation


def test_safer_options_weekly(profile):
    safer = profile.meeting_type("safer_options")
    proposal = propose_next_meeting(safer, date(2026, 11, 4))
    assert proposal.date == date(2026, 11, 11)
    assert proposal.explanation == "Safer Options meetings are held at least every week: by 11 November 2026."
    closed = propose_next_meeting(safer, date(2026, 11, 4), extra_closures=frozenset({date(2026, 11, 11)}))
    assert closed.date == date(2026, 11, 10) and "council closure day" in closed.explanation


def test_working_days_cadence(profile):
    core = dataclasses.replace(profile.meeting_type("core_group"), cadence=Cadence("working_days", 10))
    proposal = propose_next_meeting(core, date(2026, 12, 14))
    assert proposal.date == date(2026, 12, 30)
    assert proposal.explanation == "Core group meetings are held at least every 10 working days: by 30 December 2026."


def test_agreed_cadence(profile):
    proposal = propose_next_meeting(profile.meeting_type("cp_strategy"), date(2026, 11, 2))
    assert proposal.date is None and proposal.latest is None
    assert proposal.explanation.startswith(
        "The date of the next child protection strategy meeting is agreed at the meeting.")


def test_check_next_meeting(profile, complex_strategy):
    held = date(2026, 11, 2)
    assert check_next_meeting(complex_strategy, held, date(2026, 12, 14), "") is None
    late = check_next_meeting(complex_strategy, held, date(2027, 1, 4), "")
    assert (late.key, late.severity) == ("next_meeting_after_cadence", "warning")
    assert "at least every 6 weeks" in late.message and "4 January 2027" in late.message
    reasoned = check_next_meeting(complex_strategy, held, date(2027, 1, 4), "Police analysis due then")
    assert reasoned.severity == "info" and "Reason recorded: Police analysis due then." in reasoned.message
    missing = check_next_meeting(complex_strategy, held, None, "")
    assert (missing.key, missing.severity) == ("next_meeting_missing", "warning")
    assert check_next_meeting(complex_strategy, held, None, "Complex strategy closed.").severity == "info"
    agreed = check_next_meeting(profile.meeting_type("cp_strategy"), held, None, "")
    assert agreed.severity == "warning" and "agreed at the meeting" in agreed.message
    assert check_next_meeting(profile.meeting_type("cp_strategy"), held, date(2027, 6, 1), "") is None
    assert check_next_meeting(complex_strategy, held, held, "").key == "next_meeting_not_after"
    weekend = check_next_meeting(complex_strategy, held, date(2026, 12, 12), "")
    assert (weekend.key, weekend.severity) == ("next_meeting_not_working_day", "hint")
