"""What the metrics panel keeps is bounded like the run's history (core.coarse_record): a
million steps stay under a memory bound, the curve's means are kept, the epochs exactly."""
import csv

import numpy as np

from core import coarse_record
from gui.metric_series import MetricSeries

N = 1_000_000
CHUNK = 1000            # the worker sends about this many steps at a time at ~10 000 steps/s


def loss_at(k):
    return 2.0 * np.exp(-k / 300_000) + 0.3 * np.sin(k / 20_000) + 0.5 \
        + np.random.default_rng(int(k[0])).normal(0, 0.2, len(k))


def chunk(start, n, offset=0):
    k = np.arange(start, start + n)
    return {"step": k + offset, "epoch": 1 + (k - 1) // 60_000, "loss": loss_at(k),
            "acc": np.full(n, 0.5), "lr": np.full(n, 0.01), "progress": np.full(n, 0.5)}


def buffers_bytes(s: MetricSeries) -> int:
    return sum(b._a.nbytes for b in (*s.steps.values(), s.step_counts, *s.epochs.values()))


def test_a_million_steps_stay_bounded_and_keep_the_curves_shape():
    s = MetricSeries()
    held = s.steps["loss"]                           # the panel holds the buffers themselves
    exact = np.empty(N)
    for start in range(1, N + 1, CHUNK):
        cols = chunk(start, CHUNK)
        exact[start - 1:start - 1 + CHUNK] = cols["loss"]
        s.add_steps(cols)
        if (start + CHUNK - 1) % 60_000 == 0:
            s.add_epoch({"step": start + CHUNK - 1, "epoch": (start + CHUNK - 1) // 60_000,
                         "train_loss": 1.0, "val_loss": 1.1, "train_acc": 0.5, "val_acc": 0.4,
                         "test_acc": None})
    assert s.steps["loss"] is held
    steps, loss, counts = s.steps["step"].view(), held.view(), s.step_counts.view()
    assert len(steps) <= coarse_record.MAX_ROWS + CHUNK
    assert buffers_bytes(s) < 16e6                   # 6 buffers of 2**18 floats; unbounded: 48 MB+
    assert counts.sum() == N and steps[-1] == N
    np.testing.assert_array_equal(np.cumsum(counts), steps)     # true step numbers
    np.testing.assert_array_equal(loss[-coarse_record.KEEP:], exact[-coarse_record.KEEP:])
    edges = np.linspace(0, N, 101)
    which = np.searchsorted(edges, steps) - 1
    coarse = np.bincount(which, counts * loss, 100) / np.bincount(which, counts, 100)
    truth = exact.reshape(100, -1).mean(axis=1)
    np.testing.assert_allclose(coarse, truth, atol=1e-3)
    assert len(s.epochs["step"].view()) == N // 60_000           # every epoch, exactly
    np.testing.assert_array_equal(s.epochs["step"].view(), np.arange(60_000, N + 1, 60_000))


def test_merged_rows_keep_global_step_numbers_and_go_to_the_csv(tmp_path):
    s = MetricSeries(max_rows=64)
    for start in range(1, 501, 50):
        s.add_steps(chunk(start, 50, offset=1000))   # a second run: numbering goes on at 1001
    s.add_epoch({"step": 1250, "epoch": 1, "train_loss": 1.0, "val_loss": 1.1, "train_acc": 0.5,
                 "val_acc": 0.4, "test_acc": 0.3})
    steps, counts = s.steps["step"].view(), s.step_counts.view()
    assert counts.sum() == 500 and steps[-1] == 1500 and counts.max() > 1
    assert len(steps) <= 64 + 50
    path = tmp_path / "m.csv"
    assert s.write_csv(str(path), 5) == len(steps)
    rows = list(csv.DictReader(path.open()))
    assert [int(r["batches"]) for r in rows] == counts.astype(int).tolist()
    held = [r for r in rows if r["validation_accuracy"]]
    assert len(held) == 1 and int(held[0]["iteration"]) - int(held[0]["batches"]) < 1250 \
        <= int(held[0]["iteration"])                  # on the merged row that holds step 1250


def test_an_opened_long_run_brings_its_counts():
    s = MetricSeries()
    cols = chunk(1, 4)
    cols["step"] = np.array([8, 16, 17, 18])
    cols["count"] = np.array([8, 8, 1, 1])
    cols["loss"][1] = np.nan                          # dropped, with its count
    s.add_steps(cols)
    np.testing.assert_array_equal(s.step_counts.view(), [8, 1, 1])
    s.clear()
    assert s.step_counts.n == 0 and s.steps["step"].n == 0
