"""The training worker in a real QThread, driven through its thread-safe controls; the run
trains in the worker's process, and the trainer given to the worker takes its final state."""
import time

import numpy as np
import pytest
from PySide6.QtCore import Qt, QThread

from core import Network, Trainer, data, live_settings, presets
from core.live_settings import Target
from core.trainer import Config
from gui import worker_registry
from gui.worker import EMIT_HZ, TrainingWorker


class Recorder:
    """Collects worker signals in the GUI thread (bound methods: queued delivery)."""

    def __init__(self, w):
        self.steps, self.epochs, self.settings, self.snaps, self.paused = [], [], [], [], []
        self.diverged, self.finished, self.warnings = [], [], []
        w.steps_ready.connect(self.on_steps)
        w.epoch_ready.connect(self.epochs.append)
        w.setting_applied.connect(self.on_setting)
        w.snapshot_ready.connect(self.on_snap)
        w.paused.connect(self.paused.append)
        w.diverged.connect(self.diverged.append)
        w.finished.connect(self.finished.append)
        w.warning.connect(self.warnings.append)

    def on_steps(self, cols):
        self.steps.append(cols)

    def on_setting(self, name, value, step):
        self.settings.append((name, value, step))

    def on_snap(self, params, step):
        self.snaps.append((params, step))

    def all(self, key):
        return np.concatenate([c[key] for c in self.steps]) if self.steps else np.array([])


def make_worker(epochs=2, lr=0.05, optimizer="sgd", paused=False, ds=None, spec="toy"):
    ds = ds or data.make_toy("moons", n=800, rng=np.random.default_rng(0))
    net = Network.from_spec(presets.get(spec), rng=np.random.default_rng(0))
    tr = Trainer(net, ds, Config(epochs=epochs, batch_size=16, optimizer=optimizer, lr=lr,
                                 max_eval=200))
    w = TrainingWorker(tr, start_paused=paused)
    thread = worker_registry.register(QThread())
    w.moveToThread(thread)
    thread.started.connect(w.run)
    return w, thread, tr


@pytest.fixture
def run_worker(qtbot):
    made = []

    def start(**kw):
        w, thread, tr = make_worker(**kw)
        rec = Recorder(w)
        made.append((w, thread))
        thread.start()
        return w, thread, tr, rec

    yield start
    for w, thread in made:
        w.stop()
        thread.quit()
        assert thread.wait(5000)


def test_runs_to_completion_and_batches_its_signals(qtbot, run_worker):
    w, thread, tr, rec = run_worker(epochs=3)
    qtbot.waitUntil(lambda: bool(rec.finished), timeout=20000)
    assert rec.finished == ["completed"]
    steps = rec.all("step")
    assert list(steps) == list(range(1, tr.step + 1))          # every step, once, in order
    assert len(rec.epochs) == 3
    assert len(rec.steps) < len(steps)                          # batched, not one signal per step
    assert np.isfinite(rec.all("loss")).all()


def test_pause_resume_and_step_one_batch(qtbot, run_worker):
    w, thread, tr, rec = run_worker(epochs=50, paused=True)
    qtbot.waitUntil(lambda: rec.paused == [True], timeout=5000)
    assert rec.all("step").size == 0
    w.step_batches(1)
    qtbot.waitUntil(lambda: rec.paused[-1] is True and len(rec.paused) == 3, timeout=5000)
    assert list(rec.all("step")) == [1]
    w.step_batches(3)
    qtbot.waitUntil(lambda: len(rec.paused) == 5, timeout=5000)
    assert list(rec.all("step")) == [1, 2, 3, 4]
    w.resume()
    qtbot.waitUntil(lambda: rec.all("step").size > 50, timeout=10000)
    w.pause()
    qtbot.waitUntil(lambda: rec.paused[-1] is True and len(rec.paused) == 7, timeout=5000)
    n = w.step
    assert n == rec.all("step")[-1] and tr.step == 0   # the trainer here is stale meanwhile
    w.request_snapshot()                        # served while paused
    qtbot.waitUntil(lambda: bool(rec.snaps), timeout=5000)
    assert rec.snaps[0][1] == n and w.step == n
    w.stop()
    qtbot.waitUntil(lambda: bool(rec.finished), timeout=5000)
    assert rec.finished == ["stopped"]
    assert tr.step == n                         # the run's state came back


