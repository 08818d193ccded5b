"""The demo's meetings on the meetings list once their dates have passed (issue 14, demo data).

The demo's dates are fixed (November 2026 and the year of Safer Options meetings before it). A
meeting still "planned" after its day was never started: the list says so ("Not started — date
passed"), never "Minutes finalised" overdue for minutes nobody recorded. Held meetings keep their
clock. Checked through the service the meetings list calls.
"""

from __future__ import annotations

from datetime import date

from efh_desktop.domain.distribution import NOT_STARTED
from efh_desktop.domain.uk_dates import format_date


def _listed(services, today):
    rows = services.meetings.list()
    overdue = services.practice.overdue_for_rows(rows, today=today)
    return [(r, overdue.get(r.id, "")) for r in rows]


def test_past_planned_demo_meetings_say_not_started(demo_services):
    listed = _listed(demo_services, date(2026, 12, 1))
    planned = [(r, text) for r, text in listed if r.status == "planned" and r.starts_at.date() < date(2026, 12, 1)]
    days = {format_date(r.starts_at) for r, _text in planned}
    assert {"9 November 2026", "25 November 2026"} <= days
    assert all(text == NOT_STARTED for _r, text in planned), planned
    # The meeting held on 2 November and not yet finalised keeps its clock.
    held = [text for r, text in listed if r.status == "ended" and format_date(r.starts_at) == "2 November 2026"]
    assert held and all("Minutes finalised" in text for text in held)
    # The next meeting in the series (14 December) is still to come: nothing due.
    assert all(text == "" for r, text in listed if r.starts_at.date() > date(2026, 12, 1))


def test_before_their_day_planned_demo_meetings_show_nothing(demo_services):
    listed = _listed(demo_services, date(2026, 11, 8))
    assert all(text == "" for r, text in listed if r.status == "planned")


def test_the_finalise_tab_clock_says_what_to_do(demo_services):
    meeting = next(r for r in demo_services.meetings.list()
                   if r.status == "planned" and format_date(r.starts_at) == "25 November 2026")
    steps = demo_services.practice.distribution(meeting.id, today=date(2026, 12, 1))
    assert [s.key for s in steps] == ["not_started"]
    assert "start it to record the meeting, or cancel it" in steps[0].text
