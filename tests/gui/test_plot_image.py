"""A pyqtgraph layout as PNG or SVG (gui.plot_image): items cached as pictures on screen are
drawn as what they are (vector lines and text in an SVG), and stay cached afterwards."""
import pyqtgraph as pg
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGraphicsItem

from gui.plot_image import render_layout

CACHED = QGraphicsItem.CacheMode.DeviceCoordinateCache


def test_cached_items_are_drawn_afresh_and_stay_cached(qtbot):
    w = pg.GraphicsLayoutWidget()
    qtbot.addWidget(w)
    w.resize(500, 300)
    plot = w.addPlot()
    plot.plot([0, 1, 2], [1, 0, 2])
    axes = [plot.getAxis(side) for side in ("left", "bottom")]
    for axis in axes:
        axis.setCacheMode(CACHED)
    w.show()
    qtbot.waitExposed(w)
    svg = render_layout(w, "svg", "title")
    assert b"<image" not in svg and b"<path" in svg and b"<text" in svg
    png = QImage.fromData(render_layout(w, "png", "title"))
    assert png.width() >= 1200
    assert all(axis.cacheMode() == CACHED for axis in axes)
