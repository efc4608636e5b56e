"""IDX folders and files that lie or are absurd (issue 13): headers checked before data is
read, gzip streamed with a cap, no empty sets, a cap on the number of classes."""
from __future__ import annotations

import os
import tracemalloc

import numpy as np
import pytest

from core import data
from core.errors import DataError
from tests.core import fuzz_files as ff
from tests.core.test_data import write_idx, write_idx_folder


def refused(folder, *words) -> DataError:
    with pytest.raises(DataError) as e:
        data.load_idx_folder(folder)
    for w in words:
        assert w in str(e.value), str(e.value)
    return e.value


def test_a_gzip_bomb_is_refused_from_its_header(tmp_path):
    folder = write_idx_folder(tmp_path / "bomb")
    n = 45_000_000                                      # 6×6 images: 1.6 GB in a few MB
    header = ff.idx_bytes(np.zeros((0, 6, 6), np.uint8), (n, 6, 6))
    (folder / "train-images-idx3-ubyte").unlink()
    (folder / "train-labels-idx1-ubyte").unlink()
    ff.gzip_bomb(folder / "train-images-idx3-ubyte.gz", header, len(header) + 36 * n)
    write_idx(folder / "train-labels-idx1-ubyte", np.zeros(n, np.uint8))
    (folder / "t10k-images-idx3-ubyte").write_bytes(ff.idx_bytes(np.zeros((4, 6, 6), np.uint8)))
    assert (folder / "train-images-idx3-ubyte.gz").stat().st_size < 8 << 20
    tracemalloc.start()
    try:
        e = refused(folder, "declare 1,665,000,", "more than the 536,870,912 bytes")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 10 << 20 and e.path == str(folder)


def test_trailing_data_after_a_gzip_stream_is_not_decompressed(tmp_path):
    path = tmp_path / "labels-idx1-ubyte.gz"
    ff.gzip_bomb(path, ff.idx_bytes(np.arange(10, dtype=np.uint8)), ff.BOMB_BYTES)
    tracemalloc.start()
    try:
        with pytest.raises(DataError, match="unexpected bytes after the data"):
            data.read_idx(path)
        assert tracemalloc.get_traced_memory()[1] < 10 << 20
    finally:
        tracemalloc.stop()


def test_read_idx_refuses_more_than_its_cap(tmp_path):
    path = write_idx(tmp_path / "x-idx1-ubyte", np.zeros(100, np.uint8))
    assert len(data.read_idx(path, max_bytes=100)) == 100
    with pytest.raises(DataError, match="declares 100 values"):
        data.read_idx(path, max_bytes=99)


@pytest.mark.parametrize("n_train, n_test, words", [(0, 4, "needs at least one training sample"),
                                                    (6, 0, "needs at least one test sample")])
def test_empty_sets_are_refused(tmp_path, n_train, n_test, words):
    refused(write_idx_folder(tmp_path / "empty", n_train=n_train, n_test=n_test), "holds no images", words)


def test_images_without_pixels_are_refused(tmp_path):
    folder = write_idx_folder(tmp_path / "flat")
    for split, n in (("train", 6), ("t10k", 4)):
        write_idx(folder / f"{split}-images-idx3-ubyte", np.zeros((n, 0, 0), np.uint8))
    refused(folder, "declares images of 0×0 pixels")


def test_labels_widen_the_classes_up_to_the_cap(tmp_path):
    folder = write_idx_folder(tmp_path / "letters")
    write_idx(folder / "train-labels-idx1-ubyte", np.array([1, 26, 3, 4, 5, 6], np.uint8))
    ds = data.load_idx_folder(folder)
    assert ds.n_classes == 27 and len(ds.class_names) == 27          # EMNIST letters: 1..26
    write_idx(folder / "t10k-labels-idx1-ubyte", np.array([0, 1, 100, 2], np.uint8))
    e = refused(folder, "t10k-labels-idx1-ubyte has the label 100", "at most 100 classes")
    assert isinstance(e, ValueError)


def test_a_named_pipe_in_the_folder_does_not_block(tmp_path):
    folder = write_idx_folder(tmp_path / "piped")
    (folder / "t10k-labels-idx1-ubyte").unlink()
    os.mkfifo(folder / "t10k-labels-idx1-ubyte")
    refused(folder, "t10k-labels-idx1-ubyte: is a named pipe, not a regular file")


def test_a_nul_in_the_folder_name_is_a_data_error(tmp_path):
    refused(str(tmp_path / "a\0b"), "contains a NUL character")


def test_mnist_npz_members_are_checked_before_reading(tmp_path):
    path = tmp_path / "big.npz"
    n = ff.BOMB_BYTES // 784
    ff.write_zip(path, [("x_train.npy", ff.Zeros(ff.npy_lying((n, 28, 28), "|u1", b""),
                                                 len(ff.npy_lying((n, 28, 28), "|u1", b"")) + n * 784)),
                        ("y_train.npy", ff.npy(np.zeros(3, np.uint8))),
                        ("x_test.npy", ff.npy(np.zeros((3, 28, 28), np.uint8))),
                        ("y_test.npy", ff.npy(np.zeros(3, np.uint8)))])
    with pytest.raises(DataError, match="x_train must be uint8 .*over the limit"):
        data.load_mnist(path)
