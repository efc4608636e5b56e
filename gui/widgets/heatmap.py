"""A matrix heatmap: ImageItem + ColorBarItem, hover readout, clickable cells.

Used for weight matrices, conv-kernel mosaics, learned-feature tiles and the
confusion matrix. The matrix is shown exactly as given: ``image[r, c] = m[r, c]``,
row ``r`` runs top to bottom on the vertical axis, column ``c`` left to right on
the horizontal axis, and cell ``(r, c)`` is centred on the view point ``(c, r)``
(so plain axis ticks read as indices). NaN cells are transparent: mosaics (``gui.widgets.mosaic``)
use them for the gaps between tiles.

    hm = HeatmapWidget()
    hm.set_matrix(W, x_label="hidden unit", y_label="input unit",
                  readout=lambda r, c, v: f"input {r} → unit {c}: w = {v:.3g}")
    hm.cell_clicked.connect(on_cell)          # (row, column)
"""
from __future__ import annotations

import math
import warnings
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QImage, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QLabel, QSizePolicy, QVBoxLayout, QWidget

from gui import style

Readout = Callable[[int, int, float], "str | None"]
AXIS_WIDTH = 58          # left axes of the heatmap and its marginal plots line up
GAP_COLOR = "#c4c4c4"    # NaN cells (gaps between mosaic tiles) show this colour
Ticks = list[tuple[float, str]]
_PAINT_FORMAT = QImage.Format.Format_ARGB32


def format_value(v: float, fmt: str | Callable[[float], str] = "{:.3g}") -> str:
    """``fmt`` applied to ``v`` with a typographic minus sign (−0.031, not -0.031)."""
    text = fmt(v) if callable(fmt) else fmt.format(v)
    return text.replace("-", "\u2212")


def symmetric_levels(m: np.ndarray, percentile: float = 100.0) -> tuple[float, float]:
    """(−a, a) with a = max |m| (or its ``percentile``-th percentile), ignoring NaN.

    Never empty: an all-zero (or all-NaN) matrix gets (−1, 1) so it shows as white.
    """
    a = np.abs(np.asarray(m, dtype=np.float64))
    a = a[np.isfinite(a)]
    top = 0.0
    if a.size:
        top = float(a.max() if percentile >= 100 else np.percentile(a, percentile))
    if not top > 0:
        top = float(a.max()) if a.size and a.max() > 0 else 1.0
    return -top, top


def _tick_levels(ticks):
    if ticks is None:
        return None
    if ticks and isinstance(ticks[0], list):
        return ticks
    return [ticks]


class _IndexAxis(pg.AxisItem):
    """An axis of cell indices: whole-number ticks only."""

    def tickValues(self, minVal, maxVal, size):
        minVal, maxVal = sorted((minVal, maxVal))           # an inverted axis passes them swapped
        levels = [(s, [v for v in vals if float(v).is_integer()])
                  for s, vals in super().tickValues(minVal, maxVal, size) if s >= 1]
        if not levels:
            levels = [(1.0, [float(v) for v in range(math.ceil(minVal), math.floor(maxVal) + 1)])]
        return levels

    def tickStrings(self, values, scale, spacing):
        return [str(int(round(v * scale))) for v in values]


class _FrameAxis(pg.AxisItem):
    """A top or right edge of the frame (no values, no tick length): zero pixels wide, so
    its bounds are widened to hold the line it draws (a cached item shows only its bounds)."""

    def boundingRect(self):  # noqa: N802 - Qt's name
        return super().boundingRect().adjusted(-2, -2, 2, 2)


class _GapImage(pg.ImageItem):
    """An image whose NaN cells are gaps: shrunk to the screen (auto-downsampling), a block of
    gap only is a gap again, without NumPy's "Mean of empty slice" warning each frame."""

    def render(self, *args, **kwargs):
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "Mean of empty slice", RuntimeWarning)
            super().render(*args, **kwargs)
        # pyqtgraph's indexed (or RGBA8888) image is converted and scaled in worker threads on
        # every paint (~0.35 ms wall for a 500×270 view, more while training keeps the cores
        # busy); ARGB32 ~0.1 ms, the same pixels (Qt converts to it anyway)
        if self.qimage is not None and self.qimage.format() != _PAINT_FORMAT:
            self.qimage = self.qimage.convertToFormat(_PAINT_FORMAT)


