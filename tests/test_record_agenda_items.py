"""A note, decision or action belongs under an agenda item of its own meeting: filed under another
meeting's item it vanished from its own minutes (and never showed in the other's)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from efh_desktop.services.context import NotFound, ServiceError


@pytest.fixture
def two_meetings(services):
    first = services.meetings.create("complex_strategy", datetime(2026, 3, 2, 10, tzinfo=UTC)).id
    second = services.meetings.create("complex_strategy", datetime(2026, 3, 9, 10, tzinfo=UTC)).id
    return first, services.agenda.add(first, "Our item"), services.agenda.add(second, "Their item")


@pytest.mark.parametrize(("kind", "add"), [
    ("note", lambda s, m, i: s.minutes.add_note(m, "Seen at the park", agenda_item_id=i)),
    ("decision", lambda s, m, i: s.minutes.add_decision(m, "Refer to the hub", agenda_item_id=i)),
    ("action", lambda s, m, i: s.minutes.add_action(m, "Visit school", agenda_item_id=i)),
])
def test_moving_a_record_to_another_meetings_item_is_refused(services, two_meetings, kind, add):
    meeting, ours, theirs = two_meetings
    record = add(services, meeting, ours)
    with pytest.raises(ServiceError, match="belongs to another meeting"):
        services.minutes.update(kind, record.id, agenda_item_id=theirs)
    assert [r.id for _k, r in services.minutes.records_for_item(meeting, ours)] == [record.id]
    with pytest.raises(NotFound):
        services.minutes.update(kind, record.id, agenda_item_id=987654)
    services.minutes.update(kind, record.id, agenda_item_id=None)  # "no item" stays allowed
    assert [r.id for _k, r in services.minutes.records_for_item(meeting, None)] == [record.id]


@pytest.mark.parametrize("add", [
    lambda s, m, i: s.minutes.add_note(m, "Seen at the park", agenda_item_id=i),
    lambda s, m, i: s.minutes.add_decision(m, "Refer to the hub", agenda_item_id=i),
    lambda s, m, i: s.minutes.add_action(m, "Visit school", agenda_item_id=i),
])
def test_recording_under_another_meetings_item_is_refused(services, two_meetings, add):
    meeting, _ours, theirs = two_meetings
    with pytest.raises(ServiceError, match="belongs to another meeting"):
        add(services, meeting, theirs)
    assert services.minutes.records_for_item(meeting, theirs) == []
