"""The meetings list's overdue column, read with SQLAlchemy Core before the ORM is loaded
(services/meeting_list.py), says what the meeting's own distribution clock says through the ORM
(PracticeService.distribution), for every state of the clock: held late at night in summer (the
UK day is the next one), ended or finalised, with or without actions, children and filed copies."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from efh_desktop.domain.distribution import overdue_summary
from efh_desktop.store.tables import FilingEntry, Meeting

HELD = [datetime(2026, 6, 4, 22, 45, tzinfo=UTC),  # 23:45 in London: still 4 June
        datetime(2026, 6, 4, 23, 30, tzinfo=UTC),  # 00:30 on 5 June in London
        datetime(2026, 12, 23, 15, 0, tzinfo=UTC)]  # before the Christmas bank holidays


def _state(services, meeting_id: int, child_id: int, *, status: str, finalised: datetime | None,
           filed: list[tuple[str, bool]], sent: date | None) -> None:
    """Set the clock's facts directly: what is compared is two ways of reading them."""
    with services.ctx.transaction() as (session, _audit):
        meeting = session.get(Meeting, meeting_id)
        meeting.status, meeting.finalised_at, meeting.actions_sent_on = status, finalised, sent
        session.add(meeting)
        for destination, done in filed:
            session.add(FilingEntry(meeting_id=meeting_id, subject_id=child_id, destination=destination, file_name="copy.pdf", filed=done,
                                    filed_by="Ffion Ó Briain" if done else "",
                                    filed_at=finalised + timedelta(days=1) if done and finalised else None))


@pytest.mark.parametrize("held", HELD, ids=lambda d: d.strftime("%d %b %H:%M"))
def test_the_core_overdue_column_is_the_clock_of_each_meeting(services, held):
    child = services.subjects.create("child", "Zoë Łukasiewicz-İnce")
    cases = []
    for status in ("planned", "ended", "finalised"):
        for with_action in (False, True):
            for with_child in (False, True):
                meeting = services.meetings.create("complex_strategy", held, subject_ids=[child.id] if with_child else [])
                if with_action:
                    services.minutes.add_action(meeting.id, "Visit the family", owner="Siân Ap Dafydd",
                                                agency="Children's Social Care", due_date=held.date() + timedelta(days=7))
                finalised = held + timedelta(days=2) if status == "finalised" else None
                # Every child's copy filed, or one of two still waiting.
                filed = (([("LCS", True)] if with_action else [("LCS", True), ("EHM", False)])
                         if status == "finalised" and with_child else [])
                _state(services, meeting.id, child.id, status=status, finalised=finalised, filed=filed,
                       sent=held.date() + timedelta(days=1) if with_action and with_child else None)
                cases.append(meeting.id)
    for days_after in (0, 1, 3, 8, 30):
        today = held.date() + timedelta(days=days_after)
        core = services.meeting_list.overdue(cases, today)
        orm = {mid: text for mid in cases if (text := overdue_summary(services.practice.distribution(mid, today)))}
        assert core == orm, today
    assert any(services.meeting_list.overdue(cases, held.date() + timedelta(days=30)).values())


def test_the_list_through_the_services_and_through_core_is_one_list(services):
    """MeetingService.list and .page answer through the same Core reader the window uses."""
    for i, name in enumerate(["Operation Ŵyn", "Opération Été", "عملية النور", "Operation Straße"]):
        services.meetings.create("safer_options", datetime(2026, 3, 1 + i, 9, tzinfo=UTC), title=name,
                                 locality="Caerdydd" if i % 2 else "Kraków-Południe")
    listed = services.meetings.list()
    assert [r.title for r in listed] == ["Operation Straße", "عملية النور", "Opération Été", "Operation Ŵyn"]
    assert services.meeting_list.all() == listed
    assert services.meetings.page(limit=2).rows == services.meeting_list.page(limit=2).rows == tuple(listed[:2])
    assert [r.title for r in services.meetings.list(text="ETE")] == ["Opération Été"]  # accent- and case-blind
    assert services.meetings.localities() == ["Caerdydd", "Kraków-Południe"]


def test_the_search_box_finds_a_meeting_type_accent_and_case_blind(services):
    """The type's name is folded as the title and locality are: "CONFÉRENCE" and "conference" both find
    a child protection conference, as "Ete" finds "Été" in a title."""
    made = services.meetings.create("cp_conference", datetime(2026, 5, 20, 10, tzinfo=UTC), title="Ymweliad")
    for typed in ("conférence", "CONFÉRENCE", "Conference", "protection conf"):
        assert [r.id for r in services.meetings.list(text=typed)] == [made.id], typed
    assert services.meetings.list(text="conférences") == []
