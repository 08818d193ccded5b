"""A word in a great many records is searched among each kind's newest records first (services/
search_service.py, RECENT_ROWS): a full page there is the answer, anything rarer is searched across
the whole store, so a name used once, years ago, is still found."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from efh_desktop.services import search_service
from efh_desktop.services.search_service import SearchService


@pytest.fixture
def small_window(monkeypatch):
    monkeypatch.setattr(search_service, "RECENT_ROWS", 6)


def _meeting(services) -> int:
    from sqlmodel import select

    from efh_desktop.store.tables import Meeting

    with services.ctx.reading() as session:
        return session.exec(select(Meeting.id).where(Meeting.status != "finalised").order_by(Meeting.id)).first()


def _notes(hits):
    return [h.id for h in hits if h.kind == "note"]


def test_a_rare_word_in_an_old_record_is_found_past_the_recent_ones(demo_services, small_window):
    meeting = _meeting(demo_services)
    old = demo_services.minutes.add_note(meeting, "Gwenllïan Þórsdóttir was seen at the Quarrybank underpass.")
    for i in range(12):
        demo_services.minutes.add_note(meeting, f"Routine update {i} from the school.")
    assert old.id in _notes(SearchService(demo_services.ctx).search("Quarrybank"))
    assert old.id in _notes(SearchService(demo_services.ctx).search("gwenllian quarryb"))


def test_a_common_word_gives_a_full_page_of_the_newest_records(demo_services, small_window):
    meeting = _meeting(demo_services)
    old = [demo_services.minutes.add_note(meeting, f"Łucja seen near the kebab shop, note {i}.").id for i in range(5)]
    new = [demo_services.minutes.add_note(meeting, f"Łucja seen near the kebab shop again, note {i}.").id
           for i in range(8)]
    found = _notes(SearchService(demo_services.ctx).search("kebab", limit=4))
    assert len(found) == 4 and set(found) <= set(new) and not set(found) & set(old)
    # Asked for more than the newest rows hold: the whole store, old records included.
    everything = _notes(SearchService(demo_services.ctx).search("kebab", limit=50))
    assert set(old) | set(new) <= set(everything)


def test_in_one_meeting_every_record_of_the_meeting_is_searched(demo_services, small_window):
    meeting = _meeting(demo_services)
    old = demo_services.minutes.add_note(meeting, "İpek's phone was seized at Wrenhollow.")
    for i in range(10):
        demo_services.minutes.add_note(meeting, f"Wrenhollow patrol note {i}.")
    assert old.id in _notes(SearchService(demo_services.ctx).search("wrenhollow", meeting_id=meeting))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(["Zoë", "Weiß", "İpek", "Siobhán", "Ngọc", "نور", "kebab", "county", "lines"]),
                      min_size=1, max_size=3),
       limit=st.integers(min_value=1, max_value=60))
def test_the_recent_window_never_gives_fewer_hits_than_the_whole_store_would(demo_services, monkeypatch, words, limit):
    """Whatever the window's size, a search returns min(limit, all matches) records of each kind."""
    text = " ".join(words)
    monkeypatch.setattr(search_service, "RECENT_ROWS", 10**9)
    whole = SearchService(demo_services.ctx).search(text, limit=limit)
    monkeypatch.setattr(search_service, "RECENT_ROWS", 3)
    windowed = SearchService(demo_services.ctx).search(text, limit=limit)
    assert len(windowed) == len(whole)
