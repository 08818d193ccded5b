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


def gate_messages(services, meeting_id, prefix):
    return [line.item.message for line in services.finalise.gate(meeting_id) if line.item.key.startswith(prefix)]


def prompt_states(services, meeting_id):
    return {p.rule.key: p.state for p in services.setup.attendee_prompts(meeting_id)}


def kid(services, name="Kai Marlow", **fields):
    return services.subjects.create("child", name, **fields)


def meet(services, type_key, day, subjects=(), **fields):
    return services.meetings.create(type_key, at(day), subject_ids=[s.id for s in subjects], **fields)


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
