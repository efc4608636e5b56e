"""Datasets: bundled MNIST, MNIST-format IDX files, toy 2-D sets and splits.

Images are stored as uint8 ``(n, height, width)`` and converted to float32
``(n, 1, height, width)`` per batch with :meth:`Dataset.gather`; toy sets are
float32 ``(n, 2)``. Labels are always int64 ``(n,)``.

Files are read without trusting them: only regular files are opened (a named pipe
never blocks), every header is checked before its data is read, gzip is streamed with
the size the header declares as a cap, and a data set may hold at most
``MAX_DATASET_BYTES`` of samples and ``MAX_CLASSES`` classes. Bad files raise
:class:`~core.errors.DataError` (a ``ValueError``) naming the file and the problem.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import math
import os
import struct
import zlib
from pathlib import Path

import numpy as np

from .checkpoint_read import Archive
from .dataset import Dataset
from .errors import DataError
from .safe_files import check_name, open_regular
from .toy_data import TOY_SETS, make_toy  # noqa: F401  (the toy sets live there)

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
MNIST_PATH = RESOURCES / "mnist.npz"
MNIST_SHA256 = "06af5dfe73b70e3bc1c36439982b18a8d76803db9b544f6fdf838a37fbb01b64"
FASHION_NAMES = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                 "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot")
# MNIST's samples take 55 MB, EMNIST Balanced's 100 MB; twice the cap is still in memory while
# training builds float32 batches
MAX_DATASET_BYTES = 512 << 20
# labels 0 .. 99: EMNIST (47 or 62 classes) fits; beyond it the probability bars and the
# confusion matrix are unreadable, and a larger "label" is more likely a measurement
MAX_CLASSES = 100

_IDX_TYPES = {0x08: ("u1", "unsigned byte"), 0x09: ("i1", "signed byte"),
              0x0B: ("i2", "short"), 0x0C: ("i4", "int"),
              0x0D: ("f4", "float"), 0x0E: ("f8", "double")}
_IDX_FILES = (("train-images", "idx3"), ("train-labels", "idx1"),
              ("t10k-images", "idx3"), ("t10k-labels", "idx1"))


def _frozen(*arrays: np.ndarray) -> None:
    for a in arrays:
        a.flags.writeable = False


def _class_names(name: str, n_classes: int) -> tuple[str, ...]:
    if "fashion" in name.lower() and n_classes == len(FASHION_NAMES):
        return FASHION_NAMES
    return tuple(str(i) for i in range(n_classes))


def load_mnist(path: str | Path | None = None, verify: bool = True) -> Dataset:
    """Load MNIST from an ``.npz`` file (default: the bundled ``resources/mnist.npz``).

    The bundled file is checked against :data:`MNIST_SHA256` when ``verify``
    is true; every file is checked structurally (keys ``x_train``, ``y_train``,
    ``x_test``, ``y_test``; uint8 images ``(n, 28, 28)``; integer labels in
    0..9 ``(n,)``) before its arrays are read. Results are cached per file; the
    arrays are read-only.

    Returns
    -------
    Dataset
        uint8 images ``(n, 28, 28)``, int64 labels, ``input_shape (1, 28, 28)``.
    """
    p = Path(check_name(MNIST_PATH if path is None else path, DataError)).resolve()
    try:
        st = p.stat()
    except OSError:
        raise DataError(p, "file not found") from None
    bundled = p == Path(MNIST_PATH).resolve()
    name = "mnist" if bundled else p.stem
    # The key holds mtime and size so a file replaced on disk is read again.
    return _load_npz(str(p), st.st_mtime_ns, st.st_size, verify and bundled, name)


@functools.lru_cache(maxsize=4)
def _load_npz(path: str, _mtime: int, _size: int, check_hash: bool, name: str) -> Dataset:
    if check_hash:
        f, _ = open_regular(path, DataError, MAX_DATASET_BYTES, "a data set")
        digest = hashlib.sha256()
        with f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        if digest.hexdigest() != MNIST_SHA256:
            raise DataError(path, "checksum mismatch (file corrupted or replaced)")
    try:
        archive = Archive(path, DataError, "data set")
    except DataError as e:
        if "single .npy" in e.problem:
            raise DataError(path, "not an .npz archive (a single .npy array)") from None
        if "not an .npz" in e.problem or "regular file" in e.problem:
            raise
        raise DataError(path, f"corrupt or unreadable .npz file ({e.problem})") from None
    budget = MAX_DATASET_BYTES
    arrays = {}
    with archive:
        missing = [k for k in ("x_train", "y_train", "x_test", "y_test") if k not in archive.members]
        if missing:
            raise DataError(path, f"missing array(s) {', '.join(missing)}")
        for split in ("train", "test"):
            x = _member(archive, f"x_{split}", (None, 28, 28), "u", budget,
                        f"x_{split} must be uint8 (n, 28, 28)")
            if x.dtype != np.uint8:
                raise DataError(path, f"x_{split} must be uint8 (n, 28, 28), got {x.dtype} {x.shape}")
            budget -= x.nbytes
            y = _member(archive, f"y_{split}", (len(x),), "iu", None,
                        f"y_{split} must be integer labels ({len(x)},)")
            if y.size and (y.min() < 0 or y.max() > 9):
                raise DataError(path, f"y_{split} has labels outside 0..9")
            arrays["x_" + split], arrays["y_" + split] = x, y.astype(np.int64)
    _frozen(*arrays.values())
    return Dataset(name, arrays["x_train"], arrays["y_train"], arrays["x_test"],
                   arrays["y_test"], (1, 28, 28), 10, 1.0 / 255.0, _class_names(name, 10))


def _member(archive: Archive, key: str, shape: tuple, kinds: str, budget: int | None,
            rule: str) -> np.ndarray:
    """One array of a data set's archive, its header checked against ``rule`` first."""
    try:
        return archive.read(key, shape, kinds, budget)
    except DataError as e:
        if "corrupted" in e.problem or "truncated" in e.problem:
            raise DataError(archive.path, f"corrupt or unreadable .npz file ({e.problem})") from None
        raise DataError(archive.path, f"{rule}: {e.problem}") from None


