"""Dates and times the way UK councils write them: "4 June 2026", "5pm", "5:30pm", "midday".

Stored datetimes are UTC; everything shown to a person is in UK time (Europe/London).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")

# Spelled out, never ``%B``/``%A`` or ``calendar.month_name``: those follow the process locale, and
# Qt sets that from the system at start-up, so a Welsh or Polish laptop would write "2 Tachwedd
# 2026" into minutes that must always be en-GB.
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def to_uk(moment: datetime) -> datetime:
    if moment.tzinfo is None:  # defensive: treat naive as UTC, which is how we store
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UK)


def uk_wall_time_to_utc(day: date, at: time) -> datetime:
    """A date and clock time as the chair types them (UK time) → an aware UTC datetime."""
    return datetime.combine(day, at, tzinfo=UK).astimezone(UTC)


def format_date(day: date | datetime | None, *, weekday: bool = False) -> str:
    if day is None:
        return ""
    if isinstance(day, datetime):
        day = to_uk(day).date()
    text = f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
    return f"{weekday_name(day)} {text}" if weekday else text


def weekday_name(day: date) -> str:
    """"Monday" … "Sunday", in English whatever the system language."""
    return DAY_NAMES[day.weekday()]


def format_time(moment: time | datetime | None) -> str:
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        moment = to_uk(moment).time()
    if moment.hour == 12 and moment.minute == 0:
        return "midday"
    if moment.hour == 0 and moment.minute == 0:
        return "midnight"
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    return f"{hour}{suffix}" if moment.minute == 0 else f"{hour}:{moment.minute:02d}{suffix}"


def format_datetime(moment: datetime | None, *, weekday: bool = False) -> str:
    if moment is None:
        return ""
    return f"{format_date(moment, weekday=weekday)}, {format_time(moment)}"


def format_time_range(start: datetime | None, end: datetime | None) -> str:
    if start is None:
        return ""
    if end is None:
        return format_time(start)
    return f"{format_time(start)} to {format_time(end)}"
