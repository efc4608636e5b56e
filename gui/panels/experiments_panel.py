"""The book's experiments in one click each (``core.experiment_cards``).

A column of cards — weight initialization, batch normalization, overfitting, deep rather than
fat, the optimizers on the learner's network — each with Run, a progress bar and Cancel. The
chosen card shows its runs' curves overlaid and a table of results beside the book's values,
with ✓ where a result is inside the book's range. One card runs at a time, in a QThread
(gui.experiment_worker); Cancel stops it after the current mini-batch, closing or destroying the
panel stops and joins it (never terminate). Results stay with their card until it runs again.
"""
from __future__ import annotations

import copy

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QLabel,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core import experiment_cards
from core.data import Dataset
from core.experiments import Context, ExperimentRun, RunPlan, RunResult
from gui.experiment_worker import BackgroundJob, JobHost
from gui.run_state import RunState
from gui.throttle import draw_budget
from gui.widgets.experiment_card import ExperimentCard
from gui.widgets.experiment_plot import ExperimentPlot
from gui.widgets.experiment_table import OK, ExperimentTable

REDRAW_MS = 100


class _CardState:
    """What a card has shown: its plans, the newest results, how its last run ended."""

    def __init__(self, plans: list[RunPlan], results: dict[str, RunResult]):
        self.plans, self.results = plans, results
        self.reason: str | None = None        # None while running (or never run)
        self.seconds = 0.0


