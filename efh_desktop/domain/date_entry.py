"""Read a date as a person types it into a date field, UK order: "14/3/2011", "14.3.11",
"14-03-2011", "14 3 2011", "14 March 2011", "14th Mar 2011", "Monday 14 March 2011", ISO
"2011-03-14", or nothing at all (the date is not known).

Day first, always: "12/4/2011" is 12 April. A two-digit year is this century unless that is more
than 20 years ahead ("14.3.98" is 1998, "14.3.11" is 2011). A missing year is asked for, never
guessed (a date of birth or a disclosure date has no "next 14 March"). ``read_date`` never raises on
what a person typed: ``ok`` False comes with one sentence saying what to type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from efh_desktop.domain.date_words import DAY_NAMES, MONTH_NAMES

EXAMPLE = "14/3/2011 or 14 March 2011"
_MONTHS = {name.lower(): n for n, name in enumerate(MONTH_NAMES, 1)}
_MONTHS.update({name[:3].lower(): n for n, name in enumerate(MONTH_NAMES, 1)})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower() for name in DAY_NAMES} | {name[:3].lower() for name in DAY_NAMES}
_NUMERIC = re.compile(r"(\d{1,2})\s*([/.\-\s])\s*(\d{1,2})(?:\s*\2\s*(\d{1,4}))?")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_WORDS = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?(?:\s+(\d{1,4}))?")


@dataclass(frozen=True)
class DateEntry:
    date: date | None
    ok: bool
    message: str = ""


def read_date(text: str | None, *, today: date) -> DateEntry:
    """What ``text`` means as a date (None when empty); see the module notes."""
    words = " ".join((text or "").replace(",", " ").split()).lower()
    if not words:
        return DateEntry(None, True)
    first, _, rest = words.partition(" ")
    if first.rstrip(".") in _WEEKDAYS and rest:
        words = rest  # "Monday 14 March 2011": the weekday is a courtesy
    if (m := _ISO.fullmatch(words)) is not None:
        return _exact(int(m[3]), int(m[2]), int(m[1]))
    if (m := _NUMERIC.fullmatch(words.rstrip("."))) is not None:
        return _dated(int(m[1]), int(m[3]), m[4], today)
    if (m := _WORDS.fullmatch(words.rstrip("."))) is not None and m[2] in _MONTHS:
        return _dated(int(m[1]), _MONTHS[m[2]], m[3], today)
    shown = " ".join((text or "").split())
    shown = shown if len(shown) <= 30 else shown[:29] + "…"
    return DateEntry(None, False, f'"{shown}" is not a date: type it as {EXAMPLE}, or leave it empty.')


def _dated(day: int, month: int, year_text: str | None, today: date) -> DateEntry:
    if not 1 <= month <= 12:
        return DateEntry(None, False, f"There is no month {month}: UK dates are day/month/year, as {EXAMPLE}.")
    if year_text is None:
        return DateEntry(None, False, f"Give the year too, as {EXAMPLE}.")
    if len(year_text) == 2:
        year = 2000 + int(year_text)
        if year > today.year + 20:
            year -= 100
    elif len(year_text) == 4:
        year = int(year_text)
    else:
        return DateEntry(None, False, f'"{year_text}" is not a year: write it as 2011 or 11.')
    return _exact(day, month, year)


def _exact(day: int, month: int, year: int) -> DateEntry:
    if not 1 <= month <= 12:
        return DateEntry(None, False, f"There is no month {month}: UK dates are day/month/year, as {EXAMPLE}.")
    if year < 1900:
        return DateEntry(None, False, f"{year} is too long ago: check the year.")
    try:
        return DateEntry(date(year, month, day), True)
    except ValueError:
        return DateEntry(None, False, f"There is no {day} {MONTH_NAMES[month - 1]} {year}.")
