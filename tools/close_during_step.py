"""Close the real app while one training step takes seconds, and check it exits cleanly.

Each case starts ``numnet`` (``gui.app.main``, offscreen, fresh settings) in its own process,
builds the CNN preset, sets the batch size to 4096, presses Start, and closes the window in the
middle of a step (after the second step ended, at a random fraction of that step's duration).
A clean case exits with code 0 and never prints "Destroyed while thread".

    python tools/close_during_step.py              # NUMNET_CLOSE_LOOPS cases (default 20)
    python tools/close_during_step.py --cases 2

Prints one line per case and a summary (exit codes, close-to-exit seconds median / max).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PRESET = "cnn"
BATCH = 4096
BAD = "Destroyed while thread"


HOW = ("close", "quit", "exit")   # window.close() (the close button, Ctrl+Q), QApplication.quit(),
                                  # QCoreApplication.exit(0) (bypasses the window: aboutToQuit joins)


def _child(seed: int, how: str) -> int:
    """Runs in the app's process: the real ``main()``, with a hook on the window it creates."""
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QCoreApplication, QTimer

    import gui.app as app
    from core import presets

    make = app.create_main_window
    rng = random.Random(seed)

    def create(restore: bool = True):
        w = make(restore)
        w.quiet_errors = True           # unsaved network: discarded without a dialog
        QTimer.singleShot(0, lambda: drive(w))
        return w

    def drive(w):
        w.apply_spec(presets.get(PRESET), 0)
        w.change_setting("batch_size", BATCH)
        c = w.controller
        seen = []

        def on_steps(_):
            seen.append(time.monotonic())
            if len(seen) == 2:          # the worker reports every step this long: one step's time
                delay = rng.uniform(0.05, 0.6) * (seen[1] - seen[0])
                QTimer.singleShot(int(delay * 1000), close)

        def close():
            print(f"CLOSE {time.time():.3f} step_s {seen[1] - seen[0]:.2f}", file=sys.stderr, flush=True)
            if how == "close":
                closed = w.close()
                print(f"DEFERRED {int(not closed)}", file=sys.stderr, flush=True)
            elif how == "quit":
                QCoreApplication.quit()
            else:
                QCoreApplication.exit(0)

        c.steps_ready.connect(on_steps)
        w.actions_by_id["start"].trigger()

    app.create_main_window = create
    return app.main(["numnet"])


def run_case(seed: int, how: str = "close", timeout: float = 600.0) -> dict:
    """One app process; returns exit code, whether Qt complained, close-to-exit seconds."""
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=home,
                   OPENBLAS_NUM_THREADS="1")
        proc = subprocess.Popen([sys.executable, __file__, "--child", str(seed), "--how", how],
                                cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
        ended = time.time()
    close_at = step_s = deferred = None
    for line in err.splitlines():
        if line.startswith("CLOSE "):
            parts = line.split()
            close_at, step_s = float(parts[1]), float(parts[3])
        elif line.startswith("DEFERRED "):
            deferred = line.split()[1] == "1"   # the close waited for the step ("Stopping…")
    return {"seed": seed, "how": how, "exit": proc.returncode, "destroyed": BAD in err + out,
            "closed": close_at is not None, "deferred": deferred, "step_s": step_s,
            "close_to_exit_s": None if close_at is None else round(ended - close_at, 2),
            "stderr_tail": err[-600:]}


def clean(case: dict) -> bool:
    return case["exit"] == 0 and not case["destroyed"] and case["closed"]


def summary(cases: list[dict]) -> str:
    times = [c["close_to_exit_s"] for c in cases if c["close_to_exit_s"] is not None]
    codes = sorted({c["exit"] for c in cases})
    text = f"{sum(map(clean, cases))} of {len(cases)} clean; exit codes {codes}"
    deferred = [c["deferred"] for c in cases if c["deferred"] is not None]
    if deferred:
        text += f"; {sum(deferred)} of {len(deferred)} closes waited for a running step"
    if times:
        text += f"; close-to-exit median {statistics.median(times):.2f} s, max {max(times):.2f} s"
    return text


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=int(os.environ.get("NUMNET_CLOSE_LOOPS", "20")))
    ap.add_argument("--how", choices=HOW, default="close",
                    help="how the app is ended mid-step (default: the window is closed)")
    ap.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child is not None:
        return _child(args.child, args.how)
    cases = []
    for seed in range(args.cases):
        case = run_case(seed, args.how)
        cases.append(case)
        print(json.dumps({k: v for k, v in case.items() if k != "stderr_tail"}), flush=True)
        if not clean(case):
            print(case["stderr_tail"], file=sys.stderr)
    print(summary(cases))
    return 0 if all(map(clean, cases)) else 1


if __name__ == "__main__":
    sys.exit(main())
