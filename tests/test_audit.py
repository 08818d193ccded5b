"""Every change through the services leaves an audit event in the same transaction; a refused or
failed change leaves neither the row nor an event. Odd names round-trip unchanged."""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func
from sqlmodel import select

from efh_desktop.domain.text_rules import MAX_NAME, TextRejected
from efh_desktop.services import audit as audit_module
from efh_desktop.services.context import NotFound, ServiceError
from efh_desktop.store.tables import Action, AuditEvent, Meeting, Note, Subject, SubjectLink

WHEN = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)


# -- helpers --------------------------------------------------------------------------------------
def events(services) -> list[AuditEvent]:
    with services.ctx.reading() as session:
        return list(session.exec(select(AuditEvent).order_by(AuditEvent.id)))


def count(services, table) -> int:
    with services.ctx.reading() as session:
        return session.exec(select(func.count()).select_from(table)).one()


class Tracker:
    """The audit events added since the last call."""

    def __init__(self, services) -> None:
        self.services = services
        self.seen = len(events(services))

    def new(self) -> list[AuditEvent]:
        all_events = events(self.services)
        fresh = all_events[self.seen:]
        self.seen = len(all_events)
        return fresh


# -- creates, updates and deletes -----------------------------------------------------------------
def test_subject_create_update_archive(services):
    track = Tracker(services)
    child = services.subjects.create("child", "Kai Marlow", aliases=["KJ"], date_of_birth=date(2010, 3, 14),
                                     locality="Brindley East")
    [created] = track.new()
    assert (created.action, created.entity, created.entity_id) == ("create", "subject", child.id)
    assert created.actor == "Test User"
    assert created.changes["name"] == "Kai Marlow"
    assert created.changes["aliases"] == ["KJ"]
    assert created.changes["date_of_birth"] == "2010-03-14"
    assert "created_at" not in created.changes and "updated_at" not in created.changes

    services.subjects.update(child.id, locality="Ashcombe North", in_care=True)
    [updated] = track.new()
    assert (updated.action, updated.entity, updated.entity_id) == ("update", "subject", child.id)
    assert updated.changes == {"locality": ["Brindley East", "Ashcombe North"], "in_care": [False, True]}

    services.subjects.update(child.id, name="  Kai   Marlow ")  # cleans to the same name: no change
    assert track.new() == []

    services.subjects.archive(child.id)
    [archived] = track.new()
    assert archived.changes == {"archived": [False, True]}


def test_subject_links_are_audited(services):
    track = Tracker(services)
    group = services.subjects.create("peer_group", "The Quarry Lane group")
    child = services.subjects.create("child", "Tayo Brennick")
    adult = services.subjects.create("person_of_concern", "'Dex' (name not known)")
    track.new()

    services.subjects.add_member(group.id, child.id)
    [member] = track.new()
    assert (member.action, member.entity) == ("create", "subject_link")
    services.subjects.add_member(group.id, child.id)  # already a member: nothing happens, nothing logged
    assert track.new() == []

    services.subjects.link(adult.id, group.id, note="Seen together")
    [linked] = track.new()
    assert linked.changes["relation"] == "linked" and linked.changes["note"] == "Seen together"

    services.subjects.remove_member(group.id, child.id)
    [removed] = track.new()
    assert (removed.action, removed.entity, removed.entity_id) == ("delete", "subject_link", member.entity_id)
    assert count(services, SubjectLink) == 1


