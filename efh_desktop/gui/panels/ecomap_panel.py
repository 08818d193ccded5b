"""The ecomap panel: the picture, its controls and the same links as text.

A meeting's network, or the sibling group of one of its children. Initials by default (the screen
may be shared); "Full names" shows names. Moving a node saves where it was put. "PDF for the meeting
pack" writes one page with initials only, whatever the screen shows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from efh_desktop.domain.ecomap import KIND_WORDS, Ecomap, text_listing
from efh_desktop.error_text import user_message
from efh_desktop.gui.ecomap_view import EcomapView
from efh_desktop.gui.widgets import make_action, named, plain_label, say_done, say_problem
from efh_desktop.services.app_services import Services
from efh_desktop.services.context import ServiceError


class EcomapPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ecomap_panel")
        self._services: Services | None = None
        self.meeting_id: int | None = None
        self.ecomap: Ecomap | None = None
        # A seam: tests answer "where should the PDF go?" through it.
        self.ask_pdf_path: Callable[[str], str] = self._ask_pdf_path

        self.which = named(QComboBox(), "Which ecomap", "The whole meeting, or one child's sibling group")
        self.which.currentIndexChanged.connect(self._reload)
        self.full_names = named(QCheckBox("Full na&mes"), "Full names",
                                "Show full names instead of initials (think of who can see the screen)")
        self.full_names.toggled.connect(self._toggle_names)
        self.zoom_in = named(QPushButton("Zoom in (+)"), "Zoom in")
        self.zoom_out = named(QPushButton("Zoom out (−)"), "Zoom out")
        self.relayout = named(QPushButton("Lay out again"), "Lay out again", "Forget the positions set by hand")
        self.pdf_button = named(QPushButton("PDF for the &pack…"), "Ecomap PDF for the meeting pack",
                                "One page with initials only")
        self.view = EcomapView()
        self.zoom_in.clicked.connect(lambda: self.view.zoom(1.25))
        self.zoom_out.clicked.connect(lambda: self.view.zoom(0.8))
        self.relayout.clicked.connect(self._relayout)
        self.pdf_button.clicked.connect(self.export_pdf)
        self.view.node_chosen.connect(self._describe)
        self.view.node_moved.connect(self._save_position)
        self.chosen = plain_label()
        self.chosen.setObjectName("ecomap_chosen")
        self.chosen.setAccessibleName("Chosen node")
        self.chosen.setWordWrap(True)
        self.message = plain_label()
        self.message.setObjectName("ecomap_message")
        self.message.setAccessibleName("Ecomap message")
        self.listing = named(QListWidget(), "Ecomap links as text", "Every link in the picture, one a line")
        # "How is this child linked to that person": the shortest chain from the chosen node.
        self.path_to = named(QComboBox(), "How linked to", "Another node: the chain of links from the chosen node to it")
        self.path_to.currentIndexChanged.connect(lambda _index: self._show_path())
        self.path_to.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.path_to.setMinimumContentsLength(16)
        self.path_text = plain_label()
        self.path_text.setObjectName("ecomap_path")
        self.path_text.setAccessibleName("How they are linked")
        self.path_text.setWordWrap(True)
        self.listing.setWordWrap(True)

        bar = QHBoxLayout()
        show = QLabel("Sho&w:")
        show.setBuddy(self.which)
        bar.addWidget(show)
        bar.addWidget(self.which, 1)
        for widget in (self.full_names, self.zoom_in, self.zoom_out, self.relayout, self.pdf_button):
            if isinstance(widget, QPushButton):
                widget.setAutoDefault(False)  # in the sibling group's dialog Enter clicked "Zoom in"
            bar.addWidget(widget)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.view, 1)
        left_layout.addWidget(self.chosen)
        path_row = QHBoxLayout()
        path_label = QLabel("How lin&ked to:")
        path_label.setBuddy(self.path_to)
        path_row.addWidget(path_label)
        path_row.addWidget(self.path_to)
        path_row.addWidget(self.path_text, 1)
        left_layout.addLayout(path_row)
        left_layout.addWidget(plain_label("Keys: arrows move between nodes, Page Down/Up go through them in "
                                          "order, Ctrl+arrow moves a node, + and − zoom, 0 fits, Enter opens the history."))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        links = QLabel("&Links as text:")
        links.setBuddy(self.listing)
        right_layout.addWidget(links)
        right_layout.addWidget(self.listing, 1)
        right_layout.addWidget(self._key())
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([760, 360])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        make_action(self, "", "Ctrl+E", self.view.setFocus).setShortcutContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut)

    @staticmethod
    def _key() -> QLabel:
        label = plain_label("Key: child ● circle (blue) · peer group ⬢ hexagon (green) · place ■ square (orange) · "
                            "person of concern ◆ diamond (red) · relative or carer • small circle (grey). Lines: "
                            "sibling thick, half-sibling thick dashes, friend dots, partner dash-dot, harmed by red, "
                            "member solid, linked red dashes, seen at dashes, lives at thin, school dash-dot-dot, "
                            "relative grey.")
        label.setWordWrap(True)
        label.setObjectName("ecomap_key")
        return label

    # -- loading ----------------------------------------------------------------------------------
    def set_meeting(self, services: Services | None, meeting_id: int | None) -> None:
        self._services, self.meeting_id = services, meeting_id
        self.which.blockSignals(True)
        self.which.clear()
        if services is not None and meeting_id is not None:
            self.which.addItem("The whole meeting", ("meeting", meeting_id))
            for subject in services.meetings.subjects(meeting_id):
                if subject.kind == "child":
                    self.which.addItem(f"Sibling group of {subject.name}", ("siblings", subject.id))
        self.which.blockSignals(False)
        self._reload()

    def show_siblings(self, services: Services, child_id: int) -> None:
        """Only one child's sibling group (from the child's history page)."""
        self._services, self.meeting_id = services, None
        self.which.blockSignals(True)
        self.which.clear()
        self.which.addItem("Sibling group", ("siblings", child_id))
        self.which.blockSignals(False)
        self.pdf_button.setEnabled(False)  # the meeting pack's page is a meeting's
        self._reload()

    def _reload(self) -> None:
        choice = self.which.currentData()
        if self._services is None or choice is None:
            self.ecomap = None
            self.view.scene().clear()
            self.listing.clear()
            self._fill_path_targets()
            return
        try:
            kind, ident = choice
            self.ecomap = (self._services.ecomap.for_meeting(ident) if kind == "meeting"
                           else self._services.ecomap.sibling_group(ident))
        except ServiceError as exc:
            say_problem(self.message, str(exc))
            return
        self.view.show_ecomap(self.ecomap)
        self.view.set_full_names(self.full_names.isChecked())
        self._fill_listing()
        self._fill_path_targets()
        self.chosen.setText(f"{len(self.ecomap.nodes)} nodes, {len(self.ecomap.edges)} links. "
                            "Click the picture or press an arrow key to choose a node.")

    def _fill_listing(self) -> None:
        self.listing.clear()
        if self.ecomap is not None:
            self.listing.addItems(text_listing(self.ecomap, full_names=self.full_names.isChecked()))

    def _fill_path_targets(self) -> None:
        """Every node, by the label the picture shows, for "how linked to"."""
        current = self.path_to.currentData()
        self.path_to.blockSignals(True)
        self.path_to.clear()
        if self.ecomap is not None:
            full = self.full_names.isChecked()
            for node in sorted(self.ecomap.nodes, key=lambda n: (n.label(full).casefold(), n.key)):
                self.path_to.addItem(f"{node.label(full)} ({KIND_WORDS.get(node.kind, node.kind)})", node.key)
        self.path_to.setCurrentIndex(self.path_to.findData(current) if current is not None else -1)
        self.path_to.blockSignals(False)
        self._show_path()

    def _show_path(self) -> None:
        target, start = self.path_to.currentData(), self.view.current
        if self.ecomap is None or target is None or start is None:
            self.path_text.setText("Choose a node in the picture, then another here: the links between them."
                                   if self.ecomap is not None and self.ecomap.nodes else "")
            return
        full = self.full_names.isChecked()
        if target == start:
            self.path_text.setText(f"{self.ecomap.node(start).label(full)} is the node chosen in the picture.")
            return
        chain = self.ecomap.path(start, target)
        if not chain:
            self.path_text.setText(f"{self.ecomap.node(start).label(full)} and {self.ecomap.node(target).label(full)} "
                                   "are not linked through anything recorded here.")
            return
        # Each link as it reads ("K.Ø. – seen at – F.R."), in the order the chain goes.
        steps = [f"{self.ecomap.node(e.a).label(full)} – {e.label} – {self.ecomap.node(e.b).label(full)}"
                 for e in chain]
        self.path_text.setText(f"Through {len(chain)} link{'s' if len(chain) != 1 else ''}: " + "; ".join(steps))

    def _toggle_names(self, full: bool) -> None:
        self.view.set_full_names(full)
        self._fill_listing()
        self._fill_path_targets()
        if self.view.current:
            self._describe(self.view.current)

    def _describe(self, key: str) -> None:
        if self.ecomap is None:
            return
        full = self.full_names.isChecked()
        node = self.ecomap.node(key)
        links = [e for e in self.ecomap.edges if key in (e.a, e.b)]
        parts = [f"{e.label} {self.ecomap.node(e.b if e.a == key else e.a).label(full)}" for e in links]
        text = f"{node.label(full)} ({KIND_WORDS.get(node.kind, node.kind)})" + (
            ": " + "; ".join(parts) if parts else ": no links recorded")
        self.chosen.setText(text)
        self.view.setAccessibleDescription(text)
        self._show_path()

    def _save_position(self, view: str, node: str, x: float, y: float) -> None:
        if self._services is None:
            return
        try:
            self._services.ecomap.save_position(view, node, x, y)
        except ServiceError as exc:
            say_problem(self.message, str(exc))

    def _relayout(self) -> None:
        if self._services is None or self.ecomap is None:
            return
        self._services.ecomap.reset_positions(self.ecomap.view)
        self._reload()

    # -- the meeting pack ---------------------------------------------------------------------------
    def _ask_pdf_path(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, "Ecomap PDF for the meeting pack", suggested, "PDF (*.pdf)")
        return path

    def export_pdf(self) -> None:
        if self._services is None or self.meeting_id is None:
            return
        path = self.ask_pdf_path(f"EFH-{self.meeting_id:06d}-ecomap.pdf")
        if not path:
            return
        try:
            written = self._services.ecomap.write_pdf(self.meeting_id, Path(path))
        except Exception as exc:  # noqa: BLE001 - every refusal is a message, never a traceback
            say_problem(self.message, user_message(exc))
            return
        say_done(self.message, f"Ecomap page written (initials only): {written.name}")
