"""``python -m gui.bench``: what the GUI costs training, and how live its panels are.

For each network (the default MLP on MNIST, the CNN preset on MNIST, the toy 2-D net on
the spiral set) and each layout (``default``: the training panel and the metrics panel,
as after first launch and Start; ``live``: every panel that draws live training data,
each in its own floating window), it opens the main window offscreen, trains a warm-up
in the worker thread (every panel lays out and paints its first frame), then a timed
number of mini-batches, and prints from that run (median of ``--repeat`` runs):

- training samples/s with the GUI ÷ headless (target ≥ 0.95): the same training process
  without a window; each GUI run is compared with the mean of a headless run just before
  and one just after it, since a shared machine's speed drifts;
- the start-up time of a run (Start → the process has built its trainer);
- each visible live panel's frame rate while training (target ≥ 5/s in the default
  layout, ≥ 2/s with all live panels), and a frame's GUI-thread CPU time: the redraw
  call alone and with the event-loop pass that paints it (robust to a loaded machine);
- the GUI thread's 60 Hz timer: p99 of its intervals (target ≤ 20 ms);
- how busy the GUI thread was (its CPU time ÷ wall time);
- where the training process's time went, headless and with the window (per step: its CPU
  time, and the wall time of the trainer, snapshots and sends; ``core.loop_timing``), the
  GUI process's CPU time per step and the layer statistics' rate and cost
  (``gui.stats_thread``). The child's CPU ms per step is the robust comparison on a busy
  machine: wall times and ratios move with whatever else runs.

Which panels are "live" is read from the panels themselves: those fed steps
(``add_steps``) or layer statistics (``update_stats``), or that ask for weights
(``snapshot_wanted``). ``NUMNET_PROFILE=1`` prints a cProfile of the GUI thread's timed part.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass, field

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

# network -> (data set, preset, batch size, learning rate): what a learner trains with
NETS = {"mlp": ("mnist", "mlp", 64, 0.001), "cnn": ("mnist", "cnn", 64, 0.002),
        "toy": ("spiral", "toy", 16, 0.01)}
LAYOUTS = ("default", "live")
TARGET_RATIO, TARGET_P99_MS = 0.95, 20.0
TARGET_HZ = {"default": 5.0, "live": 2.0}


def _spec(net: str, dataset):
    from core import presets
    from gui.model_setup import default_spec_for
    spec = presets.get(NETS[net][1]) if dataset.is_image else default_spec_for(dataset)
    spec["input_shape"] = list(dataset.input_shape)
    return spec


def _headless_trainer(net: str):
    from core import Network, Trainer, data
    from core.trainer import Config
    name, _, batch, lr = NETS[net]
    ds = data.load_named(name)
    model = Network.from_spec(_spec(net, ds), rng=np.random.default_rng(0))
    return Trainer(model, ds, Config(epochs=10_000, batch_size=batch, lr=lr, val_fraction=0.1))


def headless_rate(net: str, steps: int, warmup: int, timing: list | None = None) -> float:
    """The app's training process without the GUI (``core.training_child``, driven the way the
    worker drives it): samples/s over ``steps`` mini-batches after ``warmup``, timed from the
    step request to the process's "paused", as the GUI runs are. Appends to ``timing`` where
    the process's time went in the timed part (``core.loop_timing.delta``)."""
    import multiprocessing

    from core import loop_timing, trainer_transfer, training_child, wire
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe()
    p = ctx.Process(target=training_child.main, args=(child, os.getpid()), daemon=True)
    p.start()
    child.close()

    last = [None]

    def until(kind: str, body=None) -> None:
        while True:
            k, b = wire.recv(parent)
            if k == kind and (body is None or b == body):
                return
            if k == "error":
                raise RuntimeError(b)
            if k == "timing":
                last[0] = b

    try:
        run = trainer_transfer.pack_run(_headless_trainer(net))
        run.update(probe=None, paused=True, delay_ms=0)
        wire.send(parent, "start", run)
        until("paused", True)
        wire.send(parent, "step_batches", {"n": warmup})
        until("paused", True)
        before = last[0]
        t0 = time.perf_counter()
        wire.send(parent, "step_batches", {"n": steps})
        until("paused", True)
        seconds = time.perf_counter() - t0
        if timing is not None:
            timing.append(loop_timing.delta(last[0], before))
        wire.send(parent, "stop")
        until("finished")
    finally:
        p.join(5)
        if p.is_alive():
            p.kill()
            p.join()
        parent.close()
    return steps * NETS[net][2] / seconds