def read_idx(path: str | Path, max_bytes: int = MAX_DATASET_BYTES) -> np.ndarray:
    """Read an MNIST-format IDX file, raw or gzip-compressed (detected by content).

    The header is checked before any data is read, and a file whose data would take
    more than ``max_bytes`` is refused.

    Returns
    -------
    np.ndarray
        Array with the file's dimensions and dtype, in native byte order.
    """
    with _IdxFile(path) as f:
        return f.read_data(max_bytes)


class _IdxFile:
    """An open IDX file whose header has been read: ``code``, ``dims``, ``nbytes``."""

    def __init__(self, path, expect: tuple[int, int] | None = None):
        self.path = check_name(path, DataError)
        self.raw, self.size = open_regular(self.path, DataError, what="an IDX file")
        try:
            self.gz = self.raw.read(2) == b"\x1f\x8b"
            self.raw.seek(0)
            self.f = gzip.GzipFile(fileobj=self.raw, mode="rb") if self.gz else self.raw
            self._header(expect)
        except BaseException:
            self.raw.close()
            raise

    def __enter__(self) -> _IdxFile:
        return self

    def __exit__(self, *exc) -> None:
        self.raw.close()

    def _fail(self, problem: str):
        raise DataError(self.path, problem)

    def _read(self, n: int) -> bytes:
        try:
            return self.f.read(n)
        except (OSError, EOFError, zlib.error) as e:
            self._fail(f"cannot read or decompress ({e})")

    def _header(self, expect) -> None:
        head = self._read(4)
        if len(head) < 4:
            self._fail("truncated: file too short for an IDX header")
        magic = struct.unpack(">I", head)[0]
        code, ndim = head[2], head[3]
        if expect is not None and (code, ndim) != expect:
            kind = _IDX_TYPES[expect[0]][1]
            what = "images" if expect[1] == 3 else "labels"
            want = (expect[0] << 8) | expect[1]
            self._fail(f"bad magic number 0x{magic:08X}, expected 0x{want:08X} ({kind} {what})")
        if head[:2] != b"\0\0" or code not in _IDX_TYPES or ndim == 0:
            self._fail(f"bad magic number 0x{magic:08X}: not an IDX file (expected 0x0000, a "
                       "known type code and at least one dimension)")
        dims = self._read(4 * ndim)
        if len(dims) < 4 * ndim:
            self._fail(f"truncated: header needs {4 + 4 * ndim} bytes, found {4 + len(dims)}")
        self.code, self.dims = code, struct.unpack(f">{ndim}I", dims)
        self.dtype = np.dtype(">" + _IDX_TYPES[code][0])
        self.header = 4 + 4 * ndim
        self.nbytes = math.prod(self.dims) * self.dtype.itemsize
        if not self.gz and self.size - self.header < self.nbytes:
            self._fail(f"truncated: expected {self.nbytes} bytes of data, found "
                       f"{self.size - self.header}")
        if not self.gz and self.size - self.header > self.nbytes:
            self._fail(f"{self.size - self.header - self.nbytes} unexpected bytes after the data "
                       f"(expected {self.nbytes} bytes)")

    def read_data(self, max_bytes: int) -> np.ndarray:
        """The data, streamed into one array (at most ``max_bytes``, else DataError)."""
        if self.nbytes > max_bytes:
            shape = "×".join(map(str, self.dims))
            self._fail(f"its header declares {shape} values ({self.nbytes:,} bytes), more than "
                       f"the {max_bytes:,} bytes a data set may take")
        buf = np.empty(self.nbytes, np.uint8)
        view, done = memoryview(buf), 0
        try:
            while done < self.nbytes:
                n = self.f.readinto(view[done:done + (1 << 24)])
                if not n:
                    break
                done += n
            extra = self.f.read(1) if done == self.nbytes else b""
        except (OSError, EOFError, zlib.error) as e:
            self._fail(f"cannot read or decompress ({e})")
        if done < self.nbytes:
            self._fail(f"truncated: expected {self.nbytes} bytes of data, found {done}")
        if extra:
            self._fail(f"unexpected bytes after the data (expected {self.nbytes} bytes)")
        arr = buf.view(self.dtype).reshape(self.dims)
        return arr if self.dtype.itemsize == 1 else arr.astype(self.dtype.newbyteorder("="))


