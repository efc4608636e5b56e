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
from dataclasses import dataclass
from pathlib import Path

import numpy as np

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
MNIST_PATH = RESOURCES / "mnist.npz"
MNIST_SHA256 = "06af5dfe73b70e3bc1c36439982b18a8d76803db9b544f6fdf838a37fbb01b64"
TOY_SETS = ("circle", "xor", "gauss", "spiral", "moons")
FASHION_NAMES = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                 "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot")

_IDX_TYPES = {0x08: ("u1", "unsigned byte"), 0x09: ("i1", "signed byte"),
              0x0B: ("i2", "short"), 0x0C: ("i4", "int"),
              0x0D: ("f4", "float"), 0x0E: ("f8", "double")}
_IDX_FILES = (("train-images", "idx3"), ("train-labels", "idx1"),
              ("t10k-images", "idx3"), ("t10k-labels", "idx1"))


@dataclass(frozen=True, eq=False)
class Dataset:
    """A classification data set: raw read-only train/test arrays plus metadata.

    Raw storage is uint8 ``(n, h, w)`` for images and float32 ``(n, 2)`` for toy
    sets; labels are int64 ``(n,)``. Use :meth:`gather` to get network inputs.
    """

    name: str  # "mnist", a toy set name, or the IDX folder name
    x_train: np.ndarray  # raw samples (n_train, ...)
    y_train: np.ndarray  # int64 (n_train,), values in 0 .. n_classes - 1
    x_test: np.ndarray  # raw samples (n_test, ...)
    y_test: np.ndarray  # int64 (n_test,)
    input_shape: tuple[int, ...]  # per sample as the network sees it: (1, 28, 28), (2,)
    n_classes: int
    scale: float  # raw value * scale = network input (1/255 for uint8 images)
    class_names: tuple[str, ...]  # one readable name per class

    @property
    def is_image(self) -> bool:
        """True for image data (``input_shape`` is ``(channels, h, w)``)."""
        return len(self.input_shape) == 3

    def as_float(self, x_raw: np.ndarray) -> np.ndarray:
        """Convert raw samples ``(n, ...)`` to scaled float32 ``(n, *input_shape)``."""
        x_raw = np.asarray(x_raw)
        x = x_raw.astype(np.float32)  # always a fresh, writeable copy
        if self.scale != 1.0:
            x *= np.float32(self.scale)
        try:
            return x.reshape((x_raw.shape[0], *self.input_shape))
        except (ValueError, IndexError):
            raise ValueError(f"{self.name}: cannot shape raw data {x_raw.shape} "
                             f"as samples of shape {self.input_shape}") from None

    def gather(self, split: str, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Return the samples ``idx`` of ``split`` (``"train"`` or ``"test"``).

        Returns
        -------
        x : np.ndarray
            float32 ``(len(idx), *input_shape)``, scaled.
        y : np.ndarray
            int64 ``(len(idx),)`` labels.
        """
        if split not in ("train", "test"):
            raise ValueError(f"unknown split {split!r}, expected 'train' or 'test'")
        x_raw, y = (self.x_train, self.y_train) if split == "train" else (self.x_test, self.y_test)
        idx = np.asarray(idx, dtype=np.int64)
        return self.as_float(x_raw[idx]), y[idx]


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


def _toy_points(name: str, n0: int, n1: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Clean points of class 0 and class 1, float64 ``(n_c, 2)`` in about [-1, 1]²."""
    if name == "circle":  # class 0: ring 0.7 <= r <= 1, class 1: disc r <= 0.5
        r = [rng.uniform(0.7, 1.0, n0), rng.uniform(0.0, 0.5, n1)]
        t = [rng.uniform(0, 2 * np.pi, n0), rng.uniform(0, 2 * np.pi, n1)]
        return [np.column_stack([ri * np.cos(ti), ri * np.sin(ti)]) for ri, ti in zip(r, t, strict=True)]
    if name == "xor":  # class 1 where sign(x) == sign(y); kept 0.05 away from the axes
        out = []
        for m, sign in ((n0, -1.0), (n1, 1.0)):
            sx = rng.choice([-1.0, 1.0], m)
            out.append(rng.uniform(0.05, 1.0, (m, 2)) * np.column_stack([sx, sign * sx]))
        return out
    if name == "gauss":  # blobs around (-0.45, -0.45) and (0.45, 0.45)
        return [rng.normal(c, 0.15, (m, 2)) for c, m in ((-0.45, n0), (0.45, n1))]
    if name == "spiral":  # two arms, half a turn apart
        out = []
        for delta, m in ((0.0, n0), (np.pi, n1)):
            r = rng.uniform(0.05, 1.0, m)
            t = 1.75 * 2 * np.pi * r + delta
            out.append(np.column_stack([r * np.sin(t), r * np.cos(t)]))
        return out
    # moons: the two scikit-learn half moons, centred and scaled into [-1, 1]
    t0, t1 = rng.uniform(0, np.pi, n0), rng.uniform(0, np.pi, n1)
    upper = np.column_stack([np.cos(t0), np.sin(t0)])
    lower = np.column_stack([1 - np.cos(t1), 0.5 - np.sin(t1)])
    return [(p - [0.5, 0.25]) / 1.5 for p in (upper, lower)]


def make_toy(name: str, n: int = 500, noise: float = 0.1,
             rng: np.random.Generator | None = None,
             test_fraction: float = 0.2) -> Dataset:
    """Make a 2-D, two-class toy set like TensorFlow Playground's.

    Parameters
    ----------
    name : str
        One of :data:`TOY_SETS`: ``"circle"`` (class 1 = disc r <= 0.5 inside
        class 0 = ring 0.7 <= r <= 1), ``"xor"`` (class 1 where x*y > 0),
        ``"gauss"`` (two blobs), ``"spiral"`` (two arms), ``"moons"``.
    n : int
        Total number of points (>= 4), split evenly between the classes.
    noise : float
        0 (clean) to 1; Gaussian jitter with standard deviation ``noise / 2``
        (the data spans about [-1, 1]).
    rng : np.random.Generator, optional
        Source of randomness; default ``np.random.default_rng(0)``.
    test_fraction : float
        Share of each class put in the test split, in [0, 0.9].

    Returns
    -------
    Dataset
        float32 ``x`` ``(n_split, 2)``, int64 ``y``, ``input_shape (2,)``.
    """
    if name not in TOY_SETS:
        raise ValueError(f"unknown toy data set {name!r}; valid names: {', '.join(TOY_SETS)}")
    if int(n) != n or n < 4:
        raise ValueError(f"toy data set needs n >= 4 points, got {n}")
    if not 0.0 <= noise <= 1.0:
        raise ValueError(f"noise must be between 0 and 1, got {noise}")
    if not 0.0 <= test_fraction <= 0.9:
        raise ValueError(f"test_fraction must be between 0 and 0.9, got {test_fraction}")
    rng = np.random.default_rng(0) if rng is None else rng
    n = int(n)
    parts = _toy_points(name, n // 2, n - n // 2, rng)
    train, test = [], []
    for cls, p in enumerate(parts):
        p = p + rng.normal(0.0, noise / 2, p.shape) if noise > 0 else p
        p = p[rng.permutation(len(p))]
        k = round(len(p) * float(test_fraction))
        test.append((p[:k], np.full(k, cls)))
        train.append((p[k:], np.full(len(p) - k, cls)))

    def stack(pairs: list) -> tuple[np.ndarray, np.ndarray]:
        x = np.concatenate([a for a, _ in pairs]).astype(np.float32)
        y = np.concatenate([b for _, b in pairs]).astype(np.int64)
        order = rng.permutation(len(y))
        return x[order], y[order]

    (x_train, y_train), (x_test, y_test) = stack(train), stack(test)
    _frozen(x_train, y_train, x_test, y_test)
    return Dataset(name, x_train, y_train, x_test, y_test, (2,), 2, 1.0, ("0", "1"))


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
