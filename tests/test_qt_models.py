"""Qt's model tester over every item model the window builds (issue 13, item 6; KeePassXC's
practice): the one table model (gui/row_table_model.py) in each of its uses, the action tracker's
subclass behind its sort proxy, the agenda builder's and attendance panel's item models, and, by a
sweep, every other model any view or list in the window owns."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QAbstractItemModel, QSortFilterProxyModel

from efh_desktop.gui.panels.action_table_model import ActionTableModel
from efh_desktop.gui.row_table_model import SORT_ROLE, RowTableModel

pytestmark = pytest.mark.demo_store  # the window opens on a copy of the demo store built once per run

@pytest.fixture
def busy_window(window):
    """The window on the demo store, a meeting with subjects, attendees, agenda and actions open."""
    meeting = min(r.id for r in window.services.meetings.list(type_key="complex_strategy"))
    window.open_meeting(meeting)
    for index in range(window.workspace.tabs.count()):  # every panel fills as it is shown
        window.workspace.tabs.setCurrentIndex(index)
    window.show_all_actions()
    window.show_subjects()
    return window


def test_the_one_table_model_in_each_use(qtmodeltester, busy_window):
    window = busy_window
    workspace = window.workspace
    models = {"meetings": window.meetings_panel.model, "subjects": window.subjects_panel.model,
              "meeting subjects": workspace.subjects.model}
    for name, model in models.items():
        assert isinstance(model, RowTableModel), name
        assert model.rowCount() > 0, f"{name}: tested with rows in it"
        qtmodeltester.check(model)


def test_the_action_tracker_and_its_sort_proxy(qtmodeltester, busy_window):
    for panel in (busy_window.workspace.actions_panel, busy_window.all_actions):
        assert isinstance(panel.model, ActionTableModel) and isinstance(panel.model, RowTableModel)
        assert panel.model.rowCount() > 0
        qtmodeltester.check(panel.model)
        qtmodeltester.check(panel.proxy)
        panel.table.sortByColumn(3, panel.table.horizontalHeader().sortIndicatorOrder())  # Due
        dues = [panel.proxy.index(r, 3).data(SORT_ROLE) for r in range(panel.proxy.rowCount())]
        assert dues == sorted(dues) or dues == sorted(dues, reverse=True)


def test_the_editable_item_models(qtmodeltester, busy_window):
    workspace = busy_window.workspace
    for model in (workspace.agenda.model, workspace.attendance.model):
        assert model.rowCount() > 0
        qtmodeltester.check(model)


def test_every_model_in_the_window(qtmodeltester, busy_window):
    models = busy_window.findChildren(QAbstractItemModel)
    # QTreeWidget's private QTreeModel (the checklist's tree) is Qt's own and fails Qt's own tester:
    # it answers hasChildren() for a parent's second column, then gives column 0 as the parent.
    ours = [m for m in models if m.metaObject().className() != "QTreeModel"]
    assert len(ours) >= 10 and len(models) - len(ours) == 1
    for model in ours:
        qtmodeltester.check(model)


def test_row_table_model_empty_and_changing(qtmodeltester):
    model = RowTableModel([("Name", lambda r: r[0]), ("When", lambda r: r[1])])
    qtmodeltester.check(model)  # empty
    model.set_rows([("Zoë Ångström", date(2026, 6, 4)), ("İlker Öztürk", None), ("Siân ap Gwynfor", "x")])
    qtmodeltester.check(model)
    assert [model.index(r, 1).data() for r in range(3)] == ["2026-06-04", "", "x"]
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    qtmodeltester.check(proxy)
    proxy.sort(0)
    assert [proxy.index(r, 0).data() for r in range(3)] == ["İlker Öztürk", "Siân ap Gwynfor", "Zoë Ångström"]
    model.clear()
    assert model.rowCount() == 0 and proxy.rowCount() == 0
