"""``python -m core bench``: training throughput, ours against PyTorch's, float32, Adam.

For every MNIST preset (the dense ones at batch 128 and 512, the convolutional
ones at 128) it trains our network with ``core.Trainer`` and, when PyTorch is
importable, the same network in PyTorch with its fused Adam
(``torch.optim.Adam(fused=True)``) and with its default Adam, at each thread
count asked for. The runs are interleaved — ours, fused, default, then the
next pair in the opposite order — so that a machine whose load changes while
the bench runs slows both sides of a pair alike; the table shows the median
of the per-pair ratios (ours / theirs) and the median throughputs. With more
than one thread each timed run starts after a pause (``SETTLE_SECONDS``): the
side before it leaves its threads spinning for a while (OpenBLAS's for about a
tenth of a second), and without the pause they took the second core from the
next side's first steps — measured, PyTorch's two-thread MLP runs that followed
ours were 10-17% slower than with the pause, which flattered our ratios. At one
thread both sides run all their work on the calling thread, and the clock is
that thread's CPU time (``time.thread_time``), which other programs on a busy
machine hardly move; with more threads it is the wall clock.

Then it trains each network for a few epochs and compares the first epoch's
throughput with the last one's (from the median step time of each, which a
burst of load elsewhere does not move): training must not slow down as it
goes (see the subnormal flushing in ``core.optimizers``).

``--profile NAME`` instead prints where one training step of a preset spends
its time, layer by layer (``core.step_profile``).
"""
from __future__ import annotations

import argparse
import os
import statistics
import time

import numpy as np

from . import cli_args, data, presets, threads
from .network import Network
from .trainer import Config, Step, Trainer

DENSE_BATCHES = (128, 512)
CONV_BATCHES = (128,)
CHUNK_SECONDS = 0.5          # length of one timed run of one side of a pair
WARMUP_STEPS = 10
SETTLE_SECONDS = 0.3         # pause before each timed run with more than one thread (see above)
_settle = 0.0                # the pause of the thread count being timed
_clock = time.perf_counter   # the clock of the timed runs: see run()


def networks() -> list[str]:
    """The presets the bench times: those that train on MNIST images."""
    return [name for name, spec in presets.PRESETS.items() if spec["input_shape"] == presets.MNIST_INPUT]


def is_conv(name: str) -> bool:
    return any(layer["type"] == "conv2d" for layer in presets.PRESETS[name]["layers"])


# -- the two sides --------------------------------------------------------------------------
class _Ours:
    """Our trainer, kept running between timed chunks."""

    label = "ours"

    def __init__(self, ds, spec, batch: int, epochs: int = 10_000):
        net = Network.from_spec(spec, rng=np.random.default_rng(0))
        # training alone, as on PyTorch's side: the loss and accuracy the trainer measures at the
        # end of each epoch (on a tenth of the training set) shrink to one sample (max_eval=1)
        self.trainer = Trainer(net, ds, Config(epochs=epochs, batch_size=batch, lr=1e-3,
                                               val_fraction=0.0, evaluate_test=False, max_eval=1))
        self.events = self.trainer.run()

    def steps(self, n: int) -> float:
        """Seconds taken by the next ``n`` training steps."""
        t0 = _clock()
        done = 0
        while done < n:
            if isinstance(next(self.events), Step):
                done += 1
        return _clock() - t0


class _Torch:
    """The same network in PyTorch, trained on the same batches the same way (the loss and
    the batch accuracy read back every step, as our trainer does)."""

    def __init__(self, torch, ds, spec, batch: int, fused: bool):
        self.torch, self.ds, self.batch = torch, ds, batch
        self.label = "PyTorch fused Adam" if fused else "PyTorch Adam"
        torch.manual_seed(0)
        self.model = torch_model(torch, spec)
        self.opt = torch.optim.Adam(self.model.parameters(), lr=1e-3, fused=fused or None)
        self.loss_fn = torch.nn.CrossEntropyLoss()
        self.rng = np.random.default_rng(0)
        self.order, self.i = self.rng.permutation(len(ds.y_train)), 0

    def steps(self, n: int) -> float:
        torch = self.torch
        t0 = _clock()
        for _ in range(n):
            if self.i >= len(self.order):
                self.order, self.i = self.rng.permutation(len(self.order)), 0
            x, y = self.ds.gather("train", self.order[self.i:self.i + self.batch])
            self.i += self.batch
            xt, yt = torch.from_numpy(x), torch.from_numpy(y)
            self.opt.zero_grad(set_to_none=True)
            out = self.model(xt)
            loss = self.loss_fn(out, yt)
            loss.backward()
            self.opt.step()
            loss.item()
            (out.argmax(1) == yt).float().mean().item()
        return _clock() - t0


