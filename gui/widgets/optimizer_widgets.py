"""How an optimizer looks in the GUI: its colour, marker, name, tooltip and a table to pick rates.

Everything here enumerates the registry ``core.optimizers.OPTIMIZERS`` (in its order): the
optimizer lab and the optimizer race both draw from it, so a new optimizer shows up in both
with a colour (``style.PALETTE`` by position, cycled) and a marker (``SYMBOLS`` by position).
"""
from __future__ import annotations

from collections.abc import Collection, Mapping

import pyqtgraph as pg
from pyqtgraph.graphicsItems.ScatterPlotItem import drawSymbol
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QGridLayout

from core import optimizers
from gui import style, tooltips

# pyqtgraph symbols by registry position: SGD o, Momentum s, Nesterov t, AdaGrad d, RMSProp star,
# Adam x; then more, and round again
SYMBOLS = ("o", "s", "t", "d", "star", "x", "p", "h", "+", "t1")


def _position(name: str) -> int:
    """Where ``name`` stands in the registry (looked up each time: tests may add entries)."""
    return list(optimizers.OPTIMIZERS).index(name)


def color(name: str) -> str:
    """The optimizer's colour: ``style.PALETTE`` by registry position, cycled."""
    return style.PALETTE[_position(name) % len(style.PALETTE)]


def marker(name: str) -> str:
    """The optimizer's pyqtgraph symbol: ``SYMBOLS`` by registry position, cycled."""
    return SYMBOLS[_position(name) % len(SYMBOLS)]


def label(name: str) -> str:
    """The optimizer's display name, translated (a Chinese UI may prefer 动量 for Momentum)."""
    return QCoreApplication.translate("optimizers", optimizers.OPTIMIZERS[name].label)


def optimizer_names() -> dict[str, str]:
    """Translated display names by registry key, in registry order."""
    return {name: label(name) for name in optimizers.OPTIMIZERS}


def tooltip(name: str) -> str:
    """Wrapped rich text: what the method does, and its update rule below."""
    cls = optimizers.OPTIMIZERS[name]
    return tooltips.tooltip(QCoreApplication.translate("optimizers", cls.help), cls.rule)


def marker_icon(name: str, size: int = 16) -> QIcon:
    """The optimizer's marker in its colour, for checkboxes."""
    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.translate(size / 2, size / 2)
    drawSymbol(p, marker(name), size - 3, pg.mkPen("w", width=0.1), pg.mkBrush(color(name)))
    p.end()
    return QIcon(pm)


def optimizer_curve(plot_item: pg.PlotItem, name: str, symbol_size: int, label: str | None = None,
                    width: float = 2.0) -> pg.PlotDataItem:
    """A curve in the optimizer's colour with its marker (white marker edges keep it readable)."""
    return plot_item.plot(pen=style.pen(color(name), width), symbol=marker(name), symbolSize=symbol_size,
                          symbolBrush=color(name), symbolPen=pg.mkPen("w", width=0.9), name=label)


def rate_spin(value: float = 0.1) -> QDoubleSpinBox:
    """A learning-rate box: 0.0001 … 10, adaptive steps."""
    spin = QDoubleSpinBox()
    spin.setDecimals(4)
    spin.setRange(0.0001, 10.0)
    spin.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)
    spin.setMaximumWidth(90)
    spin.setValue(value)
    return spin


def optimizer_table(rates: Mapping[str, float], checked: Collection[str], columns: int = 2):
    """A checkbox (marker icon, name, the update rule as tooltip) and a learning-rate box per
    optimizer of the registry, in a grid ``columns`` pairs wide.

    ``rates``: the starting rate of every optimizer by key; ``checked``: the keys checked.
    Returns (grid, checkboxes by key, spin boxes by key), both in registry order.
    """
    grid = QGridLayout()
    grid.setVerticalSpacing(2)
    grid.setColumnStretch(2 * columns, 1)
    checks, spins = {}, {}
    for i, name in enumerate(optimizers.OPTIMIZERS):
        checks[name] = cb = QCheckBox(label(name))
        cb.setIcon(marker_icon(name))
        cb.setToolTip(tooltip(name))
        cb.setChecked(name in checked)
        spins[name] = spin = rate_spin(rates[name])
        spin.setToolTip(QCoreApplication.translate("optimizer_table", "Learning rate of {name}").format(
            name=label(name)))
        grid.addWidget(cb, i // columns, 2 * (i % columns))
        grid.addWidget(spin, i // columns, 2 * (i % columns) + 1)
    return grid, checks, spins
