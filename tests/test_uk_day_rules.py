"""Rules that depend on the day use the UK day of the meeting, not the UTC one: a meeting at 00:30
British Summer Time is 23:30 UTC the day before (issue 15 red team 3). Fictional people."""

from __future__ import annotations

from datetime import UTC, date, datetime


def test_a_person_of_concern_is_18_at_a_meeting_held_just_after_midnight_on_their_birthday(services):
    # 00:30 on 1 June 2026 in the UK (BST) is 23:30 UTC on 31 May.
    meeting = services.meetings.create("complex_strategy", datetime(2026, 5, 31, 23, 30, tzinfo=UTC))
    adult = services.subjects.create("person_of_concern", "Rhodri ap Siôn", date_of_birth=date(2008, 6, 1))
    child = services.subjects.create("person_of_concern", "Zofia Wróbel", date_of_birth=date(2008, 6, 2))
    kid = services.subjects.create("child", "Kai Marlow")
    for s in (adult, child, kid):
        services.meetings.add_subject(meeting.id, s.id)
    names = [c.name for c in services.minutes_builder.poc_children(meeting.id)]
    assert names == ["Zofia Wróbel"], "18 on the UK day of the meeting; the other is 17 that day"
