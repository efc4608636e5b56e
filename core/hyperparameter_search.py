"""Hyperparameter search (超参数的验证): random search over learning rate and weight decay.

The book's ch06 ``hyperparameter_optimization.py``: draw the learning rate and the weight decay
λ at random on log scales (lr = 10^u, u uniform in [−6, −2]; λ = 10^v, v uniform in [−8, −4]),
train a 6 × 100 ReLU network on 400 of the first 500 MNIST training images for 50 epochs
(SGD, mini-batches of 100) and judge each trial by its accuracy on the other 100 — the
validation data, never the test data. The book found the best trials at lr ≈ 0.001 – 0.01 and
λ ≈ 10⁻⁸ – 10⁻⁶, with validation accuracy about 0.8.

Every trial starts from the same initial weights and sees the same mini-batches, so only the two
hyperparameters differ. :class:`HyperparameterSearch` runs the trials; its ``run()`` yields after
every mini-batch, so a caller can stop it between any two steps.
"""
from __future__ import annotations

import copy
import math
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

import numpy as np

from . import optimizers
from .data import Dataset, load_mnist
from .network import Network
from .trainer import Diverged, Epoch, Step, Trainer
from .training_config import Config

BOOK_SPEC = {"input_shape": [1, 28, 28],
             "layers": [{"type": "dense", "units": 100, "activation": "relu"} for _ in range(6)]
             + [{"type": "dense", "units": 10}],
             "loss": "softmax_cross_entropy"}


LR_EXPONENTS = (-12, 3)            # the widest ranges a search may cover (10^low .. 10^high)
WD_EXPONENTS = (-12, 1)            # weight decay is at most 10 (training_config.check_weight_decay)


@dataclass
class SearchConfig:
    trials: int = 100                  # the book's
    lr_exponents: tuple[float, float] = (-6.0, -2.0)
    wd_exponents: tuple[float, float] = (-8.0, -4.0)
    samples: int = 500                 # the first N training images, split ...
    val_fraction: float = 0.2          # ... into training and validation data
    epochs: int = 50
    batch_size: int = 100
    optimizer: str = "sgd"
    seed: int = 0

    def check(self) -> None:
        t = self.trials
        if isinstance(t, bool) or not isinstance(t, int) or not 1 <= t <= 10_000:
            raise ValueError(f"trials must be a whole number from 1 to 10000, got {self.trials!r}")
        for name, (lo, hi) in (("learning-rate", self.lr_exponents), ("weight-decay", self.wd_exponents)):
            if not (math.isfinite(lo) and math.isfinite(hi) and lo <= hi):
                raise ValueError(f"the {name} exponents must be finite with low ≤ high, got {lo}, {hi}")
        for name, (lo, hi), (low, high) in (("learning-rate", self.lr_exponents, LR_EXPONENTS),
                                            ("weight-decay", self.wd_exponents, WD_EXPONENTS)):
            if lo < low or hi > high:
                raise ValueError(f"the {name} exponents must lie in [{low}, {high}], got {lo:g}, {hi:g}")
        if not isinstance(self.samples, int) or self.samples < 2:
            raise ValueError(f"the search needs at least 2 samples, got {self.samples!r}")
        if not 0 < self.val_fraction <= 0.9:
            raise ValueError(f"the validation fraction must be in (0, 0.9], got {self.val_fraction}")
        if self.optimizer not in optimizers.OPTIMIZERS:
            raise ValueError(f"unknown optimizer {self.optimizer!r}; "
                             f"choose one of {', '.join(optimizers.OPTIMIZERS)}")
        self.trainer_config(1e-3, 0.0).check()

    def trainer_config(self, lr: float, weight_decay: float) -> Config:
        return Config(epochs=self.epochs, batch_size=self.batch_size, optimizer=self.optimizer, lr=lr,
                      weight_decay=weight_decay, val_fraction=self.val_fraction, seed=self.seed,
                      evaluate_test=False)


@dataclass
class Trial:
    index: int
    lr: float
    weight_decay: float
    val_acc: float | None = None       # None until done (and for a diverged trial)
    val_loss: float | None = None
    train_acc: float | None = None     # inference mode, on the trial's training data
    status: str = "waiting"            # "waiting", "running", "done", "diverged" or "cancelled"
    seconds: float = 0.0
    val_curve: list[float] = field(default_factory=list)   # validation accuracy per epoch

    def settings(self, optimizer: str) -> dict:
        """The trial as run settings (``core.live_settings`` names)."""
        return {"optimizer": optimizer, "lr": self.lr, "weight_decay": self.weight_decay}


