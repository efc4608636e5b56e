"""The settled parts of a plot's live curves, painted into one image, the oscilloscope way.

A live curve (``gui.live_curves.LiveCurve``) draws its newest points with its own pyqtgraph
item and hands the points before them, which no longer change, to its plot's canvas. The
canvas keeps one image of the view with every settled curve in it: points that settle are
drawn into that image as a strip (the strip cleared, then every curve's points in it drawn
again in their order, so a faint curve never ends up over a bold one), and only that strip of
the plot is repainted. The image is drawn afresh only when the view changes (the axis grows,
a zoom, a resize) or a curve is set anew, hidden or removed: one polyline per curve, without
antialiasing, as the dense curves are drawn anyway, and its symbols, if it has them (the
per-epoch curves), as pyqtgraph draws them: one antialiased picture of the symbol, placed at
each point.

While training runs, that whole image (2-3 ms for a fast run's thousands of points) is not
drawn in the paint that shows the new view: the paint maps the old image to the new view (a
scaled copy, for a few frames) and the new image is drawn once that paint is done, as a part
of the panel's frame (``gui.after_paint``, in turn with the panel's own parts), a band of
columns per event-loop pass (about PIECE_POINTS points each), then shown. The plot's
repaint when its axis grew was one pass of 5-6 ms (a 60 Hz timer waited for all of it); now
the longest pass is about 1 ms of drawing plus the paint. Not training, the paint draws it
at once.

pyqtgraph's own way, a cached image per curve item, painted every curve again whenever one
of them gained points and composed eight plot-sized images at every repaint; a frame then
cost the GUI thread 10-15 ms in a big window (see ``python -m gui.bench``).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.PlotCurveItem import arrayToLineSegments
from pyqtgraph.graphicsItems.ScatterPlotItem import renderSymbol
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QBrush, QImage, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem

from .after_paint import AfterPaint
from .throttle import draw_budget
from .widgets.blank_image import blank_image

PIECE_POINTS = 3000       # points a pass draws into a new image while training (about 1 ms)
MAX_PIECES = 4


@dataclass
class Symbol:
    """A curve's symbol as pyqtgraph's options give it: ``"o"``, ``"s"``, ``"t"``..., its size
    in pixels, its outline and its fill."""
    name: str
    size: float
    pen: QPen
    brush: QBrush

    @classmethod
    def of(cls, item: pg.PlotDataItem) -> Symbol | None:
        o = item.opts
        if o["symbol"] is None:
            return None
        return cls(o["symbol"], float(o["symbolSize"]), pg.mkPen(o["symbolPen"]),
                   pg.mkBrush(o["symbolBrush"]))


@dataclass
class _Curve:
    x: np.ndarray                 # view coordinates (log10 already taken on a log axis)
    y: np.ndarray
    pen: QPen
    visible: bool = True
    symbol: Symbol | None = None
    order: float = 0.0             # drawn in this order (the plot's order of its items)
    picture: QImage | None = None  # the symbol, drawn once (at the image's pixel ratio)


class SettledCanvas(pg.GraphicsObject):
    """One per plot (``for_plot``): a child of the plot's view box, under every item in it."""

    Z = -1e5                      # over the view box's background (-1e6), under its items

    def __init__(self, plot: pg.PlotItem):
        super().__init__()
        self.vb = plot.vb
        self.setParentItem(self.vb)
        self.setZValue(self.Z)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self._curves: dict[object, _Curve] = {}        # drawn in the order they came
        self._image: QImage | None = None
        self._key: tuple | None = None                 # the view the image was drawn for
        self._strip: QRectF | None = None              # to draw again in the image (local)
        self._stale = False                            # the image waits to be drawn afresh
        self._next: tuple | None = None                # (image, key, pieces, done, panel) drawn
        self._piece_timer = QTimer(self)               # ... a band of columns per pass
        self._piece_timer.setSingleShot(True)
        self._piece_timer.setInterval(0)
        self._piece_timer.timeout.connect(self._next_piece)
        self.renders = 0                               # whole images drawn (for tests)
        self.strips = 0                                # strips drawn into the image
        self.mapped = 0                                # paints that mapped an old image
        self.vb.sigResized.connect(self._geometry_changed)
        self.vb.sigTransformChanged.connect(self._view_changed)

    @classmethod
    def for_plot(cls, plot: pg.PlotItem) -> SettledCanvas:
        canvas = getattr(plot, "_settled_canvas", None)
        if canvas is None:
            canvas = plot._settled_canvas = cls(plot)
        return canvas

    # -- what is drawn ------------------------------------------------------------------------
    def set_points(self, owner, x: np.ndarray, y: np.ndarray, pen: QPen, log_y: bool = False,
                   append_from: int | None = None, symbol: Symbol | None = None,
                   order: float | None = None) -> None:
        """``owner``'s settled points (all of them), drawn with ``pen`` and ``symbol`` at each
        point if given. ``append_from``: the number of points it had before, when these only add
        to them (then only the new strip is drawn). Curves are drawn by ``order``, then in the
        order they came."""
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        if log_y:
            with np.errstate(divide="ignore", invalid="ignore"):
                y = np.log10(y)
        ok = np.isfinite(x) & np.isfinite(y)
        if not ok.all():
            x, y = x[ok], y[ok]
            append_from = None                        # (indices shifted: draw it all again)
        old = self._curves.get(owner)
        if (append_from is None and old is not None and 0 < len(old.x) <= len(x)
                and np.array_equal(x[:len(old.x)], old.x) and np.array_equal(y[:len(old.y)], old.y)):
            append_from = len(old.x)        # taken afresh (a new view), but the same points first
        visible = old.visible if old is not None else True
        if order is None:
            order = old.order if old is not None else float(len(self._curves))
        self._curves[owner] = _Curve(x, y, QPen(pen), visible, symbol, order=order)
        if old is None or old.order != order:
            self._curves = dict(sorted(self._curves.items(), key=lambda kv: kv[1].order))
        if old is not None and old.symbol == symbol:
            self._curves[owner].picture = old.picture
        if (old is None or append_from is None or not 0 < append_from <= len(x)
                or old.pen != pen or old.symbol != symbol or old.order != order
                or self._image is None or self._stale):
            self._redraw_all()
        elif visible:
            self._add_strip(x[append_from - 1:], y[append_from - 1:])

    def set_visible(self, owner, visible: bool) -> None:
        c = self._curves.get(owner)
        if c is not None and c.visible != visible:
            c.visible = visible
            self._redraw_all()

    def remove(self, owner) -> None:
        if self._curves.pop(owner, None) is not None:
            self._redraw_all()

    def shown(self, owner) -> bool:
        """Whether ``owner`` has settled points here, drawn (not hidden)."""
        c = self._curves.get(owner)
        return c is not None and c.visible

    def points(self, owner) -> tuple[np.ndarray, np.ndarray] | None:
        """``owner``'s settled points in view coordinates, or None."""
        c = self._curves.get(owner)
        return None if c is None else (c.x, c.y)

    # -- drawing ------------------------------------------------------------------------------
    def _redraw_all(self) -> None:
        self._strip = None
        self._next = None                     # (a new image begun for what was: begun again)
        self._piece_timer.stop()
        parts = self._parts()
        if self._image is not None and parts is not None and parts.splitting:
            self._stale = True                # shown mapped to the view until drawn afresh
            if not parts.waiting(self._render_stale):
                parts.then(self._render_stale, draw_budget().last_panel)
        else:
            self._image, self._stale = None, False
        self.update()

    def _parts(self) -> AfterPaint | None:
        """The queue of frame parts of the view that shows this plot (None: in no view)."""
        views = self.scene().views() if self.scene() is not None else []
        return AfterPaint.of(views[0].viewport()) if views else None

    def _render_stale(self) -> None:
        """Begin the new image (a part of the frame): its first band of columns now."""
        if not self._stale:
            return
        key = self._view_key()
        *_, width, height, dpr = key
        if self.scene() is None or not any(c.visible for c in self._curves.values()) \
                or width < 1 or height < 1:
            self._image, self._stale = None, False    # (drawn when painted, if ever)
            self.update()
            return
        image = blank_image(width, height, dpr)
        points = sum(len(c.x) for c in self._curves.values() if c.visible)
        pieces = max(1, min(MAX_PIECES, math.ceil(points / PIECE_POINTS)))
        self._next = (image, key, pieces, 0, draw_budget().last_panel)
        self._draw_piece()

    def _next_piece(self) -> None:
        if self._next is not None:
            draw_budget().run_part(self._draw_piece, self._next[4])

    def _draw_piece(self) -> None:
        """The next band of columns of the new image; the last one shows it. A view changed
        meanwhile begins it again; not training, the rest is drawn at once."""
        while self._next is not None:
            image, key, pieces, done, panel = self._next
            if key != self._view_key():
                self._next = None
                self._render_stale()
                return
            *_, width, height, _ = key
            band = QRectF(width * done / pieces, 0, width / pieces, height)
            self._draw(image, band, clear=False)
            done += 1
            if done == pieces:
                self._next, self._stale = None, False
                self._image, self._key = image, key
                self.renders += 1
                self.update()
                return
            self._next = (image, key, pieces, done, panel)
            parts = self._parts()
            if parts is not None and parts.splitting:
                self._piece_timer.start()         # the next band in a pass of its own
                return

    def _geometry_changed(self, *_) -> None:
        self.prepareGeometryChange()
        self._redraw_all()

    def _view_changed(self, *_) -> None:
        self._redraw_all()

    def _add_strip(self, x: np.ndarray, y: np.ndarray) -> None:
        """Mark where the segments through ``x``, ``y`` run (in the current view) as to draw."""
        t = self.vb.childGroup.transform()
        px, py = t.m11() * x + t.dx(), t.m22() * y + t.dy()
        width = max((max(c.pen.widthF(), c.symbol.size + c.symbol.pen.widthF() if c.symbol else 0.0)
                     for c in self._curves.values()), default=1.0) + 2.0
        rect = QRectF(QPointF(px.min() - width, py.min() - width),
                      QPointF(px.max() + width, py.max() + width)).intersected(self.boundingRect())
        if rect.isEmpty():
            return
        self._strip = rect if self._strip is None else self._strip.united(rect)
        self.update(rect)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return QRectF(self.vb.rect())

    def _view_key(self) -> tuple:
        t = self.vb.childGroup.transform()
        r = self.vb.rect()
        views = self.scene().views() if self.scene() is not None else []
        dpr = views[0].devicePixelRatioF() if views else 1.0
        return (t.m11(), t.m22(), t.dx(), t.dy(), r.width(), r.height(), dpr)

    def paint(self, p: QPainter, option, widget=None) -> None:
        if not any(c.visible for c in self._curves.values()):
            return                                     # (an exported drawing: no empty image)
        key = self._view_key()
        if self._image is None or (key != self._key and not self._stale):
            self._render(key)
        elif self._strip is not None and not self._stale:
            self._render_strip(self._strip)
        self._strip = None
        if self._image is None:
            return
        if key != self._key:
            self._paint_mapped(p, key)
            return
        exposed = option.exposedRect if option is not None else self.boundingRect()
        dpr = self._image.devicePixelRatio()
        source = QRectF(exposed.x() * dpr, exposed.y() * dpr, exposed.width() * dpr,
                        exposed.height() * dpr)
        p.drawImage(exposed, self._image, source)

    def _paint_mapped(self, p: QPainter, key: tuple) -> None:
        """The image drawn for another view, scaled and moved to this one (until it is drawn
        afresh): a view point at old local ``u`` lies at ``u · new/old scale`` plus the shift."""
        m11, m22, dx, dy, width, height, _ = self._key
        n11, n22, ndx, ndy = key[:4]
        if m11 == 0 or m22 == 0:
            return
        self.mapped += 1
        sx, sy = n11 / m11, n22 / m22
        p.save()
        p.setClipRect(self.boundingRect(), Qt.ClipOperation.IntersectClip)
        p.translate(ndx - dx * sx, ndy - dy * sy)
        p.scale(sx, sy)
        p.drawImage(QRectF(0, 0, width, height), self._image)
        p.restore()

    def _render(self, key: tuple) -> None:
        self._key = key
        *_, width, height, dpr = key
        if width < 1 or height < 1:
            self._image = None
            return
        image = blank_image(width, height, dpr)
        self._image = image
        self.renders += 1
        self._draw(image, QRectF(0, 0, width, height), clear=False)

    def _render_strip(self, rect: QRectF) -> None:
        self.strips += 1
        self._draw(self._image, rect, clear=True)

    def _draw(self, image: QImage, rect: QRectF, clear: bool) -> None:
        """Every visible curve's segments within ``rect`` (local coordinates) into ``image``,
        in order."""
        t = self.vb.childGroup.transform()
        if t.m11() == 0 or t.m22() == 0:
            return
        # the view x range of the rect, to pick each curve's points (one more either side)
        xa, xb = sorted(((rect.left() - t.dx()) / t.m11(), (rect.right() - t.dx()) / t.m11()))
        painter = QPainter(image)
        painter.setClipRect(rect)
        if clear:
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
            painter.fillRect(rect, Qt.GlobalColor.transparent)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        for c in self._curves.values():
            if not c.visible or len(c.x) < 2:
                continue
            lo = max(int(np.searchsorted(c.x, xa, "left")) - 1, 0)
            hi = min(int(np.searchsorted(c.x, xb, "right")) + 1, len(c.x))
            if hi - lo < 2:
                continue
            px = c.x[lo:hi] * t.m11() + t.dx()
            py = c.y[lo:hi] * t.m22() + t.dy()
            painter.setPen(c.pen)
            if c.pen.widthF() > 1 or c.pen.style() != Qt.PenStyle.SolidLine:
                # a wide (or dashed) polyline is stroked with its joins as one outline: a
                # zigzag of 6000 points took 1.3 s; as separate segments, 3 ms (as pyqtgraph)
                # (``drawargs`` points into ``segments``' memory: it must live while drawn)
                segments = arrayToLineSegments(px, py, "all", False)
                painter.drawLines(*segments.drawargs())
            else:
                poly = pg.functions.create_qpolygonf(hi - lo)
                xy = pg.functions.ndarray_from_qpolygonf(poly)
                xy[:, 0], xy[:, 1] = px, py
                painter.drawPolyline(poly)
            if c.symbol is not None:
                self._draw_symbols(painter, c, px, py, image.devicePixelRatio())
        painter.end()

    def _draw_symbols(self, painter: QPainter, c: _Curve, px: np.ndarray, py: np.ndarray,
                      dpr: float) -> None:
        if c.picture is None or c.picture.devicePixelRatio() != dpr:
            s = c.symbol
            c.picture = renderSymbol(s.name, s.size, s.pen, s.brush, dpr=dpr)
        half_w = c.picture.width() / dpr / 2
        half_h = c.picture.height() / dpr / 2
        for x, y in zip(px.tolist(), py.tolist(), strict=True):
            painter.drawImage(QPointF(x - half_w, y - half_h), c.picture)
