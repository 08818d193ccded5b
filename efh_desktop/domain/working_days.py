"""Working days in England and Wales: weekdays that are not bank holidays or council closure days.

Statutory timescales are written in working days ("an initial child protection conference within
15 working days of the strategy discussion"), so the counting convention lives in one place:

* ``add_working_days(start, n)``: day 0 is ``start`` itself, whatever kind of day it is. For
  ``n > 0`` the answer is the n-th working day *after* ``start`` (a meeting on Thursday 24 December
  2026 plus 1 working day is Tuesday 29 December 2026: the weekend, Christmas Day and the Boxing Day
  substitute are skipped). ``start`` never counts, even when it is a working day, and a
  ``start`` on a weekend or bank holiday needs no special case: counting begins from the next day.
  For ``n < 0`` the same walk goes backwards (the n-th working day *before* ``start``).
* ``working_days_between(a, b)`` is the inverse: the number of working days in ``(a, b]`` (after
  ``a``, up to and including ``b``), negative when ``b`` is before ``a`` (then it counts ``[b, a)``).
  So ``working_days_between(d, add_working_days(d, n)) == n`` for every ``d`` and ``n``.

Bank holidays come from the ``holidays`` package (England; Wales has the same days), which
includes substitute days and one-off holidays such as the 2022 state funeral and the 2023
coronation. Keep that package current: new one-off bank holidays arrive in new releases. Council
closure days are not bank holidays; callers pass them as ``extra_closures``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache

from efh_desktop.domain.uk_dates import weekday_name

_BLOCK_YEARS = 10  # the calendar is built a decade at a time and cached, never per call
_ONE_DAY = timedelta(days=1)
_NO_CLOSURES: frozenset[date] = frozenset()


@cache
def _bank_holiday_block(block_start: int) -> dict[date, str]:
    import holidays  # ~0.1-0.3 s with dateutil: loaded with the first date reckoned, not at start-up

    calendar = holidays.country_holidays(
        "GB", subdiv="ENG", years=range(block_start, block_start + _BLOCK_YEARS)
    )
    # Copy into a plain dict: a ``holidays`` object expands itself on look-ups for other years,
    # which would make the cached object grow and change under callers.
    return dict(calendar.items())


def _bank_holidays_for(year: int) -> dict[date, str]:
    return _bank_holiday_block(year - year % _BLOCK_YEARS)


def bank_holiday_name(d: date) -> str | None:
    """The bank holiday on ``d`` in England and Wales ("Boxing Day (substitute day)"), or None."""
    name = _bank_holidays_for(d.year).get(d)
    if name is None:
        return None
    # GOV.UK calls an observed holiday a "substitute day"; practitioners know that word.
    return name.replace("(observed)", "(substitute day)")


def is_working_day(d: date, extra_closures: frozenset[date] = _NO_CLOSURES) -> bool:
    return d.weekday() < 5 and d not in _bank_holidays_for(d.year) and d not in extra_closures


def non_working_reason(d: date, extra_closures: frozenset[date] = _NO_CLOSURES) -> str | None:
    """Why ``d`` is not a working day, as words for a sentence ("a Saturday", "a bank holiday
    (Christmas Day)", "a council closure day"), or None when it is a working day."""
    if d.weekday() >= 5:
        return f"a {weekday_name(d)}"
    name = bank_holiday_name(d)
    if name is not None:
        return f"a bank holiday ({name})"
    if d in extra_closures:
        return "a council closure day"
    return None


def add_working_days(start: date, n: int, extra_closures: frozenset[date] = _NO_CLOSURES) -> date:
    """The n-th working day after ``start`` (before it when ``n < 0``); ``start`` when ``n == 0``."""
    step = _ONE_DAY if n >= 0 else -_ONE_DAY
    day, remaining = start, abs(n)
    while remaining:
        day += step
        if is_working_day(day, extra_closures):
            remaining -= 1
    return day


def working_days_between(a: date, b: date, extra_closures: frozenset[date] = _NO_CLOSURES) -> int:
    """Working days in ``(a, b]``; when ``b < a``, minus the working days in ``[b, a)``."""
    if b < a:
        return -sum(1 for d in _days(b, a) if is_working_day(d, extra_closures))
    return sum(1 for d in _days(a + _ONE_DAY, b + _ONE_DAY) if is_working_day(d, extra_closures))


def previous_working_day(d: date, extra_closures: frozenset[date] = _NO_CLOSURES) -> date:
    """``d`` itself when it is a working day, otherwise the last working day before it."""
    while not is_working_day(d, extra_closures):
        d -= _ONE_DAY
    return d


def _days(first: date, stop: date) -> Iterator[date]:
    """Each day from ``first`` up to but not including ``stop``."""
    day = first
    while day < stop:
        yield day
        day += _ONE_DAY
