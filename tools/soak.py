"""Soak test: the real app, offscreen, every panel visible, training the default network for N
minutes; the process's resident memory (VmRSS) sampled every minute.

    python tools/soak.py --minutes 11 [--tracemalloc]

Every dock floats in its own window (as ``gui.bench``'s live layout, but all panels), so none
hides behind a tab and every one draws. Prints one row per minute (RSS of the app and of its
training process, steps trained) and the growth from minute 1 to the end (target < 10 %).
With ``--tracemalloc`` it also prints the Python allocations that grew most between minute 1 and the end.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp(prefix="numnet-soak-"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def rss_mb(pid: int | str = "self") -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:                     # the process has just ended
        pass
    return 0.0


def children_rss_mb() -> float:
    """The training process (and any other child) counts too: the run lives there."""
    import multiprocessing
    return sum(rss_mb(p.pid) for p in multiprocessing.active_children())


def show_every_panel(w) -> list[str]:
    for i, (name, dock) in enumerate(w.docks.items()):
        dock.setFloating(True)
        dock.resize(560, 420)
        dock.move(30 * (i % 20), 25 * (i % 20))
        dock.show()
        w.panels[name].setVisible(True)
    return [n for n, p in w.panels.items() if p.isVisible()]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, default=11)
    ap.add_argument("--tracemalloc", action="store_true", help="diff Python allocations")
    ap.add_argument("--interval", type=float, default=60, help="seconds between samples (a 'minute')")
    args = ap.parse_args(argv)
    if args.tracemalloc:
        tracemalloc.start(12)
    from PySide6.QtCore import QTimer

    from gui.app import create_main_window, ensure_app
    app = ensure_app(["numnet-soak"])
    w = create_main_window(restore=False)
    w.quiet_errors = True
    w.resize(1600, 1000)
    w.show()
    c = w.controller
    c.settings.epochs = 10_000                      # never finishes by itself
    shown = show_every_panel(w)
    print(f"{len(shown)} of {len(w.panels)} panels visible; training the default network on "
          f"{c.dataset.name}, batch {c.settings.batch_size}", flush=True)
    rows: list[tuple] = []
    snaps = {}
    t0 = time.monotonic()

    def sample():
        minute = len(rows)
        gui, child = rss_mb(), children_rss_mb()
        rows.append((minute, gui + child, c.steps_done, time.monotonic() - t0))
        m, rss, steps, secs = rows[-1]
        print(f"{m:>6} {rss:>9.1f} {gui:>7.1f} {child:>9.1f} {steps:>10} {secs:>7.0f}", flush=True)
        if args.tracemalloc and minute in (1, int(args.minutes)):
            snaps[minute] = tracemalloc.take_snapshot()
        if minute >= args.minutes:
            timer.stop()
            w.close()                                # waits for the step, then the app quits

    print(f"{'minute':>6} {'RSS MB':>9} {'GUI':>7} {'training':>9} {'steps':>10} {'s':>7}",
          flush=True)
    timer = QTimer()
    timer.setInterval(int(args.interval * 1000))
    timer.timeout.connect(sample)
    w.actions_by_id["start"].trigger()
    sample()
    timer.start()
    code = app.exec()
    if len(rows) > 2:
        first, last = rows[1][1], rows[-1][1]
        print(f"growth minute 1 → {rows[-1][0]}: {last - first:+.1f} MB ({100 * (last / first - 1):+.1f} %)")
    if len(snaps) == 2:
        a, b = snaps[1], snaps[int(args.minutes)]
        print("largest Python allocation growth, minute 1 → end:")
        for stat in b.compare_to(a, "lineno")[:15]:
            print("  ", stat)
    return code


if __name__ == "__main__":
    sys.exit(main())
