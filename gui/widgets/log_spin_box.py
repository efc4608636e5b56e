"""A spin box for quantities that span decades, such as the learning rate."""
from __future__ import annotations

import math

from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDoubleSpinBox


class LogSpinBox(QDoubleSpinBox):
    """A spin box for quantities that span decades: the arrows step through
    1, 2, 5, 10, 20, 50 … (learning rates 0.001, 0.002, 0.005, 0.01 …)."""

    LADDER = (1.0, 2.0, 5.0)

    def __init__(self, lo: float, hi: float, parent=None):
        super().__init__(parent)
        self.setDecimals(7)
        self.setRange(lo, hi)
        self.setKeyboardTracking(False)

    def textFromValue(self, value: float) -> str:
        return f"{value:g}"

    def valueFromText(self, text: str) -> float:
        try:
            return float(text)
        except ValueError:
            return self.value()

    def validate(self, text, pos):
        try:
            v = float(text)
        except ValueError:
            return QValidator.State.Intermediate, text, pos
        ok = self.minimum() <= v <= self.maximum()
        return (QValidator.State.Acceptable if ok else QValidator.State.Intermediate), text, pos

    def stepBy(self, steps: int) -> None:
        v = self.value()
        for _ in range(abs(steps)):
            v = self._next(v, up=steps > 0)
        self.setValue(min(max(v, self.minimum()), self.maximum()))

    def _next(self, v: float, up: bool) -> float:
        e = math.floor(math.log10(v) + 1e-9)
        ladder = [m * 10 ** k for k in (e - 1, e, e + 1) for m in self.LADDER]
        if up:
            return next(x for x in ladder if x > v * (1 + 1e-9))
        return next(x for x in reversed(ladder) if x < v * (1 - 1e-9))
