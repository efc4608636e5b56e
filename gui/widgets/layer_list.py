"""The list of layers: one row per layer with a type icon, a summary and its output shape.

Rows are reordered by drag and drop (the panel makes the move, an undoable
edit), Delete removes the selected row and Ctrl+Up/Down move it. A row whose
layer has a problem gets a red "!" icon, a red tint and the message as its
tooltip.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QWidget,
)

from core.layers import LAYER_TYPES
from gui import style
from gui.labels import activation_label

ProblemRole = Qt.ItemDataRole.UserRole + 1
ShapeRole = Qt.ItemDataRole.UserRole + 2


def _tr(text: str) -> str:
    return QCoreApplication.translate("LayerList", text)


def kind_icon(color: str, mark: str = "") -> QIcon:
    pix = QPixmap(16, 16)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(color))
    if mark:
        p.drawEllipse(1, 1, 14, 14)
        p.setPen(QColor("white"))
        font = p.font()
        font.setBold(True)
        font.setPixelSize(12)
        p.setFont(font)
        p.drawText(pix.rect(), Qt.AlignmentFlag.AlignCenter, mark)
    else:
        p.drawRoundedRect(2, 2, 12, 12, 3, 3)
    p.end()
    return QIcon(pix)


def undo_icon(mirror: bool) -> QIcon:
    """A curved arrow (drawn: offscreen and on some desktops there is no icon theme)."""
    pix = QPixmap(20, 20)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    if mirror:
        p.translate(20, 0)
        p.scale(-1, 1)
    p.setPen(QPen(QColor("#404040"), 2))
    path = QPainterPath(QPointF(5, 8))
    path.cubicTo(QPointF(9, 3), QPointF(17, 4), QPointF(16, 12))
    path.cubicTo(QPointF(15.5, 15), QPointF(13, 17), QPointF(10, 17))
    p.drawPath(path)
    p.setBrush(QColor("#404040"))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawPolygon(QPolygonF([QPointF(2, 4), QPointF(9, 5), QPointF(4, 12)]))
    p.end()
    return QIcon(pix)


class LayerDelegate(QStyledItemDelegate):
    """Draws a layer row with its output shape right-aligned in grey."""

    def paint(self, painter, option, index):
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        shape = index.data(ShapeRole)
        right = "→ " + (shape_txt(shape) if shape is not None else "?")
        fm = opt.fontMetrics
        rw = fm.horizontalAdvance(right) + 10
        text, opt.text = opt.text, ""
        widget = opt.widget
        st = widget.style() if widget else QApplication.style()
        st.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = st.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        selected = opt.state & QStyle.StateFlag.State_Selected
        painter.save()
        color = opt.palette.highlightedText().color() if selected else index.data(
            Qt.ItemDataRole.ForegroundRole).color()
        painter.setPen(color)
        main = rect.adjusted(2, 0, -rw, 0)
        painter.drawText(main, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         fm.elidedText(text, Qt.TextElideMode.ElideRight, main.width()))
        if not selected:
            painter.setPen(QColor("#7a7a7a"))
        painter.drawText(rect.adjusted(0, 0, -4, 0),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, right)
        painter.restore()


def shape_txt(shape) -> str:
    """1×28×28; '?' when unknown."""
    return "×".join(map(str, shape)) if shape else "?"


def _value_text(setting, v) -> str:
    if setting.type == "kernel" or setting.name == "size":       # a square window: 5×5
        k = v if isinstance(v, (list, tuple)) and v else [v]
        return f"{k[0]}×{k[-1]}"
    return f"{v:g}" if isinstance(v, float) else str(v)


def describe(cfg: dict) -> str:
    """A one-line summary of a layer config, e.g. 'Dense · 100 units · ReLU', from the settings'
    summaries in the layer registry (a setting left at its default is not shown)."""
    kind = cfg.get("type") if isinstance(cfg, dict) else None
    cls = LAYER_TYPES.get(kind)
    if cls is None:
        return _tr("unknown layer {0!r}").format(kind)
    parts = [QCoreApplication.translate("layers", cls.label)]
    for setting in cls.SETTINGS:
        v = cfg.get(setting.name)
        if setting.summary and v is not None and (setting.required or v != setting.default):
            text = QCoreApplication.translate("layers", setting.summary)
            parts.append(text.format(_value_text(setting, v)))
    act = cfg.get("activation")
    if act not in (None, "identity") or kind == "activation":
        parts.append(activation_label(act))
    if cfg.get("init"):
        parts.append(_tr("{0} init").format(cfg["init"]))
    return " · ".join(parts)


class LayerList(QListWidget):
    """The layers, reorderable by drag and drop; Delete removes, Ctrl+Up/Down move."""

    remove_pressed = Signal()
    move_pressed = Signal(int)
    dropped = Signal(int, int)            # a dragged row: from, to

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("layerList")
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setIconSize(QSize(16, 16))
        self.setAlternatingRowColors(True)
        self.setItemDelegate(LayerDelegate(self))

    def sizeHint(self):
        rows = min(max(self.count() + 1, 4), 12)
        row_h = max(self.sizeHintForRow(0), self.fontMetrics().height() + 4) if self.count() else \
            self.fontMetrics().height() + 4
        return QSize(super().sizeHint().width(), rows * row_h + 2 * self.frameWidth())

    def minimumSizeHint(self):
        return QSize(super().minimumSizeHint().width(), self.sizeHint().height())

    def paintEvent(self, ev):
        super().paintEvent(ev)
        last = self.visualItemRect(self.item(self.count() - 1)).bottom() if self.count() else 0
        free = self.viewport().height() - last
        fm = self.fontMetrics()
        if free > 3 * fm.height():
            p = QPainter(self.viewport())
            p.setPen(QColor("#9a9a9a"))
            rect = self.viewport().rect().adjusted(8, last + fm.height(), -8, -6)
            text = self.tr("Empty list: use “Add layer” or load a preset.") if not self.count() else \
                self.tr("Drag layers to reorder them · Delete removes · Ctrl+↑/↓ moves · "
                        "Ctrl+Z undoes")
            vertical = Qt.AlignmentFlag.AlignBottom if self.count() else Qt.AlignmentFlag.AlignVCenter
            p.drawText(rect, Qt.AlignmentFlag.AlignHCenter | vertical | Qt.TextFlag.TextWordWrap, text)
            p.end()

    def drop_row(self, pos) -> int:
        """The row a layer dragged from the current row and dropped at ``pos`` ends up in."""
        src = self.currentRow()
        index = self.indexAt(pos)
        if not index.isValid():
            return self.count() - 1
        rect = self.visualRect(index)
        dst = index.row() + (1 if pos.y() > rect.center().y() else 0)
        return dst - 1 if dst > src else dst

    def dropEvent(self, ev):
        # The move is done by the panel (an undoable edit), not by Qt's item model: the drop
        # action is ignored so the drag source removes nothing.
        if ev.source() not in (self, None) or self.currentRow() < 0:
            ev.ignore()
            return
        src, dst = self.currentRow(), self.drop_row(ev.position().toPoint())
        ev.setDropAction(Qt.DropAction.IgnoreAction)
        ev.accept()
        self.stopAutoScroll()
        self.setState(QAbstractItemView.State.NoState)
        self.viewport().update()
        if dst != src:
            self.dropped.emit(src, dst)

    def keyPressEvent(self, ev):
        ctrl = ev.modifiers() & Qt.KeyboardModifier.ControlModifier
        if ev.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not ev.modifiers():
            self.remove_pressed.emit()
        elif ctrl and ev.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_pressed.emit(-1 if ev.key() == Qt.Key.Key_Up else 1)
        else:
            super().keyPressEvent(ev)

    def show_layers(self, layers: list[dict], shapes: list, problems: dict[int, str]) -> None:
        """Show ``layers`` with their output shapes (None: unknown) and problems by row."""
        if self.count() != len(layers):
            self.clear()
            for _ in layers:
                self.addItem(QListWidgetItem())
            self.updateGeometry()
        for i, cfg in enumerate(layers):
            item, problem, shape = self.item(i), problems.get(i), shapes[i]
            item.setText(f"{i}  {describe(cfg)}")
            item.setData(ProblemRole, problem)
            item.setData(ShapeRole, shape)
            cls = LAYER_TYPES.get(cfg.get("type"))
            color = cls.color if cls is not None else style.GREY
            item.setIcon(kind_icon(style.VERMILION, "!") if problem else kind_icon(color))
            item.setForeground(QColor(style.VERMILION) if problem else QColor("#202020"))
            item.setBackground(QColor("#fde8e0") if problem else QColor(0, 0, 0, 0))
            item.setToolTip(problem or self.tr("{0}\nOutput per sample: {1}. Drag to reorder.").format(
                describe(cfg), shape_txt(shape)))


class LayerButtons(QWidget):
    """Add (a menu of layer types), remove, up, down — and the undo/redo buttons."""

    add_requested = Signal(str)
    remove_requested = Signal()
    move_requested = Signal(int)

    def __init__(self, kinds: dict[str, str], parent=None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.add_button = QToolButton()
        self.add_button.setText(self.tr("Add layer"))
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.add_button.setToolTip(self.tr("Insert a layer after the selected one."))
        menu = QMenu(self.add_button)
        for kind, name in kinds.items():
            menu.addAction(kind_icon(LAYER_TYPES[kind].color), name,
                           lambda k=kind: self.add_requested.emit(k))
        self.add_button.setMenu(menu)
        self.remove_button = self._tool(QStyle.StandardPixmap.SP_TrashIcon,
                                        self.tr("Remove the selected layer (Delete)"),
                                        self.remove_requested.emit)
        self.up_button = self._tool(QStyle.StandardPixmap.SP_ArrowUp,
                                    self.tr("Move the selected layer up (Ctrl+Up); or drag it"),
                                    lambda: self.move_requested.emit(-1))
        self.down_button = self._tool(QStyle.StandardPixmap.SP_ArrowDown,
                                      self.tr("Move the selected layer down (Ctrl+Down); or drag it"),
                                      lambda: self.move_requested.emit(1))
        row.addWidget(self.add_button)
        for b in (self.remove_button, self.up_button, self.down_button):
            row.addWidget(b)
        row.addStretch(1)
        self._row = row

    def _tool(self, pixmap, tip, slot) -> QToolButton:
        b = QToolButton()
        b.setIcon(self.style().standardIcon(pixmap))
        b.setToolTip(tip)
        b.clicked.connect(slot)
        return b

    def add_undo_actions(self, undo: QAction, redo: QAction) -> None:
        for act, mirror in ((undo, False), (redo, True)):
            act.setIcon(undo_icon(mirror))
            button = QToolButton()
            button.setDefaultAction(act)
            self._row.addWidget(button)

    def set_selection(self, row: int | None, count: int) -> None:
        self.remove_button.setEnabled(row is not None)
        self.up_button.setEnabled(bool(row))
        self.down_button.setEnabled(row is not None and row < count - 1)
