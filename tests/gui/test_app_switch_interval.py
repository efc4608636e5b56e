"""The app shortens how long a thread may hold the interpreter lock while the GUI thread waits
for it (the layer statistics thread computes in the GUI's process)."""
import os
import subprocess
import sys
from pathlib import Path

from gui.app import SWITCH_INTERVAL_S

ROOT = Path(__file__).resolve().parents[2]


def test_a_new_app_sets_the_gil_switch_interval():
    code = ("import sys; from gui.app import ensure_app; before = sys.getswitchinterval(); "
            "ensure_app([]); print(before, sys.getswitchinterval())")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=60, check=True).stdout.split()
    before, after = map(float, out[-2:])
    assert before == 0.005 and after == SWITCH_INTERVAL_S < before
