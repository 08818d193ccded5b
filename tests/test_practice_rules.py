"""Issue 15: the guidance's practice rules, each in both directions (warns / does not warn), against
the Bristol profile. Pure domain tests; all names are fictional."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from efh_desktop.domain.attendee_roles import attendee_role_key, rule_filled_by
from efh_desktop.domain.cadence import check_next_meeting, propose_next_meeting
from efh_desktop.domain.distribution import DistributionFacts, distribution_steps, overdue_summary
from efh_desktop.domain.finalisation_gate import practice_gate_items
from efh_desktop.domain.practice_rules import (
    LeadAreaDecision,
    PastAttendance,
    area_findings,
    came_through_hints,
    complex_strategy_eligibility,
    filing_condition_holds,
    has_open_referral,
    legal_status_fit,
    safer_options_exclusions,
    same_paediatrician_note,
    unrelated_groups,
)
from efh_desktop.domain.setup_rules import (
    AttendeeFacts,
    OtherPlanning,
    SubjectFacts,
    meeting_facts,
    planning_process_warnings,
    required_attendees,
)
from efh_desktop.domain.timescales import (
    ChildHistory,
    add_months,
    due_date,
    planning_lines,
    timescale_findings,
    timescales_started,
)


def child(id_, name="Kai Marlow", **kw):
    return SubjectFacts(id_, "child", name, **kw)


def keys(findings):
    return [f.key for f in findings]


def person(profile, id_, role, agency, chosen="", status="invited", team="", name=None):
    return AttendeeFacts(id_, name or f"Person {id_}", role, agency, team, status, "",
                         attendee_role_key(profile, chosen, role))


def states(prompts):
    return {p.rule.key: p.state for p in prompts}


# --- 1. one planning process -------------------------------------------------------------------


@pytest.mark.parametrize(("this", "other"), [
    ("core_group", "cp_conference"),
    ("cp_conference", "core_group"),
    ("risk_management", "child_in_care_review"),
    ("child_in_care_review", "risk_management"),
    ("cp_conference", "cp_strategy"),
    ("risk_management", "cp_strategy"),
    ("child_in_need", "cp_strategy"),
])
def test_one_planning_process_pairs_do_not_warn(profile, this, other):
    found = planning_process_warnings(profile.meeting_type(this), [child(1)],
                                      [OtherPlanning(1, other, profile.meeting_type(other).name, date(2026, 6, 1))],
                                      [], profile)
    assert found == []


@pytest.mark.parametrize(("this", "other"), [
    ("team_around_the_child", "child_in_need"),
    ("child_in_need", "child_in_care_review"),
    ("core_group", "risk_management"),
    ("yot_risk_management", "child_in_need"),
])
def test_two_planning_processes_still_warn(profile, this, other):
    found = planning_process_warnings(profile.meeting_type(this), [child(1)],
                                      [OtherPlanning(1, other, profile.meeting_type(other).name, date(2026, 6, 1))],
                                      [], profile)
    assert keys(found) == ["one_planning_process"]
    assert "One child, one individual planning process at a time" in found[0].message


def test_planning_processes_are_profile_data(profile):
    assert profile.same_planning_process("core_group", "cp_conference")
    assert not profile.same_planning_process("core_group", "child_in_care_review")
    assert profile.same_planning_process("complex_strategy", "complex_strategy")


# --- 2. required attendees by explicit role ----------------------------------------------------


def test_officer_in_charge_fills_both_police_rules(profile):
    cs = profile.meeting_type("complex_strategy")
    facts = meeting_facts([child(1)], (), "Operation Larch")
    oic = person(profile, 1, "Officer in Charge", "Police", team="Operation Larch")
    got = states(required_attendees(cs, facts, [oic]))
    assert got["officer_in_charge"] == "invited" and got["police_investigations"] == "invited"


@pytest.mark.parametrize("typed", ["officer in charge", "OFFICER IN CHARGE", "  Officer   in  Charge. ", "oic"])
def test_role_wording_ignores_case_and_spacing(profile, typed):
    assert attendee_role_key(profile, "", typed) == "officer_in_charge"


def test_paediatrician_under_health_is_not_missing(profile):
    cs = profile.meeting_type("complex_strategy")
    paed = person(profile, 1, "Community paediatrician", "Health")
    assert states(required_attendees(cs, meeting_facts([child(1)], (), ""), [paed]))["community_paediatrician"] \
        == "invited"
    chosen = person(profile, 2, "Dr (consultant)", "Health", chosen="community_paediatrician")
    assert states(required_attendees(cs, meeting_facts([child(1)], (), ""), [chosen]))["community_paediatrician"] \
        == "invited"


def test_a_health_visitor_is_not_the_paediatrician(profile):
    cs = profile.meeting_type("complex_strategy")
    hv = person(profile, 1, "Health visitor", "Health")
    assert states(required_attendees(cs, meeting_facts([child(1)], (), ""), [hv]))["community_paediatrician"] \
        == "missing"


def test_county_lines_alone_prompts_the_vru(profile):
    cs = profile.meeting_type("complex_strategy")
    assert "vru" in states(required_attendees(cs, meeting_facts([child(1)], ("county_lines",), ""), []))
    assert "vru" not in states(required_attendees(cs, meeting_facts([child(1)], ("online_harm",), ""), []))


def test_officer_in_charge_named_without_operation_prompts_the_oic(profile):
    cs = profile.meeting_type("complex_strategy")
    named = meeting_facts([child(1)], (), "", officer_in_charge="DS Morgan Ellery")
    assert "officer_in_charge" in states(required_attendees(cs, named, []))
    nobody = meeting_facts([child(1)], (), "  ", officer_in_charge="  ")
    assert "officer_in_charge" not in states(required_attendees(cs, nobody, []))


def test_unknown_chosen_role_falls_back_to_free_text(profile):
    assert attendee_role_key(profile, "king", "Beat manager") == "neighbourhood_beat_officer"
    assert attendee_role_key(profile, "", "Detective Sergeant") == ""


def test_rule_with_roles_is_not_filled_by_agency_alone(profile):
    rule = next(r for r in profile.meeting_type("complex_strategy").required_attendees
                if r.key == "police_investigations")
    assert not rule_filled_by(rule, "", "Police")
    assert rule_filled_by(rule, "lighthouse_team", "Police")


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
def test_role_lookup_never_fails(profile_for_hypothesis, text):
    key = attendee_role_key(profile_for_hypothesis, "", text)
    assert key == "" or key in dict(profile_for_hypothesis.attendee_role_choices())


@pytest.fixture(scope="module")
def profile_for_hypothesis():
    from efh_desktop.domain.profile import load_profile

    return load_profile()


# --- 3. threshold decisions only in Safer Options ----------------------------------------------


def test_area_dsm_agreement_only_in_safer_options(profile):
    kind = profile.decision_kinds["open_referral"]
    assert kind.needs_agreement_in("safer_options") == "Area DSM"
    assert kind.needs_agreement_in("team_around_the_child") is None
    assert profile.decision_kinds["step_up"].needs_agreement_in("child_in_need") is None
    # Triggering a complex strategy needs DSM or SM agreement wherever it is decided.
    assert profile.decision_kinds["trigger_complex_strategy"].needs_agreement_in("cp_strategy") == "DSM or SM"


# --- 4. filing destinations --------------------------------------------------------------------


@pytest.mark.parametrize("status", ["open_referral", "child_protection", "child_in_need", "child_in_care"])
def test_open_referral_from_legal_status(profile, status):
    assert has_open_referral(False, status, profile.open_referral_statuses)


@pytest.mark.parametrize("status", ["", "not_open", "yot_only"])
def test_no_open_referral_without_tick_or_status(profile, status):
    assert not has_open_referral(False, status, profile.open_referral_statuses)
    assert has_open_referral(True, status, profile.open_referral_statuses)


def test_ehm_contact_only_for_an_ehm_referral():
    assert filing_condition_holds("ehm_referral", open_referral=False, came_through="ehm_referral")
    assert not filing_condition_holds("ehm_referral", open_referral=False, came_through="other")
    assert not filing_condition_holds("ehm_referral", open_referral=False, came_through="")
    assert filing_condition_holds("no_ehm_referral", open_referral=False, came_through="")


# --- 5. lawful basis at the gate ---------------------------------------------------------------


def test_sharing_without_lawful_basis_is_a_gate_item():
    items = practice_gate_items(children_without_lawful_basis=[(7, "Kai Marlow")])
    assert [i.key for i in items] == ["sharing:lawful_basis:7"]
    assert "records no lawful basis" in items[0].message and items[0].panel == "information_sharing"
    assert practice_gate_items(children_without_lawful_basis=[]) == []


# --- 7. child in need cadence ------------------------------------------------------------------


def test_child_in_need_noted_after_six_weeks_warned_after_eight(profile):
    cin = profile.meeting_type("child_in_need")
    held = date(2026, 3, 2)
    assert check_next_meeting(cin, held, date(2026, 4, 13)) is None  # exactly 6 weeks
    seven = check_next_meeting(cin, held, date(2026, 4, 20))
    assert seven is not None and seven.severity == "info" and "6\u20138 weeks" in seven.message
    eight = check_next_meeting(cin, held, date(2026, 4, 27))  # exactly 8 weeks
    assert eight is not None and eight.severity == "info"
    late = check_next_meeting(cin, held, date(2026, 4, 28))
    assert late is not None and late.severity == "warning"
    proposal = propose_next_meeting(cin, held)
    assert proposal.date == date(2026, 4, 13) and proposal.latest == date(2026, 4, 27)


def test_child_in_need_proposal_avoids_easter_monday(profile):
    cin = profile.meeting_type("child_in_need")
    # 6 weeks after 23 February 2026 is Monday 6 April 2026, Easter Monday.
    proposal = propose_next_meeting(cin, date(2026, 2, 23))
    assert proposal.date == date(2026, 4, 2)  # Good Friday is 3 April, so the Thursday before


# --- 8. statutory timescales -------------------------------------------------------------------


def test_icpc_within_15_working_days_across_christmas(profile):
    ts = profile.timescales["icpc"]
    # From Friday 18 December 2026: Christmas Day, Boxing Day (substitute Monday 28) and New Year's
    # Day do not count; 15 working days later is Wednesday 13 January 2027.
    assert due_date(ts, date(2026, 12, 18)) == date(2027, 1, 13)


def test_icpc_late_is_warned_on_time_is_not(profile):
    strategy = date(2026, 6, 1)
    history = ChildHistory(1, "Kai Marlow", (("cp_strategy", strategy),))
    on_time = timescale_findings(profile, "cp_conference", date(2026, 6, 22), [history])
    assert "timescale_late" not in keys(on_time)
    late = timescale_findings(profile, "cp_conference", date(2026, 6, 23), [history])
    assert "timescale_late" in keys(late)
    message = next(f for f in late if f.key == "timescale_late").message
    assert "within 15 working days of the strategy discussion (1 June 2026)" in message
    assert "by 22 June 2026" in message


def test_strategy_starts_the_icpc_clock_only_until_a_conference(profile):
    held = date(2026, 6, 1)
    fresh = ChildHistory(1, "Kai Marlow")
    assert [t.timescale.key for t in timescales_started(profile, "cp_strategy", held, fresh)] == ["icpc"]
    after = ChildHistory(1, "Kai Marlow", (("cp_conference", date(2026, 6, 10)),))
    assert timescales_started(profile, "cp_strategy", held, after) == []


def test_icpc_starts_core_group_and_first_review(profile):
    held = date(2026, 6, 22)
    history = ChildHistory(1, "Kai Marlow", (("cp_strategy", date(2026, 6, 1)),))
    started = {t.timescale.key: t.due for t in timescales_started(profile, "cp_conference", held, history)}
    assert started == {"first_core_group": date(2026, 7, 6), "first_rcpc": date(2026, 9, 22)}
    review = ChildHistory(1, "Kai Marlow", (("cp_conference", date(2026, 6, 22)),))
    later = {t.timescale.key for t in timescales_started(profile, "cp_conference", date(2026, 9, 21), review)}
    assert later == {"later_rcpc"}


def test_child_in_care_reviews_20_working_days_3_months_6_monthly(profile):
    looked_after = date(2026, 5, 1)
    first = ChildHistory(1, "Noor Halvey", looked_after_on=looked_after)
    # From Friday 1 May 2026, with the early May (4 May) and spring (25 May) bank holidays left out,
    # the 20th working day is Tuesday 2 June 2026.
    assert keys(timescale_findings(profile, "child_in_care_review", date(2026, 6, 2), [first])) == \
        ["timescale_next"]
    late = timescale_findings(profile, "child_in_care_review", date(2026, 6, 3), [first])
    assert "timescale_late" in keys(late)
    second = ChildHistory(1, "Noor Halvey", (("child_in_care_review", date(2026, 5, 29)),), looked_after)
    started = timescales_started(profile, "child_in_care_review", date(2026, 5, 29), ChildHistory(
        1, "Noor Halvey", (), looked_after))
    assert [(t.timescale.key, t.due) for t in started] == [("second_cic_review", date(2026, 8, 29))]
    third = ChildHistory(1, "Noor Halvey", (("child_in_care_review", date(2026, 5, 29)),
                                           ("child_in_care_review", date(2026, 8, 28))), looked_after)
    assert "timescale_late" not in keys(timescale_findings(profile, "child_in_care_review", date(2027, 2, 28),
                                                           [third]))
    assert "timescale_late" in keys(timescale_findings(profile, "child_in_care_review", date(2027, 3, 1), [third]))
    assert second.looked_after_on == looked_after


def test_looked_after_date_is_asked_for(profile):
    found = timescale_findings(profile, "child_in_care_review", date(2026, 5, 29), [ChildHistory(1, "Noor Halvey")])
    assert keys(found) == ["looked_after_date_missing", "timescale_next"]
    assert keys(timescale_findings(profile, "child_in_care_review", date(2026, 5, 29),
                                   [ChildHistory(1, "Noor Halvey", looked_after_on=date(2026, 5, 1))])) \
        == ["timescale_next"]


def test_next_meeting_later_than_the_review_timescale_warns(profile):
    history = ChildHistory(1, "Noor Halvey", looked_after_on=date(2026, 5, 1))
    ok = timescale_findings(profile, "child_in_care_review", date(2026, 5, 29), [history], date(2026, 8, 28))
    assert "timescale_next_late" not in keys(ok)
    late = timescale_findings(profile, "child_in_care_review", date(2026, 5, 29), [history], date(2026, 9, 1))
    assert "timescale_next_late" in keys(late)
    assert [i.rule for i in practice_gate_items(findings=late)] == ["timescale"]


def test_planning_line_on_a_weekend_says_so(profile):
    # 3 months after Tuesday 29 September 2026 is Tuesday 29 December 2026, between Christmas and New Year.
    history = ChildHistory(1, "Kai Marlow", (("cp_strategy", date(2026, 9, 1)),))
    lines = planning_lines(profile, "cp_conference", date(2026, 9, 29), [history])
    assert any("First review child protection conference for Kai Marlow" in line and "29 December 2026" in line
               for line in lines)


def test_add_months_clamps_to_month_end():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)
    assert add_months(date(2026, 8, 29), 6) == date(2027, 2, 28)


# --- 9. distribution clock ---------------------------------------------------------------------


def test_actions_overdue_the_day_after(profile):
    facts = DistributionFacts(held_on=date(2026, 6, 5), status="ended")
    same_day = distribution_steps(profile, facts, date(2026, 6, 5))
    assert overdue_summary(same_day) == ""
    next_day = distribution_steps(profile, facts, date(2026, 6, 6))
    assert "Actions circulated" in overdue_summary(next_day)
    sent = DistributionFacts(held_on=date(2026, 6, 5), status="ended", actions_sent_on=date(2026, 6, 5))
    assert "Actions circulated" not in overdue_summary(distribution_steps(profile, sent, date(2026, 6, 6)))


def test_record_due_one_working_day_after_a_friday(profile):
    facts = DistributionFacts(held_on=date(2026, 6, 5), status="ended", actions_sent_on=date(2026, 6, 5))
    assert "Minutes finalised" not in overdue_summary(distribution_steps(profile, facts, date(2026, 6, 8)))
    assert "Minutes finalised" in overdue_summary(distribution_steps(profile, facts, date(2026, 6, 9)))


def test_accuracy_check_deadline_and_non_replies(profile):
    facts = DistributionFacts(held_on=date(2026, 6, 1), status="ended", actions_sent_on=date(2026, 6, 1),
                              draft_sent_on=date(2026, 6, 2), accuracy_deadline=date(2026, 6, 9),
                              non_replies="Dr Ines Okafor")
    waiting = distribution_steps(profile, facts, date(2026, 6, 8))
    assert overdue_summary(waiting) == ""  # waiting for replies is not late
    past = distribution_steps(profile, facts, date(2026, 6, 10))
    assert overdue_summary(past) == "Minutes finalised"  # the non-reply is recorded: not waited for
    assert any("No reply from: Dr Ines Okafor" in s.text and "finalise" in s.text for s in past)
    silent = distribution_steps(profile, replace(facts, non_replies="  "), date(2026, 6, 10))
    assert overdue_summary(silent) == "Accuracy check, Minutes finalised"


def test_unfiled_copies_overdue_after_finalising(profile):
    facts = DistributionFacts(held_on=date(2026, 6, 1), status="finalised", actions_sent_on=date(2026, 6, 1),
                              finalised_on=date(2026, 6, 2), copies=(("LCS Strategy form", None),))
    assert "Children's copies filed" in overdue_summary(distribution_steps(profile, facts, date(2026, 6, 3)))
    filed = DistributionFacts(held_on=date(2026, 6, 1), status="finalised", actions_sent_on=date(2026, 6, 1),
                              finalised_on=date(2026, 6, 2), copies=(("LCS Strategy form", date(2026, 6, 2)),))
    assert overdue_summary(distribution_steps(profile, filed, date(2026, 6, 30))) == ""


def test_planned_meeting_has_no_clock(profile):
    assert distribution_steps(profile, DistributionFacts(held_on=date(2026, 7, 1), status="planned"),
                              date(2026, 6, 1)) == []


def test_a_past_meeting_never_started_says_so_not_minutes_overdue(profile):
    """A meeting still "planned" after its day was never started in the app: the chair is told the
    date passed (start it or cancel it), not that minutes nobody recorded are late."""
    planned = DistributionFacts(held_on=date(2026, 11, 9), status="planned")
    assert distribution_steps(profile, planned, date(2026, 11, 9)) == [], "on the day itself: not yet"
    steps = distribution_steps(profile, planned, date(2026, 12, 1))
    assert overdue_summary(steps) == "Not started \N{EM DASH} date passed"
    assert "9 November 2026" in steps[0].text and "cancel" in steps[0].text
    assert distribution_steps(profile, DistributionFacts(held_on=date(2026, 11, 9), status="cancelled"),
                              date(2026, 12, 1)) == [], "a cancelled meeting has no clock, past or not"
    # Started and left running, or ended: held, so the clock runs.
    for status in ("in_progress", "ended"):
        held = DistributionFacts(held_on=date(2026, 11, 9), status=status)
        assert "Minutes finalised" in overdue_summary(distribution_steps(profile, held, date(2026, 12, 1)))


# --- 10. eligibility ---------------------------------------------------------------------------


def test_complex_strategy_with_one_child_is_advised(profile):
    cs = profile.meeting_type("complex_strategy")
    finding = complex_strategy_eligibility(cs, [child(1)])
    assert finding is not None and finding.key == "complex_strategy_one_child"
    assert "more than one unrelated child" in finding.message
    assert complex_strategy_eligibility(cs, [child(1), child(2, "Tayo Brennick")]) is None
    assert complex_strategy_eligibility(cs, [SubjectFacts(9, "place", "Larkhill Rec")]) is None


def test_siblings_are_not_unrelated_children(profile):
    cs = profile.meeting_type("complex_strategy")
    siblings = complex_strategy_eligibility(cs, [child(1), child(2, "Tia Marlow")], {(1, 2)})
    assert siblings is not None and siblings.key == "complex_strategy_related_children"
    # Three children, two of them siblings: still more than one unrelated child.
    assert complex_strategy_eligibility(cs, [child(1), child(2, "Tia Marlow"), child(3, "Tayo Brennick")],
                                        {(2, 1)}) is None
    # Related through a common sibling: one family.
    assert len(unrelated_groups([1, 2, 3], {(1, 2), (2, 3)})) == 1


def test_safer_options_exclusions(profile):
    so = profile.meeting_type("safer_options")
    found = safer_options_exclusions(profile, so, {"peer_on_peer_sexual_harm"})
    assert keys(found) == ["safer_options_excluded_concern"]
    assert "individual assessment and care planning in the normal pathways" in found[0].message
    assert safer_options_exclusions(profile, so, {"knife_crime", "county_lines"}) == []
    single = safer_options_exclusions(profile, so, {"sexual_exploitation"},
                                      [child(1), SubjectFacts(5, "person_of_concern", "'Dex'")])
    assert keys(single) == ["safer_options_single_perpetrator"]
    group = safer_options_exclusions(profile, so, {"sexual_exploitation"},
                                     [SubjectFacts(5, "person_of_concern", "'Dex'"), SubjectFacts(6, "peer_group", "G")])
    assert group == []
    assert safer_options_exclusions(profile, profile.meeting_type("complex_strategy"),
                                    {"peer_on_peer_sexual_harm"}) == []


def test_meeting_type_that_does_not_fit_the_legal_status(profile):
    cin = profile.meeting_type("child_in_need")
    found = legal_status_fit(profile, cin, [child(1, legal_status="child_in_care")])
    assert keys(found) == ["legal_status_fit"]
    assert "child in care reviews or risk management meetings" in found[0].message and found[0].severity == "info"
    assert legal_status_fit(profile, cin, [child(1, legal_status="child_in_need"), child(2, legal_status="")]) == []
    assert legal_status_fit(profile, profile.meeting_type("safer_options"), [child(1, legal_status="child_in_care")]) \
        == []


# --- 11. areas ---------------------------------------------------------------------------------


def test_safer_options_child_in_another_area_is_noted(profile):
    so = profile.meeting_type("safer_options")
    found = area_findings(so, "Brindley East", [child(1, locality="Ashcombe North")], cross_boundary=False)
    assert keys(found) == ["area_child"] and "the area they live in" in found[0].message
    assert area_findings(so, "brindley  east", [child(1, locality="Brindley East")], cross_boundary=False) == []
    # No locality for the meeting: no area note, but the locality is asked for (red team 4).
    assert keys(area_findings(so, "", [child(1, locality="Ashcombe North")], cross_boundary=False)) == [
        "safer_options_locality_missing"]


def test_safer_options_place_where_harm_happens(profile):
    so = profile.meeting_type("safer_options")
    place = SubjectFacts(4, "place", "Larkhill Rec", locality="Ashcombe North")
    assert keys(area_findings(so, "Brindley East", [place], cross_boundary=False)) == ["area_group_place"]


def test_cross_boundary_lead_decision(profile):
    so = profile.meeting_type("safer_options")
    missing = area_findings(so, "Brindley East", [], cross_boundary=True)
    assert keys(missing) == ["lead_area_decision"] and missing[0].severity == "warning"
    assert [i.key for i in practice_gate_items(findings=missing)] == ["lead_area"]
    half = area_findings(so, "Brindley East", [], cross_boundary=True, decision=LeadAreaDecision("Brindley East", ""))
    assert keys(half) == ["lead_area_decision"]
    done = area_findings(so, "Brindley East", [], cross_boundary=True,
                         decision=LeadAreaDecision("Brindley East", "Jo Avery (SOM), Sam Reyes (DSM)"))
    assert keys(done) == ["lead_area_recorded"]
    assert area_findings(so, "Brindley East", [], cross_boundary=False) == []


def test_complex_strategy_led_where_harm_happens(profile):
    cs = profile.meeting_type("complex_strategy")
    place = SubjectFacts(4, "place", "Larkhill Rec", locality="Ashcombe North")
    assert keys(area_findings(cs, "Brindley East", [place], cross_boundary=False)) == ["complex_strategy_lead_area"]
    assert area_findings(cs, "Ashcombe North", [place], cross_boundary=False) == []
    assert keys(area_findings(cs, "Ashcombe North", [place], cross_boundary=True)) == \
        ["complex_strategy_lead_authority"]
    assert area_findings(cs, "Ashcombe North", [place], cross_boundary=True, lead_authority="Bristol") == []


# --- 12. notes for the chair -------------------------------------------------------------------


def test_same_paediatrician_note(profile):
    cs = profile.meeting_type("complex_strategy")
    last = PastAttendance("community_paediatrician", ("Dr Ines Okafor",), "4 June 2026")
    invite = same_paediatrician_note(cs, last, ["DS Morgan Ellery"])
    assert invite is not None and invite.severity == "hint"
    assert "same paediatrician should attend all these meetings" in invite.message
    assert "Dr Ines Okafor attended on 4 June 2026" in invite.message
    again = same_paediatrician_note(cs, last, ["dr ines okafor"])
    assert again is not None and again.severity == "info"
    assert same_paediatrician_note(cs, None, []) is None
    assert same_paediatrician_note(profile.meeting_type("safer_options"), last, []) is None


def test_investigations_team_coordinates_invitations_note(profile):
    rule = next(r for r in profile.meeting_type("complex_strategy").required_attendees
                if r.key == "police_investigations")
    assert "coordinated by the police Investigations or Lighthouse team" in rule.note


def test_came_through_hint_only_at_safer_options(profile):
    so = profile.meeting_type("safer_options")
    assert keys(came_through_hints(so, [(1, "Kai Marlow", "")])) == ["came_through_missing"]
    assert came_through_hints(so, [(1, "Kai Marlow", "other")]) == []
    assert came_through_hints(profile.meeting_type("complex_strategy"), [(1, "Kai Marlow", "")]) == []



def test_a_meeting_long_after_its_timescale_is_not_called_late(profile):
    # Looked after in 2020, first review recorded in the app in 2026: earlier reviews were not recorded.
    history = ChildHistory(1, "Noor Halvey", looked_after_on=date(2020, 3, 2))
    found = timescale_findings(profile, "child_in_care_review", date(2026, 6, 3), [history])
    assert "timescale_late" not in keys(found) and "timescale_not_checked" in keys(found)
    # Five weeks late is still called late.
    history = ChildHistory(1, "Noor Halvey", looked_after_on=date(2026, 3, 2))
    assert "timescale_late" in keys(timescale_findings(profile, "child_in_care_review", date(2026, 5, 8), [history]))


@pytest.mark.parametrize("typed", ["Officer-in-Charge", "officer\u2013in\u2013charge", "Officer\u00a0in charge"])
def test_role_wording_ignores_dashes_and_odd_spaces(profile, typed):
    assert attendee_role_key(profile, "", typed) == "officer_in_charge"


def test_a_profile_without_safer_options_still_loads(profile):
    """Planning processes, agreement_in and timescales may name a type the council does not run."""
    import tomllib

    from efh_desktop.domain.profile import DEFAULT_PROFILE_PATH, profile_from_data

    data = tomllib.loads(DEFAULT_PROFILE_PATH.read_text("utf-8"))
    data["meeting_types"] = [t for t in data["meeting_types"] if t["key"] not in ("safer_options", "cp_conference")]
    other = profile_from_data(data, name="other-council.toml")
    assert other.decision_kinds["open_referral"].needs_agreement_in("team_around_the_child") is None
    assert not other.same_planning_process("core_group", "child_in_care_review")


def _broken(change):
    import tomllib

    from efh_desktop.domain.profile import DEFAULT_PROFILE_PATH, ProfileError, profile_from_data

    data = tomllib.loads(DEFAULT_PROFILE_PATH.read_text("utf-8"))
    change(data)
    with pytest.raises(ProfileError) as caught:
        profile_from_data(data, name="council.toml")
    return str(caught.value)


def test_profile_checks_the_new_practice_data():
    def process(d):
        d["planning_processes"][0]["meeting_types"].append("Tea Party")

    assert "planning_processes.child_protection.meeting_types[4]" in _broken(process)

    def role(d):
        d["meeting_types"][2]["required_attendees"][0]["roles"] = ["wizard"]

    assert 'unknown attendee role "wizard"' in _broken(role)

    def agreement(d):
        d["decision_kinds"][-9]["agreement_in"] = "safer_options"

    assert "agreement_in" in _broken(agreement)

    def cadence(d):
        d["meeting_types"][-5]["cadence"]["note_after"] = 9

    assert "note_after: must be less than the cadence's value (8)" in _broken(cadence)

    def status(d):
        d["filing"]["open_referral_statuses"] = ["open_referal"]

    assert 'filing.open_referral_statuses[1]: unknown legal status "open_referal"' in _broken(status)


# --- red team: names and concerns as people type them -----------------------------------------

_NAMES = st.sampled_from(["Siân Ó Dálaigh", "Zoë Ångström-Nwosu", "Łukasz Wróblewski", "Jürgen Straße",
                          "İlkay Yıldız", "Gwenllïan ap Rhys", "نور حلوي", "Oisín Ní Bhriain", "Kai Marlow"])


@given(_NAMES, st.sampled_from(["Dr", "DC", "Det. Sgt", "PC", "ms"]), st.sampled_from(["", " ", "  "]))
def test_same_person_with_a_title_and_odd_spacing(name, title, gap):
    from efh_desktop.domain.practice_rules import same_person

    assert same_person(f"{title} {name}", f"{gap}{name.upper() if name.isascii() else name}{gap}")
    assert not same_person(name, f"{name}son")


@given(st.lists(st.sampled_from(["county_lines", "County lines", "COUNTY LINES", " county-lines ", "knife_crime",
                                 "Knife crime and weapon carrying"]), min_size=1, max_size=4))
def test_concern_keys_read_keys_and_labels_in_any_case(profile, items):
    from efh_desktop.domain.practice_rules import concern_keys

    keys, unknown = concern_keys(profile, ",".join(items))
    assert unknown == [] and len(keys) == len(set(keys)) and set(keys) <= {"county_lines", "knife_crime"}
    assert concern_keys(profile, "county lines, dragons") == (("county_lines",), ["dragons"])
