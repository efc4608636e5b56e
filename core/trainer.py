"""The training loop as a generator of events — no threads, no printing.

``Trainer.run()`` yields a ``Step`` after every mini-batch, an ``Epoch`` after
every epoch (with validation and test evaluation) and finally a ``Done``. The
caller drives it (a CLI loop, the GUI's worker thread, a test) and may change
the learning rate, optimizer, batch size, weight decay or dropout between any
two steps; the change applies to the next batch.

If the loss or a parameter turns non-finite, or the loss explodes to 1000
times its first value, the generator yields a ``Diverged`` event naming the
first layer with non-finite values (or "the loss"). The caller may then call
``recover(lr)`` — restore the last good weights (saved every
``good_every`` steps), reset the optimizer, continue with a new learning rate
— and keep iterating; otherwise the run ends with ``Done("diverged")``.
"""
from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field

import numpy as np

from . import optimizers
from .augment import augment_level
from .data import Dataset, split_indices
from .layers import Dropout
from .network import Network
from .training_config import Config, check_batch_size, check_weight_decay

# A loss this many times its first value counts as diverged: numerics are stable, so a
# huge learning rate gives astronomically large but finite losses rather than NaN.
EXPLODED = 1000.0


@dataclass
class Step:
    epoch: int            # 1-based
    step: int             # global step count, 1-based
    loss: float
    acc: float            # accuracy on this batch
    lr: float
    batch_size: int
    epoch_progress: float  # fraction of the current epoch done, (0, 1]


@dataclass
class Epoch:
    epoch: int
    step: int
    train_loss: float      # mean over the epoch's batches
    train_acc: float
    val_loss: float | None
    val_acc: float | None
    test_loss: float | None
    test_acc: float | None
    seconds: float         # training time of this epoch (evaluation excluded)
    samples_per_s: float


@dataclass
class Evaluating:
    """Progress of the evaluation at the end of an epoch."""

    epoch: int
    split: str             # "val" or "test"
    done: int
    total: int


@dataclass
class Diverged:
    epoch: int
    step: int
    where: str             # "layer 1 (dense)" or "the loss"
    message: str
    loss: float            # the batch loss that gave it away (may be inf or NaN)


@dataclass
class Done:
    reason: str            # "completed" or "diverged"
    epochs: int
    steps: int


@dataclass
class History:
    """Metric history: per step and per epoch, as plain lists."""

    steps: list[Step] = field(default_factory=list)
    epochs: list[Epoch] = field(default_factory=list)

    def as_dict(self) -> dict[str, list]:
        out = {"step_loss": [s.loss for s in self.steps], "step_acc": [s.acc for s in self.steps],
               "step_lr": [s.lr for s in self.steps]}
        for key in ("train_loss", "train_acc", "val_loss", "val_acc", "test_loss", "test_acc",
                    "seconds", "samples_per_s"):
            out[key] = [getattr(e, key) for e in self.epochs]
        return out