def test_meeting_lifecycle_is_audited(services):
    child = services.subjects.create("child", "Ellis Quarrington")
    track = Tracker(services)
    meeting = services.meetings.create("complex_strategy", WHEN, new_series_title="Operation Lantern (fictional)",
                                       subject_ids=[child.id], locality="Brindley East")
    created = track.new()
    by_entity = {(e.action, e.entity) for e in created}
    assert {("create", "meeting_series"), ("create", "meeting"), ("create", "meeting_subject"),
            ("create", "agenda")} <= by_entity
    meeting_event = next(e for e in created if e.entity == "meeting")
    assert meeting_event.entity_id == meeting.id and meeting_event.meeting_id == meeting.id
    assert all(e.meeting_id == meeting.id for e in created if e.entity != "meeting_series")

    services.meetings.update(meeting.id, venue="Room 3, Brindley Area Office (fictional)", status="in_progress")
    [updated] = track.new()
    assert updated.changes == {"venue": ["", "Room 3, Brindley Area Office (fictional)"],
                               "status": ["planned", "in_progress"]}

    services.meetings.delete(meeting.id)
    [deleted] = track.new()
    assert (deleted.action, deleted.entity, deleted.entity_id) == ("delete", "meeting", meeting.id)
    assert deleted.changes["locality"] == "Brindley East"
    assert count(services, Meeting) == 0


def test_minutes_and_attendance_are_audited(services):
    child = services.subjects.create("child", "Noor Halvey")
    meeting = services.meetings.create("complex_strategy", WHEN, build_agenda=False)
    track = Tracker(services)

    note = services.minutes.add_note(meeting.id, "Noor told her worker about a debt.", subject_ids=[child.id])
    decision = services.minutes.add_decision(meeting.id, "Open a referral.", subject_ids=[child.id])
    action = services.minutes.add_action(meeting.id, "Return home interview", owner="Sam Ortega")
    person = services.attendance.add(meeting.id, "PC Jo Whitcombe", agency="Police")
    created = track.new()
    assert [(e.action, e.entity, e.entity_id) for e in created] == [
        ("create", "entry", note.id), ("create", "decision", decision.id), ("create", "action", action.id),
        ("create", "attendee", person.id)]
    assert all(e.meeting_id == meeting.id for e in created)

    services.minutes.set_action_status(action.id, "done", note="Completed on 6 November 2026.")
    [status] = track.new()
    assert status.changes["status"] == ["open", "done"]
    assert status.changes["completion_note"] == ["", "Completed on 6 November 2026."]
    assert set(status.changes) == {"status", "completion_note", "completed_at"}

    services.attendance.set_status(person.id, "apologies", reason="Court")
    [attendance] = track.new()
    assert attendance.changes == {"status": ["invited", "apologies"], "apology_reason": ["", "Court"]}


def test_backup_is_audited(services, tmp_path):
    track = Tracker(services)
    services.backup(tmp_path / "b.db")
    # The intent first (so a crash part-way is visible), then the completion with the same token.
    started, event = track.new()
    assert (started.action, started.entity) == ("backup_started", "database")
    assert (event.action, event.entity) == ("backup", "database")
    assert started.changes["intent"] == event.changes["intent"]


# -- refused or failed changes leave nothing ------------------------------------------------------
def _nothing_written(services, before_events: int, before_rows: dict) -> None:
    assert len(events(services)) == before_events
    assert {table: count(services, table) for table in before_rows} == before_rows


