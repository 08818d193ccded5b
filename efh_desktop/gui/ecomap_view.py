"""The ecomap drawn in the window: a QGraphicsView of children, peer groups, places, persons of
concern and a child's relatives, each kind its own shape and colour, each relationship its own line
style; initials by default, full names by a toggle.

Keyboard: the arrow keys move to the nearest node in that direction, Page Down / Page Up to the next
or previous node (the meeting's own subjects first), Ctrl+arrow moves the chosen node (saved),
+ and - zoom, 0 fits the picture, Enter opens the chosen subject's history page. The text listing
beside the picture says the same as the lines.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from efh_desktop.domain.ecomap import (
    KIND_COLOURS,
    KIND_SHAPES,
    KIND_WORDS,
    LINE_STYLES,
    Ecomap,
    EcoNode,
    nearest_in_direction,
    reading_order,
)

RADIUS = 16.0
_PEN_STYLES = {"dash": Qt.PenStyle.DashLine, "dash_thick": Qt.PenStyle.DashLine, "dot": Qt.PenStyle.DotLine,
               "dot_dot": Qt.PenStyle.DashDotDotLine, "dash_dot": Qt.PenStyle.DashDotLine, "dash_red": Qt.PenStyle.DashLine}


_PENS: dict[str, QPen] = {}
_FONTS: dict[bool, QFont] = {}
_BRUSHES: dict[str, QBrush] = {}
_PATHS: dict[str, QPainterPath] = {}


def pen_for(style: str) -> QPen:
    """One pen per line style, made once: a network has hundreds of lines and a dozen styles."""
    if style not in _PENS:
        _PENS[style] = _make_pen(style)
    return _PENS[style]


def _font(bold: bool) -> QFont:
    if bold not in _FONTS:
        font = QFont()
        font.setPointSizeF(9.0)
        font.setBold(bold)
        _FONTS[bold] = font
    return _FONTS[bold]


def _make_pen(style: str) -> QPen:
    colour = QColor("#b3261e") if "red" in style else QColor("#8c8c8c") if "grey" in style else QColor("#333333")
    width = 3.0 if "thick" in style else 1.0 if style == "solid_thin" else 1.6
    pen = QPen(colour, width)
    pen.setStyle(_PEN_STYLES.get(style, Qt.PenStyle.SolidLine))
    pen.setCosmetic(True)
    return pen


def shape_path(kind: str, r: float = RADIUS) -> QPainterPath:
    path = QPainterPath()
    shape = KIND_SHAPES.get(kind, "circle")
    if shape in ("circle", "small_circle"):
        rr = r * (0.65 if shape == "small_circle" else 1.0)
        path.addEllipse(QPointF(0, 0), rr, rr)
    elif shape == "square":
        path.addRect(QRectF(-r, -r, 2 * r, 2 * r))
    else:
        sides, turn = (6, 0.0) if shape == "hexagon" else (4, math.pi / 2)
        points = [QPointF(r * 1.2 * math.cos(turn + 2 * math.pi * i / sides),
                          r * 1.2 * math.sin(turn + 2 * math.pi * i / sides)) for i in range(sides)]
        path.addPolygon(QPolygonF(points))
        path.closeSubpath()
    return path


class NodeItem(QGraphicsItem):
    def __init__(self, node: EcoNode, on_moved: Callable[[NodeItem], None]) -> None:
        super().__init__()
        self.node = node
        self.edges: list[EdgeItem] = []
        self._on_moved = on_moved
        if node.kind not in _PATHS:
            _PATHS[node.kind] = shape_path(node.kind)
            _BRUSHES[node.kind] = QBrush(QColor(KIND_COLOURS.get(node.kind, "#444444")))
        self._path = _PATHS[node.kind]
        self._brush = _BRUSHES[node.kind]
        self.label = QGraphicsSimpleTextItem(node.initials, self)
        self.label.setFont(_font(node.focus))
        self._centre_label()
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsMovable | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
                      | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable)
        self.setZValue(1)
        # Painted once into a pixmap (shape and label): dragging then only blits it.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setToolTip(f"{node.name} ({KIND_WORDS.get(node.kind, node.kind)})")
        self._dragging = False

    def set_full_names(self, full: bool) -> None:
        self.label.setText(self.node.label(full))
        self._centre_label()

    def _centre_label(self) -> None:
        bounds = self.label.boundingRect()
        self.label.setPos(-bounds.width() / 2, RADIUS * 1.3)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._path.boundingRect().adjusted(-4, -4, 4, 4)

    def shape(self) -> QPainterPath:
        return self._path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        outline = QPen(QColor("#ffcc00") if self.isSelected() else QColor("#ffffff"), 4 if self.isSelected() else 1.5)
        painter.setPen(outline)
        painter.setBrush(self._brush)
        painter.drawPath(self._path)

    def drag_by(self, dx: float, dy: float) -> None:
        """Move the node and the lines that meet it (a drag step, or Ctrl+arrow)."""
        self.moveBy(dx, dy)
        self.adjust_edges()

    def adjust_edges(self) -> None:
        for edge in self.edges:
            edge.adjust()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        # Lines follow in the drag itself (no itemChange hook: that is a Python call for every
        # change of every item, and building the picture makes thousands).
        super().mouseMoveEvent(event)
        scene = self.scene()
        for item in scene.selectedItems() if scene is not None else ():
            if isinstance(item, NodeItem):
                item.adjust_edges()

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self._dragging = True
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        if self._dragging:
            self._dragging = False
            self._on_moved(self)


class EdgeItem(QGraphicsLineItem):
    def __init__(self, a: NodeItem, b: NodeItem, relation: str, label: str) -> None:
        super().__init__()
        self.a, self.b, self.relation, self.text = a, b, relation, label
        self.setPen(pen_for(LINE_STYLES.get(relation, "solid")))
        self.setZValue(0)
        self.setToolTip(label)
        a.edges.append(self)
        b.edges.append(self)
        self.adjust()

    def adjust(self) -> None:
        self.setLine(self.a.pos().x(), self.a.pos().y(), self.b.pos().x(), self.b.pos().y())


class EcomapView(QGraphicsView):
    """The picture. ``node_chosen`` says which node the keyboard or mouse is on (its key);
    ``node_moved`` (view, node key, x, y) asks for a hand-placed position to be saved."""

    node_chosen = Signal(str)
    node_moved = Signal(str, str, float, float)
    subject_opened = Signal(int)  # Enter on a node that is a subject: its history page

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ecomap_view")
        self.setAccessibleName("Ecomap picture")
        self.setAccessibleDescription("Arrow keys move between nodes, Page Down and Page Up go through them in order, "
                                      "Ctrl+arrow moves a node, plus and minus zoom, 0 fits the picture, Enter opens "
                                      "the chosen subject's history")
        scene = QGraphicsScene(self)
        # Nodes move while dragged: no spatial index to rebuild on every step (a few hundred items).
        scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setScene(scene)
        self.setOptimizationFlags(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(420, 320)
        self.ecomap: Ecomap | None = None
        self.items_by_key: dict[str, NodeItem] = {}
        self.edges: list[EdgeItem] = []
        self.full_names = False
        self.current: str | None = None
        self.scene().selectionChanged.connect(self._selection_changed)

    def show_ecomap(self, ecomap: Ecomap) -> None:
        scene = self.scene()
        scene.clear()
        self.items_by_key, self.edges, self.current = {}, [], None
        self.ecomap = ecomap
        for node in ecomap.nodes:
            item = NodeItem(node, self._moved)
            x, y = ecomap.positions.get(node.key, (0.0, 0.0))
            item.setPos(x, y)
            scene.addItem(item)
            self.items_by_key[node.key] = item
        for edge in ecomap.edges:
            if edge.a in self.items_by_key and edge.b in self.items_by_key:
                line = EdgeItem(self.items_by_key[edge.a], self.items_by_key[edge.b], edge.relation, edge.label)
                scene.addItem(line)
                self.edges.append(line)
        if self.full_names:
            self.set_full_names(True)
        bounds = scene.itemsBoundingRect()
        scene.setSceneRect(bounds.adjusted(-60, -60, 60, 60))
        if self.items_by_key:
            self.fitInView(bounds.adjusted(-40, -40, 40, 40), Qt.AspectRatioMode.KeepAspectRatio)

    def set_full_names(self, full: bool) -> None:
        self.full_names = full
        for item in self.items_by_key.values():
            item.set_full_names(full)

    def fit(self) -> None:
        if self.items_by_key:
            self.fitInView(self.scene().itemsBoundingRect().adjusted(-40, -40, 40, 40), Qt.AspectRatioMode.KeepAspectRatio)

    def zoom(self, factor: float) -> None:
        current = self.transform().m11()
        if 0.1 <= current * factor <= 8:
            self.scale(factor, factor)

    def choose(self, key: str | None) -> None:
        if key is None or key not in self.items_by_key:
            return
        self.scene().clearSelection()
        item = self.items_by_key[key]
        item.setSelected(True)
        item.setFocus()
        self.ensureVisible(item, 40, 40)
        self.current = key
        self.node_chosen.emit(key)

    def _selection_changed(self) -> None:
        try:
            chosen = [i for i in self.scene().selectedItems() if isinstance(i, NodeItem)]
        except RuntimeError:  # the scene is being cleared
            return
        if len(chosen) == 1 and chosen[0].node.key != self.current:
            self.current = chosen[0].node.key
            self.node_chosen.emit(self.current)

    def _moved(self, item: NodeItem) -> None:
        if self.ecomap is not None:
            self.ecomap.positions[item.node.key] = (item.pos().x(), item.pos().y())
            self.node_moved.emit(self.ecomap.view, item.node.key, item.pos().x(), item.pos().y())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key, mods = event.key(), event.modifiers()
        arrows = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}
        if self.ecomap is None or not self.items_by_key:
            super().keyPressEvent(event)
            return
        order = list(reading_order(self.ecomap))
        if key in arrows and mods & Qt.KeyboardModifier.ControlModifier and self.current:
            dx, dy = arrows[key]
            item = self.items_by_key[self.current]
            item.drag_by(dx * 20, dy * 20)
            self._moved(item)
        elif key in arrows:
            if self.current is None:
                self.choose(order[0])
            else:
                self.choose(nearest_in_direction(self.ecomap, self.current, *arrows[key]))
        elif key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp, Qt.Key.Key_Home, Qt.Key.Key_End):
            if key == Qt.Key.Key_Home or self.current not in order:
                self.choose(order[0] if key != Qt.Key.Key_End else order[-1])
            elif key == Qt.Key.Key_End:
                self.choose(order[-1])
            else:
                step = 1 if key == Qt.Key.Key_PageDown else -1
                self.choose(order[(order.index(self.current) + step) % len(order)])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current:
            subject = self.items_by_key[self.current].node.subject_id
            if subject is not None:
                self.subject_opened.emit(subject)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(1.25)
        elif key == Qt.Key.Key_Minus:
            self.zoom(0.8)
        elif key == Qt.Key.Key_0:
            self.fit()
        else:
            super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
        else:
            super().wheelEvent(event)
