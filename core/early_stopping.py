"""Early stopping on the validation loss: remember the best epoch and its weights.

The epoch with the lowest validation loss so far is the best one; a copy of the weights at its
end is kept (one copy of the flat parameter vector, refreshed only when an epoch improves).
With a ``patience`` of *p* epochs, a run whose validation loss has not improved for *p* epochs
in a row ends (``Done("early_stopped")``); ``Trainer.restore_best()`` puts the kept weights back.
"""
from __future__ import annotations

import math

import numpy as np


class BestEpoch:
    """The epoch with the lowest validation loss seen so far and its weights."""

    def __init__(self):
        self.epoch: int | None = None
        self.val_loss: float | None = None
        self.params: np.ndarray | None = None

    def update(self, epoch: int, val_loss: float | None, params: np.ndarray) -> bool:
        """Note an epoch's validation loss (None: no validation set); True if it is the best."""
        if val_loss is None or not math.isfinite(val_loss):
            return False
        if self.val_loss is not None and not val_loss < self.val_loss:
            return False
        self.epoch, self.val_loss = epoch, float(val_loss)
        if self.params is None:
            self.params = params.copy()
        else:
            self.params[...] = params
        return True

    def patience_ran_out(self, epoch: int, patience: int | None) -> bool:
        """The validation loss has not improved for ``patience`` epochs up to ``epoch``."""
        return patience is not None and self.epoch is not None and epoch - self.epoch >= patience
