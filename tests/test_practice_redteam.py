"""Issue 15, checked again with scenarios the first tests did not cover, through the services the
window uses (set-up findings, the finalisation gate, the meetings list, filing, the First Response
draft). Each rule in both directions. All people and places are fictional."""

from __future__ import annotations

from datetime import UTC, date, datetime
from email import policy
from email.parser import BytesParser

import pytest

from efh_desktop.services.context import ServiceError


def at(d: date, hour: int = 10) -> datetime:
    return datetime(d.year, d.month, d.day, hour, 0, tzinfo=UTC)


def findings(services, meeting_id):
    return services.setup.findings(meeting_id)


def finding_keys(services, meeting_id):
    return [f.key for f in findings(services, meeting_id)]


def messages(services, meeting_id, key):
    return [f.message for f in findings(services, meeting_id) if f.key == key]


def gate_keys(services, meeting_id):
    return [line.item.key for line in services.finalise.gate(meeting_id)]


def timescale_gate(services, meeting_id):
    return [k for k in gate_keys(services, meeting_id) if k.startswith("timescale")]


def prompt_states(services, meeting_id):
    return {p.rule.key: p.state for p in services.setup.attendee_prompts(meeting_id)}


def kid(services, name="Kai Marlow", **fields):
    return services.subjects.create("child", name, **fields)


def meet(services, type_key, day, subjects=(), **fields):
    return services.meetings.create(type_key, at(day), subject_ids=[s.id for s in subjects], **fields)


# --- 1. one planning process -------------------------------------------------------------------


def test_conference_before_core_group_and_review_after_core_group(services):
    child = kid(services, legal_status="child_protection")
    meet(services, "cp_strategy", date(2026, 5, 4), [child])
    icpc = meet(services, "cp_conference", date(2026, 5, 20), [child])
    meet(services, "core_group", date(2026, 6, 1), [child])
    rcpc = meet(services, "cp_conference", date(2026, 8, 20), [child])
    assert "one_planning_process" not in finding_keys(services, icpc.id)
    assert "one_planning_process" not in finding_keys(services, rcpc.id)


def test_third_unrelated_process_still_warns_with_the_pair_left_out(services):
    child = kid(services, legal_status="child_in_care", in_care=True)
    meet(services, "child_in_care_review", date(2026, 6, 1), [child])
    meet(services, "yot_risk_management", date(2026, 6, 8), [child])
    rmm = meet(services, "risk_management", date(2026, 6, 15), [child])
    text = messages(services, rmm.id, "one_planning_process")
    assert len(text) == 1 and "YOT risk management meeting" in text[0]
    assert "Child in care review" not in text[0] and "child in care review" not in text[0]


def test_risk_management_before_child_in_care_review(services):
    child = kid(services, legal_status="child_in_care", in_care=True)
    meet(services, "risk_management", date(2026, 6, 1), [child])
    review = meet(services, "child_in_care_review", date(2026, 6, 15), [child])
    assert "one_planning_process" not in finding_keys(services, review.id)


def test_team_around_the_child_and_child_in_need_at_once_warn(services):
    child = kid(services, legal_status="child_in_need")
    cin = meet(services, "child_in_need", date(2026, 6, 1), [child])
    meet(services, "team_around_the_child", date(2026, 6, 15), [child])  # planned after: concurrent
    assert "one_planning_process" in finding_keys(services, cin.id)


def test_earlier_meeting_of_unknown_status_child_still_warns(services):
    child = kid(services)  # legal status not recorded: the app cannot tell a step-up
    meet(services, "team_around_the_child", date(2026, 6, 1), [child])
    cin = meet(services, "child_in_need", date(2026, 6, 15), [child])
    assert "one_planning_process" in finding_keys(services, cin.id)


def test_step_up_from_child_in_need_through_strategy_to_conference(services):
    # The usual pathway: child in need, a strategy discussion, the ICPC, core groups. One process
    # at a time, one after the other: no warning at any step.
    child = kid(services, legal_status="child_in_need")
    meet(services, "child_in_need", date(2026, 5, 1), [child])
    strategy = meet(services, "cp_strategy", date(2026, 6, 1), [child])
    services.subjects.update(child.id, legal_status="child_protection")
    icpc = meet(services, "cp_conference", date(2026, 6, 19), [child])
    core = meet(services, "core_group", date(2026, 7, 1), [child])
    for meeting in (strategy, icpc, core):
        assert "one_planning_process" not in finding_keys(services, meeting.id)


def test_step_up_even_with_the_legal_status_not_yet_changed(services):
    child = kid(services, legal_status="child_in_need")
    meet(services, "child_in_need", date(2026, 5, 1), [child])
    meet(services, "cp_strategy", date(2026, 6, 1), [child])
    icpc = meet(services, "cp_conference", date(2026, 6, 19), [child])
    assert "one_planning_process" not in finding_keys(services, icpc.id)


def test_other_process_between_this_ones_meetings_warns_whatever_the_status(services):
    child = kid(services, legal_status="child_in_need")
    meet(services, "child_in_need", date(2026, 5, 1), [child])
    meet(services, "team_around_the_child", date(2026, 5, 20), [child])
    cin = meet(services, "child_in_need", date(2026, 6, 12), [child])
    assert "one_planning_process" in finding_keys(services, cin.id)


def test_step_down_from_child_protection_to_child_in_need(services):
    child = kid(services, legal_status="child_protection")
    meet(services, "core_group", date(2026, 5, 1), [child])
    meet(services, "cp_conference", date(2026, 5, 15), [child])  # the plan ends
    services.subjects.update(child.id, legal_status="child_in_need")
    cin = meet(services, "child_in_need", date(2026, 6, 1), [child])
    assert "one_planning_process" not in finding_keys(services, cin.id)


def test_strategy_after_team_around_the_child(services):
    child = kid(services, legal_status="open_referral")
    meet(services, "team_around_the_child", date(2026, 5, 1), [child])
    strategy = meet(services, "cp_strategy", date(2026, 6, 1), [child])
    assert "one_planning_process" not in finding_keys(services, strategy.id)


def test_yot_order_still_asks_for_the_agreement_after_a_strategy(services):
    child = kid(services, legal_status="child_in_need", yot_order=True)
    meet(services, "yot_risk_management", date(2026, 5, 1), [child])
    meet(services, "cp_strategy", date(2026, 5, 10), [child])
    cin = meet(services, "child_in_need", date(2026, 5, 20), [child])
    assert "concurrent_planning_agreement_needed" in finding_keys(services, cin.id)


def test_cancelled_other_meeting_is_not_a_process(services):
    child = kid(services, legal_status="child_in_need")
    tac = meet(services, "team_around_the_child", date(2026, 6, 1), [child])
    services.meetings.update(tac.id, status="cancelled")
    cin = meet(services, "child_in_need", date(2026, 6, 15), [child])
    assert "one_planning_process" not in finding_keys(services, cin.id)


