"""A small text box that follows the pointer inside a plot's view box (pixel coordinates)."""
from __future__ import annotations

import pyqtgraph as pg

MARGIN = 12          # pixels between the pointer and the box


class HoverReadout(pg.TextItem):
    """Hidden until :meth:`place` shows it beside a scene position, kept inside the view box."""

    def __init__(self, plot: pg.PlotWidget):
        super().__init__(color="k", fill=pg.mkBrush(255, 255, 255, 240), border=pg.mkPen(150, 150, 150))
        self.view_box = plot.getPlotItem().getViewBox()
        self.setParentItem(self.view_box)
        self.setZValue(1000)                     # above the curves and the legend
        self.hide()

    def place(self, scene_pos) -> None:
        """Show the box beside ``scene_pos`` (right and below if it fits, else left or above)."""
        vb = self.view_box
        p, size, box = vb.mapFromScene(scene_pos), self.boundingRect(), vb.boundingRect()
        fits_right = p.x() + MARGIN + size.width() <= box.width()
        fits_below = p.y() + MARGIN + size.height() <= box.height()
        x = p.x() + MARGIN if fits_right else p.x() - MARGIN - size.width()
        y = p.y() + MARGIN if fits_below else p.y() - MARGIN - size.height()
        self.setPos(max(0.0, min(x, box.width() - size.width())),
                    max(0.0, min(y, box.height() - size.height())))
        self.show()
