"""BatchGatherer: the trainer's batches, the same values as Dataset.gather, in a kept array."""

import numpy as np
import pytest

from core.batch_gather import BatchGatherer
from core.dataset import Dataset
from core.toy_data import make_toy


def _images(raw_dtype, scale):
    rng = np.random.default_rng(3)
    x = rng.integers(0, 256, (40, 5, 6)).astype(raw_dtype)
    y = rng.integers(0, 4, 40).astype(np.int64)
    return Dataset("imgs", x, y, x[:10], y[:10], (1, 5, 6), 4, scale, ("a", "b", "c", "d"))


@pytest.mark.parametrize("raw_dtype, scale", [(np.uint8, 1 / 255), (np.float64, 1 / 255),
                                              (np.int32, 1.0), (np.float32, 0.5)])
def test_batches_equal_dataset_gather_bit_for_bit(raw_dtype, scale):
    ds = _images(raw_dtype, scale)
    gatherer = BatchGatherer(ds)
    for idx in ([3, 1, 39, 3], np.arange(17), [7]):
        for split in ("train", "test"):
            idx_s = np.asarray(idx) % (40 if split == "train" else 10)
            x, y = gatherer.gather(split, idx_s)
            want_x, want_y = ds.gather(split, idx_s)
            assert x.dtype == np.float32 and x.shape == want_x.shape == (len(idx_s), 1, 5, 6)
            assert np.array_equal(x.view(np.int32), want_x.view(np.int32))     # the same bits
            assert np.array_equal(y, want_y)


def test_toy_set_batches_equal_dataset_gather():
    ds = make_toy("moons", n=60, rng=np.random.default_rng(0))
    x, y = BatchGatherer(ds).gather("train", [5, 0, 2])
    want_x, want_y = ds.gather("train", [5, 0, 2])
    assert x.shape == (3, 2) and np.array_equal(x, want_x) and np.array_equal(y, want_y)


def test_the_array_is_kept_and_overwritten_by_the_next_batch():
    ds = _images(np.uint8, 1 / 255)
    gatherer = BatchGatherer(ds)
    first, _ = gatherer.gather("train", np.arange(8))
    second, _ = gatherer.gather("train", np.arange(8, 16))
    assert np.shares_memory(first, second)
    assert np.array_equal(first, ds.gather("train", np.arange(8, 16))[0])   # overwritten
    smaller, _ = gatherer.gather("train", [20, 21])                         # a short last batch
    assert np.shares_memory(smaller, first) and smaller.shape == (2, 1, 5, 6)
    larger, _ = gatherer.gather("train", np.arange(30))                     # grows when needed
    assert np.array_equal(larger, ds.gather("train", np.arange(30))[0])


def test_unknown_split_is_refused():
    with pytest.raises(ValueError, match="unknown split"):
        BatchGatherer(_images(np.uint8, 1 / 255)).gather("val", [0])


def test_negative_and_out_of_range_indices_behave_as_in_dataset_gather():
    ds = _images(np.uint8, 1 / 255)
    gatherer = BatchGatherer(ds)
    x, _ = gatherer.gather("train", [-1, 0, -40])
    assert np.array_equal(x, ds.gather("train", [-1, 0, -40])[0])
    with pytest.raises(IndexError):
        gatherer.gather("train", [0, 40])
    with pytest.raises(IndexError):
        gatherer.gather("test", [10])