class HeatmapWidget(QWidget):
    """A heatmap of one matrix with a colour bar and a one-line hover readout.

    Signals
    -------
    cell_clicked(row, col)  left click on a cell
    cell_hovered(row, col)  the pointer moved onto a cell; (−1, −1) when it leaves the matrix
    """

    cell_clicked = Signal(int, int)
    cell_hovered = Signal(int, int)

    def setToolTip(self, text: str) -> None:      # noqa: N802 - Qt's name
        """The explanation belongs to the plot the pointer is over, too."""
        super().setToolTip(text)
        self.graphics.setToolTip(text)

    def __init__(self, parent: QWidget | None = None, *, colorbar: bool = True,
                 value_label: str = "", show_readout: bool = True):
        super().__init__(parent)
        self._m: np.ndarray | None = None
        self._readout: Readout | None = None
        self._fmt: str | Callable[[float], str] = "{:.3g}"
        self._labels = ("", "")
        self._ticks: dict[str, list | None] = {}
        self._hover: tuple[int, int] = (-1, -1)
        self._lock_aspect = False
        self._fitted = False         # showing the whole matrix (refit on resize) until the user zooms

        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.ci.setContentsMargins(2, 6, 2, 2)
        self.graphics.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        axes = {"left": _IndexAxis("left"), "bottom": _IndexAxis("bottom"),
                "top": _FrameAxis("top"), "right": _FrameAxis("right")}
        self.plot: pg.PlotItem = self.graphics.addPlot(row=0, col=0, axisItems=axes)
        self.plot.invertY(True)
        self.plot.setDefaultPadding(0.0)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.getAxis("left").setWidth(AXIS_WIDTH)
        self.plot.showAxes(True, showValues=(True, False, False, True))
        for side in ("top", "right"):                    # a plain frame
            self.plot.getAxis(side).setStyle(tickLength=0)
        for side in ("left", "bottom", "top", "right"):   # a picture that changes with the
            # view's range only: from a pixmap in between (~0.01 ms, playing it ~0.1 ms)
            self.plot.getAxis(side).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._backdrop = QGraphicsRectItem()          # seen through NaN cells only
        self._backdrop.setBrush(QBrush(QColor(GAP_COLOR)))
        self._backdrop.setPen(pg.mkPen(None))
        self._backdrop.setZValue(-1)
        self.plot.addItem(self._backdrop, ignoreBounds=True)
        self._marginals: list[pg.PlotItem] = []
        self.image = _GapImage(axisOrder="row-major")
        self.image.setTransform(QTransform().translate(-0.5, -0.5))
        self.image.setAutoDownsample(True)
        self.image.setNanPolicy("omit")
        self.plot.addItem(self.image)

        self.colorbar: pg.ColorBarItem | None = None
        if colorbar:
            self.colorbar = pg.ColorBarItem(values=(-1, 1), colorMap=style.diverging_colormap(),
                                            interactive=False, width=14, colorMapMenu=False,
                                            label=value_label or None)
            self.colorbar.setImageItem(self.image, insert_in=self.plot)
        else:
            self.image.setColorMap(style.diverging_colormap())

        self.readout_label = QLabel()
        self.readout_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.readout_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.readout_label.setContentsMargins(6, 0, 6, 2)
        self.readout_label.setVisible(show_readout)
        self._idle_text = self.tr("Point at a cell to read its value; wheel zooms, double-click resets")
        self._show_idle_text()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.graphics, 1)
        layout.addWidget(self.readout_label)

        scene = self.graphics.scene()
        scene.sigMouseMoved.connect(self._on_mouse_moved)
        scene.sigMouseClicked.connect(self._on_mouse_clicked)
        self.plot.vb.sigResized.connect(self._on_resized)
        self.plot.vb.sigRangeChangedManually.connect(self._on_user_range)

    # -- data ---------------------------------------------------------------------------
    def set_matrix(self, m: np.ndarray, *, symmetric: bool = True,
                   levels: tuple[float, float] | None = None, percentile: float = 100.0,
                   x_label: str | None = None, y_label: str | None = None,
                   value_format: str | Callable[[float], str] = "{:.3g}",
                   cmap: pg.ColorMap | str | None = None, readout: Readout | None = None,
                   x_ticks: Ticks | list[Ticks] | None = None,
                   y_ticks: Ticks | list[Ticks] | None = None,
                   lock_aspect: bool = False) -> None:
        """Show matrix ``m`` (rows, cols); the view keeps its zoom unless the shape changes.

        Colour levels: ``levels`` if given; else, when ``symmetric``, ±max|m| (or ±the
        ``percentile``-th percentile of |m|, so a few outliers do not wash out the
        rest); else (min, max). ``readout(row, col, value)`` returns the hover text
        (None or "" for nothing); by default "y_label r, x_label c: value".
        ``x_ticks``/``y_ticks`` replace the index ticks with (position, text) pairs, or
        with a list of such lists (major ticks first; later levels are labelled only
        where there is room). ``lock_aspect`` keeps cells square (for image tiles).
        """
        m = np.asarray(m, dtype=np.float32)
        if m.ndim != 2:
            raise ValueError(f"a heatmap needs a 2-D matrix, got shape {m.shape}")
        new_shape = self._m is None or self._m.shape != m.shape or lock_aspect != self._lock_aspect
        self._m = m
        self._readout, self._fmt = readout, value_format
        if levels is None:
            if symmetric:
                levels = symmetric_levels(m, percentile)
            else:
                finite = m[np.isfinite(m)]
                lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
                levels = (lo, hi if hi > lo else lo + 1.0)
        shown = self.image.image
        if (shown is None or np.may_share_memory(shown, m) or shown.shape != m.shape
                or tuple(map(float, levels)) != self.levels()
                or not np.array_equal(shown, m, equal_nan=True)):
            self.image.setImage(m, autoLevels=False, levels=levels)   # else: no new picture
        if cmap is not None:
            cmap = pg.colormap.get(cmap) if isinstance(cmap, str) else cmap
            if self.colorbar is not None and cmap is not self.colorbar.colorMap():
                self.colorbar.setColorMap(cmap)
            elif self.colorbar is None:
                self.image.setColorMap(cmap)
        if self.colorbar is not None and tuple(map(float, levels)) != tuple(self.colorbar.levels()):
            self.colorbar.setLevels(levels)                 # (its axis is laid out anew)
        self._set_labels(x_label, y_label)
        for side, ticks in (("bottom", _tick_levels(x_ticks)), ("left", _tick_levels(y_ticks))):
            if ticks != self._ticks.get(side):       # setTicks repaints the axis: only on change
                self._ticks[side] = ticks
                self.plot.getAxis(side).setTicks(ticks)
        if new_shape:
            self._lock_aspect = lock_aspect
            self._fit_view()
        if self._hover != (-1, -1):
            self._show_readout(*self._hover)

    def matrix(self) -> np.ndarray | None:
        """The matrix shown (the ImageItem's own array), or None."""
        return self.image.image

    def levels(self) -> tuple[float, float]:
        lo, hi = self.image.getLevels()
        return float(lo), float(hi)

    def clear(self) -> None:
        self._m = None
        self.image.clear()
        self._hover = (-1, -1)
        self._show_idle_text()

    def add_marginal_plot(self, height: int = 80) -> pg.PlotItem:
        """A small plot under the heatmap, its x axis linked to the heatmap's columns."""
        plot = self.graphics.addPlot(row=1, col=0)
        plot.setMaximumHeight(height)
        plot.setMinimumHeight(height)
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.getAxis("left").setWidth(AXIS_WIDTH)
        plot.showAxis("right")
        plot.getAxis("right").setStyle(showValues=False)
        plot.setXLink(self.plot)
        self._marginals.append(plot)
        self._align_marginals()
        return plot

    # -- cells ----------------------------------------------------------------------------
    def cell_at(self, scene_pos: QPointF) -> tuple[int, int] | None:
        """The (row, col) under a scene position, or None outside the matrix."""
        if self._m is None or not self.plot.vb.sceneBoundingRect().contains(scene_pos):
            return None
        p = self.plot.vb.mapSceneToView(scene_pos)
        row, col = math.floor(p.y() + 0.5), math.floor(p.x() + 0.5)
        rows, cols = self._m.shape
        if 0 <= row < rows and 0 <= col < cols:
            return row, col
        return None

    def cell_scene_pos(self, row: int, col: int) -> QPointF:
        """Scene position of the centre of cell (row, col)."""
        return self.plot.vb.mapViewToScene(QPointF(col, row))

    def cell_widget_pos(self, row: int, col: int) -> QPoint:
        """Position of the centre of cell (row, col) in ``self.graphics.viewport()``."""
        return self.graphics.mapFromScene(self.cell_scene_pos(row, col))

    def readout_at(self, row: int, col: int) -> str:
        """The hover text for cell (row, col); "" for a gap (NaN) or outside the matrix."""
        if self._m is None or not (0 <= row < self._m.shape[0] and 0 <= col < self._m.shape[1]):
            return ""
        v = float(self._m[row, col])
        if not math.isfinite(v):
            return ""
        if self._readout is not None:
            return self._readout(row, col, v) or ""
        y_label, x_label = self._labels[1] or self.tr("row"), self._labels[0] or self.tr("column")
        return self.tr("{y} {row}, {x} {col}: {value}").format(
            y=y_label, row=row, x=x_label, col=col, value=format_value(v, self._fmt))

    # -- internals ------------------------------------------------------------------------
    def _set_labels(self, x_label, y_label):
        if x_label is not None and x_label != self._labels[0]:
            self.plot.setLabel("bottom", x_label)
        if y_label is not None and y_label != self._labels[1]:
            self.plot.setLabel("left", y_label)
        self._labels = (self._labels[0] if x_label is None else x_label,
                        self._labels[1] if y_label is None else y_label)

    def _on_resized(self):
        self._align_marginals()
        if self._fitted and self._m is not None:
            self._fit_view()

    def _on_user_range(self, *_):
        self._fitted = False

    def _align_marginals(self):
        """Give marginal plots a right margin as wide as the colour bar, so views line up."""
        if not self._marginals:
            return
        gap = self.plot.sceneBoundingRect().right() - self.plot.vb.sceneBoundingRect().right()
        for plot in self._marginals:
            plot.getAxis("right").setWidth(max(1, int(round(gap))))

    def reset_view(self) -> None:
        """Show the whole matrix again (after zooming or panning)."""
        if self._m is not None:
            self._fit_view()

    def _fit_view(self):
        """Show the whole matrix; with square cells, top-aligned and centred left to right."""
        rows, cols = self._m.shape
        self._backdrop.setRect(-0.5, -0.5, cols, rows)
        self._fitted = True
        vb = self.plot.vb
        w, h = vb.width(), vb.height()
        if not self._lock_aspect or w < 2 or h < 2:
            vb.setAspectLocked(self._lock_aspect)
            if self._lock_aspect:
                vb.setLimits(xMin=None, xMax=None, yMin=None, yMax=None)
            else:
                vb.setLimits(xMin=-0.5, xMax=cols - 0.5, yMin=-0.5, yMax=rows - 0.5,
                             minXRange=min(3, cols), minYRange=min(3, rows))
            vb.setRange(xRange=(-0.5, cols - 0.5), yRange=(-0.5, rows - 0.5), padding=0)
        else:
            vb.setAspectLocked(False)        # set the exact square-cell range ourselves
            vb.setLimits(xMin=None, xMax=None, yMin=None, yMax=None)
            scale = min(w / cols, h / rows)  # screen pixels per cell
            span_x, span_y = w / scale, h / scale
            x0 = -0.5 - (span_x - cols) / 2
            vb.setRange(xRange=(x0, x0 + span_x), yRange=(-0.5, -0.5 + span_y), padding=0)
            vb.setAspectLocked(True)
        vb.enableAutoRange(enable=False)

    def _show_idle_text(self):
        self.readout_label.setText(f"<span style='color:{style.GREY}'>{self._idle_text}</span>")

    def _show_readout(self, row, col):
        text = self.readout_at(row, col)
        if text:
            self.readout_label.setText(text)
        else:
            self._show_idle_text()

    def _on_mouse_moved(self, scene_pos):
        cell = self.cell_at(scene_pos) or (-1, -1)
        if cell == self._hover:
            return
        self._hover = cell
        if cell == (-1, -1):
            self._show_idle_text()
        else:
            self._show_readout(*cell)
        self.cell_hovered.emit(*cell)

    def _on_mouse_clicked(self, ev):
        if ev.button() != Qt.MouseButton.LeftButton:
            return
        if ev.double():
            if self.plot.vb.sceneBoundingRect().contains(ev.scenePos()):
                self.reset_view()
            return
        cell = self.cell_at(ev.scenePos())
        if cell is not None:
            self.cell_clicked.emit(*cell)

    def leaveEvent(self, event):
        if self._hover != (-1, -1):
            self._hover = (-1, -1)
            self._show_idle_text()
            self.cell_hovered.emit(-1, -1)
        super().leaveEvent(event)
