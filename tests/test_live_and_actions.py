"""Live meetings, the action tracker across meetings, carry-over history, and undo support for the
minute-taker's edits, through the services the window uses."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from efh_desktop.services.context import ServiceError

WHEN = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


@pytest.fixture
def meeting(services):
    meeting = services.meetings.create("safer_options", WHEN)
    return meeting


def test_start_step_and_end(services, meeting):
    live = services.live
    nodes = services.agenda.tree(meeting.id)
    with pytest.raises(ServiceError, match="Start the meeting"):
        live.go_to(meeting.id, nodes[1].id)
    first = live.start(meeting.id)
    assert first == nodes[0].id
    started = services.meetings.get(meeting.id)
    assert started.status == "in_progress" and started.actual_start is not None
    assert live.step(meeting.id, +1) == nodes[1].id
    assert live.current_item_id(meeting.id) == nodes[1].id
    assert live.step(meeting.id, -1) == nodes[0].id
    assert live.step(meeting.id, -1) is None, "already at the first item"
    live.go_to(meeting.id, nodes[-1].id)
    assert live.step(meeting.id, +1) is None
    live.end(meeting.id)
    ended = services.meetings.get(meeting.id)
    assert ended.status == "ended" and ended.actual_end >= ended.actual_start
    assert live.current_item_id(meeting.id) is None
    items = {i.id: i for i in services.meetings.agenda(meeting.id)}
    assert items[nodes[0].id].actual_start is not None and items[nodes[0].id].actual_end is not None
    # Restarting (the meeting resumed after a break) keeps the first start.
    live.start(meeting.id)
    assert services.meetings.get(meeting.id).actual_start == started.actual_start


def test_actions_tracker_overdue_first_and_filters(services, meeting):
    child = services.subjects.create("child", "Tia Testwood")
    minutes = services.minutes
    later = minutes.add_action(meeting.id, "Later", owner="A", agency="Police", due_date=date(2027, 1, 10))
    overdue = minutes.add_action(meeting.id, "Overdue", owner="B", agency="Education", due_date=date(2026, 11, 1),
                                 subject_ids=[child.id])
    undated = minutes.add_action(meeting.id, "No date", owner="C", agency="Police")
    done = minutes.add_action(meeting.id, "Done already", owner="D", agency="Police", due_date=date(2026, 10, 1))
    minutes.set_action_status(done.id, "done")
    rows = services.actions.rows(today=date(2026, 11, 27))
    assert [r.id for r in rows] == [overdue.id, later.id, undated.id, done.id]
    assert rows[0].overdue(date(2026, 11, 27)) and not rows[3].overdue(date(2026, 11, 27))
    assert [r.id for r in services.actions.rows(agency="Police", status="open", today=date(2026, 11, 27))] == \
        [later.id, undated.id]
    assert [r.id for r in services.actions.rows(subject_id=child.id)] == [overdue.id]
    assert rows[0].subjects == ("Tia Testwood",)
    assert services.actions.agencies() == ["Education", "Police"]


def test_carried_action_keeps_its_history(demo_services):
    services = demo_services
    first = min(r.id for r in services.meetings.list(type_key="complex_strategy"))
    shop = next(a for a in services.minutes.actions(first) if "Quickmart" in a.description)
    second = services.series.create_next_meeting(first)
    carried = next(a for a in services.minutes.actions(second.id) if a.origin_action_id == shop.id)
    services.minutes.set_action_status(carried.id, "not_done", reason="Agency did not do it")
    history = services.actions.history(carried.id)
    assert [h.meeting_id for h in history] == [first, second.id]
    assert [h.status for h in history] == ["open", "not_done"]
    latest = [r for r in services.actions.rows() if r.origin_id == shop.id]
    assert [r.id for r in latest] == [carried.id], "all-actions lists the chain once, as it stands now"


def test_edit_delete_and_restore_for_undo(services, meeting):
    child = services.subjects.create("child", "Uma Testley")
    note = services.minutes.add_note(meeting.id, "First words", source_agency="Police", subject_ids=[child.id])
    services.minutes.update("note", note.id, text="Corrected words", not_for_family=True, subject_ids=[])
    stored = services.minutes.notes(meeting.id)[0]
    assert (stored.text, stored.not_for_family) == ("Corrected words", True)
    assert services.minutes.tags("note", note.id) == []
    services.minutes.update("note", note.id, subject_ids=[child.id])
    saved = services.minutes.delete("note", note.id)
    assert services.minutes.notes(meeting.id) == []
    services.minutes.restore(saved)
    back = services.minutes.notes(meeting.id)
    assert [(n.id, n.text) for n in back] == [(note.id, "Corrected words")]
    assert services.minutes.tags("note", note.id) == [child.id]
    assert services.minutes.tags_for_meeting(meeting.id) == {("note", note.id): [child.id]}
    with pytest.raises(ServiceError, match="no field"):
        services.minutes.update("note", note.id, colour="red")


def test_an_action_is_fixed_in_place_from_the_tracker(qtbot, services, meeting):
    from efh_desktop.gui.panels.action_edit_dialog import ActionEditDialog

    action = services.minutes.add_action(meeting.id, "Visit the shop")
    dialog = ActionEditDialog(services, services.actions.details(action.id))
    qtbot.addWidget(dialog)
    dialog.owner.setText("PC Test")
    dialog.agency.setCurrentText("Police")
    dialog.due.setText("soonish")
    dialog.accept()
    assert dialog.result() == 0 and "not a date" in dialog.error.text(), "the dialog stays open with the reason"
    dialog.due.setText("14/12/2026")  # after the meeting (7 December): a date before it is asked about
    dialog.note.setPlainText("Visited with licensing")
    dialog.accept()
    changed = services.minutes.actions(meeting.id)[0]
    assert (changed.id, changed.owner, changed.agency, changed.due_date.isoformat(), changed.completion_note) == \
        (action.id, "PC Test", "Police", "2026-12-14", "Visited with licensing")
    assert not any(line.item.key.startswith(f"action:{action.id}") for line in services.finalise.gate(meeting.id))
    services.minutes.set_action_status(action.id, "done")
    assert services.minutes.actions(meeting.id)[0].completion_note == "Visited with licensing"
