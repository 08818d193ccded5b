"""The services hand the window frozen copies, not table objects (issue 13 item 4): the window cannot
change a row behind a service's back, nor lazily load from a session that has closed. Each copy has
exactly its table's columns, so a column added to a table and forgotten here fails this test."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest

from efh_desktop.services import frozen_rows as fr
from efh_desktop.store.tables import (
    Action,
    Amendment,
    Attendee,
    Decision,
    FilingEntry,
    GateOverride,
    InformationSharing,
    Meeting,
    MeetingSeries,
    Note,
    Subject,
)

WHEN = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)

PAIRS = [(fr.MeetingDetails, Meeting), (fr.SubjectDetails, Subject), (fr.AttendeeDetails, Attendee),
         (fr.NoteDetails, Note), (fr.DecisionDetails, Decision), (fr.SharingDetails, InformationSharing),
         (fr.RecordedAction, Action), (fr.AmendmentDetails, Amendment), (fr.OverrideDetails, GateOverride),
         (fr.FilingDetails, FilingEntry), (fr.SeriesDetails, MeetingSeries)]


@pytest.mark.parametrize(("copy", "table"), PAIRS, ids=[p[0].__name__ for p in PAIRS])
def test_each_copy_has_exactly_its_tables_columns(copy, table):
    assert [f.name for f in dataclasses.fields(copy)] == list(table.model_fields)


@pytest.fixture
def meeting(services):
    child = services.subjects.create("child", "Zofia Wróblewska", aliases=["Zosia"], date_of_birth=date(2012, 2, 3))
    meeting = services.meetings.create("safer_options", WHEN, subject_ids=[child.id])
    services.attendance.add(meeting.id, "Siân Llewelyn", agency="Police")
    services.minutes.add_note(meeting.id, "Seen near the arcade (fictional).", not_for_family=True,
                              subject_ids=[child.id])
    services.minutes.add_decision(meeting.id, "Refer to the youth service.", subject_ids=[child.id])
    services.minutes.add_action(meeting.id, "Visit at home", owner="Gwen Ápfel", subject_ids=[child.id])
    services.meetings.start_series(meeting.id, "Ashcombe station")
    services.sharing.save_child(meeting.id, child.id, to_share="The safety plan", consent="given")
    services.sharing.add_disclosure(meeting.id, agency="Police", what="Missing episodes", recipient="Ashcombe School",
                                    disclosed_on=date(2026, 12, 8), purpose="Safety planning")
    return services, meeting.id, child.id


def test_what_the_window_reads_is_frozen(meeting):
    services, meeting_id, child_id = meeting
    sharing = services.sharing.children(meeting_id)[0]
    reads = {
        "meetings.get": [services.meetings.get(meeting_id)],
        "meetings.subjects": services.meetings.subjects(meeting_id),
        "subjects.get": [services.subjects.get(child_id)],
        "attendance.list": services.attendance.list(meeting_id),
        "minutes.notes": services.minutes.notes(meeting_id),
        "minutes.decisions": services.minutes.decisions(meeting_id),
        "sharing.disclosures": services.sharing.disclosures(meeting_id),
        "sharing.children": [sharing.subject, sharing.record, *sharing.not_for_family],
        "minutes.actions": services.minutes.actions(meeting_id),
        "meetings.series_list": services.meetings.series_list(),
    }
    for read, rows in reads.items():
        assert rows, f"{read} returned nothing to check"
        for row in rows:
            assert dataclasses.is_dataclass(row) and not isinstance(row, Meeting | Subject), read
            field = dataclasses.fields(row)[1].name
            with pytest.raises(dataclasses.FrozenInstanceError):
                setattr(row, field, getattr(row, field))
            assert isinstance(row.id, int)


def test_changing_a_copys_list_changes_nothing_stored(meeting):
    services, _meeting_id, child_id = meeting
    child = services.subjects.get(child_id)
    assert child.aliases == ["Zosia"] and child.name == "Zofia Wróblewska"
    child.aliases.append("not saved")
    assert services.subjects.get(child_id).aliases == ["Zosia"]


def test_the_copies_read_the_same_as_the_rows(meeting):
    services, meeting_id, child_id = meeting
    stored = services.meetings.get(meeting_id)
    assert stored.starts_at == WHEN and stored.type_key == "safer_options" and stored.status
    (note,) = services.minutes.notes(meeting_id)
    assert note.text == "Seen near the arcade (fictional)." and note.not_for_family and note.meeting_id == meeting_id
    (person,) = services.attendance.list(meeting_id)
    assert (person.name, person.agency) == ("Siân Llewelyn", "Police")
    assert [s.id for s in services.meetings.subjects(meeting_id)] == [child_id]


def test_after_finalising_the_snapshot_amendments_overrides_and_filing_are_frozen(meeting):
    services, meeting_id, child_id = meeting
    services.meetings.update(meeting_id, status="ended")
    for item in services.finalise.outstanding(meeting_id):
        services.finalise.override(meeting_id, item.key, "Agreed by the chair.")
    services.finalise.finalise(meeting_id)
    services.finalise.amend(meeting_id, "Note 1", "Seen at the bus station.", "Wrong place.")
    reads = {
        "finalise.frozen_subjects": services.finalise.frozen_subjects(meeting_id) or [],
        "finalise.amendments": services.finalise.amendments(meeting_id),
        "finalise.overrides": services.finalise.overrides(meeting_id),
    }
    assert [s.id for s in reads["finalise.frozen_subjects"]] == [child_id]
    for read, rows in reads.items():
        assert rows, f"{read} returned nothing to check"
        for row in rows:
            with pytest.raises(dataclasses.FrozenInstanceError):
                row.id = 0