def test_learning_rate_change_applies_at_next_batch(qtbot, run_worker):
    w, thread, tr, rec = run_worker(epochs=50, paused=True)
    qtbot.waitUntil(lambda: rec.paused == [True], timeout=5000)
    w.step_batches(2)
    qtbot.waitUntil(lambda: len(rec.paused) == 3, timeout=5000)
    w.set_setting("lr", 0.007)
    w.set_setting("batch_size", 8)
    w.step_batches(2)
    qtbot.waitUntil(lambda: len(rec.paused) == 5, timeout=5000)
    assert list(rec.all("lr")) == pytest.approx([0.05, 0.05, 0.007, 0.007])
    assert list(rec.all("batch_size")) == [16, 16, 8, 8]
    assert ("lr", 0.007, 3) in rec.settings and ("batch_size", 8, 3) in rec.settings
    w.set_setting("lr", -1.0)                    # rejected with a warning, training goes on
    w.step_batches(1)
    qtbot.waitUntil(lambda: len(rec.paused) == 7, timeout=5000)
    assert rec.warnings == ["Learning rate (lr) must be a number from 1e-06 to 1000, got -1.0"]
    assert rec.all("lr")[-1] == pytest.approx(0.007)
    assert ("lr", -1.0, 6) not in rec.settings


def test_only_live_settings_reach_a_running_worker(qtbot, run_worker):
    w, thread, tr, rec = run_worker(epochs=50, paused=True)
    with pytest.raises(ValueError, match="unknown setting 'learning_rate'"):
        w.set_setting("learning_rate", 0.1)
    with pytest.raises(ValueError, match=r"Epochs \(epochs\) cannot change while training runs"):
        w.set_setting("epochs", 3)
    with pytest.raises(ValueError, match=r"Slow motion \(delay_ms\) must be a whole number from 0 to 1000"):
        w.set_setting("delay_ms", 5000)
    w.set_setting("delay_ms", 250)                # the loop's own setting applies at once
    qtbot.waitUntil(lambda: rec.paused == [True], timeout=5000)
    t0 = time.perf_counter()
    w.step_batches(2)                             # each step waits 250 ms after it
    qtbot.waitUntil(lambda: len(rec.paused) == 3, timeout=5000)
    assert rec.all("step").size == 2 and time.perf_counter() - t0 >= 0.45
    for setting in live_settings.for_target(Target.WORKER):
        assert callable(getattr(TrainingWorker, setting.setter))


def test_snapshot_is_a_copy(qtbot, run_worker):
    w, thread, tr, rec = run_worker(epochs=50, paused=True)
    qtbot.waitUntil(lambda: rec.paused == [True], timeout=5000)
    w.request_snapshot()
    qtbot.waitUntil(lambda: bool(rec.snaps), timeout=5000)
    params, step = rec.snaps[0]
    assert step == 0
    for name, p in tr.net.parameters().items():
        assert not np.shares_memory(params[name], p)
        np.testing.assert_array_equal(params[name], p)


def test_divergence_pauses_then_recover_continues(qtbot, run_worker):
    w, thread, tr, rec = run_worker(epochs=3, optimizer="adam", lr=1e3)
    qtbot.waitUntil(lambda: bool(rec.diverged), timeout=10000)
    qtbot.waitUntil(lambda: bool(rec.paused) and rec.paused[-1] is True, timeout=5000)
    info = rec.diverged[0]
    assert "learning rate" in info["message"] and info["lr"] == 1e3
    assert np.isfinite(rec.all("loss")).all()
    w.recover(0.01)
    qtbot.waitUntil(lambda: bool(rec.finished), timeout=20000)
    assert rec.finished == ["completed"]
    assert tr.lr == 0.01
    assert np.isfinite(tr.net.flat_params).all()