class Trainer:
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
        self.rng = np.random.default_rng(config.seed)
        self.net.rng = np.random.default_rng([config.seed, 1])  # dropout masks
        for layer in net.layers:
            layer.rng = self.net.rng
        train_idx, val_idx = split_indices(len(dataset.y_train), config.val_fraction, self.rng)
        if config.max_train is not None:
            train_idx = train_idx[:config.max_train]
        self.train_idx, self.val_idx = train_idx, val_idx
        self.optimizer = optimizers.make(config.optimizer, config.lr,
                                         **self._optimizer_args(config.optimizer))
        self.batch_size = config.batch_size
        self.net.weight_decay = check_weight_decay(config.weight_decay)
        self.history = History()
        self.epoch = 0
        self.step = 0
        self._good = net.flat_params.copy()
        self._recover_lr: float | None = None
        self._loss_limit: float | None = None

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

    def set_batch_size(self, b: int) -> None:
        self.batch_size = check_batch_size(b)

    def set_weight_decay(self, wd: float) -> None:
        self.net.weight_decay = check_weight_decay(wd)

    def set_dropout(self, rate: float) -> None:
        self.net.set_dropout(rate)

    def apply_setting(self, name: str, value):
        """Change one live setting of ``core.live_settings`` (learning rate, optimizer, batch
        size, weight decay, dropout) from the next step on; returns the value as applied.

        The value is checked against the setting's declaration: a ValueError names the
        setting and its range, and nothing changes.
        """
        from .live_settings import Target, get  # live_settings imports optimizers, not trainer
        setting = get(name)
        if setting.target is not Target.TRAINER:
            raise ValueError(f"{setting.label} ({name}) does not change a running trainer")
        value = setting.check(value)
        getattr(self, setting.setter)(value)
        return value

    # -- the run's state, for checkpoints ------------------------------------------------------
    def state_dict(self) -> tuple[dict, dict[str, np.ndarray]]:
        """Everything beyond the network's weights that continuing this run exactly needs.

        Returns JSON-able values (optimizer name, hyperparameters and step count, config,
        epoch, step, batch size, weight decay, dropout rates, random generator states, history)
        and arrays: the optimizer's state as ``"opt/<param>/<slot>"`` and, if they differ from
        the current weights, the last good weights as ``"good"``. Arrays are the live ones:
        copy them before training goes on.
        """
        net, opt = self.net, self.optimizer
        done = self.history.epochs[-1].epoch if self.history.epochs else 0
        values = {
            "optimizer": {"name": opt.name, "hyperparameters": opt.hyperparameters(), "t": opt.t},
            "config": asdict(self.config),
            "trainer": {"epoch": self.epoch, "step": self.step, "batch_size": self.batch_size,
                        "weight_decay": net.weight_decay, "epoch_complete": done == self.epoch,
                        "dropout": {str(i): layer.rate for i, layer in enumerate(net.layers)
                                    if isinstance(layer, Dropout)}},
            "rng": {"trainer": self.rng.bit_generator.state, "net": net.rng.bit_generator.state},
            "history": {"steps": [asdict(s) for s in self.history.steps],
                        "epochs": [asdict(e) for e in self.history.epochs]},
        }
        arrays = {f"opt/{k}": a for k, a in opt.state_arrays().items()}
        if not np.array_equal(self._good, net.flat_params):
            arrays["good"] = self._good
        return values, arrays

    def load_state_dict(self, values: dict, arrays: dict[str, np.ndarray]) -> None:
        """Restore a ``state_dict()`` onto this trainer (built with the same network, data and
        config). Every field is checked first: a ValueError names the bad one and nothing changes.
        Array shapes are the caller's to check (the checkpoint loader does, naming the file)."""
        o = values["optimizer"]
        hp = dict(o["hyperparameters"])
        opt = optimizers.make(o["name"], hp.pop("lr", None), **hp)
        t = o["t"]
        if isinstance(t, bool) or not isinstance(t, int) or t < 0:
            raise ValueError(f"optimizer step count {t!r}")
        tr = values["trainer"]
        for key in ("epoch", "step"):
            if isinstance(tr[key], bool) or not isinstance(tr[key], int) or tr[key] < 0:
                raise ValueError(f"{key} = {tr[key]!r}")
        batch_size = check_batch_size(tr["batch_size"])
        weight_decay = check_weight_decay(tr["weight_decay"])
        dropout = {int(i): float(r) for i, r in tr["dropout"].items()}
        layers = self.net.layers
        for i, r in dropout.items():
            if not (0 <= i < len(layers) and isinstance(layers[i], Dropout) and 0 <= r < 1):
                raise ValueError(f"dropout rate {r} for layer {i}")
        rngs = {}
        for which in ("trainer", "net"):
            rngs[which] = g = np.random.default_rng()
            try:
                g.bit_generator.state = values["rng"][which]
            except (TypeError, ValueError, KeyError) as e:
                raise ValueError(f"random generator state of the {which}: {e}") from None
        h = values["history"]
        history = History([Step(**s) for s in h["steps"]], [Epoch(**e) for e in h["epochs"]])

        opt.load_state_arrays({k[4:]: a for k, a in arrays.items() if k.startswith("opt/")}, t)
        self.optimizer = opt
        self.epoch, self.step = tr["epoch"], tr["step"]
        self.batch_size = batch_size
        self.net.weight_decay = weight_decay
        for i, r in dropout.items():
            layers[i].rate = r
        self.rng.bit_generator.state = rngs["trainer"].bit_generator.state
        self.net.rng.bit_generator.state = rngs["net"].bit_generator.state   # shared by the layers
        self.history = history
        good = arrays.get("good")
        self._good[...] = self.net.flat_params if good is None else good

    def recover(self, lr: float) -> None:
        """After a ``Diverged`` event: restore the last good weights and go on with ``lr``."""
        self._recover_lr = optimizers.check_learning_rate(lr)

    # -- evaluation ---------------------------------------------------------------------
    def evaluate(self, split: str, chunk: int = 500) -> tuple[float | None, float | None]:
        """(mean loss, accuracy) on "val", "test" or "train"; (None, None) if the split is empty."""
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
            correct += int((self.net.scores.argmax(axis=1) == y).sum())
            yield Evaluating(self.epoch, split, min(i + chunk, len(idx)), len(idx))
        return total_loss / len(idx), correct / len(idx)

    def _check_loss(self, loss: float) -> str | None:
        """Where training diverged, judging by this batch's loss, or None."""
        if not np.isfinite(loss):
            return self._check_params() or "the loss"
        if self._loss_limit is None:
            self._loss_limit = EXPLODED * max(loss, 1.0)
        elif loss > self._loss_limit:
            return self._check_params() or "the loss"
        return None

    def _check_params(self) -> str | None:
        name = self.net.first_nonfinite()
        return None if name is None else self.net.describe_layer(name)

    # -- the loop -------------------------------------------------------------------------
    def run(self):
        """Generator of Step / Evaluating / Epoch / Diverged events, ending with Done."""
        net, opt_params = self.net, {"all": self.net.flat_params}
        grads = {"all": self.net.flat_grads}
        while self.epoch < self.config.epochs:
            self.epoch += 1
            order = self.rng.permutation(self.train_idx)
            t0, seen, loss_sum, correct, i = time.perf_counter(), 0, 0.0, 0, 0
            while i < len(order):
                b = self.batch_size
                x, y = self.data.gather("train", order[i:i + b])
                if self.config.augment:
                    x = augment_level(x, self.rng, self.config.augment)
                i += len(y)
                self.step += 1
                loss = net.loss(x, y, training=True)
                bad = self._check_loss(loss)
                if bad is None:
                    net.backward()
                    self.optimizer.update(opt_params, grads)
                    # a non-finite weight shows up in the next loss; the full scan runs only
                    # before the last-good copy is refreshed (and at the end of an epoch)
                    if self.step % self.config.good_every == 0 or i >= len(order):
                        bad = self._check_params()
                        if bad is None:
                            self._good[...] = net.flat_params
                if bad is not None:
                    if bad != "the loss":
                        what = f"non-finite values in {bad}"
                    elif np.isfinite(loss):
                        what = f"the loss exploded to {loss:.3g}"
                    else:
                        what = "the loss is not a finite number"
                    yield Diverged(self.epoch, self.step, bad,
                                   f"training diverged at step {self.step}: {what}; "
                                   f"try a lower learning rate (now {self.lr:g})", float(loss))
                    if self._recover_lr is None:
                        yield Done("diverged", self.epoch, self.step)
                        return
                    net.flat_params[...] = self._good
                    name = self.optimizer.name
                    self.optimizer = optimizers.make(name, self._recover_lr, **self._optimizer_args(name))
                    self._recover_lr = None
                    continue
                acc = float((net.scores.argmax(axis=1) == y).mean())
                seen += len(y)
                loss_sum += loss * len(y)
                correct += acc * len(y)
                step = Step(self.epoch, self.step, float(loss), acc, self.lr, len(y), i / len(order))
                self.history.steps.append(step)
                yield step
            seconds = time.perf_counter() - t0
            val_loss, val_acc = yield from self._evaluate_iter("val")
            test_loss, test_acc = (yield from self._evaluate_iter("test")) \
                if self.config.evaluate_test else (None, None)
            ep = Epoch(self.epoch, self.step, loss_sum / max(seen, 1), correct / max(seen, 1),
                       val_loss, val_acc, test_loss, test_acc, seconds, seen / max(seconds, 1e-9))
            self.history.epochs.append(ep)
            if self.config.lr_decay != 1.0:
                self.optimizer.lr *= self.config.lr_decay
            yield ep
        yield Done("completed", self.epoch, self.step)
