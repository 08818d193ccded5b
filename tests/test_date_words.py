"""Due dates typed in UK forms: day first always, relative words, working days, clear refusals."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from efh_desktop.domain.date_words import DAY_NAMES, HINT, NO_NEXT_MEETING, DueParse, parse_due
from efh_desktop.domain.uk_dates import format_date

WEDNESDAY = date(2026, 12, 2)  # 4 December 2026 is the Friday of the same week
NEXT_MEETING = date(2027, 1, 13)


def due(text: str, today: date = WEDNESDAY, next_meeting: date | None = NEXT_MEETING) -> date | None:
    result = parse_due(text, today=today, next_meeting=next_meeting)
    assert result.ok, result.message
    return result.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4/12/2026", date(2026, 12, 4)),
        ("04/12/26", date(2026, 12, 4)),
        ("4.12.2026", date(2026, 12, 4)),
        ("4-12-2026", date(2026, 12, 4)),
        ("2026-12-04", date(2026, 12, 4)),
        ("12/4/2027", date(2027, 4, 12)),  # day first: never the US 4 December
        ("4 December 2026", date(2026, 12, 4)),
        ("4th Dec 2026", date(2026, 12, 4)),
        ("Friday 4 December 2026", date(2026, 12, 4)),
        ("4 Dec", date(2026, 12, 4)),
        ("4 December", date(2026, 12, 4)),
        ("2 December", WEDNESDAY),  # on or after today: today itself
        ("1 Dec", date(2027, 12, 1)),  # already passed this year
        ("4/12", date(2026, 12, 4)),
        ("3 sept", date(2027, 9, 3)),
        ("today", WEDNESDAY),
        ("  TOMORROW ", date(2026, 12, 3)),
        ("Friday", date(2026, 12, 4)),
        ("fri", date(2026, 12, 4)),
        ("next Friday", date(2026, 12, 4)),
        ("by Friday", date(2026, 12, 4)),
        ("Wednesday", date(2026, 12, 9)),  # the coming one, never today
        ("Monday", date(2026, 12, 7)),
        ("in 3 days", date(2026, 12, 5)),
        ("in 2 weeks", date(2026, 12, 16)),
        ("in two weeks", date(2026, 12, 16)),
        ("in a week", date(2026, 12, 9)),
        ("in a fortnight", date(2026, 12, 16)),
        ("in 1 month", date(2027, 1, 2)),
        ("within 3 months", date(2027, 3, 2)),
        ("end of the week", date(2026, 12, 4)),
        ("end of week", date(2026, 12, 4)),
        ("end of the month", date(2026, 12, 31)),
        ("next meeting", NEXT_MEETING),
        ("by the next meeting", NEXT_MEETING),
        ("in 5 working days", date(2026, 12, 9)),  # skips the weekend
    ],
)
def test_accepted_forms(text, expected):
    assert due(text) == expected


def test_working_days_skip_bank_holidays():
    # From Thursday 24 December 2026: Christmas Day, the Boxing Day substitute, New Year's Day and
    # two weekends are skipped.
    assert due("in 5 working days", today=date(2026, 12, 24)) == date(2027, 1, 5)
    assert due("in 1 working day", today=date(2026, 12, 24)) == date(2026, 12, 29)


def test_month_end_is_kept_when_the_next_month_is_shorter():
    assert due("in 1 month", today=date(2027, 1, 31)) == date(2027, 2, 28)
    assert due("in 1 month", today=date(2028, 1, 31)) == date(2028, 2, 29)


def test_end_of_the_week_on_friday_and_at_the_weekend():
    assert due("end of the week", today=date(2026, 12, 4)) == date(2026, 12, 4)
    assert due("end of the week", today=date(2026, 12, 5)) == date(2026, 12, 11)
    assert due("end of the week", today=date(2026, 12, 6)) == date(2026, 12, 11)


def test_29_february_without_a_year_waits_for_a_leap_year():
    assert due("29 Feb") == date(2028, 2, 29)


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_empty_means_no_date(text):
    assert parse_due(text, today=WEDNESDAY) == DueParse(None, True, "")


def test_next_meeting_without_a_date_is_refused():
    assert parse_due("next meeting", today=WEDNESDAY, next_meeting=None) == DueParse(None, False, NO_NEXT_MEETING)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("31/02/2026", "There is no 31 February 2026."),
        ("30 February 2027", "There is no 30 February 2027."),
        ("31 Feb", "There is no 31 February."),
        ("12/13/2026", "There is no month 13"),  # a US-order date is refused, not guessed
        ("4/12/202", "is not a year"),
        ("Monday 4 December 2026", "4 December 2026 is a Friday, not a Monday."),
        ("in 5000 days", "too far ahead"),
        ("soonish", HINT),
        ("next tuesdya", HINT),
        ("4/12/2026 or so", HINT),
    ],
)
def test_refusals_say_why(text, says):
    result = parse_due(text, today=WEDNESDAY)
    assert result.ok is False and result.date is None
    assert says in result.message
    assert result.message.endswith(".") and result.message.count(". ") == 0  # one sentence


def test_unknown_text_is_quoted_back_and_suggests_the_forms():
    message = parse_due("soonish", today=WEDNESDAY).message
    assert message == f'"soonish" is not a date I can read: {HINT}.'


def test_a_past_date_is_accepted_with_a_warning():
    result = parse_due("1/12/2026", today=WEDNESDAY)
    assert result == DueParse(date(2026, 12, 1), True, "1 December 2026 has already passed.")


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2098, 12, 31)))
def test_every_date_round_trips_through_both_written_forms(day):
    today = date(2000, 1, 1)
    assert due(f"{day.day}/{day.month}/{day.year}", today=today) == day
    assert due(format_date(day), today=today) == day
    assert due(f"{day.day:02d}.{day.month:02d}.{day.year % 100:02d}", today=today) == day


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2098, 12, 31)), st.sampled_from(DAY_NAMES))
def test_a_weekday_is_always_within_the_next_seven_days_and_never_today(today, name):
    found = due(name, today=today)
    assert today < found <= today + timedelta(days=7)
    assert DAY_NAMES[found.weekday()] == name
