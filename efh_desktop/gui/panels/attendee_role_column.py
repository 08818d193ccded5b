"""The attendance register's "Role (profile)" column: the attendee's role chosen from the practice
profile's list, which is what decides the required attendee they fill (the free-text "Role" column
is kept as typed, for the minutes). A free-text role that is one of the profile's wordings shows
here as that role until one is chosen."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QStyledItemDelegate

from efh_desktop.domain.attendee_roles import attendee_role_key
from efh_desktop.domain.profile import PracticeProfile

COLUMN = ("role_key", "Role (profile)")
NOT_CHOSEN = "(choose a role)"


def role_choices(profile: PracticeProfile) -> list[tuple[str, str]]:
    return [("", NOT_CHOSEN), *profile.attendee_role_choices()]


def shown_role(profile: PracticeProfile, chosen: str, free_text: str) -> tuple[str, str]:
    """(key, text) for the cell: the chosen role, else the role the free text names (marked "as typed")."""
    labels = dict(profile.attendee_role_choices())
    if chosen in labels:
        return chosen, labels[chosen]
    derived = attendee_role_key(profile, "", free_text)
    return "", f"{labels[derived]} (as typed)" if derived else ""


class RoleDelegate(QStyledItemDelegate):
    """A combo box of the profile's roles; the key is stored in ``key_role`` of the cell."""

    def __init__(self, key_role: int, parent=None) -> None:
        super().__init__(parent)
        self.key_role = key_role
        self.choices: list[tuple[str, str]] = []

    def createEditor(self, parent, option, index):  # noqa: N802
        combo = QComboBox(parent)
        combo.setAccessibleName("Role from the practice profile")
        for key, label in self.choices:
            combo.addItem(label, key)
        return combo

    def setEditorData(self, editor, index) -> None:  # noqa: N802
        editor.setCurrentIndex(max(0, editor.findData(index.data(self.key_role) or "")))

    def setModelData(self, editor, model, index) -> None:  # noqa: N802
        model.setData(index, editor.currentData(), self.key_role)
