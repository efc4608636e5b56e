"""Optimizers with the update rules of "Deep Learning from Scratch"
(``common/optimizer.py``), so learners can check numbers against the book.

Every optimizer has ``update(params, grads)``: both are dicts name -> array,
the parameters are updated **in place** (the arrays keep their identity), and
any state is kept per parameter name. The same classes train MNIST and draw
the 2-D trajectories of the optimizer lab.

Subnormal floats: for a parameter whose gradient stays exactly zero (a dead
ReLU unit) momentum-like state decays geometrically and, after ~800 steps,
into float32 subnormals, which make every following step 2–3× slower. Every
``flush_every`` updates the state is scanned and values below ``TINY`` are
set to zero — far below anything that could move a weight.

Speed: each rule is a handful of NumPy passes (the book's arithmetic, step by
step). Run over a whole parameter buffer, every pass would read and write
megabytes from memory; ``_in_pieces`` runs all of a rule's passes on one
cache-sized piece of the buffer before going on to the next (and, with more
than one thread, gives the pieces to several threads), with identical results.
There, SGD, Momentum and Adam take ``fast_updates``' versions of their rules,
which merge lines into BLAS's one-pass ``y ← a·x + b·y`` (equal up to rounding).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import blas, fast_updates, threads
from .translatable import QT_TRANSLATE_NOOP

TINY = 1e-30
# Elements per piece of a parameter buffer in ``_in_pieces``: the arrays of a piece (256 KB
# each) stay in the CPU's (L2) cache through all passes of an update rule, and a piece is
# long enough that the calls' own cost is small beside their work.
PIECE = 1 << 16


@dataclass(frozen=True)
class Hyperparameter:
    """A constructor argument of an optimizer besides the learning rate, as the GUI shows it."""

    name: str            # the keyword argument, e.g. "momentum"
    symbol: str          # as in the notes, e.g. "α"
    label: str           # display name (translatable, context "optimizers")
    default: float
    low: float           # the valid range, both ends included
    high: float
    help: str = ""       # translatable, context "optimizers"

    def check(self, value) -> float:
        try:
            value = float(value)
        except (TypeError, ValueError):
            raise ValueError(f"{self.name} must be a number, got {value!r}") from None
        if not (np.isfinite(value) and self.low <= value <= self.high):
            raise ValueError(f"{self.name} must be between {self.low:g} and {self.high:g}, got {value:g}")
        return value


class Optimizer:
    """Base class. Each subclass is an entry of :data:`OPTIMIZERS` and carries its metadata:

    ``label`` (display name), ``rule`` (the update rule as the notes write it), ``help``,
    ``default_lr`` (training a network), ``book_lr`` (the 2-D lab on x²/20 + y²), ``race_lr``
    (the optimizer race on MNIST), ``in_book`` (one of the book's four) and
    ``HYPERPARAMETERS`` (the other constructor arguments, with ranges).
    """

    name = ""
    label = ""
    rule = ""
    help = ""
    default_lr = 0.01
    book_lr = 0.1
    race_lr = 0.01
    in_book = False
    HYPERPARAMETERS: tuple[Hyperparameter, ...] = ()
    SLOTS: tuple[str, ...] = ()              # its state per parameter (a run file stores them)
    NONNEGATIVE_SLOTS: tuple[str, ...] = ()  # those that are sums or averages of squares
    flush_every = 100

    def __init__(self, lr: float = 0.01):
        self.lr = float(lr)
        self.t = 0                       # number of updates so far
        self.state: dict[str, dict[str, np.ndarray]] = {}
        self._scratch: dict[str, np.ndarray] = {}

    # -- the public API -------------------------------------------------------
    def update(self, params: dict[str, np.ndarray], grads: dict[str, np.ndarray]) -> None:
        """Apply one step to every array in ``params`` in place."""
        self.t += 1
        for key, p in params.items():
            self._step(key, p, grads[key])
        if self.t % self.flush_every == 0:
            self.flush_subnormals()

    def flush_subnormals(self) -> None:
        for slots in self.state.values():
            for s in slots.values():
                if s.dtype == np.float32:
                    s[np.abs(s) < TINY] = 0

    def state_arrays(self) -> dict[str, np.ndarray]:
        """Optimizer state flattened to ``"<param>/<slot>" -> array`` (for checkpoints)."""
        return {f"{k}/{slot}": a for k, slots in self.state.items() for slot, a in slots.items()}

    def load_state_arrays(self, arrays: dict[str, np.ndarray], t: int) -> None:
        self.state = {}
        for name, a in arrays.items():
            key, slot = name.rsplit("/", 1)
            self.state.setdefault(key, {})[slot] = np.array(a)
        self.t = int(t)

    def hyperparameters(self) -> dict[str, float]:
        return {"lr": self.lr}

    def __repr__(self) -> str:
        hp = ", ".join(f"{k}={v:g}" for k, v in self.hyperparameters().items())
        return f"{type(self).__name__}({hp})"

    # -- helpers ----------------------------------------------------------------
    def _slot(self, key: str, slot: str, like: np.ndarray) -> np.ndarray:
        slots = self.state.setdefault(key, {})
        if slot not in slots:
            slots[slot] = np.zeros_like(like)
        return slots[slot]

    def _tmp(self, key: str, shape: tuple[int, ...], dtype) -> np.ndarray:
        t = self._scratch.get(key)
        if t is None or t.shape != shape or t.dtype != dtype:
            t = self._scratch[key] = np.empty(shape, dtype)
        return t

    def _in_pieces(self, key: str, rule, p: np.ndarray, g: np.ndarray, *state: np.ndarray,
                   fast=None) -> None:
        """``rule(p, g, *state, tmp)`` for arrays of one shape (``tmp`` a scratch array), run
        in pieces of equal length, at most ``PIECE`` (split over the threads), which is the same
        element by element. ``p`` and ``state`` are written in place, so they are cut into
        pieces only when contiguous, else the rule runs on them whole. Each thread has one
        piece-long ``tmp``, which stays in its cache.
        ``fast``, the same rule in fewer passes (``fast_updates``), then replaces ``rule``
        if BLAS can run it on these arrays."""
        if p.size <= PIECE or not all(a.flags.c_contiguous for a in (p,) + state):
            rule(p, g, *state, self._tmp(key, p.shape, p.dtype))
            return
        flat = [a.reshape(-1) for a in (p, g) + state]
        fast = fast if fast is not None and fast_updates.available(*flat) else None
        bases = [blas.address(a) for a in flat] if fast else []
        count = -(-p.size // PIECE)
        size = -(-p.size // (16 * count)) * 16      # equal shares for the threads, 64-byte aligned

        def run(span):
            tmp = self._tmp(f"piece {span.start}", (PIECE,), p.dtype)
            tmp_at = [blas.address(tmp)] if fast else []
            for i in range(span.start, span.stop):
                pieces = [a[i * size:(i + 1) * size] for a in flat]
                if fast:
                    fast(*pieces, tmp[:len(pieces[0])], [b + i * size * p.itemsize for b in bases] + tmp_at)
                else:
                    rule(*pieces, tmp[:len(pieces[0])])
        threads.split(count, run, work=p.size)

    def _step(self, key, p, g):
        raise NotImplementedError


class SGD(Optimizer):
    """p ← p − lr·g"""

    name = "sgd"
    label = QT_TRANSLATE_NOOP("optimizers", "SGD")
    rule = "W ← W − η ∂L/∂W"
    help = QT_TRANSLATE_NOOP("optimizers", "Stochastic gradient descent: a step against the gradient "
                             "of the mini-batch, of size learning rate η times the gradient.")
    default_lr = 0.1
    book_lr = 0.95
    race_lr = 0.01
    in_book = True

    def _step(self, key, p, g):
        self._in_pieces(key, self._rule, p, g, fast=self._fast)

    def _rule(self, p, g, tmp):
        np.multiply(g, self.lr, out=tmp)
        p -= tmp

    def _fast(self, p, g, tmp, at):
        fast_updates.sgd(p, g, tmp, at, self.lr)


class Momentum(Optimizer):
    """v ← momentum·v − lr·g;  p ← p + v"""

    name = "momentum"
    label = QT_TRANSLATE_NOOP("optimizers", "Momentum")
    rule = "v ← αv − η ∂L/∂W;  W ← W + v"
    help = QT_TRANSLATE_NOOP("optimizers", "Gradient descent with a velocity v: steps in a steady "
                             "direction add up, zig-zags across a narrow valley cancel out.")
    default_lr = 0.01
    book_lr = 0.1
    race_lr = 0.01
    in_book = True
    HYPERPARAMETERS = (Hyperparameter(
        "momentum", "α", QT_TRANSLATE_NOOP("optimizers", "Momentum α"), 0.9, 0.0, 0.999,
        QT_TRANSLATE_NOOP("optimizers", "How much of the last velocity is kept at each step: "
                          "0.9 averages the gradients over roughly the last 10 steps.")),)
    SLOTS = ("v",)

    def __init__(self, lr: float = 0.01, momentum: float = 0.9):
        super().__init__(lr)
        self.momentum = self.HYPERPARAMETERS[0].check(momentum)

    def _step(self, key, p, g):
        self._in_pieces(key, self._rule, p, g, self._slot(key, "v", p), fast=self._fast)

    def _rule(self, p, g, v, tmp):
        v *= self.momentum
        np.multiply(g, self.lr, out=tmp)
        v -= tmp
        p += v

    def _fast(self, p, g, v, tmp, at):
        fast_updates.momentum(p, g, v, tmp, at, self.lr, self.momentum)

    def hyperparameters(self):
        return {"lr": self.lr, "momentum": self.momentum}


class Nesterov(Momentum):
    """The book's Nesterov form: v ← m·v − lr·g;  p ← p + m²·v − (1 + m)·lr·g"""

    name = "nesterov"
    label = QT_TRANSLATE_NOOP("optimizers", "Nesterov")
    rule = "v ← αv − η ∂L/∂W;  W ← W + α²v − (1 + α) η ∂L/∂W"
    help = QT_TRANSLATE_NOOP("optimizers", "Momentum that looks ahead: the gradient is taken where "
                             "the velocity is about to carry the weights, so it overshoots less.")
    in_book = False
    _fast = None                    # its own rule, with no merged version

    def _rule(self, p, g, v, tmp):
        m = self.momentum
        v *= m
        np.multiply(g, self.lr, out=tmp)
        v -= tmp
        np.multiply(v, m * m, out=tmp)
        p += tmp
        np.multiply(g, (1 + m) * self.lr, out=tmp)
        p -= tmp


class AdaGrad(Optimizer):
    """h ← h + g²;  p ← p − lr·g / (√h + 1e-7)"""

    name = "adagrad"
    label = QT_TRANSLATE_NOOP("optimizers", "AdaGrad")
    rule = "h ← h + ∂L/∂W ⊙ ∂L/∂W;  W ← W − η ∂L/∂W / (√h + ε)"
    help = QT_TRANSLATE_NOOP("optimizers", "An adaptive learning rate per weight: weights that have "
                             "moved a lot take smaller steps. The steps keep shrinking.")
    default_lr = 0.01
    book_lr = 1.5
    race_lr = 0.01
    in_book = True
    SLOTS = NONNEGATIVE_SLOTS = ("h",)

    def _step(self, key, p, g):
        self._in_pieces(key, self._rule, p, g, self._slot(key, "h", p))

    def _rule(self, p, g, h, tmp):
        np.multiply(g, g, out=tmp)
        h += tmp
        np.sqrt(h, out=tmp)
        tmp += 1e-7
        np.divide(g, tmp, out=tmp)
        tmp *= self.lr
        p -= tmp


class RMSProp(Optimizer):
    """h ← ρ·h + (1 − ρ)·g²;  p ← p − lr·g / (√h + 1e-7)   (ρ = decay_rate)"""

    name = "rmsprop"
    label = QT_TRANSLATE_NOOP("optimizers", "RMSProp")
    rule = "h ← ρh + (1 − ρ) ∂L/∂W ⊙ ∂L/∂W;  W ← W − η ∂L/∂W / (√h + ε)"
    help = QT_TRANSLATE_NOOP("optimizers", "AdaGrad that forgets: h is a moving average of squared "
                             "gradients, so the steps do not shrink to nothing.")
    default_lr = 0.001
    # ρ = 0.99 makes its first steps about 10·lr long: a rate that reaches the book's minimum in
    # 30 steps without jumping past the plot
    book_lr = 0.15
    race_lr = 0.001
    in_book = False
    HYPERPARAMETERS = (Hyperparameter(
        "decay_rate", "ρ", QT_TRANSLATE_NOOP("optimizers", "Decay rate ρ"), 0.99, 0.0, 0.9999,
        QT_TRANSLATE_NOOP("optimizers", "How slowly the average of squared gradients forgets: "
                          "0.99 averages over roughly the last 100 steps.")),)
    SLOTS = NONNEGATIVE_SLOTS = ("h",)

    def __init__(self, lr: float = 0.01, decay_rate: float = 0.99):
        super().__init__(lr)
        self.decay_rate = self.HYPERPARAMETERS[0].check(decay_rate)

    def _step(self, key, p, g):
        self._in_pieces(key, self._rule, p, g, self._slot(key, "h", p))

    def _rule(self, p, g, h, tmp):
        h *= self.decay_rate
        np.multiply(g, g, out=tmp)
        tmp *= 1 - self.decay_rate
        h += tmp
        np.sqrt(h, out=tmp)
        tmp += 1e-7
        np.divide(g, tmp, out=tmp)
        tmp *= self.lr
        p -= tmp

    def hyperparameters(self):
        return {"lr": self.lr, "decay_rate": self.decay_rate}


class Adam(Optimizer):
    """The book's Adam: lr_t = lr·√(1 − β2ᵗ)/(1 − β1ᵗ);
    m ← m + (1 − β1)(g − m);  v ← v + (1 − β2)(g² − v);  p ← p − lr_t·m / (√v + 1e-7)"""

    name = "adam"
    label = QT_TRANSLATE_NOOP("optimizers", "Adam")
    rule = ("m ← m + (1 − β₁)(∂L/∂W − m);  v ← v + (1 − β₂)(∂L/∂W ⊙ ∂L/∂W − v);  "
            "W ← W − η √(1 − β₂ᵗ)/(1 − β₁ᵗ) · m / (√v + ε)")
    help = QT_TRANSLATE_NOOP("optimizers", "Momentum and RMSProp together, with a correction for "
                             "the first steps (bias correction): a good default.")
    default_lr = 0.001
    book_lr = 0.3
    race_lr = 0.001
    in_book = True
    HYPERPARAMETERS = (
        Hyperparameter("beta1", "β₁", QT_TRANSLATE_NOOP("optimizers", "Adam β₁"), 0.9, 0.0, 0.9999,
                       QT_TRANSLATE_NOOP("optimizers", "β₁: how much of the average gradient m (the "
                                         "momentum part) is kept at each step.")),
        Hyperparameter("beta2", "β₂", QT_TRANSLATE_NOOP("optimizers", "Adam β₂"), 0.999,
                       0.0, 0.99999,
                       QT_TRANSLATE_NOOP("optimizers", "β₂: how much of the average squared gradient "
                                         "v (the RMSProp part) is kept at each step.")),
    )
    SLOTS = ("m", "v")
    NONNEGATIVE_SLOTS = ("v",)

    def __init__(self, lr: float = 0.001, beta1: float = 0.9, beta2: float = 0.999):
        super().__init__(lr)
        self.beta1 = self.HYPERPARAMETERS[0].check(beta1)
        self.beta2 = self.HYPERPARAMETERS[1].check(beta2)

    def update(self, params, grads):
        # lr_t depends on the step count, which the base class advances
        t = self.t + 1
        # a Python float, so the float32 update runs in float32
        self._lr_t = float(self.lr * np.sqrt(1.0 - self.beta2 ** t) / (1.0 - self.beta1 ** t))
        super().update(params, grads)

    def _step(self, key, p, g):
        self._in_pieces(key, self._rule, p, g, self._slot(key, "m", p), self._slot(key, "v", p),
                        fast=self._fast)

    def _rule(self, p, g, m, v, tmp):
        np.subtract(g, m, out=tmp)
        tmp *= 1 - self.beta1
        m += tmp
        np.multiply(g, g, out=tmp)
        tmp -= v
        tmp *= 1 - self.beta2
        v += tmp
        np.sqrt(v, out=tmp)
        tmp += 1e-7
        np.divide(m, tmp, out=tmp)
        tmp *= self._lr_t
        p -= tmp

    def _fast(self, p, g, m, v, tmp, at):
        fast_updates.adam(p, g, m, v, tmp, at, self.beta1, self.beta2, self._lr_t)

    def hyperparameters(self):
        return {"lr": self.lr, "beta1": self.beta1, "beta2": self.beta2}


# The registry: everything else (GUI, CLI, 2-D lab, race, tests) enumerates it, in this order.
OPTIMIZERS: dict[str, type[Optimizer]] = {
    cls.name: cls for cls in (SGD, Momentum, Nesterov, AdaGrad, RMSProp, Adam)
}


def make(name: str, lr: float | None = None, **kwargs) -> Optimizer:
    """An optimizer by name, with the learning rate checked."""
    cls = OPTIMIZERS.get(name)
    if cls is None:
        raise ValueError(f"unknown optimizer {name!r}; choose one of {', '.join(OPTIMIZERS)}")
    lr = cls.default_lr if lr is None else lr
    check_learning_rate(lr)
    return cls(lr=lr, **kwargs)


def check_learning_rate(lr) -> float:
    try:
        lr = float(lr)
    except (TypeError, ValueError):
        raise ValueError(f"learning rate must be a number, got {lr!r}") from None
    if not np.isfinite(lr) or lr <= 0:
        raise ValueError(f"learning rate must be a positive finite number, got {lr}")
    if lr > 1e6:
        raise ValueError(f"learning rate {lr:g} is absurdly large (limit 1e6)")
    return lr
