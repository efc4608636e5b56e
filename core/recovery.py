"""The last weights known to be good, for recovering from a divergence — and when to give up.

Finite weights are not necessarily good ones: at a huge learning rate the weights stay finite
long after the loss has exploded, so restoring "the last finite weights" can restore a network
that diverges again at once, whatever the learning rate. Weights are therefore kept in two steps:

1. after an update the trainer *offers* a copy of the weights (every ``good_every`` updates,
   and at the end of an epoch) — a candidate;
2. the next batch's loss, computed with exactly those weights before they are updated again,
   *judges* the candidate: it becomes the last good copy only if that loss is finite and at
   most :data:`GOOD_LOSS_FACTOR` times the run's first loss (the loss of the initial weights,
   which are good by definition). Weights that do worse than the untrained network are not
   worth going back to.

Each recovery (restore the last good copy, go on with a new learning rate) counts as a try;
a candidate judged good after a recovery is real progress and clears the count. After
:data:`MAX_FAILED_RECOVERIES` tries without progress the trainer stops offering recovery:
halving the learning rate again will not help, the weights, the learning rate's order of
magnitude or the optimizer must change.
"""
from __future__ import annotations

import math

import numpy as np

GOOD_LOSS_FACTOR = 1.5        # a candidate is good if the next loss ≤ this × the run's first loss
MAX_FAILED_RECOVERIES = 3     # recoveries without progress before the trainer gives up


class LastGood:
    """The last good copy of a flat parameter vector, a candidate waiting to be judged and the
    recoveries tried since the last progress."""

    def __init__(self, params: np.ndarray):
        self.good = params.copy()
        self._candidate = np.empty_like(params)
        self._pending = False
        self.failed = 0                       # recoveries since a candidate was last judged good

    def offer(self, params: np.ndarray) -> None:
        """Keep a copy of ``params`` (just updated, all finite) as the candidate."""
        self._candidate[...] = params
        self._pending = True

    def judge(self, loss: float, first_loss: float) -> bool:
        """The loss of the batch after the candidate was offered, computed with the candidate's
        weights: promote it to the good copy if the loss is finite and at most
        ``GOOD_LOSS_FACTOR × first_loss``; either way the candidate is used up. True if promoted."""
        if not self._pending:
            return False
        self._pending = False
        if not (math.isfinite(loss) and loss <= GOOD_LOSS_FACTOR * first_loss):
            return False
        self.good, self._candidate = self._candidate, self.good
        self.failed = 0
        return True

    def drop(self) -> None:
        """Forget the candidate (the weights it was taken from turned out bad)."""
        self._pending = False

    @property
    def gave_up(self) -> bool:
        """So many recoveries failed that another one would not help."""
        return self.failed >= MAX_FAILED_RECOVERIES

    def restore(self, params: np.ndarray, count: bool = True) -> None:
        """Put the good copy back into ``params``; ``count``: this is a recovery try."""
        params[...] = self.good
        self._pending = False
        if count:
            self.failed += 1
