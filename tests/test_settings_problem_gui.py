"""An unreadable settings file is said once in the window (reliability red team), never silently
replaced by defaults; the sentence names the file, never its content."""

from __future__ import annotations

from efh_desktop.gui import message_box
from efh_desktop.gui.main_window import MainWindow
from efh_desktop.gui.session_controller import SessionController
from efh_desktop.paths import SETTINGS_FILENAME
from efh_desktop.settings import Settings


def test_an_unreadable_settings_file_is_said_in_the_window(qtbot, unlocker, data_dir, monkeypatch):
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(message_box, "warning", lambda _parent, title, text, *a, **k: said.append((title, text)))
    (data_dir / SETTINGS_FILENAME).write_text('{"user_name": "Siân Ló', encoding="utf-8")  # half written
    settings = Settings.load(data_dir)
    assert settings.problem
    window = MainWindow(SessionController(unlocker, idle_minutes=5), settings, data_dir)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(said), timeout=5000)
    assert said[0][0] == "Settings" and "Siân" not in said[0][1]
