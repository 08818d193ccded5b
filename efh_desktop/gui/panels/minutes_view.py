"""The minutes, read whole in the window: rendered from the same ``MinutesDocument`` the PDF is
made from (``export/minutes_html.py``), so what the minute-taker reads here is what the PDF says.

Read-only: a record is changed in Notes and decisions (choose the item, Enter on the record),
and the view is built again whenever it comes into view.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from efh_desktop.export.minutes_html import render_minutes_html
from efh_desktop.gui.widgets import named
from efh_desktop.services.app_services import Services


class MinutesView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("minutes_view")
        self._services: Services | None = None
        self.meeting_id: int | None = None
        self.hint = QLabel("The minutes as the PDF will read. To change a record: 5 Notes and decisions, "
                                   "choose the item, then Enter on the record (Ctrl+Z undoes). Until finalised.")
        self.hint.setWordWrap(True)
        self.browser = named(QTextBrowser(), "Minutes", "The minutes as they will be exported")
        self.browser.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.browser, 1)

    def set_meeting(self, services: Services | None, meeting_id: int | None) -> None:
        self._services, self.meeting_id = services, meeting_id
        self.browser.clear()  # filled when shown: building the minutes is not free

    def refresh(self) -> None:
        if self._services is None or self.meeting_id is None:
            self.browser.clear()
            return
        bar = self.browser.verticalScrollBar()
        at = bar.value()
        self.browser.setHtml(render_minutes_html(self._services.minutes_builder.build(self.meeting_id)))
        bar.setValue(at)  # reading position kept across a refresh after a change

    def text(self) -> str:
        return self.browser.toPlainText()
