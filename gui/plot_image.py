"""A pyqtgraph layout (e.g. the metrics panel's two plots) as a PNG image or an SVG drawing."""
from __future__ import annotations

import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from PySide6.QtCore import QBuffer, QIODevice, QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsItem


def render_layout(glw: pg.GraphicsLayoutWidget, kind: str, title: str) -> bytes:
    """``glw``'s plots as PNG bytes (at least 1200 px wide) or, for ``kind`` "svg", SVG bytes
    titled ``title``."""
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    # items kept as pictures on screen (live axes) are drawn afresh: a cached pixmap would go
    # into an SVG as an image, and into a PNG larger than the screen scaled up
    cached = [(item, item.cacheMode()) for item in glw.scene().items()
              if item.cacheMode() != QGraphicsItem.CacheMode.NoCache]
    for item, _ in cached:
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    try:
        _render(glw, kind, title, buf)
    finally:
        for item, mode in cached:
            item.setCacheMode(mode)
    return bytes(buf.data())


def _render(glw: pg.GraphicsLayoutWidget, kind: str, title: str, buf: QBuffer) -> None:
    if kind == "svg":
        # Qt's own SVG writer: pyqtgraph 0.14's SVG exporter fails with Qt 6.11
        rect = glw.ci.sceneBoundingRect()
        size = QSize(max(1, round(rect.width())), max(1, round(rect.height())))
        gen = QSvgGenerator()
        gen.setOutputDevice(buf)
        gen.setSize(size)
        gen.setViewBox(QRectF(0, 0, size.width(), size.height()))
        gen.setResolution(glw.logicalDpiX())   # as on screen, or curves and text drift
        gen.setTitle(title)
        painter = QPainter(gen)
        glw.scene().render(painter, QRectF(0, 0, size.width(), size.height()), rect)
        painter.end()
    else:
        exp = ImageExporter(glw.ci)
        exp.parameters()["width"] = max(1200, glw.width())
        exp.export(toBytes=True).save(buf, "PNG")
