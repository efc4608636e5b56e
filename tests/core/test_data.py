"""Tests for core.data: bundled MNIST, IDX files, toy sets, splits."""

import gzip
import re
import shutil
import struct
from pathlib import Path

import numpy as np
import pytest

from core import data

IDX_CODES = {np.uint8: 0x08, np.int8: 0x09, np.int16: 0x0B, np.int32: 0x0C,
             np.float32: 0x0D, np.float64: 0x0E}


def write_idx(path: Path, arr: np.ndarray, gz: bool = False) -> Path:
    """Write ``arr`` as an IDX file (big-endian), optionally gzip-compressed."""
    arr = np.asarray(arr)
    header = bytes([0, 0, IDX_CODES[arr.dtype.type], arr.ndim])
    header += struct.pack(f">{arr.ndim}I", *arr.shape)
    payload = header + arr.astype(arr.dtype.newbyteorder(">")).tobytes()
    path.write_bytes(gzip.compress(payload) if gz else payload)
    return path


def write_idx_folder(folder: Path, n_train=6, n_test=4, n_classes=3, gz=False,
                     dot_names=False) -> Path:
    rng = np.random.default_rng(1)
    folder.mkdir(parents=True, exist_ok=True)
    sep, ext = ("." if dot_names else "-"), (".gz" if gz else "")
    for prefix, n in (("train", n_train), ("t10k", n_test)):
        images = rng.integers(0, 256, (n, 5, 4), dtype=np.uint8)
        labels = (np.arange(n) % n_classes).astype(np.uint8)
        write_idx(folder / f"{prefix}-images{sep}idx3-ubyte{ext}", images, gz)
        write_idx(folder / f"{prefix}-labels{sep}idx1-ubyte{ext}", labels, gz)
    return folder


@pytest.fixture(scope="module")
def mnist():
    return data.load_mnist()


# --- bundled MNIST -----------------------------------------------------------------

def test_bundled_mnist_shapes_and_dtypes(mnist):
    assert mnist.name == "mnist"
    assert mnist.x_train.shape == (60000, 28, 28) and mnist.x_train.dtype == np.uint8
    assert mnist.x_test.shape == (10000, 28, 28) and mnist.x_test.dtype == np.uint8
    assert mnist.y_train.shape == (60000,) and mnist.y_train.dtype == np.int64
    assert mnist.y_test.shape == (10000,) and mnist.y_test.dtype == np.int64
    assert mnist.input_shape == (1, 28, 28) and mnist.is_image
    assert mnist.n_classes == 10 and mnist.class_names == tuple("0123456789")
    assert mnist.scale == pytest.approx(1 / 255)
    assert mnist.x_train.max() == 255 and mnist.x_train.min() == 0


def test_bundled_mnist_labels_and_balance(mnist):
    for y, n in ((mnist.y_train, 60000), (mnist.y_test, 10000)):
        counts = np.bincount(y, minlength=10)
        assert len(counts) == 10 and counts.sum() == n
        assert counts.min() > 0.08 * n and counts.max() < 0.12 * n


def test_mnist_is_cached_and_read_only(mnist):
    assert data.load_mnist() is mnist
    for arr in (mnist.x_train, mnist.y_train, mnist.x_test, mnist.y_test):
        assert not arr.flags.writeable
    with pytest.raises(ValueError):
        mnist.x_train[0, 0, 0] = 1


def test_gather_matches_manual_scaling(mnist):
    idx = np.array([0, 7, 59999, 7])
    x, y = mnist.gather("train", idx)
    assert x.dtype == np.float32 and x.shape == (4, 1, 28, 28)
    assert y.dtype == np.int64 and np.array_equal(y, mnist.y_train[idx])
    assert 0.0 <= x.min() and x.max() <= 1.0
    expected = mnist.x_train[idx].astype(np.float64)[:, None] / 255.0
    np.testing.assert_allclose(x, expected, rtol=1e-6, atol=1e-7)
    assert x.flags.writeable  # a fresh copy, not a view of the shared data
    xt, yt = mnist.gather("test", [3])
    assert xt.shape == (1, 1, 28, 28) and yt[0] == mnist.y_test[3]


def test_gather_rejects_unknown_split(mnist):
    with pytest.raises(ValueError, match="split"):
        mnist.gather("validation", np.arange(3))


