"""Meetings and subjects through the services the window uses."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from efh_desktop.domain.text_rules import TextRejected
from efh_desktop.services.context import ServiceError

WHEN = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


def test_meeting_list_filters_and_search(demo_services):
    meetings = demo_services.meetings
    everything = meetings.list()
    assert [r.starts_at for r in everything] == sorted((r.starts_at for r in everything), reverse=True)
    assert {r.type_key for r in meetings.list(type_key="safer_options")} == {"safer_options"}
    assert all(r.status == "ended" for r in meetings.list(status="ended"))
    assert {r.locality for r in meetings.list(locality="Ashcombe North")} == {"Ashcombe North"}
    assert [r.type_key for r in meetings.list(text="kestrel")] == ["complex_strategy"] * 2
    assert {r.type_key for r in meetings.list(text="safer options")} == {"safer_options"}
    assert meetings.list(text="%") == [], "LIKE wildcards typed by the user are literal"
    assert "Brindley East" in meetings.localities()


def test_subject_search_by_name_alias_and_identifier(demo_services):
    subjects = demo_services.subjects
    assert [r.name for r in subjects.list(text="nono")] == ["Noor Halvey"]
    assert [r.name for r in subjects.list(text="LCS-900102")] == ["Tayo Brennick"]
    assert [r.name for r in subjects.list("place", "larkhill")] == ["Larkhill Rec skate park"]
    assert subjects.list(text="_") == [], "LIKE wildcards typed by the user are literal"


def test_child_details_and_flags(services):
    child = services.subjects.create("child", "Robin Testwell", date_of_birth=date(2011, 2, 3),
                                     legal_status="child_in_care", in_care=True, yot_order=True,
                                     lcs_id="LCS-1", aliases="Rob, R")
    row = services.subjects.list(text="Robin")[0]
    assert row.aliases == ("Rob", "R")
    assert "born 3 February 2011" in row.detail and "YOT order" in row.detail
    updated = services.subjects.update(child.id, open_referral=True, name="Robin Testwell-Jones")
    assert updated.open_referral and updated.name == "Robin Testwell-Jones"


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"legal_status": "made_up"}, "Unknown legal status"),
    ({"date_of_birth": date(2999, 1, 1)}, "future"),
    ({"favourite_colour": "blue"}, "no field"),
])
def test_bad_subject_input_is_refused_clearly(services, kwargs, message):
    with pytest.raises(ServiceError, match=message):
        services.subjects.create("child", "Sky Testperson", **kwargs)
    assert services.subjects.list(text="Sky Testperson") == []


def test_meeting_created_with_series_subjects_and_agenda(services):
    child = services.subjects.create("child", "Ari Testley")
    place = services.subjects.create("place", "Testing Park")
    meeting = services.meetings.create("complex_strategy", WHEN, new_series_title="Op Test (fictional)",
                                       subject_ids=[child.id, place.id], chair_role="service_manager",
                                       locality="Fenwick South")
    assert meeting.series_id is not None
    assert meeting.title == "Complex strategy meeting, Fenwick South"
    assert [s.name for s in services.meetings.subjects(meeting.id)] == ["Ari Testley", "Testing Park"]
    agenda_titles = [a.title for a in services.meetings.agenda(meeting.id)]
    assert any(t.endswith(": Ari Testley") for t in agenda_titles)
    assert any(t.endswith(": Testing Park") for t in agenda_titles)
    assert meeting.ends_at > meeting.starts_at


def test_meeting_input_errors(services):
    with pytest.raises(ServiceError, match="no meeting type"):
        services.meetings.create("tea_party", WHEN)
    with pytest.raises(ServiceError, match="time zone"):
        services.meetings.create("safer_options", WHEN.replace(tzinfo=None))
    with pytest.raises(ServiceError, match="Unknown chair role"):
        services.meetings.create("safer_options", WHEN, chair_role="king")
    with pytest.raises(TextRejected, match="too long"):
        services.meetings.create("safer_options", WHEN, venue="x" * 5000)
    assert services.meetings.list() == []


def test_finalised_meeting_is_not_edited_or_deleted(services):
    from efh_desktop.store.tables import Meeting

    meeting = services.meetings.create("safer_options", WHEN)
    with services.ctx.transaction() as (session, _audit):
        row = session.get(Meeting, meeting.id)
        row.status = "finalised"
        session.add(row)
    with pytest.raises(ServiceError, match="finalised"):
        services.meetings.update(meeting.id, venue="Elsewhere")
    with pytest.raises(ServiceError, match="finalised"):
        services.minutes.add_note(meeting.id, "late note")
    with pytest.raises(ServiceError, match="cannot be deleted"):
        services.meetings.delete(meeting.id)


def test_note_with_huge_text_and_odd_characters_round_trips(services):
    meeting = services.meetings.create("safer_options", WHEN)
    child = services.subjects.create("child", "שירה <Test> & 'Co' 🙂")
    text = ("<script>alert('x')</script> & \"quotes\" 🙂 مرحبا\n" * 200)[:10_000]
    note = services.minutes.add_note(meeting.id, text, subject_ids=[child.id], not_for_family=True)
    stored = services.minutes.notes(meeting.id)[0]
    assert stored.id == note.id and stored.text == text.strip() and stored.not_for_family
    assert services.subjects.get(child.id).name == "שירה <Test> & 'Co' 🙂"


def test_action_status_rules(services):
    meeting = services.meetings.create("safer_options", WHEN)
    action = services.minutes.add_action(meeting.id, "Visit the shop", owner="PC Test", agency="Police",
                                         due_date=date(2026, 12, 21))
    with pytest.raises(ServiceError, match="why"):
        services.minutes.set_action_status(action.id, "not_done")
    done = services.minutes.set_action_status(action.id, "done", note="Visited 10 December 2026")
    assert done.status == "done" and done.completed_at is not None
