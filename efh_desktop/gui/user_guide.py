"""Help → User guide: docs/user-guide.md, installed with the program (the efh_desktop.docs
package data), shown inside the window with its screenshots; no browser and no network needed."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from efh_desktop.gui.widgets import named
from efh_desktop.paths import MissingPackageData, docs_folder, package_file

GUIDE = "user-guide.md"


def guide_text() -> tuple[str, str]:
    """(markdown, folder) of the installed user guide; MissingPackageData when it is not installed."""
    folder = docs_folder()
    return package_file(folder, GUIDE).read_text(encoding="utf-8"), str(folder)


class UserGuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("User guide")
        self.setObjectName("user_guide")
        self.browser = named(QTextBrowser(), "User guide text")
        self.browser.setOpenExternalLinks(False)
        try:
            text, folder = guide_text()
        except MissingPackageData as exc:
            self.browser.setPlainText(str(exc))
        else:
            self.browser.setSearchPaths([folder])  # the guide's screenshots are beside it
            self.browser.setMarkdown(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        named(buttons.button(QDialogButtonBox.StandardButton.Close), "Close")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(900, 700)
        self.browser.setFocus()
