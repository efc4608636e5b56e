"""``python -m core bench``: training throughput, float32, batch 128, Adam.

For 784-100-10, 784-256-128-10 and the CNN preset it times our trainer on
MNIST and, when PyTorch is importable, the identical network in PyTorch with
the same number of threads, and prints the ratio. For the MLPs it also
trains three full epochs and prints the throughput over the first 20% of the
first epoch and the last 20% of the third — with and without the optimizer's
subnormal flushing — to show that training does not slow down as it goes.
"""
from __future__ import annotations

import time

import numpy as np

from . import data, presets, threads
from .network import Network
from .trainer import Config, Step, Trainer

BATCH = 128
WARMUP = 20


def _numpy_rate(ds, spec, steps: int) -> float:
    net = Network.from_spec(spec, rng=np.random.default_rng(0))
    tr = Trainer(net, ds, Config(epochs=100, batch_size=BATCH, lr=1e-3, val_fraction=0.0,
                                 evaluate_test=False))
    t0 = n = None
    for ev in tr.run():
        if not isinstance(ev, Step):
            continue
        if ev.step == WARMUP:
            t0, n = time.perf_counter(), 0
        elif t0 is not None:
            n += ev.batch_size
            if ev.step == WARMUP + steps:
                break
    return n / (time.perf_counter() - t0)


def _torch_model(torch, spec):
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
    return nn.Sequential(*mods)


def _torch_rate(torch, ds, spec, steps: int) -> float:
    torch.manual_seed(0)
    model = _torch_model(torch, spec)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    rng = np.random.default_rng(0)
    order = rng.permutation(len(ds.y_train))
    t0 = n = None
    for step in range(1, WARMUP + steps + 1):
        if step == WARMUP + 1:
            t0, n = time.perf_counter(), 0
        i = (step * BATCH) % (len(order) - BATCH)
        x, y = ds.gather("train", order[i:i + BATCH])
        xt, yt = torch.from_numpy(x), torch.from_numpy(y)
        opt.zero_grad(set_to_none=True)
        out = model(xt)
        loss = loss_fn(out, yt)
        loss.backward()
        opt.step()
        loss.item()                     # our trainer reads its loss every step too
        (out.argmax(1) == yt).float().mean().item()
        if t0 is not None:
            n += len(y)
    return n / (time.perf_counter() - t0)


def _sag(ds, spec, flush: bool) -> tuple[float, float]:
    """Samples/s over the first 20% of epoch 1 and the last 20% of epoch 3."""
    net = Network.from_spec(spec, rng=np.random.default_rng(0))
    tr = Trainer(net, ds, Config(epochs=3, batch_size=BATCH, lr=1e-3, val_fraction=0.0,
                                 evaluate_test=False))
    if not flush:
        tr.optimizer.flush_every = 1 << 62
    per_epoch = -(-len(tr.train_idx) // BATCH)
    k = per_epoch // 5
    first, last = (1, k), (3 * per_epoch - k + 1, 3 * per_epoch)
    marks: dict[int, float] = {}
    t_prev = time.perf_counter()
    for ev in tr.run():
        if isinstance(ev, Step):
            now = time.perf_counter()
            if ev.step in (first[0], last[0]):
                marks[ev.step] = t_prev       # start of this step
            if ev.step in (first[1], last[1]):
                marks[ev.step] = now
            t_prev = now
        else:
            t_prev = time.perf_counter()
    rate = lambda a, b: k * BATCH / (marks[b] - marks[a])   # noqa: E731
    return rate(*first), rate(*last)


def run(threads_n: int = 1, steps: int = 300, with_torch: bool = True,
        only: str | None = None) -> int:
    threads.set_blas_threads(threads_n)
    torch = None
    if with_torch:
        try:
            import torch
            torch.set_num_threads(threads_n)
        except ImportError:
            torch = None
    ds = data.load_mnist()
    print(f"training throughput, float32, batch {BATCH}, Adam, {threads_n} thread(s); "
          f"{steps} timed steps after {WARMUP} warm-up steps")
    if torch is None:
        print("(PyTorch not importable: no comparison; `pip install torch==2.13.0` adds one)")
    print(f"{'network':<26}{'NumPy samples/s':>16}{'PyTorch samples/s':>19}{'ratio':>8}")
    for name in (only,) if only else ("mlp", "mlp2", "cnn"):
        spec = presets.get(name)
        n_steps = steps if name != "cnn" else max(steps // 5, 20)
        ours = _numpy_rate(ds, spec, n_steps)
        theirs = _torch_rate(torch, ds, spec, n_steps) if torch is not None else None
        label = {"mlp": "784-100-10", "mlp2": "784-256-128-10", "cnn": "CNN preset"}[name]
        if theirs:
            print(f"{label:<26}{ours:>16,.0f}{theirs:>19,.0f}{ours / theirs:>7.2f}×", flush=True)
        else:
            print(f"{label:<26}{ours:>16,.0f}{'—':>19}{'—':>8}", flush=True)
    if only:
        return 0
    print("\nthroughput over a run of 3 epochs (samples/s): first 20% of epoch 1 → last 20% of epoch 3")
    for name in ("mlp", "mlp2"):
        for flush in (True, False):
            a, b = _sag(ds, presets.get(name), flush)
            what = "subnormal flushing on " if flush else "subnormal flushing off"
            print(f"  {presets.PRESETS[name]['name']:<22} {what}: {a:>9,.0f} → {b:>9,.0f}  "
                  f"({b / a:.2f}×)", flush=True)
    return 0