@pytest.mark.parametrize(("call", "error"), [
    (lambda s, ids: s.subjects.create("child", ""), TextRejected),
    (lambda s, ids: s.subjects.create("child", " \t\n\x00 "), TextRejected),
    (lambda s, ids: s.subjects.create("child", "x" * (MAX_NAME + 1)), TextRejected),
    (lambda s, ids: s.subjects.create("wizard", "Merlin"), ServiceError),
    (lambda s, ids: s.subjects.create("child", "Rhys Tollmache", legal_status="no_such_status"), ServiceError),
    (lambda s, ids: s.subjects.create("child", "Rhys Tollmache", shoe_size=9), ServiceError),
    (lambda s, ids: s.subjects.create("child", "Rhys Tollmache", date_of_birth=date(2999, 1, 1)), ServiceError),
    (lambda s, ids: s.subjects.update(ids["child"], name=""), TextRejected),
    (lambda s, ids: s.subjects.update(99999, name="Nobody"), NotFound),
    (lambda s, ids: s.meetings.create("no_such_meeting_type", WHEN), ServiceError),
    (lambda s, ids: s.meetings.create("complex_strategy", WHEN.replace(tzinfo=None)), ServiceError),
    (lambda s, ids: s.meetings.create("complex_strategy", WHEN, chair_role="wizard"), ServiceError),
    # These fail inside the transaction, after the meeting row and its audit event were flushed:
    (lambda s, ids: s.meetings.create("complex_strategy", WHEN, subject_ids=[ids["child"], 99999]), NotFound),
    (lambda s, ids: s.meetings.create("complex_strategy", WHEN, series_id=99999), NotFound),
    (lambda s, ids: s.minutes.add_note(ids["meeting"], "Fictional note", subject_ids=[99999]), NotFound),
    (lambda s, ids: s.minutes.add_note(ids["meeting"], "   "), TextRejected),
    (lambda s, ids: s.minutes.add_action(ids["meeting"], "Visit", subject_ids=[ids["child"], 424242]), NotFound),
    (lambda s, ids: s.meetings.update(ids["meeting"], status="finalised"), ServiceError),
    (lambda s, ids: s.meetings.update(ids["meeting"], ends_at=datetime(2020, 1, 1, tzinfo=UTC)), ServiceError),
    (lambda s, ids: s.attendance.add(ids["meeting"], "Femi Aldous", status="asleep"), ServiceError),
])
def test_refused_change_leaves_no_row_and_no_event(services, call, error):
    child = services.subjects.create("child", "Shay Pendlebury")
    meeting = services.meetings.create("complex_strategy", WHEN, build_agenda=False, venue="Room 3")
    ids = {"child": child.id, "meeting": meeting.id}
    before_events = len(events(services))
    before_rows = {table: count(services, table) for table in (Subject, Meeting, Note, Action)}
    with pytest.raises(error):
        call(services, ids)
    _nothing_written(services, before_events, before_rows)
    assert services.meetings.get(meeting.id).venue == "Room 3"
    assert services.meetings.get(meeting.id).status == "planned"


def test_failing_audit_write_rolls_back_the_change(services, monkeypatch):
    """The audit event is part of the change's transaction: if it cannot be written, nor is the row."""
    def broken_created(self, obj, summary=""):
        self._session.flush()
        raise RuntimeError("audit store unavailable")

    before = len(events(services))
    monkeypatch.setattr(audit_module.Audit, "created", broken_created)
    with pytest.raises(RuntimeError):
        services.subjects.create("child", "Dev Harcastle")
    assert count(services, Subject) == 0
    assert len(events(services)) == before


# -- odd names round-trip -------------------------------------------------------------------------
def expected_name(raw: str) -> str:
    """The documented cleaning: control and private-use characters removed, runs of whitespace collapsed."""
    without_controls = "".join(ch for ch in raw if unicodedata.category(ch) not in ("Cc", "Co"))
    return " ".join(without_controls.split())


ODD_PIECES = st.sampled_from([
    "<b>", "</script>", "&amp;", "&", '"', "'", "O'Brien", "Zoë", "👩🏽‍🦱", "🧒", "محمد", "נועה", "\u200f",
    "\u202e", "\u00a0", "\t", "\n", "\r\n", "\x00", "\x1b[31m", "  ", "%", "_", "\\", "Ł", "ß", "İ", "👨‍👩‍👧",
])
ODD_NAMES = st.lists(st.one_of(ODD_PIECES, st.text(min_size=1, max_size=8)), min_size=1, max_size=8).map("".join)


@settings(max_examples=30, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=ODD_NAMES)
def test_odd_names_round_trip(services, raw):
    name = expected_name(raw)
    if not name or len(name) > MAX_NAME:
        with pytest.raises(TextRejected):
            services.subjects.create("child", raw)
        return
    created = services.subjects.create("child", raw, aliases=[raw])
    fetched = services.subjects.get(created.id)
    assert fetched.name == name
    assert fetched.aliases == [name]
    [event] = [e for e in events(services) if e.entity == "subject" and e.entity_id == created.id]
    assert event.changes["name"] == name
    # The registry search finds it by its exact cleaned name, whatever it contains.
    assert created.id in [row.id for row in services.subjects.list(text=name)]
