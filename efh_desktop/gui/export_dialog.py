"""Export the minutes: which copies, which formats, which folder; a review of every replacement and
suspect in a disclosure copy before anything is written; progress while the files are written."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog

from efh_desktop.error_text import user_message
from efh_desktop.export.where_words import with_article
from efh_desktop.gui.background import BackgroundOp, CancelToken
from efh_desktop.gui.disclosure_review import DisclosureReview
from efh_desktop.gui.forms.ui_export_dialog import Ui_ExportDialog
from efh_desktop.services.app_services import Services
from efh_desktop.services.minutes_files_service import ExportPlan


class ExportDialog(QDialog):
    """Layout, labels, accessible names and tab order: ui/export_dialog.ui. Here: the children to
    choose from, the disclosure review put in its place, and planning and writing."""

    def __init__(self, services: Services, meeting_id: int, parent=None) -> None:
        super().__init__(parent)
        self._services, self.meeting_id = services, meeting_id
        self.plan: ExportPlan | None = None
        self.written: list[Path] = []
        # Made before the form, so it comes first in the focus chain as it always has: the button
        # QDialog makes default (Enter) is then its Mask, hidden until a disclosure copy is reviewed,
        # and not the form's first button (Enter would open the folder chooser).
        self.disclosure_review = DisclosureReview(services, meeting_id, self)
        self.ui = ui = Ui_ExportDialog()
        ui.setupUi(self)
        ui.lcs_ehm_text.setObjectName("lcs/ehm_text")  # the name named() gave it, which uic cannot carry

        self.full, self.per_child, self.disclosure = ui.full_minutes, ui.record_copies, ui.disclosure_copy_for
        self.disclosure.addItem("(no disclosure copy)", None)
        for child in (s for s in services.meetings.subjects(meeting_id) if s.kind == "child"):
            self.disclosure.addItem(child.name, child.id)
        self.pdf, self.docx, self.txt = ui.pdf, ui.word, ui.lcs_ehm_text
        self.folder = ui.folder_for_the_files
        self.folder.setText(str(Path.home()))
        ui.choose_a_folder.clicked.connect(self._browse)
        self.review = ui.review_before_writing
        self.disclosure_review.changed.connect(self.prepare)
        self.disclosure_review.hide()
        ui.disclosure_review_slot.addWidget(self.disclosure_review)
        self.message = ui.message
        self.review_button = ui.review_what_will_be_written
        self.review_button.clicked.connect(self.prepare)
        self.write_button = ui.write_the_files
        self.write_button.clicked.connect(self.write)
        ui.close.clicked.connect(self.accept)

        for widget in (self.full, self.per_child, self.pdf, self.docx, self.txt):
            widget.toggled.connect(self._changed)
        self.disclosure.currentIndexChanged.connect(self._changed)
        self.disclosure.currentIndexChanged.connect(self._disclosure_alone)
        self._ticked_before: tuple[bool, bool] | None = None  # full, record copies: before a disclosure copy
        self.folder.textChanged.connect(self._changed)

    def _disclosure_alone(self, *_args) -> None:
        """A disclosure copy is written on its own, to a folder of its own: the full minutes and the
        record copies name every child (services/minutes_files_service.py refuses the mix). Choosing a
        child unticks and disables them, saying why; choosing no disclosure copy puts them back."""
        alone = self.disclosure.currentData() is not None
        why = "Not with a disclosure copy: it is written on its own, to a folder of its own" if alone else ""
        if alone and self._ticked_before is None:
            self._ticked_before = (self.full.isChecked(), self.per_child.isChecked())
            self.full.setChecked(False)
            self.per_child.setChecked(False)
        elif not alone and self._ticked_before is not None:
            self.full.setChecked(self._ticked_before[0])
            self.per_child.setChecked(self._ticked_before[1])
            self._ticked_before = None
        for box in (self.full, self.per_child):
            box.setEnabled(not alone)
            box.setToolTip(why)
            box.setAccessibleDescription(why)
        # Said on the screen too, not only in the tooltip: greyed boxes alone do not say why.
        self.message.setText("A disclosure copy is written on its own, to a folder of its own: the full minutes "
                             "and record copies name every child, so write them separately." if alone else "")

    def _changed(self, *_args) -> None:
        self.plan = None
        self.write_button.setEnabled(False)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Choose a folder for the minutes", self.folder.text())
        if folder:
            self.folder.setText(folder)

    def formats(self) -> tuple[str, ...]:
        return tuple(f for f, box in (("pdf", self.pdf), ("docx", self.docx), ("txt", self.txt)) if box.isChecked())

    def prepare(self) -> None:
        """Build every document and show what will be written, and what to check, before writing."""
        self.review.clear()
        disclosure = [self.disclosure.currentData()] if self.disclosure.currentData() is not None else []
        try:
            self.plan = self._services.minutes_files.plan(
                self.meeting_id, Path(self.folder.text()), self.formats(), full=self.full.isChecked(),
                per_child=self.per_child.isChecked(), disclosure_for=disclosure)
        except Exception as exc:  # noqa: BLE001 - one sentence for the user
            self.message.setText(f"Nothing written: {user_message(exc)}")
            return
        for path in self.plan.files:
            self.review.addItem(f"Will write {path.name}")
        for copy in self.plan.copies:
            if copy.kind == "record" and copy.filing:
                self.review.addItem(f"{copy.stem}: file on {copy.filing}")
            for r in copy.replacements:
                self.review.addItem(f"Disclosure copy: {with_article(r.original_kind)} replaced by “{r.replaced_with}” "
                                    f"({r.count} time{'s' if r.count != 1 else ''})")
        disclosure_copy = next((c for c in self.plan.copies if c.kind == "disclosure"), None)
        self.disclosure_review.setVisible(disclosure_copy is not None)
        self.disclosure_review.show_copy(disclosure_copy)
        files = len(self.plan.files)
        waiting = [c for c in self.plan.copies if not c.ready]
        if waiting:
            self.message.setText("The disclosure copy is not ready: decide every point below (M mask, K keep, "
                                 "W withhold), then a second person approves it. Nothing is written before.")
        else:
            self.message.setText(f"{files} file{'s' if files != 1 else ''} ready to write. Check the list, then "
                                 "write the files.")
        self.write_button.setEnabled(bool(files) and not waiting)

    def write(self) -> None:
        if self.plan is None:
            return
        plan, service = self.plan, self._services.minutes_files
        reason = "Subject access request" if any(c.kind == "disclosure" for c in plan.copies) else ""
        done: list[int] = []  # files finished so far, for the sentence after a cancel

        def work(token: CancelToken) -> list[Path]:
            def progress(count: int, total: int) -> None:
                done[:] = [count]
                token.progress(count, total)  # each file is whole and audited: stopping between is safe

            # Cancel is asked after every file: what is written by then is recorded, then it stops.
            return service.write(plan, progress=progress, reason=reason, stop=lambda: token.cancelled)

        def stopped() -> None:
            self._written_so_far(done[0] if done else 0, len(plan.files))

        BackgroundOp(self, work).success(self._wrote).on_cancelled(stopped).failure(
            lambda exc: self.message.setText(f"Stopped: {user_message(exc)}")).with_progress(
            f"Writing {len(plan.files)} files…", cancellable=True).run_in_background()

    def _wrote(self, written: list[Path]) -> None:
        self.written = written
        self.plan = None
        self.write_button.setEnabled(False)
        self.message.setText(f"{len(self.written)} files written to {self.written[0].parent if self.written else ''}."
                             " Tick each child's copy in the filing list once it is on their record.")

    def _written_so_far(self, count: int, total: int) -> None:
        self.plan = None  # planned again before another write: the files written now exist
        self.write_button.setEnabled(False)
        self.message.setText(f"Stopped at your request: {count} of {total} files written. Review again to write "
                             "the rest.")
