"""Issue 15 scenarios through the services the window uses: edge dates across bank holidays and
weekends, mixed-case roles, Safer Options routes, siblings. All people and places are fictional."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from email import policy
from email.parser import BytesParser

import pytest

from efh_desktop.services.context import ServiceError


def at(d: date, hour: int = 10) -> datetime:
    return datetime(d.year, d.month, d.day, hour, 0, tzinfo=UTC)


def finding_keys(services, meeting_id):
    return [f.key for f in services.setup.findings(meeting_id)]


def gate_keys(services, meeting_id):
    return [line.item.key for line in services.finalise.gate(meeting_id)]


def prompt_states(services, meeting_id):
    return {p.rule.key: p.state for p in services.setup.attendee_prompts(meeting_id)}


# --- 1 -----------------------------------------------------------------------------------------


def test_core_group_after_conference_is_one_process(services):
    kai = services.subjects.create("child", "Kai Marlow", legal_status="child_protection")
    services.meetings.create("cp_conference", at(date(2026, 6, 1)), subject_ids=[kai.id])
    core = services.meetings.create("core_group", at(date(2026, 6, 10)), subject_ids=[kai.id])
    assert "one_planning_process" not in finding_keys(services, core.id)
    tac = services.meetings.create("team_around_the_child", at(date(2026, 6, 12)), subject_ids=[kai.id])
    assert "one_planning_process" in finding_keys(services, tac.id)


# --- 2 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["Officer in Charge", "officer IN charge", "OIC"])
def test_officer_in_charge_typed_any_case_fills_both_police_rules(services, typed):
    child = services.subjects.create("child", "Tayo Brennick")
    meeting = services.meetings.create("complex_strategy", at(date(2026, 6, 1)), subject_ids=[child.id],
                                       police_operation="Operation Larch")
    services.attendance.add(meeting.id, "DS Morgan Ellery", role=typed, agency="Police", team="Operation Larch")
    got = prompt_states(services, meeting.id)
    assert got["officer_in_charge"] == "invited" and got["police_investigations"] == "invited"
    assert "attendee:officer_in_charge" not in gate_keys(services, meeting.id)


def test_role_chosen_from_the_list_keeps_the_free_text(services):
    meeting = services.meetings.create("complex_strategy", at(date(2026, 6, 1)))
    person = services.attendance.add(meeting.id, "Dr Ines Okafor", role="Consultant (community)", agency="Health")
    assert prompt_states(services, meeting.id)["community_paediatrician"] == "missing"
    services.attendance.update(person.id, role_key="community_paediatrician")
    assert prompt_states(services, meeting.id)["community_paediatrician"] == "invited"
    assert services.attendance.list(meeting.id)[0].role == "Consultant (community)"
    with pytest.raises(ServiceError, match="no attendee role"):
        services.attendance.update(person.id, role_key="wizard")


def test_officer_named_on_the_meeting_without_operation(services):
    meeting = services.meetings.create("complex_strategy", at(date(2026, 6, 1)), officer_in_charge="DC Rhian Powys")
    assert prompt_states(services, meeting.id)["officer_in_charge"] == "missing"
    services.attendance.add(meeting.id, "dc rhian  powys", role="Detective Constable", agency="Police")
    assert prompt_states(services, meeting.id)["officer_in_charge"] == "invited"


def test_county_lines_prompts_the_vru(services):
    meeting = services.meetings.create("complex_strategy", at(date(2026, 6, 1)), concerns="county_lines")
    assert prompt_states(services, meeting.id)["vru"] == "missing"


# --- 3 -----------------------------------------------------------------------------------------


def test_area_dsm_agreement_only_at_safer_options(services):
    child = services.subjects.create("child", "Shay Pendlebury")
    tac = services.meetings.create("team_around_the_child", at(date(2026, 6, 1)), subject_ids=[child.id])
    decision = services.minutes.add_decision(tac.id, "Open a contact and referral.", kind_key="open_referral",
                                             subject_ids=[child.id], agreed_by="Someone")
    assert decision.agreed_by == ""  # agreement is not part of this decision here
    safer = services.meetings.create("safer_options", at(date(2026, 6, 2)), subject_ids=[child.id])
    with pytest.raises(ServiceError, match="Area DSM"):
        services.minutes.add_decision(safer.id, "Open a contact and referral.", kind_key="open_referral")
    ok = services.minutes.add_decision(safer.id, "Open a contact and referral.", kind_key="open_referral",
                                       agreed_by="Sam Reyes (Area DSM)")
    assert ok.agreed_by == "Sam Reyes (Area DSM)"


# --- 4 -----------------------------------------------------------------------------------------


def _filing(services, meeting, child):
    return services.minutes_builder.filing_for(services.meetings.get(meeting.id), services.subjects.get(child.id))


@pytest.mark.parametrize("status", ["open_referral", "child_protection"])
def test_legal_status_files_on_the_strategy_form_without_the_tick(services, status):
    child = services.subjects.create("child", "Kai Marlow", legal_status=status, open_referral=False)
    meeting = services.meetings.create("complex_strategy", at(date(2026, 6, 1)), subject_ids=[child.id])
    assert _filing(services, meeting, child) == "LCS Strategy form"


def test_not_open_child_is_an_lcs_contact(services):
    child = services.subjects.create("child", "Shay Pendlebury", legal_status="not_open")
    meeting = services.meetings.create("complex_strategy", at(date(2026, 6, 1)), subject_ids=[child.id])
    assert _filing(services, meeting, child) == "LCS contact, minutes stored in documents"


def test_safer_options_filing_follows_how_the_child_came(services):
    child = services.subjects.create("child", "Noor Halvey", ehm_id="EHM-4411")
    meeting = services.meetings.create("safer_options", at(date(2026, 6, 1)), subject_ids=[child.id])
    assert _filing(services, meeting, child) == "EHM General Notes: Safer Options casenote"
    assert "came_through_missing" in finding_keys(services, meeting.id)
    services.practice.set_came_through(meeting.id, child.id, "ehm_referral")
    assert _filing(services, meeting, child) == "EHM Contact"
    assert "came_through_missing" not in finding_keys(services, meeting.id)
    with pytest.raises(ServiceError):
        services.practice.set_came_through(meeting.id, child.id, "pigeon")


# --- 5 -----------------------------------------------------------------------------------------


def test_sharing_decision_without_lawful_basis_is_stopped_at_the_gate(services):
    child = services.subjects.create("child", "Zoë Ångström-Nwosu")
    meeting = services.meetings.create("safer_options", at(date(2026, 6, 1)), subject_ids=[child.id])
    services.sharing.save_child(meeting.id, child.id, to_share="That we are worried.", consent="given")
    assert f"sharing:lawful_basis:{child.id}" in gate_keys(services, meeting.id)
    services.sharing.save_child(meeting.id, child.id, lawful_basis="uk_gdpr_6_1_e")
    assert f"sharing:lawful_basis:{child.id}" not in gate_keys(services, meeting.id)


# --- 6 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "words"), [("open_fif_referral", "Open a FIF referral"),
                                             ("open_referral", "Open a contact and referral"),
                                             ("open_contact_other_locality", "Open a contact for a child in "
                                                                             "another locality")])
def test_first_response_email_says_which_decision(services, tmp_path, kind, words):
    child = services.subjects.create("child", "Siân Ó Dálaigh")
    meeting = services.meetings.create("safer_options", at(date(2026, 6, 1)), subject_ids=[child.id])
    decision = services.minutes.add_decision(meeting.id, "Agreed at the meeting.", kind_key=kind,
                                             subject_ids=[child.id], agreed_by="Sam Reyes")
    path = services.referral_email.write_draft(decision.id, tmp_path / "draft.eml")
    message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
    assert words in message["Subject"]
    assert words.lower() in message.get_content().lower()
    assert "Siân" not in message["Subject"]


# --- 7 -----------------------------------------------------------------------------------------


def test_child_in_need_seven_weeks_is_not_a_warning(services):
    child = services.subjects.create("child", "Kai Marlow", legal_status="child_in_need")
    meeting = services.meetings.create("child_in_need", at(date(2026, 3, 2)), subject_ids=[child.id])
    services.setup.set_next_meeting(meeting.id, date(2026, 4, 20))
    assert "next_meeting" not in gate_keys(services, meeting.id)
    services.setup.set_next_meeting(meeting.id, date(2026, 4, 28))
    assert "next_meeting" in gate_keys(services, meeting.id)


# --- 8 -----------------------------------------------------------------------------------------


def test_icpc_across_christmas_is_checked_by_the_gate(services):
    child = services.subjects.create("child", "Tayo Brennick", legal_status="child_protection")
    services.meetings.create("cp_strategy", at(date(2026, 12, 18)), subject_ids=[child.id])
    on_time = services.meetings.create("cp_conference", at(date(2027, 1, 13)), subject_ids=[child.id])
    assert not [k for k in gate_keys(services, on_time.id) if k.startswith("timescale")]
    services.meetings.update(on_time.id, starts_at=at(date(2027, 1, 14)), ends_at=at(date(2027, 1, 14), 12))
    late = [k for k in gate_keys(services, on_time.id) if k.startswith("timescale")]
    assert late == [f"timescale_late:icpc:{child.id}"]


def test_strategy_shows_the_icpc_date_where_the_next_meeting_is_planned(services):
    child = services.subjects.create("child", "Tayo Brennick", legal_status="open_referral")
    strategy = services.meetings.create("cp_strategy", at(date(2026, 12, 18)), subject_ids=[child.id])
    lines = services.setup.planning_lines(strategy.id)
    assert lines == ["Initial child protection conference for Tayo Brennick: within 15 working days of the "
                     "strategy discussion (18 December 2026), so by 13 January 2027."]


def test_child_in_care_review_needs_the_looked_after_date(services):
    child = services.subjects.create("child", "Noor Halvey", legal_status="child_in_care", in_care=True)
    review = services.meetings.create("child_in_care_review", at(date(2026, 6, 3)), subject_ids=[child.id])
    assert "looked_after_date_missing" in finding_keys(services, review.id)
    services.subjects.update(child.id, looked_after_on=date(2026, 5, 1))
    assert "looked_after_date_missing" not in finding_keys(services, review.id)
    assert f"timescale_late:first_cic_review:{child.id}" in gate_keys(services, review.id)
    with pytest.raises(ServiceError, match="future"):
        services.subjects.update(child.id, looked_after_on=date.today() + timedelta(days=1))


# --- 9 -----------------------------------------------------------------------------------------


def test_distribution_clock_overdue_on_the_meetings_list(services):
    meeting = services.meetings.create("safer_options", at(date(2026, 6, 5)), locality="Brindley East")
    services.minutes.add_action(meeting.id, "Return home interview", owner="Alex", agency="FIF",
                                due_date=date(2026, 6, 12))
    services.meetings.update(meeting.id, status="ended")  # held: the clock runs from its day
    rows = services.meetings.list()
    assert services.practice.overdue_for_rows(rows, today=date(2026, 6, 5)) == {}
    assert "Actions circulated" in services.practice.overdue_for_rows(rows, today=date(2026, 6, 6))[meeting.id]
    services.practice.record_distribution(meeting.id, actions_sent_on=date(2026, 6, 5))
    # Friday meeting: the record is due Monday 8 June.
    assert services.practice.overdue_for_rows(rows, today=date(2026, 6, 8)) == {}
    assert services.practice.overdue_for_rows(rows, today=date(2026, 6, 9))[meeting.id] == "Minutes finalised"
    services.practice.record_distribution(meeting.id, draft_sent_on=date(2026, 6, 8),
                                          accuracy_deadline=date(2026, 6, 12))
    assert services.practice.overdue_for_rows(rows, today=date(2026, 6, 11)) == {}
    assert services.practice.overdue_for_rows(rows, today=date(2026, 6, 15))[meeting.id] == \
        "Accuracy check, Minutes finalised"
    services.practice.record_distribution(meeting.id, accuracy_non_replies="Dr Okafor")  # not waited for
    assert services.practice.overdue_for_rows(rows, today=date(2026, 6, 15))[meeting.id] == "Minutes finalised"
    with pytest.raises(ServiceError, match="before the meeting"):
        services.practice.record_distribution(meeting.id, actions_sent_on=date(2026, 6, 4))
    with pytest.raises(ServiceError, match="cannot be before"):
        services.practice.record_distribution(meeting.id, accuracy_deadline=date(2026, 6, 7))


# --- 10 ----------------------------------------------------------------------------------------


def test_siblings_in_a_complex_strategy(services):
    a = services.subjects.create("child", "Kai Marlow")
    b = services.subjects.create("child", "Tia Marlow", connected_people=[{"name": "KAI MARLOW",
                                                                           "relationship": "Half-brother"}])
    meeting = services.meetings.create("complex_strategy", at(date(2026, 6, 1)), subject_ids=[a.id, b.id])
    assert "complex_strategy_related_children" in finding_keys(services, meeting.id)
    c = services.subjects.create("child", "Tayo Brennick")
    services.meetings.add_subject(meeting.id, c.id)
    assert "complex_strategy_related_children" not in finding_keys(services, meeting.id)


def test_a_parent_named_like_a_child_is_not_a_sibling(services):
    a = services.subjects.create("child", "Robin Quell")
    b = services.subjects.create("child", "Ash Quell", connected_people=[{"name": "Robin Quell",
                                                                         "relationship": "mother"}])
    meeting = services.meetings.create("complex_strategy", at(date(2026, 6, 1)), subject_ids=[a.id, b.id])
    assert "complex_strategy_related_children" not in finding_keys(services, meeting.id)


# --- 11 ----------------------------------------------------------------------------------------


def test_safer_options_cross_boundary_lead_decision(services):
    child = services.subjects.create("child", "Kai Marlow", locality="Ashcombe North")
    meeting = services.meetings.create("safer_options", at(date(2026, 6, 1)), subject_ids=[child.id],
                                       locality="Brindley East", cross_boundary=True)
    keys = finding_keys(services, meeting.id)
    assert "area_child" in keys and "lead_area_decision" in keys
    assert "lead_area" in gate_keys(services, meeting.id)
    services.meetings.update(meeting.id, lead_area="Brindley East",
                             lead_area_decided_by="Jo Avery (Safer Options Manager), Sam Reyes (DSM)")
    assert "lead_area" not in gate_keys(services, meeting.id)
    assert "lead_area_recorded" in finding_keys(services, meeting.id)


# --- 12 ----------------------------------------------------------------------------------------


def test_who_was_the_paediatrician_last_time(services):
    first = services.meetings.create("complex_strategy", at(date(2026, 6, 1)), new_series_title="Op Larch")
    doctor = services.attendance.add(first.id, "Dr Ines Okafor", role="Community paediatrician",
                                     agency="Community paediatrics")
    services.attendance.update(doctor.id, status="present")
    second = services.meetings.create("complex_strategy", at(date(2026, 7, 13)), series_id=first.series_id)
    message = next(f.message for f in services.setup.findings(second.id) if f.key == "same_paediatrician")
    assert "Dr Ines Okafor attended on 1 June 2026" in message


def test_practice_fields_travel_in_a_meeting_file(services, tmp_path, template_store_dir, profile):
    import shutil

    from efh_desktop.services.interchange_service import InterchangeService
    from efh_desktop.services.unlock_service import UnlockService
    from tests.conftest import PASSPHRASE

    child = services.subjects.create("child", "Noor Halvey", looked_after_on=date(2026, 5, 1))
    meeting = services.meetings.create("safer_options", at(date(2026, 6, 1)), subject_ids=[child.id],
                                       cross_boundary=True, lead_area="Brindley East",
                                       lead_area_decided_by="Jo Avery and Sam Reyes")
    services.practice.set_came_through(meeting.id, child.id, "ehm_referral")
    person = services.attendance.add(meeting.id, "PC Lee Ashdown", role="Locality officer", agency="Police")
    services.attendance.update(person.id, role_key="police_locality_officer")
    services.practice.record_distribution(meeting.id, actions_sent_on=date(2026, 6, 1),
                                          draft_sent_on=date(2026, 6, 2), accuracy_deadline=date(2026, 6, 5),
                                          accuracy_non_replies="Dr Okafor")
    path = InterchangeService(services.ctx).export(meeting.id, tmp_path / "meeting.json")
    folder = tmp_path / "other"
    shutil.copytree(template_store_dir, folder)
    other, _ = UnlockService(folder, profile, "Chair").unlock(PASSPHRASE)
    try:
        copy_id, _ = InterchangeService(other.ctx).import_file(path)
        copy = other.meetings.get(copy_id)
        assert (copy.lead_area, copy.actions_sent_on, copy.accuracy_deadline, copy.accuracy_non_replies) == \
            ("Brindley East", date(2026, 6, 1), date(2026, 6, 5), "Dr Okafor")
        kid = other.meetings.subjects(copy_id)[0]
        assert kid.looked_after_on == date(2026, 5, 1)
        assert other.practice.came_through(copy_id, kid.id) == "ehm_referral"
        assert other.attendance.list(copy_id)[0].role_key == "police_locality_officer"
    finally:
        other.lock()