def draw_settings(config: SearchConfig) -> list[tuple[float, float]]:
    """(learning rate, weight decay) of every trial: 10^uniform on each exponent range, from
    the seed alone (the same seed draws the same trials)."""
    rng = np.random.default_rng([config.seed, 7])
    lr = 10.0 ** rng.uniform(*config.lr_exponents, size=config.trials)
    wd = 10.0 ** rng.uniform(*config.wd_exponents, size=config.trials)
    return [(float(a), float(b)) for a, b in zip(lr, wd, strict=True)]


def subset(dataset: Dataset, n: int) -> Dataset:
    """The first ``n`` training samples of ``dataset`` (views; the test set unchanged)."""
    return replace(dataset, x_train=dataset.x_train[:n], y_train=dataset.y_train[:n])


def ranked(trials: list[Trial]) -> list[Trial]:
    """Finished trials, best validation accuracy first (ties: lower validation loss)."""
    done = [t for t in trials if t.val_acc is not None]
    return sorted(done, key=lambda t: (-t.val_acc, t.val_loss if t.val_loss is not None else math.inf))


def best(trials: list[Trial]) -> Trial | None:
    order = ranked(trials)
    return order[0] if order else None


class HyperparameterSearch:
    """Runs the trials of ``config`` on ``spec`` (the book's 6 × 100 by default) and a data set
    (MNIST by default), from ``params`` if given (e.g. the learner's initial weights)."""

    def __init__(self, config: SearchConfig | None = None, spec: dict | None = None,
                 params: dict[str, np.ndarray] | None = None, dataset: Dataset | None = None,
                 load_data: Callable[[], Dataset] = load_mnist):
        self.config = config = config or SearchConfig()
        config.check()
        self.spec = copy.deepcopy(spec if spec is not None else BOOK_SPEC)
        self.params = params
        self._dataset, self._load_data = dataset, load_data
        self.trials = [Trial(i, lr, wd) for i, (lr, wd) in enumerate(draw_settings(config))]
        self.done = 0                  # mini-batches trained
        self.total = 0                 # known once run() has the data
        self.seconds = 0.0

    def snapshot(self) -> list[Trial]:
        return copy.deepcopy(self.trials)

    def run(self) -> Iterator[None]:
        """Train every trial; yields after each mini-batch. Closing the generator marks the trial
        in progress "cancelled"."""
        t0 = time.perf_counter()
        full = self._dataset if self._dataset is not None else self._load_data()
        data = subset(full, min(self.config.samples, len(full.y_train)))
        net = Network.from_spec(self.spec, rng=np.random.default_rng(self.config.seed))
        if self.params is not None:
            net.load_snapshot(self.params)
        start = net.snapshot()                         # every trial starts from these weights
        n = len(data.y_train)
        n_train = n - min(round(n * self.config.val_fraction), n - 1)
        per_trial = self.config.epochs * math.ceil(n_train / self.config.batch_size)
        self.total = per_trial * len(self.trials)
        yield
        try:
            for trial in self.trials:
                net.load_snapshot(start)
                yield from self._trial(trial, net, data)
                self.done = (trial.index + 1) * per_trial
        finally:
            self.seconds = time.perf_counter() - t0

    def _trial(self, trial: Trial, net: Network, data: Dataset) -> Iterator[None]:
        trainer = Trainer(net, data, self.config.trainer_config(trial.lr, trial.weight_decay))
        trial.status = "running"
        t0 = time.perf_counter()
        events = trainer.run()
        try:
            for ev in events:
                if isinstance(ev, Step):
                    self.done += 1
                elif isinstance(ev, Epoch):
                    trial.val_curve.append(ev.val_acc)
                elif isinstance(ev, Diverged):
                    trial.status = "diverged"
                yield
            if trial.status == "running":
                last = trainer.history.epochs[-1]
                trial.val_acc, trial.val_loss = last.val_acc, last.val_loss
                trial.train_acc = trainer.evaluate("train")[1]
                trial.status = "done"
        finally:
            events.close()
            trial.seconds = time.perf_counter() - t0
            if trial.status == "running":
                trial.status = "cancelled"
