"""England and Wales working days: known bank holidays, the counting convention, closures."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from efh_desktop.domain.working_days import (
    add_working_days,
    bank_holiday_name,
    is_working_day,
    non_working_reason,
    previous_working_day,
    working_days_between,
)


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 4, 3),  # Good Friday 2026
        date(2026, 4, 6),  # Easter Monday 2026
        date(2026, 12, 25),  # Christmas Day, a Friday
        date(2026, 12, 28),  # Boxing Day falls on Saturday: substitute on Monday
        date(2020, 5, 8),  # early May bank holiday moved to Friday for VE Day 75
        date(2022, 9, 19),  # state funeral of Queen Elizabeth II
        date(2023, 5, 8),  # coronation of King Charles III
        date(2022, 6, 3),  # Platinum Jubilee
    ],
)
def test_known_bank_holidays_are_not_working_days(day):
    assert day.weekday() < 5
    assert not is_working_day(day)
    assert bank_holiday_name(day)


@pytest.mark.parametrize(
    "day",
    [
        date(2020, 5, 4),  # the usual first Monday in May, not a bank holiday in 2020
        date(2026, 4, 2),  # Maundy Thursday
        date(2026, 4, 7),  # the Tuesday after Easter
        date(2026, 12, 24),  # Christmas Eve
        date(2026, 12, 29),
    ],
)
def test_ordinary_weekdays_are_working_days(day):
    assert is_working_day(day)
    assert bank_holiday_name(day) is None
    assert non_working_reason(day) is None


def test_substitute_day_is_named_as_gov_uk_names_it():
    assert bank_holiday_name(date(2026, 12, 28)) == "Boxing Day (substitute day)"
    assert non_working_reason(date(2026, 12, 28)) == "a bank holiday (Boxing Day (substitute day))"


def test_weekends_are_not_working_days():
    assert not is_working_day(date(2026, 11, 7))  # Saturday
    assert not is_working_day(date(2026, 11, 8))  # Sunday
    assert non_working_reason(date(2026, 11, 7)) == "a Saturday"
    assert add_working_days(date(2026, 11, 6), 1) == date(2026, 11, 9)  # Friday + 1 → Monday


def test_day_zero_is_the_start_day_whatever_it_is():
    assert add_working_days(date(2026, 11, 4), 0) == date(2026, 11, 4)
    assert add_working_days(date(2026, 11, 7), 0) == date(2026, 11, 7)  # a Saturday stays
    assert add_working_days(date(2026, 12, 25), 0) == date(2026, 12, 25)
    assert working_days_between(date(2026, 11, 4), date(2026, 11, 4)) == 0


def test_counting_starts_after_a_non_working_start():
    # Strategy discussion on Saturday: day 1 is the Monday.
    assert add_working_days(date(2026, 11, 7), 1) == date(2026, 11, 9)


def test_fifteen_working_days_across_christmas():
    # ICPC within 15 working days of a strategy discussion on Monday 14 December 2026. Skipped:
    # 3 weekends, Christmas Day (Fri 25) and the Boxing Day substitute (Mon 28), and New Year's
    # Day (Fri 1 January 2027). Counted by hand: 15-18 Dec (4), 21-24 Dec (8), 29-31 Dec (11),
    # 4-7 Jan (15).
    assert add_working_days(date(2026, 12, 14), 15) == date(2027, 1, 7)
    assert working_days_between(date(2026, 12, 14), date(2027, 1, 7)) == 15


def test_one_working_day_after_christmas_eve():
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 29)


def test_across_easter_2026():
    assert add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)


def test_negative_counts_go_backwards():
    assert add_working_days(date(2026, 12, 29), -1) == date(2026, 12, 24)
    assert working_days_between(date(2026, 12, 29), date(2026, 12, 24)) == -1


def test_extra_closures():
    closures = frozenset({date(2026, 12, 24), date(2026, 12, 29)})
    assert not is_working_day(date(2026, 12, 24), closures)
    assert non_working_reason(date(2026, 12, 24), closures) == "a council closure day"
    assert add_working_days(date(2026, 12, 23), 1, closures) == date(2026, 12, 30)
    assert working_days_between(date(2026, 12, 23), date(2026, 12, 31), closures) == 2
    assert previous_working_day(date(2026, 12, 29), closures) == date(2026, 12, 23)
    # Closures only count when given.
    assert add_working_days(date(2026, 12, 23), 1) == date(2026, 12, 24)


def test_previous_working_day():
    assert previous_working_day(date(2026, 12, 28)) == date(2026, 12, 24)
    assert previous_working_day(date(2026, 12, 24)) == date(2026, 12, 24)


def test_working_days_between_counts_after_a_up_to_b():
    # Monday to Friday of an ordinary week: Tue, Wed, Thu, Fri.
    assert working_days_between(date(2026, 11, 2), date(2026, 11, 6)) == 4
    assert working_days_between(date(2026, 11, 2), date(2026, 11, 8)) == 4  # weekend adds none


days = st.dates(min_value=date(1995, 1, 1), max_value=date(2090, 12, 31))


@pytest.fixture(autouse=True, scope="module")
def _package_loaded():
    """Years outside the kept table (2000-2049) ask the ``holidays`` package: its first import (a
    second on a busy machine) is paid here, not inside one of hypothesis's timed examples."""
    from efh_desktop.domain import working_days

    working_days._from_package(2090, 2091)
