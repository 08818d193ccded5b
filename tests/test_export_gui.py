"""Exporting the minutes from the window: review before writing, the files, the filing list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from efh_desktop.gui.export_dialog import ExportDialog
from efh_desktop.gui.main_window import MainWindow
from efh_desktop.gui.session_controller import SessionController
from efh_desktop.settings import Settings
from tests.background_helpers import wait_for_background
from tests.conftest import PASSPHRASE

pytestmark = pytest.mark.demo_store  # data_dir is a copy of the demo store built once per run


@pytest.fixture
def window(qtbot, unlocker, data_dir):
    controller = SessionController(unlocker, idle_minutes=5)
    assert controller.attempt(PASSPHRASE, None, False) == ""
    win = MainWindow(controller, Settings(), data_dir)
    qtbot.addWidget(win)
    win.show()
    yield win
    controller.lock()


def test_review_then_write_then_file(qtbot, window, tmp_path, message_boxes):
    services = window.services
    meeting = min(r.id for r in services.meetings.list(type_key="complex_strategy"))
    out = tmp_path / "exports"
    out.mkdir()
    dialog = ExportDialog(services, meeting, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.folder.setText(str(out))
    assert dialog.full.isChecked() and dialog.full.isEnabled()
    dialog.disclosure.setCurrentIndex(1)
    # A family's copy is written on its own: the full minutes and record copies name every child.
    assert not dialog.full.isChecked() and not dialog.full.isEnabled() and not dialog.per_child.isEnabled()
    assert "on its own" in dialog.full.accessibleDescription()
    assert not dialog.write_button.isEnabled(), "nothing is written before the review"
    dialog.prepare()
    lines = [dialog.review.item(i).text() for i in range(dialog.review.count())]
    assert any(line.startswith("Will write minutes-EFH-") for line in lines)
    assert any("replaced by “Child B”" in line for line in lines)
    # Fail closed: the disclosure copy's points are decided by keyboard before anything is written.
    review = dialog.disclosure_review
    assert not review.isHidden() and not dialog.write_button.isEnabled()
    review.points.setFocus()
    review.points.setCurrentRow(0)
    for _ in range(review.points.count() + 1):
        data = review.points.currentItem().data(Qt.ItemDataRole.UserRole)
        if not data or dialog.plan.copies[-1].open_points == 0:
            break
        qtbot.keyClick(review.points, Qt.Key.Key_W if data[0] == "withheld" else Qt.Key.Key_M)
    copy = next(c for c in dialog.plan.copies if c.kind == "disclosure")
    assert copy.open_points == 0 and "0 points left" in review.left.text()
    assert not dialog.write_button.isEnabled(), "a second person approves first"
    assert list(out.iterdir()) == []
    review.approver.setText("Ngozi Achterberg")
    review.role.setText("Service Manager")
    review.approve_button.setFocus()
    qtbot.keyClick(review.approve_button, Qt.Key.Key_Space)
    assert dialog.write_button.isEnabled(), review.status.text()
    dialog.write_button.setFocus()
    qtbot.keyClick(dialog.write_button, Qt.Key.Key_Space)
    wait_for_background(qtbot)
    assert [p.name for p in out.iterdir()] == [p.name for p in dialog.written]
    assert all("disclosure" in p.name for p in dialog.written)
    # Then the full minutes and a record copy per child, to another folder.
    records = tmp_path / "records"
    records.mkdir()
    dialog.disclosure.setCurrentIndex(0)
    assert dialog.full.isEnabled() and dialog.full.isChecked(), "the ticks come back"
    dialog.per_child.setChecked(True)
    dialog.folder.setText(str(records))
    dialog.prepare()
    assert dialog.write_button.isEnabled(), dialog.message.text()
    dialog.write_button.setFocus()
    qtbot.keyClick(dialog.write_button, Qt.Key.Key_Space)
    wait_for_background(qtbot)
    assert len(list(records.iterdir())) == len(dialog.written) == 7  # the full minutes and six record copies
    window.open_meeting(meeting)
    panel = window.workspace.finalise
    window.workspace.tabs.setCurrentWidget(panel)
    panel.refresh()
    assert panel.filing.count() == 6 and "still to file" in panel.filing_status.text()
    for row in range(panel.filing.count()):
        panel.filing.item(row).setCheckState(Qt.CheckState.Checked)
        qtbot.wait(1)
    qtbot.waitUntil(lambda: panel.filing_status.text().startswith("Filing complete"))
    assert services.minutes_files.filing_complete(meeting)


def test_cancel_stops_between_files_and_says_how_many_were_written(qtbot, window, tmp_path, monkeypatch):
    """Writing the minutes is the one slow operation that can stop part-way safely: each file is
    whole and audited before the next begins, so Cancel (or Escape) stops between two files."""
    import threading

    from PySide6.QtWidgets import QProgressDialog

    from efh_desktop.services import export_writer

    services = window.services
    meeting = min(r.id for r in services.meetings.list(type_key="complex_strategy"))
    out = tmp_path / "exports"
    out.mkdir()
    second_file, go_on = threading.Event(), threading.Event()
    real_add = export_writer.ExportBatch.add
    calls: list[str] = []

    def slow_add(self, path, data, **kwargs):  # on the background thread: each file as it is written
        calls.append(path.name)
        if len(calls) == 2:
            second_file.set()
            go_on.wait(20)
        return real_add(self, path, data, **kwargs)

    monkeypatch.setattr(export_writer.ExportBatch, "add", slow_add)
    dialog = ExportDialog(services, meeting, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.folder.setText(str(out))
    dialog.prepare()
    total = len(dialog.plan.files)
    assert total >= 3 and dialog.write_button.isEnabled()
    dialog.write_button.setFocus()
    qtbot.keyClick(dialog.write_button, Qt.Key.Key_Space)
    assert second_file.wait(20)
    [progress] = dialog.findChildren(QProgressDialog)
    progress.show()  # it would appear by itself after half a second
    qtbot.keyClick(progress, Qt.Key.Key_Escape)
    go_on.set()
    wait_for_background(qtbot)
    assert len(list(out.iterdir())) == 2, "the file being written finished; none after it began"
    from sqlmodel import select

    from efh_desktop.store.tables import AuditEvent

    with services.ctx.reading() as session:
        recorded = [e.changes["file"] for e in session.exec(select(AuditEvent).where(AuditEvent.action == "export"))]
    assert sorted(recorded) == sorted(str(p) for p in out.iterdir()), "both files, and only they, are recorded"
    assert dialog.message.text() == f"Stopped at your request: 2 of {total} files written. Review again to write " \
                                    "the rest."
    assert not dialog.write_button.isEnabled()
