"""A ``LiveAxis`` that draws its grid lines as filled one-pixel rows (or columns).

A grid's lines are semi-transparent, and Qt's raster engine draws a semi-transparent
aliased line pixel by pixel: about 0.05 ms for a 500-pixel line, so the few dozen lines
of a plot's y grid cost 1–2 ms in every frame. A one-pixel rectangle filled with the same
colour covers the same pixels (the row ``floor(y)`` from ``floor(x0)`` to ``floor(x1)``,
as the line rasterizer does; tests/gui/test_grid_axis.py compares the pixels) for a
fraction of that. Only plain cases take this path (a solid cosmetic pen of width ≤ 1, no
rotation or scaling, one device pixel per pixel); anything else is drawn as before.

    plot.setAxisItems({"left": GridAxis("left")})
    plot.showGrid(y=True, alpha=0.25)
"""
from __future__ import annotations

import math

from PySide6.QtCore import QRect, Qt

from gui.widgets.live_axis import LiveAxis


def _plain(painter) -> bool:
    """Whether device pixels are the painter's pixels shifted (no scale, rotation or DPR)."""
    t, device = painter.worldTransform(), painter.device()
    return ((t.m11(), t.m12(), t.m13(), t.m21(), t.m22(), t.m23(), t.m33()) == (1, 0, 0, 0, 1, 0, 1)
            and (device is None or device.devicePixelRatioF() == 1.0))


def _fillable(pen) -> bool:
    return (pen.style() == Qt.PenStyle.SolidLine and pen.isCosmetic() and pen.widthF() <= 1.0
            and pen.brush().style() == Qt.BrushStyle.SolidPattern)


class GridAxis(LiveAxis):
    """``LiveAxis`` with its axis-aligned grid lines filled instead of stroked (same pixels)."""

    def drawPicture(self, p, axisSpec, tickSpecs, textSpecs):  # noqa: N802, N803 - pyqtgraph's names
        if self.grid is False or not tickSpecs or not _plain(p):
            return super().drawPicture(p, axisSpec, tickSpecs, textSpecs)
        t = p.worldTransform()
        dx, dy = t.dx(), t.dy()
        rest = []
        p.save()
        try:
            p.resetTransform()
            p.setRenderHint(p.RenderHint.Antialiasing, False)
            pen, fillable = None, False
            for spec in tickSpecs:
                if spec[0] is not pen:           # the ticks of a level share one pen
                    pen = spec[0]
                    fillable, colour = _fillable(pen), pen.color()
                a, b = spec[1], spec[2]
                if not fillable or (a.x() != b.x() and a.y() != b.y()):
                    rest.append(spec)
                    continue
                x0, x1 = sorted((math.floor(a.x() + dx), math.floor(b.x() + dx)))
                y0, y1 = sorted((math.floor(a.y() + dy), math.floor(b.y() + dy)))
                p.fillRect(QRect(x0, y0, x1 - x0 + 1, y1 - y0 + 1), colour)
        finally:
            p.restore()
        return super().drawPicture(p, axisSpec, rest, textSpecs)