def test_yot_order_with_agreement_is_info_without_is_warning(services):
    child = kid(services, legal_status="child_in_need", yot_order=True)
    meet(services, "yot_risk_management", date(2026, 6, 1), [child])
    cin = meet(services, "child_in_need", date(2026, 6, 15), [child])
    assert "concurrent_planning_agreement_needed" in finding_keys(services, cin.id)
    services.setup.set_planning_agreement(cin.id, child.id, "   ")
    assert "concurrent_planning_agreement_needed" in finding_keys(services, cin.id)
    services.setup.set_planning_agreement(cin.id, child.id, "YOT chairs; social worker attends.")
    keys = finding_keys(services, cin.id)
    assert "concurrent_planning_agreed" in keys and "concurrent_planning_agreement_needed" not in keys


def test_contextual_meeting_is_not_a_second_individual_process(services):
    child = kid(services, legal_status="child_in_need")
    meet(services, "child_in_need", date(2026, 6, 1), [child])
    other = kid(services, "Tayo Brennick")
    cs = meet(services, "complex_strategy", date(2026, 6, 8), [child, other])
    so = meet(services, "safer_options", date(2026, 6, 9), [child])
    assert "one_planning_process" not in finding_keys(services, cs.id)
    assert "one_planning_process" not in finding_keys(services, so.id)
    cin2 = meet(services, "child_in_need", date(2026, 7, 13), [child])
    assert "one_planning_process" not in finding_keys(services, cin2.id)


# --- 2. required attendees ---------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["  officer   in charge ", "Officer-in-Charge", "OFFICER IN CHARGE."])
def test_officer_in_charge_odd_spacing(services, typed):
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), police_operation="Operation Larch")
    services.attendance.add(meeting.id, "DS Morgan Ellery", role=typed, agency="Police")
    got = prompt_states(services, meeting.id)
    assert got["officer_in_charge"] == "invited" and got["police_investigations"] == "invited"


@pytest.mark.parametrize("typed", ["Not the officer in charge", "Deputy to the Officer in Charge",
                                   "Paediatrician's secretary", "Formerly community paediatrician",
                                   "Investigations team manager (apologies)"])
def test_free_text_containing_the_words_does_not_count(services, typed):
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), police_operation="Operation Larch")
    services.attendance.add(meeting.id, "Someone Ffrench", role=typed, agency="Voluntary sector")
    got = prompt_states(services, meeting.id)
    assert got["officer_in_charge"] == "missing"
    assert got["community_paediatrician"] == "missing"
    assert got["police_investigations"] == "missing"


def test_officer_in_charge_only_prompted_with_an_open_investigation(services):
    meeting = meet(services, "complex_strategy", date(2026, 6, 1))
    assert "officer_in_charge" not in prompt_states(services, meeting.id)
    services.meetings.update(meeting.id, police_operation="   ")
    assert "officer_in_charge" not in prompt_states(services, meeting.id)
    services.meetings.update(meeting.id, officer_in_charge="DC Rhian Powys")
    assert prompt_states(services, meeting.id)["officer_in_charge"] == "missing"
    assert "attendee:officer_in_charge" in gate_keys(services, meeting.id)


def test_paediatrician_under_the_health_quick_pick(services):
    meeting = meet(services, "complex_strategy", date(2026, 6, 1))
    services.attendance.add(meeting.id, "Dr Ines Okafor", role="community paediatrician", agency="Health")
    assert prompt_states(services, meeting.id)["community_paediatrician"] == "invited"
    assert "attendee:community_paediatrician" not in gate_keys(services, meeting.id)


def test_health_practitioner_is_not_the_paediatrician(services):
    meeting = meet(services, "complex_strategy", date(2026, 6, 1))
    services.attendance.add(meeting.id, "Nurse Bryn Tegid", role="School nurse", agency="Health")
    assert prompt_states(services, meeting.id)["community_paediatrician"] == "missing"


@pytest.mark.parametrize("concerns", ["COUNTY_LINES", "missing,county_lines", "online_harm, county_lines",
                                      "knife_crime", "serious_youth_violence"])
def test_vru_prompted_for_county_lines_in_any_form(services, concerns):
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), concerns=concerns)
    assert prompt_states(services, meeting.id).get("vru") == "missing"


def test_vru_not_prompted_for_other_concerns(services):
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), concerns="sexual_exploitation,missing")
    assert "vru" not in prompt_states(services, meeting.id)


def test_named_nurse_when_a_child_is_in_care_by_legal_status(services):
    a = kid(services, legal_status="child_in_care")
    b = kid(services, "Tayo Brennick")
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), [a, b])
    assert prompt_states(services, meeting.id)["cic_named_nurse"] == "missing"
    other = meet(services, "complex_strategy", date(2026, 6, 2), [b])
    assert "cic_named_nurse" not in prompt_states(services, other.id)


def test_neighbourhood_officer_when_a_place_is_a_subject(services):
    place = services.subjects.create("place", "Gorse Lane skate park")
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), [place])
    assert prompt_states(services, meeting.id)["neighbourhood_officer"] == "missing"
    services.attendance.add(meeting.id, "PC Lee Ashdown", role="Beat Manager", agency="Police")
    assert prompt_states(services, meeting.id)["neighbourhood_officer"] == "invited"


# --- 3. threshold decisions --------------------------------------------------------------------


@pytest.mark.parametrize("type_key", ["team_around_the_child", "yot_risk_management",
                                      "complex_strategy"])
def test_open_referral_outside_safer_options_needs_no_area_dsm(services, type_key):
    child = kid(services)
    meeting = meet(services, type_key, date(2026, 6, 1), [child])
    kinds = services.ctx.profile.meeting_type(type_key).decision_kinds
    assert "open_referral" in kinds
    decision = services.minutes.add_decision(meeting.id, "Open a contact and referral.", kind_key="open_referral",
                                             subject_ids=[child.id], agreed_by="Someone")
    assert decision.id and decision.agreed_by == ""  # no agreement is part of this decision here


@pytest.mark.parametrize("kind", ["open_referral", "step_up"])
def test_threshold_decisions_in_safer_options_need_the_area_dsm(services, kind):
    child = kid(services)
    meeting = meet(services, "safer_options", date(2026, 6, 1), [child])
    with pytest.raises(ServiceError, match="Area DSM"):
        services.minutes.add_decision(meeting.id, "Agreed.", kind_key=kind, agreed_by="   ")
    assert services.minutes.add_decision(meeting.id, "Agreed.", kind_key=kind, agreed_by="Sam Reyes").id


def test_step_up_group_to_complex_strategy_needs_agreement(services):
    group = services.subjects.create("peer_group", "Gorse Lane group")
    meeting = meet(services, "safer_options", date(2026, 6, 1), [group])
    with pytest.raises(ServiceError):
        services.minutes.add_decision(meeting.id, "Step up.", kind_key="step_up_to_complex_strategy")


# --- 4. filing ---------------------------------------------------------------------------------


def _filing(services, meeting, child):
    return services.minutes_builder.filing_for(services.meetings.get(meeting.id), services.subjects.get(child.id))


