"""The home tabs after Meetings are built when first shown (gui/lazy_tabs.py, issue 17): unlocking
builds the meetings list only; choosing a tab by its shortcut or by Ctrl+Tab builds it in place, at
once usable from the keyboard, and the tab keeps its label and mnemonic."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

CTRL = Qt.KeyboardModifier.ControlModifier


def test_only_the_meetings_list_is_built_at_unlock(window):
    lazy = window.session._lazy_tabs
    assert not any(lazy.built(k) for k in ("subjects", "all_actions", "search"))
    tabs = window.home_tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["&Meetings", "&Subjects", "&All actions", "Sea&rch"]
    assert tabs.currentWidget() is window.meetings_panel


def test_a_tab_chosen_by_its_shortcut_is_built_and_focused(qtbot, window):
    services = window.services
    services.subjects.create("child", "Gwenllïan Ó Súilleabháin")
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    panel = window.subjects_panel
    assert window.session._lazy_tabs.built("subjects")
    assert window.home_tabs.currentWidget() is panel
    assert window.home_tabs.tabText(window.home_tabs.currentIndex()) == "&Subjects"
    qtbot.waitUntil(lambda: panel.search.hasFocus())
    names = [panel.model.index(r, 1).data() for r in range(panel.model.rowCount())]
    assert names == ["Gwenllïan Ó Súilleabháin"], "filled when shown"
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)
    assert window.home_tabs.currentWidget() is window.all_actions
    assert not window.session._lazy_tabs.built("search")


def test_ctrl_tab_walks_into_each_tab_and_builds_it(qtbot, window):
    window.services.meetings.create("complex_strategy", datetime(2026, 6, 4, 10, tzinfo=UTC),
                                    chair_role="service_manager")
    tabs = window.home_tabs
    tabs.setFocus()
    seen = []
    for _ in range(tabs.count()):
        qtbot.keyClick(tabs, Qt.Key.Key_Tab, CTRL)
        seen.append(tabs.currentIndex())
        assert "not_yet_built" not in tabs.currentWidget().objectName()
    assert sorted(seen) == list(range(tabs.count()))
    assert all(window.session._lazy_tabs.built(k) for k in ("subjects", "all_actions", "search"))
    assert tabs.currentWidget() is window.meetings_panel
    assert window.meetings_panel.model.rowCount() == 1
