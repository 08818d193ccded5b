"""Issue 15, a second independent red team: scenarios the first two test files did not try, through
the services the window uses. Each rule in both directions. All people and places are fictional."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest


def at(d: date, hour: int = 10) -> datetime:
    return datetime(d.year, d.month, d.day, hour, 0, tzinfo=UTC)


def finding_keys(services, meeting_id):
    return [f.key for f in services.setup.findings(meeting_id)]


def timescale_gate(services, meeting_id):
    return [line.item.key for line in services.finalise.gate(meeting_id)
            if line.item.key.startswith("timescale")]


def kid(services, name="Nia Penhallow", **fields):
    return services.subjects.create("child", name, **fields)


def meet(services, type_key, day, subjects=(), **fields):
    return services.meetings.create(type_key, at(day), subject_ids=[s.id for s in subjects], **fields)


def move(services, meeting, day):
    services.meetings.update(meeting.id, starts_at=at(day), ends_at=at(day, 12))


# --- statutory timescales across the 2027-2028 holidays ---------------------------------------


def test_icpc_across_christmas_2027_substitute_days(services):
    # Strategy Friday 17 December 2027 (day 0); 27 and 28 December 2027 and 3 January 2028 are
    # substitute days: the 15th working day is Wednesday 12 January 2028.
    child = kid(services, legal_status="child_protection")
    meet(services, "cp_strategy", date(2027, 12, 17), [child])
    icpc = meet(services, "cp_conference", date(2028, 1, 12), [child])
    assert timescale_gate(services, icpc.id) == []
    move(services, icpc, date(2028, 1, 13))
    assert timescale_gate(services, icpc.id) == [f"timescale_late:icpc:{child.id}"]


def test_first_core_group_across_easter_2028(services):
    # ICPC Thursday 6 April 2028; Good Friday 14 and Easter Monday 17 April: 10th working day is
    # Monday 24 April 2028.
    child = kid(services, legal_status="child_protection")
    meet(services, "cp_strategy", date(2028, 3, 20), [child])
    meet(services, "cp_conference", date(2028, 4, 6), [child])
    core = meet(services, "core_group", date(2028, 4, 24), [child])
    assert timescale_gate(services, core.id) == []
    move(services, core, date(2028, 4, 25))
    assert timescale_gate(services, core.id) == [f"timescale_late:first_core_group:{child.id}"]


def test_first_child_in_care_review_from_a_friday_before_christmas(services):
    # Looked after Friday 12 December 2025 (day 0); 25, 26 December and 1 January do not count:
    # the 20th working day is Wednesday 14 January 2026.
    child = kid(services, legal_status="child_in_care", in_care=True, looked_after_on=date(2025, 12, 12))
    review = meet(services, "child_in_care_review", date(2026, 1, 14), [child])
    assert timescale_gate(services, review.id) == []
    move(services, review, date(2026, 1, 15))
    assert timescale_gate(services, review.id) == [f"timescale_late:first_cic_review:{child.id}"]


def test_first_review_conference_from_31_august_is_30_november(services):
    child = kid(services, legal_status="child_protection")
    meet(services, "cp_conference", date(2027, 8, 31), [child])
    rcpc = meet(services, "cp_conference", date(2027, 11, 30), [child])
    assert timescale_gate(services, rcpc.id) == []
    move(services, rcpc, date(2027, 12, 1))
    assert timescale_gate(services, rcpc.id) == [f"timescale_late:first_rcpc:{child.id}"]


def test_later_review_conference_from_30_november_is_30_may(services):
    child = kid(services, legal_status="child_protection")
    meet(services, "cp_conference", date(2027, 8, 31), [child])
    meet(services, "cp_conference", date(2027, 11, 30), [child])
    third = meet(services, "cp_conference", date(2028, 5, 30), [child])
    assert timescale_gate(services, third.id) == []
    move(services, third, date(2028, 5, 31))
    assert timescale_gate(services, third.id) == [f"timescale_late:later_rcpc:{child.id}"]


def test_review_from_leap_day_lands_on_spring_bank_holiday_2028(services):
    # An initial conference on Tuesday 29 February 2028: the first review is due in 3 months,
    # Monday 29 May 2028, the Spring Bank Holiday, so it is held by Friday 26 May.
    child = kid(services, legal_status="child_protection")
    meet(services, "cp_strategy", date(2028, 2, 14), [child])
    icpc = meet(services, "cp_conference", date(2028, 2, 29), [child])
    lines = services.setup.planning_lines(icpc.id)
    assert any("29 May 2028" in line and "26 May 2028" in line for line in lines), lines


def test_strategy_on_a_saturday_counts_from_the_saturday(services):
    # Day 0 is the day of the strategy even on a weekend: 15 working days from Saturday
    # 19 December 2026 skip 25 and 28 December and 1 January: Wednesday 13 January 2027.
    child = kid(services, legal_status="open_referral")
    strategy = meet(services, "cp_strategy", date(2026, 12, 19), [child])
    assert any("13 January 2027" in line for line in services.setup.planning_lines(strategy.id))


# --- chair seniority ------------------------------------------------------------------------------


@pytest.mark.parametrize(("type_key", "role", "allowed"), [
    ("complex_strategy", "service_manager", True),
    ("complex_strategy", "deputy_service_manager", True),
    ("complex_strategy", "team_manager", False),
    ("complex_strategy", "practice_lead", False),
    ("complex_strategy", "safer_options_manager", False),
    ("safer_options", "area_deputy_service_manager", True),
    ("safer_options", "team_manager", False),
    ("safer_options", "fif_area_manager", False),
    ("cp_conference", "child_protection_chair", True),
    ("cp_conference", "social_worker", False),
    ("child_in_care_review", "independent_reviewing_officer", True),
    ("child_in_care_review", "social_worker", False),
    ("yot_risk_management", "yot_practitioner", True),
    ("yot_risk_management", "social_worker", False),
])
def test_chair_seniority_per_meeting_type(services, type_key, role, allowed):
    meeting = meet(services, type_key, date(2026, 6, 1), chair_name="Ola Brennan", chair_role=role)
    assert ("chair_not_allowed" not in finding_keys(services, meeting.id)) is allowed


# --- who must be told -----------------------------------------------------------------------------


def test_complex_strategy_must_tell_both_managers(services):
    meeting = meet(services, "complex_strategy", date(2026, 6, 1), chair_name="Jo Avery", chair_role="service_manager")
    due = {n.rule_key for n in services.setup.notifications(meeting.id)}
    assert {"safer_options_manager", "strategic_safeguarding_qa"} <= due
    other = meet(services, "child_in_need", date(2026, 6, 1), [kid(services, legal_status="child_in_need")])
    assert not [n for n in services.setup.notifications(other.id)]


# --- cadence: the proposal and the check ---------------------------------------------------------


def test_safer_options_weekly_proposal_avoids_the_boxing_day_substitute(services):
    # Monday 21 December 2026 + 7 days is Monday 28 December, the Boxing Day substitute day: the
    # proposal is the working day before (Thursday 24 December; Christmas Day is a Friday).
    meeting = meet(services, "safer_options", date(2026, 12, 21), locality="North")
    proposal = services.setup.propose_next(meeting.id)
    assert proposal.date == date(2026, 12, 24) and proposal.latest == date(2026, 12, 28)


def test_complex_strategy_six_weekly_proposal_avoids_27_december_2027(services):
    # Monday 15 November 2027 + 42 days is Monday 27 December 2027, a substitute day.
    meeting = meet(services, "complex_strategy", date(2027, 11, 15), chair_name="Jo Avery", chair_role="service_manager")
    proposal = services.setup.propose_next(meeting.id)
    assert proposal.date == date(2027, 12, 24)


@pytest.mark.parametrize(("type_key", "days", "warns"), [
    ("safer_options", 7, False),
    ("safer_options", 8, True),
    ("complex_strategy", 42, False),
    ("complex_strategy", 43, True),
    ("team_around_the_child", 42, False),
    ("team_around_the_child", 43, True),
    ("yot_risk_management", 42, False),
    ("yot_risk_management", 43, True),
    ("risk_management", 42, False),
    ("risk_management", 43, True),
])
def test_cadence_limit_per_meeting_type(services, type_key, days, warns):
    from datetime import timedelta

    held = date(2026, 3, 2)
    meeting = meet(services, type_key, held, chair_name="Ola Brennan")
    services.setup.set_next_meeting(meeting.id, held + timedelta(days=days))
    assert ("next_meeting" in [line.item.key for line in services.finalise.gate(meeting.id)]) is warns


def test_more_often_with_a_reason_is_not_a_warning(services):
    from datetime import timedelta

    held = date(2026, 3, 2)
    child = kid(services, legal_status="child_in_care", in_care=True)
    meeting = meet(services, "risk_management", held, [child])
    found = services.setup.set_next_meeting(meeting.id, held + timedelta(days=7), "Organised exploitation: weekly.")
    assert found is None or found.severity != "warning"


# --- messages in the guidance's own words --------------------------------------------------------


@pytest.mark.parametrize(("type_key", "words"), [
    ("complex_strategy", "Complex Strategy Meetings must be chaired by a Service Manager or Deputy Service Manager."),
    ("safer_options", "Safer Options meetings are chaired by Area Deputy Service Managers with collaboration with "
                      "Area FIF Managers"),
])
def test_wrong_chair_quotes_the_guidance(services, type_key, words):
    meeting = meet(services, type_key, date(2026, 6, 1), chair_name="Ola Brennan", chair_role="team_manager")
    wrong = [f.message for f in services.setup.findings(meeting.id) if f.key == "chair_not_allowed"]
    assert len(wrong) == 1 and words in wrong[0]
    gate = [line.item for line in services.finalise.gate(meeting.id) if line.item.key == "chair_role"]
    assert len(gate) == 1
    right = meet(services, type_key, date(2026, 6, 8), chair_name="Ola Brennan", chair_role="deputy_service_manager")
    assert "chair_not_allowed" not in finding_keys(services, right.id)


# --- a second child protection plan --------------------------------------------------------------


def _second_plan(services, conference_day):
    """A plan that ended in 2025 (initial and one review conference, no review since), then a new
    strategy discussion on Tuesday 1 September 2026 and a conference after it."""
    child = kid(services, legal_status="child_protection")
    meet(services, "cp_strategy", date(2025, 1, 6), [child])
    meet(services, "cp_conference", date(2025, 1, 24), [child])
    meet(services, "cp_conference", date(2025, 4, 22), [child])
    strategy = meet(services, "cp_strategy", date(2026, 9, 1), [child])
    # Before the conference is set up, the strategy's planning panel gives its date.
    lines = services.setup.planning_lines(strategy.id)
    assert any("Initial child protection conference" in line and "22 September 2026" in line for line in lines)
    return child, meet(services, "cp_conference", conference_day, [child])


def test_conference_after_a_new_strategy_once_the_old_plan_lapsed_is_an_initial_one(services):
    # 15 working days from Tuesday 1 September 2026: Tuesday 22 September.
    child, icpc = _second_plan(services, date(2026, 9, 22))
    assert timescale_gate(services, icpc.id) == []
    lines = services.setup.planning_lines(icpc.id)
    # The first review is within 3 months of the initial conference, not 6 months.
    assert any("First review child protection conference" in line and "22 December 2026" in line
               for line in lines), lines
    move(services, icpc, date(2026, 9, 23))
    assert timescale_gate(services, icpc.id) == [f"timescale_late:icpc:{child.id}"]


def test_strategy_during_a_current_plan_does_not_restart_the_conferences(services):
    # A new strategy discussion while the plan is current (the review is not yet due): the next
    # conference is still the review, within 6 months of the last one.
    child = kid(services, legal_status="child_protection")
    meet(services, "cp_conference", date(2026, 1, 12), [child])
    meet(services, "cp_conference", date(2026, 4, 10), [child])
    meet(services, "cp_strategy", date(2026, 7, 1), [child])
    review = meet(services, "cp_conference", date(2026, 10, 9), [child])
    assert timescale_gate(services, review.id) == []
    move(services, review, date(2026, 10, 12))
    assert timescale_gate(services, review.id) == [f"timescale_late:later_rcpc:{child.id}"]


def test_first_core_group_of_a_second_plan_with_no_old_core_groups(services):
    # 10 working days from the new initial conference on Tuesday 22 September 2026: 6 October.
    child, icpc = _second_plan(services, date(2026, 9, 22))
    core = meet(services, "core_group", date(2026, 10, 6), [child])
    assert timescale_gate(services, core.id) == []
    move(services, core, date(2026, 10, 7))
    assert timescale_gate(services, core.id) == [f"timescale_late:first_core_group:{child.id}"]


def test_first_core_group_of_a_second_plan_after_old_core_groups(services):
    child = kid(services, legal_status="child_protection")
    meet(services, "cp_strategy", date(2025, 1, 6), [child])
    meet(services, "cp_conference", date(2025, 1, 24), [child])
    meet(services, "core_group", date(2025, 2, 5), [child])
    meet(services, "cp_conference", date(2025, 4, 22), [child])
    meet(services, "cp_strategy", date(2026, 9, 1), [child])
    meet(services, "cp_conference", date(2026, 9, 22), [child])
    core = meet(services, "core_group", date(2026, 10, 7), [child])
    assert timescale_gate(services, core.id) == [f"timescale_late:first_core_group:{child.id}"]


# --- the distribution clock across the Christmas 2026 break -------------------------------------


def test_record_due_one_working_day_after_christmas_eve_2026(profile):
    from efh_desktop.domain.distribution import DistributionFacts, distribution_steps, overdue_summary

    # Thursday 24 December 2026; 25 and 28 December are bank holidays: due Tuesday 29 December.
    facts = DistributionFacts(held_on=date(2026, 12, 24), status="held", actions_sent_on=date(2026, 12, 24))
    steps = {s.key: s for s in distribution_steps(profile, facts, date(2026, 12, 29))}
    assert steps["finalised"].due == date(2026, 12, 29) and not steps["finalised"].overdue
    assert "Minutes finalised" in overdue_summary(distribution_steps(profile, facts, date(2026, 12, 30)))