def test_as_float_is_float32(mnist):
    x = mnist.as_float(mnist.x_test[:2])
    assert x.dtype == np.float32 and x.shape == (2, 1, 28, 28)


def test_corrupted_copy_flipped_byte(tmp_path):
    raw = bytearray(data.MNIST_PATH.read_bytes())
    raw[5000] ^= 0xFF  # inside the compressed x_train data
    bad = tmp_path / "flipped.npz"
    bad.write_bytes(bytes(raw))
    with pytest.raises(ValueError, match=re.escape(str(bad))):
        data.load_mnist(bad)


def test_checksum_mismatch_for_replaced_bundled_file(tmp_path, monkeypatch):
    fake = tmp_path / "mnist.npz"
    xs = np.zeros((3, 28, 28), np.uint8)
    np.savez(fake, x_train=xs, y_train=np.arange(3), x_test=xs, y_test=np.arange(3))
    monkeypatch.setattr(data, "MNIST_PATH", fake)
    with pytest.raises(ValueError, match="mnist.npz: checksum mismatch"):
        data.load_mnist()
    assert len(data.load_mnist(verify=False).y_train) == 3  # structurally fine


def test_truncated_copy(tmp_path):
    bad = tmp_path / "short.npz"
    with data.MNIST_PATH.open("rb") as f:
        bad.write_bytes(f.read(3_000_000))
    with pytest.raises(ValueError, match=r"short\.npz: corrupt"):
        data.load_mnist(bad)


def test_missing_file(tmp_path):
    with pytest.raises(ValueError, match=r"nothing\.npz: file not found"):
        data.load_mnist(tmp_path / "nothing.npz")


def test_user_npz_structural_checks(tmp_path):
    xs, ys = np.zeros((4, 28, 28), np.uint8), np.array([0, 9, 3, 3], np.uint8)
    good = tmp_path / "mine.npz"
    np.savez(good, x_train=xs, y_train=ys, x_test=xs[:2], y_test=ys[:2])
    ds = data.load_mnist(good)
    assert ds.name == "mine" and ds.x_train.dtype == np.uint8
    assert ds.y_train.tolist() == [0, 9, 3, 3] and ds.y_train.dtype == np.int64

    base = {"x_train": xs, "y_train": ys, "x_test": xs, "y_test": ys}
    cases = [
        ("missing array(s) y_test", {"y_test": None}),
        ("x_train must be uint8", {"x_train": xs.astype(np.float32)}),
        ("x_test must be uint8 (n, 28, 28)", {"x_test": xs[:, :14]}),
        ("y_train must be integer labels", {"y_train": ys[:3]}),
        ("y_test must be integer labels", {"y_test": ys.astype(np.float64)}),
        ("outside 0..9", {"y_train": ys + 1}),
    ]
    for i, (message, changes) in enumerate(cases):
        arrays = {k: v for k, v in {**base, **changes}.items() if v is not None}
        path = tmp_path / f"bad{i}.npz"
        np.savez(path, **arrays)
        with pytest.raises(ValueError, match=rf"bad{i}\.npz: .*{re.escape(message)}"):
            data.load_mnist(path)

    npy = tmp_path / "plain.npy"
    np.save(npy, xs)
    with pytest.raises(ValueError, match="plain.npy: not an .npz"):
        data.load_mnist(npy)


# --- IDX files -----------------------------------------------------------------------

@pytest.mark.parametrize("gz", [False, True])
@pytest.mark.parametrize("dtype", list(IDX_CODES))
def test_idx_round_trip(tmp_path, dtype, gz):
    rng = np.random.default_rng(0)
    arr = (rng.standard_normal((3, 4, 5)) * 100).astype(dtype)
    path = write_idx(tmp_path / ("a.idx.gz" if gz else "a.idx"), arr, gz)
    out = data.read_idx(path)
    assert out.dtype == np.dtype(dtype) and out.dtype.isnative
    assert out.shape == (3, 4, 5) and np.array_equal(out, arr)


def test_idx_float_values_exact(tmp_path):
    arr = np.array([1.5, -2.25, 3e-3, 1e30], np.float32)
    out = data.read_idx(write_idx(tmp_path / "f.idx", arr))
    assert out.dtype == np.float32 and out.tolist() == arr.tolist()


