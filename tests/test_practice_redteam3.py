"""Issue 15, a third independent red team: cases the first two did not try, through the services the
window uses. All people and places are fictional.

Found: the Safer Options area rule and "the same paediatrician" note compared localities and names
as typed, code point by code point, so the same words stored in another Unicode form (a name pasted
from a Mac arrives decomposed: "o" + combining circumflex) or with a typographic apostrophe
("King’s Heath", "O’Neill") were taken as a different area or a different person: a false "lives
in another area" note, and "invite them again" for the paediatrician already on the list.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from efh_desktop.domain.practice_rules import area_findings, same_person
from efh_desktop.domain.setup_rules import SubjectFacts

# Fictional localities and names in several scripts, each with letters that NFC and NFD spell differently.
LOCALITIES = ["Ynys Môn Uchaf", "Llanfair Pwll Ŵyn", "Łąka Górna", "Straße am Hügel", "İskele Köy",
              "Åsgården", "Côte-Dorée", "Ñandú Sur", "King’s Heath Vale"]
NAMES = ["Dr Zoë Brönte-Ífé", "Dr Siân O’Neill", "Dr Łucja Wóycicka", "Dr Ümit Çelik", "Dr Øyvind Ærø",
         "Dr Ïsolde Ménard", "Dr Gwenllïan Ŵynne"]


def at(d: date, hour: int = 10) -> datetime:
    return datetime(d.year, d.month, d.day, hour, 0, tzinfo=UTC)


def finding_keys(services, meeting_id):
    return [f.key for f in services.setup.findings(meeting_id)]


def other_form(text: str) -> str:
    """The same words as another keyboard or platform may store them: decomposed, with a plain
    apostrophe for a typographic one (or the reverse)."""
    swapped = text.replace("’", "'") if "’" in text else text.replace("'", "’")
    return unicodedata.normalize("NFD", swapped)


# --- Safer Options areas: the same area written in another Unicode form -------------------------


def test_same_area_decomposed_is_not_another_area(services):
    child = services.subjects.create("child", "Mali Tregarth", locality="Ynys Môn Uchaf")
    meeting = services.meetings.create("safer_options", at(date(2026, 6, 1)), subject_ids=[child.id],
                                       locality=unicodedata.normalize("NFD", "Ynys Môn Uchaf"))
    assert "area_child" not in finding_keys(services, meeting.id)
    # And a genuinely different area is still noted.
    services.subjects.update(child.id, locality="Ynys Môn Isaf")
    assert "area_child" in finding_keys(services, meeting.id)


def test_apostrophe_forms_are_one_place(services):
    place = services.subjects.create("place", "Gorse Lane skate park", locality="King’s Heath Vale")
    meeting = services.meetings.create("safer_options", at(date(2026, 6, 1)), subject_ids=[place.id],
                                       locality="King's Heath Vale")
    assert "area_group_place" not in finding_keys(services, meeting.id)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.sampled_from(LOCALITIES), upper=st.booleans())
def test_area_rule_ignores_unicode_form(profile, where, upper):
    so = profile.meeting_type("safer_options")
    typed = other_form(where)
    typed = typed.upper() if upper else typed
    child = SubjectFacts(1, "child", "Mali Tregarth", locality=where)
    assert area_findings(so, typed, [child], cross_boundary=False) == []
    elsewhere = SubjectFacts(1, "child", "Mali Tregarth", locality="Brindley East")
    assert [f.key for f in area_findings(so, typed, [elsewhere], cross_boundary=False)] == ["area_child"]


@settings(max_examples=60, deadline=None)
@given(name=st.sampled_from(NAMES), title=st.sampled_from(["", "Dr ", "dr. "]))
def test_same_person_ignores_unicode_form(name, title):
    bare = name.removeprefix("Dr ")
    assert same_person(name, title + other_form(bare))
    assert not same_person(name, "Dr Ines Okafor")


def test_same_paediatrician_written_decomposed_is_not_asked_for_again(services):
    first = services.meetings.create("complex_strategy", at(date(2026, 6, 1)), new_series_title="Op Larch")
    doctor = services.attendance.add(first.id, "Dr Siân O’Neill", role="Community paediatrician", agency="Health")
    services.attendance.update(doctor.id, status="present")
    second = services.meetings.create("complex_strategy", at(date(2026, 7, 13)), series_id=first.series_id)
    services.attendance.add(second.id, unicodedata.normalize("NFD", "Dr Siân O'Neill"),
                            role="Community paediatrician", agency="Health")
    found = {f.key: f for f in services.setup.findings(second.id)}
    assert found["same_paediatrician"].severity == "info"


# --- core group cadence in a second child protection plan --------------------------------------


def meet(services, type_key, day, subjects=(), **fields):
    return services.meetings.create(type_key, at(day), subject_ids=[s.id for s in subjects], **fields)


def test_core_group_after_a_new_initial_conference_is_6_weekly_not_8(services):
    """Guidance table 2.1: "Core Group meetings minimum within 6 weeks of ICPC and 8 weeks of RCPC".
    A child whose earlier plan (initial and review conference in 2025) ended, and who has a new
    strategy discussion and a new initial conference in 2026: the core group after that initial
    conference is 6-weekly, although the child has had two conferences in all."""
    from datetime import timedelta

    child = services.subjects.create("child", "Ifeoma Ždárská", legal_status="child_protection")
    meet(services, "cp_strategy", date(2025, 1, 6), [child])
    meet(services, "cp_conference", date(2025, 1, 20), [child])
    meet(services, "cp_conference", date(2025, 4, 14), [child])  # review; the plan then ended
    meet(services, "cp_strategy", date(2026, 9, 1), [child])
    meet(services, "cp_conference", date(2026, 9, 15), [child])  # a new initial conference
    core = meet(services, "core_group", date(2026, 9, 22), [child])
    assert services.setup.propose_next(core.id).latest == date(2026, 9, 22) + timedelta(weeks=6)
    services.setup.set_next_meeting(core.id, date(2026, 9, 22) + timedelta(weeks=8))
    assert "next_meeting_after_cadence" in [f.key for f in services.setup.findings(core.id)]


def test_core_group_after_a_review_in_the_same_plan_stays_8_weekly(services):
    from datetime import timedelta

    child = services.subjects.create("child", "Ifeoma Ždárská", legal_status="child_protection")
    meet(services, "cp_strategy", date(2026, 3, 2), [child])
    meet(services, "cp_conference", date(2026, 3, 16), [child])
    meet(services, "cp_strategy", date(2026, 5, 4), [child])  # new information during the plan
    meet(services, "cp_conference", date(2026, 6, 8), [child])  # the review
    core = meet(services, "core_group", date(2026, 6, 15), [child])
    assert services.setup.propose_next(core.id).latest == date(2026, 6, 15) + timedelta(weeks=8)


# --- a "6-8 weekly" cadence a council writes in days -------------------------------------------


def test_soft_cadence_in_days_is_said_in_days(profile):
    """A profile may give a softer limit in days (kind "days", value 56, note_after 42): the proposal
    and the note must say "42 days on", not "42 weeks on" (half a year too long)."""
    from dataclasses import replace

    from efh_desktop.domain.cadence import check_next_meeting, propose_next_meeting

    cin = profile.meeting_type("child_in_need")
    in_days = replace(cin, cadence=replace(cin.cadence, kind="days", value=56, note_after=42))
    held = date(2026, 6, 1)
    proposal = propose_next_meeting(in_days, held)
    assert proposal.date == date(2026, 7, 13) and proposal.latest == date(2026, 7, 27)
    assert "42 days on" in proposal.explanation and "weeks on" not in proposal.explanation
    note = check_next_meeting(in_days, held, date(2026, 7, 20))
    assert note is not None and note.key == "next_meeting_after_soft_cadence"
    assert "more than 42 days on, within the 56" in note.message
    # The Bristol profile's weeks are still said in weeks.
    assert "6 weeks on" in propose_next_meeting(cin, held).explanation


def test_soft_cadence_in_working_days_is_not_ignored(profile):
    """The profile loader accepts a softer limit on a working-day cadence (value 10, note_after 5):
    it must be used, not silently dropped ("warn after 10, note after 5")."""
    from dataclasses import replace

    from efh_desktop.domain.cadence import check_next_meeting, propose_next_meeting

    cin = profile.meeting_type("child_in_need")
    in_wd = replace(cin, cadence=replace(cin.cadence, kind="working_days", value=10, note_after=5))
    held = date(2026, 6, 1)  # Monday; 5 working days on is Monday 8 June, 10 is Monday 15 June
    proposal = propose_next_meeting(in_wd, held)
    assert proposal.date == date(2026, 6, 8) and proposal.latest == date(2026, 6, 15)
    assert "5–10 working days" in proposal.explanation and "5 working days on" in proposal.explanation
    note = check_next_meeting(in_wd, held, date(2026, 6, 11))
    assert note is not None and note.key == "next_meeting_after_soft_cadence"
    assert check_next_meeting(in_wd, held, date(2026, 6, 8)) is None
    late = check_next_meeting(in_wd, held, date(2026, 6, 16))
    assert late is not None and late.key == "next_meeting_after_cadence"


# --- the distribution clock: a child with no copy at all ---------------------------------------


def test_every_child_copy_filed_is_not_said_when_a_child_has_no_copy(profile):
    """Guidance: the minutes go "on the record of every child discussed". Two children, one copy
    written and filed: the clock must not say every child's copy is filed."""
    from efh_desktop.domain.distribution import DistributionFacts, distribution_steps

    held = date(2026, 6, 1)
    facts = DistributionFacts(held_on=held, status="finalised", actions_sent_on=held, finalised_on=date(2026, 6, 2),
                              copies=(("LCS Strategy form", date(2026, 6, 2)),), children=2)
    filed = next(s for s in distribution_steps(profile, facts, date(2026, 6, 4)) if s.key == "filed")
    assert filed.overdue and filed.done_on is None
    assert "Every child" not in filed.text and "1 of 2" in filed.text and "no copy yet" in filed.text
    both = DistributionFacts(held_on=held, status="finalised", actions_sent_on=held, finalised_on=date(2026, 6, 2),
                             copies=(("LCS Strategy form", date(2026, 6, 2)),) * 2, children=2)
    filed = next(s for s in distribution_steps(profile, both, date(2026, 6, 4)) if s.key == "filed")
    assert not filed.overdue and filed.text.startswith("Every child's copy filed")