@pytest.mark.parametrize(("status", "ticked", "ehm_id", "expected"), [
    ("", False, "", "LCS contact, minutes stored in documents"),
    ("", True, "", "LCS Strategy form"),
    ("not_open", False, "EHM-1", "LCS contact, minutes stored in documents"),
    ("not_open", True, "", "LCS Strategy form"),
    ("yot_only", False, "", "LCS contact, minutes stored in documents"),
    ("open_referral", False, "", "LCS Strategy form"),
    ("child_in_need", False, "EHM-2", "LCS Strategy form"),
    ("child_protection", False, "", "LCS Strategy form"),
    ("child_in_care", False, "", "LCS Strategy form"),
])
def test_complex_strategy_filing_every_status(services, status, ticked, ehm_id, expected):
    child = kid(services, legal_status=status, open_referral=ticked, ehm_id=ehm_id)
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), [child])
    assert _filing(services, meeting, child) == expected


@pytest.mark.parametrize("status", ["", "not_open", "yot_only", "open_referral", "child_in_need",
                                    "child_protection", "child_in_care"])
@pytest.mark.parametrize("ehm_id", ["", "EHM-9"])
@pytest.mark.parametrize(("route", "expected"), [("", "EHM General Notes: Safer Options casenote"),
                                                 ("other", "EHM General Notes: Safer Options casenote"),
                                                 ("ehm_referral", "EHM Contact")])
@pytest.mark.parametrize("type_key", ["safer_options", "safer_options_extraordinary"])
def test_safer_options_filing_every_combination(services, status, ehm_id, route, expected, type_key):
    child = kid(services, legal_status=status, ehm_id=ehm_id)
    meeting = meet(services, type_key, date(2026, 6, 1), [child])
    if route:
        services.practice.set_came_through(meeting.id, child.id, route)
    assert _filing(services, meeting, child) == expected


def test_filing_shown_on_the_meeting_files_plan(services):
    child = kid(services, legal_status="child_protection", open_referral=False)
    other = kid(services, "Tayo Brennick", legal_status="not_open")
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), [child, other])
    got = {c.id: services.minutes_builder.filing_for(services.meetings.get(meeting.id), c)
           for c in services.meetings.subjects(meeting.id)}
    assert got == {child.id: "LCS Strategy form", other.id: "LCS contact, minutes stored in documents"}


# --- 5. lawful basis ---------------------------------------------------------------------------


def test_blank_or_spaces_lawful_basis(services):
    child = kid(services, "Zoë Ångström-Nwosu")
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), [child])
    services.sharing.save_child(meeting.id, child.id, to_share="That we are worried.", consent="given",
                                lawful_basis="")
    assert f"sharing:lawful_basis:{child.id}" in gate_keys(services, meeting.id)
    services.sharing.save_child(meeting.id, child.id, lawful_basis="   ")  # spaces are no basis
    assert f"sharing:lawful_basis:{child.id}" in gate_keys(services, meeting.id)
    services.sharing.save_child(meeting.id, child.id, lawful_basis="children_act_s47")
    assert f"sharing:lawful_basis:{child.id}" not in gate_keys(services, meeting.id)


def test_decision_not_to_share_still_needs_a_lawful_basis(services):
    child = kid(services, "Siân Ó Dálaigh")
    meeting = meet(services, "safer_options", date(2026, 6, 1), [child])
    services.sharing.save_child(meeting.id, child.id, withheld="All of it.", withheld_reason="Police investigation.",
                                consent="not_sought", consent_reason="It would alert the suspect.")
    assert f"sharing:lawful_basis:{child.id}" in gate_keys(services, meeting.id)


def test_no_sharing_decision_is_not_also_a_lawful_basis_item(services):
    child = kid(services)
    meeting = meet(services, "safer_options", date(2026, 6, 1), [child])
    keys = gate_keys(services, meeting.id)
    assert f"sharing:child:{child.id}" in keys and f"sharing:lawful_basis:{child.id}" not in keys


# --- 6. First Response e-mail -----------------------------------------------------------------


@pytest.mark.parametrize("type_key", ["safer_options", "complex_strategy", "team_around_the_child"])
def test_first_response_email_names_the_decision_at_other_meetings(services, tmp_path, type_key):
    child = kid(services, "Siân Ó Dálaigh")
    meeting = meet(services, type_key, date(2026, 6, 1), [child])
    offered = services.ctx.profile.meeting_type(type_key).decision_kinds
    assert "open_referral" in offered
    kind = "open_referral"
    decision = services.minutes.add_decision(meeting.id, "Agreed.", kind_key=kind, subject_ids=[child.id],
                                             agreed_by="Sam Reyes")
    path = services.referral_email.write_draft(decision.id, tmp_path / "draft.eml")
    message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
    body = message.get_content()
    assert "Open a contact and referral" in message["Subject"]
    assert "Please open a contact and referral." in body
    assert "1 June 2026" in body


# --- 7. child in need cadence ------------------------------------------------------------------


@pytest.mark.parametrize(("days", "gate", "finding"), [
    (42, False, None),
    (49, False, "next_meeting_after_soft_cadence"),
    (56, False, "next_meeting_after_soft_cadence"),
    (57, True, "next_meeting_after_cadence"),
])
def test_child_in_need_6_7_8_and_8_weeks_and_a_day(services, days, gate, finding):
    from datetime import timedelta

    child = kid(services, legal_status="child_in_need")
    held = date(2026, 3, 2)  # a Monday
    meeting = meet(services, "child_in_need", held, [child])
    services.setup.set_next_meeting(meeting.id, held + timedelta(days=days))
    assert ("next_meeting" in gate_keys(services, meeting.id)) is gate
    keys = finding_keys(services, meeting.id)
    if finding:
        assert finding in keys
    else:
        assert not [k for k in keys if k.startswith("next_meeting")]


def test_child_in_need_proposal_is_six_weeks(services):
    child = kid(services, legal_status="child_in_need")
    meeting = meet(services, "child_in_need", date(2026, 3, 2), [child])
    proposal = services.setup.propose_next(meeting.id)
    assert proposal.date == date(2026, 4, 13) and proposal.latest == date(2026, 4, 27)


# --- 8. statutory timescales -------------------------------------------------------------------


def test_icpc_from_a_friday_strategy(services):
    child = kid(services, legal_status="child_protection")
    meet(services, "cp_strategy", date(2026, 6, 5), [child])  # Friday
    # 15 working days from Friday 5 June (day 0): Friday 26 June.
    on_time = meet(services, "cp_conference", date(2026, 6, 26), [child])
    assert timescale_gate(services, on_time.id) == []
    services.meetings.update(on_time.id, starts_at=at(date(2026, 6, 29)), ends_at=at(date(2026, 6, 29), 12))
    assert timescale_gate(services, on_time.id) == [f"timescale_late:icpc:{child.id}"]


