""""What still needs attention": the set-up rules' findings, warnings first, in plain sentences."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from efh_desktop.domain.findings import RuleFinding
from efh_desktop.gui import colours
from efh_desktop.gui.widgets import named

_PREFIX = {"warning": "⚠ Warning: ", "hint": "Hint: ", "info": "Noted: "}
_COLOUR = {"warning": "warning", "hint": "accent", "info": "muted"}  # roles in gui/colours.py


class FindingsList(QListWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        named(self, "What still needs attention", "Warnings and hints from the practice profile's rules")
        self.setWordWrap(True)
        self.setObjectName("findings_list")

    def show_findings(self, findings: list[RuleFinding]) -> None:
        self.clear()
        if not findings:
            item = QListWidgetItem("Nothing outstanding for the set-up.")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.addItem(item)
            return
        for finding in findings:
            item = QListWidgetItem(_PREFIX.get(finding.severity, "") + finding.message)
            item.setForeground(QBrush(colours.colour(_COLOUR.get(finding.severity, "muted"))))
            item.setData(Qt.ItemDataRole.UserRole, finding.key)
            self.addItem(item)
