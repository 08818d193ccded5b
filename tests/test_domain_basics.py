"""UK dates and times, text rules and agenda planning: pure domain code."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from efh_desktop.domain.agenda_plan import SubjectRef, plan_agenda
from efh_desktop.domain.text_rules import MAX_NAME, TextRejected, clean_aliases, clean_name, clean_text
from efh_desktop.domain.uk_dates import (
    format_date,
    format_datetime,
    format_time,
    format_time_range,
    uk_wall_time_to_utc,
)


@pytest.mark.parametrize(("moment", "text"), [
    (time(17, 0), "5pm"), (time(17, 30), "5:30pm"), (time(12, 0), "midday"), (time(0, 0), "midnight"),
    (time(9, 5), "9:05am"), (time(12, 45), "12:45pm"), (time(0, 15), "12:15am"),
])
def test_uk_times(moment, text):
    assert format_time(moment) == text


def test_uk_dates_have_no_ordinals_or_leading_zeros():
    assert format_date(date(2026, 6, 4)) == "4 June 2026"
    assert format_date(date(2026, 6, 4), weekday=True) == "Thursday 4 June 2026"
    assert format_date(None) == ""


def test_stored_utc_is_shown_in_uk_time_across_the_clock_change():
    summer = uk_wall_time_to_utc(date(2026, 6, 4), time(10, 0))
    winter = uk_wall_time_to_utc(date(2026, 12, 4), time(10, 0))
    assert summer == datetime(2026, 6, 4, 9, 0, tzinfo=UTC)
    assert winter == datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
    assert format_datetime(summer) == "4 June 2026, 10am"
    assert format_datetime(winter) == "4 December 2026, 10am"
    assert format_time_range(summer, summer.replace(hour=11)) == "10am to midday"
    # Late evening UTC in summer is already the next day in the UK.
    assert format_date(datetime(2026, 6, 4, 23, 30, tzinfo=UTC)) == "5 June 2026"


def test_names_are_cleaned_not_rewritten():
    assert clean_name("  Ann   <b>Marie</b> & Co  ") == "Ann <b>Marie</b> & Co"
    assert clean_name("Ann\x00Marie\x07") == "AnnMarie"
    with pytest.raises(TextRejected, match="Name cannot be empty"):
        clean_name("   ")
    with pytest.raises(TextRejected, match="too long"):
        clean_name("x" * (MAX_NAME + 1))


def test_long_notes_keep_their_lines():
    note = "line one\n\tindented\n" + "é" * 10_000
    assert clean_text(note) == note


def test_aliases_from_text_drop_blanks_and_repeats():
    assert clean_aliases("KJ, kj , ,Kai-J") == ["KJ", "Kai-J"]


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=MAX_NAME))
def test_clean_name_is_idempotent(raw):
    try:
        once = clean_name(raw)
    except TextRejected:
        return
    assert clean_name(once) == once


def test_agenda_plan_expands_items_per_subject(profile):
    template = profile.meeting_type("complex_strategy").agenda
    subjects = [SubjectRef(1, "child", "Ann"), SubjectRef(2, "child", "Bo"), SubjectRef(3, "place", "The Rec")]
    plan = plan_agenda(template, subjects)
    titles = [item.title for item in plan]
    per_child = [t for t in titles if t.endswith(": Ann") or t.endswith(": Bo")]
    assert len(per_child) == 2
    assert any(t.endswith(": The Rec") for t in titles)
    assert not any("peer group" in t.lower() and ":" in t for t in titles), "no peer group subject, no item"
    assert titles[0].lower().startswith("introductions")
    assert {item.subject_id for item in plan if item.subject_id} == {1, 2, 3}
