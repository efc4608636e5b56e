"""``python -m gui.bench``: what the GUI costs training, and how smooth it stays.

Opens the main window offscreen with every panel visible (docks floated so
none hides behind a tab), trains the 784-100-10 network on MNIST in the worker
thread for a warm-up (every panel lays out and paints its first frame) and then
for a fixed number of timed mini-batches, and prints from that run:

(a) training samples/s with the GUI ÷ the headless trainer's samples/s
    (target ≥ 0.9);
(b) GUI-thread latency during training: the intervals of a 60 Hz QTimer
    (target p99 ≤ 50 ms);

and how busy the GUI thread was and how often each panel redrew under the draw
budget (gui/throttle.py). Each GUI run is compared with the mean of a headless
run just before and one just after it, since a shared machine's speed drifts;
with --repeat N (default 3) the median of the N ratios is the result.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402


def headless_rate(steps: int, batch: int, warmup: int) -> float:
    """The trainer alone in this thread: samples/s over ``steps`` mini-batches after ``warmup``."""
    from core import Network, Trainer, data, presets
    from core.trainer import Config, Step
    ds = data.load_mnist()
    net = Network.from_spec(presets.get("mlp"), rng=np.random.default_rng(0))
    tr = Trainer(net, ds, Config(epochs=100, batch_size=batch, lr=0.001, val_fraction=0.1))
    t0 = None
    for ev in tr.run():
        if isinstance(ev, Step):
            if ev.step == warmup:
                t0 = time.perf_counter()
            if ev.step == warmup + steps:
                return steps * batch / (time.perf_counter() - t0)
    raise RuntimeError("the run ended early")


@dataclass
class GuiResult:
    rate: float                 # samples/s with the GUI
    intervals: np.ndarray       # ms between ticks of the 60 Hz timer
    visible: int                # panels visible
    gui_busy: float             # CPU time of the GUI thread ÷ wall time
    frames: dict                # redraws the draw budget ran, by panel class
    seconds: float              # wall time of the timed part


def gui_run(steps: int, batch: int, warmup: int, floating=True, share: float | None = None) -> GuiResult:
    """The real window, every (or the named) dock floated and visible; the worker trains
    ``warmup`` mini-batches (every panel draws its first frame: layout, first paint), pauses,
    then ``steps`` more are timed."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QObject, QTimer, Slot

    from gui.app import create_main_window, ensure_app
    from gui.throttle import draw_budget
    app = ensure_app([])
    w = create_main_window(restore=False)
    w.quiet_errors = True
    if share is not None:                # View → Live drawing while training
        draw_budget().set_share(share)
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
    loop = QEventLoop()
    target = [warmup]
    t1 = [0.0]

    class Probe(QObject):                # lives in the GUI thread: slots run here
        @Slot(bool)
        def on_paused(self, paused):
            if paused and c.trainer_step >= target[0]:
                t1[0] = time.perf_counter()
                loop.quit()

    def run_until(n_steps: int) -> float:
        target[0] = c.trainer_step + n_steps
        t0 = time.perf_counter()
        c.step_batches(n_steps)
        loop.exec()                      # the real event loop, as in the app
        return t1[0] - t0

    probe = Probe()
    c.start(paused=True)
    c.worker.paused.connect(probe.on_paused)
    while not c.thread.isRunning():
        app.processEvents()
    run_until(warmup)
    # pausing made panels react (the evaluation view tests the network on a pool thread,
    # panels draw their final frame): let that finish, it is not part of training
    from PySide6.QtCore import QThreadPool
    settle = time.perf_counter() + 0.5
    while time.perf_counter() < settle or QThreadPool.globalInstance().activeThreadCount():
        QThreadPool.globalInstance().waitForDone(50)
        app.processEvents()

    clock.start()
    timer.start()
    profiler = None
    if os.environ.get("NUMNET_PROFILE"):
        import cProfile
        profiler = cProfile.Profile()
        profiler.enable()
    cpu0 = time.thread_time()
    wall = run_until(steps)
    gui_cpu = time.thread_time() - cpu0
    frames = {k: (n, draw_budget().frame_cpu[k]) for k, n in draw_budget().frames.items()}
    if profiler is not None:
        import pstats
        profiler.disable()
        pstats.Stats(profiler).sort_stats(os.environ.get("NUMNET_PROFILE_SORT", "tottime")).print_stats(40)
    timer.stop()
    c.shutdown(5000)
    w.close()
    return GuiResult(steps * batch / wall, np.array(intervals), visible, gui_cpu / wall, frames, wall)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m gui.bench", description=__doc__.split("\n")[0])
    p.add_argument("--steps", type=int, default=10000, help="timed mini-batches")
    p.add_argument("--warmup", type=int, default=1000, help="mini-batches before the timing starts")
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--repeat", type=int, default=3,
                   help="GUI runs, each between two headless runs; the median ratio is the result")
    p.add_argument("--only", nargs="*", help="float (show) only these docks, e.g. metricsDock")
    p.add_argument("--share", type=float, default=None,
                   help="share of the time for drawing (default: the app's, 0.05; the menu offers 0.15, 0.4)")
    args = p.parse_args(argv)
    from core import threads
    from gui.throttle import DEFAULT_SHARE
    threads.set_blas_threads(1)
    floating = True if args.only is None else args.only
    heads = [headless_rate(args.steps, args.batch_size, args.warmup)]
    runs: list[GuiResult] = []
    for _ in range(max(1, args.repeat)):
        runs.append(gui_run(args.steps, args.batch_size, args.warmup, floating, args.share))
        heads.append(headless_rate(args.steps, args.batch_size, args.warmup))
    # each GUI run against the mean of the headless runs just before and after it:
    # a shared machine's speed drifts
    ratios = [g.rate / ((heads[i] + heads[i + 1]) / 2) for i, g in enumerate(runs)]
    print(f"784-100-10 on MNIST, batch {args.batch_size}, Adam, {args.steps} mini-batches timed "
          f"after {args.warmup} of warm-up, {runs[0].visible} panels visible, {len(runs)} run(s), "
          f"drawing share {args.share or DEFAULT_SHARE:.2f}")
    print("(a) headless trainer:  " + ", ".join(f"{h:,.0f}" for h in heads) + " samples/s")
    print("    with the GUI:      " + ", ".join(f"{g.rate:,.0f}" for g in runs) + " samples/s")
    print("    ratios:            " + ", ".join(f"{r:.3f}" for r in ratios) +
          f"   median {np.median(ratios):.2f}  (target ≥ 0.9)")
    print("    GUI thread busy:   " + ", ".join(f"{100 * g.gui_busy:.1f}%" for g in runs) +
          " of the time (its CPU time ÷ wall time)")
    frames: dict[str, list] = {}
    seconds = sum(g.seconds for g in runs)
    for g in runs:
        for name, (n, cpu) in g.frames.items():
            acc = frames.setdefault(name, [0, 0.0])
            acc[0] += n
            acc[1] += cpu
    shown = "\n".join(f"      {name:20s} {n / seconds:4.1f}/s, {1000 * cpu / n:5.1f} ms each"
                      for name, (n, cpu) in sorted(frames.items(), key=lambda kv: -kv[1][0]))
    print(f"    redraws under the draw budget (with their paint):\n{shown or '      none'}")
    iv = np.concatenate([g.intervals for g in runs])
    if len(iv):
        p50, p99 = np.percentile(iv, [50, 99])
        worst = max(np.percentile(g.intervals, 99) for g in runs if len(g.intervals))
        print(f"(b) 60 Hz GUI timer interval: p50 {p50:.1f} ms, p99 {p99:.1f} ms (worst run {worst:.1f}), "
              f"max {iv.max():.1f} ms over {len(iv)} ticks  (target p99 ≤ 50 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
