"""Every time a service stamps comes from the shared context's clock (issue 13 item 6): a test sets
``services.ctx.clock`` and the audit event, the finalised time, a sharing decision's time and the
new rows' own times carry it, stored in UTC as before, and the audit chain still verifies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from efh_desktop.store.tables import AuditEvent, InformationSharing, Meeting

MEETING_AT = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
SET_TO = datetime(2031, 3, 4, 9, 15, 30, tzinfo=UTC)  # far from the machine's clock, so it cannot pass by luck


def _utc(moment: datetime) -> datetime:
    """As read back: the store keeps aware UTC (UTCDateTime); compare as aware UTC either way."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def test_the_clock_stamps_audit_finalising_and_sharing(services):
    ann = services.subjects.create("child", "Ann Clockwise")
    meeting = services.meetings.create("safer_options", MEETING_AT, subject_ids=[ann.id])
    services.ctx.clock.set(SET_TO)

    note = services.minutes.add_note(meeting.id, "Seen near the arcade (fictional).", subject_ids=[ann.id])
    services.sharing.save_child(meeting.id, ann.id, to_share="The safety plan", consent="given")
    services.ctx.clock.advance(timedelta(hours=2))
    later = SET_TO + timedelta(hours=2)
    for item in services.finalise.outstanding(meeting.id):
        services.finalise.override(meeting.id, item.key, "Agreed by the chair.")
    services.finalise.finalise(meeting.id)

    with Session(services.ctx.engine) as session:
        decision = session.exec(select(InformationSharing).where(InformationSharing.meeting_id == meeting.id)).one()
        assert _utc(decision.decided_at) == SET_TO
        assert _utc(decision.updated_at) == SET_TO
        stored = session.get(Meeting, meeting.id)
        assert stored is not None and stored.finalised_at is not None
        assert _utc(stored.finalised_at) == later
        events = session.exec(select(AuditEvent).where(AuditEvent.meeting_id == meeting.id)
                              .order_by(AuditEvent.id)).all()
    assert _utc(note.created_at) == SET_TO, "a new row's own time comes from the clock too"
    stamps = {(e.action, e.summary): _utc(e.at) for e in events}
    assert stamps[("create", "Information-sharing decision recorded")] == SET_TO
    assert stamps[("finalise", "Minutes finalised")] == later
    before_set = [e for e in events if e.action == "create" and e.entity == "meeting"]
    assert before_set and all(_utc(e.at) < SET_TO for e in before_set), "before the clock was set: real time"
    report = services.check().audit
    assert report is not None and report.ok, "events stamped by a set clock still chain"
