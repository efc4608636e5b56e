"""What the trainer checks around every batch, and the ``Diverged`` event it yields.

A run has diverged when the loss or a weight turns non-finite, when the loss explodes to
:data:`EXPLODED` times the run's first loss (numerics are stable, so a huge learning rate gives
astronomically large but finite losses rather than NaN), or when every layer's gradient has
vanished while the loss is no better than at the start (``core.divergence``: a bounded loss such
as mean squared error saturates instead of exploding). Weights offered as good are judged by the
next batch's loss (``core.recovery``). ``DivergenceChecks`` is a part of ``core.trainer.Trainer``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import optimizers
from .run_history import Mark

# A loss this many times its first value counts as diverged: numerics are stable, so a
# huge learning rate gives astronomically large but finite losses rather than NaN.
EXPLODED = 1000.0
VANISHED = "every layer"     # Diverged.where when every gradient vanished (cause "vanished")
VANISHED_CHECKS = 2          # ... at this many gradient checks in a row (good_every steps apart)


@dataclass
class Diverged:
    epoch: int
    step: int
    where: str             # "layer 1 (dense)" or "the loss"
    message: str
    loss: float            # the batch loss that gave it away (may be inf or NaN)
    # "nonfinite" (weights of ``where``), "gradient" (of ``where``), "loss", or "vanished"
    # (``where`` is "every layer": all gradients ~0 and the loss no better than at the start)
    cause: str = "loss"
    grad_norm: float | None = None     # cause "gradient": the layer's gradient norm ...
    grad_growth: float | None = None   # ... and how many times its size at the first step
                                       # ("vanished": the largest norm and largest such ratio)
    gave_up: bool = False  # recovery gave up: recover() is ignored, the run ends with Done("diverged")
    recoveries: int = 0    # recoveries tried since the last progress, before this divergence




class DivergenceChecks:
    """Divergence checks and recovery of ``core.trainer.Trainer`` (its ``net``, ``optimizer``,
    ``history``, ``_watch``, ``_last_good``, ``_first_loss``, ``_since_offer``)."""

    @property
    def _good(self) -> np.ndarray:
        """The last weights known to be good (``core.recovery``; the run file stores them)."""
        return self._last_good.good

    def _restore_good(self, lr: float, count: bool = True) -> None:
        """Back to the last good weights with a fresh optimizer (its state had diverged too);
        ``count``: a recovery try (not when a new ``run()`` starts after a divergence)."""
        self._last_good.restore(self.net.flat_params, count)
        self._watch.reset()
        self._since_offer = 0
        name = self.optimizer.name
        self.optimizer = optimizers.make(name, lr, **self._optimizer_args(name))
        self._diverged = False
        self.history.marks.append(Mark(self.step + 1, "lr", float(lr)))

    # -- divergence -------------------------------------------------------------------------
    def _check_loss(self, loss: float) -> str | None:
        """Where training diverged, judging by this batch's loss, or None."""
        if not np.isfinite(loss):
            return self._check_params() or "the loss"
        if self._first_loss is None:          # the run's first loss (a loaded run: its history's)
            h = self.history
            self._first_loss = float(h.step_columns()["loss"][0]) if h.n_steps else float(loss)
        if loss > EXPLODED * max(self._first_loss, 1.0):
            return self._check_params() or "the loss"
        return None

    def _offer_weights(self, loss: float) -> str | None:
        """After an update, every ``good_every`` updates and at the end of an epoch: note the
        gradient norms and scan the weights; all finite, they are the candidate for the last
        good copy, judged by the next batch's loss. Returns where the weights are bad, or None:
        also ``VANISHED`` when every gradient has vanished at two checks in a row while the loss
        (``loss``, this batch's) is no better than the first one — saturated outputs, the
        divergence of a bounded loss such as mean squared error, which never explodes."""
        self._since_offer = 0
        self._watch.check()
        if self._watch.vanished >= VANISHED_CHECKS and loss >= self._first_loss:
            return VANISHED
        bad = self._check_params()
        if bad is None:
            self._last_good.offer(self.net.flat_params)
        return bad

    def _check_params(self) -> str | None:
        name = self.net.first_nonfinite()
        return None if name is None else self.net.describe_layer(name)

    def _diverged_event(self, bad: str, loss: float, gave_up: bool = False) -> Diverged:
        """The Diverged event for a batch whose loss (or weights) gave it away. If every weight
        is finite, the gradients of this batch say which layer's gradient exploded."""
        cause, norm, growth = ("loss" if bad == "the loss" else "nonfinite"), None, None
        blamed = None if bad == VANISHED else self._watch.blame()   # the last update's gradients
        if blamed is None and cause == "loss":
            with np.errstate(all="ignore"):
                self.net.backward()                   # the bad batch's gradients, once
            blamed = self._watch.blame(at_least=0.0)
        if blamed is not None:
            layer, norm, growth = blamed
            bad, cause = f"layer {layer} ({self.net.layers[layer].kind})", "gradient"
        if bad == VANISHED:
            cause, (norm, growth) = "vanished", self._watch.last
            what = (f"every layer's gradient vanished (at most {growth:.2g} times its size at the "
                    f"start) while the loss stayed at {loss:.3g}, no better than at the start "
                    f"({self._first_loss:.3g}): the outputs saturated")
        elif cause == "nonfinite":
            what = f"non-finite values in {bad}"
        elif cause == "gradient":
            what = f"the gradient of {bad} exploded ({growth:.3g} times its size at the start)"
        elif np.isfinite(loss):
            what = f"the loss exploded to {loss:.3g}"
        else:
            what = "the loss is not a finite number"
        tries = self._last_good.failed
        if gave_up:
            advice = (f"recovery gave up after {tries} tries without progress: reset the weights, "
                      f"or start again with a much lower learning rate (now {self.lr:g}) "
                      f"or another optimizer")
        else:
            advice = f"try a lower learning rate (now {self.lr:g})"
        message = f"training diverged at step {self.step}: {what}; {advice}"
        return Diverged(self.epoch, self.step, bad, message, float(loss), cause, norm, growth, gave_up, tries)
