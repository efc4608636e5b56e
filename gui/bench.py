"""``python -m gui.bench``: what the GUI costs training, and how smooth it stays.

Opens the main window offscreen with every panel visible (docks floated so
none hides behind a tab), trains the 784-100-10 network on MNIST for a fixed
number of mini-batches in the worker thread, and prints from the same run:

(a) training samples/s with the GUI ÷ the headless trainer's samples/s
    (target ≥ 0.9);
(b) GUI-thread latency during training: the intervals of a 60 Hz QTimer
    (target p99 ≤ 50 ms).
"""
from __future__ import annotations

import argparse
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402


def headless_rate(steps: int, batch: int) -> float:
    from core import Network, Trainer, data, presets
    from core.trainer import Config, Step
    ds = data.load_mnist()
    net = Network.from_spec(presets.get("mlp"), rng=np.random.default_rng(0))
    tr = Trainer(net, ds, Config(epochs=100, batch_size=batch, lr=0.001, val_fraction=0.1))
    t0 = None
    for ev in tr.run():
        if isinstance(ev, Step):
            if ev.step == 1:
                t0 = time.perf_counter()
            if ev.step == steps + 1:
                return steps * batch / (time.perf_counter() - t0)
    raise RuntimeError("the run ended early")


def gui_run(steps: int, batch: int, floating=True) -> tuple[float, np.ndarray, int]:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QObject, QTimer, Slot

    from gui.app import create_main_window, ensure_app
    app = ensure_app([])
    w = create_main_window(restore=False)
    w.quiet_errors = True
    w.resize(1920, 1080)
    w.show()
    if floating:
        docks = [d for name, d in w.docks.items() if name != "trainingDock"
                 and (floating is True or name in floating)]
        for i, dock in enumerate(docks):
            dock.setFloating(True)
            dock.resize(640, 480)
            dock.move(40 * i, 30 * i)
            dock.show()
            w.panels[dock.objectName()].setVisible(True)
    c = w.controller
    c.settings.batch_size, c.settings.lr, c.settings.epochs = batch, 0.001, 100
    for _ in range(20):
        app.processEvents()
    visible = sum(1 for p in w.panels.values() if p.isVisible())

    intervals: list[float] = []
    clock = QElapsedTimer()
    timer = QTimer()
    timer.setInterval(16)
    last = [None]

    def tick():
        now = clock.nsecsElapsed() / 1e6
        if last[0] is not None:
            intervals.append(now - last[0])
        last[0] = now

    timer.timeout.connect(tick)
    done = {}

    loop = QEventLoop()

    class Probe(QObject):                # lives in the GUI thread: slots run here
        @Slot(bool)
        def on_paused(self, paused):
            # the worker may or may not have paused once before the budget began
            if paused and c._trainer.step >= steps:
                done["t1"] = time.perf_counter()
                loop.quit()

    probe = Probe()
    c.start(paused=True)
    c.worker.paused.connect(probe.on_paused)
    while not c.thread.isRunning():
        app.processEvents()
    clock.start()
    timer.start()
    done["t0"] = time.perf_counter()
    c.worker.step_batches(steps)
    c._set_state("running")
    profiler = None
    if os.environ.get("NUMNET_PROFILE"):
        import cProfile
        profiler = cProfile.Profile()
        profiler.enable()
    loop.exec()                          # the real event loop, as in the app
    if profiler is not None:
        import pstats
        profiler.disable()
        pstats.Stats(profiler).sort_stats(os.environ.get("NUMNET_PROFILE_SORT", "tottime")).print_stats(40)
    timer.stop()
    rate = steps * batch / (done["t1"] - done["t0"])
    c.shutdown(5000)
    w.close()
    return rate, np.array(intervals), visible


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m gui.bench", description=__doc__.split("\n")[0])
    p.add_argument("--steps", type=int, default=3000, help="mini-batches per measurement")
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--only", nargs="*", help="float (show) only these docks, e.g. metricsDock")
    args = p.parse_args(argv)
    from core import threads
    threads.set_blas_threads(1)
    head = headless_rate(args.steps, args.batch_size)
    rate, iv, visible = gui_run(args.steps, args.batch_size, True if args.only is None else args.only)
    head2 = headless_rate(args.steps, args.batch_size)
    head = max(head, head2)
    print(f"784-100-10 on MNIST, batch {args.batch_size}, Adam, {args.steps} mini-batches, "
          f"{visible} panels visible")
    print(f"(a) headless trainer:  {head:10,.0f} samples/s")
    print(f"    with the GUI:      {rate:10,.0f} samples/s   ratio {rate / head:.2f}  (target ≥ 0.9)")
    if len(iv):
        p50, p99 = np.percentile(iv, [50, 99])
        print(f"(b) 60 Hz GUI timer interval: p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {iv.max():.1f} ms "
              f"over {len(iv)} ticks  (target p99 ≤ 50 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
