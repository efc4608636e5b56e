"""Colours and pyqtgraph settings shared by every panel.

A light theme like TensorFlow Playground's: white plot background, dark
axes, and a colour-blind-safe palette (Okabe–Ito) for curves, so that train /
validation / test and the optimizers stay distinguishable for everyone.
"""
from __future__ import annotations

import pyqtgraph as pg

# Okabe–Ito palette
BLUE = "#0072B2"
ORANGE = "#E69F00"
GREEN = "#009E73"
VERMILION = "#D55E00"
PURPLE = "#CC79A7"
SKY = "#56B4E9"
YELLOW = "#F0E442"
BLACK = "#000000"
GREY = "#7f7f7f"
PALETTE = [BLUE, VERMILION, GREEN, ORANGE, PURPLE, SKY, BLACK]

# roles
TRAIN = BLUE
VALIDATION = ORANGE
TEST = GREEN
RAW = "#9fb8d0"          # the raw, noisy per-batch loss behind its moving average

# diverging map for weights: negative blue, zero white, positive red
DIVERGING = "CET-D1"


def setup_pyqtgraph() -> None:
    """Call once, before any plot is created (the app and the tests do)."""
    pg.setConfigOptions(antialias=True, background="w", foreground="k", imageAxisOrder="row-major")


def diverging_colormap() -> pg.ColorMap:
    return pg.colormap.get(DIVERGING)


def pen(color: str, width: float = 2.0, style=None) -> pg.QtGui.QPen:
    p = pg.mkPen(color=color, width=width)
    if style is not None:
        p.setStyle(style)
    return p
