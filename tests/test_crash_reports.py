"""Crash reports say where, never what: tracebacks in the log carry file, line and function and the
exception's class, never its message or values; a hard crash is written by faulthandler into the log
folder; Help → "Open the log folder" shows it."""

from __future__ import annotations

import faulthandler
import logging
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from test_cli import cli_env, run_cli

from efh_desktop import logging_setup
from efh_desktop.paths import LOG_DIRNAME

MARKER = "Kai Marlow SECRET-7731"
PROJECT_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def log_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    logging_setup.configure_logging(tmp_path / "data")
    yield tmp_path / "data" / LOG_DIRNAME
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_efh", False)]:
        root.removeHandler(handler)
        handler.close()
    faulthandler.enable(file=sys.__stderr__)


def fail_with_case_data(note: str) -> None:
    try:
        {}[note]
    except KeyError as exc:
        raise ValueError(f"could not save {note}") from exc


def log_text(folder: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return (folder / "efh-desktop.log").read_text(encoding="utf-8")


def test_a_logged_traceback_has_frames_but_no_message(log_dir):
    try:
        fail_with_case_data(MARKER)
    except ValueError:
        logging.getLogger("efh_desktop.test").exception("save failed")
    text = log_text(log_dir)
    assert MARKER not in text and "SECRET" not in text
    assert "builtins.ValueError (message not logged)" in text and "builtins.KeyError" in text
    assert 'test_crash_reports.py", line ' in text and "in fail_with_case_data" in text


def test_a_traceback_another_formatter_cached_is_not_reused():
    try:
        fail_with_case_data(MARKER)
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", None, sys.exc_info())
    assert MARKER in logging.Formatter().format(record)  # caches the full text on the record
    assert MARKER not in logging_setup.FramesOnlyFormatter().format(record)


def test_threads_and_the_window_log_frames_only(log_dir, monkeypatch, qapp, message_boxes):
    from efh_desktop.gui import app

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(app, "qInstallMessageHandler", lambda handler: None)
    app._install_excepthook()
    try:
        fail_with_case_data(MARKER)
    except ValueError:
        sys.excepthook(*sys.exc_info())
    worker = threading.Thread(target=fail_with_case_data, args=(MARKER,))
    worker.start()
    worker.join()
    text = log_text(log_dir)
    assert MARKER not in text
    assert "unhandled ValueError" in text and "unhandled in a thread: ValueError" in text
    assert text.count("in fail_with_case_data") == 4  # two exceptions (cause and effect) each time
    assert message_boxes and message_boxes[0][0] == "warning"


def test_qt_messages_log_where_not_what(log_dir):
    from PySide6.QtCore import QtMsgType

    from efh_desktop.gui.app import qt_message_handler

    class Context:
        file, line, function, category = "widget.cpp", 42, "setText", "qt.widgets"

    qt_message_handler(QtMsgType.QtWarningMsg, Context(), f"QLabel::setText: cannot show {MARKER}")
    qt_message_handler(QtMsgType.QtCriticalMsg, Context(), f"{MARKER} with no prefix")
    text = log_text(log_dir)
    assert MARKER not in text and "SECRET" not in text
    assert "qt QtWarningMsg from QLabel::setText (widget.cpp:42 in setText)" in text


def test_a_hard_crash_is_written_to_the_log_folder(tmp_path):
    script = ("import sys; from pathlib import Path; from efh_desktop.logging_setup import configure_logging\n"
              "def crash_here():\n    import faulthandler; faulthandler._sigsegv()\n"
              "configure_logging(Path(sys.argv[1]))\ncrash_here()\n")
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path)], env=cli_env(None), cwd=PROJECT_ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    crash = (tmp_path / LOG_DIRNAME / logging_setup.CRASH_FILENAME).read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in crash and "in crash_here" in crash
    assert (tmp_path / LOG_DIRNAME / logging_setup.CRASH_FILENAME).stat().st_mode & 0o077 == 0


def test_a_failed_command_logs_where_it_failed_not_the_values(data_dir, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    result = run_cli(data_dir, "export", "--meeting", "987654", "--out", str(out))
    assert result.returncode == 1 and len(result.stderr.splitlines()) == 1
    text = (data_dir / LOG_DIRNAME / "efh-desktop.log").read_text(encoding="utf-8")
    assert "command failed: NotFound" in text and "(message not logged)" in text and ", in _dispatch" in text
    assert "987654" not in text


def test_help_opens_the_log_folder(qtbot, unlocker, data_dir):
    from PySide6.QtGui import QAccessible

    from efh_desktop.gui.main_window import MainWindow
    from efh_desktop.gui.session_controller import SessionController
    from efh_desktop.settings import Settings

    window = MainWindow(SessionController(unlocker, idle_minutes=5), Settings(), data_dir)
    qtbot.addWidget(window)
    opened = []
    window.open_url = lambda url: opened.append(url) or True
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    window.show()
    accessible = QAccessible.queryAccessibleInterface(help_menu)
    names = [accessible.child(n).text(QAccessible.Text.Name) for n in range(accessible.childCount())]
    assert "Open the log folder" in names
    window.findChild(type(window.log_folder_action), "open_log_folder").trigger()
    assert [Path(url.toLocalFile()) for url in opened] == [data_dir / LOG_DIRNAME]
    assert (data_dir / LOG_DIRNAME).is_dir()
    window.controller.lock()
