"""`efh-desktop screenshots --out DIR`: render the main views with the fictional demo data to PNG.

Runs offscreen in a throw-away encrypted database, so it needs no passphrase and touches no real
data. Used for the README, the user guide and for reviewing screens.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

DEMO_PASSPHRASE = "demo passphrase for screenshots"


def render_screenshots(out_dir: Path, *, profile_path: Path | None = None, overwrite: bool = False,
                       protected_dir: Path | None = None, palettes: tuple[str, ...] = ("light", "dark")) -> list[Path]:
    """Render every screen in each palette (light: NAME.png, dark: NAME-dark.png), then write the PNG
    files through the safe writer (``overwrite`` only with --force); ``protected_dir`` is the user's
    real data folder, which is refused as ``out_dir``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    from efh_desktop.atomic_write import check_folder, check_target, safe_write_bytes
    from efh_desktop.domain.profile import load_profile
    from efh_desktop.gui.app import make_application

    out_dir = Path(out_dir)
    check_folder(out_dir, protected_dir=protected_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    app = make_application()
    images: list[tuple[Path, bytes]] = []

    def grab_as(suffix: str):
        def grab(widget, name: str) -> None:
            widget.repaint()
            app.processEvents()
            data = QByteArray()
            buffer = QBuffer(data)
            buffer.open(QIODevice.OpenModeFlag.WriteOnly)
            widget.grab().save(buffer, "PNG")
            images.append((out_dir / f"{name}{suffix}.png", bytes(data.data())))
        return grab

    profile = load_profile(profile_path)
    light = app.style().standardPalette()
    from efh_desktop.gui.colours import dark_palette

    for variant in palettes:
        if variant not in ("light", "dark"):
            raise ValueError(f"unknown palette {variant!r}: light or dark")
        # Widgets take their colours (and gui/colours.py its text colours) as they are built.
        app.setPalette(light if variant == "light" else dark_palette())
        suffix = "" if variant == "light" else "-dark"
        _render_all(app, grab_as(suffix), profile)
    app.setPalette(light)
    # Every target is checked before the first is written: a refusal leaves the folder untouched.
    for path, _data in images:
        check_target(path, protected_dir=protected_dir, overwrite=overwrite)
    for path, data in images:
        safe_write_bytes(path, data, protected_dir=protected_dir, overwrite=overwrite)
    return [path for path, _data in images]


def _render_all(app, grab, profile) -> None:  # one screen after another
    """Build the demo window in a throw-away database and grab each screen with ``grab``."""
    from PySide6.QtWidgets import QApplication

    from efh_desktop.gui.main_window import MainWindow
    from efh_desktop.gui.new_meeting_dialog import NewMeetingDialog
    from efh_desktop.gui.session_controller import SessionController
    from efh_desktop.gui.subject_dialog import SubjectDialog
    from efh_desktop.gui.unlock_dialog import UnlockDialog
    from efh_desktop.services.demo_service import load_demo
    from efh_desktop.services.unlock_service import UnlockService
    from efh_desktop.settings import Settings

    with tempfile.TemporaryDirectory(prefix="efh-screens-") as scratch:
        # The throw-away data folder and the export folder sit side by side: exports are never
        # planned into a data folder.
        tmp = Path(scratch) / "data"
        unlocker = UnlockService(tmp, profile, "Alex Brannigan")
        first_run = UnlockDialog(lambda *_: "", first_run=True, keyring_available=True)
        first_run.resize(520, first_run.sizeHint().height())
        grab(first_run, "01-first-run")
        controller = SessionController(unlocker, 5)
        assert controller.attempt(DEMO_PASSPHRASE, DEMO_PASSPHRASE, False) == ""
        load_demo(controller.services)
        window = MainWindow(controller, Settings(user_name="Alex Brannigan", user_role="Minute-taker"), tmp)
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        grab(window, "02-meetings")
        window.show_subjects()
        grab(window, "03-subjects")
        dialog = NewMeetingDialog(controller.services, window)
        dialog.resize(560, dialog.sizeHint().height())
        grab(dialog, "04-new-meeting")
        child = next(r for r in controller.services.subjects.list("child"))
        subject_dialog = SubjectDialog(controller.services, "child", child.id, window)
        grab(subject_dialog, "05-edit-child")
        window.show_meetings()
        first_cs = min(r.id for r in controller.services.meetings.list(type_key="complex_strategy"))
        window.open_meeting(first_cs)
        for index, name in enumerate(("06-workspace-setup", "07-workspace-attendance", "08-workspace-agenda",
                                      "09-workspace-checklist")):
            window.workspace.tabs.setCurrentIndex(index)
            grab(window, name)
        window.workspace.tabs.setCurrentWidget(window.workspace.sharing)
        grab(window, "09a-information-sharing")
        window.workspace.tabs.setCurrentWidget(window.workspace.finalise)
        grab(window, "09b-finalise")
        from efh_desktop.gui.export_dialog import ExportDialog

        exports = Path(scratch) / "exports"
        exports.mkdir()
        dialog = ExportDialog(controller.services, window.workspace.meeting_id, window)
        dialog.folder.setText(str(exports))
        dialog.disclosure.setCurrentIndex(1)
        dialog.prepare()
        grab(dialog, "09c-export-review")
        # The review meeting, live: started, on the first child's item, with a note being typed.
        services = controller.services
        review = max(r.id for r in services.meetings.list(type_key="complex_strategy"))
        window.open_meeting(review)
        window.workspace.tabs.setCurrentWidget(window.workspace.live)
        live = window.workspace.live
        live.start_meeting()
        child_item = next(n.id for n in services.agenda.tree(review) if n.title.startswith("Child:"))
        live.go_to(child_item)
        live.capture.agency.setCurrentText("Police")
        live.capture.note_text.setPlainText("Kai was seen with Dex at the skate park on Saturday evening.")
        live.capture.record()
        live.capture.wait_for_saves()  # the screenshot shows it saved
        live.capture.note_text.setPlainText("KJ told his carer he owes money to older boys")
        live.capture._suggest()
        grab(window, "10-live-minutes")
        window.workspace.tabs.setCurrentWidget(window.workspace.minutes_view)
        grab(window, "10a-minutes-view")
        window.workspace.tabs.setCurrentWidget(window.workspace.actions_panel)
        grab(window, "11-workspace-actions")
        window.show_all_actions()
        grab(window, "12-all-actions")
        _context_screens(window, services, grab)
        window.show_search()
        window.search_panel.search.setText("quickmart")
        _wait_for(window.search_panel.searched, window.search_panel.run)  # it searches off the GUI thread
        grab(window, "12b-search")
        live.toggle_chair_view()
        live.chair_view.showNormal()  # it opens full screen; the picture is of a window
        live.chair_view.resize(900, 620)
        grab(live.chair_view, "13-chair-view")
        live.chair_view.hide()
        from efh_desktop.gui.agenda_pdf_dialog import AgendaPdfDialog

        grab(AgendaPdfDialog(window), "14-agenda-pdf")
        from efh_desktop.gui.shortcuts_sheet import ShortcutsSheet, collect

        sheet = ShortcutsSheet(collect(window), window, open_guide=lambda: None)
        grab(sheet, "16-shortcuts")
        controller.lock()
        grab(window, "15-locked")
        window.close()
        for widget in QApplication.topLevelWidgets():
            widget.close()


def _context_screens(window, services, grab) -> None:
    """Issue 16: the ecomap, the interventions review, a place's history and trend, a sibling group."""
    from efh_desktop.gui.history_page import HistoryDialog

    first_cs = min(r.id for r in services.meetings.list(type_key="complex_strategy"))
    window.open_meeting(first_cs)
    window.workspace.tabs.setCurrentWidget(window.workspace.context)
    panel = window.workspace.context.ecomap
    if panel.ecomap is not None:  # a child chosen, and how it is linked to another
        names = {n.name: n.key for n in panel.ecomap.nodes}
        if "Kai Marlow" in names and "Jada Brennick" in names:
            panel.view.choose(names["Kai Marlow"])
            panel.path_to.setCurrentIndex(panel.path_to.findData(names["Jada Brennick"]))
    grab(window, "16a-ecomap")
    fenwick = max((m for m in services.meetings.list(type_key="safer_options") if "Fenwick" in (m.title or "")),
                  key=lambda m: m.starts_at, default=None)
    if fenwick is not None:
        window.open_meeting(fenwick.id)
        window.workspace.tabs.setCurrentWidget(window.workspace.context)
        window.workspace.context.tabs.setCurrentIndex(1)
        grab(window, "16b-interventions-review")
    steps = services.subjects.list("place", "Harbourside Steps")
    if steps:
        history = HistoryDialog(services, steps[0].id, window)
        history.show()
        grab(history, "16c-place-history")
        history.close()
    people = services.subjects.list("person_of_concern")
    if people:
        history = HistoryDialog(services, people[0].id, window)
        history.show()
        tree = history.page.tree
        if tree.topLevelItemCount() and tree.topLevelItem(0).childCount():
            tree.setCurrentItem(tree.topLevelItem(0).child(0))
        grab(history, "16e-person-of-concern-history")
        history.close()
    milo = services.subjects.list("child", "Milo Threadgold")
    if milo:
        from efh_desktop.gui.subject_dialog import SubjectDialog

        dialog = SubjectDialog(services, "child", milo[0].id, window)
        editor = dialog.relations
        for row in range(editor.list.count()):
            if editor.list.item(row).text().startswith("member of"):
                editor.list.setCurrentRow(row)  # a saved membership chosen, to change
        dialog.show()
        grab(dialog, "16f-relationships")
        dialog.reject()
    tayo = services.subjects.list("child", "Tayo Brennick")
    if tayo:
        history = HistoryDialog(services, tayo[0].id, window)
        history.show()
        history.page.show_siblings()
        grab(history.page.siblings_dialog, "16d-sibling-group")
        history.page.siblings_dialog.close()
        history.close()


def _wait_for(signal, start, limit_ms: int = 20000) -> None:
    """Call ``start`` and run the event loop until ``signal`` is emitted (or ``limit_ms`` pass)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(limit_ms, loop.quit)
    start()
    loop.exec()
    signal.disconnect(loop.quit)
