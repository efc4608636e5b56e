"""An axis for plots that redraw several times a second: the picture of pyqtgraph's
``AxisItem``, computed for a fraction of its cost.

A live plot's range changes on every frame (a new iteration extends the x axis; a new
histogram rescales the count axis), so its axes are laid out again each time, and
pyqtgraph's ``AxisItem.generateDrawSpecs`` spends most of a frame's axis time in Python:
a ``Point`` per tick end, a text measurement per label, a pen per tick. ``LiveAxis``
produces the same draw specifications (tests/gui/test_live_axis.py compares them with
pyqtgraph's for many ranges and sizes) with tick positions computed in NumPy, label sizes
remembered per text, and the ticks of a level drawn in one call. It also skips the work
pyqtgraph repeats on every range change when nothing it depends on changed: the label's
HTML (when the SI prefix stays the same) and the axis's size (when the labels' extent
stays the same), so a range change does not lay the plot out again.

Use it wherever a plot that updates live creates its axes::

    plot = layout.addPlot(axisItems={"left": LiveAxis("left"), "bottom": LiveAxis("bottom")})
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPicture
from PySide6.QtWidgets import QGraphicsItem

_ALIGN = {
    "left": Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
    "right": Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
    "top": Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
    "bottom": Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
}
_MEASURE_RECT = QRectF(0, 0, 100, 100)


class LiveAxisMixin:
    """The faster layout and painting; mix it in before a ``pg.AxisItem`` subclass."""

    def _init_live(self) -> None:
        self._text_sizes: dict[tuple[str, str], tuple[float, float]] = {}
        self._si_state: tuple | None = None
        self._specs = None
        self._shared: dict | None = None     # specs shared with twin axes (share_layout)
        self._text_extent = 0.0

    # -- range changes: no relayout when nothing the size depends on changed ----------------
    def updateAutoSIPrefix(self):  # noqa: N802 - pyqtgraph's name
        scale, prefix = 1.0, ""
        if self.label.isVisible():
            rng = 10 ** np.array(self.range) if self.logMode else self.range
            value = max(abs(rng[0]), abs(rng[1])) * self.scale
            if any(low <= value <= high for low, high in self.getSIPrefixEnableRanges()):
                scale, prefix = pg.siScale(value, power=self.unitPower)
        state = (scale, prefix, self.labelText, self.labelUnits, self.label.isVisible())
        self.autoSIPrefixScale, self.labelUnitPrefix = scale, prefix
        if state != self._si_state:
            self._si_state = state
            self._updateLabel()
        else:
            self.picture = None
            self.update()

    def setLabel(self, *args, **kwargs):  # noqa: N802 - pyqtgraph's name
        self._si_state = None
        super().setLabel(*args, **kwargs)

    def _updateMaxTextSize(self, x):  # noqa: N802 - pyqtgraph's name
        vertical = self.orientation in ("left", "right")
        current = self.textWidth if vertical else self.textHeight
        mx = x if self.style["autoReduceTextSpace"] else max(current, x)
        if mx > current or mx < current - 10:
            super()._updateMaxTextSize(x)         # the size changes: lay the plot out again

    def _shared_specs(self, painter, scale: tuple):
        """The specs, taken from a twin axis (see :func:`share_layout`) that computed them
        for the same range and geometry, else computed."""
        if self._shared is None:
            return self.generateDrawSpecs(painter)
        rect = self.mapRectFromParent(self.geometry())
        key = (self.orientation, tuple(self.range), rect.getRect(), self.boundingRect().getRect(),
               self.autoSIPrefixScale, self.scale, self.logMode, self.grid,
               self.textWidth, self.textHeight, scale)
        if self._shared.get("key") == key:
            self._updateMaxTextSize(self._shared["extent"])
            return self._shared["specs"]
        specs = self.generateDrawSpecs(painter)
        self._shared.update(key=key, specs=specs, extent=self._text_extent)
        return specs

    def tickValues(self, minVal, maxVal, size):  # noqa: N802, N803 - pyqtgraph's names
        """pyqtgraph's tick values (the same numbers), without its pairwise ``np.isclose``."""
        minVal, maxVal = sorted((minVal, maxVal))
        minVal *= self.scale
        maxVal *= self.scale
        ticks = []
        seen = np.empty(0)
        for spacing, offset in self.tickSpacing(minVal, maxVal, size):
            start = (np.ceil((minVal - offset) / spacing) * spacing) + offset
            num = int((maxVal - start) / spacing) + 1
            values = (np.arange(num) * spacing + start) / self.scale
            # a tick already on a higher level (within 1 % of the spacing) is not repeated
            if seen.size and values.size:
                close = (np.abs(seen - values[:, np.newaxis]) <= spacing / self.scale * 0.01).any(axis=-1)
                values = values[~close]
            seen = np.concatenate([seen, values])
            ticks.append((spacing / self.scale, values.tolist()))
        if self.logMode:
            return self.logTickValues(minVal, maxVal, size, ticks)
        return ticks

    # -- the picture ---------------------------------------------------------------------------
    def paint(self, p, opt, widget):
        """Draw from the specs computed at the last change. pyqtgraph records them in a
        ``QPicture`` and plays it back, but playing a new picture costs about a millisecond
        (more than computing it), on every frame in which the range changed."""
        if self.picture is None:              # pyqtgraph's "out of date" mark
            picture = QPicture()
            painter = QPainter(picture)       # text is measured as pyqtgraph measures it
            try:
                if self.style["tickFont"]:
                    painter.setFont(self.style["tickFont"])
                t = p.worldTransform()
                self._specs = self._shared_specs(painter, (t.m11(), t.m12(), t.m21(), t.m22()))
            finally:
                painter.end()
            self.picture = picture
        if self._specs is not None:
            p.save()
            try:
                self.drawPicture(p, *self._specs)
            finally:
                p.restore()

    def _text_size(self, painter, text: str) -> tuple[float, float]:
        key = (painter.font().key(), text)
        size = self._text_sizes.get(key)
        if size is None:
            br = painter.boundingRect(_MEASURE_RECT, Qt.AlignmentFlag.AlignCenter, text)
            size = (br.width(), br.height() * 0.8)     # boundingRect is a bit too tall
            if len(self._text_sizes) > 2000:
                self._text_sizes.clear()
            self._text_sizes[key] = size
        return size

    def _value_to_position(self, bounds: QRectF) -> tuple[float, float]:
        """(scale, offset): a value ``v`` lies at ``v * scale - offset`` along the axis."""
        dif = self.range[1] - self.range[0]
        if dif == 0:
            return 1, 0
        if self.orientation in ("left", "right"):
            scale = -bounds.height() / dif
            return scale, self.range[0] * scale - bounds.height()
        scale = bounds.width() / dif
        return scale, self.range[0] * scale

    def generateDrawSpecs(self, p):  # noqa: N802, C901 - pyqtgraph's name; mirrors it step by step
        if self.style["tickFont"] is not None:
            p.setFont(self.style["tickFont"])
        bounds = self.mapRectFromParent(self.geometry())
        linked = self.linkedView()
        tick_bounds = bounds if linked is None or self.grid is False else \
            linked.mapRectToItem(self, linked.boundingRect())
        o = self.orientation
        if o == "left":
            span = (bounds.topRight() + QPointF(-1, -1), bounds.bottomRight() + QPointF(-1, 1))
            tick_start, tick_stop, tick_dir, axis = tick_bounds.right(), bounds.right(), -1, 0
        elif o == "right":
            span = (bounds.topLeft() + QPointF(1, -1), bounds.bottomLeft() + QPointF(1, 1))
            tick_start, tick_stop, tick_dir, axis = tick_bounds.left(), bounds.left(), 1, 0
        elif o == "top":
            span = (bounds.bottomLeft() + QPointF(-1, -1), bounds.bottomRight() + QPointF(1, -1))
            tick_start, tick_stop, tick_dir, axis = tick_bounds.bottom(), bounds.bottom(), -1, 1
        else:
            span = (bounds.topLeft() + QPointF(-1, 1), bounds.topRight() + QPointF(1, 1))
            tick_start, tick_stop, tick_dir, axis = tick_bounds.top(), bounds.top(), 1, 1
        points = [self.mapToDevice(s) for s in span]
        if None in points:
            return None
        length = (points[1] - points[0])
        length = float(np.hypot(length.x(), length.y()))
        if length == 0:
            return None

        if self._tickLevels is None:
            levels = self.tickValues(self.range[0], self.range[1], length)
            level_strings = None
        else:
            levels = [(None, [v for v, _ in level]) for level in self._tickLevels]
            level_strings = [[s for _, s in level] for level in self._tickLevels]

        x_scale, offset = self._value_to_position(bounds)
        x_range = [x * x_scale - offset for x in self.range]
        x_min, x_max = min(x_range), max(x_range)

        positions = []             # per level: each tick's position, or None when out of bounds
        tick_specs = []
        base_pen = self.tickPen()
        solid = base_pen.brush().style() == Qt.BrushStyle.SolidPattern
        for i, (_, ticks) in enumerate(levels):
            tick_length = self.style["tickLength"] / ((i * 0.5) + 1.0)
            alpha = self.style["tickAlpha"]
            if alpha is None:
                alpha = 255 / (i + 1)
                if self.grid is not False:
                    alpha *= self.grid / 255. * min(max(0.05 * length / (len(ticks) + 1), 0.), 1.)
            elif isinstance(alpha, float):
                alpha = min(255, max(0, int(round(alpha * 255))))
            pen = base_pen
            if solid:
                pen = QPen(base_pen)
                colour = QColor(pen.color())
                colour.setAlpha(int(alpha))
                pen.setColor(colour)
            xs = np.asarray(ticks, dtype=float) * x_scale - offset
            inside = (xs >= x_min) & (xs <= x_max)
            positions.append([x if ok else None for x, ok in zip(xs.tolist(), inside.tolist(), strict=True)])
            end = tick_stop + (tick_length * tick_dir if self.grid is False else 0)
            if axis == 0:
                tick_specs += [(pen, QPointF(tick_start, x), QPointF(end, x)) for x in xs[inside].tolist()]
            else:
                tick_specs += [(pen, QPointF(x, tick_start), QPointF(x, end)) for x in xs[inside].tolist()]

        if self.style["stopAxisAtTick"][0] is True:
            lowest = min(min((x for x in level if x is not None), default=np.inf) for level in positions)
            if axis == 0:
                span[0].setY(max(span[0].y(), lowest))
            else:
                span[0].setX(max(span[0].x(), lowest))
        if self.style["stopAxisAtTick"][1] is True:
            highest = max(max((x for x in level if x is not None), default=-np.inf) for level in positions)
            if axis == 0:
                span[1].setY(min(span[1].y(), highest))
            else:
                span[1].setX(min(span[1].x(), highest))
        axis_spec = (self.pen(), span[0], span[1])

        text_offset = self.style["tickTextOffset"][axis]
        text_specs = []
        if not self.style["showValues"]:
            return axis_spec, tick_specs, text_specs
        measured = []              # (width, height) of every label measured so far
        last_size2 = 0
        br = self.boundingRect()
        flags = _ALIGN[o] | Qt.TextFlag.TextDontClip
        shift = max(0, self.style["tickLength"]) + text_offset
        for i in range(min(len(levels), self.style["maxTextLevel"] + 1)):
            if level_strings is None:
                spacing, values = levels[i]
                strings = self.tickStrings(values, self.autoSIPrefixScale * self.scale, spacing)
            else:
                strings = list(level_strings[i])
            if len(strings) == 0:
                continue
            strings = [s if x is not None else None for s, x in zip(strings, positions[i], strict=False)]
            sizes = [None if s is None else self._text_size(p, s) for s in strings]
            measured += [s for s in sizes if s is not None]
            if measured:
                along, across = (1, 0) if axis == 0 else (0, 1)
                text_size = float(np.sum([s[along] for s in measured]))
                size2 = float(np.max([s[across] for s in measured]))
            else:
                text_size = size2 = 0
            if i > 0:
                ratio = text_size / length
                if any(len(text_specs) >= n and ratio >= limit for n, limit in self.style["textFillLimits"]):
                    break
            last_size2 = size2
            for s, x, size in zip(strings, positions[i], sizes, strict=False):
                if s is None:
                    continue
                width, height = size
                if o == "left":
                    rect = QRectF(tick_stop - shift - width, x - height / 2, width, height)
                elif o == "right":
                    rect = QRectF(tick_stop + shift, x - height / 2, width, height)
                elif o == "top":
                    rect = QRectF(x - width / 2., tick_stop - shift - height, width, height)
                else:
                    rect = QRectF(x - width / 2., tick_stop + shift, width, height)
                if br & rect != rect:
                    continue
                text_specs.append((rect, flags, s))
        self._text_extent = last_size2
        self._updateMaxTextSize(last_size2)
        return axis_spec, tick_specs, text_specs

    def drawPicture(self, p, axisSpec, tickSpecs, textSpecs):  # noqa: N802, N803 - pyqtgraph's names
        p.setRenderHint(p.RenderHint.Antialiasing, False)
        p.setRenderHint(p.RenderHint.TextAntialiasing, True)
        pen, p1, p2 = axisSpec
        p.setPen(pen)
        p.drawLine(p1, p2)
        # the ticks of a level share one pen: one call draws them all
        i = 0
        while i < len(tickSpecs):
            pen = tickSpecs[i][0]
            j = i
            while j < len(tickSpecs) and tickSpecs[j][0] is pen:
                j += 1
            p.setPen(pen)
            p.drawLines([QLineF(a, b) for _, a, b in tickSpecs[i:j]])
            i = j
        if self.style["tickFont"] is not None:
            p.setFont(self.style["tickFont"])
        p.setPen(self.textPen())
        p.setClipRect(self.boundingRect().toAlignedRect())
        for rect, flags, text in textSpecs:
            p.drawText(rect, int(flags), text)


