"""A short text at a point of a plot, e.g. the count of a histogram bar cut off at the plot's
edge, cheap to change on every frame: ``pg.TextItem`` lays out a whole text document for
each new text (~0.3 ms); this draws one line of plain text on a pale box."""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QStaticText
from PySide6.QtWidgets import QGraphicsItem

PAD = 2.0          # pixels around the text


class EdgeLabel(QGraphicsItem):
    """Plain text whose right edge (``anchor="right"``) or left edge is at its position,
    centred vertically, upright and the same size whatever the view's scale."""

    def __init__(self, colour="k", fill=(255, 255, 255, 200), anchor: str = "right"):
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self._pen = pg.mkPen(colour)
        self._fill = pg.mkBrush(fill)
        self._anchor = anchor
        self._text = ""
        self._static = QStaticText()        # laid out once per text, not on every paint
        self._rect = QRectF()
        self._font = QFont()                # the application's font, as pg.TextItem's
        self._metrics = QFontMetricsF(self._font)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name, as pg.TextItem
        if text == self._text:
            return
        self._text = text
        self._static = QStaticText(text)
        self._static.setTextFormat(Qt.TextFormat.PlainText)
        self._static.prepare(font=self._font)
        w = self._metrics.horizontalAdvance(text) + 2 * PAD
        h = self._metrics.height() + 2 * PAD
        rect = QRectF(-w if self._anchor == "right" else 0.0, -h / 2, w, h)
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._rect

    def paint(self, painter, option, widget=None) -> None:
        if not self._text:
            return
        painter.fillRect(self._rect, self._fill)
        painter.setPen(self._pen)
        painter.setFont(self._font)
        painter.drawStaticText(self._rect.topLeft() + QPointF(PAD, PAD), self._static)
