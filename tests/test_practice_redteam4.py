"""Issue 15, a fourth independent red team: cases the first three did not try, through the services
the window uses (set-up findings, attendance prompts, the finalisation gate, the next meeting in a
series, the distribution clock). Each rule in both directions. All people and places are fictional.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from efh_desktop.services.context import ServiceError

# The helpers of the first practice red team, the same calls through the same services.
from tests.test_practice_redteam import (
    at,
    finding_keys,
    gate_keys,
    kid,
    meet,
    messages,
    prompt_states,
)


def gate_messages(services, meeting_id, prefix):
    return [line.item.message for line in services.finalise.gate(meeting_id) if line.item.key.startswith(prefix)]


# --- 1. a child is under 18: the complex strategy test ------------------------------------------
# Guidance §4: "A complex strategy is required when more than one unrelated child is suspected or
# known to be experiencing significant or serious harm"; the must-consider list keeps "Possible
# victims who are now adults" apart from the children.


def test_a_child_who_turned_18_before_the_meeting_is_not_a_second_child(services):
    amara = kid(services, "Amara Quell", date_of_birth=date(2010, 3, 1))
    bodhi = kid(services, "Bodhi Ferran", date_of_birth=date(2008, 5, 1))  # 18 on 1 May 2026
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), [amara, bodhi])
    hint = messages(services, meeting.id, "complex_strategy_one_child")
    assert hint and "Amara Quell" in hint[0] and "Bodhi Ferran" in hint[0] and "now an adult" in hint[0]


def test_the_same_two_children_before_the_18th_birthday_are_two(services):
    amara = kid(services, "Amara Quell", date_of_birth=date(2010, 3, 1))
    bodhi = kid(services, "Bodhi Ferran", date_of_birth=date(2008, 5, 1))
    meeting = meet(services, "complex_strategy", date(2026, 4, 30), [amara, bodhi])
    assert "complex_strategy_one_child" not in finding_keys(services, meeting.id)


def test_a_child_turning_18_between_meetings_of_a_series(services):
    amara = kid(services, "Amara Quell", date_of_birth=date(2010, 3, 1))
    bodhi = kid(services, "Bodhi Ferran", date_of_birth=date(2008, 5, 1))
    first = meet(services, "complex_strategy", date(2026, 4, 20), [amara, bodhi])
    assert "complex_strategy_one_child" not in finding_keys(services, first.id)
    second = services.series.create_next_meeting(first.id, at(date(2026, 5, 18)))
    assert "complex_strategy_one_child" in finding_keys(services, second.id)


def test_18th_birthday_counted_on_the_uk_day_of_a_meeting_just_after_midnight(services):
    # 00:30 BST on 1 May 2026 is 23:30 UTC on 30 April: Bodhi is 18 on the meeting's UK day.
    amara = kid(services, "Amara Quell", date_of_birth=date(2010, 3, 1))
    bodhi = kid(services, "Bodhi Ferran", date_of_birth=date(2008, 5, 1))
    meeting = services.meetings.create("complex_strategy", datetime(2026, 4, 30, 23, 30, tzinfo=UTC),
                                       subject_ids=[amara.id, bodhi.id])
    assert "complex_strategy_one_child" in finding_keys(services, meeting.id)


def test_an_unknown_date_of_birth_still_counts_as_a_child(services):
    amara = kid(services, "Amara Quell", date_of_birth=date(2010, 3, 1))
    bodhi = kid(services, "Bodhi Ferran")
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), [amara, bodhi])
    assert "complex_strategy_one_child" not in finding_keys(services, meeting.id)


def test_a_peer_group_member_who_is_now_an_adult_is_not_a_second_child(services):
    group = services.subjects.create("peer_group", "Larkhill Rec group")
    amara = kid(services, "Amara Quell", date_of_birth=date(2010, 3, 1))
    bodhi = kid(services, "Bodhi Ferran", date_of_birth=date(2007, 1, 9))
    services.subjects.add_member(group.id, amara.id)
    services.subjects.add_member(group.id, bodhi.id)
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), [group, amara])
    assert "complex_strategy_one_child" in finding_keys(services, meeting.id)


def test_two_adults_only_is_not_two_children(services):
    a = kid(services, "Amara Quell", date_of_birth=date(2005, 3, 1))
    b = kid(services, "Bodhi Ferran", date_of_birth=date(2006, 5, 1))
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), [a, b])
    hint = messages(services, meeting.id, "complex_strategy_no_child")
    assert hint and "Amara Quell and Bodhi Ferran" in hint[0] and "18" in hint[0]


def test_harm_between_a_child_and_an_adult_is_not_two_children_for_the_hsb_protocol(services):
    amara = kid(services, "Amara Quell", date_of_birth=date(2010, 3, 1))
    bodhi = kid(services, "Bodhi Ferran", date_of_birth=date(2007, 5, 1))
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), [amara, bodhi],
                   concerns="harmful_sexual_behaviour")
    assert "harmful_sexual_behaviour_protocol" not in finding_keys(services, meeting.id)
    younger = kid(services, "Cerys Abara", date_of_birth=date(2011, 2, 2))
    other = meet(services, "complex_strategy", date(2026, 6, 2), [amara, younger],
                 concerns="harmful_sexual_behaviour")
    assert "harmful_sexual_behaviour_protocol" in finding_keys(services, other.id)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(born=st.dates(min_value=date(2000, 1, 1), max_value=date(2016, 12, 31)))
def test_age_on_the_meeting_day_decides_whether_a_second_child_counts(services, born):
    held = date(2026, 6, 1)
    adult = (held.year - born.year - ((held.month, held.day) < (born.month, born.day))) >= 18
    amara = kid(services, "Amara Quell", date_of_birth=date(2012, 3, 1))
    other = kid(services, "Bodhi Ferran", date_of_birth=born)
    meeting = meet(services, "complex_strategy", held, [amara, other])
    assert ("complex_strategy_one_child" in finding_keys(services, meeting.id)) == adult


# --- 2. the next meeting in a series -------------------------------------------------------------


def test_a_role_chosen_from_the_list_is_carried_into_the_next_meeting(services):
    meeting = meet(services, "complex_strategy", date(2026, 6, 1))
    person = services.attendance.add(meeting.id, "Dr Ines Okafor", agency="Health", status="present")
    services.attendance.update(person.id, role_key="community_paediatrician")
    assert prompt_states(services, meeting.id)["community_paediatrician"] == "present"
    following = services.series.create_next_meeting(meeting.id)
    carried = [a for a in services.attendance.list(following.id) if a.name == "Dr Ines Okafor"]
    assert carried and carried[0].role_key == "community_paediatrician" and carried[0].status == "invited"
    assert prompt_states(services, following.id)["community_paediatrician"] == "invited"


def test_how_a_child_came_to_safer_options_is_carried_into_the_next_meeting(services):
    child = kid(services, "Amara Quell")
    meeting = meet(services, "safer_options", date(2026, 6, 1), [child], locality="Easton Vale")
    services.practice.set_came_through(meeting.id, child.id, "ehm_referral")
    following = services.series.create_next_meeting(meeting.id)
    assert services.practice.came_through(following.id, child.id) == "ehm_referral"
    assert "came_through_missing" not in finding_keys(services, following.id)


# --- 3. consent refused, and information shared on "consent" anyway -------------------------------
# DOMAIN §7: consent sought / given / refused / not sought (with reason); the lawful basis; "Record
# the decision and reasons whether or not information is shared."


@pytest.mark.parametrize("consent", ["refused", "not_sought", "sought"])
def test_consent_as_the_lawful_basis_without_consent_given(services, consent):
    child = kid(services, "Amara Quell")
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), [child])
    services.sharing.save_child(meeting.id, child.id, consent=consent, consent_reason="Mother declined to say",
                                to_share="What the police will do next", lawful_basis="consent")
    found = gate_messages(services, meeting.id, f"sharing:consent_basis:{child.id}")
    assert found and "Amara Quell" in found[0] and "consent" in found[0].lower()
    # Shared without consent on a recorded basis: nothing to ask.
    services.sharing.save_child(meeting.id, child.id, lawful_basis="uk_gdpr_6_1_e")
    assert not gate_messages(services, meeting.id, "sharing:consent_basis")


def test_consent_given_is_a_lawful_basis(services):
    child = kid(services, "Amara Quell")
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), [child])
    services.sharing.save_child(meeting.id, child.id, consent="given", to_share="The plan", lawful_basis="consent")
    assert not gate_messages(services, meeting.id, "sharing:consent_basis")


# --- 4. finalising minutes of a meeting not yet held -------------------------------------------------
# DOMAIN §1: the manager "after the meeting: finalises the minutes".


def _clear_gate(services, meeting_id):
    for line in services.finalise.gate(meeting_id):
        services.finalise.override(meeting_id, line.item.key, "Agreed by the chair for this test")


def test_a_meeting_whose_day_has_not_come_is_held_back_at_the_gate(services):
    today = services.ctx.clock.today()
    later = date(today.year + 1, 6, 1)
    meeting = meet(services, "safer_options_extraordinary", later)
    for line in services.finalise.gate(meeting.id):
        if line.item.key != "not_held_yet":
            services.finalise.override(meeting.id, line.item.key, "Agreed by the chair for this test")
    held_back = [item for item in services.finalise.outstanding(meeting.id) if item.key == "not_held_yet"]
    assert held_back and f"1 June {later.year}" in held_back[0].message and "has not come" in held_back[0].message
    with pytest.raises(ServiceError, match="1 item is still outstanding"):
        services.finalise.finalise(meeting.id)
    assert services.meetings.get(meeting.id).status == "planned"


def test_a_meeting_today_is_not_held_back(services):
    today = services.ctx.clock.today()
    meeting = services.meetings.create("safer_options_extraordinary",
                                       datetime(today.year, today.month, today.day, 0, 30, tzinfo=UTC))
    assert "not_held_yet" not in gate_keys(services, meeting.id)


def test_a_meeting_held_earlier_can_still_be_finalised(services):
    meeting = meet(services, "safer_options_extraordinary", date(2026, 6, 1))
    _clear_gate(services, meeting.id)
    assert services.finalise.finalise(meeting.id).status == "finalised"


# --- 5. the distribution clock's dates ---------------------------------------------------------------


def test_the_deadline_for_replies_cannot_be_before_the_meeting(services):
    meeting = meet(services, "complex_strategy", date(2026, 6, 1))
    with pytest.raises(ServiceError, match="before the meeting"):
        services.practice.record_distribution(meeting.id, accuracy_deadline=date(2026, 5, 29))
    assert services.meetings.get(meeting.id).accuracy_deadline is None
    services.practice.record_distribution(meeting.id, accuracy_deadline=date(2026, 6, 8))
    assert services.meetings.get(meeting.id).accuracy_deadline == date(2026, 6, 8)


@pytest.mark.parametrize("step", ["actions_sent_on", "draft_sent_on"])
def test_something_sent_cannot_be_recorded_as_sent_after_today(services, step):
    meeting = meet(services, "complex_strategy", date(2026, 6, 1))
    today = services.ctx.clock.today()
    with pytest.raises(ServiceError, match="after today"):
        services.practice.record_distribution(meeting.id, **{step: date(today.year + 1, 1, 4)})
    assert getattr(services.meetings.get(meeting.id), step) is None


# --- 6. a decision without reasons; an action due before the meeting that agreed it --------------------
# DOMAIN §1: the minute-taker records "decisions with reasons and dissent, actions with owner, agency
# and date"; §8: minutes may be disclosed in court, and the exact wording of decisions matters.


def test_a_decision_without_reasons_is_asked_for_at_the_gate(services):
    meeting = meet(services, "complex_strategy", date(2026, 6, 1))
    decision = services.minutes.add_decision(meeting.id, "Agree a disruption plan for the flat on Ashdown Row",
                                             kind_key="disruption_plan")
    found = [line.item for line in services.finalise.gate(meeting.id) if line.item.key == f"decision:{decision.id}:reasons"]
    assert found and "Ashdown Row" in found[0].message and "reason" in found[0].message
    assert found[0].panel == "decisions"
    services.minutes.update("decision", decision.id, rationale="Three children seen there by the beat officer")
    assert f"decision:{decision.id}:reasons" not in gate_keys(services, meeting.id)


def test_an_open_action_due_before_the_meeting_that_agreed_it(services):
    meeting = meet(services, "complex_strategy", date(2026, 6, 1))
    action = services.minutes.add_action(meeting.id, "Visit the family with the school", owner="Ola Brandt",
                                         agency="Children's social care", due_date=date(2026, 5, 1))
    found = gate_messages(services, meeting.id, f"action:{action.id}:due_before_meeting")
    assert found and "1 May 2026" in found[0] and "1 June 2026" in found[0]
    services.minutes.update("action", action.id, due_date=date(2026, 6, 15))
    assert not gate_messages(services, meeting.id, "action:")


def test_a_carried_action_that_is_overdue_is_not_asked_about_its_date(services):
    first = meet(services, "complex_strategy", date(2026, 6, 1))
    services.minutes.add_action(first.id, "Visit the family with the school", owner="Ola Brandt",
                                agency="Children's social care", due_date=date(2026, 6, 20))
    following = services.series.create_next_meeting(first.id, at(date(2026, 7, 13)))
    assert not gate_messages(services, following.id, "action:")


# --- 7. duplicate attendees --------------------------------------------------------------------------


def test_the_same_name_in_another_unicode_form_is_one_attendee(services):
    import unicodedata

    meeting = meet(services, "complex_strategy", date(2026, 6, 1))
    services.attendance.add(meeting.id, "Siân O’Neill", agency="Education")
    services.attendance.add(meeting.id, unicodedata.normalize("NFD", "Siân O'Neill"), agency="Education",
                            status="present")
    register = services.attendance.list(meeting.id)
    assert len(register) == 1 and register[0].status == "present"


def test_a_chair_named_in_another_unicode_form_is_not_added_twice(services):
    import unicodedata

    meeting = meet(services, "complex_strategy", date(2026, 6, 1))
    services.attendance.add(meeting.id, "Zoë Brönte", agency="Children's social care", status="present")
    services.meetings.update(meeting.id, chair_name=unicodedata.normalize("NFD", "Zoë Brönte"),
                             chair_role="service_manager")
    assert len(services.attendance.list(meeting.id)) == 1


# --- 8. a strategy meeting and social care: the chair is from social care ----------------------------
# Table 2.1: a child protection strategy is led by a "Consultant Social Worker/Practice Lead/Team
# Manager"; the strategy must include children's social care, police and health.


@pytest.mark.parametrize("role", ["team_manager", "practice_lead", "consultant_social_worker"])
def test_the_social_care_chair_of_a_strategy_fills_social_care(services, role):
    child = kid(services, "Amara Quell", legal_status="open_referral")
    meeting = meet(services, "cp_strategy", date(2026, 6, 1), [child], chair_name="Rhian Powys", chair_role=role)
    states = prompt_states(services, meeting.id)
    assert states["social_care"] == "present"
    assert states["police"] == "missing" and states["health"] == "missing"
    assert "attendee:social_care" not in gate_keys(services, meeting.id)


def test_a_strategy_without_police_health_or_social_care_is_held_back(services):
    child = kid(services, "Amara Quell", legal_status="open_referral")
    meeting = meet(services, "cp_strategy", date(2026, 6, 1), [child])
    services.attendance.add(meeting.id, "Ola Brandt", agency="Education", status="present")
    keys = gate_keys(services, meeting.id)
    assert {"attendee:social_care", "attendee:police", "attendee:health"} <= set(keys)


# --- 9. the lead area decided across boundaries holds for the series ----------------------------------
# Guidance §3: "Where harm crosses boundaries a decision will be made between the Safer Options Manager
# and Deputy Service Manager about which area will lead on these discussions".


def test_the_lead_area_decision_is_carried_into_the_next_meeting(services):
    meeting = meet(services, "safer_options", date(2026, 6, 1), locality="Easton Vale", cross_boundary=True,
                   lead_area="Easton Vale", lead_area_decided_by="Nia Castell and Tomasz Wrona")
    assert "lead_area" not in gate_keys(services, meeting.id)
    following = services.series.create_next_meeting(meeting.id)
    details = services.meetings.get(following.id)
    assert (details.lead_area, details.lead_area_decided_by) == ("Easton Vale", "Nia Castell and Tomasz Wrona")
    assert "lead_area" not in gate_keys(services, following.id)


# --- 10. a must-consider item deferred when no next meeting is set --------------------------------------
# DOMAIN §5: each item "not yet / considered (with a note) / not applicable (with a reason) / deferred
# (to which meeting)".


def test_an_item_deferred_with_no_next_meeting_is_asked_about(services):
    meeting = meet(services, "complex_strategy", date(2026, 6, 1))
    services.checklist.set_status(meeting.id, "witnesses_before_children", "deferred")
    services.setup.set_next_meeting(meeting.id, None, "The complex strategy is closed today")
    found = gate_messages(services, meeting.id, "checklist:witnesses_before_children:deferred")
    assert found and "no next meeting" in found[0]
    services.setup.set_next_meeting(meeting.id, date(2026, 7, 6))
    assert not gate_messages(services, meeting.id, "checklist:witnesses_before_children:deferred")


# --- 11. more slips in dates and names -------------------------------------------------------------


def test_renaming_an_attendee_to_someone_already_in_the_register_is_refused(services):
    meeting = meet(services, "complex_strategy", date(2026, 6, 1))
    services.attendance.add(meeting.id, "Siân Tregarth", agency="Health")
    other = services.attendance.add(meeting.id, "Ola Brandt", agency="Education")
    with pytest.raises(ServiceError, match="already"):
        services.attendance.update(other.id, name="siân  tregarth")
    assert sorted(a.name for a in services.attendance.list(meeting.id)) == ["Ola Brandt", "Siân Tregarth"]
    services.attendance.update(other.id, name="Ola Brandt-Nwosu")  # a real change is still allowed


def test_what_is_shared_with_the_family_cannot_be_due_before_the_meeting(services):
    # DOMAIN §7: "what will be shared with the child and family, and when".
    child = kid(services, "Amara Quell")
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), [child])
    with pytest.raises(ServiceError, match="before the meeting"):
        services.sharing.save_child(meeting.id, child.id, consent="given", to_share="The plan",
                                    lawful_basis="consent", share_by=date(2026, 5, 29))
    saved = services.sharing.save_child(meeting.id, child.id, consent="given", to_share="The plan",
                                        lawful_basis="consent", share_by=date(2026, 6, 1))
    assert saved.share_by == date(2026, 6, 1)


def test_someone_cannot_be_recorded_as_told_at_a_time_still_to_come(services):
    # DOMAIN §3: the Safer Options Manager and the Strategic Safeguarding and QA Service Manager must be
    # informed of every complex strategy ("record who and when").
    meeting = meet(services, "complex_strategy", date(2026, 6, 1))
    now = services.ctx.clock.now()
    with pytest.raises(ServiceError, match="still to come"):
        services.setup.record_notification(meeting.id, "safer_options_manager", "Nia Castell",
                                           informed_at=now.replace(year=now.year + 1))
    assert "notification:safer_options_manager" in gate_keys(services, meeting.id)


def test_a_sharing_decision_that_records_nothing_shared_or_withheld_is_asked_about(services):
    # DOMAIN §7: "Record the decision and reasons whether or not information is shared."
    child = kid(services, "Amara Quell")
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), [child])
    services.sharing.save_child(meeting.id, child.id, consent="given", lawful_basis="uk_gdpr_6_1_e")
    found = gate_messages(services, meeting.id, f"sharing:empty:{child.id}")
    assert found and "Amara Quell" in found[0]
    services.sharing.save_child(meeting.id, child.id, withheld="Everything for now",
                                withheld_reason="It would put the police investigation at risk")
    assert not gate_messages(services, meeting.id, "sharing:empty")


def test_a_date_carried_from_the_last_meeting_can_be_kept_when_the_decision_is_confirmed(services):
    child = kid(services, "Amara Quell")
    first = meet(services, "complex_strategy", date(2026, 6, 1), [child])
    services.sharing.save_child(first.id, child.id, consent="given", to_share="The plan", lawful_basis="consent",
                                share_by=date(2026, 6, 3))
    following = services.series.create_next_meeting(first.id, at(date(2026, 7, 13)))
    confirmed = services.sharing.save_child(following.id, child.id, consent="given", to_share="The plan",
                                            lawful_basis="consent", share_by=date(2026, 6, 3))
    assert confirmed.share_by == date(2026, 6, 3) and confirmed.decided_at is not None


# --- 12. the child who harms, recorded as a person of concern ------------------------------------------
# Guidance §4: "significant harm between two unrelated children as a result of peer-on-peer abuse ...
# can be managed by a team manager using the Harmful Sexual Behavior Protocol". DOMAIN §2: a person of
# concern is "an adult (or a child who harms)".


def test_one_child_harmed_by_a_child_recorded_as_a_person_of_concern_is_two_children(services):
    amara = kid(services, "Amara Quell", date_of_birth=date(2011, 3, 1))
    harmer = services.subjects.create("person_of_concern", "Tobiah Wren", treat_as_child=True)
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), [amara, harmer],
                   concerns="harmful_sexual_behaviour")
    assert "harmful_sexual_behaviour_protocol" in finding_keys(services, meeting.id)


def test_a_person_of_concern_under_18_by_date_of_birth_is_a_child_who_harms(services):
    amara = kid(services, "Amara Quell", date_of_birth=date(2011, 3, 1))
    harmer = services.subjects.create("person_of_concern", "Tobiah Wren", date_of_birth=date(2010, 9, 9))
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), [amara, harmer],
                   concerns="peer_on_peer_abuse")
    assert "harmful_sexual_behaviour_protocol" in finding_keys(services, meeting.id)


def test_an_adult_person_of_concern_is_not_peer_on_peer(services):
    amara = kid(services, "Amara Quell", date_of_birth=date(2011, 3, 1))
    bodhi = kid(services, "Bodhi Ferran", date_of_birth=date(2012, 3, 1))
    adult = services.subjects.create("person_of_concern", "Grigor Malden", date_of_birth=date(1990, 9, 9))
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), [amara, bodhi, adult],
                   concerns="harmful_sexual_behaviour")
    assert "harmful_sexual_behaviour_protocol" not in finding_keys(services, meeting.id)
    alone = meet(services, "complex_strategy", date(2026, 6, 2), [amara, adult], concerns="harmful_sexual_behaviour")
    assert "harmful_sexual_behaviour_protocol" not in finding_keys(services, alone.id)


def test_born_on_29_february_is_18_on_1_march(services):
    amara = kid(services, "Amara Quell", date_of_birth=date(2012, 3, 1))
    leap = kid(services, "Bodhi Ferran", date_of_birth=date(2008, 2, 29))
    before = meet(services, "complex_strategy", date(2026, 2, 28), [amara, leap])
    assert "complex_strategy_one_child" not in finding_keys(services, before.id)
    on = meet(services, "complex_strategy", date(2026, 3, 2), [amara, leap])
    assert "complex_strategy_one_child" in finding_keys(services, on.id)


# --- 13. the next meeting in a series comes after this one --------------------------------------------


def test_the_next_meeting_cannot_be_before_this_one(services):
    meeting = meet(services, "complex_strategy", date(2026, 6, 1))
    with pytest.raises(ServiceError, match="after this one"):
        services.series.create_next_meeting(meeting.id, at(date(2026, 5, 1)))
    with pytest.raises(ServiceError, match="after this one"):
        services.series.create_next_meeting(meeting.id, at(date(2026, 6, 1)))
    assert services.series.create_next_meeting(meeting.id, at(date(2026, 7, 13))).starts_at.date() == date(2026, 7, 13)


def test_a_next_meeting_time_without_a_time_zone_is_refused_in_words(services):
    meeting = meet(services, "complex_strategy", date(2026, 6, 1))
    with pytest.raises(ServiceError, match="time zone"):
        services.series.create_next_meeting(meeting.id, datetime(2026, 7, 13, 10, 0))


# --- 14. a Safer Options meeting with no locality ------------------------------------------------------
# Guidance table 2.2: Safer Options meetings are held "weekly in each locality"; §3: a child is discussed
# in the area they live in, a peer group or place in the area the harm is happening.


@pytest.mark.parametrize("type_key", ["safer_options", "safer_options_extraordinary"])
def test_a_safer_options_meeting_without_its_locality_is_asked_for_it(services, type_key):
    child = kid(services, "Amara Quell", locality="Easton Vale")
    meeting = meet(services, type_key, date(2026, 6, 1), [child])
    hint = messages(services, meeting.id, "safer_options_locality_missing")
    assert hint and "locality" in hint[0]
    services.meetings.update(meeting.id, locality="Easton Vale")
    assert "safer_options_locality_missing" not in finding_keys(services, meeting.id)


def test_a_complex_strategy_without_a_locality_is_not_asked_about_safer_options(services):
    meeting = meet(services, "complex_strategy", date(2026, 6, 1))
    assert "safer_options_locality_missing" not in finding_keys(services, meeting.id)


# --- 15. guards that hold: the clock change --------------------------------------------------------


def test_the_next_meeting_keeps_the_uk_time_across_the_clock_change(services):
    # 10am BST on Monday 19 October 2026 is 9am UTC; six weeks on, 10am GMT on 30 November is 10am UTC.
    meeting = services.meetings.create("complex_strategy", datetime(2026, 10, 19, 9, 0, tzinfo=UTC))
    following = services.series.create_next_meeting(meeting.id)
    assert following.starts_at.astimezone(UTC) == datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
