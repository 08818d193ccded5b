"""The subject dialog is one Designer form for every kind (ui/subject_dialog.ui): each kind keeps
only its own rows, Tab visits them in the order they are shown (pressing the real key), and the
rows of other kinds are gone, not hidden, so nothing finds a control of another kind."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

COMMON = ["Name", "Aliases", "Locality"]
TAB_ORDER = {
    "child": [*COMMON, "Date of birth", "LCS identifier", "EHM identifier", "Legal status",
              "Date the child became looked after", "In care", "YOT order", "Open referral", "Lead professional",
              "Home address", "Relatives and carers", "Description"],
    "peer_group": [*COMMON, "Description", "Members", "Child to add", "Add member", "Remove member"],
    "place": [*COMMON, "Kind of place", "Address", "Description"],
    "person_of_concern": [*COMMON, "Person of concern is a child", "Description"],
}
# Each kind's own controls, by the object names tests and tools find them by.
OWN = {
    "child": {"date_of_birth", "lcs_identifier", "ehm_identifier", "legal_status", "date_the_child_became_looked_after",
              "in_care", "yot_order", "open_referral", "lead_professional", "home_address", "relatives_and_carers"},
    "peer_group": {"members", "child_to_add", "add_member", "remove_member"},
    "place": {"kind_of_place", "address"},
    "person_of_concern": {"person_of_concern_is_a_child"},
}


def _focused_name() -> str:
    widget = QApplication.focusWidget()
    # An editable combo box's line edit and a date field's text box carry their owner's name.
    while widget is not None and not widget.accessibleName():
        widget = widget.parentWidget()
    return widget.accessibleName() if widget is not None else ""


@pytest.mark.parametrize("kind", list(TAB_ORDER))
def test_each_kind_has_its_rows_in_tab_order(qtbot, services, kind):
    from efh_desktop.gui.subject_dialog import SubjectDialog

    dialog = SubjectDialog(services, kind)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert _focused_name() == "Name"
    visited = [_focused_name()]
    for _ in range(40):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if _focused_name() == "Save":
            break
        visited.append(_focused_name())
    assert visited == TAB_ORDER[kind]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert _focused_name() == "Cancel"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.relations.isAncestorOf(QApplication.focusWidget()), "the relationships come after the buttons"

    names = {w.objectName() for w in dialog.findChildren(QWidget)}
    others = set().union(*(own for k, own in OWN.items() if k != kind)) - OWN[kind]
    assert OWN[kind] <= names
    assert not names & others, f"controls of other kinds left in the {kind} dialog"
    for label in dialog.findChildren(QLabel):
        if label.text().endswith(":") and label.buddy() is None and dialog.ui.form.indexOf(label) >= 0:
            pytest.fail(f"{label.text()} names no field")
