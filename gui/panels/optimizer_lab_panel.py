"""The optimizer lab: every optimizer of ``core.optimizers`` races on a 2-D surface.

Paths come from ``core.surfaces`` (the very optimizer classes that train MNIST). The contour
plot is an ImageItem of log-scaled f with isocurves; each optimizer has its own colour and
marker (``gui.widgets.optimizer_widgets``); the animation shows the paths step by step; a click
on the plot moves the start.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core import optimizers, surfaces
from gui import style
from gui.widgets.hover_readout import HoverReadout
from gui.widgets.optimizer_widgets import (
    color,
    marker,
    optimizer_curve,
    optimizer_names,
    optimizer_table,
    rate_spin,
)

COLORMAP = "cividis"     # perceptually uniform and colour-blind safe; lightened so the paths stand out
LIGHTEN = 0.4
GRID = 240               # pixels of the coloured image
ISO_GRID = 80            # the contour lines come from a coarser grid: pyqtgraph's isocurve is slow
N_LEVELS = 14
WIDE = 850               # narrower than this: plots stacked


def surface_colormap() -> pg.ColorMap:
    """cividis mixed with 40 % white: dark valleys, light heights, paths readable on both."""
    pos, colors = pg.colormap.get(COLORMAP).getStops(mode="float")
    colors = colors.copy()
    colors[:, :3] = colors[:, :3] * (1 - LIGHTEN) + LIGHTEN
    return pg.ColorMap(pos, np.round(colors * 255).astype(np.uint8), name="surface")


def _button(text: str, slot, tip: str = "", checkable: bool = False) -> QPushButton:
    b = QPushButton(text)
    b.setToolTip(tip)
    b.setCheckable(checkable)
    (b.toggled if checkable else b.clicked).connect(slot)
    return b


class OptimizerLabPanel(QWidget):
    """Race the optimizers on a surface; watch the paths and f against the step."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("optimizerLabPanel")
        self.names = optimizer_names()
        self.surface = surfaces.get(surfaces.DEFAULT)
        self.start = self.surface.start
        self.paths: dict[str, surfaces.Path] = {}
        self._step = 0
        self._wide: bool | None = None
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._build_surface_plot()
        self._build_loss_plot()
        self._build_controls()
        self.set_surface(surfaces.DEFAULT)

    # -- construction ------------------------------------------------------------------
    def _build_surface_plot(self):
        self.plot = pg.PlotWidget(labels={"bottom": "x", "left": "y"})
        self.plot.setMinimumSize(120, 160)
        pi = self.plot.getPlotItem()
        self.image = pg.ImageItem()
        pi.addItem(self.image)
        self.isocurves = [pg.IsocurveItem(pen=pg.mkPen(0, 0, 0, 70, width=1)) for _ in range(N_LEVELS)]
        for iso in self.isocurves:                # in image pixels; grid values sit at cell centres
            iso.setParentItem(self.image)
            iso.setScale(GRID / ISO_GRID)
            iso.setPos(0.5 * GRID / ISO_GRID, 0.5 * GRID / ISO_GRID)
        self.colorbar = pg.ColorBarItem(colorMap=surface_colormap(), interactive=False, width=12)
        self.colorbar.setImageItem(self.image, insert_in=pi)
        self.halos, self.lines = {}, {}
        for name in optimizers.OPTIMIZERS:       # a white halo under each path keeps it readable
            self.halos[name] = pi.plot(pen=pg.mkPen(255, 255, 255, 170, width=4.5))
            self.lines[name] = optimizer_curve(pi, name, 8)
        self.minima = pg.ScatterPlotItem(symbol="star", size=20, pen=pg.mkPen("k", width=1.2), brush="w")
        self.start_marker = pg.ScatterPlotItem(symbol="o", size=16, pen=pg.mkPen("k", width=2), brush=None)
        self.heads = pg.ScatterPlotItem(pen=pg.mkPen("k", width=1.5))
        self.hover_marks = pg.ScatterPlotItem(symbol="o", size=22, pen=pg.mkPen("k", width=2), brush=None)
        for item in (self.minima, self.start_marker, self.heads, self.hover_marks):
            pi.addItem(item)
        self.plot.setToolTip(self.tr("Click to start the paths there"))
        self.plot.scene().sigMouseClicked.connect(self._on_plot_clicked)

    def _build_loss_plot(self):
        self.loss_plot = pg.PlotWidget(labels={"bottom": self.tr("step")})
        self.loss_plot.setMinimumSize(160, 110)
        self.loss_plot.setToolTip(self.tr("Hover to read (x, y, f) of every path at a step"))
        lp = self.loss_plot.getPlotItem()
        lp.showGrid(x=True, y=True, alpha=0.25)
        lp.getAxis("left").enableAutoSIPrefix(False)
        # the legend lives here, bottom left, where falling curves rarely go
        legend = lp.addLegend(offset=(6, -6), brush=pg.mkBrush(255, 255, 255, 230), colCount=3,
                              pen=pg.mkPen(150, 150, 150), labelTextColor="k", labelTextSize="9pt")
        legend.setZValue(100)
        self.loss_curves = {name: optimizer_curve(lp, name, 7, self.names[name])
                            for name in optimizers.OPTIMIZERS}
        self.cursor = pg.InfiniteLine(angle=90, pen=pg.mkPen(0, 0, 0, 120, width=1))
        self.cursor.hide()
        lp.addItem(self.cursor, ignoreBounds=True)
        self.readout = HoverReadout(self.loss_plot)
        self.loss_plot.scene().sigMouseMoved.connect(self._on_loss_hover)

    def _build_controls(self):
        self.surface_combo = QComboBox()
        self.surface_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.surface_combo.setMinimumContentsLength(16)
        self.surface_combo.setToolTip(self.tr("The function f(x, y) the optimizers go down"))
        for key, surface in surfaces.SURFACES.items():
            self.surface_combo.addItem(QCoreApplication.translate("surfaces", surface.name), key)
        self.surface_combo.currentIndexChanged.connect(
            lambda i: self.set_surface(self.surface_combo.itemData(i)))
        self.steps_spin = QSpinBox()
        self.steps_spin.setRange(1, 500)
        self.steps_spin.setPrefix(self.tr("steps: "))
        self.steps_spin.setToolTip(self.tr("How many updates each optimizer takes"))
        self.steps_spin.valueChanged.connect(self._recompute)
        self.play_button = _button(self.tr("Play"), self._on_play_toggled,
                                   self.tr("Play or pause the paths step by step"), checkable=True)
        self.step_button = _button(self.tr("Step"), self.step_forward, self.tr("Show one more step"))
        self.reset_button = _button(self.tr("Reset"), self.reset_animation,
                                    self.tr("Back to the start point"))
        self.speed = QSlider(Qt.Orientation.Horizontal)
        self.speed.setRange(1, 60)
        self.speed.setToolTip(self.tr("Animation speed (steps per second)"))
        self.speed.valueChanged.connect(lambda v: self._timer.setInterval(round(1000 / v)))
        self.speed.setValue(8)
        self.step_label = QLabel()
        self.step_label.setMinimumWidth(90)
        row1, row2 = QHBoxLayout(), QHBoxLayout()
        for w in (QLabel(self.tr("Surface:")), self.surface_combo, self.steps_spin):
            row1.addWidget(w, 1 if w is self.surface_combo else 0)
        for w in (self.play_button, self.step_button, self.reset_button, QLabel(self.tr("speed")),
                  self.speed, self.step_label):
            row2.addWidget(w, 1 if w is self.speed else 0)

        self.table, self.checks, self.lr_spins = optimizer_table(surfaces.preset("book"),
                                                                 checked=optimizers.OPTIMIZERS)
        for name in optimizers.OPTIMIZERS:
            self.checks[name].toggled.connect(lambda _on: self._show_step(self._step))
            self.lr_spins[name].valueChanged.connect(self._recompute)
        presets = QHBoxLayout()
        presets.addWidget(QLabel(self.tr("Learning rates:")))
        self.book_button = _button(self.tr("Book"), lambda: self.apply_preset("book"),
                                   self.tr("The book's learning rates, tuned per method for x²/20 + y²"))
        self.tuned_button = _button(self.tr("Tuned"), lambda: self.apply_preset("tuned"),
                                    self.tr("Learning rates tuned per method for this surface"))
        self.same_button = _button(self.tr("All equal:"), lambda: self.apply_preset("same"),
                                   self.tr("The same learning rate for every method"))
        self.same_spin = rate_spin(0.1)
        self.same_spin.setToolTip(self.tr("The learning rate “All equal” gives every method"))
        for w in (self.book_button, self.tuned_button, self.same_button, self.same_spin):
            presets.addWidget(w)
        presets.addStretch(1)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setStyleSheet(f"color: {style.VERMILION}")
        self.status_label.hide()
        self.controls = QWidget()
        cl = QVBoxLayout(self.controls)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addLayout(self.table)
        cl.addLayout(presets)
        cl.addWidget(self.status_label)

        self.surface_note = QLabel()
        self.note = QLabel(self.tr(
            "Compare with care: learning rates are not comparable across methods — SGD scales the "
            "gradient by lr, Adam and RMSProp step about lr whatever the gradient. The book's rates "
            "are tuned per method for x²/20 + y²; with one rate for all the ranking changes."))
        self.note.setStyleSheet("color: #444")
        self.body = QGridLayout()
        layout = QVBoxLayout(self)
        for part in (row1, row2, self.body):
            layout.addLayout(part, 1 if part is self.body else 0)
        for label in (self.surface_note, self.note):
            label.setWordWrap(True)
            layout.addWidget(label)
        self._arrange(wide=True)

    def _arrange(self, wide: bool):
        """Wide: the surface left, f and the controls right. Narrow: all stacked."""
        if wide == self._wide:
            return
        self._wide = wide
        for w in (self.plot, self.loss_plot, self.controls):
            self.body.removeWidget(w)
        if wide:
            self.body.addWidget(self.plot, 0, 0, 2, 1)
            self.body.addWidget(self.loss_plot, 0, 1)
            self.body.addWidget(self.controls, 1, 1)
            rows, cols = (1, 0, 0), (3, 2)
        else:
            for row, w in enumerate((self.plot, self.loss_plot, self.controls)):
                self.body.addWidget(w, row, 0)
            rows, cols = (1, 1, 0), (1, 0)
        for i, s in enumerate(rows):
            self.body.setRowStretch(i, s)
        for i, s in enumerate(cols):
            self.body.setColumnStretch(i, s)

    def hideEvent(self, ev):
        self.pause()                             # nobody watches: the animation timer stops
        super().hideEvent(ev)

    def resizeEvent(self, ev):
        self._arrange(ev.size().width() >= WIDE)
        super().resizeEvent(ev)

    # -- public API ------------------------------------------------------------------------
    @property
    def current_step(self) -> int:
        return self._step

    @property
    def n_steps(self) -> int:
        return self.steps_spin.value()

    @property
    def is_playing(self) -> bool:
        return self._timer.isActive()

    def learning_rates(self) -> dict[str, float]:
        return {name: spin.value() for name, spin in self.lr_spins.items()}

    def set_surface(self, key: str) -> None:
        """Show surface ``key`` with its start point, step count and tuned rates."""
        self.surface = s = surfaces.get(key)
        self.start = s.start
        self.surface_combo.blockSignals(True)
        self.surface_combo.setCurrentIndex(self.surface_combo.findData(key))
        self.surface_combo.blockSignals(False)
        self.surface_note.setText(QCoreApplication.translate("surfaces", surfaces.get(key).note))
        img, is_log = s.height_map(GRID)
        lo, hi = float(img.min()), float(img.max())
        self.image.setImage(img, autoLevels=False)
        self.image.setRect(QRectF(s.x_range[0], s.y_range[0], s.x_range[1] - s.x_range[0],
                                  s.y_range[1] - s.y_range[0]))
        self.colorbar.setLevels((lo, hi))
        self.colorbar.setLabel("left", self.tr("log₁₀ f(x, y)") if is_log else self.tr("f(x, y)"))
        coarse = s.height_map(ISO_GRID)[0]
        for iso, level in zip(self.isocurves, np.linspace(lo, hi, N_LEVELS + 2)[1:-1], strict=True):
            iso.setData(coarse, level)
        self.minima.setData([m[0] for m in s.minima], [m[1] for m in s.minima])
        self.plot.getPlotItem().getViewBox().setRange(xRange=s.x_range, yRange=s.y_range, padding=0)
        lp = self.loss_plot.getPlotItem()
        lp.setLogMode(y=is_log)
        lp.setLabel("left", self.tr("f(x, y), log scale") if is_log else self.tr("f(x, y)"))
        self.steps_spin.blockSignals(True)
        self.steps_spin.setValue(s.steps)
        self.steps_spin.blockSignals(False)
        self.apply_preset("tuned")               # also recomputes

    def apply_preset(self, name: str) -> None:
        """Learning rates ``"book"``, ``"tuned"`` (for this surface) or ``"same"`` (the rate beside it)."""
        for opt, lr in surfaces.preset(name, self.surface, self.same_spin.value()).items():
            self.lr_spins[opt].blockSignals(True)
            self.lr_spins[opt].setValue(lr)
            self.lr_spins[opt].blockSignals(False)
        self._recompute()

    def set_start(self, x: float, y: float) -> None:
        self.start = (float(x), float(y))
        self._recompute()

    def play(self) -> None:
        self.play_button.setChecked(True)

    def pause(self) -> None:
        self.play_button.setChecked(False)

    def step_forward(self) -> None:
        self._show_step(min(self._step + 1, self.n_steps))

    def reset_animation(self) -> None:
        self.pause()
        self._show_step(0)

    def show_step_info(self, k: int) -> str:
        """Mark step ``k`` of every shown path and list its (x, y, f); returns the plain text."""
        k = min(max(int(k), 0), self.n_steps)
        self.cursor.setValue(k)
        self.cursor.show()
        rows, marks = [], []
        for name, path in self.paths.items():
            if not self.checks[name].isChecked():
                continue
            if k < len(path.points):
                (x, y), f = path.points[k], path.values[k]
                text = f"({x:.3g}, {y:.3g}) f={f:.3g}"
                marks.append((x, y))
            else:
                text = self.tr("diverged at step {n}").format(n=path.stopped_at)
            label = f"<b style='color:{color(name)}'>{self.names[name]}</b>"
            rows.append(f"<tr><td>{label} {text}</td></tr>")
        title = self.tr("step {k}").format(k=k)
        self.readout.setHtml(f"<div style='font-size:8pt'><b>{title}</b>"
                             f"<table cellspacing='0' cellpadding='0'>{''.join(rows)}</table></div>")
        self.hover_marks.setData([m[0] for m in marks], [m[1] for m in marks])
        vb = self.loss_plot.getPlotItem().getViewBox()      # beside the cursor line, at the top
        self.readout.place(vb.mapViewToScene(pg.Point(k, vb.viewRange()[1][1])))
        return self.readout.textItem.toPlainText()

    # -- computing and drawing -----------------------------------------------------------------
    def _recompute(self, *_):
        self.paths = surfaces.race(self.surface, self.learning_rates(), self.start, self.n_steps)
        self.start_marker.setData([self.start[0]], [self.start[1]])
        stopped = [self.tr("{name} diverged at step {n}").format(name=self.names[name], n=p.stopped_at)
                   for name, p in self.paths.items() if p.stopped]
        self.status_label.setText("; ".join(stopped) + self.tr(
            " — the point flew off; try a smaller learning rate.") if stopped else "")
        self.status_label.setVisible(bool(stopped))
        # the f axis spans the points on the map; paths that fly off leave through the edge
        (x0, x1), (y0, y1) = self.surface.x_range, self.surface.y_range
        gaps = [self.surface.gap(p.values)[(p.points[:, 0] >= x0) & (p.points[:, 0] <= x1) &
                                           (p.points[:, 1] >= y0) & (p.points[:, 1] <= y1)]
                for p in self.paths.values()]
        gaps = [g for g in gaps if len(g)] or [self.surface.gap(p.values) for p in self.paths.values()]
        lo, hi = min(g.min() for g in gaps), max(g.max() for g in gaps)
        if self.surface.f_min is not None:
            lo, hi = np.log10(lo), np.log10(hi)
        pad = 0.06 * max(hi - lo, 1e-9)
        self.loss_plot.getPlotItem().setXRange(0, self.n_steps, padding=0.02)
        self.loss_plot.getPlotItem().setYRange(lo - pad, hi + pad, padding=0)
        # while playing keep the current step; otherwise show the whole paths at once
        self._show_step(min(self._step, self.n_steps) if self.is_playing else self.n_steps)

    def _show_step(self, k: int):
        self._step = int(k)
        spots = []
        for name, path in self.paths.items():
            on = self.checks[name].isChecked()
            pts = path.points[:k + 1]
            gap = self.surface.gap(path.values[:k + 1])
            for item, (xs, ys) in ((self.lines[name], pts.T), (self.halos[name], pts.T),
                                   (self.loss_curves[name], (np.arange(len(gap)), gap))):
                item.setData(xs, ys)
                item.setVisible(on)
            if on:
                spots.append({"pos": tuple(pts[-1]), "symbol": marker(name), "size": 15,
                              "brush": pg.mkBrush(color(name))})
        self.heads.setData(spots)
        self.step_label.setText(self.tr("step {k} / {n}").format(k=self._step, n=self.n_steps))

    # -- animation -----------------------------------------------------------------------------
    def _on_play_toggled(self, on: bool):
        self.play_button.setText(self.tr("Pause") if on else self.tr("Play"))
        if not on:
            self._timer.stop()
            return
        if self._step >= self.n_steps:
            self._show_step(0)
        self._timer.start()

    def _tick(self):
        self.step_forward()
        if self._step >= self.n_steps:
            self.pause()

    # -- mouse -------------------------------------------------------------------------------------
    def _on_plot_clicked(self, ev):
        vb = self.plot.getPlotItem().getViewBox()
        if ev.button() == Qt.MouseButton.LeftButton and vb.sceneBoundingRect().contains(ev.scenePos()):
            ev.accept()
            p = vb.mapSceneToView(ev.scenePos())
            self.set_start(p.x(), p.y())

    def _on_loss_hover(self, scene_pos):
        vb = self.loss_plot.getPlotItem().getViewBox()
        if not vb.sceneBoundingRect().contains(scene_pos):
            for item in (self.readout, self.cursor):
                item.hide()
            self.hover_marks.setData([], [])
            return
        self.show_step_info(round(vb.mapSceneToView(scene_pos).x()))
        self.readout.place(scene_pos)