def _find_idx(folder: Path, base: str, kind: str) -> Path | None:
    for sep in "-.":
        for ext in ("", ".gz"):
            p = folder / f"{base}{sep}{kind}-ubyte{ext}"
            if os.path.lexists(p):
                return p
    return None


def load_named(name: str, seed: int = 0) -> Dataset:
    """A data set by the name the CLI and the app use: "mnist", a toy set (``toy_data.load`` with
    its shared defaults and ``seed``), or a folder of MNIST-format IDX files."""
    if name == "mnist":
        return load_mnist()
    if name in TOY_SETS:
        from . import toy_data  # toy_data imports this module's siblings, not this one
        return toy_data.load(name, seed)
    if Path(name).is_dir():
        return load_idx_folder(name)
    raise ValueError(f"unknown data set {name!r}: use mnist, one of {', '.join(TOY_SETS)}, "
                     "or a folder of IDX files")


def load_idx_folder(folder: str | Path, name: str | None = None) -> Dataset:
    """Load an MNIST-format data set from the four IDX files in ``folder``.

    Expects ``train-images-idx3-ubyte``, ``train-labels-idx1-ubyte``,
    ``t10k-images-idx3-ubyte`` and ``t10k-labels-idx1-ubyte`` (each optionally
    ``.gz``, ``.idx3`` spelling accepted). ``name`` defaults to the folder name;
    Fashion-MNIST class names are used when it contains "fashion".

    All four headers are checked before any data is read: unsigned-byte images
    of at least 1×1 pixels and one sample per split, as many labels as images,
    the same image size in both splits, at most ``MAX_DATASET_BYTES`` in all.
    Labels must lie in 0 .. ``MAX_CLASSES`` − 1; the set has as many classes as
    its largest label + 1 (at least 2).

    Returns
    -------
    Dataset
        uint8 images ``(n, h, w)``, int64 labels, ``input_shape (1, h, w)``.
    """
    folder = Path(check_name(folder, DataError))
    if not folder.is_dir():
        raise DataError(folder, "not a folder")
    found = {b: _find_idx(folder, b, k) for b, k in _IDX_FILES}
    missing = [f"{b}-{k}-ubyte[.gz]" for b, k in _IDX_FILES if found[b] is None]
    if missing:
        raise DataError(folder, f"missing IDX file(s): {', '.join(missing)}")
    files: dict[str, _IdxFile] = {}
    try:
        for b, k in _IDX_FILES:
            files[b] = _IdxFile(found[b], (0x08, 3 if k == "idx3" else 1))
        _check_headers(folder, files)
        arrays = {b: f.read_data(f.nbytes) for b, f in files.items()}
    finally:
        for f in files.values():
            f.raw.close()
    x_train, x_test = arrays["train-images"], arrays["t10k-images"]
    y_train = arrays["train-labels"].astype(np.int64)
    y_test = arrays["t10k-labels"].astype(np.int64)
    top = int(max(y_train.max(), y_test.max()))
    if top >= MAX_CLASSES:
        where = found["train-labels" if y_train.max() == top else "t10k-labels"].name
        raise DataError(folder, f"{where} has the label {top}, but at most {MAX_CLASSES} classes "
                                f"(labels 0 to {MAX_CLASSES - 1}) are supported")
    n_classes = max(2, top + 1)
    _frozen(x_train, y_train, x_test, y_test)
    name = folder.resolve().name if name is None else name
    return Dataset(name, x_train, y_train, x_test, y_test, (1, *x_train.shape[1:]),
                   n_classes, 1.0 / 255.0, _class_names(name, n_classes))


