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
coronation. Keep that package current: new one-off bank holidays arrive in new releases.
bank_holidays_table.py keeps its answer for 2000-2049 (importing it costs a second at start-up),
used only while the same version of the package is installed; regenerate it after an upgrade. Council
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


def _from_package(first_year: int, end_year: int) -> dict[date, str]:
    """The ``holidays`` package's bank holidays for England in ``[first_year, end_year)``."""
    import holidays  # with its country registry, a second or more on a busy laptop: only when needed

    calendar = holidays.country_holidays("GB", subdiv="ENG", years=range(first_year, end_year))
    # Copy into a plain dict: a ``holidays`` object expands itself on look-ups for other years,
    # which would make the cached object grow and change under callers.
    return dict(calendar.items())


def _table_matches_package() -> bool:
    """True when the installed ``holidays`` is the version bank_holidays_table.py was written from
    (read from its metadata, without importing the package)."""
    from importlib import metadata

    from efh_desktop.domain import bank_holidays_table

    try:
        return bool(bank_holidays_table.PACKAGE_VERSION) and \
            metadata.version("holidays") == bank_holidays_table.PACKAGE_VERSION
    except metadata.PackageNotFoundError:  # a bundle without the package's metadata: ask the package
        return False


@cache
def _bank_holiday_block(block_start: int) -> dict[date, str]:
    from efh_desktop.domain import bank_holidays_table as table

    end = block_start + _BLOCK_YEARS
    if table.FIRST_YEAR <= block_start and end - 1 <= table.LAST_YEAR and _table_matches_package():
        return {d: name for d, name in table.TABLE.items() if block_start <= d.year < end}
    return _from_package(block_start, end)


TABLE_HEADER = '''"""England and Wales bank holidays {first}-{last} as the ``holidays`` package {version} gives them.

Generated: do not edit. A cache of the package's answer (issue 17): importing ``holidays`` and
building England's calendar loads every country it knows (about 250 modules), a second or more at
start-up on a busy laptop just to mark overdue meetings in the list. domain/working_days.py uses
this table only when exactly this version of the package is installed, and asks the package
otherwise. After upgrading the package, write it again (tests/test_working_days.py checks it):

    python -c "from efh_desktop.domain.working_days import table_source; print(table_source(), end='')" \\
        > efh_desktop/domain/bank_holidays_table.py
"""

from __future__ import annotations

from datetime import date

PACKAGE_VERSION = {version!r}
FIRST_YEAR, LAST_YEAR = {first}, {last}
_ROWS: tuple[tuple[int, int, int, str], ...] = (  # year, month, day, name
{rows}
)
TABLE: dict[date, str] = {{date(y, m, d): name for y, m, d, name in _ROWS}}
'''


def table_source(first_year: int = 2000, last_year: int = 2049) -> str:
    """bank_holidays_table.py as the installed ``holidays`` package would write it."""
    from importlib import metadata

    rows = "\n".join(f"    ({d.year}, {d.month}, {d.day}, {name!r})," for d, name in
                     sorted(_from_package(first_year, last_year + 1).items()))
    return TABLE_HEADER.format(first=first_year, last=last_year, version=metadata.version("holidays"), rows=rows)


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
