"""The book's experiments as data, and the runner that trains their runs headless.

A :class:`Card` (defined in ``core.experiment_cards``) is one experiment: it builds its runs
(:class:`RunPlan`: a spec and a ``Config``) for a :class:`Context` and turns their results into a
:class:`Table` with the book's values beside them. :class:`ExperimentRun` trains the runs one
after another with ``core.Trainer``; its :meth:`ExperimentRun.run` is a generator that yields
after every mini-batch and evaluation chunk, so a caller (a GUI worker thread, a test) can stop it
between any two steps. What was measured so far is in ``ExperimentRun.results``; ``snapshot()``
copies it for another thread.

    run = ExperimentRun(experiment_cards.get("weight_init"), Context(scale=0.2))
    for _ in run.run():
        pass
    table = run.table()
"""
from __future__ import annotations

import copy
import math
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

import numpy as np

from .data import Dataset, load_mnist
from .network import Network
from .trainer import Diverged, Epoch, Step, Trainer
from .training_config import Config

LAST_LOSSES = 100            # "final loss": the mean of the last this many batch losses
PROBE_STEPS = 10             # steps timed before a card with a time budget fixes its iterations


@dataclass(frozen=True)
class Text:
    """A display string marked for translation in ``context``, with ``str.format`` arguments."""

    text: str
    args: tuple = ()
    context: str = "experiments"

    def render(self, translate: Callable[[str, str], str] | None = None) -> str:
        """The text (translated by ``translate(context, text)`` if given), formatted."""
        s = translate(self.context, self.text) if translate is not None else self.text
        return s.format(*self.args) if self.args else s


@dataclass
class Context:
    """What a card may take from the app: a size scale (tests run cards at a fraction of the
    book's size), and the learner's model and data set (the optimizer race trains them)."""

    scale: float = 1.0
    spec: dict | None = None
    params: dict[str, np.ndarray] | None = None
    dataset: Dataset | None = None

    def scaled(self, n: int, low: int = 1) -> int:
        return max(low, round(n * self.scale))


@dataclass
class RunPlan:
    """One training run of a card."""

    key: str
    label: Text
    spec: dict
    config: Config
    params: dict[str, np.ndarray] | None = None   # start from these weights (else drawn from the seed)
    max_steps: int | None = None       # stop after this many mini-batches
    eval_train: bool = False           # train accuracy in inference mode (the book's) ...
    eval_test: bool = False            # ... and test accuracy, after the epochs below
    eval_every: int = 1                # epochs between those evaluations (the first and last always)
    final_test: bool = False           # evaluate the test set once at the end


@dataclass
class RunResult:
    """What one run measured. Epoch rows are (epoch, train acc, val acc, test acc), None where
    a value was not measured."""

    key: str
    losses: list[float] = field(default_factory=list)          # batch loss per iteration
    epochs: list[tuple] = field(default_factory=list)
    status: str = "waiting"            # "waiting", "running", "done", "diverged" or "cancelled"
    seconds: float = 0.0
    test_acc: float | None = None      # the final test accuracy (Epoch's or the final evaluation)

    def final_loss(self) -> float | None:
        """Mean of the last ``LAST_LOSSES`` batch losses (None before the first batch)."""
        return float(np.mean(self.losses[-LAST_LOSSES:])) if self.losses else None

    def last(self, what: str) -> float | None:
        """The last epoch's "train", "val" or "test" accuracy (None if not measured)."""
        i = {"train": 1, "val": 2, "test": 3}[what]
        values = [row[i] for row in self.epochs if row[i] is not None]
        return values[-1] if values else None

    def series(self, what: str) -> tuple[np.ndarray, np.ndarray]:
        """(epochs, accuracies) of "train", "val" or "test", float64 arrays."""
        i = {"train": 1, "val": 2, "test": 3}[what]
        rows = [(row[0], row[i]) for row in self.epochs if row[i] is not None]
        return (np.array([r[0] for r in rows], dtype=np.float64),
                np.array([r[1] for r in rows], dtype=np.float64))

    @property
    def finished(self) -> bool:
        return self.status in ("done", "diverged")


@dataclass(frozen=True)
class Column:
    label: Text
    kind: str = "pct"                  # "pct", "loss", "int", "sci" or "text"


@dataclass
class Row:
    label: Text
    values: list                       # one per column; None: not measured (yet)
    book: Text                         # the book's value or finding for this row
    ok: bool | None = None             # inside the book's range (None: not known yet)
    key: str = ""                      # the run (or group of runs) the row shows


@dataclass
class Table:
    columns: list[Column]
    rows: list[Row]
    verdict: Text | None = None        # the book's finding and whether it was reproduced
    verdict_ok: bool | None = None


@dataclass(frozen=True)
class Card:
    """One experiment: its runs, its table, and how it is drawn."""

    key: str
    title: Text
    summary: Text                      # what it does and what the book found
    source: Text                       # where in the notes
    plot: str                          # "loss" (per iteration), "accuracy" (per epoch) or "grid"
    plans: Callable[[Context], list[RunPlan]]
    table: Callable[[dict[str, RunResult], list[RunPlan]], Table]
    data: str = "mnist"                # "mnist", or "current" (the learner's data set)
    budget_s: float | None = None      # fit the iterations into this many seconds (see run())