def test_icpc_across_easter_2027(services):
    child = kid(services, legal_status="child_protection")
    # Easter 2027: Good Friday 26 March, Easter Monday 29 March.
    meet(services, "cp_strategy", date(2027, 3, 17), [child])
    # 15 working days from Wednesday 17 March, skipping 26 and 29 March: Friday 9 April.
    on_time = meet(services, "cp_conference", date(2027, 4, 9), [child])
    assert timescale_gate(services, on_time.id) == []
    services.meetings.update(on_time.id, starts_at=at(date(2027, 4, 12)), ends_at=at(date(2027, 4, 12), 12))
    assert timescale_gate(services, on_time.id) == [f"timescale_late:icpc:{child.id}"]


def test_first_core_group_across_the_august_bank_holiday(services):
    child = kid(services, legal_status="child_protection")
    meet(services, "cp_strategy", date(2026, 8, 3), [child])
    meet(services, "cp_conference", date(2026, 8, 21), [child])  # Friday
    # 10 working days from Friday 21 August, skipping Monday 31 August: Monday 7 September.
    core = meet(services, "core_group", date(2026, 9, 7), [child])
    assert timescale_gate(services, core.id) == []
    services.meetings.update(core.id, starts_at=at(date(2026, 9, 8)), ends_at=at(date(2026, 9, 8), 12))
    assert timescale_gate(services, core.id) == [f"timescale_late:first_core_group:{child.id}"]


def test_only_the_first_core_group_is_on_the_10_day_clock(services):
    child = kid(services, legal_status="child_protection")
    meet(services, "cp_conference", date(2026, 6, 1), [child])
    meet(services, "core_group", date(2026, 6, 10), [child])
    second = meet(services, "core_group", date(2026, 7, 20), [child])
    assert timescale_gate(services, second.id) == []


def test_core_group_after_a_review_conference_is_not_the_first(services):
    child = kid(services, legal_status="child_protection")
    meet(services, "cp_conference", date(2026, 3, 2), [child])
    meet(services, "core_group", date(2026, 3, 10), [child])
    meet(services, "cp_conference", date(2026, 6, 1), [child])
    core = meet(services, "core_group", date(2026, 6, 30), [child])
    assert timescale_gate(services, core.id) == []


def test_child_looked_after_on_a_bank_holiday(services):
    # Looked after on Christmas Day 2025 (day 0); 20 working days skip Boxing Day and 1 January:
    # Monday 26 January 2026.
    child = kid(services, legal_status="child_in_care", in_care=True, looked_after_on=date(2025, 12, 25))
    review = meet(services, "child_in_care_review", date(2026, 1, 26), [child])
    assert timescale_gate(services, review.id) == []
    services.meetings.update(review.id, starts_at=at(date(2026, 1, 27)), ends_at=at(date(2026, 1, 27), 12))
    assert timescale_gate(services, review.id) == [f"timescale_late:first_cic_review:{child.id}"]


def test_child_in_care_review_sequence_second_third_fourth(services):
    child = kid(services, legal_status="child_in_care", in_care=True, looked_after_on=date(2026, 1, 5))
    meet(services, "child_in_care_review", date(2026, 1, 30), [child])
    second = meet(services, "child_in_care_review", date(2026, 4, 30), [child])  # 3 months
    assert timescale_gate(services, second.id) == []
    services.meetings.update(second.id, starts_at=at(date(2026, 5, 1)), ends_at=at(date(2026, 5, 1), 12))
    assert timescale_gate(services, second.id) == [f"timescale_late:second_cic_review:{child.id}"]
    services.meetings.update(second.id, starts_at=at(date(2026, 4, 28)), ends_at=at(date(2026, 4, 28), 12))
    third = meet(services, "child_in_care_review", date(2026, 10, 28), [child])  # 6 months
    assert timescale_gate(services, third.id) == []
    fourth = meet(services, "child_in_care_review", date(2027, 4, 29), [child])  # 6 months and a day
    assert timescale_gate(services, fourth.id) == [f"timescale_late:later_cic_review:{child.id}"]
    services.meetings.update(fourth.id, starts_at=at(date(2027, 4, 28)), ends_at=at(date(2027, 4, 28), 12))
    assert timescale_gate(services, fourth.id) == []


def test_review_conference_after_a_review_conference(services):
    child = kid(services, legal_status="child_protection")
    meet(services, "cp_conference", date(2026, 1, 12), [child])
    meet(services, "cp_conference", date(2026, 4, 10), [child])  # first review, within 3 months
    second_review = meet(services, "cp_conference", date(2026, 10, 10), [child])
    assert timescale_gate(services, second_review.id) == []
    services.meetings.update(second_review.id, starts_at=at(date(2026, 10, 12)), ends_at=at(date(2026, 10, 12), 12))
    assert timescale_gate(services, second_review.id) == [f"timescale_late:later_rcpc:{child.id}"]


def test_planning_lines_after_each_review(services):
    child = kid(services, legal_status="child_in_care", in_care=True, looked_after_on=date(2026, 1, 5))
    first = meet(services, "child_in_care_review", date(2026, 1, 30), [child])
    second = meet(services, "child_in_care_review", date(2026, 4, 28), [child])
    third = meet(services, "child_in_care_review", date(2026, 10, 28), [child])
    assert any("Second child in care review" in line and "30 April 2026" in line
               for line in services.setup.planning_lines(first.id))
    assert any("28 October 2026" in line for line in services.setup.planning_lines(second.id))
    assert any("28 April 2027" in line for line in services.setup.planning_lines(third.id))


def test_planning_line_on_a_bank_holiday_names_the_working_day_before(services):
    # A review on 28 February 2027 … 6 months: Saturday 28 August; a review on 25 June 2026 …
    # 6 months later is Friday 25 December 2026, Christmas Day.
    child = kid(services, legal_status="child_in_care", in_care=True, looked_after_on=date(2026, 1, 5))
    meet(services, "child_in_care_review", date(2026, 1, 30), [child])
    meet(services, "child_in_care_review", date(2026, 4, 28), [child])
    third = meet(services, "child_in_care_review", date(2026, 6, 25), [child])
    lines = services.setup.planning_lines(third.id)
    assert any("25 December 2026" in line and "24 December 2026" in line for line in lines)


def test_strategy_on_the_day_before_christmas_break(services):
    child = kid(services, legal_status="open_referral")
    strategy = meet(services, "cp_strategy", date(2026, 12, 24), [child])
    # 15 working days from Thursday 24 December 2026 (day 0), skipping 25, 28 December and 1 January.
    assert any("19 January 2027" in line for line in services.setup.planning_lines(strategy.id))


# --- 9. distribution clock ---------------------------------------------------------------------


def test_meeting_with_no_actions_is_not_overdue_for_actions(services):
    meeting = meet(services, "safer_options", date(2026, 6, 5), locality="Brindley East")
    services.meetings.update(meeting.id, status="ended")
    rows = services.meetings.list()
    got = services.practice.overdue_for_rows(rows, today=date(2026, 6, 9))
    assert "Actions circulated" not in got.get(meeting.id, "")
    assert got[meeting.id] == "Minutes finalised"


