"""Hyperparameter search (超参数的验证): the book's random search, in the background.

Learning rate and weight decay are drawn at random on log scales (the book's ranges: lr 10⁻⁶ –
10⁻², λ 10⁻⁸ – 10⁻⁴); each trial trains the network for some epochs on part of the training data
and is judged on the held-out validation data. The trials fill a table (sortable; best validation
accuracy first) and a scatter plot of lr against λ coloured by accuracy. "Use the best trial"
emits ``settings_requested({"optimizer", "lr", "weight_decay"})`` for the training controls.
The search runs in a QThread (gui.experiment_worker): Cancel stops it after the current
mini-batch; closing or destroying the panel stops and joins it.
"""
from __future__ import annotations

import copy

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core import live_settings, optimizers
from core.data import Dataset
from core.hyperparameter_search import LR_EXPONENTS, WD_EXPONENTS, HyperparameterSearch, SearchConfig, best
from gui.experiment_worker import BackgroundJob, JobHost
from gui.labels import optimizer_label
from gui.throttle import draw_budget
from gui.widgets.search_scatter import SearchScatter
from gui.widgets.trials_table import TrialsTable

REDRAW_MS = 150
BOOK, YOURS = 0, 1                        # the network choice


def _spin(low: int, high: int, value: int, prefix: str, tip: str, step: int = 1) -> QSpinBox:
    s = QSpinBox()
    s.setRange(low, high)
    s.setValue(value)
    s.setSingleStep(step)
    s.setPrefix(prefix)
    s.setToolTip(tip)
    return s


