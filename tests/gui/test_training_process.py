"""The run trains in a process of its own (issue 18): closing the window ends it, a killed or
failing process is reported and the app goes on, start/stop cycles leave nothing behind, and
the process never outlives the app."""
import multiprocessing
import os
import select
import signal
import subprocess
import sys
import textwrap
import time
from multiprocessing import resource_tracker
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QThread

from core import Network, Trainer, data, presets
from core.trainer import Config
from gui import worker_registry
from gui.run_state import FinishReason, RunState
from gui.worker import TrainingWorker

ROOT = Path(__file__).resolve().parents[2]
CYCLES = int(os.environ.get("NUMNET_PROCESS_CYCLES", "100"))


def gone(pid: int) -> bool:
    """No such process, or only its zombie entry (ended, not yet reaped)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")


def children() -> list[int]:
    """This process's child processes (zombies too: a child not joined counts)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == os.getpid():
                found.append(int(entry))
    return found


def shm_segments() -> set[str]:
    return set(os.listdir("/dev/shm")) if os.path.isdir("/dev/shm") else set()


@pytest.fixture
def controller(moons_controller):
    moons_controller.settings.epochs, moons_controller.settings.batch_size = 50, 16
    return moons_controller


def test_closing_the_window_mid_run_ends_the_thread_and_the_process_within_a_second(qtbot, new_window):
    w = new_window()
    c = w.controller
    w.actions_by_id["start"].trigger()
    qtbot.waitUntil(lambda: c.steps_done > 3, timeout=10000)
    process, pid = c.worker.process, c.worker.process.pid
    t0 = time.perf_counter()
    if not w.close():                 # a step longer than the close's quick wait: "Stopping…"
        qtbot.waitUntil(lambda: not w.isVisible(), timeout=5000)
    took = time.perf_counter() - t0
    assert took < 1.0, f"closing took {took:.2f} s"
    assert c.thread is None and worker_registry.running_threads() == []
    assert process not in multiprocessing.active_children() and gone(pid)


def test_a_killed_process_is_reported_and_a_new_run_starts(qtbot, controller):
    c = controller
    errors, finished = [], []
    c.error.connect(errors.append)
    c.run_finished.connect(finished.append)
    before = c.net.flat_params.copy()
    assert c.start()
    qtbot.waitUntil(lambda: c.steps_done > 5, timeout=10000)
    os.kill(c.worker.process.pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: bool(finished), timeout=5000)
    assert finished == [FinishReason.ERROR] and not c.busy and c.state is RunState.FINISHED
    assert len(errors) == 1 and "training process ended unexpectedly" in errors[0]
    assert "-9" in errors[0]
    np.testing.assert_array_equal(c.net.flat_params, before)   # the weights the run started with
    c.step_batches(3)                                          # the app goes on: a new run
    qtbot.waitUntil(lambda: c.state is RunState.PAUSED and c.trainer_step == 3, timeout=10000)
    assert c.stop(wait=True)
    assert not np.array_equal(c.net.flat_params, before)


def test_an_error_in_the_process_arrives_with_its_traceback(qtbot):
    ds = data.make_toy("moons", n=200, rng=np.random.default_rng(0))
    net = Network.from_spec(presets.get("toy"), rng=np.random.default_rng(0))
    tr = Trainer(net, ds, Config(epochs=1, batch_size=16))
    tr.batch_size = 0                          # the process refuses this run's state
    w = TrainingWorker(tr)
    thread = worker_registry.register(QThread())
    w.moveToThread(thread)
    thread.started.connect(w.run)
    errors = []
    w.error.connect(errors.append)
    with qtbot.waitSignal(w.finished, timeout=20000) as done:
        thread.start()
    thread.quit()
    assert thread.wait(5000)
    assert done.args == [FinishReason.ERROR]
    assert len(errors) == 1 and errors[0].startswith("ValueError: batch size")
    assert "Traceback (most recent call last)" in errors[0] and "load_state_dict" in errors[0]


def test_start_stop_cycles_leave_no_process_and_no_shared_memory(qtbot, controller):
    c = controller
    c.settings.epochs = 10000         # 100 cycles never use the run up (50 epochs of moons did, in CI)
    shm, before = shm_segments(), children()
    pids = []
    for i in range(CYCLES):
        assert c.start()
        if i % 2:                     # stopped at once (before its process has its run), or training
            qtbot.waitUntil(lambda: c.steps_done > 0 and c.worker is not None
                            and c.worker.process is not None, timeout=10000)
            pids.append(c.worker.process.pid)
        assert c.stop(wait=True, timeout_ms=10000)
        assert not c.busy
    tracker = resource_tracker._resource_tracker._pid    # multiprocessing's own helper, kept
    assert multiprocessing.active_children() == []
    assert [pid for pid in children() if pid != tracker] == [p for p in before if p != tracker]
    assert len(pids) == CYCLES // 2 and all(gone(pid) for pid in pids)
    assert shm_segments() - shm == set()
    assert worker_registry.running_threads() == []


CHILD_OF_A_KILLED_APP = textwrap.dedent("""
    import multiprocessing, os, signal, sys
    import numpy as np
    sys.path.insert(0, {root!r})
    from core import Network, Trainer, data, presets, trainer_transfer, training_child, wire
    from core.trainer import Config

    if __name__ == "__main__":
        ds = data.make_toy("moons", n=800, rng=np.random.default_rng(0))
        net = Network.from_spec(presets.get("toy"), rng=np.random.default_rng(0))
        tr = Trainer(net, ds, Config(epochs=10000, batch_size=16))
        ctx = multiprocessing.get_context("spawn")
        parent, child = ctx.Pipe()
        p = ctx.Process(target=training_child.main, args=(child, os.getpid()))
        p.start()
        child.close()
        run = trainer_transfer.pack_run(tr)
        run.update(probe=None, paused=False, delay_ms=0)
        wire.send(parent, "start", run)
        while wire.recv(parent)[0] != "steps":    # it trains
            pass
        print(p.pid, flush=True)
        signal.pause()                            # until the test kills this "app"
""")


def test_the_process_ends_when_the_app_is_killed(tmp_path):
    script = tmp_path / "app.py"
    script.write_text(CHILD_OF_A_KILLED_APP.format(root=str(ROOT)))
    app = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        ready, _, _ = select.select([app.stdout], [], [], 30)
        assert ready, "the app did not start its training process"
        pid = int(app.stdout.readline())
        assert not gone(pid)
        ended = os.pidfd_open(pid)                 # readable once the process has ended
        try:
            app.kill()                             # no chance to clean up
            app.wait(10)
            exited, _, _ = select.select([ended], [], [], 5)
        finally:
            os.close(ended)
        assert exited and gone(pid), "the training process outlived the app"
    finally:
        app.kill()
        app.wait(10)