class ExperimentsPanel(JobHost, QWidget):
    """Experiment cards; the main window feeds it the learner's model and data set."""

    status_message = Signal(str)
    experiment_finished = Signal(str, str)    # card key, reason ("completed", "cancelled", "error: …")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("experimentsPanel")
        self.scale = 1.0                      # tests run the cards at a fraction of the book's size
        self._spec: dict | None = None
        self._params: dict[str, np.ndarray] | None = None
        self._dataset: Dataset | None = None
        self._running: str | None = None
        self._states: dict[str, _CardState] = {}
        self._shown: str | None = None
        self._dirty = False
        self._timer = QTimer(self)
        self._timer.setInterval(REDRAW_MS)
        self._timer.timeout.connect(self._request_redraw)
        self._build()

    def _build(self):
        self.cards: dict[str, ExperimentCard] = {}
        column = QWidget()
        col = QVBoxLayout(column)
        col.setContentsMargins(2, 2, 2, 2)
        for key, card in experiment_cards.CARDS.items():
            w = ExperimentCard(card)
            w.run_clicked.connect(self.start)
            w.cancel_clicked.connect(self._cancel_clicked)
            w.selected.connect(self.show_card)
            self.cards[key] = w
            col.addWidget(w)
        col.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(column)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(170)

        self.title = QLabel()
        self.summary = QLabel(self.tr("Choose an experiment on the left and press its Run button. "
                                      "Each one trains a few networks in the background and "
                                      "compares what they learn with the book's results."))
        self.summary.setWordWrap(True)
        self.source = QLabel()
        self.source.setStyleSheet("color: #666; font-style: italic")
        self.plot = ExperimentPlot()
        self.table = ExperimentTable()
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.busy_note = QLabel(self.tr("Training runs in the main window too: both share the "
                                        "processor, so each is slower."))
        self.busy_note.setWordWrap(True)
        self.busy_note.setStyleSheet("color: #a05000")
        self.busy_note.hide()
        results = QSplitter(Qt.Orientation.Vertical)
        results.addWidget(self.plot)
        results.addWidget(self.table)
        results.setStretchFactor(0, 3)
        results.setStretchFactor(1, 2)
        detail = QWidget()
        lay = QVBoxLayout(detail)
        lay.setContentsMargins(4, 0, 0, 0)
        for w in (self.title, self.summary, self.source):
            lay.addWidget(w)
        lay.addWidget(results, 1)
        lay.addWidget(self.verdict)
        lay.addWidget(self.busy_note)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(scroll)
        split.addWidget(detail)
        split.setStretchFactor(1, 1)
        split.setSizes([200, 600])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(split)

    # -- slots the main window calls -------------------------------------------------------
    def set_model(self, spec: dict, params: dict[str, np.ndarray]) -> None:
        """The learner's network (the optimizer race trains it from these weights)."""
        self._spec = copy.deepcopy(spec)
        self._params = {k: np.array(v, copy=True) for k, v in params.items()}

    def set_dataset(self, dataset: Dataset) -> None:
        self._dataset = dataset

    def set_training_state(self, state: RunState) -> None:
        self.busy_note.setVisible(RunState(state) is RunState.RUNNING)

    # -- public API ------------------------------------------------------------------------
    def context(self) -> Context:
        return Context(scale=self.scale, spec=self._spec, params=self._params, dataset=self._dataset)

    def results(self, key: str) -> dict[str, RunResult] | None:
        state = self._states.get(key)
        return state.results if state else None

    def start(self, key: str) -> None:
        """Run card ``key`` (ignored while another card runs)."""
        if self._job is not None:
            return
        card = experiment_cards.get(key)
        try:
            run = ExperimentRun(card, self.context())
        except ValueError as e:                 # e.g. a network that does not fit the data
            self.cards[key].status.setText(self.tr("Cannot run: {0}").format(e))
            return
        self._states[key] = _CardState(run.plans, run.snapshot())
        job = BackgroundJob(run, "experimentThread")
        self._running = key
        self.launch(job, self._on_progress)
        for k, w in self.cards.items():
            w.set_running(k == key, others_running=True)
        self.cards[key].set_progress(0, 1)
        self.cards[key].status.setText(self.tr("running…"))
        self.show_card(key)
        text = self.tr("Experiment started: {0}").format(card.title.render(QCoreApplication.translate))
        self.status_message.emit(text)
        job.start()
        self._timer.start()

    def cancel(self) -> None:
        """Stop the running card after its current mini-batch."""
        if self._job is not None:
            self._job.cancel()
            self.cards[self._running].cancel_button.setEnabled(False)

    def show_card(self, key: str) -> None:
        """Show card ``key``'s description, curves and table."""
        card = experiment_cards.get(key)
        tr = QCoreApplication.translate
        self._shown = key
        for k, w in self.cards.items():
            w.set_selected(k == key)
        self.title.setText(f"<b>{card.title.render(tr)}</b>")
        self.summary.setText(card.summary.render(tr))
        self.source.setText(card.source.render(tr))
        state = self._states.get(key)
        if state is None:                        # never run: the book's claim, an empty table
            plans = card.plans(self.context())
            state = self._states[key] = _CardState(plans, {p.key: RunResult(p.key) for p in plans})
        self.plot.show_card(card, state.plans)
        self._dirty = True
        self._redraw()

    # -- worker signals (GUI thread) -------------------------------------------------------
    def _cancel_clicked(self, key: str) -> None:
        if key == self._running:
            self.cancel()

    def _on_progress(self, results, done: int, total: int) -> None:
        if self._running is None:
            return
        self._states[self._running].results = results
        self.cards[self._running].set_progress(done, total)
        self._dirty = True

    def _finish(self, job: BackgroundJob, reason: str) -> None:
        key, self._running = self._running, None
        state = self._states[key]
        state.results, state.reason, state.seconds = job.job.snapshot(), reason, job.job.seconds
        for w in self.cards.values():
            w.set_running(False)
        table = experiment_cards.get(key).table(state.results, state.plans)
        w = self.cards[key]
        if reason == "completed":
            w.set_progress(1, 1)
            marks = sum(row.ok is True for row in table.rows)
            text = self.tr("done in {0:.0f} s: {1} of {2} {3}").format(
                state.seconds, marks, len(table.rows), OK)
        elif reason == "cancelled":
            text = self.tr("cancelled after {0:.0f} s").format(state.seconds)
        else:
            text = self.tr("failed: {0}").format(reason.removeprefix("error: "))
        w.status.setText(text)
        self._dirty = True
        self._redraw()
        self.status_message.emit(text)
        self.experiment_finished.emit(key, reason)

    # -- drawing ---------------------------------------------------------------------------
    def _request_redraw(self) -> None:
        if self._dirty and self.isVisible() and self._shown == self._running:
            draw_budget().request(self._redraw)

    def showEvent(self, ev):
        super().showEvent(ev)
        self._dirty = True
        self._request_redraw()

    def _redraw(self) -> None:
        key = self._shown
        if key is None or not self._dirty:
            return
        self._dirty = False
        state, card = self._states[key], experiment_cards.get(key)
        self.plot.set_results(state.results)
        table = card.table(state.results, state.plans)
        self.table.show_table(table)
        tr = QCoreApplication.translate
        mark = {True: OK + " ", False: "✗ ", None: ""}[table.verdict_ok]
        self.verdict.setText(mark + table.verdict.render(tr) if table.verdict else "")
