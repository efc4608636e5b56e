"""A histogram lying on its side in a pyqtgraph plot (values up, counts to the right), as
beside a distribution band: one filled outline of bars, a count axis that changes only in
round steps, and a bin that dwarfs the rest (e.g. the exact zeros of ReLU outputs) cut off
at the edge with its count written there."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from .. import style
from .band_paths import cosmetic_pen, histogram_path
from .distribution_band import FlatPathItem
from .edge_label import EdgeLabel
from .stepped_ranges import count_end


class CountHistogram:
    def __init__(self, plot: pg.PlotItem, colour):
        self.plot = plot
        self.bars = FlatPathItem()                # horizontal bars: edges need no smoothing
        self.bars.setPen(cosmetic_pen(pg.mkColor(colour).darker(130)))
        self.bars.setBrush(pg.mkBrush(colour))
        plot.addItem(self.bars)
        self.label = EdgeLabel(style.BLACK)
        plot.addItem(self.label, ignoreBounds=True)
        self.label.hide()
        self.counts, self.edges = np.zeros(0), np.zeros(1)
        self.end = 0.0                            # of the count axis

    def set_data(self, counts, edges) -> bool:
        """Draw ``counts`` between bin ``edges``; False (and nothing set) if shown already."""
        counts, edges = np.asarray(counts), np.asarray(edges)
        if np.array_equal(counts, self.counts) and np.array_equal(edges, self.edges):
            return False
        self.counts, self.edges = counts, edges
        self.bars.setPath(histogram_path(counts, edges))
        if not counts.size:
            self.label.hide()
            return True
        ordered = np.sort(counts)
        top, second = ordered[-1], (ordered[-2] if counts.size > 1 else 0)
        # cut off beyond 4 times the second-highest bin, and kept so down to 3 times (not
        # every other frame on and off, each time with a new count axis)
        clipped = second > 0 and top > (3 if self.label.isVisible() else 4) * second
        end = count_end(1.6 * second if clipped else max(1.0, 1.05 * top), self.end)
        if end is not None:
            self.end = end
            self.plot.setXRange(0, end, padding=0)
        if clipped:
            i = int(np.argmax(counts))
            self.label.setText(f"{int(top):,} ▸")
            self.label.setPos(self.end, 0.5 * (edges[i] + edges[i + 1]))
            self.label.show()
        else:
            self.label.hide()
        return True

    def keep_label_inside(self) -> None:
        """Move the count label inside the plot's value range (after a new range)."""
        if self.label.isVisible():
            (_, _), (y0, y1) = self.plot.vb.viewRange()
            half = 10 * self.plot.vb.viewPixelSize()[1]
            self.label.setY(min(max(self.label.y(), y0 + half), y1 - half))
