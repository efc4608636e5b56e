"""What a training run is asked to do (``Config``) and the checks on the settings that may
also change while it runs (batch size, weight decay). Plain data: no network, no data set."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import optimizers
from .augment import LEVELS as AUGMENT_LEVELS


@dataclass
class Config:
    epochs: int = 5
    batch_size: int = 128
    optimizer: str = "adam"
    lr: float | None = None          # None: the optimizer's default
    optimizer_args: dict = field(default_factory=dict)   # hyperparameters such as momentum, beta1
    weight_decay: float = 0.0
    lr_decay: float = 1.0            # learning rate × this after every epoch
    val_fraction: float = 0.1
    seed: int = 0
    max_train: int | None = None     # use only the first N training samples (after shuffling)
    max_eval: int | None = None      # evaluate on at most N validation/test samples
    evaluate_test: bool = True
    good_every: int = 10
    augment: str | None = None       # "light": perturb each training batch (core.augment)
    patience: int | None = None      # early stopping: end after this many epochs without a
                                     # better validation loss (None: off; core.early_stopping)

    def check(self) -> None:
        e = self.epochs
        if isinstance(e, bool) or not isinstance(e, int) or not 1 <= e <= 10_000:
            raise ValueError(f"epochs must be a whole number from 1 to 10000, got {self.epochs!r}")
        check_batch_size(self.batch_size)
        check_weight_decay(self.weight_decay)
        if not 0 < self.lr_decay <= 1:
            raise ValueError(f"learning-rate decay must be in (0, 1], got {self.lr_decay}")
        if not 0 <= self.val_fraction <= 0.9:
            raise ValueError(f"validation fraction must be in [0, 0.9], got {self.val_fraction}")
        if not isinstance(self.optimizer_args, dict):
            raise ValueError(f"optimizer arguments must be a mapping, got {self.optimizer_args!r}")
        known = {h.name: h for cls in optimizers.OPTIMIZERS.values() for h in cls.HYPERPARAMETERS}
        for name, value in self.optimizer_args.items():
            if name not in known:
                raise ValueError(f"unknown optimizer hyperparameter {name!r}; known: {', '.join(known)}")
            known[name].check(value)
        _check_whole("good_every", self.good_every, 1, "how often (in steps) the weights are "
                     "checked and kept as the last good copy")
        for name in ("max_train", "max_eval"):
            if getattr(self, name) is not None:
                _check_whole(name, getattr(self, name), 1, "at most this many samples", none=True)
        _check_whole("seed", self.seed, 0, "the random seed", high=MAX_SEED)
        if self.patience is not None:
            _check_whole("patience", self.patience, 1, "epochs without a better validation loss "
                         "before early stopping", high=10_000, none=True)
        if self.augment is not None and self.augment not in AUGMENT_LEVELS:
            raise ValueError(f"augmentation must be None or one of {', '.join(AUGMENT_LEVELS)}, "
                             f"got {self.augment!r}")


MAX_SEED = 2**64 - 1          # NumPy's generators take any whole number ≥ 0; run files store up to this


def _check_whole(name: str, v, low: int, what: str, high: int | None = None, none: bool = False) -> None:
    """ValueError naming the field unless ``v`` is a whole number from ``low`` (to ``high``)."""
    if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < low \
            or (high is not None and v > high):
        rng = f"from {low} to {high}" if high is not None else f"{low} or more"
        also = " or None" if none else ""
        raise ValueError(f"{name} ({what}) must be a whole number {rng}{also}, got {v!r}")


def check_batch_size(b) -> int:
    if isinstance(b, bool) or not isinstance(b, (int, np.integer)) or not 1 <= b <= 65536:
        raise ValueError(f"batch size must be a whole number from 1 to 65536, got {b!r}")
    return int(b)


def check_weight_decay(wd) -> float:
    if not isinstance(wd, (int, float)) or not np.isfinite(wd) or not 0 <= wd <= 10:
        raise ValueError(f"weight decay (L2) must be a number in [0, 10], got {wd!r}")
    return float(wd)
