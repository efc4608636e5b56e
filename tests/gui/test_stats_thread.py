"""Layer statistics computed in the GUI process from snapshots (gui.stats_thread): the same
numbers as on the live network, at most ``rate`` a second, errors reported once."""
import threading

import numpy as np

from core import Network, layer_stats
from gui.stats_thread import StatsThread

SPEC = {"input_shape": [4], "layers": [{"type": "dense", "units": 5, "activation": "relu"},
                                       {"type": "dense", "units": 3}],
        "loss": "softmax_cross_entropy"}


def _probe(n=16):
    rng = np.random.default_rng(1)
    return rng.normal(size=(n, 4)).astype(np.float32), rng.integers(0, 3, n)


def _collect():
    got, done = [], threading.Event()

    def emit(stats, step):
        got.append((stats, step))
        done.set()
    return got, done, emit


def _assert_same(a: dict, b: dict) -> None:
    assert a["loss"] == b["loss"] and len(a["layers"]) == len(b["layers"])
    for la, lb in zip(a["layers"], b["layers"], strict=True):
        for key in ("weights", "activations", "gradients"):
            np.testing.assert_array_equal(la[key], lb[key])
        for key in ("weight_hist", "act_hist", "grad_hist"):
            np.testing.assert_array_equal(la[key][0], lb[key][0])
        assert la["mean_abs_grad"] == lb["mean_abs_grad"]


def test_statistics_of_a_snapshot_equal_those_of_the_live_network():
    live = Network(SPEC, rng=np.random.default_rng(3))
    live.weight_decay = 0.01                     # the gradients include it, as the optimizer's do
    probe = _probe()
    got, done, emit = _collect()
    st = StatsThread(SPEC, live.dtype, probe, emit, warn=lambda text: None, rate=50)
    try:
        assert st.wants()
        st.offer(live.snapshot(), 7, live.weight_decay)
        assert done.wait(10)
    finally:
        st.close()
    stats, step = got[0]
    assert step == 7 and st.last_step == 7
    _assert_same(stats, layer_stats.layer_stats(live, *probe))


def _after_a_sample(rate: float):
    """A thread at ``rate`` a second that has sent its sample of step 1: (net, thread, got, done)."""
    net = Network(SPEC, rng=np.random.default_rng(3))
    got, done, emit = _collect()
    st = StatsThread(SPEC, net.dtype, _probe(), emit, warn=lambda text: None, rate=rate)
    st.offer(net.snapshot(), 1)
    if not done.wait(10):
        st.close()
        raise AssertionError("no statistics of step 1 within 10 s")
    return net, st, got, done


def test_it_waits_for_the_next_sample_and_takes_no_second_one_of_a_step():
    net, st, got, done = _after_a_sample(0.5)
    try:
        assert not st.wants()                    # the next one is due in 2 s
        assert st.wants(force=True)              # unless forced (where a run pauses)
        done.clear()
        st.offer(net.snapshot(), 1)              # the same step again: nothing to do
        st.compute_now(net.snapshot(), 1)
        assert not done.wait(0.2) and [s for _, s in got] == [1]
        st.offer(net.snapshot(), 1, force=True)  # unless asked for expressly
        assert done.wait(10) and [s for _, s in got] == [1, 1]
        st.compute_now(net.snapshot(), 2)        # in this thread
        assert [s for _, s in got] == [1, 1, 2]
    finally:
        st.close()


def test_an_error_is_reported_once_and_statistics_stop():
    net = Network(SPEC, rng=np.random.default_rng(3))
    warnings, warned = [], threading.Event()
    got, done, emit = _collect()

    def warn(text):
        warnings.append(text)
        warned.set()
    bad_probe = (np.zeros((4, 7), np.float32), np.zeros(4, np.int64))     # 7 inputs, not 4
    st = StatsThread(SPEC, net.dtype, bad_probe, emit, warn=warn, rate=50)
    try:
        st.offer(net.snapshot(), 1)
        assert warned.wait(10)
        assert st.failed and not st.wants(force=True)
        st.offer(net.snapshot(), 2)
        st.compute_now(net.snapshot(), 3)
    finally:
        st.close()
    assert len(warnings) == 1 and "Layer statistics failed" in warnings[0] and not got


def test_close_ends_the_thread():
    st = StatsThread(SPEC, np.float32, _probe(), lambda s, n: None, warn=lambda text: None)
    st.close()
    assert not st._thread.is_alive() and not st.wants()


def test_the_last_step_is_sent_even_when_the_threads_sample_of_it_came_too_late(monkeypatch):
    """The run ends (close) while the thread still computes the last step; its sample is dropped,
    so compute_now of that step must send one (a CI run's distributions panel had none)."""
    import gui.stats_thread as module
    net = Network(SPEC, rng=np.random.default_rng(3))
    got, done, emit = _collect()
    started, go = threading.Event(), threading.Event()
    real = layer_stats.layer_stats

    def slow(*args):
        started.set()
        go.wait(10)
        return real(*args)
    monkeypatch.setattr(module.layer_stats, "layer_stats", slow)
    monkeypatch.setattr(module, "JOIN_S", 0.0)
    st = StatsThread(SPEC, net.dtype, _probe(), emit, warn=lambda text: None, rate=50)
    st.offer(net.snapshot(), 9)
    assert started.wait(10)
    st.close()                                   # the run ended; the thread's sample is late
    go.set()
    st._thread.join(10)
    assert not st._thread.is_alive() and got == []        # dropped: nobody listens to the thread
    st.compute_now(net.snapshot(), 9)
    assert [s for _, s in got] == [9]


def test_a_new_rate_applies_to_the_sample_that_waits():
    """The Distributions panel shown mid-run: statistics as often as it draws, from now on."""
    import time
    net, st, got, done = _after_a_sample(0.2)
    try:
        assert not st.wants() and st.rate == 0.2          # the next one is due in 5 s
        st.set_rate(1000)
        deadline = time.perf_counter() + 5
        while not st.wants() and time.perf_counter() < deadline:
            pass
        assert st.wants() and st.rate == 1000
        done.clear()
        st.set_rate(0.2)                                   # hidden again
        st.offer(net.snapshot(), 2)
        assert done.wait(10) and not st.wants()
    finally:
        st.close()
