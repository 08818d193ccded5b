"""Export the minutes: which copies, which formats, which folder; a review of every replacement and
suspect in a disclosure copy before anything is written; progress while the files are written."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
)

from efh_desktop.error_text import user_message
from efh_desktop.export.where_words import with_article
from efh_desktop.gui.background import BackgroundOp, CancelToken
from efh_desktop.gui.disclosure_review import DisclosureReview
from efh_desktop.gui.widgets import named
from efh_desktop.services.app_services import Services
from efh_desktop.services.minutes_files_service import ExportPlan


class ExportDialog(QDialog):
    def __init__(self, services: Services, meeting_id: int, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export the minutes")
        self.setObjectName("export_dialog")
        self.resize(820, 760)
        self._services, self.meeting_id = services, meeting_id
        self.plan: ExportPlan | None = None
        self.written: list[Path] = []
        warning = QLabel("Exported files are not encrypted: save them only where it is safe, file them, then "
                         "delete them. Every file written is recorded in the audit trail.")
        warning.setWordWrap(True)
        self.full = named(QCheckBox("&Full minutes"), "Full minutes")
        self.full.setChecked(True)
        self.per_child = named(QCheckBox("A &record copy for each child (to file on LCS or EHM)"), "Record copies")
        self.per_child.setChecked(True)
        self.disclosure = named(QComboBox(), "Disclosure copy for", "A copy for a subject access request: other "
                                "children replaced by Child B, Child C…")
        self.disclosure.addItem("(no disclosure copy)", None)
        for child in (s for s in services.meetings.subjects(meeting_id) if s.kind == "child"):
            self.disclosure.addItem(child.name, child.id)
        self.pdf = named(QCheckBox("&PDF"), "PDF")
        self.pdf.setChecked(True)
        self.docx = named(QCheckBox("&Word"), "Word")
        self.txt = named(QCheckBox("LCS/EHM &text"), "LCS/EHM text")
        formats = QHBoxLayout()
        for box in (self.pdf, self.docx, self.txt):
            formats.addWidget(box)
        formats.addStretch(1)
        self.folder = named(QLineEdit(str(Path.home())), "Folder for the files")
        browse = named(QPushButton("&Choose…"), "Choose a folder")
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.review = named(QListWidget(), "Review before writing", "Every file, every replacement and every "
                            "word to check in a disclosure copy")
        self.review.setWordWrap(True)
        self.disclosure_review = DisclosureReview(services, meeting_id, self)
        self.disclosure_review.changed.connect(self.prepare)
        self.disclosure_review.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.review_button = named(QPushButton("Re&view"), "Review what will be written")
        self.review_button.clicked.connect(self.prepare)
        self.write_button = named(QPushButton("Write the fi&les"), "Write the files")
        self.write_button.setEnabled(False)
        self.write_button.clicked.connect(self.write)
        close = named(QPushButton("Close"), "Close")
        close.clicked.connect(self.accept)

        form = QFormLayout()
        form.addRow("Copies:", self.full)
        form.addRow("", self.per_child)
        form.addRow("&Disclosure copy for:", self.disclosure)
        form.addRow("Formats:", formats)
        folder_label = QLabel("F&older:")
        folder_label.setBuddy(self.folder)
        form.addRow(folder_label, folder_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.review_button)
        buttons.addWidget(self.write_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(warning)
        layout.addLayout(form)
        layout.addWidget(self.review, 1)
        layout.addWidget(self.disclosure_review, 2)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        for widget in (self.full, self.per_child, self.pdf, self.docx, self.txt):
            widget.toggled.connect(self._changed)
        self.disclosure.currentIndexChanged.connect(self._changed)
        self.folder.textChanged.connect(self._changed)

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

            return service.write(plan, progress=progress, reason=reason)

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
