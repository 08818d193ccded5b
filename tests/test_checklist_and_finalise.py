"""The must-consider checklist and finalising a meeting, through the services: states, links,
counted children, deferral into the next meeting, the gate with overrides, read-only finalised
minutes and amendments."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest

from efh_desktop.domain.text_rules import TextRejected
from efh_desktop.services.context import ServiceError

WHEN = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


@pytest.fixture
def meeting(services):
    child = services.subjects.create("child", "Cal Testchild")
    return services.meetings.create("complex_strategy", WHEN, subject_ids=[child.id], chair_role="service_manager")


def keys(services, meeting_id):
    return [r.key for r in services.checklist.rows(meeting_id)]


def test_thirteen_items_with_the_scale_of_the_concerns(services, meeting):
    rows = services.checklist.rows(meeting.id)
    top = [r for r in rows if r.depth == 0]
    assert len(top) == 13
    scale = next(r for r in top if r.number == "2")
    assert len([r for r in rows if r.number.startswith("2.")]) == 4
    assert all(r.status == "not_yet" for r in rows)
    assert services.finalise.progress(meeting.id) == (0, 13)
    assert scale.title


def test_states_links_and_counted_children(services, meeting):
    checklist = services.checklist
    first = keys(services, meeting.id)[0]
    checklist.set_status(meeting.id, first, "considered", "Police and education shared what they know.")
    with pytest.raises(ServiceError, match="why"):
        checklist.set_status(meeting.id, keys(services, meeting.id)[2], "not_applicable", "")
    note = services.minutes.add_note(meeting.id, "Police summary")
    checklist.link(meeting.id, first, "note", note.id)
    checklist.link(meeting.id, first, "note", note.id)  # twice is once
    action_id = checklist.create_action(meeting.id, first, "Gather school records", owner="Ed Test",
                                        agency="Education", due_date=date(2026, 12, 20))
    row = next(r for r in checklist.rows(meeting.id) if r.key == first)
    assert row.status == "considered" and [k for k, _i, _t in row.links] == ["note", "action"]
    assert any(i == action_id for _k, i, _t in row.links)
    sub = next(r for r in checklist.rows(meeting.id) if r.number == "2.1")
    child_id = services.meetings.subjects(meeting.id)[0].id
    checklist.set_subjects(meeting.id, sub.key, [child_id])
    assert next(r for r in checklist.rows(meeting.id) if r.key == sub.key).subject_ids == (child_id,)
    outsider = services.subjects.create("child", "Not On This Meeting")
    with pytest.raises(ServiceError, match="Only subjects of this meeting"):
        checklist.set_subjects(meeting.id, sub.key, [outsider.id])
    assert services.finalise.progress(meeting.id) == (1, 13)


def test_deferred_items_reappear_in_the_next_meeting(services, meeting):
    item = keys(services, meeting.id)[8]
    services.checklist.set_status(meeting.id, item, "deferred", "Await the police review.")
    following = services.series.create_next_meeting(meeting.id)
    row = next(r for r in services.checklist.rows(following.id) if r.key == item)
    assert row.status == "not_yet" and row.note == "", "the review writes its own note"
    assert row.deferred_from == "Deferred from the meeting on 7 December 2026: Await the police review."


def test_gate_lists_what_is_missing_and_finalising_waits(services, meeting):
    services.minutes.add_action(meeting.id, "Visit the shop")  # no owner, agency or due date
    lines = services.finalise.gate(meeting.id)
    rules = {line.item.rule for line in lines}
    assert {"checklist", "action", "information_sharing", "next_meeting"} <= rules
    with pytest.raises(ServiceError, match="still outstanding"):
        services.finalise.finalise(meeting.id)
    assert services.meetings.get(meeting.id).status != "finalised"


def test_overrides_with_reasons_then_finalise_then_read_only(services, meeting):
    finalise = services.finalise
    with pytest.raises(ServiceError, match="reason"):
        finalise.override(meeting.id, finalise.outstanding(meeting.id)[0].key, "  ")
    for item in finalise.outstanding(meeting.id):
        finalise.override(meeting.id, item.key, "Chair agreed to finalise: to be covered at the review.")
    assert finalise.outstanding(meeting.id) == []
    assert all(line.override is not None for line in finalise.gate(meeting.id))
    done = finalise.finalise(meeting.id)
    assert done.status == "finalised" and done.finalised_by == "Test User" and done.finalised_at is not None
    # Nothing about a finalised meeting can be edited through the services.
    for attempt in (
        lambda: services.meetings.update(meeting.id, venue="Elsewhere"),
        lambda: services.minutes.add_note(meeting.id, "late"),
        lambda: services.checklist.set_status(meeting.id, keys(services, meeting.id)[0], "considered", "x"),
        lambda: services.agenda.add(meeting.id, "late item"),
        lambda: services.attendance.add(meeting.id, "Late Person"),
        lambda: services.live.start(meeting.id),
        lambda: finalise.override(meeting.id, "chair_role", "x"),
    ):
        with pytest.raises(ServiceError):
            attempt()


def test_amendments_after_finalising(services, meeting):
    finalise = services.finalise
    with pytest.raises(ServiceError, match="Only finalised"):
        finalise.amend(meeting.id, "Decision 1", "corrected", "typo")
    for item in finalise.outstanding(meeting.id):
        finalise.override(meeting.id, item.key, "Agreed by the chair.")
    finalise.finalise(meeting.id)
    amendment = finalise.amend(meeting.id, "Decision 1 wording", "Refer to First Response today",
                               "The minute-taker missed 'today'", before="Refer to First Response")
    assert [a.id for a in finalise.amendments(meeting.id)] == [amendment.id]
    assert amendment.author == "Test User"
    with pytest.raises(TextRejected, match="Reason"):
        finalise.amend(meeting.id, "x", "y", "")


def test_information_sharing_record_clears_the_gate_item(services, meeting):
    child_id = services.meetings.subjects(meeting.id)[0].id
    assert any(line.item.key == f"sharing:child:{child_id}" for line in services.finalise.gate(meeting.id))
    services.sharing.save_child(meeting.id, child_id, to_share="The plan", consent="given")
    assert not any(line.item.key == f"sharing:child:{child_id}" for line in services.finalise.gate(meeting.id))


def test_next_meeting_only_once_and_finalised_minutes_untouched(services, meeting):
    def snapshot(row) -> dict:  # what the audit trail would compare (services return frozen copies)
        return {k: v for k, v in dataclasses.asdict(row).items() if k not in ("created_at", "updated_at")}

    for item in services.finalise.outstanding(meeting.id):
        services.finalise.override(meeting.id, item.key, "Agreed by the chair.")
    services.finalise.finalise(meeting.id)
    before = snapshot(services.meetings.get(meeting.id))
    following = services.series.create_next_meeting(meeting.id)
    assert following.series_id is not None
    assert snapshot(services.meetings.get(meeting.id)) == before, "finalised minutes are not touched"
    with pytest.raises(ServiceError, match="already exists"):
        services.series.create_next_meeting(meeting.id)


def test_deleting_a_linked_record_takes_its_checklist_link_and_undo_restores_it(services, meeting):
    key = keys(services, meeting.id)[0]

    def links():
        return next(r for r in services.checklist.rows(meeting.id) if r.key == key).links

    note = services.minutes.add_note(meeting.id, "Note A")
    services.checklist.link(meeting.id, key, "note", note.id)
    saved = services.minutes.delete("note", note.id)
    assert links() == ()
    services.minutes.restore(saved)  # undo
    assert [(kind, rid) for kind, rid, _text in links()] == [("note", note.id)]
    services.minutes.delete("note", note.id)
    services.minutes.add_note(meeting.id, "Note B")  # SQLite may give it A's old id
    assert links() == (), "a later record is never shown as the answer to A's checklist item"


def test_agreement_is_required_where_the_profile_says_so(services, meeting):
    kind = next((k for k, d in services.profile.decision_kinds.items() if d.needs_agreement), None)
    assert kind is not None
    with pytest.raises(ServiceError, match="agreement"):
        services.minutes.add_decision(meeting.id, "Trigger a complex strategy", kind_key=kind)
    decision = services.minutes.add_decision(meeting.id, "Trigger a complex strategy", kind_key=kind,
                                             agreed_by="DSM Test")
    assert decision.agreed_by == "DSM Test"
    plain = services.minutes.add_decision(meeting.id, "Keep under review", agreed_by="left in a hidden field")
    assert plain.agreed_by == ""