def startup_seconds(net: str, repeat: int = 3) -> list[float]:
    """Start → the training process has built its trainer (spawn, imports, the data set sent
    as raw arrays, the network and the run's state): what a learner waits for at Start."""
    from PySide6.QtCore import QThread

    from gui.app import ensure_app
    from gui.worker import TrainingWorker
    app = ensure_app([])
    out = []
    for _ in range(repeat):
        w = TrainingWorker(_headless_trainer(net), start_paused=True)
        thread = QThread()
        w.moveToThread(thread)
        thread.started.connect(w.run)
        thread.start()
        while w.ready_at is None and thread.isRunning():
            app.processEvents()
            time.sleep(0.002)
        if w.ready_at is not None:
            out.append(w.ready_at - w.started_at)
        w.stop()
        thread.quit()
        thread.wait()
    return out


def live_docks(window) -> list[str]:
    """The docks whose panels draw live training data."""
    return [name for name, p in window.panels.items()
            if any(hasattr(p, a) for a in ("add_steps", "update_stats", "snapshot_wanted"))]


@dataclass
class GuiResult:
    rate: float                 # samples/s with the GUI
    intervals: np.ndarray       # ms between ticks of the 60 Hz timer
    panels: list[str]           # the visible live panels (class names)
    gui_busy: float             # CPU time of the GUI thread ÷ wall time
    seconds: float              # wall time of the timed part
    frames: dict = field(default_factory=dict)   # class -> frames run
    costs: dict = field(default_factory=dict)    # class -> CPU s of each frame (with paint)
    calls: dict = field(default_factory=dict)    # class -> CPU s of the redraw calls
    merged: dict = field(default_factory=dict)   # class -> requests merged into a waiting one
    child: dict = field(default_factory=dict)    # the training process's time (core.loop_timing)
    gui_process_cpu: float = 0.0                 # CPU s of every thread of the GUI process
    reader_cpu: float = 0.0                      # CPU s of the worker's receiving thread
    stats_s: list = field(default_factory=list)  # each layer statistics sample's seconds


def _window(net: str, layout: str, only: list[str] | None = None, size=(1920, 1080)):
    from gui.app import create_main_window, ensure_app
    app = ensure_app([])
    w = create_main_window(restore=False)
    w.quiet_errors = True
    w.resize(*size)
    w.show()
    name, _, batch, lr = NETS[net]
    c = w.controller
    if c.dataset is None or c.dataset.name != name:
        c.load_dataset(name)
    c.build_model(_spec(net, c.dataset), 0)
    c.settings.batch_size, c.settings.lr, c.settings.epochs = batch, lr, 10_000
    docks = [d for d in live_docks(w) if not only or d in only]
    if layout == "live":
        for i, dock_name in enumerate(docks):
            dock = w.docks[dock_name]
            dock.setFloating(True)
            dock.resize(640, 480)
            dock.move(40 * i, 30 * i)
            dock.show()
            w.panels[dock_name].setVisible(True)
    else:
        w.docks["metricsDock"].raise_()
    for _ in range(20):
        app.processEvents()
    shown = [type(w.panels[d]).__name__ for d in docks if w.panels[d].isVisible()]
    return app, w, shown


