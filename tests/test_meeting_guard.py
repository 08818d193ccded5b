"""The one finalised-meeting guard every service calls before changing a meeting's records."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from efh_desktop.services.context import NotFound, ServiceError
from efh_desktop.services.meeting_guard import FINALISED, editable_meeting


def _meeting(services):
    return services.meetings.create("complex_strategy", datetime(2026, 6, 4, 9, 0, tzinfo=UTC), title="Guard test")


def test_an_open_meeting_is_returned_in_the_callers_transaction(services):
    meeting = _meeting(services)
    with services.ctx.transaction() as (session, _audit):
        assert editable_meeting(session, meeting.id).title == "Guard test"


def test_a_missing_meeting_is_not_found(services):
    with services.ctx.transaction() as (session, _audit), pytest.raises(NotFound, match="No meeting with id 987654"):
        editable_meeting(session, 987654)


def test_a_finalised_meeting_refuses_every_service_change_with_one_sentence(services):
    meeting = _meeting(services)
    services.meetings.update(meeting.id, status="ended")
    for line in services.finalise.gate(meeting.id):
        services.finalise.override(meeting.id, line.item.key, "Not needed for this test meeting")
    services.finalise.finalise(meeting.id)
    with services.ctx.transaction() as (session, _audit), pytest.raises(ServiceError, match="finalised"):
        editable_meeting(session, meeting.id)
    # The services that change records all go through it: each says the same sentence.
    changes = [
        lambda: services.minutes.add_note(meeting.id, "Too late"),
        lambda: services.agenda.add(meeting.id, "Too late"),
        lambda: services.attendance.add(meeting.id, "Jan Kowalski", role="Youth worker", agency="Youth Service"),
        lambda: services.meetings.add_subject(meeting.id, services.subjects.create("child", "Zoë Ap Rhys").id),
    ]
    for change in changes:
        with pytest.raises(ServiceError) as caught:
            change()
        assert str(caught.value) == FINALISED