def plan_steps(plan: RunPlan, n_samples: int) -> int:
    """Mini-batches ``plan`` trains on a training set of ``n_samples`` samples (before the
    validation split), as ``core.data.split_indices`` and ``Trainer`` split it."""
    c = plan.config
    n_val = min(round(n_samples * c.val_fraction), max(n_samples - 1, 0))
    n_train = n_samples - n_val
    if c.max_train is not None:
        n_train = min(n_train, c.max_train)
    steps = c.epochs * math.ceil(n_train / c.batch_size)
    return steps if plan.max_steps is None else min(steps, plan.max_steps)


class ExperimentRun:
    """Trains a card's runs one after another; ``run()`` yields after every step."""

    def __init__(self, card: Card, context: Context | None = None,
                 load_data: Callable[[], Dataset] = load_mnist):
        self.card, self.context = card, context or Context()
        self.plans = card.plans(self.context)
        self._load_data = load_data
        self.dataset: Dataset | None = None
        self.results = {p.key: RunResult(p.key) for p in self.plans}
        self.done = 0                  # mini-batches trained (a diverged run counts as complete)
        self.total = 0                 # known once run() has the data set
        self.seconds = 0.0

    def snapshot(self) -> dict[str, RunResult]:
        """A deep copy of the results, to hand to another thread."""
        return copy.deepcopy(self.results)

    def table(self, results: dict[str, RunResult] | None = None) -> Table:
        return self.card.table(self.results if results is None else results, self.plans)

    def _data(self) -> Dataset:
        if self.card.data == "current" and self.context.dataset is not None:
            return self.context.dataset
        return self._load_data()

    def run(self) -> Iterator[None]:
        """Train every run; yields after each mini-batch and evaluation chunk. Closing the
        generator marks the run in progress "cancelled"."""
        t0 = time.perf_counter()
        self.dataset = data = self._data()
        n = len(data.y_train)
        self.total = sum(plan_steps(p, n) for p in self.plans)
        yield
        try:
            for i, plan in enumerate(self.plans):
                if i == 0 and self.card.budget_s is not None:
                    yield from self._train(plan, data, probe=True)
                yield from self._train(plan, data)
        finally:
            self.seconds = time.perf_counter() - t0

    def _fit_budget(self, seconds_per_step: float, n: int) -> None:
        """Set every plan's ``max_steps`` so the card takes about ``budget_s`` (a multiple of
        100 iterations, at least 100, at most what the card asked for)."""
        per_plan = self.card.budget_s / len(self.plans) / max(seconds_per_step, 1e-6)
        for p in self.plans:
            asked = plan_steps(p, n)
            fit = max(100, int(per_plan) // 100 * 100)
            p.max_steps = min(asked, fit)
        self.total = sum(plan_steps(p, n) for p in self.plans)

    def _train(self, plan: RunPlan, data: Dataset, probe: bool = False) -> Iterator[None]:
        """Train ``plan`` (or, with ``probe``, time its first steps on a throwaway copy to fit
        the card's time budget)."""
        res = self.results[plan.key]
        net = Network.from_spec(plan.spec, rng=np.random.default_rng(plan.config.seed))
        if plan.params is not None:
            net.load_snapshot(plan.params)
        trainer = Trainer(net, data, replace(plan.config, optimizer_args=dict(plan.config.optimizer_args)))
        steps, start = 0, self.done
        res.status = "running"
        t0 = time.perf_counter()
        events = trainer.run()
        try:
            for ev in events:
                if isinstance(ev, Step):
                    steps += 1
                    if probe:
                        if steps == 2:              # the first step pays for warm-up
                            t0 = time.perf_counter()
                        elif steps >= PROBE_STEPS + 2:
                            self._fit_budget((time.perf_counter() - t0) / PROBE_STEPS, len(data.y_train))
                            res.status = "waiting"
                            return
                        yield
                        continue
                    res.losses.append(ev.loss)
                    self.done += 1
                elif isinstance(ev, Epoch):
                    due = ev.epoch in (1, plan.config.epochs) or ev.epoch % plan.eval_every == 0
                    train = trainer.evaluate("train")[1] if plan.eval_train and due else None
                    test = trainer.evaluate("test")[1] if plan.eval_test and due else ev.test_acc
                    res.epochs.append((ev.epoch, train, ev.val_acc, test))
                    if test is not None:
                        res.test_acc = test
                elif isinstance(ev, Diverged):
                    res.status = "diverged"
                res.seconds = time.perf_counter() - t0
                yield
                if plan.max_steps is not None and steps >= plan.max_steps:
                    break
            if plan.final_test and res.status != "diverged":
                res.test_acc = trainer.evaluate("test")[1]
                yield
            if res.status == "running":
                res.status = "done"
            self.done = start + plan_steps(plan, len(data.y_train))
        finally:
            events.close()
            res.seconds = time.perf_counter() - t0
            if res.status == "running":
                res.status = "cancelled"