def torch_model(torch, spec):
    """PyTorch's twin of a spec made of dense, conv2d, maxpool and flatten layers."""
    nn = torch.nn
    mods: list = []
    shape = tuple(spec["input_shape"])
    acts = {"relu": nn.ReLU, "sigmoid": nn.Sigmoid, "tanh": nn.Tanh}
    for cfg in spec["layers"]:
        t = cfg["type"]
        if t == "dense":
            if len(shape) > 1:
                mods.append(nn.Flatten())
            n_in = int(np.prod(shape))
            mods.append(nn.Linear(n_in, cfg["units"]))
            shape = (cfg["units"],)
        elif t == "conv2d":
            k, p, s = cfg["kernel"], cfg.get("padding", 0), cfg.get("stride", 1)
            mods.append(nn.Conv2d(shape[0], cfg["filters"], k, stride=s, padding=p))
            shape = (cfg["filters"], (shape[1] + 2 * p - k) // s + 1, (shape[2] + 2 * p - k) // s + 1)
        elif t == "maxpool":
            size = cfg.get("size", 2)
            mods.append(nn.MaxPool2d(size))
            shape = (shape[0], shape[1] // size, shape[2] // size)
        elif t == "flatten":
            mods.append(nn.Flatten())
            shape = (int(np.prod(shape)),)
        else:
            raise ValueError(f"bench: no PyTorch twin for layer type {t!r}")
        if cfg.get("activation") in acts:
            mods.append(acts[cfg["activation"]]())
        elif cfg.get("activation") not in (None, "identity"):
            raise ValueError(f"bench: no PyTorch twin for activation {cfg['activation']!r}")
    return nn.Sequential(*mods)


# -- interleaved pairs -------------------------------------------------------------------------
def compare(sides: list, batch: int, pairs: int) -> list[tuple[float, float]]:
    """Time ``sides`` (ours first) in ``pairs`` interleaved rounds of equal step counts.

    Returns, per side, (median samples/s, median over rounds of ours / this side).
    """
    for side in sides:
        side.steps(WARMUP_STEPS)
    per_step = min(side.steps(WARMUP_STEPS) for side in sides) / WARMUP_STEPS
    n = max(5, round(CHUNK_SECONDS / per_step))
    seconds: list[list[float]] = [[] for _ in sides]
    for r in range(pairs):
        order = range(len(sides)) if r % 2 == 0 else reversed(range(len(sides)))
        for i in order:
            time.sleep(_settle)
            seconds[i].append(sides[i].steps(n))
    rates = [[n * batch / s for s in side] for side in seconds]
    return [(statistics.median(rate),
             statistics.median(o / t for o, t in zip(rates[0], rate, strict=True)))
            for rate in rates]


def _first_last(ds, spec, batch: int, epochs: int) -> tuple[float, float]:
    """Samples/s in the first and the last of ``epochs`` epochs, from each one's median step."""
    ours = _Ours(ds, spec, batch, epochs)
    per_epoch: dict[int, list[float]] = {}
    t_prev = _clock()
    for ev in ours.events:
        now = _clock()
        if isinstance(ev, Step):
            per_epoch.setdefault(ev.epoch, []).append(now - t_prev)
        t_prev = now
    return batch / statistics.median(per_epoch[1]), batch / statistics.median(per_epoch[epochs])


def load_average() -> str:
    try:
        return ", ".join(f"{v:.2f}" for v in os.getloadavg())
    except OSError:
        return "unknown"


def run(thread_counts=(1, 2), pairs: int = 5, only: list[str] | None = None, with_torch: bool = True,
        epochs: int = 3, batches: list[int] | None = None) -> int:
    global _clock, _settle
    torch = None
    if with_torch:
        try:
            import torch
        except ImportError:
            torch = None
    names = only or networks()
    ds = data.load_mnist()
    print(f"training throughput on MNIST, float32, Adam; {pairs} interleaved rounds of "
          f"~{CHUNK_SECONDS:g} s per side (1 thread: CPU time, else wall clock after a "
          f"{SETTLE_SECONDS:g} s pause); "
          f"load average at start {load_average()}")
    if torch is None:
        print("(PyTorch not importable: no comparison; `pip install torch==2.13.0` adds one)")
    else:
        print(f"PyTorch {torch.__version__}; ratio = ours / PyTorch's, median over the rounds")
    head = f"{'network':<34}{'batch':>6}{'thr':>4}{'ours/s':>10}"
    if torch is not None:
        head += f"{'fused/s':>10}{'ratio':>8}{'Adam/s':>10}{'ratio':>8}"
    print(head)
    for n_threads in thread_counts:
        threads.set_blas_threads(n_threads)
        # one thread: the CPU time of the thread doing all the work, which load elsewhere hardly moves
        _clock = time.thread_time if n_threads == 1 else time.perf_counter
        _settle = 0.0 if n_threads == 1 else SETTLE_SECONDS
        if torch is not None:
            torch.set_num_threads(n_threads)
        for name in names:
            spec = presets.get(name)
            for batch in batches or (CONV_BATCHES if is_conv(name) else DENSE_BATCHES):
                sides = [_Ours(ds, spec, batch)]
                if torch is not None:
                    sides += [_Torch(torch, ds, spec, batch, fused=True),
                              _Torch(torch, ds, spec, batch, fused=False)]
                result = compare(sides, batch, pairs)
                line = f"{spec['name'][:33]:<34}{batch:>6}{n_threads:>4}{result[0][0]:>10,.0f}"
                for rate, ratio in result[1:]:
                    line += f"{rate:>10,.0f}{ratio:>7.2f}×"
                print(line, flush=True)
    if epochs >= 2:
        threads.set_blas_threads(thread_counts[0])
        _clock = time.thread_time if thread_counts[0] == 1 else time.perf_counter
        print(f"\nfirst epoch → epoch {epochs} (samples/s from each epoch's median step, batch 128, "
              f"{thread_counts[0]} thread(s)); load average {load_average()}")
        for name in names:
            spec = presets.get(name)
            a, b = _first_last(ds, spec, 128, epochs)
            print(f"  {spec['name'][:40]:<41}{a:>9,.0f} → {b:>9,.0f}  ({b / a:.3f}×)", flush=True)
    print(f"load average at the end {load_average()}")
    return 0


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--threads", type=cli_args.threads(), nargs="+", default=[1, 2],
                   help="thread counts to time, e.g. --threads 1 2 (default)")
    p.add_argument("--pairs", type=cli_args.whole(1, 1000), default=5,
                   help="interleaved rounds per network (default 5)")
    p.add_argument("--only", nargs="+", choices=networks(), help="time just these presets")
    p.add_argument("--batch", type=cli_args.whole(1, 65536), nargs="+",
                   help="batch sizes (default 128 and 512 for dense networks, 128 for convolutional ones)")
    p.add_argument("--epochs", type=cli_args.whole(0, 1000), default=3,
                   help="epochs of the first-vs-last-epoch runs (0 or 1: skip them)")
    p.add_argument("--no-torch", action="store_true", help="skip the PyTorch comparison")
    p.add_argument("--profile", metavar="PRESET", choices=networks(),
                   help="instead: where one training step of PRESET spends its time, per layer")


def main(args: argparse.Namespace) -> int:
    if min(args.threads) < 1 or args.pairs < 1:
        raise ValueError("--threads and --pairs must be at least 1")
    if args.profile:
        from . import step_profile
        for n in args.threads:
            step_profile.report(args.profile, batch=(args.batch or [128])[0], n_threads=n)
        return 0
    return run(tuple(args.threads), args.pairs, args.only, not args.no_torch, args.epochs, args.batch)
