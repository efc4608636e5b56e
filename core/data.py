"""Datasets: bundled MNIST, MNIST-format IDX files, toy 2-D sets and splits.

Images are stored as uint8 ``(n, height, width)`` and converted to float32
``(n, 1, height, width)`` per batch with :meth:`Dataset.gather`; toy sets are
float32 ``(n, 2)``. Labels are always int64 ``(n,)``. Bad input raises
``ValueError`` with a message naming the file and the problem.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import io
import struct
import zipfile
import zlib
from pathlib import Path

import numpy as np

from .dataset import Dataset
from .toy_data import TOY_SETS, make_toy  # noqa: F401  (the toy sets live there)

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
MNIST_PATH = RESOURCES / "mnist.npz"
MNIST_SHA256 = "06af5dfe73b70e3bc1c36439982b18a8d76803db9b544f6fdf838a37fbb01b64"
FASHION_NAMES = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                 "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot")

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
    0..9 ``(n,)``). Results are cached per file; the arrays are read-only.

    Returns
    -------
    Dataset
        uint8 images ``(n, 28, 28)``, int64 labels, ``input_shape (1, 28, 28)``.
    """
    p = Path(MNIST_PATH if path is None else path).resolve()
    try:
        st = p.stat()
    except OSError:
        raise ValueError(f"{p}: file not found") from None
    bundled = p == Path(MNIST_PATH).resolve()
    name = "mnist" if bundled else p.stem
    # The key holds mtime and size so a file replaced on disk is read again.
    return _load_npz(str(p), st.st_mtime_ns, st.st_size, verify and bundled, name)


@functools.lru_cache(maxsize=4)
def _load_npz(path: str, _mtime: int, _size: int, check_hash: bool, name: str) -> Dataset:
    try:
        raw = Path(path).read_bytes()
    except OSError as e:
        raise ValueError(f"{path}: cannot read file ({e.strerror or e})") from None
    if check_hash and hashlib.sha256(raw).hexdigest() != MNIST_SHA256:
        raise ValueError(f"{path}: checksum mismatch (file corrupted or replaced)")
    keys = ("x_train", "y_train", "x_test", "y_test")
    try:
        npz = np.load(io.BytesIO(raw), allow_pickle=False)
        if not hasattr(npz, "files"):  # a plain .npy array
            raise ValueError(f"{path}: not an .npz archive")
        missing = [k for k in keys if k not in npz.files]
        if missing:
            raise ValueError(f"{path}: missing array(s) {', '.join(missing)}")
        arrays = {k: npz[k] for k in keys}
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as e:
        if str(e).startswith(path):
            raise
        raise ValueError(f"{path}: corrupt or unreadable .npz file ({e})") from None
    for split in ("train", "test"):
        x, y = arrays["x_" + split], arrays["y_" + split]
        if x.dtype != np.uint8 or x.ndim != 3 or x.shape[1:] != (28, 28):
            raise ValueError(f"{path}: x_{split} must be uint8 (n, 28, 28), "
                             f"got {x.dtype} {x.shape}")
        if y.dtype.kind not in "iu" or y.shape != (x.shape[0],):
            raise ValueError(f"{path}: y_{split} must be integer labels ({x.shape[0]},), "
                             f"got {y.dtype} {y.shape}")
        if y.size and (y.min() < 0 or y.max() > 9):
            raise ValueError(f"{path}: y_{split} has labels outside 0..9")
        arrays["y_" + split] = y.astype(np.int64)
    _frozen(*arrays.values())
    return Dataset(name, arrays["x_train"], arrays["y_train"], arrays["x_test"],
                   arrays["y_test"], (1, 28, 28), 10, 1.0 / 255.0, _class_names(name, 10))


def read_idx(path: str | Path) -> np.ndarray:
    """Read an MNIST-format IDX file, raw or gzip-compressed (detected by content).

    Returns
    -------
    np.ndarray
        Array with the file's dimensions and dtype, in native byte order.
    """
    return _read_idx(Path(path))


