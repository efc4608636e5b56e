"""Where one training step spends its time: ``python -m core bench --profile cnn``.

Runs the steps of ``Trainer.run`` by hand — gather a batch, each layer's
forward, the loss, each layer's backward, the optimizer — and times every
part; prints the median time of each over the steps, and its share of the step.
Where the step goes through ``batch_halves`` (two threads, a CNN) the layers'
times are those of the first half of the batch, on the calling thread, and the
wait for the other half is a part of its own. (The profile times the threads' way; in
training, once it is ready, a helper process takes the second half: ``core.process_halves``.)
With one thread the clock is the thread's own CPU time, which other programs
running on a busy machine hardly move. With more it is the wall clock less the
time the calling thread spent waiting for a CPU (Linux counts it, in
``/proc/thread-self/schedstat``): what is left is its work, its waits for the
other threads and their work, and the waits for the GIL. A worker's waits for a
CPU still count where the calling thread waits for that worker, so on a busy
machine this is still too high, but much less so than the wall clock.
"""
from __future__ import annotations

import statistics
import time

import numpy as np

from . import batch_halves, data, optimizers, presets, threads
from .batch_gather import BatchGatherer
from .network import Network


def profile(spec: dict, ds, batch: int = 128, steps: int = 60, warmup: int = 10,
            clock=time.perf_counter) -> dict[str, float]:
    """Median seconds per part of a training step (Adam), by part name, in step order."""
    net = Network.from_spec(spec, rng=np.random.default_rng(0))
    opt = optimizers.Adam(lr=1e-3)
    params, grads = {"all": net.flat_params}, {"all": net.flat_grads}
    rng = np.random.default_rng(0)
    batches = BatchGatherer(ds)                   # as the trainer gathers them
    times: dict[str, list[float]] = {}

    def timed(name, t0):
        now = clock()
        times.setdefault(name, []).append(now - t0)
        return now

    halves = batch_halves.applies(net, batch)
    if halves:
        _time_layers(net, clock, times)
    for step in range(warmup + steps):
        if step == warmup:
            times.clear()
        t = clock()
        x, y = batches.gather("train", rng.integers(0, len(ds.y_train), batch))
        a = net._prepare(x)
        t = timed("gather a batch", t)
        if halves:
            t = _step_in_halves(net, a, y, t, timed, times)
            opt.update(params, grads)
            timed("Adam update", t)
            continue
        with threads.own_products(net._own_products):
            for i, layer in enumerate(net.layers):
                a = layer.forward(a, True)
                t = timed(f"{i} {layer!r} forward", t)
        net.scores = a
        net.loss_fn.forward(a, y)
        d = net.loss_fn.backward()
        float((net.loss_fn.predicted(a) == y).mean())
        t = timed("loss, its gradient, accuracy", t)
        with threads.own_products(net._own_products):
            for i in reversed(range(len(net.layers))):
                d = net.layers[i].backward(d)
                t = timed(f"{i} {net.layers[i]!r} backward", t)
                if d is None:
                    break
        opt.update(params, grads)
        timed("Adam update", t)
    return {name: statistics.median(v) for name, v in times.items()}


def _time_layers(net, clock, times) -> None:
    """Time every layer's passes on the calling thread (the first half of the batch's)."""
    def timed_pass(run, name):
        def timed_run(*args):
            t0 = clock()
            out = run(*args)
            times.setdefault(name, []).append(clock() - t0)
            return out
        return timed_run

    for i, layer in enumerate(net.layers):
        for kind in ("forward", "backward"):
            setattr(layer, kind, timed_pass(getattr(layer, kind), f"{i} {layer!r} {kind}"))


def _step_in_halves(net, a, y, t, timed, times) -> float:
    """Forward and backward as ``batch_halves`` does them; the layers' times (first half)
    come from ``_time_layers``, the rest of each pass is the wait for the second half."""
    def layer_sum(kind):
        return sum(v[-1] for name, v in times.items() if name.endswith(" " + kind) and v)
    net.loss(a, y, training=True)
    float((net.loss_fn.predicted(net.scores) == y).mean())
    done = layer_sum("forward")
    t = timed("forward: the loss, accuracy, waiting for the second half", t + done)
    net.backward()
    done = layer_sum("backward")
    return timed("backward: waiting for the second half, summing the gradients", t + done)


_SCHEDSTAT = "/proc/thread-self/schedstat"


def wall_less_queue() -> float:
    """Seconds of wall-clock time less the calling thread's waits for a CPU so far; the
    wall clock alone where the system does not say (not Linux)."""
    try:
        with open(_SCHEDSTAT) as f:
            waited = int(f.read().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        waited = 0.0
    return time.perf_counter() - waited


def report(name: str, batch: int = 128, n_threads: int = 1) -> None:
    threads.set_blas_threads(n_threads)
    spec = presets.get(name)
    clock = time.thread_time if n_threads == 1 else wall_less_queue
    parts = profile(spec, data.load_mnist(), batch, clock=clock)
    total = sum(parts.values())
    kind = "CPU time" if n_threads == 1 else "wall-clock time less waits for a CPU"
    print(f"{spec['name']}, batch {batch}, {n_threads} thread(s): {total * 1e3:.2f} ms per step "
          f"(sum of medians, {kind}), {batch / total:,.0f} samples/s")
    for part, seconds in parts.items():
        print(f"  {part[:70]:<71}{seconds * 1e3:8.3f} ms {100 * seconds / total:5.1f}%")
