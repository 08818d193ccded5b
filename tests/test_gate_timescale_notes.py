"""Issue 15 item 8 at the finalisation gate: "actions circulated the same day" and "the record within
1 working day where possible" are shown as notes that never hold finalising back. Working days are
England's: a weekend and the Christmas bank holidays do not count. Fictional people only."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from efh_desktop.domain.distribution import DistributionFacts
from efh_desktop.domain.finalisation_gate import GateItem, distribution_notes, outstanding
from efh_desktop.store.tables import Meeting

CHRISTMAS_EVE = date(2026, 12, 24)  # a Thursday: + 1 working day is Tuesday 29 December 2026
FRIDAY = date(2026, 6, 5)  # + 1 working day is Monday 8 June 2026


def notes(profile, today, **facts):
    facts.setdefault("status", "ended")
    facts.setdefault("held_on", CHRISTMAS_EVE)
    return {n.key: n for n in distribution_notes(profile, DistributionFacts(**facts), today)}


# --- actions circulated the same day -----------------------------------------------------------


def test_actions_circulated_the_same_day_give_no_note(profile):
    got = notes(profile, date(2027, 1, 4), actions_sent_on=CHRISTMAS_EVE, finalised_on=CHRISTMAS_EVE)
    assert got == {}


def test_actions_circulated_the_next_working_day_are_noted(profile):
    got = notes(profile, date(2027, 1, 4), actions_sent_on=date(2026, 12, 29), finalised_on=date(2026, 12, 29))
    assert list(got) == ["distribution:actions_circulated"]
    note = got["distribution:actions_circulated"]
    assert note.severity == "note" and not note.blocking
    assert note.message == ("Actions were not circulated on the day of the meeting: they went out on "
                            "29 December 2026 (the guidance: actions circulated the same day).")


def test_actions_never_circulated_are_noted_once_the_day_has_passed(profile):
    got = notes(profile, date(2026, 12, 25))
    assert got["distribution:actions_circulated"].message == (
        "Actions were not circulated on the day of the meeting and are not yet recorded as sent "
        "(the guidance: actions circulated the same day).")


def test_on_the_day_itself_unsent_actions_are_a_reminder(profile):
    got = notes(profile, CHRISTMAS_EVE)
    assert "send them out today (the guidance: actions circulated the same day)" in (
        got["distribution:actions_circulated"].message)
    assert "distribution:record_completed" not in got  # due on 29 December: not late yet


def test_a_meeting_with_no_actions_has_none_to_circulate(profile):
    assert "distribution:actions_circulated" not in notes(profile, date(2027, 1, 4), has_actions=False)


# --- the record within 1 working day where possible --------------------------------------------


@pytest.mark.parametrize(("held_on", "on_time", "late"), [
    (CHRISTMAS_EVE, date(2026, 12, 29), date(2026, 12, 30)),  # Christmas, Boxing Day (substitute) and a weekend
    (FRIDAY, date(2026, 6, 8), date(2026, 6, 9)),  # a weekend
])
def test_the_record_within_one_working_day_across_holidays_and_weekends(profile, held_on, on_time, late):
    sent = {"actions_sent_on": held_on}
    assert notes(profile, date(2027, 2, 1), held_on=held_on, finalised_on=on_time, **sent) == {}
    got = notes(profile, date(2027, 2, 1), held_on=held_on, finalised_on=late, **sent)
    assert list(got) == ["distribution:record_completed"]
    assert got["distribution:record_completed"].message.endswith(
        f"and finalised on {late.day} {late.strftime('%B')} {late.year} "
        "(the guidance: the record within 1 working day where possible).")
    # Not yet finalised: on the due day, nothing; the day after, a note.
    assert notes(profile, on_time, held_on=held_on, **sent) == {}
    assert "is not yet finalised" in notes(profile, late, held_on=held_on, **sent)[
        "distribution:record_completed"].message


def test_the_record_note_names_the_due_day(profile):
    got = notes(profile, date(2026, 12, 30), actions_sent_on=CHRISTMAS_EVE)
    assert got["distribution:record_completed"].message == (
        "The record was not completed within 1 working day of the meeting on 24 December 2026: it was due by "
        "29 December 2026 and is not yet finalised (the guidance: the record within 1 working day where possible).")


def test_nothing_is_noted_before_the_meeting_is_held(profile):
    assert notes(profile, date(2026, 12, 1), status="planned") == {}
    assert notes(profile, date(2027, 1, 4), status="cancelled") == {}


def test_notes_never_count_as_outstanding():
    note = GateItem("distribution:record_completed", "distribution", "Late.", "distribution", severity="note")
    warning = GateItem("next_meeting", "next_meeting", "Set it.", "setup")
    assert outstanding([note, warning], set()) == [warning]
    with pytest.raises(ValueError, match="severity"):
        GateItem("x", "distribution", "m", "distribution", severity="blocking")


# --- through the services ----------------------------------------------------------------------


def _held_meeting(services, day: date):
    child = services.subjects.create("child", "Zofia Wójcik-Ní Bhriain")
    meeting = services.meetings.create("safer_options", datetime(day.year, day.month, day.day, 10, tzinfo=UTC),
                                       subject_ids=[child.id])
    services.minutes.add_action(meeting.id, "Visit Fernbank Rec with the youth team")
    services.meetings.update(meeting.id, status="ended")
    return meeting


def test_the_finalise_service_lists_the_notes_and_finalising_goes_ahead(services):
    meeting = _held_meeting(services, FRIDAY)
    keys = {n.key for n in services.finalise.notes(meeting.id, today=date(2026, 6, 9))}
    assert keys == {"distribution:actions_circulated", "distribution:record_completed"}
    assert not any(line.item.key.startswith("distribution:") for line in services.finalise.gate(meeting.id))
    services.practice.record_distribution(meeting.id, actions_sent_on=FRIDAY)
    assert {n.key for n in services.finalise.notes(meeting.id, today=date(2026, 6, 8))} == set()
    for line in services.finalise.gate(meeting.id):
        services.finalise.override(meeting.id, line.item.key, "Agreed at the meeting.")
    assert services.finalise.outstanding(meeting.id) == []
    services.finalise.finalise(meeting.id)  # the late record is a note, not a refusal
    assert services.meetings.get(meeting.id).status == "finalised"


def test_a_record_finalised_on_the_next_working_day_is_not_noted(services):
    for finalised_at, expected in ((datetime(2026, 12, 29, 16, tzinfo=UTC), set()),
                                   (datetime(2026, 12, 30, 9, tzinfo=UTC), {"distribution:record_completed"})):
        meeting = _held_meeting(services, CHRISTMAS_EVE)
        services.ctx.clock.set(datetime(2026, 12, 24, 17, tzinfo=UTC))  # sent on a day that has come
        services.practice.record_distribution(meeting.id, actions_sent_on=CHRISTMAS_EVE)
        with services.ctx.transaction() as (session, _audit):  # finalised on a given day (finalise() uses now)
            row = session.get(Meeting, meeting.id)
            row.status, row.finalised_at = "finalised", finalised_at
            session.add(row)
        assert {n.key for n in services.finalise.notes(meeting.id, today=date(2027, 1, 4))} == expected