def test_idx_gzip_detected_by_content(tmp_path):
    arr = np.arange(12, dtype=np.uint8).reshape(3, 4)
    gz_without_suffix = write_idx(tmp_path / "labels-idx1-ubyte", arr, gz=True)
    raw_with_suffix = write_idx(tmp_path / "raw.gz", arr, gz=False)
    assert np.array_equal(data.read_idx(gz_without_suffix), arr)
    assert np.array_equal(data.read_idx(raw_with_suffix), arr)


def test_idx_bad_magic(tmp_path):
    path = tmp_path / "bad-magic-idx"
    path.write_bytes(b"\x01\x02\x08\x01" + struct.pack(">I", 2) + b"\0\0")
    with pytest.raises(ValueError, match="bad-magic-idx: bad magic number 0x01020801"):
        data.read_idx(path)
    path.write_bytes(b"\0\0\x07\x01" + struct.pack(">I", 2) + b"\0\0")  # unknown type
    with pytest.raises(ValueError, match="magic"):
        data.read_idx(path)


def test_idx_truncated(tmp_path):
    full = write_idx(tmp_path / "t.idx", np.zeros((10, 4), np.int16)).read_bytes()
    path = tmp_path / "short.idx"
    path.write_bytes(full[:-5])
    with pytest.raises(ValueError, match=r"short\.idx: truncated: expected 80 bytes "
                                         r"of data, found 75"):
        data.read_idx(path)
    path.write_bytes(full[:6])  # cut inside the dimension list
    with pytest.raises(ValueError, match="truncated"):
        data.read_idx(path)
    path.write_bytes(gzip.compress(full)[:-10])  # cut gzip stream
    with pytest.raises(ValueError, match=r"short\.idx"):
        data.read_idx(path)
    path.write_bytes(full + b"\0")
    with pytest.raises(ValueError, match="unexpected bytes"):
        data.read_idx(path)


# --- IDX folders ---------------------------------------------------------------------

@pytest.mark.parametrize(("gz", "dot_names"), [(False, False), (True, True)])
def test_load_idx_folder(tmp_path, gz, dot_names):
    folder = write_idx_folder(tmp_path / "tiny", gz=gz, dot_names=dot_names)
    ds = data.load_idx_folder(folder)
    assert ds.name == "tiny" and ds.is_image
    assert ds.x_train.shape == (6, 5, 4) and ds.x_train.dtype == np.uint8
    assert ds.x_test.shape == (4, 5, 4) and ds.y_test.dtype == np.int64
    assert ds.input_shape == (1, 5, 4) and ds.n_classes == 3
    assert ds.class_names == ("0", "1", "2")
    x, y = ds.gather("train", np.array([1, 2]))
    assert x.shape == (2, 1, 5, 4) and x.dtype == np.float32
    np.testing.assert_allclose(x[:, 0], ds.x_train[[1, 2]] / 255.0, rtol=1e-6)
    assert y.tolist() == [1, 2]


def test_load_idx_folder_fashion_names_and_min_classes(tmp_path):
    ds = data.load_idx_folder(write_idx_folder(tmp_path / "fashion-mnist", 10, 10, 10))
    assert ds.class_names[0] == "T-shirt/top" and ds.class_names[9] == "Ankle boot"
    one = data.load_idx_folder(write_idx_folder(tmp_path / "one", n_classes=1), "mine")
    assert one.name == "mine" and one.n_classes == 2


def test_load_idx_folder_missing_file(tmp_path):
    folder = write_idx_folder(tmp_path / "tiny")
    (folder / "t10k-labels-idx1-ubyte").unlink()
    with pytest.raises(ValueError, match="missing IDX file.*t10k-labels-idx1-ubyte"):
        data.load_idx_folder(folder)


def test_load_idx_folder_wrong_contents(tmp_path):
    folder = write_idx_folder(tmp_path / "swapped")
    shutil.copy(folder / "train-labels-idx1-ubyte", folder / "train-images-idx3-ubyte")
    with pytest.raises(ValueError, match=r"train-images-idx3-ubyte: bad magic number "
                                         r"0x00000801, expected 0x00000803"):
        data.load_idx_folder(folder)
    folder = write_idx_folder(tmp_path / "counts")
    write_idx(folder / "t10k-labels-idx1-ubyte", np.zeros(3, np.uint8))
    with pytest.raises(ValueError, match="4 images but .* 3 labels"):
        data.load_idx_folder(folder)


# --- toy sets ------------------------------------------------------------------------

