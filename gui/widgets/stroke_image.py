"""A drawing as the network should get it: the strokes redrawn at a thickness relative to the
drawing's size.

MNIST's digits were scaled into a 20-pixel box, so their strokes are about as thick relative to
the digit whatever size it was written at. A canvas pen of fixed width is not: a digit drawn
small and then scaled up to 20 pixels gets fat strokes that close the loops of a 6 or a 9, one
drawn large gets thin ones. So the canvas keeps its strokes as vectors, and
:func:`render_strokes` redraws them into a small square image with the pen :data:`NET_PEN`
times the drawing's longer side: the same strokes give the same image at any size.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen

NET_SIDE = 112      # px: the redrawn image (4 × 28; ``core.digits.preprocess`` takes it from there)
NET_PEN = 0.16      # pen width / the drawing's longer side: then the digits have as much ink as MNIST's


def render_strokes(strokes, min_size: float = 0.0, pen: float = NET_PEN,
                   side: int = NET_SIDE) -> np.ndarray:
    """``strokes``: lists of (x, y) points in any unit. Returns ``(side, side)`` float32 in
    [0, 1] (ink = 1) with the strokes fitted in and the pen ``pen`` times the longer side of
    their bounding box (at least ``min_size``, so a dot stays a dot)."""
    pts = [np.asarray(s, dtype=np.float64).reshape(-1, 2) for s in strokes if len(s)]
    image = QImage(side, side, QImage.Format.Format_Grayscale8)
    image.fill(0)
    if pts:
        every = np.concatenate(pts)
        lo, hi = every.min(axis=0), every.max(axis=0)
        size = max(float((hi - lo).max()), float(min_size), 1e-9)
        scale = (side - 4) / (size * (1 + pen))          # px per unit; the pen fits inside
        centre = (lo + hi) / 2
        p = QPainter(image)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(QColor(255, 255, 255), pen * size * scale, Qt.PenStyle.SolidLine,
                      Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
        for s in pts:
            q = [QPointF(*((xy - centre) * scale + side / 2)) for xy in s]
            if len(q) == 1:
                p.drawPoint(q[0])
            else:
                p.drawPolyline(q)
        p.end()
    raw = np.frombuffer(image.constBits(), np.uint8).reshape(side, image.bytesPerLine())
    return raw[:, :side].astype(np.float32) * np.float32(1 / 255)
