"""A small painted chart: concerns recorded and interventions, by month (a place's or group's page).

Two bars a month (concerns dark blue, interventions orange, each with its own pattern so the chart
reads without colour), months along the bottom. The same figures are in the accessible description.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from efh_desktop.services.history_service import MonthCount

CONCERNS, INTERVENTIONS = QColor("#2f6db5"), QColor("#b8600b")


class TrendChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trend_chart")
        self.setAccessibleName("Trend by month")
        self.months: list[MonthCount] = []
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(520, 170)

    def show_months(self, months: list[MonthCount]) -> None:
        self.months = months
        self.setAccessibleDescription("; ".join(f"{m.label}: {m.concerns} concerns, {m.interventions} interventions"
                                                for m in months) or "Nothing recorded yet")
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(34, 22, -8, -26)
        painter.setPen(QPen(self.palette().text().color()))
        font = QFont(self.font())
        font.setPointSizeF(8.0)
        painter.setFont(font)
        # The key in the bars' own colours and patterns (a text "■" in the text colour matched neither).
        x = 34.0
        for colour, pattern, words in ((CONCERNS, Qt.BrushStyle.SolidPattern, "concerns recorded"),
                                       (INTERVENTIONS, Qt.BrushStyle.BDiagPattern, "interventions")):
            swatch = QRectF(x, 5, 12, 11)
            painter.fillRect(swatch, QBrush(QColor("white")))
            painter.fillRect(swatch, QBrush(colour, pattern))
            painter.setPen(QPen(colour))
            painter.drawRect(swatch)
            painter.setPen(QPen(self.palette().text().color()))
            painter.drawText(QRectF(x + 16, 2, 200, 18), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             words)
            x += 16 + painter.fontMetrics().horizontalAdvance(words) + 18
        painter.drawText(QRectF(x, 2, 200, 18), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         "(by month)")
        if not self.months:
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "Nothing recorded yet")
            return
        top = max(1, max(max(m.concerns, m.interventions) for m in self.months))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.drawText(QRectF(0, rect.top() - 6, 30, 14), Qt.AlignmentFlag.AlignRight, str(top))
        painter.drawText(QRectF(0, rect.bottom() - 8, 30, 14), Qt.AlignmentFlag.AlignRight, "0")
        slot = rect.width() / len(self.months)
        bar = max(2.0, min(18.0, slot / 3))
        every = max(1, int(60 / slot) + 1)  # month labels that fit
        for i, month in enumerate(self.months):
            x = rect.left() + i * slot + slot / 2
            for offset, value, colour, pattern in ((-bar, month.concerns, CONCERNS, Qt.BrushStyle.SolidPattern),
                                                   (0.0, month.interventions, INTERVENTIONS,
                                                    Qt.BrushStyle.BDiagPattern)):
                height = rect.height() * value / top
                box = QRectF(x + offset, rect.bottom() - height, bar, height)
                painter.fillRect(box, QBrush(QColor("white")))
                painter.fillRect(box, QBrush(colour, pattern))
                painter.setPen(QPen(colour))
                painter.drawRect(box)
            if i % every == 0:
                painter.setPen(QPen(self.palette().text().color()))
                painter.drawText(QRectF(x - slot * every / 2, rect.bottom() + 4, slot * every, 16),
                                 Qt.AlignmentFlag.AlignHCenter, month.short_label)
