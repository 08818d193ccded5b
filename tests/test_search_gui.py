"""Searching every meeting from the window: matches in bold, user text never read as markup,
Enter opens the meeting."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from efh_desktop.gui.main_window import MainWindow
from efh_desktop.gui.panels.search_panel import HTML_ROLE
from efh_desktop.gui.session_controller import SessionController
from efh_desktop.settings import Settings
from tests.conftest import PASSPHRASE

pytestmark = pytest.mark.demo_store  # data_dir is a copy of the demo store built once per run


@pytest.fixture
def window(qtbot, unlocker, data_dir):
    controller = SessionController(unlocker, idle_minutes=5)
    assert controller.attempt(PASSPHRASE, None, False) == ""
    win = MainWindow(controller, Settings(), data_dir)
    qtbot.addWidget(win)
    win.show()
    yield win
    controller.lock()


def test_search_finds_and_opens_the_meeting(qtbot, window):
    window.search_all_action.trigger()
    panel = window.search_panel
    assert panel.search.hasFocus() or window.home_tabs.currentWidget() is panel
    qtbot.keyClicks(panel.search, "quickmart")
    with qtbot.waitSignal(panel.searched, timeout=20000):  # the search runs off the GUI thread
        panel.run()
    texts = [panel.results.item(i).data(HTML_ROLE) for i in range(panel.results.count())]
    assert any("<b>Quickmart</b>" in t for t in texts)
    window.activateWindow()
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert panel.results.hasFocus() or panel.results.currentRow() == 0
    note_row = next(i for i in range(panel.results.count()) if panel.results.item(i).text().startswith("Note"))
    panel.results.setCurrentRow(note_row)
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    assert window.content.currentWidget() is window.workspace


def test_markup_in_notes_is_escaped_in_results(qtbot, window):
    services = window.services
    meeting = services.meetings.list()[0].id
    services.minutes.add_note(meeting, "<img src=x> zebrafish & <b>bold</b> claims")
    panel = window.search_panel
    panel.search.setText("zebrafish")
    with qtbot.waitSignal(panel.searched, timeout=20000):
        panel.run()
    html_text = panel.results.item(0).data(HTML_ROLE)
    assert "&lt;img src=x&gt;" in html_text and "<b>zebrafish</b>" in html_text
    assert "&lt;b&gt;bold&lt;/b&gt;" in html_text
    assert "zebrafish" in panel.results.item(0).text(), "the plain text is what screen readers hear"


def test_typing_goes_on_while_a_slow_search_runs_and_only_the_newest_text_is_shown(qtbot, window):
    """On the largest stores a common word takes a second or more: the box keeps taking keys, and
    the results shown are those of what is in the box when the searches end, not an older text's."""
    import threading

    services = window.services
    meeting = services.meetings.list()[0].id
    services.minutes.add_note(meeting, "The zebrafish tank at Harbourside (fictional).")
    window.search_all_action.trigger()
    panel = window.search_panel
    real = services.search.search
    release = threading.Event()
    seen: list[str] = []

    def slow(text, **kwargs):
        seen.append(text)
        if len(seen) == 1:
            release.wait(20)  # the first search is held until the test lets it go
        return real(text, **kwargs)

    services.search.search = slow
    try:
        panel.search.setFocus()
        qtbot.keyClicks(panel.search, "quickmart")
        panel.run()
        qtbot.waitUntil(lambda: seen == ["quickmart"], timeout=10000)
        assert panel.summary.text() == "Searching…"
        # The GUI thread is free: keys still edit the box while the first search is held.
        panel.search.selectAll()
        qtbot.keyClicks(panel.search, "zebrafish")
        assert panel.search.text() == "zebrafish"
        panel.run()
        assert seen == ["quickmart"], "one search at a time; the newer text waits for it"
        with qtbot.waitSignal(panel.searched, timeout=20000):
            release.set()
        assert seen == ["quickmart", "zebrafish"]
        texts = [panel.results.item(i).text() for i in range(panel.results.count())]
        assert texts and all("Quickmart" not in t for t in texts), texts
        assert any("zebrafish" in t for t in texts)
    finally:
        release.set()
        services.search.search = real


def test_enter_in_the_box_goes_to_the_results_once_they_are_shown(qtbot, window):
    window.search_all_action.trigger()
    panel = window.search_panel
    panel.search.setFocus()
    qtbot.keyClicks(panel.search, "quickmart")
    window.activateWindow()
    with qtbot.waitSignal(panel.searched, timeout=20000):
        qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert panel.results.count() and panel.results.currentRow() == 0
    qtbot.waitUntil(lambda: panel.results.hasFocus() or not window.isActiveWindow(), timeout=5000)


def test_clearing_the_box_while_a_search_runs_leaves_the_results_empty(qtbot, window):
    window.search_all_action.trigger()
    panel = window.search_panel
    qtbot.keyClicks(panel.search, "quickmart")
    panel.run()
    panel.search.clear()
    panel.run()
    from efh_desktop.gui.background import busy_count

    qtbot.waitUntil(lambda: busy_count() == 0, timeout=20000)  # the first search has ended
    qtbot.wait(50)  # and its outcome has been delivered
    assert panel.results.count() == 0 and panel.summary.text() == ""