class SearchPanel(JobHost, QWidget):
    """Random search over learning rate and weight decay; apply the best trial in one click."""

    status_message = Signal(str)
    settings_requested = Signal(dict)     # {"optimizer": str, "lr": float, "weight_decay": float}
    search_finished = Signal(str)         # "completed", "cancelled" or "error: …"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self._spec: dict | None = None
        self._params: dict[str, np.ndarray] | None = None
        self._dataset: Dataset | None = None
        self.trials = []
        self._optimizer = "sgd"            # of the trials shown
        self._dirty = False
        self._timer = QTimer(self)
        self._timer.setInterval(REDRAW_MS)
        self._timer.timeout.connect(self._request_redraw)
        self._build()

    def _build(self):
        d = SearchConfig()
        intro = QLabel(self.tr(
            "Random search for good hyperparameters, as in the book: each trial draws a learning rate "
            "and a weight decay λ at random on log scales, trains the network on part of the training "
            "data and is judged by its accuracy on the validation data (never the test data)."))
        intro.setWordWrap(True)
        self.network = QComboBox()
        self.network.addItem(self.tr("the book's 6 × 100 ReLU on MNIST"))
        self.network.addItem(self.tr("your network and data (Architecture)"))
        self.network.model().item(YOURS).setEnabled(False)
        self.network.setToolTip(self.tr("Which network the trials train. Yours starts every trial "
                                        "from its current initial weights."))
        self.optimizer = QComboBox()
        for name in optimizers.OPTIMIZERS:
            self.optimizer.addItem(optimizer_label(name), name)
        self.optimizer.setCurrentIndex(list(optimizers.OPTIMIZERS).index(d.optimizer))
        self.optimizer.setToolTip(self.tr("The optimizer every trial uses (the book: SGD)"))
        self.trials_spin = _spin(1, 1000, d.trials, self.tr("trials: "), self.tr(
            "How many random settings to try (the book: 100; each takes about half a second "
            "with the book's network)"), 10)
        self.epochs = _spin(1, 1000, d.epochs, self.tr("epochs: "), self.tr(
            "Epochs each trial trains (the book: 50)"), 5)
        self.samples = _spin(10, 60000, d.samples, self.tr("samples: "), self.tr(
            "The first N training images; 20% of them are the validation data (the book: 500)"), 100)
        self.seed = _spin(0, 99999, d.seed, self.tr("seed: "), self.tr(
            "Draws the trials' settings and the initial weights: the same seed repeats the search"))
        exp_tip = self.tr("The range is drawn on a log scale: 10 to the power of a number drawn "
                          "uniformly between these two exponents")
        self.lr_low = _spin(*LR_EXPONENTS, int(d.lr_exponents[0]), "10^", exp_tip)
        self.lr_high = _spin(*LR_EXPONENTS, int(d.lr_exponents[1]), "10^", exp_tip)
        self.wd_low = _spin(*WD_EXPONENTS, int(d.wd_exponents[0]), "10^", exp_tip)
        self.wd_high = _spin(*WD_EXPONENTS, int(d.wd_exponents[1]), "10^", exp_tip)
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("network")), 0, 0)
        grid.addWidget(self.network, 0, 1, 1, 3)
        grid.addWidget(QLabel(self.tr("optimizer")), 0, 4)
        grid.addWidget(self.optimizer, 0, 5)
        grid.addWidget(QLabel(self.tr("learning rate")), 1, 0)
        grid.addWidget(self.lr_low, 1, 1)
        grid.addWidget(QLabel("…"), 1, 2)
        grid.addWidget(self.lr_high, 1, 3)
        grid.addWidget(QLabel(self.tr("weight decay λ")), 2, 0)
        grid.addWidget(self.wd_low, 2, 1)
        grid.addWidget(QLabel("…"), 2, 2)
        grid.addWidget(self.wd_high, 2, 3)
        for i, w in enumerate((self.trials_spin, self.epochs, self.samples, self.seed)):
            grid.addWidget(w, 1 + i // 2, 4 + i % 2)
        grid.setColumnStretch(6, 1)
        self.run_button = QPushButton(self.tr("Run search"))
        self.run_button.setToolTip(self.tr("Train every trial in the background"))
        self.run_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop the search after the current mini-batch"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.setToolTip(self.tr("How much of the search is done"))
        row = QHBoxLayout()
        for w in (self.run_button, self.cancel_button):
            row.addWidget(w)
        row.addWidget(self.progress, 1)

        self.table = TrialsTable()
        self.table.cellDoubleClicked.connect(self._apply_row)
        self.scatter = SearchScatter()
        self.scatter.set_ranges(d.lr_exponents, d.wd_exponents)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.scatter)
        split.setSizes([420, 380])
        self.apply_button = QPushButton(self.tr("Use the best trial for training"))
        self.apply_button.setToolTip(self.tr("Set the training controls' optimizer, learning rate and "
                                             "weight decay to the best trial's"))
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply_best)
        self.status = QLabel(self.tr("Press Run search. The book found the best trials at learning "
                                     "rates of about 0.001 – 0.01 and weight decay of about 10⁻⁸ – "
                                     "10⁻⁶, with validation accuracy about 80%."))
        self.status.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addLayout(row)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)
        self._controls = (self.network, self.optimizer, self.trials_spin, self.epochs, self.samples,
                          self.seed, self.lr_low, self.lr_high, self.wd_low, self.wd_high)

    # -- slots the main window calls -------------------------------------------------------
    def set_model(self, spec: dict, params: dict[str, np.ndarray]) -> None:
        self._spec = copy.deepcopy(spec)
        self._params = {k: np.array(v, copy=True) for k, v in params.items()}
        self.network.model().item(YOURS).setEnabled(True)

    def set_dataset(self, dataset: Dataset) -> None:
        self._dataset = dataset

    # -- public API ------------------------------------------------------------------------
    def config(self) -> SearchConfig:
        return SearchConfig(trials=self.trials_spin.value(), epochs=self.epochs.value(),
                            samples=self.samples.value(), seed=self.seed.value(),
                            optimizer=self.optimizer.currentData(),
                            lr_exponents=(float(self.lr_low.value()), float(self.lr_high.value())),
                            wd_exponents=(float(self.wd_low.value()), float(self.wd_high.value())))

    def start(self) -> None:
        if self._job is not None:
            return
        config = self.config()
        yours = self.network.currentIndex() == YOURS and self._spec is not None
        try:
            search = HyperparameterSearch(config, spec=self._spec if yours else None,
                                          params=self._params if yours else None,
                                          dataset=self._dataset if yours else None)
        except ValueError as e:
            self.status.setText(self.tr("Cannot search: {0}").format(e))
            return
        self._optimizer = config.optimizer
        self.trials = search.snapshot()
        self.scatter.set_ranges(config.lr_exponents, config.wd_exponents)
        job = BackgroundJob(search, "searchThread")
        self.launch(job, self._on_progress)
        self._set_running(True)
        self.progress.setValue(0)
        text = self.tr("Searching: {0} trials…").format(config.trials)
        self.status.setText(text)
        self.status_message.emit(text)
        self._dirty = True
        self._redraw()
        job.start()
        self._timer.start()

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self.cancel_button.setEnabled(False)

    def best_settings(self) -> dict | None:
        top = best(self.trials)
        return None if top is None else top.settings(self._optimizer)

    def apply_best(self) -> None:
        top = best(self.trials)
        if top is not None:
            self._apply(top)

    # -- internals -------------------------------------------------------------------------
    def _apply_row(self, row: int, _col: int) -> None:
        index = self.table.trial_at(row)
        trial = next((t for t in self.trials if t.index == index), None)
        if trial is not None and trial.val_acc is not None:
            self._apply(trial)

    def _apply(self, trial) -> None:
        settings = trial.settings(self._optimizer)
        try:
            for name, value in settings.items():
                live_settings.get(name).check(value)
        except ValueError as e:
            self.status.setText(self.tr("Cannot use trial {0}: {1}").format(trial.index + 1, e))
            return
        self.settings_requested.emit(settings)
        text = self.tr("Training settings: {0}, learning rate {1:.3g}, weight decay {2:.2e} "
                       "(trial {3})").format(optimizer_label(self._optimizer), trial.lr,
                                             trial.weight_decay, trial.index + 1)
        self.status.setText(text)
        self.status_message.emit(text)

    def _set_running(self, running: bool) -> None:
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        for w in self._controls:
            w.setEnabled(not running)

    def _on_progress(self, trials, done: int, total: int) -> None:
        if self._job is None:
            return
        self.trials = trials
        self.progress.setValue(round(1000 * done / total) if total else 0)
        self._dirty = True

    def _finish(self, job: BackgroundJob, reason: str) -> None:
        self.trials = job.job.snapshot()
        self._set_running(False)
        top = best(self.trials)
        if reason == "completed":
            self.progress.setValue(1000)
            text = self.tr("{0} trials in {1:.0f} s.").format(len(self.trials), job.job.seconds)
        elif reason == "cancelled":
            text = self.tr("Cancelled after {0:.0f} s.").format(job.job.seconds)
        else:
            text = self.tr("The search failed: {0}").format(reason.removeprefix("error: "))
        if top is not None:
            text += " " + self.tr("Best: validation accuracy {0:.1f}% at learning rate {1:.3g}, "
                                  "weight decay {2:.2e} (trial {3}).").format(
                100 * top.val_acc, top.lr, top.weight_decay, top.index + 1)
        self.status.setText(text)
        self.status_message.emit(text)
        self._dirty = True
        self._redraw()
        self.search_finished.emit(reason)

    def _request_redraw(self) -> None:
        if self._dirty and self.isVisible():
            draw_budget().request(self._redraw)

    def showEvent(self, ev):
        super().showEvent(ev)
        self._dirty = True
        self._request_redraw()

    def _redraw(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        self.table.set_trials(self.trials)
        self.scatter.set_trials(self.trials)
        top = best(self.trials)
        self.apply_button.setEnabled(top is not None)
        if self._job is not None:
            n = sum(t.status in ("done", "diverged") for t in self.trials)
            text = self.tr("Trial {0} of {1}…").format(min(n + 1, len(self.trials)), len(self.trials))
            if top is not None:
                text += " " + self.tr("Best so far: {0:.1f}% (learning rate {1:.3g}, weight decay "
                                      "{2:.2e}).").format(100 * top.val_acc, top.lr, top.weight_decay)
            self.status.setText(text)
