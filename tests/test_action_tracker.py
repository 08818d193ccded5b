"""All actions a page at a time (issue 17): the pages, read by index, add up to exactly the tracker
ActionService.rows() lists (same rows, same order: overdue first, newest row of each chain), for
every filter and page size; and the window's tab loads the next page as the list is scrolled."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from benchmarks import synthetic_data
from efh_desktop.services.action_tracker import PAGE_SIZE, TrackerFilter
from tests.conftest import PASSPHRASE

SIZE = synthetic_data.Size("tracker", meetings=30, children=40, actions=520, entries=60)
# In the middle of the generated meetings' due dates, so every segment has rows.
TODAY = date(2025, 9, 1)


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tracker") / "store"
    synthetic_data.create_store(folder, SIZE, passphrase=PASSPHRASE, seed=5, audit=False)
    return folder


@pytest.fixture(scope="module")
def store(store_dir, profile):
    from efh_desktop.services.unlock_service import UnlockService

    services, _ = UnlockService(store_dir, profile, "Test User").unlock(PASSPHRASE)
    yield services
    services.lock()


def _all_pages(services, filters, limit):
    rows, after, pages = [], None, 0
    while True:
        page = services.actions.tracker_page(filters, after, limit=limit, today=TODAY)
        rows.extend(page.rows)
        pages += 1
        assert pages < 10_000
        if page.cursor is None:
            return rows, pages
        assert len(page.rows) == limit
        after = page.cursor


def _filters(services):
    agencies = services.actions.agencies()
    return [TrackerFilter(), TrackerFilter(status="open"), TrackerFilter(status="done"),
            TrackerFilter(status="not_done"), TrackerFilter(agency=agencies[0]),
            TrackerFilter(agency=agencies[-1], status="open")]


def test_store_has_every_kind_of_row(store):
    rows = store.actions.rows(today=TODAY)
    assert len(rows) > PAGE_SIZE
    assert any(r.overdue(TODAY) for r in rows)
    assert any(r.status == "open" and not r.overdue(TODAY) and r.due_date for r in rows)
    assert any(r.status != "open" for r in rows)
    assert any(r.origin_id != r.id for r in rows), "carried actions (chains) are in the store"


@pytest.mark.parametrize("limit", [1, 7, PAGE_SIZE])
def test_pages_add_up_to_the_tracker(store, limit):
    for filters in _filters(store):
        expected = store.actions.rows(agency=filters.agency, status=filters.status, today=TODAY)
        rows, pages = _all_pages(store, filters, limit)
        assert [r.id for r in rows] == [r.id for r in expected], filters
        assert rows == expected  # every column, subjects included
        if len(expected) > limit:
            assert pages > 1


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(limit=st.integers(min_value=1, max_value=600), day=st.dates(date(2023, 1, 1), date(2027, 1, 1)))
def test_any_page_size_and_day_gives_the_same_list(store, limit, day):
    expected = store.actions.rows(today=day)
    rows, after = [], None
    while True:
        page = store.actions.tracker_page(TrackerFilter(), after, limit=limit, today=day)
        rows.extend(page.rows)
        if page.cursor is None:
            break
        after = page.cursor
    assert [r.id for r in rows] == [r.id for r in expected]


def test_overdue_counted_per_page(store):
    expected = sum(1 for r in store.actions.rows(today=TODAY) if r.overdue(TODAY))
    total, after = 0, None
    while True:
        page = store.actions.tracker_page(TrackerFilter(), after, limit=50, today=TODAY)
        total += page.overdue
        if page.cursor is None:
            break
        after = page.cursor
    assert total == expected


def test_a_child_is_one_page_of_that_childs_actions(store):
    child = next(s for s in store.subjects.list("child") if store.actions.rows(subject_id=s.id))
    page = store.actions.tracker_page(TrackerFilter(subject_id=child.id), today=TODAY)
    assert page.cursor is None
    assert list(page.rows) == store.actions.rows(subject_id=child.id, today=TODAY)


def test_a_new_chain_row_replaces_the_old_one(services):
    """Carrying an action into the next meeting lists the new row, not both."""
    from datetime import UTC, datetime

    child = services.subjects.create("child", "Zofia Wiśniewska")
    first = services.meetings.create("complex_strategy", datetime(2026, 3, 2, 10, tzinfo=UTC),
                                     subject_ids=[child.id], chair_role="service_manager")
    services.minutes.add_action(first.id, "Ask the school about Zofia's timetable", owner="Dafydd Llŷr",
                                agency="Education", due_date=date(2026, 3, 20), subject_ids=[child.id])
    services.minutes.add_action(first.id, "Return-home interview", owner="Ayşe Öztürk", agency="Police",
                                due_date=date(2026, 3, 9), subject_ids=[child.id])
    before = services.actions.tracker_page(TrackerFilter(), today=date(2026, 3, 15))
    assert [r.description for r in before.rows] == ["Return-home interview", "Ask the school about Zofia's timetable"]
    assert before.overdue == 1
    second = services.series.create_next_meeting(first.id)
    after = services.actions.tracker_page(TrackerFilter(), today=date(2026, 3, 15))
    assert {r.meeting_id for r in after.rows} == {second.id}
    assert [r.description for r in after.rows] == [r.description for r in before.rows]
    assert after.rows == tuple(services.actions.rows(today=date(2026, 3, 15)))


def test_all_actions_tab_loads_more_as_the_list_scrolls(qtbot, store, store_dir, tmp_path):
    from efh_desktop.gui.main_window import MainWindow
    from efh_desktop.gui.session_controller import SessionController
    from efh_desktop.services.unlock_service import UnlockService
    from efh_desktop.settings import Settings

    controller = SessionController(UnlockService(store_dir, store.profile, "Test User"), 60)
    controller._set_services(store)
    window = MainWindow(controller, Settings(), tmp_path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # All actions
    panel = window.all_actions
    qtbot.waitUntil(lambda: window.home_tabs.currentWidget() is panel)
    total = len(store.actions.rows())
    assert panel.model.rowCount() == PAGE_SIZE < total
    assert "more load as you scroll" in panel.summary.text()
    panel.table.setFocus()
    for _ in range(total // PAGE_SIZE + 2):
        qtbot.keyClick(panel.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        qtbot.wait(20)
    qtbot.waitUntil(lambda: panel.model.rowCount() == total)
    assert [panel.model.row_at(i).id for i in range(total)] == [r.id for r in store.actions.rows()]
    assert panel.summary.text().startswith(f"{total:,} actions")
    window.hide()
