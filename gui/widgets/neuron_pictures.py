"""Every neuron's picture: the network drawn as columns of small images, one per unit, each its
output over the input plane — inputs on the left, the output on the right, as in TensorFlow
Playground. Lines between them are the weights (blue positive, orange negative, thicker when
larger). Hovering a picture enlarges it.

    pics = NeuronPictures()
    pics.set_pictures(["x₁", "x₂"], inputs, hidden, output, weights)
    # inputs (k, size, size); hidden: per layer (units, size, size); output (size, size) in [0, 1];
    # weights: per layer W (n_in, n_out). Row i of a picture is the height, as in BoundaryPlot.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from .boundary_plot import CLASS_COLORS, diverging_lut

HEADER = 18
GAP = 6
MAX_TILE = 44
ZOOM_TILE = 168
WIDTH_STEPS = 6          # line widths are rounded to this many steps
_LUT = diverging_lut(0.0)


def to_image(values: np.ndarray, scale: float) -> QImage:
    """A picture ``(size, size)`` as a QImage: −scale orange … 0 white … +scale blue, the first
    row (the lowest x₂) at the bottom."""
    idx = np.clip((np.asarray(values, dtype=np.float64) / scale + 1) * 127.5, 0, 255).astype(np.uint8)
    rgba = np.ascontiguousarray(_LUT[idx][::-1])
    h, w = idx.shape
    return QImage(rgba.data, w, h, 4 * w, QImage.Format.Format_RGBA8888).copy()


def _scale(a: np.ndarray) -> float:
    top = float(np.max(np.abs(a))) if a.size else 0.0
    return top if np.isfinite(top) and top > 1e-6 else 1.0


class NeuronPictures(QWidget):
    """The columns of pictures; ``hovered`` is the (column, unit) under the pointer, or None."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("neuronPictures")
        self.setMouseTracking(True)
        self.setMinimumSize(220, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.labels: list[str] = []
        self.columns: list[np.ndarray] = []        # (units, size, size) per column, output last
        self.weights: list[np.ndarray] = []
        self._images: list[list[QImage]] = []
        self.hovered: tuple[int, int] | None = None
        self._rects: list[list[QRectF]] = []
        self._rects_key: tuple | None = None

    def sizeHint(self) -> QSize:
        return QSize(360, 300)

    # -- data ------------------------------------------------------------------------------------
    def set_pictures(self, labels, inputs: np.ndarray, hidden: list[np.ndarray], output: np.ndarray,
                     weights: list[np.ndarray]) -> None:
        self.labels = list(labels)
        self.columns = [np.asarray(inputs), *[np.asarray(h) for h in hidden],
                        np.asarray(output)[None]]
        self.weights = [np.asarray(w) for w in weights]
        images = [[to_image(p, scale) for p in col]
                  for col, scale in ((c, _scale(c)) for c in self.columns[:-1])]
        images.append([to_image(2 * self.columns[-1][0] - 1, 1.0)])    # P in [0, 1] around ½
        self._images = images
        if self.hovered is not None and not self._exists(*self.hovered):
            self.hovered = None
        self.update()

    def clear(self) -> None:
        self.columns, self.weights, self._images, self.hovered = [], [], [], None
        self.update()

    def pictures(self) -> list[np.ndarray]:
        """The hidden layers' pictures as given, ``(units, size, size)`` each."""
        return self.columns[1:-1]

    def _exists(self, c: int, u: int) -> bool:
        return c < len(self.columns) and u < len(self.columns[c])

    # -- geometry ----------------------------------------------------------------------------------
    def _layout(self) -> list[list[QRectF]]:
        """Every tile's rectangle, per column (cached for the widget's size and the structure)."""
        key = (self.width(), self.height(), tuple(len(c) for c in self.columns))
        if self._rects_key != key:
            most = max((len(c) for c in self.columns), default=1)
            n_cols = max(len(self.columns), 1)          # columns 0.6 tiles apart leave room for lines
            t = max(8.0, min(MAX_TILE, (self.height() - HEADER - GAP * (most + 1)) / most,
                             (self.width() - 8) / (n_cols + 0.6 * (n_cols - 1))))
            step = (self.width() - t - 8) / max(len(self.columns) - 1, 1)
            rects = []
            for c, col in enumerate(self.columns):
                n = len(col)
                top = HEADER + (self.height() - HEADER - (n * t + (n - 1) * GAP)) / 2
                rects.append([QRectF(4 + c * step, top + u * (t + GAP), t, t) for u in range(n)])
            self._rects, self._rects_key = rects, key
        return self._rects

    def tile_size(self) -> float:
        rects = self._layout()
        return rects[0][0].width() if rects and rects[0] else 0.0

    def tile_rect(self, c: int, u: int) -> QRectF:
        return QRectF(self._layout()[c][u])

    def tile_at(self, pos: QPointF) -> tuple[int, int] | None:
        for c, col in enumerate(self.columns):
            for u in range(len(col)):
                if self.tile_rect(c, u).contains(pos):
                    return c, u
        return None

    def zoom_rect(self) -> QRectF | None:
        """Where the enlarged picture of the hovered unit is drawn."""
        if self.hovered is None:
            return None
        r = self.tile_rect(*self.hovered)
        right, left = self.width() - r.right() - 12, r.left() - 12     # room beside the tile
        size = min(ZOOM_TILE, self.height() - 24, max(right, left))
        if size < 2.5 * r.width():                  # no room beside it: over the middle
            size = min(ZOOM_TILE, self.height() - 24, self.width() - 8)
            x = (self.width() - size) / 2
        else:
            x = r.right() + 8 if right >= left else r.left() - 8 - size
        y = min(max(r.center().y() - size / 2, 2), self.height() - size - 20)
        return QRectF(max(x, 2), y, size, size)

    def caption(self, c: int, u: int) -> str:
        if c == 0:
            return self.tr("Input {0}").format(self.labels[u] if u < len(self.labels) else u + 1)
        if c == len(self.columns) - 1:
            return self.tr("Output: P(class 1)")
        return self.tr("Layer {0}, neuron {1}").format(c, u + 1)

    # -- events ----------------------------------------------------------------------------------
    def mouseMoveEvent(self, ev):
        hit = self.tile_at(ev.position())
        if hit != self.hovered:
            self.hovered = hit
            self.update()

    def leaveEvent(self, ev):
        if self.hovered is not None:
            self.hovered = None
            self.update()
        super().leaveEvent(ev)

    def paintEvent(self, ev):
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        if not self.columns:
            p.setPen(QColor("#777777"))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                       self.tr("The network's neurons appear here."))
            return
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)    # wide smooth lines cost ~8 ms
        self._paint_weights(p)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        rim = QPen(QColor("#bbbbbb"), 1)
        layout = self._layout()
        room = layout[1][0].left() - layout[0][0].left() if len(layout) > 1 else self.width()
        metrics = p.fontMetrics()
        for c, rects in enumerate(layout):
            head = (self.tr("Inputs") if c == 0 else self.tr("Output") if c == len(self.columns) - 1
                    else self.tr("Layer {0}").format(c))
            if metrics.horizontalAdvance(head) > room - 2 and 0 < c < len(layout) - 1:
                head = str(c)                           # narrow: the layer's number alone
            head = metrics.elidedText(head, Qt.TextElideMode.ElideRight, int(room) - 2)
            p.setPen(QColor("#444444"))
            p.drawText(QRectF(rects[0].center().x() - room / 2, 0, room, HEADER),
                       Qt.AlignmentFlag.AlignCenter, head)
            p.setPen(rim)
            for r, image in zip(rects, self._images[c], strict=True):
                p.drawImage(r, image)
                p.drawRect(r)
        if self.hovered is not None:
            p.setPen(QPen(QColor("#333333"), 1.5))
            p.drawRect(self.tile_rect(*self.hovered))
        self._paint_zoom(p)

    def _paint_weights(self, p: QPainter) -> None:
        """One line per weight, from unit i to unit j of the next column; lines of one colour and
        (rounded) width are drawn in one call."""
        rects = self._layout()
        for c, w in enumerate(self.weights):
            if c + 1 >= len(rects) or w.shape != (len(rects[c]), len(rects[c + 1])):
                continue
            starts = [QPointF(r.right(), r.center().y()) for r in rects[c]]
            ends = [QPointF(r.left(), r.center().y()) for r in rects[c + 1]]
            widths = np.round(WIDTH_STEPS * np.abs(w) / _scale(w)).astype(int)
            for sign, color in ((1, CLASS_COLORS[1]), (-1, CLASS_COLORS[0])):
                pen_color = QColor(color).lighter(125)      # opaque: blending costs more
                mask = (w > 0) if sign > 0 else (w <= 0)
                for k in np.unique(widths[mask]):
                    ii, jj = np.nonzero(mask & (widths == k))
                    p.setPen(QPen(pen_color, 0.4 + 3.2 * k / WIDTH_STEPS))
                    p.drawLines([QLineF(starts[i], ends[j]) for i, j in zip(ii, jj, strict=True)])

    def _paint_zoom(self, p: QPainter) -> None:
        z = self.zoom_rect()
        if z is None:
            return
        c, u = self.hovered
        frame = z.adjusted(-3, -3, 3, 21)
        p.setPen(QPen(QColor("#333333"), 1))
        p.setBrush(QColor("white"))
        p.drawRect(frame)
        p.drawImage(z, self._images[c][u])
        p.drawText(QRectF(frame.left(), z.bottom() + 2, frame.width(), 18), Qt.AlignmentFlag.AlignCenter,
                   self.caption(c, u))
