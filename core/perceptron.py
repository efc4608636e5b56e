"""The perceptron (感知机) and the logic gates, as in chapter 2 of "Deep Learning from Scratch".

A perceptron outputs y = 1 if w₁x₁ + w₂x₂ + b > 0, else 0: its boundary is the straight line
w₁x₁ + w₂x₂ + b = 0. The perceptron learning rule (Rosenblatt) looks at one sample at a time
and, only when the output y is wrong, moves the line towards it:

    w ← w + η (t − y) x,    b ← b + η (t − y)

For AND, NAND and OR a line exists and the rule finds one in a few epochs. For XOR (异或) no
line exists: any line gets at most 3 of the 4 corners right, so the rule never settles. Two
layers do it: XOR(x₁, x₂) = AND(NAND(x₁, x₂), OR(x₁, x₂)) — :func:`xor_network` builds that
2-2-1 network from three learned perceptrons (in float64, the perceptrons' own precision: a
learned line may pass exactly through a corner, where rounding would decide the output).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .network import Network

XOR_SPEC = {"input_shape": [2],
            "layers": [{"type": "dense", "units": 2, "activation": "step"},
                       {"type": "dense", "units": 1, "activation": "step"}],
            "loss": "squared_error"}


@dataclass
class Update:
    """One step of the learning rule."""

    epoch: int            # 1-based
    index: int            # the sample looked at (its row in x)
    x: np.ndarray         # (2,)
    target: int
    output: int           # before the update
    dw: np.ndarray        # (2,) what was added to w (zero when the output was right)
    db: float
    epoch_done: bool      # this was the epoch's last sample
    epoch_mistakes: int   # mistakes so far in this epoch


class Perceptron:
    """y = step(w·x + b) for points ``x`` of shape (n, 2); float64 weights."""

    def __init__(self, w=(0.0, 0.0), b: float = 0.0, lr: float = 0.1):
        self.w = np.array(w, dtype=np.float64).reshape(2)
        self.b = float(b)
        self.lr = float(lr)

    @classmethod
    def random(cls, rng: np.random.Generator, lr: float = 0.1) -> Perceptron:
        """A perceptron with w₁, w₂, b drawn uniformly from [-0.5, 0.5]."""
        w1, w2, b = rng.uniform(-0.5, 0.5, 3)
        return cls((w1, w2), b, lr)

    def output(self, x: np.ndarray) -> np.ndarray:
        """int64 (n,) outputs for points (n, 2)."""
        return (np.asarray(x, dtype=np.float64) @ self.w + self.b > 0).astype(np.int64)

    def accuracy(self, x: np.ndarray, t: np.ndarray) -> float:
        return float(np.mean(self.output(x) == np.asarray(t)))

    def learn(self, x: np.ndarray, t: int) -> tuple[int, np.ndarray, float]:
        """Apply the rule to one sample ``x`` (2,) with target ``t``: (output before, dw, db)."""
        x = np.asarray(x, dtype=np.float64).reshape(2)
        y = int(self.output(x[None])[0])
        err = int(t) - y
        dw, db = self.lr * err * x, self.lr * err
        self.w += dw
        self.b += db
        return y, dw, db

    def __repr__(self) -> str:
        return f"Perceptron(w=({self.w[0]:.3g}, {self.w[1]:.3g}), b={self.b:.3g})"


class RuleStepper:
    """Walks the learning rule through a truth table sample by sample, epoch after epoch,
    in the table's order (as the book's hand-worked examples do)."""

    def __init__(self, perceptron: Perceptron, x: np.ndarray, t: np.ndarray):
        self.p = perceptron
        self.x = np.asarray(x, dtype=np.float64)
        self.t = np.asarray(t, dtype=np.int64)
        self.epoch, self.index, self.mistakes = 1, 0, 0
        self.converged_at: int | None = None   # the first epoch without a mistake

    def step(self) -> Update:
        i = self.index
        y, dw, db = self.p.learn(self.x[i], self.t[i])
        self.mistakes += int(y != self.t[i])
        done = i == len(self.t) - 1
        update = Update(self.epoch, i, self.x[i].copy(), int(self.t[i]), y, dw, db, done, self.mistakes)
        if done:
            if self.mistakes == 0 and self.converged_at is None:
                self.converged_at = self.epoch
            self.epoch, self.index, self.mistakes = self.epoch + 1, 0, 0
        else:
            self.index += 1
        return update

    def run_epoch(self) -> list[Update]:
        """The rest of the current epoch."""
        out = [self.step()]
        while not out[-1].epoch_done:
            out.append(self.step())
        return out


def train(perceptron: Perceptron, x: np.ndarray, t: np.ndarray, max_epochs: int = 20) -> int | None:
    """Run the rule until an epoch makes no mistake: that epoch's number, or None."""
    stepper = RuleStepper(perceptron, x, t)
    while stepper.epoch <= max_epochs:
        stepper.run_epoch()
        if stepper.converged_at is not None:
            return stepper.converged_at
    return None


def xor_network(nand: Perceptron, or_: Perceptron, and_: Perceptron) -> Network:
    """The two-layer perceptron XOR = AND(NAND, OR) as a 2-2-1 network with step activations:
    hidden unit 0 is ``nand``, unit 1 is ``or_``, the output unit is ``and_`` on their outputs."""
    net = Network.from_spec(XOR_SPEC, rng=np.random.default_rng(0), dtype=np.float64)
    p = net.parameters()
    p["0.W"][...] = np.column_stack([nand.w, or_.w])
    p["0.b"][...] = [nand.b, or_.b]
    p["1.W"][...] = and_.w[:, None]
    p["1.b"][...] = [and_.b]
    return net
