"""Gradient descent in one dimension (梯度下降法, 学习率): f(w) = (w − 1)² from w = 5.

Each step is w ← w − lr·f′(w) = w − lr·2(w − 1), so the distance to the minimum is multiplied
by (1 − 2·lr): below lr = 0.5 w creeps in from one side, between 0.5 and 1 it overshoots and
still converges, at exactly 1 it bounces between 5 and −3, above 1 it diverges.
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

from gui import style

W0 = 5.0
MAX_STEPS = 40
DIVERGED = 1e4          # |w − 1| beyond this: stop, it has diverged


def f(w):
    return (w - 1.0) ** 2


def slope(w):
    return 2.0 * (w - 1.0)


def next_w(w: float, lr: float) -> float:
    return w - lr * slope(w)


class Descent1DPanel(QWidget):
    """Step through gradient descent on (w − 1)² and see what the learning rate does."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("descent1DPanel")
        self._lr = 0.1
        self._ws = [W0]
        self._timer = QTimer(self)
        self._timer.setInterval(450)
        self._timer.timeout.connect(self._tick)
        self._build()
        self._set_slider(self._lr)
        self._redraw()

    # -- construction ----------------------------------------------------------------
    def _build(self):
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(1, 120)            # lr = value / 100: 0.01 … 1.2
        self.slider.setPageStep(10)
        self.slider.setTickInterval(10)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setToolTip(self.tr("Learning rate: how far each step goes along −f′(w)"))
        self.slider.valueChanged.connect(self._on_slider)
        self.lr_label = QLabel()
        self.lr_label.setMinimumWidth(110)
        self.step_button = QPushButton(self.tr("Step"))
        self.step_button.clicked.connect(self.step)
        self.step_button.setToolTip(self.tr("One step: w ← w − lr·f′(w)"))
        self.play_button = QPushButton(self.tr("Play"))
        self.play_button.setCheckable(True)
        self.play_button.toggled.connect(self._on_play_toggled)
        self.play_button.setToolTip(self.tr("Take a step about twice a second, or pause"))
        self.reset_button = QPushButton(self.tr("Reset"))
        self.reset_button.clicked.connect(self.reset)
        self.reset_button.setToolTip(self.tr("Back to w = 5"))

        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Learning rate:")))
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.lr_label)
        buttons = QHBoxLayout()
        for b in (self.step_button, self.play_button, self.reset_button):
            buttons.addWidget(b)
        buttons.addStretch(1)

        self.plot = pg.PlotWidget()
        self.plot.setToolTip(self.tr("The loss f(w), the steps taken and the tangent at the current w"))
        pi = self.plot.getPlotItem()
        pi.setLabel("bottom", self.tr("weight w"))
        pi.setLabel("left", self.tr("loss f(w) = (w − 1)²"))
        pi.showGrid(x=True, y=True, alpha=0.2)
        pi.addLegend(offset=(10, 10))
        self.curve = pi.plot(pen=style.pen(style.GREY, 2), name=self.tr("f(w)"))
        self.path_line = pi.plot(pen=style.pen(style.VERMILION, 1.5, Qt.PenStyle.DashLine))
        self.points = pi.plot(pen=None, symbol="o", symbolSize=8, symbolBrush=style.VERMILION,
                              symbolPen="w", name=self.tr("steps"))
        self.tangent = pi.plot(pen=style.pen(style.BLUE, 2),
                               name=self.tr("tangent (slope f′(w))"))
        self.current = pi.plot(pen=None, symbol="o", symbolSize=13, symbolBrush=style.BLUE,
                               symbolPen="w", name=self.tr("current w"))
        self.minimum = pg.InfiniteLine(1.0, angle=90, pen=style.pen(style.GREEN, 1, Qt.PenStyle.DotLine))
        pi.addItem(self.minimum)
        self._arrows: list[pg.ArrowItem] = []
        pi.getViewBox().sigRangeChanged.connect(self._place_arrows)

        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.state_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.explain_label = QLabel()
        self.explain_label.setWordWrap(True)
        self.explain_label.setStyleSheet("font-weight: bold")

        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addLayout(buttons)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.state_label)
        layout.addWidget(self.explain_label)

    # -- public API ------------------------------------------------------------------
    @property
    def learning_rate(self) -> float:
        return self._lr

    @property
    def weights(self) -> list[float]:
        """w after each step so far, starting with w₀ = 5."""
        return list(self._ws)

    @property
    def is_playing(self) -> bool:
        return self._timer.isActive()

    @property
    def finished(self) -> bool:
        """True when no further step is taken (step limit reached or diverged)."""
        return len(self._ws) > MAX_STEPS or self.diverged

    @property
    def diverged(self) -> bool:
        return abs(self._ws[-1] - 1.0) > DIVERGED

    def set_learning_rate(self, lr: float) -> None:
        """Start over from w = 5 with this learning rate (0.01 … 1.2)."""
        lr = float(min(max(lr, 0.01), 1.2))
        self._set_slider(lr)
        if lr != self._lr:
            self._lr = lr
            self.reset()
        self._update_labels()

    def step(self) -> None:
        if self.finished:
            self.pause()
            return
        self._ws.append(next_w(self._ws[-1], self._lr))
        self._redraw()

    def reset(self) -> None:
        self._ws = [W0]
        self._redraw()

    def play(self) -> None:
        if self.finished:
            self.reset()
        self.play_button.setChecked(True)

    def pause(self) -> None:
        self.play_button.setChecked(False)

    def hideEvent(self, ev):
        self.pause()                            # nobody watches: the step timer stops
        super().hideEvent(ev)

    # -- internals ---------------------------------------------------------------------
    def _set_slider(self, lr):
        self.slider.blockSignals(True)
        self.slider.setValue(round(lr * 100))
        self.slider.blockSignals(False)

    def _on_slider(self, value):
        self._lr = value / 100.0
        self.reset()

    def _on_play_toggled(self, on):
        self.play_button.setText(self.tr("Pause") if on else self.tr("Play"))
        if on:
            if self.finished:
                self.reset()
            self._timer.start()
        else:
            self._timer.stop()

    def _tick(self):
        self.step()
        if self.finished:
            self.pause()

    def _redraw(self):
        ws = np.array(self._ws)
        lo, hi = min(ws.min(), -4.0), max(ws.max(), 6.0)
        pad = 0.05 * (hi - lo)
        grid = np.linspace(lo - pad, hi + pad, 400)
        self.curve.setData(grid, f(grid))
        self.path_line.setData(ws, f(ws))
        self.points.setData(ws[:-1], f(ws[:-1]))
        w = ws[-1]
        self.current.setData([w], [f(w)])
        half = 0.12 * (hi - lo)
        tw = np.array([w - half, w + half])
        self.tangent.setData(tw, f(w) + slope(w) * (tw - w))
        self.plot.getPlotItem().getViewBox().setRange(
            xRange=(lo - pad, hi + pad), yRange=(-0.04 * f(grid).max(), f(grid).max() * 1.04),
            padding=0)
        self._place_arrows()
        self._update_labels()

    def _place_arrows(self, *_):
        """One arrow head per step, pointing from w_k to w_k+1 (angles in screen space)."""
        vb = self.plot.getPlotItem().getViewBox()
        ws = self._ws
        while len(self._arrows) < len(ws) - 1:
            arrow = pg.ArrowItem(headLen=12, tailLen=None, pen=style.pen(style.VERMILION, 1),
                                 brush=style.VERMILION)
            self.plot.getPlotItem().addItem(arrow)
            self._arrows.append(arrow)
        for i, arrow in enumerate(self._arrows):
            if i >= len(ws) - 1:
                arrow.hide()
                continue
            a = vb.mapViewToScene(pg.Point(ws[i], f(ws[i])))
            b = vb.mapViewToScene(pg.Point(ws[i + 1], f(ws[i + 1])))
            dx, dy = b.x() - a.x(), b.y() - a.y()
            arrow.setStyle(angle=math.degrees(math.atan2(-dy, -dx)))
            arrow.setPos(ws[i + 1], f(ws[i + 1]))
            arrow.setVisible(math.hypot(dx, dy) > 14)    # too short to show a head

    def _update_labels(self):
        lr = self._lr
        self.lr_label.setText(self.tr("lr = {lr}").format(lr=f"{lr:.2f}"))
        k, w = len(self._ws) - 1, self._ws[-1]
        trail = " → ".join(f"{v:.3g}" for v in self._ws[-6:])
        if len(self._ws) > 6:
            trail = "… → " + trail
        self.state_label.setText(
            self.tr("Step {k}: w = {w}, f(w) = {f}, slope f′(w) = 2(w − 1) = {g}.   w: {trail}")
            .format(k=k, w=f"{w:.4g}", f=f"{f(w):.4g}", g=f"{slope(w):.4g}", trail=trail))
        r = 1.0 - 2.0 * lr
        if self.diverged:
            text = self.tr("Diverged: |w − 1| grew past {limit}, so the steps stop here.").format(
                limit=f"{DIVERGED:g}")
        elif math.isclose(lr, 1.0):
            text = self.tr("lr = 1: each step multiplies w − 1 by 1 − 2·lr = −1 — it overshoots by "
                           "exactly as much as it had to go and bounces between 5 and −3 forever.")
        elif lr > 1.0:
            text = self.tr("lr > 1: each step multiplies w − 1 by 1 − 2·lr = {r}; its size is above 1, "
                           "so w overshoots further every time — it oscillates and diverges.")
            text = text.format(r=f"{r:.2f}")
        elif math.isclose(lr, 0.5):
            text = self.tr("lr = 0.5: 1 − 2·lr = 0, so the first step lands exactly on the minimum w = 1.")
        elif lr > 0.5:
            text = self.tr("0.5 < lr < 1: each step multiplies w − 1 by {r} — it overshoots to the other "
                           "side, but less each time: it oscillates and converges.").format(r=f"{r:.2f}")
        else:
            text = self.tr("Each step multiplies the distance w − 1 by 1 − 2·lr = {r}: w creeps towards "
                           "the minimum w = 1 from one side (slowly if lr is small).").format(r=f"{r:.2f}")
        self.explain_label.setText(text)
