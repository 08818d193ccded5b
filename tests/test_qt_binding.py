"""Guards against a Qt binding that corrupts the interpreter over a long session.

PySide6 6.12.0 dropped one reference to None on every call of a method returning void (setText,
setData…); on Python 3.11, where None is not immortal, a long meeting's minutes eventually
crashed the process ("deallocating None"). pyproject.toml excludes that release; this test fails if
a binding with the same fault is installed again.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem


def test_void_calls_do_not_drain_references_to_none(qtbot):
    label = QLabel()
    items = QListWidget()
    qtbot.addWidget(label)
    qtbot.addWidget(items)
    items.addItem(QListWidgetItem("item"))
    gc.collect()
    before = sys.getrefcount(None)
    for n in range(2000):
        label.setText(f"text {n}")
        items.item(0).setData(256, n)
    gc.collect()
    assert sys.getrefcount(None) - before > -200, "the Qt binding is losing references to None"