@pytest.mark.parametrize("name", data.TOY_SETS)
def test_toy_sets(name):
    ds = data.make_toy(name, n=500, noise=0.1, rng=np.random.default_rng(3))
    assert ds.name == name and not ds.is_image and ds.input_shape == (2,)
    assert ds.x_train.shape == (400, 2) and ds.x_test.shape == (100, 2)
    assert ds.x_train.dtype == np.float32 and ds.y_train.dtype == np.int64
    assert ds.n_classes == 2 and ds.class_names == ("0", "1") and ds.scale == 1.0
    for y in (ds.y_train, ds.y_test):
        assert set(np.unique(y).tolist()) == {0, 1}
    assert np.abs(ds.x_train).max() < 1.6
    x, y = ds.gather("test", np.arange(5))
    assert x.dtype == np.float32 and x.shape == (5, 2)
    np.testing.assert_array_equal(x, ds.x_test[:5])

    again = data.make_toy(name, n=500, noise=0.1, rng=np.random.default_rng(3))
    other = data.make_toy(name, n=500, noise=0.1, rng=np.random.default_rng(4))
    assert np.array_equal(ds.x_train, again.x_train)
    assert np.array_equal(ds.y_train, again.y_train)
    assert not np.array_equal(ds.x_train, other.x_train)


def test_toy_default_rng_is_deterministic():
    a, b = data.make_toy("spiral"), data.make_toy("spiral")
    assert np.array_equal(a.x_test, b.x_test)


def test_toy_geometry_without_noise():
    rng = np.random.default_rng(0)
    circle = data.make_toy("circle", n=400, noise=0.0, rng=rng)
    r = np.hypot(*circle.x_train.T)
    assert r[circle.y_train == 1].max() <= 0.5 + 1e-6
    assert r[circle.y_train == 0].min() >= 0.7 - 1e-6
    xor = data.make_toy("xor", n=400, noise=0.0, rng=rng)
    prod = xor.x_train[:, 0] * xor.x_train[:, 1]
    assert np.array_equal(xor.y_train == 1, prod > 0)


def test_toy_small_n_keeps_both_classes():
    ds = data.make_toy("gauss", n=4, rng=np.random.default_rng(0), test_fraction=0.5)
    assert sorted(ds.y_train.tolist()) == [0, 1] and sorted(ds.y_test.tolist()) == [0, 1]


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"name": "swirl"}, "circle, xor, gauss, spiral, moons"),
    ({"name": "xor", "n": 3}, "n >= 4"),
    ({"name": "xor", "noise": 1.5}, "noise"),
    ({"name": "xor", "noise": -0.1}, "noise"),
    ({"name": "xor", "test_fraction": 0.95}, "test_fraction"),
])
def test_toy_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        data.make_toy(**kwargs)


# --- splits and checks ---------------------------------------------------------------

def test_split_indices():
    train, val = data.split_indices(100, 0.2, np.random.default_rng(5))
    assert train.dtype == np.int64 and val.dtype == np.int64
    assert len(train) == 80 and len(val) == 20
    assert not set(train.tolist()) & set(val.tolist())
    assert sorted(np.concatenate([train, val]).tolist()) == list(range(100))
    train2, val2 = data.split_indices(100, 0.2, np.random.default_rng(5))
    assert np.array_equal(train, train2) and np.array_equal(val, val2)
    _, val3 = data.split_indices(100, 0.2, np.random.default_rng(6))
    assert not np.array_equal(val, val3)


def test_split_indices_edges():
    train, val = data.split_indices(10, 0.0, np.random.default_rng(0))
    assert len(train) == 10 and len(val) == 0 and val.dtype == np.int64
    train, val = data.split_indices(1, 0.9, np.random.default_rng(0))
    assert len(train) == 1 and len(val) == 0
    for bad in (-0.1, 0.95):
        with pytest.raises(ValueError, match="fraction"):
            data.split_indices(10, bad, np.random.default_rng(0))


def test_check_finite():
    data.check_finite(np.ones((3, 4), np.float32))
    data.check_finite(np.arange(5))
    x = np.ones((3, 400), np.float32)
    x[0, 0], x[1, 1], x[2, 2] = np.nan, np.inf, -np.inf
    with pytest.raises(ValueError, match=r"^data contains NaN or infinite values "
                                         r"\(3 of 1200 entries\)$"):
        data.check_finite(x)
    with pytest.raises(ValueError, match="^weights contains"):
        data.check_finite(np.array([np.nan]), "weights")