def _read_idx(path: Path, expect: tuple[int, int] | None = None) -> np.ndarray:
    """Read an IDX file; ``expect = (type code, ndim)`` checks the magic number."""
    try:
        buf = path.read_bytes()
        if buf[:2] == b"\x1f\x8b":
            buf = gzip.decompress(buf)
    except FileNotFoundError:
        raise ValueError(f"{path}: file not found") from None
    except (OSError, EOFError, zlib.error) as e:
        raise ValueError(f"{path}: cannot read or decompress ({e})") from None
    if len(buf) < 4:
        raise ValueError(f"{path}: truncated: file too short for an IDX header")
    magic = struct.unpack(">I", buf[:4])[0]
    code, ndim = buf[2], buf[3]
    if expect is not None and (code, ndim) != expect:
        kind = _IDX_TYPES[expect[0]][1]
        what = "images" if expect[1] == 3 else "labels"
        want = (expect[0] << 8) | expect[1]
        raise ValueError(f"{path}: bad magic number 0x{magic:08X}, expected "
                         f"0x{want:08X} ({kind} {what})")
    if buf[:2] != b"\0\0" or code not in _IDX_TYPES or ndim == 0:
        raise ValueError(f"{path}: bad magic number 0x{magic:08X}: not an IDX file "
                         "(expected 0x0000, a known type code and at least one dimension)")
    header = 4 + 4 * ndim
    if len(buf) < header:
        raise ValueError(f"{path}: truncated: header needs {header} bytes, found {len(buf)}")
    dims = struct.unpack(f">{ndim}I", buf[4:header])
    dtype = np.dtype(">" + _IDX_TYPES[code][0])
    expected = int(np.prod(dims, dtype=object)) * dtype.itemsize
    found = len(buf) - header
    if found < expected:
        raise ValueError(f"{path}: truncated: expected {expected} bytes of data, found {found}")
    if found > expected:
        raise ValueError(f"{path}: {found - expected} unexpected bytes after the data "
                         f"(expected {expected} bytes)")
    arr = np.frombuffer(buf, dtype=dtype, offset=header).reshape(dims)
    return arr.astype(dtype.newbyteorder("="))


def _find_idx(folder: Path, base: str, kind: str) -> Path | None:
    for sep in "-.":
        for ext in ("", ".gz"):
            p = folder / f"{base}{sep}{kind}-ubyte{ext}"
            if p.is_file():
                return p
    return None


def load_idx_folder(folder: str | Path, name: str | None = None) -> Dataset:
    """Load an MNIST-format data set from the four IDX files in ``folder``.

    Expects ``train-images-idx3-ubyte``, ``train-labels-idx1-ubyte``,
    ``t10k-images-idx3-ubyte`` and ``t10k-labels-idx1-ubyte`` (each optionally
    ``.gz``, ``.idx3`` spelling accepted). ``name`` defaults to the folder name;
    Fashion-MNIST class names are used when it contains "fashion".

    Returns
    -------
    Dataset
        uint8 images ``(n, h, w)``, int64 labels, ``input_shape (1, h, w)``.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"{folder}: not a folder")
    found = {b: _find_idx(folder, b, k) for b, k in _IDX_FILES}
    missing = [f"{b}-{k}-ubyte[.gz]" for b, k in _IDX_FILES if found[b] is None]
    if missing:
        raise ValueError(f"{folder}: missing IDX file(s): {', '.join(missing)}")
    arrays = {b: _read_idx(found[b], (0x08, 3 if k == "idx3" else 1)) for b, k in _IDX_FILES}
    for split in ("train", "t10k"):
        x, y = arrays[split + "-images"], arrays[split + "-labels"]
        if len(x) != len(y):
            raise ValueError(f"{folder}: {found[split + '-images'].name} has {len(x)} images "
                             f"but {found[split + '-labels'].name} has {len(y)} labels")
    x_train, x_test = arrays["train-images"], arrays["t10k-images"]
    if x_train.shape[1:] != x_test.shape[1:]:
        raise ValueError(f"{folder}: train images are {x_train.shape[1:]} "
                         f"but test images are {x_test.shape[1:]}")
    y_train = arrays["train-labels"].astype(np.int64)
    y_test = arrays["t10k-labels"].astype(np.int64)
    n_classes = max(2, int(max(y_train.max(initial=0), y_test.max(initial=0))) + 1)
    _frozen(x_train, y_train, x_test, y_test)
    name = folder.resolve().name if name is None else name
    return Dataset(name, x_train, y_train, x_test, y_test, (1, *x_train.shape[1:]),
                   n_classes, 1.0 / 255.0, _class_names(name, n_classes))


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