def test_cancelled_meeting_has_no_clock(services):
    meeting = meet(services, "safer_options", date(2026, 6, 5))
    services.minutes.add_action(meeting.id, "Visit", owner="Alex", agency="FIF", due_date=date(2026, 6, 12))
    services.meetings.update(meeting.id, status="cancelled")
    assert services.practice.overdue_for_rows(services.meetings.list(), today=date(2026, 7, 1)) == {}


def test_not_applicable_or_done_steps_are_not_overdue(services):
    meeting = meet(services, "complex_strategy", date(2026, 12, 24))  # Thursday before Christmas
    services.minutes.add_action(meeting.id, "Visit", owner="Alex", agency="FIF", due_date=date(2027, 1, 4))
    services.meetings.update(meeting.id, status="ended")
    rows = services.meetings.list()
    # The record is due within 1 working day: Tuesday 29 December (25 and 28 are bank holidays).
    services.ctx.clock.set(at(date(2026, 12, 24), 17))  # actions are recorded as sent on a day that has come
    services.practice.record_distribution(meeting.id, actions_sent_on=date(2026, 12, 24))
    assert services.practice.overdue_for_rows(rows, today=date(2026, 12, 29)) == {}
    assert services.practice.overdue_for_rows(rows, today=date(2026, 12, 30)) == {meeting.id: "Minutes finalised"}


def test_actions_sent_a_day_late_are_no_longer_overdue(services):
    meeting = meet(services, "safer_options", date(2026, 6, 5))
    services.minutes.add_action(meeting.id, "Visit", owner="Alex", agency="FIF", due_date=date(2026, 6, 12))
    services.meetings.update(meeting.id, status="ended")
    services.practice.record_distribution(meeting.id, actions_sent_on=date(2026, 6, 6))
    got = services.practice.overdue_for_rows(services.meetings.list(), today=date(2026, 6, 7))
    assert "Actions circulated" not in got.get(meeting.id, "")


def test_past_planned_meeting_says_not_started(services):
    meeting = meet(services, "safer_options", date(2026, 6, 5))
    got = services.practice.overdue_for_rows(services.meetings.list(), today=date(2026, 6, 8))
    assert "Not started" in got[meeting.id]


# --- 10. eligibility ---------------------------------------------------------------------------


def test_complex_strategy_one_child_hint(services):
    child = kid(services)
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), [child])
    assert "complex_strategy_one_child" in finding_keys(services, meeting.id)


def test_complex_strategy_two_unrelated_children_no_hint(services):
    a, b = kid(services), kid(services, "Tayo Brennick")
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), [a, b])
    keys = finding_keys(services, meeting.id)
    assert "complex_strategy_one_child" not in keys and "complex_strategy_related_children" not in keys


@pytest.mark.parametrize("relation", ["sibling", "half_sibling"])
def test_complex_strategy_siblings_recorded_as_links(services, relation):
    a, b = kid(services), kid(services, "Tia Marlow")
    services.relations.add(a.id, b.id, relation)
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), [a, b])
    assert "complex_strategy_related_children" in finding_keys(services, meeting.id)


def test_complex_strategy_three_siblings_and_one_unrelated(services):
    a, b, c = kid(services), kid(services, "Tia Marlow"), kid(services, "Oisín Marlow")
    services.relations.add(a.id, b.id, "sibling")
    services.relations.add(b.id, c.id, "half_sibling")
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), [a, b, c])
    assert "complex_strategy_related_children" in finding_keys(services, meeting.id)
    d = kid(services, "Tayo Brennick")
    services.meetings.add_subject(meeting.id, d.id)
    assert "complex_strategy_related_children" not in finding_keys(services, meeting.id)


def test_friends_are_not_related(services):
    a, b = kid(services), kid(services, "Tayo Brennick")
    services.relations.add(a.id, b.id, "friend")
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), [a, b])
    assert "complex_strategy_related_children" not in finding_keys(services, meeting.id)


@pytest.mark.parametrize("concern", ["peer_on_peer_abuse", "Harmful sexual behaviour", "peer_on_peer_sexual_harm"])
def test_two_unrelated_children_peer_on_peer_hsb_hint(services, concern):
    a, b = kid(services), kid(services, "Tayo Brennick")
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), [a, b], concerns=concern)
    assert "harmful_sexual_behaviour_protocol" in finding_keys(services, meeting.id)
    c = kid(services, "Noor Halvey")
    services.meetings.add_subject(meeting.id, c.id)
    assert "harmful_sexual_behaviour_protocol" not in finding_keys(services, meeting.id)


@pytest.mark.parametrize("concern", ["online_sexual_exploitation", "peer_on_peer_sexual_harm",
                                     "single_perpetrator_sexual_exploitation"])
def test_safer_options_exclusions_in_the_guidance_words(services, concern):
    child = kid(services)
    meeting = meet(services, "safer_options", date(2026, 6, 1), [child], concerns=concern)
    text = messages(services, meeting.id, "safer_options_excluded_concern")
    assert text and "should be managed through individual assessment and care planning in the normal pathways" \
        in text[0]


def test_safer_options_ordinary_concerns_not_excluded(services):
    child = kid(services)
    meeting = meet(services, "safer_options", date(2026, 6, 1), [child], concerns="county_lines,knife_crime")
    assert "safer_options_excluded_concern" not in finding_keys(services, meeting.id)


@pytest.mark.parametrize(("type_key", "status", "fits"), [
    ("team_around_the_child", "not_open", True),
    ("team_around_the_child", "child_protection", False),
    ("yot_risk_management", "yot_only", True),
    ("yot_risk_management", "child_in_need", False),
    ("cp_strategy", "open_referral", True),
    ("cp_strategy", "child_in_care", True),
    ("cp_strategy", "not_open", False),
    ("child_in_need", "child_in_need", True),
    ("child_in_need", "child_protection", False),
    ("cp_conference", "child_protection", True),
    ("core_group", "child_protection", True),
    ("core_group", "child_in_need", False),
    ("child_in_care_review", "child_in_care", True),
    ("child_in_care_review", "not_open", False),
    ("risk_management", "child_in_care", True),
    ("risk_management", "child_in_need", False),
])
def test_legal_status_fits_meeting_type(services, type_key, status, fits):
    child = kid(services, legal_status=status)
    meeting = meet(services, type_key, date(2026, 6, 1), [child])
    assert ("legal_status_fit" in finding_keys(services, meeting.id)) is not fits


def test_legal_status_unknown_says_nothing(services):
    child = kid(services)
    meeting = meet(services, "child_in_need", date(2026, 6, 1), [child])
    assert "legal_status_fit" not in finding_keys(services, meeting.id)


def test_contextual_meeting_takes_any_legal_status(services):
    child = kid(services, legal_status="child_in_care")
    meeting = meet(services, "safer_options", date(2026, 6, 1), [child])
    assert "legal_status_fit" not in finding_keys(services, meeting.id)


# --- 11. areas ---------------------------------------------------------------------------------


