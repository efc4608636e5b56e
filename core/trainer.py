"""The training loop as a generator of events — no threads, no printing.

``Trainer.run()`` yields a ``Step`` after every mini-batch, an ``Epoch`` after
every epoch (with validation and test evaluation, and the training loss and
accuracy measured the same way — inference mode, weights fixed — on a fixed
training subset as big as the validation set) and finally a ``Done``. The
caller drives it (a CLI loop, the GUI's worker thread, a test) and may change
the learning rate, optimizer, batch size, weight decay or dropout between any
two steps; the change applies to the next batch and is recorded in the history
as a ``Mark``.

A run can be interrupted anywhere (close the generator) and continued: the next
``run()`` goes on with the same epoch, the same shuffled order and the same
optimizer state, until ``config.epochs`` epochs are done (``set_epochs`` moves
that target). Epochs count data seen: an interrupted epoch is finished, not
started again.

If the loss or a parameter turns non-finite, or the loss explodes to 1000
times its first value, the generator yields a ``Diverged`` event naming the
first layer with non-finite values or, if every weight is still finite, the
layer whose gradient exploded first (``core.divergence``); also when every
gradient vanished while the loss stayed no better than at the start (a bounded
loss such as mean squared error saturates instead of exploding). The caller may then
call ``recover(lr)`` — restore the last good weights, reset the optimizer,
continue with a new learning rate — and keep iterating; otherwise the run ends
with ``Done("diverged")`` (and a later ``run()`` starts from the last good
weights). Weights count as good only once the next batch's loss, computed with
them, was no worse than 1.5 times the first loss (``core.recovery``); after 3
recoveries without such progress the ``Diverged`` event says recovery gave up
(``gave_up``) and the run ends with ``Done("diverged")`` whatever the caller does.

The trainer remembers the epoch with the lowest validation loss and its weights
(``best_epoch``, ``restore_best()``); with ``Config.patience`` set, a run whose
validation loss has not improved for that many epochs ends with
``Done("early_stopped")`` (``core.early_stopping``).
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from . import optimizers
from .augment import augment_level
from .batch_gather import BatchGatherer
from .data import Dataset, split_indices
from .divergence import GradientWatch
from .early_stopping import BestEpoch
from .network import Network
from .recovery import LastGood
from .run_history import Epoch, History, Mark, Step
from .trainer_checks import EXPLODED, VANISHED, Diverged, DivergenceChecks
from .trainer_state import RunStateIO
from .training_config import Config, check_batch_size, check_weight_decay

__all__ = ["EXPLODED", "VANISHED", "Config", "Diverged", "Done", "Epoch", "Evaluating", "History", "Mark",
           "Step", "Trainer"]


@dataclass
class Evaluating:
    """Progress of the evaluation at the end of an epoch."""

    epoch: int
    split: str             # "train_subset", "val" or "test"
    done: int
    total: int


@dataclass
class Done:
    reason: str            # "completed", "diverged" or "early_stopped" (Config.patience)
    epochs: int
    steps: int


class Trainer(RunStateIO, DivergenceChecks):
    """Trains ``net`` on ``dataset`` according to ``config``; deterministic for a seed."""

    def __init__(self, net: Network, dataset: Dataset, config: Config | None = None):
        self.config = config = config or Config()
        config.check()
        if net.n_classes != dataset.n_classes:
            raise ValueError(f"the network outputs {net.n_classes} scores but {dataset.name} has "
                             f"{dataset.n_classes} classes")
        net.check_input(dataset.as_float(dataset.x_train[:1]))    # input shapes must fit
        if config.augment and not (dataset.is_image and dataset.input_shape[0] == 1):
            raise ValueError(f"augmentation needs single-channel images, but {dataset.name} "
                             f"samples have shape {dataset.input_shape}")
        self.net, self.data = net, dataset
        self._batches = BatchGatherer(dataset)   # training batches, into an array kept between steps
        self.rng = np.random.default_rng(config.seed)
        self.net.rng = np.random.default_rng([config.seed, 1])  # dropout masks
        for layer in net.layers:
            layer.rng = self.net.rng
        train_idx, val_idx = split_indices(len(dataset.y_train), config.val_fraction, self.rng)
        if config.max_train is not None:
            train_idx = train_idx[:config.max_train]
        self.train_idx, self.val_idx = train_idx, val_idx
        self.train_eval_idx = self._train_subset(config)
        self.set_patience(config.patience)
        self.optimizer = optimizers.make(config.optimizer, config.lr,
                                         **self._optimizer_args(config.optimizer))
        self.batch_size = config.batch_size
        self.net.weight_decay = check_weight_decay(config.weight_decay)
        self.history = History()
        self.epoch = 0
        self.step = 0
        self._last_good = LastGood(net.flat_params)
        self._since_offer = 0                # updates since the weights were last offered as good
        self._recover_lr: float | None = None
        self._first_loss: float | None = None   # the run's first loss: what "good" is measured by
        self._watch = GradientWatch(net)
        self._diverged = False               # ended diverged: the next run() starts from _good
        # the epoch in progress: its order, how far it got, its sums (seen, loss, correct, s)
        self._order: np.ndarray | None = None
        self._order_rng: dict | None = None  # the generator's state the order was drawn from
        self._pos = 0
        self._sums = [0, 0.0, 0.0, 0.0]
        self._best = BestEpoch()              # the epoch with the lowest validation loss, its weights

    # -- settings that may change between steps -----------------------------------------
    @property
    def lr(self) -> float:
        return self.optimizer.lr

    def set_learning_rate(self, lr: float) -> None:
        self.optimizer.lr = optimizers.check_learning_rate(lr)

    def set_optimizer(self, name: str, lr: float | None = None) -> None:
        """Switch optimizer (fresh state); keeps the current learning rate unless given."""
        self.optimizer = optimizers.make(name, self.lr if lr is None else lr, **self._optimizer_args(name))

    def _optimizer_args(self, name: str) -> dict[str, float]:
        """The config's hyperparameters that optimizer ``name`` takes (the rest are for others)."""
        cls = optimizers.OPTIMIZERS.get(name)
        takes = {h.name for h in cls.HYPERPARAMETERS} if cls is not None else set()
        return {k: v for k, v in self.config.optimizer_args.items() if k in takes}

    def set_hyperparameter(self, name: str, value: float) -> bool:
        """Change an optimizer hyperparameter (momentum α, β₁ …) keeping the optimizer's state;
        it is also remembered for an optimizer chosen later. True if the current optimizer takes
        it (and a mark is recorded)."""
        known = {h.name: h for cls in optimizers.OPTIMIZERS.values() for h in cls.HYPERPARAMETERS}
        if name not in known:
            raise ValueError(f"unknown optimizer hyperparameter {name!r}")
        value = known[name].check(value)
        self.config.optimizer_args = dict(self.config.optimizer_args, **{name: value})
        if name not in {h.name for h in type(self.optimizer).HYPERPARAMETERS}:
            return False
        if getattr(self.optimizer, name) != value:
            setattr(self.optimizer, name, value)
            self.history.marks.append(Mark(self.step + 1, name, value))
        return True

    def set_batch_size(self, b: int) -> None:
        self.batch_size = check_batch_size(b)

    def set_weight_decay(self, wd: float) -> None:
        self.net.weight_decay = check_weight_decay(wd)

    def set_dropout(self, rate: float) -> None:
        self.net.set_dropout(rate)

    def set_patience(self, patience: int | None) -> None:
        """Early stopping after ``patience`` epochs without a better validation loss (None: off)."""
        if patience is not None and len(self.val_idx) == 0:
            raise ValueError("patience (early stopping) needs a validation set: set the "
                             "validation fraction above 0")
        self.config.patience = patience

    def set_epochs(self, total: int) -> None:
        """Train until ``total`` epochs are done (counted from this run's start)."""
        e = total
        if isinstance(e, bool) or not isinstance(e, (int, np.integer)) or not 1 <= e <= 100_000:
            raise ValueError(f"epochs must be a whole number from 1 to 100000, got {total!r}")
        self.config.epochs = int(e)

    @property
    def epochs_done(self) -> int:
        """Epochs finished (an epoch interrupted in the middle is not)."""
        return self.epoch - (self._order is not None)

    @property
    def finished(self) -> bool:
        """Every epoch of ``config.epochs`` is done: ``run()`` would end at once."""
        return self._order is None and self.epoch >= self.config.epochs

    def apply_setting(self, name: str, value):
        """Change one live setting of ``core.live_settings`` (learning rate, optimizer, batch
        size, weight decay, dropout) from the next step on; returns the value as applied.

        The value is checked against the setting's declaration: a ValueError names the
        setting and its range, and nothing changes. The change is recorded as a ``Mark``.
        """
        from .live_settings import Target, get  # live_settings imports optimizers, not trainer
        setting = get(name)
        if setting.target is not Target.TRAINER:
            raise ValueError(f"{setting.label} ({name}) does not change a running trainer")
        value = setting.check(value)
        getattr(self, setting.setter)(value)
        self.history.marks.append(Mark(self.step + 1, name, value))
        return value

    @property
    def best_epoch(self) -> int | None:
        """The epoch (of this trainer, 1-based) with the lowest validation loss so far, or None."""
        return self._best.epoch

    @property
    def best_val_loss(self) -> float | None:
        return self._best.val_loss

    def restore_best(self) -> int:
        """Put back the weights of ``best_epoch`` (as they were at its end) and return it; the
        optimizer starts afresh (its state belongs to later weights). A ValueError if no epoch
        had a validation loss yet."""
        if self._best.params is None:
            raise ValueError("no epoch with a validation loss yet: there are no best weights to restore")
        self.net.flat_params[...] = self._best.params
        self._last_good.good[...] = self._best.params
        self._diverged = False
        name = self.optimizer.name
        self.optimizer = optimizers.make(name, self.lr, **self._optimizer_args(name))
        return self._best.epoch

    def recover(self, lr: float) -> None:
        """After a ``Diverged`` event: restore the last good weights and go on with ``lr``
        (ignored after a ``Diverged`` event with ``gave_up``: the run ends)."""
        self._recover_lr = optimizers.check_learning_rate(lr)

    # -- evaluation ---------------------------------------------------------------------
    def _train_subset(self, config: Config) -> np.ndarray:
        """The training samples the epoch's train loss and accuracy are measured on: as many as
        the validation set evaluates (a tenth of the training set if there is none, at most
        ``max_eval``), drawn once from the seed (a generator of its own: the run's order is
        unchanged), sorted."""
        n_val = len(self.val_idx) if config.max_eval is None else min(len(self.val_idx), config.max_eval)
        n = n_val or max(1, len(self.train_idx) // 10)
        if config.max_eval is not None:
            n = min(n, config.max_eval)
        n = min(n, len(self.train_idx))
        pick = np.random.default_rng([config.seed, 2]).choice(len(self.train_idx), n, replace=False)
        return np.sort(self.train_idx[pick])

    def evaluate(self, split: str, chunk: int = 500) -> tuple[float | None, float | None]:
        """(mean loss, accuracy) on "val", "test", "train" or "train_subset" (``train_eval_idx``,
        what ``Epoch.train_loss``/``train_acc`` measure); (None, None) if the split is empty."""
        gen = self._evaluate_iter(split, chunk)
        while True:
            try:
                next(gen)
            except StopIteration as done:
                return done.value

    def _evaluate_iter(self, split: str, chunk: int = 500):
        """Like ``evaluate``, yielding an ``Evaluating`` event after every chunk (so a
        caller can stop in the middle); the result is the generator's return value."""
        if split == "test":
            idx, src = np.arange(len(self.data.y_test)), "test"
        elif split == "train_subset":
            idx, src = self.train_eval_idx, "train"
        else:
            idx, src = (self.val_idx if split == "val" else self.train_idx), "train"
        if self.config.max_eval is not None:
            idx = idx[:self.config.max_eval]
        if len(idx) == 0:
            return None, None
        total_loss, correct = 0.0, 0
        for i in range(0, len(idx), chunk):
            x, y = self.data.gather(src, idx[i:i + chunk])
            total_loss += self.net.loss(x, y, training=False) * len(y)
            correct += int((self.net.loss_fn.predicted(self.net.scores) == y).sum())
            yield Evaluating(self.epoch, split, min(i + chunk, len(idx)), len(idx))
        return total_loss / len(idx), correct / len(idx)

    # -- the loop -------------------------------------------------------------------------
    def _next_epoch(self) -> bool:
        """Begin the next epoch (draw its order); False if every epoch is done."""
        if self.epoch >= self.config.epochs:
            return False
        self.epoch += 1
        self._order_rng = self.rng.bit_generator.state
        self._order = self.rng.permutation(self.train_idx)
        self._pos, self._sums = 0, [0, 0.0, 0.0, 0.0]
        return True

    def run(self):
        """Generator of Step / Evaluating / Epoch / Diverged events, ending with Done.
        Continues an interrupted run where it stopped."""
        net, opt_params = self.net, {"all": self.net.flat_params}
        grads = {"all": self.net.flat_grads}
        if self._diverged:                   # a new start: recovery may be tried again
            self._restore_good(self.lr, count=False)
            self._last_good.failed = 0
        while self._order is not None or self._next_epoch():
            order, sums = self._order, self._sums
            t0 = time.perf_counter()
            try:
                while self._pos < len(order):
                    i = self._pos
                    x, y = self._batches.gather("train", order[i:i + self.batch_size])
                    if self.config.augment:
                        x = augment_level(x, self.rng, self.config.augment)
                    i = self._pos = i + len(y)
                    self.step += 1
                    loss = net.loss(x, y, training=True)
                    bad = self._check_loss(loss)
                    if bad is None:
                        self._last_good.judge(loss, self._first_loss)   # the weights before this update
                        net.backward()
                        if self._watch.base is None:
                            self._watch.check()
                        self.optimizer.update(opt_params, grads)
                        # a non-finite weight shows up in the next loss; the full scan runs only
                        # before the weights are offered as good (and at the end of an epoch)
                        self._since_offer += 1
                        if self._since_offer >= self.config.good_every or i >= len(order):
                            bad = self._offer_weights(loss)
                    if bad is not None:
                        self._diverged = True
                        gave_up = self._last_good.gave_up
                        yield self._diverged_event(bad, loss, gave_up)
                        if gave_up or self._recover_lr is None:
                            self._recover_lr = None
                            yield Done("diverged", self.epoch, self.step)
                            return
                        self._restore_good(self._recover_lr)
                        self._recover_lr = None
                        continue
                    acc = float((net.loss_fn.predicted(net.scores) == y).mean())
                    sums[0] += len(y)
                    sums[1] += loss * len(y)
                    sums[2] += acc * len(y)
                    step = Step(self.epoch, self.step, float(loss), acc, self.lr, len(y), i / len(order))
                    self.history.add_step(step)
                    yield step
            finally:
                sums[3] += time.perf_counter() - t0
            seen, loss_sum, correct, seconds = sums
            train_loss, train_acc = yield from self._evaluate_iter("train_subset")
            val_loss, val_acc = yield from self._evaluate_iter("val")
            test_loss, test_acc = (yield from self._evaluate_iter("test")) \
                if self.config.evaluate_test else (None, None)
            ep = Epoch(self.epoch, self.step, train_loss, train_acc, val_loss, val_acc, test_loss,
                       test_acc, seconds, seen / max(seconds, 1e-9),
                       batch_loss=loss_sum / seen if seen else None,
                       batch_acc=correct / seen if seen else None,
                       loss_includes_l2=net.weight_decay > 0)
            self.history.epochs.append(ep)
            self._order = None
            if self.config.lr_decay != 1.0:
                self.optimizer.lr *= self.config.lr_decay
            self._best.update(ep.epoch, val_loss, net.flat_params)
            yield ep
            if self._best.patience_ran_out(self.epoch, self.config.patience):
                yield Done("early_stopped", self.epoch, self.step)
                return
        yield Done("completed", self.epoch, self.step)
