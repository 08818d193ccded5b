"""The search indexes are merged a step at a time while the window is idle (services/search_upkeep.py):
a search finds exactly what it found before, a save between two steps is kept, a small store is left
alone, and the window's idle loop runs the steps and stops at the end."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text as sql

from efh_desktop.services import search_upkeep
from efh_desktop.services.search_upkeep import SearchUpkeep

WORDS = ["Zoë", "Weiß", "İpek", "Gwenllïan", "Łucja", "Siobhán", "Ngọc", "نور", "café", "exploitation",
         "county", "lines", "Wrenhollow", "bridge", "O'Neil", "Saturday", "4 June 2026", "<b>Kai</b>"]


def _live_meeting(services) -> int:
    from sqlmodel import select

    from efh_desktop.store.tables import Meeting

    with services.ctx.reading() as session:
        return session.exec(select(Meeting.id).where(Meeting.status != "finalised").order_by(Meeting.id)).first()


def _segments(services, name: str = "entry_fts") -> int:
    return next(s.segments for s in services.search_upkeep.shapes() if s.name == name)


def _fragment(services, meeting_id: int, count: int, words=WORDS) -> None:
    # Each note its own transaction: each commit writes a segment of its own to the index.
    for i in range(count):
        services.minutes.add_note(meeting_id, f"{words[i % len(words)]} {words[(i * 7 + 3) % len(words)]} note {i}")


@pytest.fixture
def eager(monkeypatch):
    """Thresholds a test store can reach (a council's store reaches the real ones)."""
    monkeypatch.setattr(search_upkeep, "LEAF_PAGES_WORTH_MERGING", 1)


def test_a_small_store_is_left_alone(demo_services):
    upkeep = SearchUpkeep(demo_services.ctx)
    assert not any(s.worth_merging for s in upkeep.shapes())
    assert upkeep.step() is False


def test_merging_leaves_fewer_segments_and_every_search_finds_the_same(demo_services, eager):
    meeting_id = _live_meeting(demo_services)
    _fragment(demo_services, meeting_id, 12)
    segments = _segments(demo_services)
    assert segments >= 3
    queries = ["zoe", "weiss", "ipek", "note 3", "county lin", "نور", "o'neil", "Wrenh", "4 june", "kai"]
    before = {q: demo_services.search.search(q) for q in queries}
    steps = 0
    while demo_services.search_upkeep.step(pages=4):
        steps += 1
        assert steps < 500, "the merge never ended"
    assert steps >= 1
    assert _segments(demo_services) < segments
    assert {q: demo_services.search.search(q) for q in queries} == before
    assert demo_services.search_upkeep.step() is False  # nothing left
    # A later session finds nothing left to merge.
    assert SearchUpkeep(demo_services.ctx).run_to_end() == 0
    assert _segments(demo_services) < segments


def test_a_save_between_two_steps_is_kept_and_found(demo_services, eager):
    meeting_id = _live_meeting(demo_services)
    _fragment(demo_services, meeting_id, 10)
    upkeep = demo_services.search_upkeep
    assert upkeep.step(pages=2) is True
    note = demo_services.minutes.add_note(meeting_id, "Gwenllïan Þórsdóttir seen at Wrenhollow bridge")
    upkeep.run_to_end(pages=2)
    assert ("note", note.id) in {(h.kind, h.id) for h in demo_services.search.search("gwenllian wrenhollow")}


def test_no_audit_event_is_written(demo_services, eager):
    meeting_id = _live_meeting(demo_services)
    _fragment(demo_services, meeting_id, 6)
    with demo_services.ctx.reading() as session:
        events = session.execute(sql("SELECT count(*) FROM audit_event")).scalar_one()
    demo_services.search_upkeep.run_to_end()
    with demo_services.ctx.reading() as session:
        assert session.execute(sql("SELECT count(*) FROM audit_event")).scalar_one() == events


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.text(alphabet=st.sampled_from(list("aeiouKzß İłŁçğ ʼ’-'نور美咲")), min_size=1, max_size=30),
                      min_size=2, max_size=6),
       probe=st.text(alphabet=st.sampled_from(list("aeiouKzßİłç")), min_size=1, max_size=3))
def test_any_text_is_found_the_same_after_merging(services, eager, texts, probe):
    meeting_id = _live_meeting(services)
    if meeting_id is None:
        meeting_id = services.meetings.create("complex_strategy", datetime(2026, 6, 4, 10, tzinfo=UTC)).id
    for text in texts:
        if text.strip(" ʼ’-'"):
            services.minutes.add_note(meeting_id, text)
    before = services.search.search(probe)
    services.search_upkeep.run_to_end(pages=3)
    assert services.search.search(probe) == before


def test_the_window_merges_while_idle_and_stops(window, qtbot, eager):
    services = window.controller.services
    meeting_id = _live_meeting(services)
    if meeting_id is None:
        meeting_id = services.meetings.create("complex_strategy", datetime(2026, 6, 4, 10, tzinfo=UTC)).id
    _fragment(services, meeting_id, 12)
    segments = _segments(services)
    assert segments >= 3
    window.start_search_upkeep(after_ms=0)
    qtbot.waitUntil(lambda: window.search_upkeep_running() is False, timeout=10_000)
    assert _segments(services) < segments