def test_child_from_area_a_at_area_b_safer_options(services):
    child = kid(services, locality="Ashcombe North")
    meeting = meet(services, "safer_options", date(2026, 6, 1), [child], locality="brindley east")
    assert "area_child" in finding_keys(services, meeting.id)
    services.subjects.update(child.id, locality="  BRINDLEY   East ")
    assert "area_child" not in finding_keys(services, meeting.id)


def test_place_in_another_area(services):
    place = services.subjects.create("place", "Gorse Lane skate park", locality="Ashcombe North")
    meeting = meet(services, "safer_options", date(2026, 6, 1), [place], locality="Brindley East")
    assert "area_group_place" in finding_keys(services, meeting.id)
    services.meetings.update(meeting.id, locality="Ashcombe North")
    assert "area_group_place" not in finding_keys(services, meeting.id)


def test_unknown_concern_is_refused_in_words(services):
    with pytest.raises(ServiceError, match="no concern called “dragons”"):
        meet(services, "complex_strategy", date(2026, 6, 1), concerns="county lines, dragons")


def test_unknown_lawful_basis_is_refused_in_words(services):
    child = kid(services)
    meeting = meet(services, "safer_options", date(2026, 6, 1), [child])
    with pytest.raises(ServiceError, match="no lawful basis “gut feeling”"):
        services.sharing.save_child(meeting.id, child.id, to_share="x", consent="given", lawful_basis=" gut feeling ")


def test_cross_boundary_decision_missing_vs_recorded(services):
    meeting = meet(services, "safer_options", date(2026, 6, 1), locality="Brindley East", cross_boundary=True)
    assert "lead_area" in gate_keys(services, meeting.id)
    services.meetings.update(meeting.id, lead_area="Brindley East", lead_area_decided_by="   ")
    assert "lead_area" in gate_keys(services, meeting.id)
    services.meetings.update(meeting.id, lead_area_decided_by="Jo Avery and Sam Reyes")
    assert "lead_area" not in gate_keys(services, meeting.id)
    services.meetings.update(meeting.id, cross_boundary=False, lead_area="", lead_area_decided_by="")
    assert "lead_area" not in gate_keys(services, meeting.id)


def test_complex_strategy_led_from_the_wrong_area(services):
    place = services.subjects.create("place", "Gorse Lane skate park", locality="Ashcombe North")
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), [place], locality="Brindley East")
    assert "complex_strategy_lead_area" in finding_keys(services, meeting.id)
    services.meetings.update(meeting.id, locality="ashcombe north")
    assert "complex_strategy_lead_area" not in finding_keys(services, meeting.id)


def test_complex_strategy_where_most_places_are(services):
    p1 = services.subjects.create("place", "Gorse Lane skate park", locality="Ashcombe North")
    p2 = services.subjects.create("place", "Quayside arcade", locality="Ashcombe North")
    p3 = services.subjects.create("place", "Hollin Road shop", locality="Brindley East")
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), [p1, p2, p3], locality="Brindley East")
    text = messages(services, meeting.id, "complex_strategy_lead_area")
    assert text == ["Most of the places on this meeting are in Ashcombe North (2 of 3), and this meeting is for "
                    "Brindley East. Complex strategies should be led by the local authority and locality area "
                    "where the harm is primarily occurring."]
    services.subjects.update(p2.id, locality="Brindley East")  # now as many here as there: no note
    assert "complex_strategy_lead_area" not in finding_keys(services, meeting.id)


def test_complex_strategy_children_living_elsewhere_do_not_move_the_lead(services):
    a = kid(services, locality="Ashcombe North")
    b = kid(services, "Tayo Brennick", locality="Ashcombe North")
    group = services.subjects.create("peer_group", "Hollin Road group", locality="Brindley East")
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), [a, b, group], locality="Brindley East")
    assert "complex_strategy_lead_area" not in finding_keys(services, meeting.id)


# --- 12. notes for the chair -------------------------------------------------------------------


def test_same_paediatrician_hint_and_info(services):
    first = meet(services, "complex_strategy", date(2026, 6, 1), new_series_title="Op Larch")
    doctor = services.attendance.add(first.id, "Dr Ines Okafor", role="Paediatrician", agency="Health")
    services.attendance.update(doctor.id, status="present")
    second = meet(services, "complex_strategy", date(2026, 7, 13), series_id=first.series_id)
    found = {f.key: f for f in findings(services, second.id)}
    assert found["same_paediatrician"].severity == "hint"
    services.attendance.add(second.id, "dr ines okafor", role="Community paediatrician", agency="Health")
    found = {f.key: f for f in findings(services, second.id)}
    assert found["same_paediatrician"].severity == "info"


def test_paediatrician_who_sent_apologies_last_time_is_not_named(services):
    first = meet(services, "complex_strategy", date(2026, 6, 1), new_series_title="Op Larch")
    services.attendance.add(first.id, "Dr Ines Okafor", role="Paediatrician", agency="Health", status="apologies")
    second = meet(services, "complex_strategy", date(2026, 7, 13), series_id=first.series_id)
    assert "same_paediatrician" not in finding_keys(services, second.id)


def test_invitations_note_from_the_guidance(services):
    meeting = meet(services, "complex_strategy", date(2026, 6, 1))
    prompts = services.setup.attendee_prompts(meeting.id)
    rule = next(p.rule for p in prompts if p.rule.key == "police_investigations")
    assert "Lighthouse" in rule.note


def test_first_response_email_carries_the_area_dsm_agreement(services, tmp_path):
    child = kid(services, "Siân Ó Dálaigh")
    meeting = meet(services, "safer_options", date(2026, 6, 1), [child])
    decision = services.minutes.add_decision(meeting.id, "Agreed.", kind_key="open_referral", subject_ids=[child.id],
                                             agreed_by="Sam Reyes (Area DSM)")
    path = services.referral_email.write_draft(decision.id, tmp_path / "draft.eml")
    body = BytesParser(policy=policy.default).parsebytes(path.read_bytes()).get_content()
    assert "Agreed by (Area DSM): Sam Reyes (Area DSM)" in body
    assert "Decision: Open a contact and referral" in body


def test_no_first_response_email_for_a_decision_it_does_not_put_into_effect(services, tmp_path):
    child = kid(services)
    meeting = meet(services, "safer_options", date(2026, 6, 1), [child])
    decision = services.minutes.add_decision(meeting.id, "Mentoring.", kind_key="commission_resources",
                                             subject_ids=[child.id])
    with pytest.raises(ServiceError, match="not made by emailing First Response"):
        services.referral_email.write_draft(decision.id, tmp_path / "draft.eml")
    assert not (tmp_path / "draft.eml").exists()


def test_first_response_email_needs_the_one_child(services, tmp_path):
    a, b = kid(services), kid(services, "Tayo Brennick")
    meeting = meet(services, "safer_options", date(2026, 6, 1), [a, b])
    decision = services.minutes.add_decision(meeting.id, "Agreed.", kind_key="open_fif_referral",
                                             subject_ids=[a.id, b.id])
    with pytest.raises(ServiceError, match="one child"):
        services.referral_email.write_draft(decision.id, tmp_path / "draft.eml")


