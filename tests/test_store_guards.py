"""Database-level guards (issue 11 item 5), tested with raw SQL through the engine: triggers refuse
changes to a finalised meeting's records and to audit events, the operations that must go on after
finalising still work, and ``check`` verifies the audit trail's hash chain and names where it breaks."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from alembic import command
from conftest import PASSPHRASE
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from efh_desktop.services.context import ServiceError
from efh_desktop.store import migrations
from efh_desktop.store.tables import DisclosureDecision, FilingEntry, RedactionLog

WHEN = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


def _finalised_meeting(services):
    child = services.subjects.create("child", "Isla Wrenfield")
    meeting = services.meetings.create("complex_strategy", WHEN, subject_ids=[child.id], chair_role="service_manager")
    note = services.minutes.add_note(meeting.id, "Seen at the station (fictional).", subject_ids=[child.id])
    decision = services.minutes.add_decision(meeting.id, "Refer to First Response.", subject_ids=[child.id])
    action = services.minutes.add_action(meeting.id, "Visit the family.", owner="Sam Ortega", subject_ids=[child.id])
    for item in services.finalise.outstanding(meeting.id):
        services.finalise.override(meeting.id, item.key, "Agreed by the chair.")
    services.finalise.finalise(meeting.id)
    amendment = services.finalise.amend(meeting.id, "Decision 1", "Refer today.", "Missed a word.")
    return child, meeting, note, decision, action, amendment


def _sql(services, statement: str, **params) -> None:
    with services.store.engine.begin() as conn:
        conn.execute(text(statement), params)


REFUSED = [
    "UPDATE entry SET text = 'rewritten' WHERE id = :note",
    "DELETE FROM entry WHERE id = :note",
    "UPDATE entry SET meeting_id = :meeting WHERE id = :other_note",  # moving a note into finalised minutes
    "UPDATE decision SET text = 'rewritten' WHERE id = :decision",
    "DELETE FROM decision WHERE id = :decision",
    "UPDATE action SET description = 'rewritten' WHERE id = :action",
    "UPDATE action SET status = 'done' WHERE id = :action",
    "DELETE FROM action WHERE id = :action",
    "DELETE FROM entry_subject WHERE entry_id = :note",
    "UPDATE decision_subject SET subject_id = subject_id WHERE decision_id = :decision",
    "DELETE FROM action_subject WHERE action_id = :action",
    "DELETE FROM meeting_subject WHERE meeting_id = :meeting",
    "UPDATE meeting SET status = 'ended' WHERE id = :meeting",
    "UPDATE meeting SET finalised_by = 'Someone Else', finalised_at = NULL WHERE id = :meeting",
    "UPDATE meeting SET title = 'rewritten' WHERE id = :meeting",
    "DELETE FROM meeting WHERE id = :meeting",
    "UPDATE amendment SET after = 'rewritten' WHERE id = :amendment",
    "DELETE FROM amendment WHERE id = :amendment",
    "DELETE FROM gate_override WHERE meeting_id = :meeting",
    "UPDATE subject_snapshot SET payload = '{}' WHERE meeting_id = :meeting",
    "DELETE FROM subject_snapshot WHERE meeting_id = :meeting",
]


@pytest.mark.parametrize("statement", REFUSED)
def test_raw_sql_cannot_change_finalised_minutes(services, statement):
    child, meeting, note, decision, action, amendment = _finalised_meeting(services)
    draft = services.meetings.create("complex_strategy", WHEN, subject_ids=[child.id])
    other_note = services.minutes.add_note(draft.id, "A note of another meeting (fictional).")
    with pytest.raises(IntegrityError, match="finalised minutes are not changed"):
        _sql(services, statement, note=note.id, decision=decision.id, action=action.id, meeting=meeting.id,
             amendment=amendment.id, other_note=other_note.id)
    assert services.check().ok


def test_services_still_refuse_first_with_the_friendly_message(services):
    _child, meeting, note, _d, action, _a = _finalised_meeting(services)
    with pytest.raises(ServiceError, match="amendment"):
        services.minutes.set_action_status(action.id, "done")
    with pytest.raises(ServiceError, match="finalised"):
        services.meetings.delete(meeting.id)


def test_what_goes_on_after_finalising_still_works(services):
    child, meeting, _note, _d, _action, _a = _finalised_meeting(services)
    services.finalise.amend(meeting.id, "Note 1", "Seen at the bus station.", "Wrong place.")
    with services.ctx.transaction() as (session, _audit):
        entry = FilingEntry(meeting_id=meeting.id, subject_id=child.id, destination="LCS Strategy form")
        session.add(entry)
        session.add(RedactionLog(meeting_id=meeting.id, subject_id=child.id, file_name="copy.pdf"))
        session.add(DisclosureDecision(meeting_id=meeting.id, subject_id=child.id, point_key="k", decision="mask"))
    services.minutes_files.tick(entry.id)
    assert services.minutes_files.filing_complete(meeting.id)
    # The next meeting of the series, and links kept by ON DELETE SET NULL when other meetings go.
    following = services.series.create_next_meeting(meeting.id)
    services.meetings.delete(following.id)
    _sql(services, "UPDATE meeting SET series_id = NULL WHERE id = :m", m=meeting.id)
    assert services.check().ok


def test_unfinalised_records_can_still_be_changed_by_raw_sql(services):
    meeting = services.meetings.create("complex_strategy", WHEN)
    note = services.minutes.add_note(meeting.id, "Draft (fictional).")
    _sql(services, "UPDATE entry SET text = 'changed' WHERE id = :n", n=note.id)
    _sql(services, "DELETE FROM entry WHERE id = :n", n=note.id)


@pytest.mark.parametrize("statement", ["UPDATE audit_event SET summary = 'nothing happened' WHERE id = 1",
                                       "DELETE FROM audit_event WHERE id = 1", "DELETE FROM audit_event"])
def test_audit_events_cannot_be_changed_or_deleted(services, statement):
    services.subjects.create("child", "Noor Ashby")
    with pytest.raises(IntegrityError, match="audit events are never changed"):
        _sql(services, statement)


# -- the hash chain ---------------------------------------------------------------------------------
def _events(services) -> list[int]:
    with services.store.engine.connect() as conn:
        return [r[0] for r in conn.execute(text("SELECT id FROM audit_event ORDER BY id"))]


def test_check_verifies_the_audit_chain(services):
    _finalised_meeting(services)
    report = services.check()
    assert report.ok and report.audit.events == len(_events(services)) > 10
    assert any(line.startswith("audit trail: ok") for line in report.lines())


def test_check_names_the_event_whose_content_was_changed(services):
    _finalised_meeting(services)
    target = _events(services)[5]
    _sql(services, "DROP TRIGGER guard_audit_event_update")  # what a tool that knows SQL could do
    _sql(services, "UPDATE audit_event SET summary = 'nothing happened' WHERE id = :i", i=target)
    report = services.check()
    assert not report.ok
    assert report.audit.broken_at == target
    assert f"audit trail: broken at event {target} (its content does not match its hash" in report.lines()[-1]


def test_check_names_the_event_after_one_that_was_removed(services):
    _finalised_meeting(services)
    ids = _events(services)
    _sql(services, "DROP TRIGGER guard_audit_event_delete")
    _sql(services, "DELETE FROM audit_event WHERE id = :i", i=ids[3])
    report = services.check()
    assert report.audit.broken_at == ids[4] and "does not follow" in report.audit.reason


def test_upgrade_to_0010_chains_existing_events_and_snapshots_finalised_meetings(services, unlocker):
    child, meeting, *_ = _finalised_meeting(services)
    with services.store.engine.connect() as conn:
        command.downgrade(migrations.alembic_config(conn), "0009_disclosure")
        conn.commit()
        assert conn.execute(text("SELECT count(*) FROM audit_event")).scalar() > 10
    services.lock()
    upgraded, _ = unlocker.unlock(PASSPHRASE)
    try:
        assert upgraded.store.migration_backup is not None
        report = upgraded.check()
        assert report.ok, report.lines()
        frozen = upgraded.finalise.frozen_subjects(meeting.id)
        assert [(s.id, s.name, s.in_care) for s in frozen] == [(child.id, "Isla Wrenfield", False)]
        with pytest.raises(IntegrityError):
            _sql(upgraded, "DELETE FROM audit_event")
    finally:
        upgraded.lock()


def test_a_guard_that_fires_is_explained_in_one_sentence(services):
    from efh_desktop.error_text import user_message

    _child, _meeting, note, *_ = _finalised_meeting(services)
    with pytest.raises(IntegrityError) as caught:
        _sql(services, "DELETE FROM entry WHERE id = :n", n=note.id)
    assert user_message(caught.value).startswith("This meeting has been finalised")
    with pytest.raises(IntegrityError) as caught:
        _sql(services, "DELETE FROM audit_event")
    assert user_message(caught.value) == "The audit trail cannot be changed or deleted. Nothing was changed."