def gui_run(net: str, layout: str, steps: int, warmup: int, only: list[str] | None = None) -> GuiResult:
    """The real window in ``layout``; the worker trains ``warmup`` mini-batches, pauses,
    then ``steps`` more are timed."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QObject, QThreadPool, QTimer, Slot

    from core import loop_timing
    from gui.throttle import draw_budget
    app, w, shown = _window(net, layout, only)
    c = w.controller
    batch = NETS[net][2]
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
    before = c.worker.timing
    n_stats = len(c.worker.stats.seconds) if c.worker.stats else 0
    # pausing made panels react (the evaluation view tests the network on a pool thread,
    # panels draw their final frame): let that finish, it is not part of training
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
    cpu0, process0 = time.thread_time(), time.process_time()
    wall = run_until(steps)
    gui_cpu = time.thread_time() - cpu0
    process_cpu = time.process_time() - process0
    child = loop_timing.delta(c.worker.timing, before)
    stats_s = list(c.worker.stats.seconds[n_stats:]) if c.worker.stats else []
    b = draw_budget()
    b._close_frame()
    result = GuiResult(steps * batch / wall, np.array(intervals), shown, gui_cpu / wall, wall,
                       dict(b.frames), {k: list(v) for k, v in b.costs.items()}, dict(b.call_cpu),
                       dict(b.merged), child, process_cpu, child["reader_cpu_s"], stats_s)
    if profiler is not None:
        import pstats
        profiler.disable()
        pstats.Stats(profiler).sort_stats(os.environ.get("NUMNET_PROFILE_SORT", "tottime")).print_stats(40)
    timer.stop()
    c.shutdown(5000)
    QThreadPool.globalInstance().waitForDone(5000)
    w.close()
    w.deleteLater()
    app.processEvents()
    return result


def steps_for(net: str, seconds: float) -> tuple[int, int]:
    """Timed and warm-up mini-batches that take about ``seconds`` and a tenth of it headless."""
    rate = headless_rate(net, 40, 10) / NETS[net][2]      # mini-batches a second
    return max(20, int(rate * seconds)), max(10, int(rate * seconds / 10))


def report(net: str, layout: str, heads: list[float], runs: list[GuiResult], steps: int,
           head_timing: list[dict] = ()) -> list[str]:
    ratios = [g.rate / ((heads[i] + heads[i + 1]) / 2) for i, g in enumerate(runs)]
    p99s = [float(np.percentile(g.intervals, 99)) for g in runs if len(g.intervals)]
    name, preset, batch, _ = NETS[net]
    hz = TARGET_HZ[layout]
    out = [f"{net}: preset {preset} on {name}, batch {batch}, {steps} mini-batches timed; "
           f"layout {layout}: {', '.join(runs[0].panels) or 'no live panel'} visible",
           "  training with the GUI ÷ headless: " + ", ".join(f"{r:.3f}" for r in ratios) +
           f"   median {np.median(ratios):.2f}  (target ≥ {TARGET_RATIO})",
           "  60 Hz GUI timer p99: " + ", ".join(f"{p:.1f}" for p in p99s) +
           f" ms   median {np.median(p99s):.1f} ms  (target ≤ {TARGET_P99_MS:.0f} ms)",
           "  GUI thread busy: " + ", ".join(f"{100 * g.gui_busy:.1f}%" for g in runs) +
           " of the time (its CPU time ÷ wall time)",
           *child_lines(head_timing, runs),
           f"  {'panel':20s} {'frames/s':>9s}   CPU ms per frame: redraw call (mean), with the "
           "event-loop pass that paints it (median)"]
    for panel in runs[0].panels:
        rates = [g.frames.get(panel, 0) / g.seconds for g in runs]
        costs = sum((g.costs.get(panel, []) for g in runs), [])
        n = sum(g.frames.get(panel, 0) for g in runs)
        call = 1000 * sum(g.calls.get(panel, 0.0) for g in runs) / n if n else float("nan")
        paint = 1000 * float(np.median(costs)) if costs else float("nan")
        if not n:
            out.append(f"  {panel:20s} {'-':>9s}   no frame through the draw budget (nothing new "
                       "to show, or draws when paused, on request or outside the budget)")
            continue
        # how often it asked to draw: each frame, plus each request merged into a waiting one
        asked = float(np.median([(g.frames.get(panel, 0) + g.merged.get(panel, 0)) / g.seconds
                                 for g in runs]))
        if np.median(rates) >= hz:
            ok = "ok"
        elif asked < hz:         # it had something new less often than the target: not held back
            ok = f"ok: had something new only {asked:.1f} times a second"
        else:
            ok = f"below {hz:g}/s"
        out.append(f"  {panel:20s} {np.median(rates):9.1f}   {call:6.1f}, {paint:6.1f}   {ok}")
    return out


def child_lines(head_timing, runs: list[GuiResult]) -> list[str]:
    """Where the training process's time went, headless and with the window, and what the GUI
    process used meanwhile (CPU ms per step: robust to other work on the machine)."""
    from core import loop_timing
    out = [f"  training process headless: {loop_timing.describe(t)}" for t in head_timing[:1]]
    for g in runs:
        n = max(1, g.child.get("steps", 0))
        out.append(f"  training process with GUI: {loop_timing.describe(g.child)}")
        out.append(f"  GUI process per step: CPU {1000 * g.gui_process_cpu / n:.2f} ms (all threads),"
                   f" of it the worker's receiving thread {1000 * g.reader_cpu / n:.2f} ms; layer "
                   f"statistics {len(g.stats_s) / g.seconds:.1f}/s, "
                   f"{1000 * float(np.median(g.stats_s)) if g.stats_s else float('nan'):.0f} ms each "
                   "(median, wall time, gui.stats_thread)")
    return out


_QT_NOISE = ("does not support propagateSizeHints", "does not support raise")


def quiet_qt_messages() -> None:
    """Drop the offscreen platform's "This plugin does not support …" lines (one per floating
    window and raise), pass every other Qt message on to stderr."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_mode, _context, message: str) -> None:
        if not any(noise in message for noise in _QT_NOISE):
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m gui.bench", description=__doc__.split("\n")[0])
    p.add_argument("--nets", nargs="*", choices=list(NETS), default=list(NETS))
    p.add_argument("--layouts", nargs="*", choices=LAYOUTS, default=list(LAYOUTS))
    p.add_argument("--seconds", type=float, default=4.0, help="about how long a timed run trains")
    p.add_argument("--repeat", type=int, default=3,
                   help="GUI runs, each between two headless runs; the medians are the result")
    p.add_argument("--switch-interval", type=float, default=None,
                   help="sys.setswitchinterval for the run (s; the app's gui.app.SWITCH_INTERVAL_S, "
                        "Python's default 0.005): how long a thread may hold the GIL while another waits")
    p.add_argument("--only", nargs="*", help="float only these docks in the live layout, e.g. weightsDock")
    args = p.parse_args(argv)
    from core import threads
    from gui.throttle import draw_budget
    threads.set_blas_threads(1)
    quiet_qt_messages()
    from gui.app import ensure_app
    ensure_app([])                       # (it sets the app's switch interval: ours comes after)
    if args.switch_interval:
        sys.setswitchinterval(args.switch_interval)
    lines = []
    for net in args.nets:
        starts = startup_seconds(net)
        print(f"{net}: start-up (spawn, imports, data, trainer) " +
              ", ".join(f"{s:.2f}" for s in starts) + " s", flush=True)
        steps, warmup = steps_for(net, args.seconds)
        for layout in args.layouts:
            head_timing: list[dict] = []
            heads = [headless_rate(net, steps, warmup, head_timing)]
            runs: list[GuiResult] = []
            for _ in range(max(1, args.repeat)):
                runs.append(gui_run(net, layout, steps, warmup, args.only))
                heads.append(headless_rate(net, steps, warmup, head_timing))
            new = report(net, layout, heads, runs, steps, head_timing)
            lines += new
            print("\n".join(new), flush=True)
    b = draw_budget()
    load = os.getloadavg()
    print(f"\nDraw budget: {b.rate:g} frames/s per panel, frames within {100 * b.share:.0f}% of the "
          f"time. GIL switch interval {1000 * sys.getswitchinterval():g} ms. Load average at the "
          f"end: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores (above the "
          "number of cores, other work competes: ratios and p99 are noisy, CPU ms per frame are not).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
