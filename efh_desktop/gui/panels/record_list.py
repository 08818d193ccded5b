"""The live panel's list of records under the current item: word-wrapped rows whose heights are
measured once, when the row is added or its text changes, and again only when the width changes.

A list view lays out every row again whenever one is added, asking each row its size. Asked of a
Python delegate, that is a Python call per row per record, so the keystroke-to-screen time grew
with the list (issue 17: about 25 ms at 500 rows). Here each item carries its size hint
(``Qt.SizeHintRole``), which Qt's own delegate returns without measuring and without calling
back into Python, so an append costs the same at row 5 and at row 500.

The height is measured by the style exactly as Qt's delegate measures a wrapped row, at a width a
little narrower than the view gives the rows (so a row is never too short for its text; at worst
a few pixels taller).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyle, QStyleOptionViewItem

# Qt lays a wrapped row out a few pixels narrower than the viewport (frame, margins, the scroll
# bar it may need); measuring this much narrower again never underestimates a row's height.
_SLACK = 16


class RecordList(QListWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self._measured_width = -1
        self._option: QStyleOptionViewItem | None = None  # the view's own, for the width measured at

    def _wrap_width(self) -> int:
        # From the widget's own width, as if the scroll bar were showing: the same whether it shows
        # or not, so a scroll bar appearing cannot leave rows measured too wide.
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        return max(40, self.contentsRect().width() - bar - _SLACK)

    def _base_option(self) -> QStyleOptionViewItem:
        """The view's item option at the wrap width, made once (again after a resize, a font or a
        style change): each record measured in the keystroke that adds it does not build it again."""
        if self._option is None:
            option = QStyleOptionViewItem()
            self.initViewItemOption(option)
            option.features |= (QStyleOptionViewItem.ViewItemFeature.HasDisplay
                                | QStyleOptionViewItem.ViewItemFeature.WrapText)
            option.rect = QRect(0, 0, self._wrap_width(), 1)  # a valid rect: the style wraps to its width
            self._option = option
        return self._option

    def measure(self, item: QListWidgetItem) -> None:
        """Give ``item`` its size for its current text (call again after changing its text)."""
        option = self._base_option()
        font = item.data(Qt.ItemDataRole.FontRole)  # as the delegate: the item's font if it has one
        if font is not None:
            option = QStyleOptionViewItem(option)
            option.font = font
            option.fontMetrics = QFontMetrics(font)
        option.text = item.text().replace("\n", "\u2028")  # as Qt's delegate shows it: one line each
        size = self.style().sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, option, QSize(), self)
        item.setSizeHint(size)

    def add_record(self, item: QListWidgetItem) -> None:
        self.measure(item)
        self.addItem(item)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        width = self._wrap_width()
        if width != self._measured_width:  # a new width wraps every row differently: measure again
            self._measured_width = width
            self._remeasure()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._remeasure()

    def _remeasure(self) -> None:
        self._option = None
        for row in range(self.count()):
            self.measure(self.item(row))
