"""A ``LiveAxis`` for a range that moves a little with every frame (a colour bar that follows
its levels): when the new range has the same ticks and labels as the last one, the last draw
specifications are moved to the new positions instead of being computed again.

Laying out a colour bar's axis (three levels of ticks, their labels measured and fitted) costs
~0.4 ms per frame in Python; moving its 30 ticks and 5 labels costs a fraction of that. The
result is the same (tests/gui/test_sliding_axis.py compares it with ``LiveAxis``'s for many
ranges); whenever something else changed (a tick appears or leaves, a label would no longer
fit, the size, the style), the axis is laid out as usual.

    bar.setAxisItems({"right": SlidingAxis("right")})
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF

from gui.widgets.live_axis import LiveAxis

_SETTERS = ("setStyle", "setTickFont", "setPen", "setTextPen", "setTickPen", "setTicks",
            "setScale", "setGrid", "setLogMode", "setLabel", "setTickSpacing", "linkToView")


class SlidingAxis(LiveAxis):
    """``LiveAxis`` that moves its last layout along when only the range moved."""

    def _init_live(self) -> None:
        super()._init_live()
        self._slide: dict | None = None
        self._levels_seen: tuple | None = None     # (levels, size) of the last tickValues

    def tickValues(self, minVal, maxVal, size):  # noqa: N802, N803 - pyqtgraph's names
        levels = super().tickValues(minVal, maxVal, size)
        self._levels_seen = (levels, size)
        return levels

    def generateDrawSpecs(self, p):  # noqa: N802 - pyqtgraph's name
        specs = self._slid_specs()
        if specs is not None:
            return specs
        self._levels_seen = None
        specs = super().generateDrawSpecs(p)
        self._slide = self._remember(p, specs)
        return specs

    # -- internals --------------------------------------------------------------------------
    def _key(self) -> tuple:
        return (self.mapRectFromParent(self.geometry()).getRect(), self.boundingRect().getRect(),
                self.autoSIPrefixScale, self.scale, self.logMode, self.grid, self.textWidth,
                self.textHeight, self._tickLevels is None)

    def _positions(self, levels) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Each level's tick positions along the axis and which lie inside it (as LiveAxis)."""
        scale, offset = self._value_to_position(self.mapRectFromParent(self.geometry()))
        ends = [x * scale - offset for x in self.range]
        lo, hi = min(ends), max(ends)
        xs = [np.asarray(values, dtype=float) * scale - offset for _, values in levels]
        return xs, [(x >= lo) & (x <= hi) for x in xs]

    def _remember(self, p, specs) -> dict | None:
        """What moving ``specs`` along needs, or None when they cannot be moved safely."""
        if (specs is None or self._levels_seen is None or self._tickLevels is not None
                or True in self.style["stopAxisAtTick"] or self.range[1] == self.range[0]):
            return None
        levels, size = self._levels_seen
        axis_spec, ticks, texts = specs
        xs, inside = self._positions(levels)
        along = np.concatenate([x[i] for x, i in zip(xs, inside, strict=True)]) if xs else np.empty(0)
        if len(ticks) != along.size:
            return None
        vertical = self.orientation in ("left", "right")
        text_ticks = []
        for rect, _, _ in texts:
            centre = rect.y() + rect.height() / 2 if vertical else rect.x() + rect.width() / 2
            k = int(np.argmin(np.abs(along - centre))) if along.size else -1
            if k < 0 or abs(along[k] - centre) > 1e-6:
                return None
            text_ticks.append(k)
        # the labels are those of every tick inside of the first levels (none left out for want
        # of room at an end, which a move could change), and the next level with ticks inside
        # was left out for the labels' total size (which a move does not change)
        counts = [int(i.sum()) for i in inside]
        if sorted(text_ticks) != list(range(len(texts))):
            return None
        level, n = 0, 0
        while level < len(counts) and (n < len(texts) or counts[level] == 0):
            n += counts[level]
            level += 1
        if n != len(texts):
            return None
        last = min(len(levels), self.style["maxTextLevel"] + 1)
        if (self.style["showValues"] and level < last
                and not self._left_out(p, levels, inside, level, len(texts), size)):
            return None
        # the levels past those the labels depend on may gain or lose ticks at the ends (the
        # finest ones do, as the range moves): theirs are drawn anew, with their level's pen
        # (which a grid's ticks do not keep: its alpha depends on their number)
        if self.grid is not False:
            fixed = len(levels)
        elif not self.style["showValues"]:
            fixed = 0
        else:
            fixed = level + 1 if level < last else last
        starts = np.cumsum([0] + counts).tolist()
        templates = [ticks[starts[i]] if counts[i] else None for i in range(len(levels))]
        return {"key": self._key(), "levels": levels, "size": size, "inside": inside,
                "axis": axis_spec, "ticks": ticks, "texts": texts, "text_ticks": text_ticks,
                "extent": self._text_extent, "fixed": fixed, "starts": starts, "templates": templates}

    def _left_out(self, p, levels, inside, level, n_texts, length) -> bool:
        """Whether LiveAxis's label loop stops at ``level`` for the labels' total size."""
        if level == 0:
            return False
        along = 1 if self.orientation in ("left", "right") else 0
        total = 0.0
        for i in range(level + 1):
            spacing, values = levels[i]
            strings = self.tickStrings(values, self.autoSIPrefixScale * self.scale, spacing)
            total += sum(self._text_size(p, s)[along]
                         for s, ok in zip(strings, inside[i], strict=False) if ok)
        return any(n_texts >= n and total / length >= limit for n, limit in self.style["textFillLimits"])

    def _slid_specs(self):
        s = self._slide
        if s is None or self.range[1] == self.range[0] or self._key() != s["key"]:
            return None
        levels = self.tickValues(self.range[0], self.range[1], s["size"])
        fixed = s["fixed"]
        if len(levels) != len(s["levels"]) or any(
                a[0] != b[0] or (i < fixed and list(a[1]) != list(b[1]))
                for i, (a, b) in enumerate(zip(levels, s["levels"], strict=True))):
            return None
        xs, inside = self._positions(levels)
        if any(not np.array_equal(a, b) for a, b in zip(inside, s["inside"][:fixed], strict=False)):
            return None
        vertical = self.orientation in ("left", "right")
        ticks, along = [], []
        for i, (x, ok) in enumerate(zip(xs, inside, strict=True)):
            positions = x[ok].tolist()
            if i < fixed:
                along += positions
                olds = s["ticks"][s["starts"][i]:s["starts"][i + 1]]
            elif not positions:
                continue
            elif s["templates"][i] is None:
                return None
            else:
                olds = [s["templates"][i]] * len(positions)
            pairs = zip(olds, positions, strict=True)
            if vertical:
                ticks += [(pen, QPointF(a.x(), v), QPointF(b.x(), v)) for (pen, a, b), v in pairs]
            else:
                ticks += [(pen, QPointF(v, a.y()), QPointF(v, b.y())) for (pen, a, b), v in pairs]
        br = self.boundingRect()
        texts = []
        for (rect, flags, text), k in zip(s["texts"], s["text_ticks"], strict=True):
            w, h = rect.width(), rect.height()
            if vertical:
                moved = QRectF(rect.x(), along[k] - h / 2, w, h)
            else:
                moved = QRectF(along[k] - w / 2., rect.y(), w, h)
            if br & moved != moved:
                return None
            texts.append((moved, flags, text))
        self._text_extent = s["extent"]
        self._updateMaxTextSize(s["extent"])
        return s["axis"], ticks, texts


def _forgetting(name: str):
    def method(self, *args, **kwargs):
        self._slide = None
        return getattr(LiveAxis, name)(self, *args, **kwargs)
    method.__name__ = name
    return method


for _name in _SETTERS:
    setattr(SlidingAxis, _name, _forgetting(_name))
