"""Axes for narrow live plots (the distributions panel's histograms and gradient sizes):
a count axis with at most three ticks and a log axis that labels only 1, 2 and 5 × 10^k.
Both are ``LiveAxis``es, cheap to lay out on every frame."""
from __future__ import annotations

import numpy as np

from .live_axis import LiveAxis


class CountAxis(LiveAxis):
    """A count axis for a narrow plot: at most three ticks, 1k for 1000."""

    def tickValues(self, minVal, maxVal, size):
        span = maxVal - minVal
        if span <= 0:
            return []
        raw = span / 2.5
        mag = 10.0 ** np.floor(np.log10(raw))
        step = next(m for m in (1, 2, 2.5, 5, 10) if m * mag >= raw) * mag
        start = np.ceil(minVal / step) * step
        return [(step, list(np.arange(start, maxVal + 1e-9 * step, step)))]

    def tickStrings(self, values, scale, spacing):
        return [f"{v / 1000:g}k" if abs(v) >= 1000 else f"{v:g}" for v in values]


class LogAxis(LiveAxis):
    """A log axis that labels only 1, 2 and 5 × 10^k, so narrow plots stay legible."""

    def logTickStrings(self, values, scale, spacing):
        out = []
        for v in values:
            x = 10.0 ** (float(v)) * scale
            mantissa = x / 10.0 ** np.floor(np.log10(x) + 1e-9)
            out.append(f"{x:.3g}" if min(abs(mantissa - m) for m in (1, 2, 5)) < 0.01 else "")
        return out