class LiveAxis(LiveAxisMixin, pg.AxisItem):
    """``pg.AxisItem`` with a faster layout of its ticks and labels (same picture)."""

    def __init__(self, *args, **kwargs):
        self._init_live()
        super().__init__(*args, **kwargs)


def share_layout(*axes: LiveAxisMixin) -> None:
    """Axes that show the same range at the same size (e.g. the x axes of plots stacked in
    one column with linked x ranges) compute their ticks and labels once for all of them.
    They must be alike (the same class, style and fonts): only their state is compared."""
    shared: dict = {}
    for axis in axes:
        axis._shared = shared


def add_live_plot(layout: pg.GraphicsLayoutWidget, row: int, col: int, **kinds) -> pg.PlotItem:
    """A plot whose ranges change while training runs: ``LiveAxis`` (or the subclass given by
    side, e.g. ``bottom=CountAxis``) on the left and at the bottom, each kept as a picture
    between changes (the plot beside or inside repaints every frame, and with it whatever
    part of an axis lies in the region it covers); the hidden top and right axes follow the
    ranges too, so they skip the label update (an HTML layout each) their SI prefix costs."""
    axes = {side: kinds.get(side, LiveAxis)(side) for side in ("left", "bottom")}
    for axis in axes.values():
        axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    plot = layout.addPlot(row=row, col=col, axisItems=axes)
    for side in ("top", "right"):
        plot.getAxis(side).enableAutoSIPrefix(False)
    return plot