def test_child_looked_after_again_starts_the_reviews_again(services):
    child = kid(services, legal_status="child_in_care", in_care=True, looked_after_on=date(2024, 3, 1))
    meet(services, "child_in_care_review", date(2024, 3, 25), [child])
    meet(services, "child_in_care_review", date(2024, 6, 20), [child])
    services.subjects.update(child.id, looked_after_on=date(2026, 1, 5))  # home, then looked after again
    # The first review of this time in care: 20 working days from 5 January 2026, so by 2 February.
    review = meet(services, "child_in_care_review", date(2026, 2, 2), [child])
    assert timescale_gate(services, review.id) == []
    assert "timescale_not_checked" not in finding_keys(services, review.id)
    services.meetings.update(review.id, starts_at=at(date(2026, 2, 3)), ends_at=at(date(2026, 2, 3), 12))
    assert timescale_gate(services, review.id) == [f"timescale_late:first_cic_review:{child.id}"]
    assert any("Second child in care review" in line for line in services.setup.planning_lines(review.id))


@pytest.mark.parametrize(("conferences", "weeks", "warns"), [
    (1, 6, False), (1, 7, True),  # after the initial conference: at least every 6 weeks
    (2, 7, False), (2, 8, False), (2, 9, True),  # after a review conference: 8 weeks
])
def test_core_group_cadence_6_weeks_after_icpc_8_after_rcpc(services, conferences, weeks, warns):
    from datetime import timedelta

    child = kid(services, legal_status="child_protection")
    meet(services, "cp_conference", date(2026, 3, 2), [child])
    if conferences == 2:
        meet(services, "cp_conference", date(2026, 5, 28), [child])
    core = meet(services, "core_group", date(2026, 6, 1), [child])
    services.setup.set_next_meeting(core.id, date(2026, 6, 1) + timedelta(weeks=weeks))
    assert ("next_meeting" in gate_keys(services, core.id)) is warns
    assert ("next_meeting_after_cadence" in finding_keys(services, core.id)) is warns
    latest = services.setup.propose_next(core.id).latest
    assert latest == date(2026, 6, 1) + timedelta(weeks=8 if conferences == 2 else 6)


def test_complex_strategy_about_a_peer_group_is_not_one_child(services):
    named = kid(services)
    group = services.subjects.create("peer_group", "Hollin Road group")
    for name in ("Tayo Brennick", "Noor Halvey"):
        services.subjects.add_member(group.id, kid(services, name).id)
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), [named, group])
    assert "complex_strategy_one_child" not in finding_keys(services, meeting.id)
    alone = meet(services, "complex_strategy", date(2026, 6, 2), [named])
    assert "complex_strategy_one_child" in finding_keys(services, alone.id)


def test_complex_strategy_group_of_siblings_only(services):
    group = services.subjects.create("peer_group", "Marlow siblings")
    a, b = kid(services), kid(services, "Tia Marlow")
    services.subjects.add_member(group.id, a.id)
    services.subjects.add_member(group.id, b.id)
    services.relations.add(a.id, b.id, "sibling")
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), [group])
    assert "complex_strategy_related_children" in finding_keys(services, meeting.id)
    c = kid(services, "Tayo Brennick")
    services.subjects.add_member(group.id, c.id)
    assert "complex_strategy_related_children" not in finding_keys(services, meeting.id)


def test_the_chair_who_is_the_area_dsm_fills_the_area_dsm_place(services):
    meeting = meet(services, "safer_options", date(2026, 6, 1), chair_name="Sam Reyes",
                   chair_role="area_deputy_service_manager")
    assert prompt_states(services, meeting.id)["area_dsm"] == "present"
    assert "attendee:area_dsm" not in gate_keys(services, meeting.id)
    other = meet(services, "safer_options", date(2026, 6, 8), chair_name="Sam Reyes", chair_role="fif_area_manager")
    states = prompt_states(services, other.id)
    assert states["area_dsm"] == "missing" and states["fif_area_manager"] == "present"


def test_complex_strategy_chair_is_not_the_police(services):
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), chair_name="Jo Avery", chair_role="service_manager")
    assert prompt_states(services, meeting.id)["police_investigations"] == "missing"


@pytest.mark.parametrize("status", ["yot_only", "not_open"])
def test_strategy_fits_any_legal_status_with_an_open_referral(services, status):
    # Table 2.1: "Open Referral – any legal status significant harm suspected in the community".
    child = kid(services, legal_status=status, open_referral=True)
    meeting = meet(services, "cp_strategy", date(2026, 6, 1), [child])
    assert "legal_status_fit" not in finding_keys(services, meeting.id)
    services.subjects.update(child.id, open_referral=False)
    assert "legal_status_fit" in finding_keys(services, meeting.id)


@pytest.mark.parametrize(("held", "ok_on", "late_on"), [
    (date(2026, 5, 22), date(2026, 5, 26), date(2026, 5, 27)),  # Friday before the spring bank holiday
    (date(2026, 4, 2), date(2026, 4, 7), date(2026, 4, 8)),  # Thursday before Good Friday and Easter Monday
    (date(2026, 12, 24), date(2026, 12, 29), date(2026, 12, 30)),  # Christmas Eve
])
def test_record_within_one_working_day_over_bank_holidays(services, held, ok_on, late_on):
    meeting = meet(services, "safer_options", held)
    services.meetings.update(meeting.id, status="ended")
    rows = services.meetings.list()
    assert services.practice.overdue_for_rows(rows, today=ok_on) == {}
    assert services.practice.overdue_for_rows(rows, today=late_on) == {meeting.id: "Minutes finalised"}


def test_step_down_at_safer_options_is_a_threshold_decision(services):
    child = kid(services)
    meeting = meet(services, "safer_options", date(2026, 6, 1), [child])
    with pytest.raises(ServiceError, match="Area DSM"):
        services.minutes.add_decision(meeting.id, "Step down to FIF.", kind_key="step_down", subject_ids=[child.id])
    cin = meet(services, "child_in_need", date(2026, 6, 2), [child])
    assert services.minutes.add_decision(cin.id, "Step down to FIF.", kind_key="step_down", subject_ids=[child.id]).id


@pytest.mark.parametrize("type_key", ["risk_management", "cp_strategy"])
def test_triggering_a_complex_strategy_needs_dsm_or_sm_everywhere(services, type_key):
    child = kid(services)
    meeting = meet(services, type_key, date(2026, 6, 1), [child])
    with pytest.raises(ServiceError, match="DSM or SM"):
        services.minutes.add_decision(meeting.id, "Trigger.", kind_key="trigger_complex_strategy")


def test_safer_options_extraordinary_has_the_same_exclusions(services):
    place = services.subjects.create("place", "Quayside arcade")
    meeting = meet(services, "safer_options_extraordinary", date(2026, 6, 1), [place],
                   concerns="online_sexual_exploitation")
    assert "safer_options_excluded_concern" in finding_keys(services, meeting.id)


