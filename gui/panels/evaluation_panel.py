"""How good is the network on data it never trained on? The test-set evaluation.

- Confusion matrix: rows are the true classes, columns the predicted ones; each
  cell shows its count. Click a cell to see its images in the gallery.
- Per-class accuracy: one bar per class (the diagonal divided by the row sum),
  the overall accuracy as a dashed line.
- Gallery: the misclassified test images, most confidently wrong first, each
  captioned "true → predicted" with the network's confidence. Only for image
  data; for 2-D toy data a note replaces it.

The evaluation runs a network rebuilt from a snapshot on the whole test set in
a ``gui.tasks.Task`` (seconds for the CNN), on "Evaluate now" and
automatically when training pauses or finishes (for a hidden panel: when it is
next shown). The numbers come from ``core.evaluation.evaluate``.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core import Network, evaluation

from .. import style
from ..run_state import RunState
from ..tasks import Task
from ..widgets.heatmap import HeatmapWidget
from ..widgets.sample_gallery import QWIDGETSIZE_MAX, SampleGallery

NARROW = 640                     # below this width the matrix and the bars stack
# cells are coloured by their share of the row (of the true class), white → dark
# blue, with much of the colour range spent on small shares so that a handful of
# mistakes stands out next to a diagonal of a thousand
SHARE_CMAP = pg.ColorMap(pos=[0.0, 0.003, 0.03, 0.12, 0.45, 1.0],
                         color=["#ffffff", "#eef4fb", "#c6dbef", "#6baed6", "#2171b5", "#08306b"])


def evaluate_snapshot(spec: dict, params: dict, dataset, step: int) -> dict:
    """Rebuild the network and evaluate the whole test set (runs in a pool thread).

    ``core.evaluation.evaluate`` output plus ``y`` (the test labels) and ``step``.
    """
    net = Network.from_spec(spec)
    net.load_snapshot(params)
    x, y = dataset.gather("test", np.arange(len(dataset.y_test)))
    result = evaluation.evaluate(net, x, y)
    result.update(y=y, step=step)
    return result


class EvaluationPanel(QWidget):
    snapshot_wanted = Signal()
    status_message = Signal(str)
    evaluated = Signal()                     # a new result is on screen

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("evaluationPanel")
        self._dataset = None
        self._spec: dict | None = None
        self._params: dict | None = None
        self._step = 0
        self._state = RunState.IDLE
        self._generation = 0                 # bumped by a new model or data set: older results are void
        self._want_eval = False              # evaluate when the next snapshot arrives
        self._stale = False                  # training paused/finished while hidden
        self.result: dict | None = None
        self.cell: tuple[int, int] | None = None

        self.task = Task(self)
        self.task.done.connect(self._show_result)
        self.task.failed.connect(self._failed)

        self.eval_button = QPushButton(self.tr("Evaluate now"))
        self.eval_button.setToolTip(self.tr("Run the current network on every test image"))
        self.eval_button.clicked.connect(self.evaluate_now)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(80)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        top.addWidget(self.eval_button)
        top.addWidget(self.busy)
        top.addWidget(self.status, 1)

        self.matrix = HeatmapWidget(colorbar=False)
        self.matrix.cell_clicked.connect(self.select_cell)
        self.matrix.setToolTip(self.tr("Rows: the true class · columns: what the network predicted. "
                                       "Click a cell to see its images."))
        self._cell_texts: list[pg.TextItem] = []

        self.bars_view = pg.PlotWidget()
        self.bars_view.setToolTip(self.tr("The share of each digit's test images that the network "
                                          "classifies correctly: the classes it finds hard stand out."))
        bars_plot = self.bars_view.getPlotItem()
        bars_plot.setTitle(self.tr("Accuracy per class"), size="10pt")
        bars_plot.setLabel("left", self.tr("accuracy"), units="%")
        bars_plot.setLabel("bottom", self.tr("true class"))
        bars_plot.setMenuEnabled(False)
        bars_plot.setMouseEnabled(x=False, y=False)
        bars_plot.hideButtons()
        bars_plot.showGrid(y=True, alpha=0.15)
        bars_plot.getAxis("left").enableAutoSIPrefix(False)
        self.acc_bars = pg.BarGraphItem(x=[0], height=[0], width=0.7, brush=pg.mkBrush(style.TEST))
        bars_plot.addItem(self.acc_bars)
        self.overall_line = pg.InfiniteLine(angle=0, pen=style.pen(style.BLACK, 1.5, Qt.PenStyle.DashLine))
        bars_plot.addItem(self.overall_line, ignoreBounds=True)
        self._bar_texts: list[pg.TextItem] = []
        bars_plot.setYRange(0, 100, padding=0.02)

        self.upper = QWidget()
        self.upper_layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self.upper)
        self.upper_layout.setContentsMargins(0, 0, 0, 0)
        self.upper_layout.addWidget(self.matrix, 3)
        self.upper_layout.addWidget(self.bars_view, 2)

        self.lower = SampleGallery()
        self.lower.show_all.connect(lambda: self.select_cell(-1, -1))
        self.gallery_title, self.all_button = self.lower.title, self.lower.all_button
        self.gallery, self.no_gallery = self.lower.images, self.lower.no_images

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.upper)
        self.splitter.addWidget(self.lower)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        self.hint = QLabel()
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555; font-size: 14px; padding: 30px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.hint)
        self.stack.addWidget(self.splitter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        self._clear()

    # -- slots the main window calls -------------------------------------------------------
    def set_dataset(self, dataset) -> None:
        self._dataset = dataset
        self._clear()

    def set_model(self, spec: dict, params: dict) -> None:
        self._spec, self._params, self._step = spec, params, 0
        self._clear()
        if self.isVisible() and self._state != RunState.RUNNING:
            self._submit()

    def update_snapshot(self, params: dict, step: int) -> None:
        self._params, self._step = params, step
        if self._want_eval:
            self._want_eval = False
            self._submit()

    def set_training_state(self, state: str) -> None:
        self._state = state
        if state in (RunState.PAUSED, RunState.FINISHED):
            if self.isVisible():
                self._want_eval = True
                if state == RunState.PAUSED:   # when training finishes the controller sends a final snapshot
                    self.snapshot_wanted.emit()
            else:
                self._stale = True
        self._update_status()

    def evaluate_now(self) -> None:
        """Evaluate the newest weights: ask the training worker for them if it is alive."""
        if RunState(self._state).busy:
            self._want_eval = True
            self.snapshot_wanted.emit()
        else:
            self._submit()

    # -- evaluation -----------------------------------------------------------------------------
    def _ready(self) -> bool:
        return self._dataset is not None and self._spec is not None and self._params is not None

    def _submit(self) -> None:
        if not self._ready():
            return
        self._stale = False
        self.busy.show()
        self.status.setText(self.tr("Evaluating {0:,} test samples…").format(len(self._dataset.y_test)))
        gen = self._generation
        self.task.submit(_tagged, gen, evaluate_snapshot, self._spec, self._params, self._dataset,
                         self._step)

    def _show_result(self, tagged) -> None:
        gen, result = tagged
        self.busy.setVisible(self.task.busy)
        if gen != self._generation:
            return                       # computed for a model or data set no longer shown
        self.result = result
        cm = result["cm"]
        n = len(cm)
        names = list(self._dataset.class_names)
        ticks = [(i, names[i]) for i in range(n)]
        rows = cm.sum(axis=1, keepdims=True)
        share = np.divide(cm, rows, out=np.zeros(cm.shape), where=rows > 0)
        self.matrix.set_matrix(share, symmetric=False, levels=(0.0, 1.0), cmap=SHARE_CMAP,
                               x_label=self.tr("predicted class"), y_label=self.tr("true class"),
                               x_ticks=ticks, y_ticks=ticks, lock_aspect=True, readout=self._readout)
        self._draw_counts(cm, share)
        acc = evaluation.per_class_accuracy(cm)
        self.acc_bars.setOpts(x=np.arange(n), height=100 * np.nan_to_num(acc), width=0.7)
        self._draw_bar_values(acc)
        plot = self.bars_view.getPlotItem()
        plot.getAxis("bottom").setTicks([ticks])
        plot.setXRange(-0.6, n - 0.4, padding=0)
        plot.setTitle(self.tr("Accuracy per class (dashed: overall {0:.1f} %)").format(
            100 * result["accuracy"]), size="10pt")
        self.overall_line.setPos(100 * result["accuracy"])
        self.stack.setCurrentIndex(1)
        self.select_cell(*(self.cell or (-1, -1)))
        self._update_status()
        self.evaluated.emit()

    def _failed(self, message: str) -> None:
        self.busy.setVisible(self.task.busy)
        self.status.setText(self.tr("Evaluation failed: {0}").format(message))
        self.status_message.emit(self.tr("Evaluation failed: {0}").format(message))

    def _readout(self, row: int, col: int, share: float) -> str:
        names = self._dataset.class_names
        count = int(self.result["cm"][row, col])
        return self.tr("true {0}, predicted {1}: {2:,} test samples ({3:.1%} of the true {0}s)").format(
            names[row], names[col], count, share)

    def _draw_bar_values(self, acc: np.ndarray) -> None:
        plot = self.bars_view.getPlotItem()
        while len(self._bar_texts) > len(acc):
            plot.removeItem(self._bar_texts.pop())
        while len(self._bar_texts) < len(acc):
            t = pg.TextItem(anchor=(0.5, 1.0), color=style.BLACK)
            plot.addItem(t)
            self._bar_texts.append(t)
        for c, (t, a) in enumerate(zip(self._bar_texts, acc, strict=True)):
            a = float(np.nan_to_num(a))
            inside = a > 0.15              # the value just below the top of the bar, else above it
            t.setText("" if np.isnan(acc[c]) else f"{100 * a:.0f}")
            t.setAnchor((0.5, 0.0) if inside else (0.5, 1.0))
            t.setColor("w" if inside else style.BLACK)
            t.setPos(c, 100 * a)

    def cell_texts(self) -> np.ndarray:
        """The counts written in the confusion-matrix cells, as an (n, n) int array."""
        n = int(round(len(self._cell_texts) ** 0.5))
        return np.array([int(t.toPlainText() or 0) for t in self._cell_texts]).reshape(n, n)

    def _draw_counts(self, cm: np.ndarray, share: np.ndarray) -> None:
        n = len(cm)
        if len(self._cell_texts) != n * n:
            for t in self._cell_texts:
                self.matrix.plot.removeItem(t)
            self._cell_texts = [pg.TextItem(anchor=(0.5, 0.5)) for _ in range(n * n)]
            for k, t in enumerate(self._cell_texts):
                self.matrix.plot.addItem(t)
                t.setPos(k % n, k // n)        # cell (row, col) is centred on (col, row)
        for t, v, f in zip(self._cell_texts, cm.ravel(), share.ravel(), strict=True):
            t.setText(str(int(v)) if v else "")
            t.setColor("w" if f > 0.3 else style.BLACK)
        self._fit_count_font()

    def _fit_count_font(self) -> None:
        """Cell numbers sized to the cells: "1135" must fit a 10-class matrix in a narrow dock."""
        if not self._cell_texts:
            return
        n = round(len(self._cell_texts) ** 0.5)
        cell = min(self.matrix.width() - 80, self.matrix.height() - 80) / n
        font = QFont()
        font.setPointSizeF(float(np.clip(cell / 4.8, 6.5, 10.0)))
        for t in self._cell_texts:
            t.setFont(font)

    # -- gallery ------------------------------------------------------------------------------------
    def select_cell(self, row: int, col: int) -> None:
        """Show the test samples of confusion-matrix cell (row = true, col = predicted);
        (−1, −1) shows every mistake."""
        if self.result is None:
            return
        r = self.result
        names = self._dataset.class_names
        if row < 0:
            self.cell = None
            idx = evaluation.misclassified(r["y"], r["proba"])
            title = self.tr("Misclassified test samples: {0:,} — most confident mistakes first").format(
                len(idx))
        else:
            self.cell = (row, col)
            idx = evaluation.cell_indices(r["y"], r["proba"], row, col)
            what = self.tr("correct") if row == col else self.tr("mistakes")
            title = self.tr("True {0}, predicted {1} ({2}): {3:,} test samples, most confident "
                            "first").format(names[row], names[col], what, len(idx))
        self.lower.show_samples(title, idx, r, self._dataset, one_cell=self.cell is not None)

    def gallery_indices(self) -> list[int]:
        """Test-set indices of the thumbnails shown, in order."""
        return self.lower.indices()

    # -- state ------------------------------------------------------------------------------------
    def _clear(self) -> None:
        self._generation += 1
        self._want_eval = False
        self.result, self.cell = None, None
        self.lower.clear()
        self.matrix.clear()
        self.stack.setCurrentIndex(0)
        self.eval_button.setEnabled(self._ready())
        if self._dataset is None or self._spec is None:
            self.hint.setText(self.tr("No model yet.\n\nOnce a model and a data set are loaded, this "
                                      "panel tests the network on the test set, which it never "
                                      "trains on."))
        else:
            self.hint.setText(self.tr("Not evaluated yet.\n\nPress Evaluate now, or pause training "
                                      "(Space), to test the network on all {0:,} test samples."
                                      ).format(len(self._dataset.y_test)))
        self._update_status()

    def _update_status(self) -> None:
        if self.task.busy:
            return
        if self.result is None:
            self.status.setText("")
            return
        r = self.result
        text = self.tr("Test accuracy {0:.2f} % on {1:,} samples · after iteration {2}").format(
            100 * r["accuracy"], len(r["y"]), r["step"])
        if self._state == RunState.RUNNING:
            text += self.tr(" · training goes on: pause to refresh")
        self.status.setText(text)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale or (self.result is None and self._state in (RunState.IDLE, RunState.FINISHED)
                           and not self.task.busy):
            if self._state == RunState.PAUSED:
                self._want_eval = True
                self.snapshot_wanted.emit()
            elif self._state != RunState.RUNNING:
                self._submit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        narrow = self.width() < NARROW
        self.upper_layout.setDirection(QBoxLayout.Direction.TopToBottom if narrow
                                       else QBoxLayout.Direction.LeftToRight)
        # stacked, the bar chart needs little height: leave it to the gallery
        self.bars_view.setMaximumHeight(180 if narrow else QWIDGETSIZE_MAX)
        self._fit_count_font()


def _tagged(gen: int, fn, *args):
    return gen, fn(*args)
