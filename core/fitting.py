"""Fitting a function (regression, 回归): a network with an identity output (恒等函数) and the
squared error learns y = f(x) from noisy samples. Qt-free.

The output is y(x) = Σⱼ wⱼ aⱼ(x) + b over the last hidden layer's units aⱼ: a sum of bent
pieces, one per unit (:func:`contributions`) — why a network with enough units can approximate
any continuous function. :class:`FunctionFit` is the function-fitting panel's engine (trained a
slice at a time in the panel's worker thread, drawn from :class:`FitFrame` copies).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

import numpy as np

from . import optimizers, toy_data
from .layers import Dense
from .network import Network
from .playground import spec_for

CURVE_POINTS = 200        # the fitted curve is drawn on this many x values …
CURVE_EXTENT = 1.2        # … over [-CURVE_EXTENT, CURVE_EXTENT]
MAX_EPOCHS = 100_000


@dataclass(frozen=True)
class FitRecipe:
    hidden: tuple[int, ...] = (8,)
    activation: str = "tanh"
    lr: float = 0.005          # small steps: Adam at 0.02 fits as well but its test MSE jumps now and then
    batch_size: int = 32
    optimizer: str = "adam"
    epochs: int = 1500         # enough for the default data (sin, 200 points, noise 0.1)


def fit_spec(hidden, activation: str, n_outputs: int = 1) -> dict:
    """1 → hidden … → n_outputs with an identity output and the squared error."""
    return spec_for(1, hidden, activation, n_outputs, loss="squared_error")


def mse(net: Network, x: np.ndarray, t: np.ndarray) -> float:
    """Mean squared error mean((y − t)²) of the network's outputs — without the loss's ½, so
    that a perfect fit of noisy targets scores the noise variance σ²."""
    y = net.forward(x).astype(np.float64)
    return float(np.mean((y - np.asarray(t, dtype=np.float64).reshape(y.shape)) ** 2))


def contributions(net: Network, x: np.ndarray) -> tuple[np.ndarray, float]:
    """Each last-hidden unit's share wⱼ aⱼ(x) of the (single) output, ``(n, units)``, and the
    output bias b: their row sums plus b are the network's outputs."""
    if len(net.layers) < 2 or not isinstance(net.layers[-1], Dense) or net.n_classes != 1:
        raise ValueError("contributions need a hidden layer and a single output")
    record: list[np.ndarray] = []
    net.forward(x, record=record)
    w, b = net.parameters()[f"{len(net.layers) - 1}.W"], net.parameters()[f"{len(net.layers) - 1}.b"]
    return record[-2] * w[:, 0], float(b[0])


class Fitter:
    """Mini-batch training of ``net`` on inputs ``x`` (n, k) and real targets ``t`` (n, m)."""

    def __init__(self, net: Network, x: np.ndarray, t: np.ndarray, optimizer: str = "adam",
                 lr: float = 0.01, batch_size: int = 16, seed: int = 0):
        if not net.loss_fn.regression:
            raise ValueError(f"fitting needs a regression loss, not {net.loss_fn.name}")
        self.net, self.x, self.t = net, np.asarray(x, np.float32), np.asarray(t, np.float32)
        self.opt = optimizers.make(optimizer, lr)
        self.batch_size = int(batch_size)
        self.rng = np.random.default_rng(seed)
        self.epoch = self.step = 0

    def run_epoch(self) -> float:
        """One pass in shuffled mini-batches: the mean batch loss (NaN or inf if it diverged)."""
        order = self.rng.permutation(len(self.t))
        params, grads = {"all": self.net.flat_params}, {"all": self.net.flat_grads}
        total = 0.0
        for i in range(0, len(order), self.batch_size):
            idx = order[i:i + self.batch_size]
            loss = self.net.loss(self.x[idx], self.t[idx])
            if not np.isfinite(loss) or loss > 1e6:
                return float("inf")
            self.net.backward()
            self.opt.update(params, grads)
            self.step += 1
            total += loss * len(idx)
        self.epoch += 1
        return total / len(order)


