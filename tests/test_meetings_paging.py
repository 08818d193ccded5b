"""The meetings list is read a page at a time (issue 17): the first page and the count when it is
filled, the next page as it scrolls. What users rely on: every meeting is still reachable by keyboard,
in the same order, newest first; the count, the filters, search-as-you-type and the Overdue column
are as before; the meeting they came back from is still chosen."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from efh_desktop.gui.panels.meetings_panel import MeetingsPanel
from efh_desktop.services.meeting_pages import MeetingFilter

# Titles in many scripts, for the search box's folding (accents, ß, İ, Welsh, Polish, Arabic).
TITLES = ["Siân's group, Llanelli", "Zoë and Łucja, Gdańsk Road", "Straße am Groß", "İpek, Üsküdar Lane",
          "مجموعة الحديقة", "Ffion Rhys-Ó Briain", "Kestrel Court", "Wójcik Close"]


def _all_pages(meetings, chosen: MeetingFilter, limit: int):
    page = meetings.page(chosen, None, limit)
    total, rows = page.total, list(page.rows)
    while page.cursor is not None:
        page = meetings.page(chosen, page.cursor, limit)
        assert page.total is None  # counted with the first page only
        rows.extend(page.rows)
    return total, rows


@pytest.fixture
def many(services):
    """Meetings at the same hour on purpose (ties go by id), in two types and two localities."""
    held = datetime(2026, 3, 2, 10, tzinfo=UTC)
    for n, title in enumerate(TITLES * 2):
        services.meetings.create("safer_options" if n % 3 else "complex_strategy",
                                 held + timedelta(days=7 * (n // 3)), title=title,
                                 locality="Ashcombe North" if n % 2 else "Brindley East",
                                 chair_role="service_manager")
    return services


def test_pages_in_turn_are_the_whole_list_in_order(many):
    everything = many.meetings.list()
    assert len(everything) == 2 * len(TITLES)
    order = [(r.starts_at, r.id) for r in everything]
    assert order == sorted(order, reverse=True), "newest first, ties by the later id"
    for limit in (1, 2, 5, 100):
        total, rows = _all_pages(many.meetings, MeetingFilter(), limit)
        assert total == len(everything)
        assert [r.id for r in rows] == [r.id for r in everything]


@pytest.mark.parametrize("chosen", [
    MeetingFilter(type_key="safer_options"), MeetingFilter(status="planned"),
    MeetingFilter(locality="Ashcombe North"), MeetingFilter(type_key="complex_strategy", locality="Brindley East"),
    MeetingFilter(text="  court "), MeetingFilter(text="safer options"), MeetingFilter(text="%"),
    MeetingFilter(locality="Nowhere at all"),
])
def test_filters_and_counts_are_those_of_the_whole_list(many, chosen, monkeypatch):
    wanted = many.meetings.list(type_key=chosen.type_key, status=chosen.status, locality=chosen.locality,
                                text=chosen.text)
    for sort_at_most in (0, 10_000):  # along the date index, or by the filters' indexes and sorted
        monkeypatch.setattr("efh_desktop.services.meeting_list.SORT_AT_MOST", sort_at_most)
        total, rows = _all_pages(many.meetings, chosen, 3)
        assert total == len(wanted)
        assert [r.id for r in rows] == [r.id for r in wanted]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(needle=st.sampled_from(["sian", "ZOE", "łucja", "lucja", "strasse", "ipek", "الحديقة", "rhys-ó",
                               "wojcik", "Ashcombe", "x"]),
       limit=st.integers(1, 7))
def test_search_pages_match_the_search_in_every_script(many, needle, limit):
    wanted = [r.id for r in many.meetings.list(text=needle)]
    total, rows = _all_pages(many.meetings, MeetingFilter(text=needle), limit)
    assert total == len(wanted) and [r.id for r in rows] == wanted


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(MeetingsPanel, "PAGE_ROWS", 3)


def _listed_ids(panel) -> list[int]:
    return [panel.model.row_at(r).id for r in range(panel.model.rowCount())]


@pytest.mark.demo_store
def test_the_list_reads_a_page_and_the_keyboard_reaches_every_meeting(qtbot, small_pages, window):
    window.resize(1000, 330)  # a few rows on screen: the list must scroll to read more
    panel = window.meetings_panel
    panel.refresh()
    qtbot.wait(50)
    everything = window.services.meetings.list()
    assert len(everything) == 15
    assert panel.count_label.text() == "15 meetings", "the count is of all of them, loaded or not"
    assert panel.model.rowCount() < 15, "only the first pages are read"
    assert _listed_ids(panel) == [r.id for r in everything[:panel.model.rowCount()]]
    panel.table.setFocus()
    for _ in range(15):
        if panel.model.rowCount() == 15:
            break
        qtbot.keyClick(panel.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        qtbot.wait(20)
    assert _listed_ids(panel) == [r.id for r in everything], "Ctrl+End reads on to the last meeting, in order"
    qtbot.keyClick(panel.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)  # to the new end
    assert panel.selected_meeting_id() == everything[-1].id
    qtbot.keyClick(panel.table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert panel.selected_meeting_id() == everything[0].id
    for _ in range(3):
        qtbot.keyClick(panel.table, Qt.Key.Key_Down)
    assert panel.selected_meeting_id() == everything[3].id


@pytest.mark.demo_store
def test_overdue_steps_are_shown_on_later_pages_too(qtbot, small_pages, window):
    services = window.services
    held = date.today() - timedelta(days=10)  # the clock runs: actions not sent out, minutes not finalised
    oldest = min(r.starts_at for r in services.meetings.list())
    late = services.meetings.create("safer_options", datetime(held.year, held.month, held.day, 10, tzinfo=UTC),
                                    locality="Brindley East", title="Late clock check")
    services.minutes.add_action(late.id, "Visit the skate park", owner="Alex", agency="Youth services",
                                due_date=date.today() + timedelta(days=7))
    services.meetings.update(late.id, status="ended")
    assert oldest < late.starts_at
    panel = window.meetings_panel
    panel.refresh()
    row = panel.model.find(late.id)
    assert row is not None
    overdue = panel.model.index(row, panel.model.columnCount() - 1).data()
    assert "Actions circulated" in overdue and "Minutes finalised" in overdue
    everything = services.meetings.list()
    expected = services.practice.overdue_for_rows(everything)
    panel.model.find(everything[-1].id)  # every page read
    shown = {panel.model.row_at(r).id: panel.model.index(r, panel.model.columnCount() - 1).data()
             for r in range(panel.model.rowCount())}
    assert {k: v for k, v in shown.items() if v} == expected


@pytest.mark.demo_store
def test_typing_a_search_reads_the_matches_and_counts_them(qtbot, small_pages, window):
    panel = window.meetings_panel
    panel.search.setFocus()
    qtbot.keyClicks(panel.search, "safer")
    wanted = [r.id for r in window.services.meetings.list(text="safer")]
    assert len(wanted) > 3
    qtbot.waitUntil(lambda: panel.count_label.text() == f"{len(wanted)} meetings", timeout=3000)
    panel.model.find(-1)  # read every page
    assert _listed_ids(panel) == wanted
    panel.search.clear()
    qtbot.keyClicks(panel.search, "no meeting is called this")
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.empty, timeout=3000)
    assert panel.count_label.text() == "0 meetings" and "No meetings match" in panel.empty.text()


@pytest.mark.demo_store
def test_coming_back_keeps_a_meeting_chosen_on_a_later_page(qtbot, small_pages, window):
    panel = window.meetings_panel
    everything = window.services.meetings.list()
    chosen = everything[-2]
    row = panel.model.find(chosen.id)
    assert row is not None and row >= 3, "beyond the first page"
    panel.table.selectRow(row)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert window.workspace.meeting_id == chosen.id
    window.show_meetings()
    assert panel.selected_meeting_id() == chosen.id


@pytest.mark.demo_store
def test_from_the_search_box_down_or_enter_goes_to_the_first_meeting_found(qtbot, window):
    """Typed, then Down (or Enter) straight away: the list is of what was typed, not of what the
    pause had read, and the first meeting found is chosen with the focus on the list."""
    panel = window.meetings_panel
    panel.refresh()
    found = [r.id for r in window.services.meetings.list() if "Brindley" in r.title]
    assert len(found) == 2
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Return):
        panel.search.setFocus()
        panel.search.clear()
        qtbot.keyClicks(panel.search, "brindley")
        qtbot.keyClick(panel.search, key)
        assert panel.table.hasFocus()
        assert _listed_ids(panel) == found
        assert panel.selected_meeting_id() == found[0]