def test_emission_rate_is_limited(qtbot, run_worker):
    w, thread, tr, rec = run_worker(epochs=8)
    with qtbot.waitSignal(w.finished, timeout=30000):
        pass
    steps = rec.all("step").size
    # the per-step signal is emitted at most EMIT_HZ times a second, plus flushes at epoch ends
    assert len(rec.steps) <= steps / 5
    assert EMIT_HZ <= 20


def test_layer_statistics_are_sampled_without_being_asked(qtbot):
    w, thread, tr = make_worker(epochs=1)
    w.probe = tr.data.gather("train", tr.val_idx[:64])
    w.set_delay_ms(20)                                 # ~45 steps in about a second
    got = []
    w.stats_ready.connect(lambda stats, step: got.append((time.perf_counter(), step, stats)),
                          type=Qt.ConnectionType.DirectConnection)
    with qtbot.waitSignal(w.finished, timeout=20000):
        thread.start()
    thread.quit()
    assert thread.wait(5000)
    times, steps = [t for t, _, _ in got], [s for _, s, _ in got]
    assert len(got) >= 3 and steps[0] <= 2 and steps[-1] == tr.step    # from the start to the end
    assert steps == sorted(set(steps))                 # never twice for the same step
    assert min(np.diff(times[:-1])) >= 1 / w.stats_rate - 0.02  # at most stats_rate a second
    assert all(len(stats["layers"]) == 3 for _, _, stats in got)   # every dense layer


def test_statistics_where_the_run_ended_equal_those_of_the_final_network(qtbot):
    from core import layer_stats
    w, thread, tr = make_worker(epochs=1)
    w.probe = tr.data.gather("train", tr.val_idx[:64])
    got = []
    w.stats_ready.connect(lambda stats, step: got.append((step, stats)),
                          type=Qt.ConnectionType.DirectConnection)
    with qtbot.waitSignal(w.finished, timeout=20000):
        thread.start()
    thread.quit()
    assert thread.wait(5000)
    step, stats = got[-1]
    assert step == tr.step          # computed in the GUI process, from the run's final weights
    live = layer_stats.layer_stats(tr.net, *w.probe)
    assert stats["loss"] == live["loss"]
    for mine, theirs in zip(stats["layers"], live["layers"], strict=True):
        for key in ("weights", "activations", "gradients"):
            np.testing.assert_array_equal(mine[key], theirs[key])


def test_one_snapshot_request_serves_the_panels_and_the_statistics(qtbot):
    w, thread, tr = make_worker(epochs=1, paused=True)
    w.probe = tr.data.gather("train", tr.val_idx[:64])
    rec = Recorder(w)
    stats = []
    w.stats_ready.connect(lambda s, step: stats.append(step), type=Qt.ConnectionType.DirectConnection)
    with qtbot.waitSignal(w.paused, timeout=20000):
        thread.start()
    w.request_snapshot()             # a panel asks for weights ...
    w.request_stats()                # ... and for statistics before the answer came
    qtbot.waitUntil(lambda: bool(rec.snaps and stats), timeout=10000)
    assert [s for _, s in rec.snaps] == [0] and stats == [0]
    w.step_batches(1)
    qtbot.waitUntil(lambda: rec.paused[-1:] == [True] and w.step == 1, timeout=10000)
    assert w.timing["snapshot_n"] == 1 and w.timing["steps"] == 1   # the process copied once
    qtbot.waitUntil(lambda: stats[-1:] == [1], timeout=10000)        # and statistics where it paused
    assert [s for _, s in rec.snaps] == [0]                          # unasked, panels get none
    with qtbot.waitSignal(w.finished, timeout=20000):
        w.stop()
    thread.quit()
    assert thread.wait(5000)
