"""The window's message boxes show their text as written (gui/message_box.py): a name, a file name or
an error that quotes what was typed keeps its markup characters instead of being taken for rich
text, so a confirmation names exactly the child it acts on."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from efh_desktop.gui import message_box

_REAL_RUN = message_box._run  # taken before tests/conftest.py answers every box for the tests
GUI = Path(__file__).resolve().parents[1] / "efh_desktop" / "gui"


def _look_then_press(qtbot, seen: dict, key: Qt.Key) -> None:
    def look() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        label = box.findChild(QLabel, "qt_msgbox_label")
        seen.update(format=box.textFormat(), label_format=label.textFormat(), shown=label.text())
        qtbot.keyClick(box, key)

    QTimer.singleShot(50, look)


def test_a_question_names_the_child_with_markup_characters_as_written(qtbot):
    text = "Remove Kai <b>Brennan</b> & <Zoë Łukasiewicz> from this meeting?\n\nİlkay stays."
    seen: dict = {}
    _look_then_press(qtbot, seen, Qt.Key.Key_Return)
    answer = _REAL_RUN("question", None, "Remove from meeting", text,
                       QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    assert seen == {"format": Qt.TextFormat.PlainText, "label_format": Qt.TextFormat.PlainText, "shown": text}
    assert answer == QMessageBox.StandardButton.No  # Enter takes the default: nothing removed


def test_a_warning_quoting_a_typed_tag_is_shown_whole(qtbot):
    text = "<img src=x> is not a date: type it as 4/6/2026 or 4 June 2026."
    seen: dict = {}
    _look_then_press(qtbot, seen, Qt.Key.Key_Return)
    assert _REAL_RUN("warning", None, "Not recorded", text, QMessageBox.StandardButton.Ok,
                     QMessageBox.StandardButton.NoButton) == QMessageBox.StandardButton.Ok
    assert seen["shown"] == text and seen["label_format"] == Qt.TextFormat.PlainText


def test_every_message_box_of_the_window_comes_from_the_plain_text_module():
    """QMessageBox's static information/warning/critical/question take their text as AutoText."""
    static = re.compile(r"QMessageBox\.(information|warning|critical|question)\(")
    found = [f"{path.relative_to(GUI)}:{n}" for path in GUI.rglob("*.py") if path.name != "message_box.py"
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if static.search(line)]
    assert found == []