def _check_headers(folder: Path, files: dict[str, _IdxFile]) -> None:
    """What the four headers declare must make a usable data set (nothing read yet)."""
    for split in ("train", "t10k"):
        images, labels = files[split + "-images"], files[split + "-labels"]
        n, h, w = images.dims
        name = Path(images.path).name
        if n == 0:
            raise DataError(folder, f"{name} holds no images: a data set needs at least one "
                                    f"{'training' if split == 'train' else 'test'} sample")
        if h == 0 or w == 0:
            raise DataError(folder, f"{name} declares images of {h}×{w} pixels; an image needs at "
                                    "least one pixel")
        if labels.dims[0] != n:
            raise DataError(folder, f"{name} has {n} images but {Path(labels.path).name} has "
                                    f"{labels.dims[0]} labels")
    train, test = files["train-images"].dims[1:], files["t10k-images"].dims[1:]
    if train != test:
        raise DataError(folder, f"train images are {train} but test images are {test}")
    total = sum(f.nbytes for f in files.values())
    if total > MAX_DATASET_BYTES:
        raise DataError(folder, f"the four files declare {total:,} bytes of samples, more than "
                                f"the {MAX_DATASET_BYTES:,} bytes a data set may take")


def split_indices(n: int, val_fraction: float,
                  rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Randomly split ``range(n)`` into sorted int64 ``(train_idx, val_idx)``.

    ``val_idx`` has ``round(n * val_fraction)`` entries (at most ``n - 1``);
    ``val_fraction`` must lie in [0, 0.9].
    """
    if not 0.0 <= val_fraction <= 0.9:
        raise ValueError(f"validation fraction must be between 0 and 0.9, got {val_fraction}")
    if int(n) != n or n < 0:
        raise ValueError(f"number of samples must be a non-negative integer, got {n}")
    n = int(n)
    n_val = min(round(n * float(val_fraction)), max(n - 1, 0))
    perm = rng.permutation(n).astype(np.int64)
    return np.sort(perm[n_val:]), np.sort(perm[:n_val])


def check_finite(x: np.ndarray, what: str = "data") -> None:
    """Raise ``ValueError`` if ``x`` (any shape) holds NaN or infinite values."""
    x = np.asarray(x)
    if x.dtype.kind in "biu":
        return
    if x.dtype.kind not in "fc":
        raise ValueError(f"{what} is not numeric (dtype {x.dtype})")
    finite = np.isfinite(x)
    if not finite.all():
        bad = x.size - int(np.count_nonzero(finite))
        raise ValueError(f"{what} contains NaN or infinite values ({bad} of {x.size} entries)")
