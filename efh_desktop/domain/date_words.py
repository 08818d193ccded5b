"""Read a due date the way a minute-taker types it during a meeting.

Accepted (case and extra spaces ignored; a leading "by", "on" or "due" is dropped, so "by Friday"
works):

* UK numeric dates, always day first: "4/12/2026", "04/12/26", "4.12.2026", "4-12-2026", and
  "4/12" (the next 4 December on or after today). "12/4/2026" is 12 April 2026, never 4 December.
  Two-digit years are 20xx. ISO "2026-12-04" is accepted too (pasted from other systems).
* Words: "4 December 2026", "4th Dec 2026", "Friday 4 December 2026" (the weekday is checked),
  "4 Dec" / "4 December" (the next one on or after today).
* "today", "tomorrow".
* A weekday: "Friday", "Fri", "next Friday", "this Friday": always the coming one, never today
  (a minute-taker who means today says "today").
* "in 3 days", "in 2 weeks", "in a week", "in a fortnight", "in 1 month" (same day of the month,
  or the month's last day when it is shorter), "in 5 working days" (England and Wales working days,
  ``working_days.add_working_days``). "within" works like "in"; numbers up to twelve may be words.
* "end of the week" (this week's Friday: today on a Friday, the coming Friday at the weekend) and
  "end of the month".
* "next meeting": the ``next_meeting`` date the caller passes.

``parse_due`` never raises on what a person typed. ``ok`` is False when the text cannot be used, and
``message`` is then one sentence saying why and what to type. When ``ok`` is True the message is
empty, or a warning worth showing beside the field (the date has already passed).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from efh_desktop.domain.uk_dates import format_date
from efh_desktop.domain.working_days import add_working_days

HINT = "try 4/12/2026, 4 December, Friday, in 2 weeks, in 5 working days or next meeting"
NO_NEXT_MEETING = "No next meeting date is set yet."
_MAX_COUNT = 999  # "in 5000 days" is a typing slip, and a huge count would overflow the calendar

# Spelled out rather than taken from ``calendar.month_name``, which follows the process locale.
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = {name.lower(): n for n, name in enumerate(MONTH_NAMES, 1)}
_MONTHS.update({name[:3].lower(): n for n, name in enumerate(MONTH_NAMES, 1)})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): n for n, name in enumerate(DAY_NAMES)}
_WEEKDAYS.update({name[:3].lower(): n for n, name in enumerate(DAY_NAMES)})
_WEEKDAYS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY_RE = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_NUMBER_RE = r"\d+|" + "|".join(_NUMBER_WORDS)
_LEAD_RE = re.compile(r"^(?:by|on|due)\s+")
_NUMERIC_RE = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})(?:\2(\d+))?")
_ISO_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_WORDS_RE = re.compile(rf"(?:({_WEEKDAY_RE}),?\s+)?(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
                       rf"({_MONTH_RE})\.?,?(?:\s+(\d+))?")
_WEEKDAY_ONLY_RE = re.compile(rf"(?:(?:next|this|coming|this coming)\s+)?({_WEEKDAY_RE})\.?")
_RELATIVE_RE = re.compile(rf"(?:in|within)\s+({_NUMBER_RE})\s+(working\s+days?|days?|weeks?|fortnights?|months?)")


@dataclass(frozen=True)
class DueParse:
    date: date | None
    ok: bool
    message: str


def parse_due(text: str, *, today: date, next_meeting: date | None = None) -> DueParse:
    """What ``text`` means as a due date, counted from ``today`` (see the module notes)."""
    words = re.sub(r"\s+", " ", (text or "").strip().lower())
    while (lead := _LEAD_RE.match(words)) is not None:
        words = words[lead.end():]
    words = words.removeprefix("the ").strip()
    if not words:
        return DueParse(None, True, "")
    found = _read(words, today, next_meeting)
    if found is None:
        shown = " ".join(text.split())
        shown = shown if len(shown) <= 40 else shown[:39] + "…"
        return DueParse(None, False, f'"{shown}" is not a date I can read: {HINT}.')
    if isinstance(found, str):
        return DueParse(None, False, found)
    if found < today:
        return DueParse(found, True, f"{format_date(found)} has already passed.")
    return DueParse(found, True, "")


def _read(words: str, today: date, next_meeting: date | None) -> date | str | None:
    """The date, a sentence saying why there is none, or None when ``words`` is no known form."""
    if words == "today":
        return today
    if words == "tomorrow":
        return today + timedelta(days=1)
    if words in ("next meeting", "next meeting date"):
        return next_meeting if next_meeting is not None else NO_NEXT_MEETING
    if re.fullmatch(r"end of (?:the |this )?week", words):
        return today + timedelta(days=(4 - today.weekday()) % 7)
    if re.fullmatch(r"end of (?:the |this )?month", words):
        return today.replace(day=calendar.monthrange(today.year, today.month)[1])
    if (m := _WEEKDAY_ONLY_RE.fullmatch(words)) is not None:
        return today + timedelta(days=(_WEEKDAYS[m[1]] - today.weekday() - 1) % 7 + 1)
    if (m := _RELATIVE_RE.fullmatch(words)) is not None:
        return _relative(m[1], m[2], today)
    if (m := _ISO_RE.fullmatch(words)) is not None:
        return _exact(int(m[3]), int(m[2]), int(m[1]))
    if (m := _NUMERIC_RE.fullmatch(words.rstrip("."))) is not None:
        day, month = int(m[1]), int(m[3])
        if month > 12:
            return f"There is no month {month}: UK dates are day/month/year, so 4 December 2026 is 4/12/2026."
        if m[4] is None:
            return _next_occurrence(day, month, today)
        return _with_year(day, month, m[4])
    if (m := _WORDS_RE.fullmatch(words)) is not None:
        day, month = int(m[2]), _MONTHS[m[3]]
        found = _next_occurrence(day, month, today) if m[4] is None else _with_year(day, month, m[4])
        if isinstance(found, date) and m[1] is not None and found.weekday() != _WEEKDAYS[m[1]]:
            return f"{format_date(found)} is a {DAY_NAMES[found.weekday()]}, not a {DAY_NAMES[_WEEKDAYS[m[1]]]}."
        return found
    return None


def _relative(count_text: str, unit: str, today: date) -> date | str:
    count = _NUMBER_WORDS.get(count_text) or int(count_text)
    if count > _MAX_COUNT:
        return f"{count} is too far ahead for a due date: give the date itself, for example 4/12/2026."
    if unit.startswith("working"):
        return add_working_days(today, count)
    if unit.startswith("day"):
        return today + timedelta(days=count)
    if unit.startswith("week"):
        return today + timedelta(weeks=count)
    if unit.startswith("fortnight"):
        return today + timedelta(weeks=2 * count)
    months = today.month - 1 + count
    year, month = today.year + months // 12, months % 12 + 1
    return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def _with_year(day: int, month: int, year_text: str) -> date | str:
    if len(year_text) == 2:
        return _exact(day, month, 2000 + int(year_text))
    if len(year_text) == 4:
        return _exact(day, month, int(year_text))
    return f'"{year_text}" is not a year: write it as 2026 or 26.'


def _exact(day: int, month: int, year: int) -> date | str:
    if not 1 <= month <= 12:
        return f"There is no month {month}: UK dates are day/month/year, so 4 December 2026 is 4/12/2026."
    try:
        return date(year, month, day)
    except ValueError:
        return f"There is no {day} {MONTH_NAMES[month - 1]} {year}."


def _next_occurrence(day: int, month: int, today: date) -> date | str:
    """The first ``day month`` on or after today. 29 February waits for the next leap year."""
    for year in range(today.year, today.year + 9):  # a leap year always comes within eight years
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if found >= today:
            return found
    return f"There is no {day} {MONTH_NAMES[month - 1]}."
