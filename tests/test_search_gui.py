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
    panel.run()
    html_text = panel.results.item(0).data(HTML_ROLE)
    assert "&lt;img src=x&gt;" in html_text and "<b>zebrafish</b>" in html_text
    assert "&lt;b&gt;bold&lt;/b&gt;" in html_text
    assert "zebrafish" in panel.results.item(0).text(), "the plain text is what screen readers hear"
