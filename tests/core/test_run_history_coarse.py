"""A long run's history gets coarser (core.coarse_record): bounded memory, true step numbers,
the curve's means kept, epochs and marks exact, and the run file still loads (issue 13)."""
from __future__ import annotations

import numpy as np
import pytest

from core import Network, checkpoint, coarse_record, data
from core.run_history import Epoch, History, Mark, Step
from core.trainer import Config, Trainer

N = 1_000_000


def synthetic_loss(k: np.ndarray) -> np.ndarray:
    """A falling loss with a slow wave and per-step noise (what a long run looks like)."""
    noise = np.random.default_rng(0).normal(0, 0.2, len(k))
    return 2.0 * np.exp(-k / 300_000) + 0.3 * np.sin(k / 20_000) + 0.5 + noise


def range_means(steps, values, counts, edges) -> np.ndarray:
    """Count-weighted mean of the rows whose (last) step falls in each range."""
    which = np.searchsorted(edges, steps, side="left") - 1
    w = np.bincount(which, counts * values, len(edges) - 1)
    n = np.bincount(which, counts, len(edges) - 1)
    return w / n


@pytest.fixture(scope="module")
def long_history():
    k = np.arange(1, N + 1)
    loss = synthetic_loss(k)
    h = History()
    for i in range(N):
        h.add_step(Step(1 + i // 60_000, i + 1, loss[i], 0.5, 0.01, 32, 0.5))
        if (i + 1) % 60_000 == 0:
            h.epochs.append(Epoch(1 + i // 60_000, i + 1, 1.0, 0.5, 1.0, 0.5, None, None, 1.0, 1.0))
        if i + 1 == 123_457:
            h.marks.append(Mark(123_457, "lr", 0.005))
    return h, k, loss


def test_a_million_steps_take_bounded_memory_with_true_step_numbers(long_history):
    h, k, _ = long_history
    assert h.n_steps <= coarse_record.MAX_ROWS
    assert h._rows.nbytes <= coarse_record.MAX_ROWS * 8 * 8           # ≈ 13 MB, not 64 MB
    cols = h.step_columns()
    counts = cols["count"].astype(int)
    assert counts.sum() == N and counts.max() > 1
    # each row's step is the last step it stands for: consecutive steps add up to it
    np.testing.assert_array_equal(np.cumsum(counts), cols["step"])
    assert cols["step"][-1] == N and (np.diff(counts[::-1]) >= 0).all()    # older: coarser or equal
    # the newest steps are kept one by one, exactly
    newest = coarse_record.KEEP
    np.testing.assert_array_equal(counts[-newest:], 1)
    np.testing.assert_array_equal(cols["step"][-newest:], k[-newest:])


def test_the_curves_shape_is_kept(long_history):
    h, k, loss = long_history
    cols = h.step_columns()
    for n_ranges in (100, 1000):
        edges = np.linspace(0, N, n_ranges + 1)
        exact = range_means(k, loss, np.ones(N), edges)
        coarse = range_means(cols["step"], cols["loss"], cols["count"], edges)
        # ranges of 1 000 steps are not aligned with the 2**k-step bins: a bin's worth of
        # noise at the edges at most
        np.testing.assert_allclose(coarse, exact, atol=0.01 if n_ranges == 1000 else 1e-3)
    assert np.average(cols["loss"], weights=cols["count"]) == pytest.approx(loss.mean(), rel=1e-9)


def test_epochs_and_marks_are_kept_exactly(long_history):
    h, _, _ = long_history
    assert [e.step for e in h.epochs] == list(range(60_000, N + 1, 60_000))
    assert h.marks == [Mark(123_457, "lr", 0.005)]
    cols = h.step_columns()
    # the epoch column of a merged row is its last step's epoch
    np.testing.assert_array_equal(cols["epoch"], 1 + (cols["step"] - 1) // 60_000)


def test_merges_use_weighted_means_and_keep_the_last_rows_fields():
    h = History(max_rows=8)
    for i in range(1, 10):      # the 9th row finds 8: the oldest 6 are merged (the newest 2 kept)
        h.add_step(Step(1 if i <= 4 else 2, i, float(i), i / 10, 0.1 * i, 10 + i, i / 9))
    cols = h.step_columns()
    # rows 1..6 merged into bins of 2 steps: (1, 2), (3, 4), (5, 6); rows 7, 8, 9 as they were
    np.testing.assert_array_equal(cols["step"], [2, 4, 6, 7, 8, 9])
    np.testing.assert_array_equal(cols["count"], [2, 2, 2, 1, 1, 1])
    np.testing.assert_allclose(cols["loss"], [1.5, 3.5, 5.5, 7, 8, 9])
    np.testing.assert_allclose(cols["lr"], [0.15, 0.35, 0.55, 0.7, 0.8, 0.9])
    np.testing.assert_array_equal(cols["batch_size"], [12, 14, 16, 17, 18, 19])
    np.testing.assert_array_equal(cols["epoch"], [1, 1, 2, 2, 2, 2])
    np.testing.assert_allclose(cols["epoch_progress"][:3], [2 / 9, 4 / 9, 6 / 9])
    for i in range(10, 40):
        h.add_step(Step(3, i, float(i), 0.5, 0.1, 10, 0.5))
    cols = h.step_columns()
    assert h.n_steps <= 8 and cols["count"].sum() == 39
    np.testing.assert_allclose(np.average(cols["loss"], weights=cols["count"]), np.mean(range(1, 40)))


def test_a_non_finite_loss_stays_visible_in_its_merged_row():
    h = History(max_rows=8)
    for i in range(1, 12):
        h.add_step(Step(1, i, np.inf if i == 3 else 1.0, 0.5, 0.1, 10, 0.5))
    cols = h.step_columns()
    bad = cols["step"][~np.isfinite(cols["loss"])]
    assert len(bad) == 1 and bad[0] - cols["count"][~np.isfinite(cols["loss"])][0] < 3 <= bad[0]


def test_json_round_trip_and_older_files():
    h = History(max_rows=16)
    for i in range(1, 101):
        h.add_step(Step(1, i, 1.0 / i, 0.5, 0.01, 8, i / 100))
    j = h.to_json()
    assert "count" in j["steps"][0] and "count" not in j["steps"][-1]     # 1 is left out
    again = History.from_json(j)
    for key, col in h.step_columns().items():
        np.testing.assert_array_equal(again.step_columns()[key], col)
    old = {"steps": [{"epoch": 1, "step": 1, "loss": 2.0, "acc": 0.1, "lr": 0.1, "batch_size": 4,
                      "epoch_progress": 0.5}], "epochs": []}           # before counts (and marks)
    assert History.from_json(old).steps[0].count == 1
    with pytest.raises(ValueError):
        History.from_json({"steps": [dict(old["steps"][0], count=0)], "epochs": []})


def test_a_coarse_run_file_saves_and_loads(tmp_path):
    toy = data.make_toy("xor", n=100)
    spec = {"input_shape": [2], "layers": [{"type": "dense", "units": 4, "activation": "tanh"},
                                           {"type": "dense", "units": 2}],
            "loss": "softmax_cross_entropy"}
    trainer = Trainer(Network.from_spec(spec, rng=np.random.default_rng(0)), toy,
                      Config(epochs=4, batch_size=10))
    trainer.history = History(max_rows=8)
    list(trainer.run())
    before = trainer.history.step_columns()
    assert before["count"].max() > 1 and before["count"].sum() == trainer.step > 16
    path = tmp_path / "coarse.run"
    checkpoint.save_run(trainer, path)
    resumed = checkpoint.load_run(path, toy)
    for key, col in before.items():
        np.testing.assert_array_equal(resumed.history.step_columns()[key], col)
    assert len(resumed.history.epochs) == 4
