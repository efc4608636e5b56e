"""The bench runs end to end on a tiny budget (its numbers are not tested: speed is measured
by running it, never asserted), and the step profile covers every part of a step."""
import time

import numpy as np

from core import bench, presets, step_profile


def test_bench_networks_are_the_mnist_presets():
    names = bench.networks()
    assert "mlp" in names and "cnn" in names and "simple_conv_net" in names
    assert "toy" not in names                               # 2-D input: not an MNIST network
    assert bench.is_conv("cnn") and not bench.is_conv("mlp")


def test_bench_prints_a_row_per_network_and_the_epoch_comparison(mnist, monkeypatch, capsys):
    monkeypatch.setattr(bench.data, "load_mnist", lambda: mnist)
    monkeypatch.setattr(bench, "CHUNK_SECONDS", 0.01)
    monkeypatch.setattr(bench, "WARMUP_STEPS", 1)
    monkeypatch.setattr(bench, "_first_last", lambda ds, spec, batch, epochs: (100.0, 99.0))
    assert bench.run((1,), pairs=1, only=["mlp", "two_layer_net"], with_torch=False, epochs=2,
                     batches=[32]) == 0
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line.rstrip().endswith(tuple("0123456789"))
            and " 32 " in line]
    assert len(rows) == 2
    assert "(0.990×)" in out and "load average" in out


def test_compare_interleaves_equal_step_counts():
    calls = []

    class Side:
        def __init__(self, name, seconds_per_step):
            self.name, self.per_step = name, seconds_per_step

        def steps(self, n):
            calls.append((self.name, n))
            return n * self.per_step

    result = bench.compare([Side("a", 0.001), Side("b", 0.002)], batch=10, pairs=3)
    assert result[0][0] == 10 / 0.001 and result[1] == (10 / 0.002, 2.0)
    timed = calls[4:]                                     # after the warm-up calls
    assert [name for name, _ in timed] == ["a", "b", "b", "a", "a", "b"]
    assert len({n for _, n in timed}) == 1


def test_compare_pauses_before_each_timed_run_with_more_than_one_thread(monkeypatch):
    # the side before leaves its threads spinning (OpenBLAS ~0.1 s): the next side's run waits
    events = []

    class Side:
        def steps(self, n):
            events.append("run")
            return n * 0.001

    monkeypatch.setattr(bench.time, "sleep", lambda s: events.append(s))
    monkeypatch.setattr(bench, "_settle", 0.3)
    bench.compare([Side(), Side()], batch=10, pairs=2)
    timed = events[events.index(0.3):]                 # the warm-up runs go first, unpaused
    assert timed == [0.3, "run"] * 4
    events.clear()
    monkeypatch.setattr(bench, "_settle", 0.0)         # one thread: CPU time, nothing spins
    bench.compare([Side(), Side()], batch=10, pairs=2)
    assert all(e in ("run", 0.0) for e in events)


def test_step_profile_times_every_layer_both_ways(mnist):
    parts = step_profile.profile(presets.get("cnn"), mnist, batch=4, steps=2, warmup=1,
                                 clock=time.perf_counter)
    names = list(parts)
    assert names[0] == "gather a batch" and names[-1] == "Adam update"
    layers = len(presets.get("cnn")["layers"])
    assert sum(name.endswith(" forward") for name in names) == layers
    assert sum(name.endswith(" backward") for name in names) == layers
    assert all(np.isfinite(v) and v >= 0 for v in parts.values())