# --- UK time, not UTC: a strategy just after midnight in summer time ----------------------------


def test_icpc_counts_from_the_uk_day_of_a_strategy_just_after_midnight(services):
    """A strategy discussion at 12:30am on Monday 1 June 2026 (British Summer Time) is 11:30pm on
    Sunday 31 May in UTC. Day 0 is the Monday: 15 working days on is Monday 22 June, not Friday 19."""
    child = services.subjects.create("child", "Émile Øster-Łukasz", legal_status="open_referral")
    services.meetings.create("cp_strategy", datetime(2026, 5, 31, 23, 30, tzinfo=UTC), subject_ids=[child.id])
    icpc = services.meetings.create("cp_conference", datetime(2026, 6, 22, 22, 30, tzinfo=UTC),  # 11:30pm BST
                                    subject_ids=[child.id])
    gate = [line.item.key for line in services.finalise.gate(icpc.id) if line.item.key.startswith("timescale")]
    assert gate == []
    services.meetings.update(icpc.id, starts_at=datetime(2026, 6, 22, 23, 30, tzinfo=UTC),  # 12:30am 23 June
                             ends_at=datetime(2026, 6, 23, 0, 30, tzinfo=UTC))
    gate = [line.item.key for line in services.finalise.gate(icpc.id) if line.item.key.startswith("timescale")]
    assert gate == [f"timescale_late:icpc:{child.id}"]


# --- the guidance's own spelling of the paediatrician ------------------------------------------


@pytest.mark.parametrize("role", ["Community pediatrician", "Pediatrician"])
def test_paediatrician_in_the_guidances_spelling_fills_the_place(services, role):
    """The guidance itself writes "The pediatrician should be in a position to…": typed that way
    (and without choosing from the list), the paediatrician must not be reported missing."""
    meeting = services.meetings.create("complex_strategy", at(date(2026, 6, 1)))
    services.attendance.add(meeting.id, "Dr Ines Okafor", role=role, agency="Health")
    states = {p.rule.key: p.state for p in services.setup.attendee_prompts(meeting.id)}
    assert states["community_paediatrician"] == "invited"
