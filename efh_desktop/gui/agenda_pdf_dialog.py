"""Save a meeting's agenda as a PDF, for printing or for sending by email with children shown by
initials only. The file goes only where the user chooses, and the export is audited."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QWidget

from efh_desktop.domain.uk_dates import to_uk
from efh_desktop.error_text import user_message
from efh_desktop.gui import message_box
from efh_desktop.gui.background import BackgroundOp
from efh_desktop.gui.forms.ui_agenda_pdf_dialog import Ui_AgendaPdfDialog
from efh_desktop.gui.widgets import named
from efh_desktop.services.app_services import Services


class AgendaPdfDialog(QDialog):
    """Layout, labels, accessible names and tab order: ui/agenda_pdf_dialog.ui."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_AgendaPdfDialog()
        ui.setupUi(self)
        self.initials, self.full, self.open_after = ui.initials_only, ui.full_names, ui.open_after_saving
        named(ui.buttons.button(QDialogButtonBox.StandardButton.Ok), "Choose where to save").setText("Save as…")
        named(ui.buttons.button(QDialogButtonBox.StandardButton.Cancel), "Cancel")
        ui.buttons.accepted.connect(self.accept)
        ui.buttons.rejected.connect(self.reject)


def export_agenda_pdf(parent: QWidget, services: Services, meeting_id: int) -> None:
    """Ask the options and the file, then write the PDF off the GUI thread; the outcome is shown
    in a message box when it is done."""
    options = AgendaPdfDialog(parent)
    if options.exec() != QDialog.DialogCode.Accepted:
        return
    meeting = services.meetings.get(meeting_id)
    # The suggested name never holds a child's name: only the type and date.
    suggested = f"agenda-{meeting.type_key.replace('_', '-')}-{to_uk(meeting.starts_at):%Y-%m-%d}.pdf"
    path, _ = QFileDialog.getSaveFileName(parent, "Save the agenda", str(Path.home() / suggested), "PDF (*.pdf)")
    if not path:
        return
    out = Path(path)
    if out.suffix.lower() != ".pdf":
        out = out.with_suffix(".pdf")
    # The save dialog asked before replacing the name it returned; a name we changed was not asked about.
    confirmed = out == Path(path)
    exporter = services.agenda_export
    initials_only, open_after = options.initials.isChecked(), options.open_after.isChecked()

    def saved(written: Path) -> None:
        if open_after:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(written)))
        message_box.information(parent, "Agenda saved", f"The agenda was saved as {written.name}.")

    BackgroundOp(parent, lambda _token: exporter.export_pdf(
        meeting_id, out, initials_only=initials_only, overwrite=confirmed)).success(saved).failure(
        lambda exc: message_box.warning(parent, "Agenda not saved", user_message(exc))).with_progress(
        "Writing the agenda…").run_in_background()
