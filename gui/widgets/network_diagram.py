"""A drawing of the network: neurons and weighted connections, or feature-map blocks.

Small layers draw every neuron; a layer of more than ``MAX_FULL`` units draws
``SHOWN`` representative neurons and an ellipsis (the strongest ones by
incoming weight norm once weights are known, otherwise the first and last).
Convolution and pooling outputs are stacks of feature maps labelled with their
shape. With weights (``set_params`` / ``update_snapshot``) each drawn
connection takes the colour of its weight's sign (blue negative, red
positive, as ``gui.style.diverging_colormap``) and a thickness that grows
with its magnitude, relative to that layer's initial spread.

With ``set_activity`` (``gui.widgets.network_activity``) the neurons light up for one
input: each unit's activation a as its colour. Clicking a unit pins a box with its z,
a, b and incoming weights and emits ``unit_clicked(layer, unit)``; clicking a drawn
connection emits ``weight_clicked("l.W", (i, j))`` (to pick a weight to nudge).

Inspection API (tests and tools): ``columns()``, ``connections()``,
``neuron_center(layer, unit)``, ``tooltip_at(pos)``, ``neuron_stats(layer, unit)``,
``unit_info(layer, unit)``, ``activity_color(layer, unit)``.
The columns come from ``gui.widgets.network_columns``; painting is ``network_diagram_paint``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from gui import style
from gui.widgets.network_activity import Activity
from gui.widgets.network_columns import Column, build_columns, shape_text
from gui.widgets.network_diagram_paint import paint_diagram, small_font
from gui.widgets.network_unit_info import describe_unit

MAX_FULL = 16        # a column of up to this many units draws every neuron
SHOWN = 6            # a larger one draws this many, with an ellipsis between
LUT_SIZE = 256       # colours sampled from the colour map for the connections


@dataclass
class Connection:
    layer: int
    src: int                         # unit index in the source column
    dst: int
    weight: float | None
    color: QColor
    width: float


def fmt(v: float) -> str:
    return f"{v:.4g}"


def weight_stats(w: np.ndarray) -> dict:
    w = np.asarray(w, dtype=np.float64).ravel()
    return {"count": int(w.size), "mean": float(w.mean()), "std": float(w.std()), "min": float(w.min()),
            "max": float(w.max()), "abs_mean": float(np.abs(w).mean())}


class NetworkDiagram(QWidget):
    """Paints the network of a spec; colours its connections from weight snapshots."""

    unit_clicked = Signal(object, int)       # (layer, or None for the input; unit)
    weight_clicked = Signal(str, object)     # ("l.W", (row, column) of W)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("networkDiagram")
        self.setMouseTracking(True)
        self.setMinimumSize(240, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._cmap = style.diverging_colormap()
        # the colour map sampled once: a connection's colour is a table look-up, not a map() call
        self._lut = [QColor(*(int(v) for v in rgba)) for rgba in self._cmap.getLookupTable(
            0.0, 1.0, LUT_SIZE, alpha=True)]
        self._spec: dict | None = None
        self._cols: list[Column] = []
        self._expected: dict[str, tuple] = {}
        self._params: dict[str, np.ndarray] | None = None
        self._ref: dict[int, float] = {}
        self._step: int | None = None
        self._conns: list[tuple[Connection, QPointF, QPointF]] = []
        self._hover: tuple[int, int] | None = None     # (column, unit)
        self._activity: Activity | None = None
        self._scale: dict[int | None, float] = {}       # max |a| per layer, for the colours
        self.picked: tuple[int | None, int] | None = None   # (layer, unit) whose box is shown
        self.stagger = False                            # labels on two alternating rows
        self._stale = False                             # weights arrived while hidden
        self._spec_gen = 0                              # a new spec lays the columns out anew
        self._laid_out: tuple | None = None             # ... as does a new size or font
        self._columns_cache: tuple | None = None        # (key, image, activity): drawn columns

    # -- public ---------------------------------------------------------------------
    def set_spec(self, spec: dict | None) -> None:
        self._spec = spec
        self._spec_gen += 1
        self._cols, self._expected = build_columns(spec) if spec else ([], {})
        self._hover = None
        self.picked = None
        self._activity = None
        self._refresh()

    def set_activity(self, activity: Activity | None) -> None:
        """Light the units up for one input (None: plain again)."""
        self._activity = activity
        self._scale = {k: max(float(np.abs(a).max(initial=0.0)), 1e-12)
                       for k, (_z, a) in (activity.values.items() if activity else [])}
        self.update()

    def activity_color(self, layer: int | None, unit: int) -> QColor | None:
        """A unit's fill for its activation (blue negative, white 0, red positive), or None."""
        v = self._activity.unit(layer, unit) if self._activity is not None else None
        if v is None:
            return None
        t = float(np.clip(v[1] / self._scale[layer], -1.0, 1.0))
        return self._cmap.map(0.5 + 0.5 * t, mode="qcolor")

    def activity_label(self) -> str:
        return self._activity.label if self._activity is not None else ""

    def unit_info(self, layer: int | None, unit: int) -> list[str]:
        """What the pinned box of a unit says: z, a, b and its incoming weights."""
        return describe_unit(self, layer, unit)

    def set_params(self, params: dict[str, np.ndarray] | None, step: int | None = None) -> None:
        """Weights of a freshly built model: they also set each layer's reference scale."""
        self._params = dict(params) if params else None
        self._ref = {}
        self._step = step
        self._stale = False
        self._refresh()

    def update_snapshot(self, params: dict[str, np.ndarray], step: int) -> None:
        """Newer weights: drawn now if the diagram is visible, else when it is shown."""
        self._params = dict(params)
        self._step = step
        self._stale = not self.isVisible()
        if not self._stale:
            self._refresh()

    def has_weights(self) -> bool:
        """True when the known weights fit the drawn network."""
        p = self._params
        return bool(p) and bool(self._expected) and all(
            k in p and tuple(np.shape(p[k])) == s for k, s in self._expected.items())

    def columns(self) -> list[Column]:
        return list(self._cols)

    def connections(self) -> list[Connection]:
        if self._stale:                     # asked while hidden: bring the layout up to date
            self._stale = False
            self._refresh()
        return [c for c, _, _ in self._conns]

    def neuron_center(self, layer: int | None, unit: int) -> QPointF | None:
        """Centre of a drawn neuron of ``layer`` (None: the input), or None if not drawn."""
        for col in self._cols:
            if col.kind == "neurons" and col.layer == layer and unit in col.shown:
                return QPointF(col.centers[col.shown.index(unit)])
        return None

    def shown_units(self, layer: int | None) -> list[int]:
        return next((list(c.shown) for c in self._cols if c.kind == "neurons" and c.layer == layer), [])

    def neuron_stats(self, layer: int, unit: int) -> dict | None:
        """Statistics of the incoming weights and the bias of one neuron, or None."""
        col = next((c for c in self._cols if c.layer == layer and c.weighted), None)
        if col is None or not self.has_weights():
            return None
        p = col.pieces
        w = self._params[f"{layer}.W"][:, unit * p:(unit + 1) * p]
        b = np.asarray(self._params[f"{layer}.b"][unit * p:(unit + 1) * p], dtype=np.float64)
        return {**weight_stats(w), "bias": b}

    # -- layout -----------------------------------------------------------------------
    def _refresh(self):
        if self.has_weights():
            for col in self._cols:
                if col.weighted and col.layer not in self._ref:
                    w = self._params[f"{col.layer}.W"]
                    self._ref[col.layer] = max(3.0 * float(np.std(w)), 1e-6)
        self._choose_shown()
        if self._layout_key() != self._laid_out:
            self._layout()
        else:                    # (newer weights, the same columns: only the connections change)
            self._conns = self._make_connections()
        self.update()

    def _layout_key(self) -> tuple:
        """What the columns' places depend on: laid out afresh only when it changes."""
        return (self.width(), self.height(), self.font().key(), self._spec_gen,
                tuple(len(c.shown) for c in self._cols))

    def _scores(self, k: int) -> np.ndarray | None:
        """How strongly each unit of column ``k`` is connected (for choosing whom to draw)."""
        col = self._cols[k]
        if not self.has_weights():
            return None
        if col.weighted:
            w = self._params[f"{col.layer}.W"]
            return np.square(w).sum(axis=0).reshape(col.size, col.pieces).sum(axis=1)
        nxt = self._cols[k + 1] if k + 1 < len(self._cols) else None
        if nxt is not None and nxt.weighted:
            w = self._params[f"{nxt.layer}.W"]
            if w.shape[0] == col.size:
                return np.square(w).sum(axis=1)
        return None

    def _choose_shown(self):
        for k, col in enumerate(self._cols):
            if col.kind != "neurons":
                continue
            n = col.size
            if n <= MAX_FULL:
                col.shown = list(range(n))
                continue
            scores = self._scores(k)
            if scores is None:
                col.shown = list(range(SHOWN // 2)) + list(range(n - SHOWN // 2, n))
            else:
                col.shown = sorted(int(i) for i in np.argsort(-scores, kind="stable")[:SHOWN])

    def _layout(self):
        self._laid_out = self._layout_key()
        w, h = self.width(), self.height()
        weights = [1.3 if c.kind == "block" else 1.0 for c in self._cols]
        unit_w = (w - 16) / max(sum(weights), 1.0)
        bold = QFont(self.font())
        bold.setBold(True)
        fm, fm_small = QFontMetrics(bold), QFontMetrics(small_font(self.font()))
        # labels too wide for their column alternate between two rows
        self.stagger = any(
            max(fm.horizontalAdvance(self.tr(c.title)),
                fm_small.horizontalAdvance(c.subtitle) if c.kind != "error" else 0) > unit_w * wt - 4
            for c, wt in zip(self._cols, weights, strict=True))
        top = 12 + (4 if self.stagger else 2) * fm.height()
        bottom = 30 + 2 * fm.height()
        avail = max(h - top - bottom, 40)
        max_hw = max((c.shape[1] for c in self._cols if c.kind == "block"), default=1)
        left = 8.0
        for col, weight in zip(self._cols, weights, strict=False):
            spacing = col.box = unit_w * weight
            x = left + spacing / 2
            left += spacing
            mid = top + avail / 2
            if col.kind == "neurons":
                slots = len(col.shown) + (1 if len(col.shown) < col.size else 0)
                d = min(42.0, avail / max(slots, 1))
                r = max(3.0, min(12.0, d * 0.3))
                y0 = mid - d * (slots - 1) / 2
                col.centers, col.ellipsis = [], None
                for j in range(len(col.shown)):
                    slot = j + (1 if slots > len(col.shown) and j >= len(col.shown) // 2 else 0)
                    col.centers.append(QPointF(x, y0 + slot * d))
                if slots > len(col.shown):
                    col.ellipsis = QPointF(x, y0 + (len(col.shown) // 2) * d)
                col.rect = QRectF(x - r, y0 - r, 2 * r, d * (slots - 1) + 2 * r)
            elif col.kind == "block":
                c, hh, ww = col.shape
                sheets = min(c, 4)
                off = 5.0
                side = max(12.0, min(avail * 0.7, spacing * 0.8 - off * (sheets - 1))
                           * (hh / max_hw) ** 0.6)
                width = side * ww / hh
                total_w = width + off * (sheets - 1)
                col.rect = QRectF(x - total_w / 2, mid - (side + off * (sheets - 1)) / 2,
                                  total_w, side + off * (sheets - 1))
                col.centers = []
            else:
                col.rect = QRectF(x - 16, mid - 30, 32, 60)
        self._conns = self._make_connections()

    def _colors(self, w: np.ndarray, ref: float) -> tuple[list[QColor], np.ndarray]:
        """Colours (from the look-up table) and pen widths of connections of weights ``w``."""
        t = np.minimum(np.abs(w) / ref, 1.0)
        pos = 0.5 + np.sign(w) * 0.5 * (0.25 + 0.75 * t)
        idx = np.rint(pos * (LUT_SIZE - 1)).astype(np.intp)
        return [self._lut[i] for i in idx.ravel()], 0.5 + 3.5 * t

    def _make_connections(self) -> list[tuple[Connection, QPointF, QPointF]]:
        out = []
        weights = self.has_weights()
        for a, b in zip(self._cols, self._cols[1:], strict=False):
            if not (b.weighted and a.kind == "neurons"):
                continue
            pairs = [(i, pa, j, pb) for i, pa in zip(a.shown, a.centers, strict=False)
                     for j, pb in zip(b.shown, b.centers, strict=False)]
            if not weights:
                grey = QColor("#c9ccd1")
                out += [(Connection(b.layer, i, j, None, grey, 0.7), pa, pb) for i, pa, j, pb in pairs]
                continue
            wmat = self._params[f"{b.layer}.W"]
            # a unit of b stands for ``pieces`` columns of W (e.g. a conv filter's positions)
            per_unit = wmat.reshape(wmat.shape[0], -1, b.pieces).mean(axis=2)
            wv = per_unit[np.ix_(a.shown[:len(a.centers)], b.shown[:len(b.centers)])].ravel()
            colors, widths = self._colors(wv, self._ref[b.layer])
            out += [(Connection(b.layer, i, j, float(w), c, float(wd)), pa, pb)
                    for (i, pa, j, pb), w, c, wd in zip(pairs, wv, colors, widths, strict=True)]
        out.sort(key=lambda t: abs(t[0].weight) if t[0].weight is not None else 0.0)
        return out

    def resizeEvent(self, event):
        self._layout()
        super().resizeEvent(event)

    def showEvent(self, event):
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self._refresh()

    # -- hover --------------------------------------------------------------------------
    def _hit(self, pos: QPointF) -> tuple[int, int | None] | None:
        """(column, unit) of the neuron under ``pos``; unit None for a block/badge/ellipsis."""
        for k, col in enumerate(self._cols):
            for unit, c in zip(col.shown, col.centers, strict=False):
                if (c - pos).manhattanLength() <= max(col.rect.width() / 2 + 3, 8):
                    return k, unit
            if col.kind != "neurons" and col.rect.adjusted(-4, -4, 4, 4).contains(pos):
                return k, None
            if col.ellipsis is not None and (col.ellipsis - pos).manhattanLength() <= 10:
                return k, None
        return None

    def tooltip_at(self, pos: QPointF) -> str:
        hit = self._hit(QPointF(pos))
        if hit is None:
            return ""
        k, unit = hit
        col = self._cols[k]
        if col.kind == "error":
            return self.tr("Layer {0} has a problem: {1}").format(col.layer, col.subtitle)
        where = self.tr("Input") if col.layer is None else self.tr("Layer {0} ({1})").format(
            col.layer, (self._spec or {}).get("layers", [{}])[col.layer].get("type", "?"))
        lines = []
        if unit is None and col.kind == "neurons":
            lines.append(self.tr("{0}: {1} neurons, {2} drawn").format(where, col.size, len(col.shown)))
            if self.has_weights():
                lines.append(self.tr("(drawn: the most strongly connected)"))
            return "\n".join(lines)
        if unit is None:
            lines.append(self.tr("{0}: output {1}").format(where, shape_text(col.shape)))
            if col.layer is not None and self.has_weights() and f"{col.layer}.W" in self._params:
                lines += self._stats_lines(self.tr("weights W[{0}]").format(col.layer),
                                           self._params[f"{col.layer}.W"])
                lines += self._stats_lines(self.tr("biases b[{0}]").format(col.layer),
                                           self._params[f"{col.layer}.b"])
            return "\n".join(lines)
        lines.append(self.tr("{0}: neuron {1} of {2}").format(where, unit, col.size))
        if col.layer is None and (self._spec or {}).get("input_shape") and \
                len(self._spec["input_shape"]) == 3:
            c, hh, ww = self._spec["input_shape"]
            lines.append(self.tr("pixel row {0}, column {1}").format(unit // ww % hh, unit % ww))
        if not col.weighted:
            return "\n".join(lines)
        stats = self.neuron_stats(col.layer, unit)
        if stats is None:
            lines.append(self.tr("incoming weights: shown after Apply"))
            return "\n".join(lines)
        lines.append(self.tr("incoming weights W[{0}][:, {1}]:").format(col.layer, unit))
        lines.append(self.tr("  count {0}   |w| mean {1}").format(stats["count"], fmt(stats["abs_mean"])))
        lines.append(self.tr("  mean {0}   std {1}").format(fmt(stats["mean"]), fmt(stats["std"])))
        lines.append(self.tr("  min {0}   max {1}").format(fmt(stats["min"]), fmt(stats["max"])))
        bias = ", ".join(fmt(v) for v in stats["bias"])
        lines.append(self.tr("bias b[{0}][{1}] = {2}").format(col.layer, unit, bias))
        return "\n".join(lines)

    def _stats_lines(self, name: str, arr) -> list[str]:
        s = weight_stats(arr)
        return [self.tr("{0}: count {1}, mean {2}, std {3}, min {4}, max {5}, |w| mean {6}").format(
            name, s["count"], fmt(s["mean"]), fmt(s["std"]), fmt(s["min"]), fmt(s["max"]),
            fmt(s["abs_mean"]))]

    def event(self, ev):
        if ev.type() == QEvent.Type.ToolTip:
            text = self.tooltip_at(QPointF(ev.pos()))
            if text:
                QToolTip.showText(ev.globalPos(), text, self)
            else:
                QToolTip.hideText()
                ev.ignore()
            return True
        return super().event(ev)

    def mouseMoveEvent(self, ev):
        hit = self._hit(ev.position())
        hover = hit if hit is not None and hit[1] is not None else None
        if hover != self._hover:
            self._hover = hover
            self.update()
        super().mouseMoveEvent(ev)

    def leaveEvent(self, ev):
        self._hover = None
        self.update()
        super().leaveEvent(ev)

    def mousePressEvent(self, ev):
        if ev.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(ev)
        pos = ev.position()
        hit = self._hit(pos)
        if hit is not None and hit[1] is not None and self._cols[hit[0]].kind == "neurons":
            layer = self._cols[hit[0]].layer
            self.picked = (layer, hit[1])
            self.update()
            self.unit_clicked.emit(layer, hit[1])
            return None
        conn = self.connection_at(pos)
        self.picked = None
        self.update()
        if conn is not None and conn.weight is not None:
            pieces = next(c.pieces for c in self._cols if c.layer == conn.layer)
            self.weight_clicked.emit(f"{conn.layer}.W", (conn.src, conn.dst * pieces))
        return None

    def connection_at(self, pos: QPointF, tolerance: float = 4.0) -> Connection | None:
        """The drawn connection passing within ``tolerance`` pixels of ``pos`` (the top one)."""
        for conn, a, b in reversed(self._conns):
            d = b - a
            length2 = d.x() ** 2 + d.y() ** 2
            if length2 == 0:
                continue
            t = max(0.0, min(1.0, ((pos.x() - a.x()) * d.x() + (pos.y() - a.y()) * d.y()) / length2))
            near = QPointF(a.x() + t * d.x(), a.y() + t * d.y())
            if (near - pos).manhattanLength() <= tolerance * 1.4 and 0.05 < t < 0.95:
                return conn
        return None

    # -- painting ------------------------------------------------------------------------
    def paintEvent(self, event):
        painter = QPainter(self)
        paint_diagram(self, painter)
        painter.end()
