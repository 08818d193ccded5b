"""Opening a subject's history page from the session view: its "open meeting" goes to the
meeting workspace, "edit" to the subject dialog."""

from __future__ import annotations

from typing import Any

from efh_desktop.gui.history_page import HistoryDialog
from efh_desktop.services.app_services import Services


def open_history(window: Any, services: Services, subject_id: int) -> HistoryDialog:  # window: the SessionView
    dialog = HistoryDialog(services, subject_id, window)

    def open_meeting(meeting_id: int) -> None:
        dialog.close()
        window.open_meeting(meeting_id)

    def edit(subject: int) -> None:
        window.edit_subject(subject)
        dialog.page.refresh()

    dialog.page.open_meeting.connect(open_meeting)
    dialog.page.edit_subject.connect(edit)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
