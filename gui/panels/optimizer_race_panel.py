"""The optimizer race on MNIST: the book's ch06 comparison, trained live in a worker thread.

The same 5 × 100 ReLU network and seed, batch 128, trained with each chosen optimizer for a
number of iterations; loss curves overlaid (the book's smoothing, with the raw losses faint
behind). The run lives in a QThread (gui.optimizer_race_worker); Cancel, closing or destroying
the panel stops it and joins the thread (quit + wait, never terminate).
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QThread, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core import optimizers
from gui import style, worker_registry
from gui.optimizer_race_worker import OptimizerRaceWorker, RaceConfig, race_rates, smooth_curve
from gui.widgets.optimizer_widgets import color, marker, optimizer_names, optimizer_table

REDRAW_MS = 50
_LIVE_RUNS: set[_Run] = set()            # runs whose thread may still be running


class _Run:
    """A worker and its thread; ``stop()`` cancels and joins. Outlives the panel if need be."""

    def __init__(self, thread: QThread, worker: OptimizerRaceWorker):
        self.thread, self.worker = thread, worker
        _LIVE_RUNS.add(self)

    def stop(self, *_):
        self.worker.cancel()
        self.thread.quit()               # also ends an event loop that has not started yet
        self.thread.wait()
        _LIVE_RUNS.discard(self)


class OptimizerRacePanel(QWidget):
    """Train the same network with several optimizers and overlay their loss curves."""

    status_message = Signal(str)
    race_finished = Signal(str)          # the worker's reason, after the thread is joined

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("optimizerRacePanel")
        self.names = optimizer_names()
        self._run: _Run | None = None
        self._curves: dict[str, np.ndarray] = {}
        self._counts: dict[str, int] = {}
        self._diverged: dict[str, int] = {}
        self._dirty: set[str] = set()         # optimizers with new losses since the last redraw
        self._ymax = 0.0
        self._redraw_timer = QTimer(self)
        self._redraw_timer.setInterval(REDRAW_MS)
        self._redraw_timer.timeout.connect(self._redraw)
        self._build()

    def _build(self):
        grid, self.checks, self.lr_spins = optimizer_table(race_rates(everyone=True), checked=race_rates())
        self.log_check = QCheckBox(self.tr("log scale"))
        self.log_check.setToolTip(self.tr("Show the loss on a logarithmic axis"))
        self.log_check.toggled.connect(self._on_log_toggled)
        grid.addWidget(self.log_check, 0, 4)
        self.iterations = QSpinBox()
        self.iterations.setRange(10, 20000)
        self.iterations.setSingleStep(100)
        self.iterations.setValue(2000)
        self.iterations.setPrefix(self.tr("iterations: "))
        self.iterations.setToolTip(self.tr("Mini-batches of 128 images each optimizer trains on"))
        self.seed = QSpinBox()
        self.seed.setRange(0, 99999)
        self.seed.setPrefix(self.tr("seed: "))
        self.seed.setToolTip(self.tr("Chooses the initial weights and the mini-batches, the same "
                                     "for every optimizer"))
        self.run_button = QPushButton(self.tr("Run"))
        self.run_button.clicked.connect(self.start)
        self.run_button.setToolTip(self.tr("Train the network once with each checked optimizer"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setToolTip(self.tr("Stop the race after the current mini-batch"))
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.setMinimumWidth(60)
        row = QHBoxLayout()
        for w in (self.iterations, self.seed, QLabel(self.tr("batch 128")), self.run_button,
                  self.cancel_button, self.progress):
            row.addWidget(w, 1 if w is self.progress else 0)

        self.plot = pg.PlotWidget(labels={"bottom": self.tr("iteration"), "left": self.tr("training loss")})
        self.plot.setToolTip(self.tr("Training loss of each optimizer against the iteration: "
                                     "bold smoothed, faint raw"))
        pi = self.plot.getPlotItem()
        pi.showGrid(x=True, y=True, alpha=0.25)
        for axis in ("left", "bottom"):
            pi.getAxis(axis).setStyle(maxTickLevel=1)      # no sub-minor grid lines: cheaper, calmer
        pi.setClipToView(True)
        pi.setDownsampling(auto=True, mode="peak")
        self.legend = pi.addLegend(offset=(-8, 8), brush=pg.mkBrush(255, 255, 255, 230),
                                   pen=pg.mkPen(150, 150, 150), labelTextColor="k", labelTextSize="10pt")
        self.legend.setZValue(100)
        self.legend.hide()                                     # until a race has curves to name
        # per optimizer: raw losses (faint), the smoothed curve, and its markers every ~1/40 of the run
        self.raw_items, self.smooth_items, self.marker_items, self.samples = {}, {}, {}, {}
        for name in optimizers.OPTIMIZERS:
            faint = QColor(color(name))
            faint.setAlpha(55)
            self.raw_items[name] = pi.plot(pen=pg.mkPen(faint, width=1), antialias=False)
            self.smooth_items[name] = pi.plot(pen=style.pen(color(name), 2.5))
            self.marker_items[name] = pi.plot(pen=None, symbol=marker(name), symbolSize=8,
                                              symbolBrush=color(name), symbolPen=pg.mkPen("w", width=0.9))
            self.samples[name] = pg.PlotDataItem(pen=style.pen(color(name), 2.5), symbol=marker(name),
                                                 symbolSize=10, symbolBrush=color(name),
                                                 symbolPen=pg.mkPen("w", width=0.9))
        self.empty = pg.TextItem(self.tr("Press Run to train the same 5 × 100 ReLU network\n"
                                         "with each checked optimizer (the book's ch06 experiment)."),
                                 color=style.GREY, anchor=(0.5, 0.5))
        pi.addItem(self.empty, ignoreBounds=True)
        self.empty.setPos(0.5, 0.5)
        pi.setRange(xRange=(0, 1), yRange=(0, 1))

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.note = QLabel(self.tr(
            "Same network, same initial weights, same mini-batches — only the optimizer differs. "
            "Bold curves are smoothed like the book's figure; the faint ones are the raw batch losses. "
            "The rates are the book's defaults; each method has its own scale, so this is not a "
            "contest at equal tuning."))
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #444")
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(row)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.note)

    # -- public API ------------------------------------------------------------------------
    @property
    def is_running(self) -> bool:
        return self._run is not None

    @property
    def race_thread(self) -> QThread | None:
        return self._run.thread if self._run else None

    def config(self) -> RaceConfig:
        lrs = {name: spin.value() for name, spin in self.lr_spins.items() if self.checks[name].isChecked()}
        return RaceConfig(lrs, self.iterations.value(), seed=self.seed.value())

    def losses(self, name: str) -> np.ndarray:
        """The raw batch losses of ``name`` so far (a copy)."""
        return self._curves[name][:self._counts[name]].copy()

    def final_losses(self) -> dict[str, float]:
        """Last smoothed loss of each optimizer that has any."""
        return {name: float(smooth_curve(self.losses(name))[-1])
                for name in self._curves if self._counts[name]}

    def start(self) -> None:
        """Start a race with the current settings (ignored while one runs)."""
        config = self.config()
        if self._run is not None or not config.lrs:
            if not config.lrs:
                self.status.setText(self.tr("Check at least one optimizer."))
            return
        self._curves = {name: np.full(config.iterations, np.nan) for name in config.lrs}
        self._counts = dict.fromkeys(config.lrs, 0)
        self._diverged, self._dirty = {}, set()
        self.legend.clear()
        for name in optimizers.OPTIMIZERS:
            for items in (self.raw_items, self.smooth_items, self.marker_items):
                items[name].setData([], [])
                items[name].setVisible(name in config.lrs)     # hidden items cost nothing to paint
            if name in config.lrs:
                self.legend.addItem(self.samples[name], self.names[name])
        self.empty.hide()
        self.legend.show()
        # fixed ranges while running: a moving range re-lays the axes at every redraw
        self._ymax = 0.0
        vb = self.plot.getPlotItem().getViewBox()
        vb.disableAutoRange()
        vb.setXRange(0, config.iterations, padding=0.02)
        if self.log_check.isChecked():
            vb.enableAutoRange(axis=vb.YAxis)
        thread = QThread()
        thread.setObjectName("optimizerRaceThread")
        worker = OptimizerRaceWorker(config)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progress.connect(self._on_progress)
        worker.diverged.connect(self._on_diverged)
        worker.finished.connect(self._on_finished)
        worker_registry.register(thread)
        self._run = _Run(thread, worker)
        self.destroyed.connect(self._run.stop)       # a plain object's method: runs even as we die
        self._set_running(True)
        text = self.tr("Training {n} optimizers × {it} iterations…").format(
            n=len(config.lrs), it=config.iterations)
        self.status.setText(text)
        self.status_message.emit(text)
        thread.start()
        self._redraw_timer.start()

    def cancel(self) -> None:
        """Ask the worker to stop after its current mini-batch (finished("cancelled") follows)."""
        if self._run is not None:
            self._run.worker.cancel()
            self.cancel_button.setEnabled(False)

    def shutdown(self) -> None:
        """Cancel and join the thread now (closing the panel or the window)."""
        if self._run is not None:
            run, self._run = self._run, None
            run.stop()
            self._finish("cancelled", run)

    def closeEvent(self, ev):
        self.shutdown()
        super().closeEvent(ev)

    # -- worker signals (GUI thread) ---------------------------------------------------------------
    def _on_progress(self, chunks, done: int, total: int):
        for name, start, losses in chunks:
            self._curves[name][start:start + len(losses)] = losses
            self._counts[name] = start + len(losses)
            self._dirty.add(name)
        self.progress.setValue(round(1000 * done / max(total, 1)))
        if self._run is None:                    # late losses after shutdown()
            self._redraw()

    def _on_diverged(self, name: str, iteration: int):
        self._diverged[name] = iteration

    def _on_finished(self, reason: str):
        if self._run is None or self.sender() is not self._run.worker:
            return                               # a run already joined by shutdown()
        run, self._run = self._run, None
        run.stop()                               # the worker is done: this only joins
        self._finish(reason, run)

    def _finish(self, reason: str, run: _Run):
        self.destroyed.disconnect(run.stop)
        self._redraw_timer.stop()
        self._redraw()
        self.plot.getPlotItem().enableAutoRange()
        self._set_running(False)
        finals = sorted(self.final_losses().items(), key=lambda kv: kv[1])
        summary = ",  ".join(f"{self.names[n]} {v:.3f}" for n, v in finals)
        if reason == "completed":
            self.progress.setValue(1000)
            text = self.tr("Final loss (smoothed): {summary}").format(summary=summary)
        elif reason == "cancelled":
            text = self.tr("Cancelled. Loss so far (smoothed): {summary}").format(summary=summary or "—")
        else:
            text = self.tr("The race failed: {reason}").format(reason=reason)
        if self._diverged:
            names = ", ".join(f"{self.names[n]} ({i + 1})" for n, i in self._diverged.items())
            text += self.tr("  Diverged at iteration: {names} — try a smaller learning rate.").format(
                names=names)
        self.status.setText(text)
        self.status_message.emit(text)
        self.race_finished.emit(reason)

    def _on_log_toggled(self, on: bool):
        pi = self.plot.getPlotItem()
        pi.setLogMode(y=on)
        if on or self._run is None:
            pi.enableAutoRange(axis=pg.ViewBox.YAxis)
        else:
            pi.setYRange(0, max(self._ymax, 1.0), padding=0)

    def _set_running(self, running: bool):
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        for w in (*self.checks.values(), *self.lr_spins.values(), self.iterations, self.seed):
            w.setEnabled(not running)

    def _redraw(self):
        # optimizers run one after another, so usually only one curve changes: redraw just that,
        # since every Qt call here competes with the worker thread for the GIL
        dirty, self._dirty = self._dirty, set()
        for name in dirty:
            curve, n = self._curves[name], self._counts[name]
            x, raw = np.arange(n), np.maximum(curve[:n], 1e-12)      # > 0 for the log axis
            self.raw_items[name].setData(x, raw)
            smooth = smooth_curve(raw)
            self.smooth_items[name].setData(x, smooth)
            every = max(1, len(curve) // 40)
            self.marker_items[name].setData(x[::every], smooth[::every])
            if raw.max() > self._ymax and not self.log_check.isChecked():
                self._ymax = 1.15 * raw.max()
                self.plot.getPlotItem().setYRange(0, self._ymax, padding=0)
