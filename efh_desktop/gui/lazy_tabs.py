"""Tabs built the first time they are shown or asked for (issue 17: start-up pays for the first tab).

A tab added here holds an empty stand-in with the tab's label until it is first chosen (by mouse,
Ctrl+Tab, its Alt mnemonic or a menu) or its panel is first asked for in code; then the panel is
built and put in the stand-in's place, at the same index and with the same label, and from then on
it is the tab's widget like any other (``tabs.currentWidget() is panel``). Building the home tabs
nobody has opened yet (and importing their modules: subject dialog forms, the actions tracker's
undo and models, search) cost start-up about a tenth of a second of CPU on a two-core laptop.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QTabWidget, QWidget


class LazyTabs:
    def __init__(self, tabs: QTabWidget) -> None:
        """Create before anything else connects to ``tabs.currentChanged``: the panel is then in
        place when the others hear of the change."""
        self._tabs = tabs
        self._waiting: dict[str, tuple[QWidget, Callable[[], QWidget]]] = {}
        self._built: dict[str, QWidget] = {}
        tabs.currentChanged.connect(self._chosen)

    def add(self, key: str, label: str, build: Callable[[], QWidget]) -> None:
        stand_in = QWidget()
        stand_in.setObjectName(f"{key}_tab_not_yet_built")
        stand_in.setAccessibleName(label.replace("&", ""))
        self._waiting[key] = (stand_in, build)
        self._tabs.addTab(stand_in, label)

    def built(self, key: str) -> bool:
        return key in self._built

    def get(self, key: str) -> QWidget:
        """The tab's panel, built now if it was not yet."""
        panel = self._built.get(key)
        if panel is not None:
            return panel
        stand_in, build = self._waiting.pop(key)
        panel = build()
        self._built[key] = panel
        index = self._tabs.indexOf(stand_in)
        current = self._tabs.currentIndex()
        label = self._tabs.tabText(index)
        was_blocked = self._tabs.blockSignals(True)  # the same tab stays chosen: nothing changed for others
        try:
            self._tabs.removeTab(index)
            self._tabs.insertTab(index, panel, label)
            self._tabs.setCurrentIndex(current)
        finally:
            self._tabs.blockSignals(was_blocked)
        stand_in.deleteLater()
        return panel

    def _chosen(self, index: int) -> None:
        widget = self._tabs.widget(index)
        for key, (stand_in, _build) in list(self._waiting.items()):
            if stand_in is widget:
                self.get(key)
                return
