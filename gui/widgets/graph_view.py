"""A computational graph (计算图) drawn as the book draws it: values travel along arrows
into round nodes (×, +, σ, ReLU); forward values above each arrow in black, the
gradients of backpropagation below it in red.

``set_state(run, n)`` shows ``core.chain_rule.GraphRun`` after its first ``n`` steps: the
values and edge gradients known by then, the current node or edge highlighted.
Inspection (tests): ``edge_labels()`` returns what each arrow shows.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from core.chain_rule import GraphRun
from core.graph_nodes import SCALAR_NODES
from gui import style

INK = QColor("#222222")
MUTED = QColor("#777777")
GRAD = QColor(style.VERMILION)
FORWARD_HI = QColor("#fff0c2")
BACKWARD_HI = QColor("#fde3da")
RADIUS = 22.0


def fmt(v: float) -> str:
    """A value as the book prints it: 220, 2.2, 0.731 (a typographic minus)."""
    return f"{v:.6g}".replace("-", "\u2212")


def _tr(text: str) -> str:
    return QCoreApplication.translate("chain_rule", text)


class GraphView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("graphView")
        self.setMinimumSize(420, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._run: GraphRun | None = None
        self._n = 0

    def set_state(self, run: GraphRun, n: int) -> None:
        self._run, self._n = run, n
        self.update()

    # -- geometry ----------------------------------------------------------------------
    def _mapper(self):
        g = self._run.graph
        pts = [n.pos for n in g.nodes] + [v.pos for v in g.inputs] + [g.value(g.output).pos]
        x0, x1 = min(p[0] for p in pts), max(p[0] for p in pts)
        y0, y1 = min(p[1] for p in pts), max(p[1] for p in pts)
        fm = QFontMetrics(self.font())
        left = 16 + max(fm.horizontalAdvance(_tr(v.label)) for v in g.inputs)
        right = 24 + fm.horizontalAdvance(_tr(g.value(g.output).label))
        top, bottom = 2.2 * fm.height() + 4, 2.2 * fm.height() + 4
        w = max(self.width() - left - right, 50)
        h = max(self.height() - top - bottom, 30)

        def to_px(pos) -> QPointF:
            x = left + (pos[0] - x0) / max(x1 - x0, 1e-9) * w
            y = top + (pos[1] - y0) / max(y1 - y0, 1e-9) * h if y1 > y0 else top + h / 2
            return QPointF(x, y)
        return to_px

    def _edges(self):
        """(value key, source point, end point, node index or None for the output, is_input)."""
        g = self._run.graph
        to_px = self._mapper()
        out = []
        for key, i, _k in g.edges():
            src = g.producer(key)
            start = to_px(g.nodes[src].pos) if src is not None else to_px(g.value(key).pos)
            out.append((key, start, to_px(g.nodes[i].pos), i, src is None))
        last = g.producer(g.output)
        out.append((g.output, to_px(g.nodes[last].pos), to_px(g.value(g.output).pos), None, False))
        return out

    def edge_labels(self) -> dict[tuple[str, int | None], tuple[str, str]]:
        """(value key, node index or None) -> (forward text, gradient text) as drawn now."""
        if self._run is None:
            return {}
        known, grads = self._run.state_after(self._n)
        out = {}
        for key, _a, _b, node, _inp in self._edges():
            fwd = fmt(known[key]) if key in known else ""
            if node is None:            # backward starts from ∂out/∂out = 1
                grad = self._run.grad_after(self._n, key)
                grad = fmt(grad) if grad is not None else ""
            else:
                grad = fmt(grads[(key, node)]) if (key, node) in grads else ""
            out[(key, node)] = (fwd, grad)
        return out

    def _current(self):
        if self._run is None or self._n == 0:
            return None
        return self._run.steps[self._n - 1]

    # -- painting ------------------------------------------------------------------------
    def paintEvent(self, event):
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        if self._run is None:
            return
        g = self._run.graph
        labels = self.edge_labels()
        step = self._current()
        hot_edge = None
        if step is not None and step.phase == "backward":
            hot_edge = (g.nodes[step.node].inputs[step.arg], step.node)
        base = QFont(self.font())
        bold = QFont(base)
        bold.setBold(True)
        fm = QFontMetrics(bold)
        for key, a, b, node, is_input in self._edges():
            hot = hot_edge == (key, node)
            self._arrow(p, a, b if node is None else self._shorten(a, b), hot)
            fwd, grad = labels[(key, node)]
            mid = QPointF((a.x() + b.x()) / 2, (a.y() + b.y()) / 2)
            if is_input:
                mid = QPointF(a.x() + (b.x() - a.x()) * 0.35, a.y() + (b.y() - a.y()) * 0.35)
                p.setFont(base)
                p.setPen(INK)
                name = _tr(g.value(key).label)
                p.drawText(QRectF(a.x() - fm.horizontalAdvance(name) - 40, a.y() - fm.height() / 2,
                                  fm.horizontalAdvance(name) + 34, fm.height()),
                           Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, name)
            elif node is None:
                p.setFont(base)
                p.setPen(INK)
                p.drawText(QPointF(b.x() + 6, b.y() + fm.ascent() / 2 - 1), _tr(g.value(key).label))
            p.setFont(bold)
            for text, color, side in ((fwd, INK, 1.0), (grad, GRAD, -1.0)):
                if text:
                    p.setPen(color)
                    p.drawText(self._beside(a, b, mid, side, fm.horizontalAdvance(text), fm.height()),
                               Qt.AlignmentFlag.AlignCenter, text)
        to_px = self._mapper()
        for i, node in enumerate(g.nodes):
            c = to_px(node.pos)
            fill = QColor("white")
            if step is not None and step.node == i:
                fill = FORWARD_HI if step.phase == "forward" else BACKWARD_HI
            p.setPen(QPen(INK, 1.6))
            p.setBrush(fill)
            p.drawEllipse(c, RADIUS, RADIUS)
            symbol = SCALAR_NODES[node.kind].symbol
            f = QFont(bold)
            if len(symbol) > 1:
                f.setPointSizeF(max(7.0, base.pointSizeF() - 1))
            else:
                f.setPointSizeF(base.pointSizeF() + 4)
            p.setFont(f)
            p.setPen(INK)
            p.drawText(QRectF(c.x() - RADIUS, c.y() - RADIUS, 2 * RADIUS, 2 * RADIUS),
                       Qt.AlignmentFlag.AlignCenter, symbol)
        self._legend(p, base)
        p.end()

    def _legend(self, p: QPainter, font: QFont) -> None:
        p.setFont(font)
        fm = QFontMetrics(font)
        y = self.height() - 6
        p.setPen(INK)
        text = _tr("black: forward value")
        p.drawText(QPointF(8, y), text)
        p.setPen(GRAD)
        p.drawText(QPointF(20 + fm.horizontalAdvance(text), y),
                   _tr("red: gradient of the output (backward)"))

    @staticmethod
    def _beside(a: QPointF, b: QPointF, mid: QPointF, side: float, tw: float, th: float) -> QRectF:
        """A box for a text of tw × th next to the arrow a → b at ``mid``, clear of the line:
        above it (side 1, or left of a vertical arrow) or below it (side −1)."""
        d = b - a
        length = max((d.x() ** 2 + d.y() ** 2) ** 0.5, 1e-9)
        nx, ny = d.y() / length, -d.x() / length          # a normal of the arrow …
        if ny > 0 or (ny == 0 and nx > 0):                 # … pointing up (or left)
            nx, ny = -nx, -ny
        gap = tw / 2 * abs(nx) + th / 2 * abs(ny) + 3
        cx, cy = mid.x() + side * nx * gap, mid.y() + side * ny * gap
        return QRectF(cx - tw / 2 - 2, cy - th / 2, tw + 4, th)

    @staticmethod
    def _shorten(a: QPointF, b: QPointF) -> QPointF:
        d = b - a
        length = max((d.x() ** 2 + d.y() ** 2) ** 0.5, 1e-9)
        return b - d * ((RADIUS + 2) / length)

    @staticmethod
    def _arrow(p: QPainter, a: QPointF, b: QPointF, hot: bool) -> None:
        color = GRAD if hot else QColor("#555555")
        p.setPen(QPen(color, 3.0 if hot else 1.4))
        p.drawLine(a, b)
        d = b - a
        length = max((d.x() ** 2 + d.y() ** 2) ** 0.5, 1e-9)
        u = d * (1 / length)
        n = QPointF(-u.y(), u.x())
        tip = QPolygonF([b, b - u * 10 + n * 4.5, b - u * 10 - n * 4.5])
        path = QPainterPath()
        path.addPolygon(tip)
        p.fillPath(path, color)