def test_concurrent_yot_agreement_recorded_once_holds_at_the_next_meetings(services):
    child = kid(services, legal_status="child_in_need", yot_order=True)
    meet(services, "yot_risk_management", date(2026, 6, 1), [child])
    first = meet(services, "child_in_need", date(2026, 6, 15), [child])
    services.setup.set_planning_agreement(first.id, child.id, "YOT chairs; the social worker attends.")
    meet(services, "yot_risk_management", date(2026, 7, 13), [child])
    second = meet(services, "child_in_need", date(2026, 7, 27), [child])
    keys = finding_keys(services, second.id)
    assert "concurrent_planning_agreed" in keys and "concurrent_planning_agreement_needed" not in keys
    assert any("YOT chairs" in m for m in messages(services, second.id, "concurrent_planning_agreed"))
    # A different child, or the agreement withdrawn, is not covered.
    services.setup.set_planning_agreement(first.id, child.id, "")
    assert "concurrent_planning_agreement_needed" in finding_keys(services, second.id)


def test_paediatrician_from_the_last_meeting_one_attended(services):
    first = meet(services, "complex_strategy", date(2026, 6, 1), new_series_title="Op Larch")
    services.attendance.add(first.id, "Dr Ines Okafor", role="Paediatrician", agency="Health", status="present")
    second = meet(services, "complex_strategy", date(2026, 7, 13), series_id=first.series_id,
                  previous_meeting_id=first.id)
    services.attendance.add(second.id, "Dr Ines Okafor", role="Paediatrician", agency="Health",
                            status="apologies", apology_reason="Clinic")
    cancelled = meet(services, "complex_strategy", date(2026, 8, 10), series_id=first.series_id,
                     previous_meeting_id=second.id)
    services.attendance.add(cancelled.id, "Dr Wyn Esterházy", role="Paediatrician", agency="Health", status="present")
    services.meetings.update(cancelled.id, status="cancelled")
    third = meet(services, "complex_strategy", date(2026, 8, 24), series_id=first.series_id,
                 previous_meeting_id=cancelled.id)
    text = messages(services, third.id, "same_paediatrician")
    assert text and "Dr Ines Okafor attended on 1 June 2026" in text[0] and "Esterházy" not in text[0]


def test_area_that_leads_across_boundaries_discusses_the_other_areas_children(services):
    child = kid(services, locality="Ashcombe North")
    meeting = meet(services, "safer_options", date(2026, 6, 1), [child], locality="Brindley East",
                   cross_boundary=True)
    assert "area_child" in finding_keys(services, meeting.id)
    services.meetings.update(meeting.id, lead_area="brindley east", lead_area_decided_by="Jo Avery and Sam Reyes")
    keys = finding_keys(services, meeting.id)
    assert "area_child" not in keys and "lead_area_recorded" in keys  # delegated decisions for the other area
    services.meetings.update(meeting.id, lead_area="Ashcombe North")
    text = messages(services, meeting.id, "lead_area_recorded")
    assert text and "Ashcombe North leads" in text[0] and "this meeting is for Brindley East" in text[0]


@pytest.mark.parametrize(("named", "registered"), [("DC Rhian Powys", "Rhian Powys"),
                                                   ("Rhian Powys", "Det. Sgt Rhian Powys"),
                                                   ("DS Rhian Powys", "ds rhian powys")])
def test_officer_in_charge_named_with_or_without_rank(services, named, registered):
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), officer_in_charge=named)
    services.attendance.add(meeting.id, registered, role="Detective", agency="Police")
    assert prompt_states(services, meeting.id)["officer_in_charge"] == "invited"


def test_a_different_officer_is_not_the_officer_in_charge(services):
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), officer_in_charge="DC Rhian Powys")
    services.attendance.add(meeting.id, "DC Rhian Powell", role="Detective", agency="Police")
    assert prompt_states(services, meeting.id)["officer_in_charge"] == "missing"


def test_same_paediatrician_written_without_the_title_is_on_the_list(services):
    first = meet(services, "complex_strategy", date(2026, 6, 1), new_series_title="Op Larch")
    services.attendance.add(first.id, "Dr Ines Okafor", role="Paediatrician", agency="Health", status="present")
    second = meet(services, "complex_strategy", date(2026, 7, 13), series_id=first.series_id)
    services.attendance.add(second.id, "Ines Okafor", role="Paediatrician", agency="Health")
    found = {f.key: f for f in findings(services, second.id)}
    assert found["same_paediatrician"].severity == "info"


def _finalise(services, meeting_id):
    services.meetings.update(meeting_id, status="ended")
    for line in services.finalise.gate(meeting_id):
        if line.item.blocking:
            services.finalise.override(meeting_id, line.item.key, "Red-team test: finalised regardless.")
    services.finalise.finalise(meeting_id)


def test_finalised_meeting_whose_copies_were_never_written_is_overdue_for_filing(services):
    child = kid(services)
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), [child, kid(services, "Tayo Brennick")])
    _finalise(services, meeting.id)
    from efh_desktop.domain.uk_dates import to_uk

    day = to_uk(services.meetings.get(meeting.id).finalised_at).date()
    from datetime import timedelta

    steps = {s.key: s for s in services.practice.distribution(meeting.id, today=day)}
    assert "filed" in steps and not steps["filed"].overdue
    assert steps["filed"].text == "No child's copy is filed yet (2 children)."
    later = {s.key: s for s in services.practice.distribution(meeting.id, today=day + timedelta(days=1))}
    assert later["filed"].overdue


def test_meeting_about_places_only_has_no_filing_step(services):
    place = services.subjects.create("place", "Quayside arcade")
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), [place])
    _finalise(services, meeting.id)
    from datetime import timedelta

    day = services.meetings.get(meeting.id).finalised_at.date() + timedelta(days=3)
    assert "filed" not in [s.key for s in services.practice.distribution(meeting.id, today=day)]


@pytest.mark.parametrize("status", ["open_referral", "child_in_need"])
def test_initial_conference_for_a_child_not_yet_on_a_plan_fits(services, status):
    # The ICPC decides whether the child needs a child protection plan: before it, the child's
    # legal status is still what the strategy discussion was held for.
    child = kid(services, legal_status=status)
    meet(services, "cp_strategy", date(2026, 6, 1), [child])
    icpc = meet(services, "cp_conference", date(2026, 6, 19), [child])
    assert "legal_status_fit" not in finding_keys(services, icpc.id)
    review = meet(services, "cp_conference", date(2026, 9, 10), [child])  # a review: on a plan by now
    assert "legal_status_fit" in finding_keys(services, review.id)


def test_conference_without_a_strategy_keeps_the_note(services):
    child = kid(services, legal_status="child_in_need")
    icpc = meet(services, "cp_conference", date(2026, 6, 19), [child])
    assert "legal_status_fit" in finding_keys(services, icpc.id)
