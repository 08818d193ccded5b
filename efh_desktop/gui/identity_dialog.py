"""Who is using this laptop: the practitioner's own name and role.

Asked once, on first run, and kept in settings (never case data: it is the user, not a child).
The name is what the minutes record as finaliser, override author and "told by", and what the
audit trail records; both are shown in the status bar and can be changed from Settings.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit

from efh_desktop.domain.text_rules import TextRejected, clean_name, clean_short
from efh_desktop.gui.widgets import named


class IdentityDialog(QDialog):
    def __init__(self, name: str = "", role: str = "", parent=None, *, first_run: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle("Your name and role")
        intro = QLabel("Your name goes into the minutes you finalise, the overrides you record and who told "
                       "whom, and into the audit trail. It is kept on this computer only."
                       + (" You can change it later from Settings." if first_run else ""))
        intro.setWordWrap(True)
        self.name = named(QLineEdit(name), "Your name", "Your own name, as colleagues know you")
        self.name.setPlaceholderText("e.g. Jo Bloggs")
        self.role = named(QLineEdit(role), "Your role", "Your job role, e.g. Minute-taker or Service manager")
        self.role.setPlaceholderText("e.g. Minute-taker")
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Problem")
        self.problem.hide()
        form = QFormLayout(self)
        form.addRow(intro)
        form.addRow("Your &name:", self.name)
        form.addRow("Your &role:", self.role)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        named(buttons.button(QDialogButtonBox.StandardButton.Ok), "Save name and role")
        named(buttons.button(QDialogButtonBox.StandardButton.Cancel), "Cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(420)

    def accept(self) -> None:
        try:
            clean_name(self.name.text(), "Your name")
            clean_short(self.role.text(), "Your role")
        except TextRejected as exc:
            # Said inside the dialog, which stays open with what was typed.
            self.problem.setText(str(exc))
            self.problem.show()
            self.name.setFocus()
            return
        super().accept()

    def values(self) -> tuple[str, str]:
        return clean_name(self.name.text(), "Your name"), clean_short(self.role.text(), "Your role")