@dataclass
class FitFrame:
    spec: dict
    params: dict[str, np.ndarray]
    epoch: int
    xs: np.ndarray                 # (CURVE_POINTS,)
    curve: np.ndarray              # (CURVE_POINTS,) the network's y(x)
    parts: np.ndarray              # (CURVE_POINTS, units) wⱼ aⱼ(x) of the last hidden layer
    bias: float
    history: np.ndarray            # (epochs, 3): epoch, train MSE, test MSE
    diverged: bool = False


@dataclass
class FunctionFit:
    """Noisy samples of a function, a network and its fitter; every change takes effect at once."""

    data: toy_data.FunctionData
    recipe: FitRecipe = field(default_factory=FitRecipe)
    seed: int = 0

    def __post_init__(self):
        self.xs = np.linspace(-CURVE_EXTENT, CURVE_EXTENT, CURVE_POINTS, dtype=np.float32)
        self.rebuild()

    def rebuild(self, **changes) -> None:
        self.recipe = r = replace(self.recipe, **changes)
        self.net = Network.from_spec(fit_spec(r.hidden, r.activation), rng=np.random.default_rng(self.seed))
        self.fitter = Fitter(self.net, self.data.x_train, self.data.y_train, r.optimizer, r.lr,
                             r.batch_size, self.seed)
        self.history: list[tuple[float, float, float]] = []
        self.diverged = False

    def set_data(self, data: toy_data.FunctionData) -> None:
        self.data = data
        self.rebuild()

    def reset(self, seed: int | None = None) -> None:
        if seed is not None:
            self.seed = int(seed)
        self.rebuild()

    def set_lr(self, lr: float) -> None:
        self.fitter.opt.lr = optimizers.check_learning_rate(lr)
        self.recipe = replace(self.recipe, lr=float(lr))

    @property
    def trainable(self) -> bool:
        return not self.diverged and self.fitter.epoch < MAX_EPOCHS

    def train(self, seconds: float | None = None, epochs: int | None = None) -> None:
        end = None if seconds is None else time.perf_counter() + seconds
        left = epochs
        while self.trainable and (left is None or left > 0):
            if not np.isfinite(self.fitter.run_epoch()):
                self.diverged = True
                break
            d = self.data
            self.history.append((self.fitter.epoch, mse(self.net, d.x_train, d.y_train),
                                 mse(self.net, d.x_test, d.y_test)))
            left = None if left is None else left - 1
            if end is not None and time.perf_counter() >= end:
                break

    def test_mse(self) -> float:
        return mse(self.net, self.data.x_test, self.data.y_test)

    def frame(self, pictures: bool = True) -> FitFrame:
        x = self.xs[:, None]
        curve = self.net.forward(x)[:, 0].copy()
        if pictures and self.recipe.hidden:
            parts, bias = contributions(self.net, x)
        else:
            parts, bias = np.zeros((len(x), 0), np.float32), 0.0
        return FitFrame(self.net.spec, self.net.snapshot(), self.fitter.epoch, self.xs.copy(), curve,
                        parts.copy(), bias, np.array(self.history, dtype=np.float64).reshape(-1, 3),
                        self.diverged)


def train_xor_221(seed: int = 0, epochs: int = 2000, lr: float = 0.03) -> tuple[Network, float]:
    """A 2-2-1 network (tanh hidden units, identity output, squared error) trained by
    gradient descent on the XOR truth table: (network, its accuracy on the four corners)."""
    gate = toy_data.make_gate("xor")
    x, t = gate.x_train, gate.y_train.astype(np.float32)[:, None]
    net = Network.from_spec(spec_for(2, (2,), "tanh", 1, loss="squared_error"),
                            rng=np.random.default_rng(seed))
    fitter = Fitter(net, x, t, "adam", lr, batch_size=4, seed=seed)
    for _ in range(epochs):
        fitter.run_epoch()
    return net, float(np.mean((net.forward(x)[:, 0] > 0.5) == gate.y_train))

