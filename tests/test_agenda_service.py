"""Building an agenda through the services: add, rename, nest, reorder, timing, undo snapshots,
templates, and the next meeting in a series."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from efh_desktop.services.context import ServiceError

WHEN = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


@pytest.fixture
def meeting(services):
    child = services.subjects.create("child", "Ari Testley")
    return services.meetings.create("complex_strategy", WHEN, subject_ids=[child.id], build_agenda=False)


def titles(services, meeting_id):
    return [(n.number, n.title) for n in services.agenda.tree(meeting_id)]


def test_add_rename_nest_and_reorder(services, meeting):
    agenda = services.agenda
    a = agenda.add(meeting.id, "Welcome", minutes=5)
    b = agenda.add(meeting.id, "Police update", minutes=10)
    c = agenda.add(meeting.id, "Education update", minutes=10)
    assert titles(services, meeting.id) == [("1", "Welcome"), ("2", "Police update"), ("3", "Education update")]
    assert agenda.indent(c)  # under "Police update"
    assert titles(services, meeting.id) == [("1", "Welcome"), ("2", "Police update"), ("2.1", "Education update")]
    agenda.rename(b, "Updates from agencies")
    assert not agenda.move_by(a, -1), "already first"
    assert agenda.move_by(a, +1)
    assert titles(services, meeting.id) == [("1", "Updates from agencies"), ("1.1", "Education update"),
                                            ("2", "Welcome")]
    assert agenda.outdent(c)
    assert titles(services, meeting.id) == [("1", "Updates from agencies"), ("2", "Education update"),
                                            ("3", "Welcome")]
    d = agenda.add(meeting.id, "Inserted after the first", after_id=b)
    assert titles(services, meeting.id)[1] == ("2", "Inserted after the first")
    agenda.move_to(d, b, 0)
    assert titles(services, meeting.id)[:2] == [("1", "Updates from agencies"), ("1.1", "Inserted after the first")]
    with pytest.raises(ServiceError, match="inside itself"):
        agenda.move_to(b, d, 0)
    agenda.remove(b)
    assert titles(services, meeting.id) == [("1", "Education update"), ("2", "Welcome")]


def test_planned_times_and_overrun(services, meeting):
    agenda = services.agenda
    first = agenda.add(meeting.id, "Opening", minutes=30)
    second = agenda.add(meeting.id, "Main", minutes=60)
    sub = agenda.add(meeting.id, "Detail", minutes=45, parent_id=second)
    timing = agenda.timing(meeting.id)
    assert timing.items[first].starts == WHEN
    assert timing.items[second].starts == WHEN.replace(minute=30)
    assert timing.items[sub].starts == WHEN.replace(hour=11, minute=30)
    assert timing.items[second].finishes == WHEN.replace(hour=12, minute=15)
    assert timing.total_minutes == 135
    # The complex strategy default is 120 minutes: 15 over.
    assert timing.overrun_minutes == 15
    agenda.set_minutes(sub, 30)
    assert agenda.timing(meeting.id).overrun_minutes == 0
    with pytest.raises(ServiceError, match="whole number"):
        agenda.set_minutes(sub, -5)


def test_snapshot_restore_keeps_ids(services, meeting):
    agenda = services.agenda
    a = agenda.add(meeting.id, "One")
    b = agenda.add(meeting.id, "Two", parent_id=a)
    before = agenda.snapshot(meeting.id)
    agenda.remove(a)
    agenda.add(meeting.id, "Three")
    agenda.restore(meeting.id, before)
    nodes = agenda.tree(meeting.id)
    assert [(n.id, n.title, n.parent_id) for n in nodes] == [(a, "One", None), (b, "Two", a)]


def test_template_saved_and_applied_to_a_new_mix(services, meeting):
    agenda = services.agenda
    agenda.apply_template(meeting.id, None)
    assert any(t.endswith(": Ari Testley") for _, t in titles(services, meeting.id))
    agenda.add(meeting.id, "Our extra standing item", minutes=7)
    template = agenda.save_as_template(meeting.id, "Brindley complex strategy")
    assert [t.name for t in agenda.templates("complex_strategy")] == ["Brindley complex strategy"]
    other_child = services.subjects.create("child", "Bo Testwell")
    third = services.subjects.create("child", "Cy Testwell")
    second = services.meetings.create("complex_strategy", WHEN, subject_ids=[other_child.id, third.id],
                                      build_agenda=False)
    agenda.apply_template(second.id, template.id)
    result = [t for _, t in titles(services, second.id)]
    assert "Our extra standing item" in result
    assert any(t.endswith(": Bo Testwell") for t in result) and any(t.endswith(": Cy Testwell") for t in result)
    assert not any("Ari Testley" in t for t in result), "the template is about kinds of subject, not people"


def test_next_meeting_in_series(demo_services):
    services = demo_services
    first = min(r.id for r in services.meetings.list(type_key="complex_strategy"))
    original = services.meetings.get(first)
    nxt = services.series.create_next_meeting(first)
    assert nxt.series_id == original.series_id and nxt.previous_meeting_id == first
    assert nxt.starts_at.date() == original.next_meeting_date == date(2026, 12, 14)
    assert [s.id for s in services.meetings.subjects(nxt.id)] == [s.id for s in services.meetings.subjects(first)]
    people = services.attendance.list(nxt.id)
    assert people and {p.status for p in people} == {"invited"}
    open_actions = [a for a in services.minutes.actions(first) if a.status == "open"]
    review = next(n for n in services.agenda.tree(nxt.id) if n.template_key == "previous_actions")
    carried = services.minutes.actions(nxt.id)
    assert len(carried) == len(open_actions) == 5
    assert {a.origin_action_id for a in carried} == {a.id for a in open_actions}
    assert all(a.agenda_item_id == review.id and a.status == "open" for a in carried)
    assert not any("school attendance" in a.description.lower() for a in carried), "done actions stay behind"
    shop = next(a for a in carried if "Quickmart" in a.description)
    assert services.minutes.tags("action", shop.id) == services.minutes.tags("action", shop.origin_action_id)
