"""The book's optimizer comparison on MNIST (ch06 ``optimizer_compare_mnist.py``), off the GUI thread.

The same 5 × 100 ReLU network (preset "deep", same seed, so the same initial weights) is trained
with each optimizer on the same sequence of mini-batches of 128 images drawn with replacement,
like the book. :func:`race_steps` is the plain loop (no Qt, usable from a script);
:class:`OptimizerRaceWorker` runs it in a QThread following DESIGN.md: cancel through a
``threading.Event`` checked once per batch, losses batched into ``progress`` at most ~20 times
a second (fresh arrays), ``finished(reason)`` always emitted from a ``finally:``.

    python -m gui.optimizer_race_worker --iterations 2000     # the book's run, headless
"""
from __future__ import annotations

import argparse
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QObject, Signal

from core import Network, optimizers, presets, threads
from core.data import Dataset, load_mnist
from core.trainer import EXPLODED

EMIT_INTERVAL = 0.05        # seconds between progress signals


def race_rates(everyone: bool = False) -> dict[str, float]:
    """Each optimizer's race learning rate (``race_lr``, the book's) by name, in registry order:
    the book's four (``in_book``), or every optimizer with ``everyone``."""
    return {name: cls.race_lr for name, cls in optimizers.OPTIMIZERS.items() if everyone or cls.in_book}


@dataclass
class RaceConfig:
    lrs: dict[str, float] = field(default_factory=race_rates)
    iterations: int = 2000
    batch_size: int = 128
    seed: int = 0
    preset: str = "deep"

    @property
    def total(self) -> int:
        return self.iterations * len(self.lrs)


@dataclass
class RaceStep:
    name: str               # optimizer
    iteration: int          # 0-based
    loss: float             # loss of this batch before the update (NaN if it diverged)
    diverged: bool = False  # this optimizer stops here


def race_steps(config: RaceConfig, dataset: Dataset) -> Iterator[RaceStep]:
    """One ``RaceStep`` per optimizer and mini-batch, optimizer after optimizer."""
    for name, lr in config.lrs.items():
        optimizers.check_learning_rate(lr)
        if name not in optimizers.OPTIMIZERS:
            raise ValueError(f"unknown optimizer {name!r}")
    rng = np.random.default_rng(config.seed)
    batches = rng.integers(0, len(dataset.y_train), size=(config.iterations, config.batch_size))
    spec = presets.get(config.preset)
    for name, lr in config.lrs.items():
        net = Network.from_spec(spec, rng=np.random.default_rng(config.seed))
        opt = optimizers.make(name, lr)
        params, grads = {"all": net.flat_params}, {"all": net.flat_grads}
        limit = None
        for i in range(config.iterations):
            x, y = dataset.gather("train", batches[i])
            loss = float(net.loss(x, y, training=True))
            limit = EXPLODED * max(loss, 1.0) if limit is None else limit
            if not np.isfinite(loss) or loss > limit:
                yield RaceStep(name, i, float("nan"), diverged=True)
                break
            net.backward()
            opt.update(params, grads)
            yield RaceStep(name, i, loss)


def smooth_curve(x: np.ndarray, window: int = 11) -> np.ndarray:
    """The book's smoothing (``common/util.py``): a Kaiser window (β = 2) over mirrored ends.

    Same length as ``x``; the window shrinks (odd) for curves shorter than 11 points.
    """
    x = np.asarray(x, dtype=np.float64)
    window = min(window, len(x) if len(x) % 2 else len(x) - 1)
    if window < 3:
        return x.copy()
    s = np.r_[x[window - 1:0:-1], x, x[-1:-window:-1]]
    w = np.kaiser(window, 2)
    y = np.convolve(w / w.sum(), s, mode="valid")
    half = window // 2
    return y[half:len(y) - half]


class OptimizerRaceWorker(QObject):
    """Runs :func:`race_steps` in its thread; connect its signals to GUI-thread bound methods."""

    # [(optimizer, first iteration, losses float64 array)], iterations done, total iterations
    progress = Signal(object, int, int)
    diverged = Signal(str, int)          # optimizer, iteration
    finished = Signal(str)               # "completed", "cancelled" or "error: …"

    def __init__(self, config: RaceConfig, dataset: Dataset | None = None):
        super().__init__()
        self.config = config
        self._dataset = dataset
        self._cancel = threading.Event()
        self._pending: dict[str, tuple[int, list[float]]] = {}
        self._done = 0

    def cancel(self) -> None:
        """Thread-safe: stop before the next mini-batch."""
        self._cancel.set()

    def run(self) -> None:
        reason = "error: stopped unexpectedly"
        try:
            threads.set_blas_threads(1)
            data = self._dataset if self._dataset is not None else load_mnist()
            last = time.monotonic()
            steps = race_steps(self.config, data)
            while True:
                if self._cancel.is_set():
                    reason = "cancelled"
                    break
                step = next(steps, None)
                if step is None:
                    reason = "completed"
                    break
                if step.diverged:
                    self._done += self.config.iterations - step.iteration
                    self._flush()
                    self.diverged.emit(step.name, step.iteration)
                    continue
                start, losses = self._pending.setdefault(step.name, (step.iteration, []))
                losses.append(step.loss)
                self._done += 1
                if time.monotonic() - last >= EMIT_INTERVAL:
                    self._flush()
                    last = time.monotonic()
        except Exception as e:                     # reported to the GUI, never raised in the thread
            reason = f"error: {type(e).__name__}: {e}"
        finally:
            self._flush()
            self.finished.emit(reason)

    def _flush(self) -> None:
        if self._pending:
            chunks = [(name, start, np.array(losses)) for name, (start, losses) in self._pending.items()]
            self._pending = {}
            self.progress.emit(chunks, self._done, self.config.total)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description="The book's optimizer comparison on MNIST, headless.")
    ap.add_argument("--iterations", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--all", action="store_true", help="every optimizer, not only the book's four")
    args = ap.parse_args(argv)
    config = RaceConfig(race_rates(everyone=args.all), args.iterations, seed=args.seed)
    names = list(config.lrs)
    threads.set_blas_threads(1)
    data = load_mnist()
    curves: dict[str, list[float]] = {k: [] for k in names}
    t0 = time.perf_counter()
    for step in race_steps(config, data):
        if not step.diverged:
            curves[step.name].append(step.loss)
    seconds = time.perf_counter() - t0
    print(f"{config.iterations} iterations × {len(names)} optimizers, batch {config.batch_size}, "
          f"seed {config.seed}: {seconds:.1f} s")
    for name, losses in curves.items():
        smooth = smooth_curve(np.array(losses))
        print(f"  {name:9s} lr {config.lrs[name]:<6g} final loss smoothed {smooth[-1]:.4f}  "
              f"mean of last 100 raw {np.mean(losses[-100:]):.4f}")


if __name__ == "__main__":
    main()