closure_sets = st.frozensets(st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 31)), max_size=20)


@given(days, st.integers(min_value=1, max_value=400))
def test_result_is_always_a_working_day(start, n):
    assert is_working_day(add_working_days(start, n))


@given(days, st.integers(min_value=-400, max_value=400))
def test_between_inverts_add(start, n):
    assert working_days_between(start, add_working_days(start, n)) == n


@given(st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 31)), st.integers(0, 60), closure_sets)
def test_between_inverts_add_with_closures(start, n, closures):
    end = add_working_days(start, n, closures)
    assert working_days_between(start, end, closures) == n
    assert n == 0 or is_working_day(end, closures)


@given(days, st.integers(min_value=1, max_value=60))
def test_add_is_monotonic_and_never_skips_a_working_day(start, n):
    before, after = add_working_days(start, n - 1), add_working_days(start, n)
    assert after > before
    gap = (after - before).days
    assert all(not is_working_day(before + timedelta(days=i)) for i in range(1, gap))


# -- the table kept from the package (issue 17: importing ``holidays`` costs a second at start-up) --
def test_the_bank_holiday_table_is_what_the_installed_package_says():
    from pathlib import Path

    from efh_desktop.domain import bank_holidays_table
    from efh_desktop.domain.working_days import table_source

    assert Path(bank_holidays_table.__file__).read_text(encoding="utf-8") == table_source(), (
        "The holidays package changed: write efh_desktop/domain/bank_holidays_table.py again (see its docstring).")


def test_another_version_of_the_package_is_asked_instead_of_the_table(monkeypatch):
    from efh_desktop.domain import bank_holidays_table, working_days

    working_days._bank_holiday_block.cache_clear()
    monkeypatch.setattr(bank_holidays_table, "TABLE", {})  # an empty table would lose every holiday
    monkeypatch.setattr(bank_holidays_table, "PACKAGE_VERSION", "0.0-not-installed")
    try:
        assert working_days.bank_holiday_name(date(2023, 5, 8)) == "Coronation of Charles III"
        assert not working_days.is_working_day(date(2026, 12, 28))  # Boxing Day's substitute
    finally:
        working_days._bank_holiday_block.cache_clear()


def test_the_table_is_used_when_the_versions_match(monkeypatch):
    from efh_desktop.domain import bank_holidays_table, working_days

    working_days._bank_holiday_block.cache_clear()
    table = dict(bank_holidays_table.TABLE)
    table[date(2026, 6, 4)] = "A day only the table knows"
    monkeypatch.setattr(bank_holidays_table, "TABLE", table)
    try:
        assert working_days.bank_holiday_name(date(2026, 6, 4)) == "A day only the table knows"
    finally:
        working_days._bank_holiday_block.cache_clear()
