"""Reading an ``.npz`` archive (a zip of ``.npy`` arrays) without trusting it.

``np.load`` decompresses a member before anything can look at it, so a 3 MB file holding
a 3 GiB member of zeros costs 3 GiB. :class:`Archive` instead

* opens only a regular file (``core.safe_files``: no named pipe, device or folder);
* reads the zip's table of contents and refuses duplicate or oddly named members,
  encryption and unknown compression, and more than ``MAX_MEMBERS`` members;
* for each member the caller asks for, reads the ``.npy`` header from the start of the
  member's stream and checks its dtype and shape against what the caller expects *before*
  any data is decompressed; the zip's declared size must match the header exactly;
* then reads exactly that many bytes, and lets the zip check its CRC.

Members nobody asks for are never decompressed. Every problem raises the caller's error
type (``CheckpointError`` for checkpoints, ``DataError`` for data sets) naming the file
and the member.
"""
from __future__ import annotations

import math
import struct
import tokenize
import zipfile
import zlib

import numpy as np

from .errors import CheckpointError, LoadError
from .safe_files import open_regular

MAX_MEMBERS = 10_000          # a 200-layer network has under 2,000 arrays
MAX_HEADER = 10_000           # bytes of a .npy header (numpy's own limit)
COMPRESSIONS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError)
_KIND_NAMES = {"f": "floating point", "u": "unsigned integers", "iu": "integers"}


class _Counting:
    """A read-only stream that counts the bytes read (the .npy header's length)."""

    def __init__(self, f):
        self.f, self.n = f, 0

    def read(self, n: int = -1) -> bytes:
        b = self.f.read(n)
        self.n += len(b)
        return b


class Archive:
    """An open archive; use as a context manager. ``keys`` are the member names without
    ``.npy`` (``"meta"``, ``"param/0.W"`` …), in the archive's order."""

    def __init__(self, path, error: type[LoadError] = CheckpointError, what: str = "checkpoint"):
        self.error = error
        self.file, size = open_regular(path, error, what=what)
        self.path = str(path)
        self.zip = None
        try:
            if size == 0:
                raise error(self.path, "empty file (0 bytes)")
            start = self.file.read(6)
            self.file.seek(0)
            if start.startswith(b"\x93NUMPY"):
                raise error(self.path, f"not a NumNet {what} (a single .npy array, not an .npz "
                                       "archive)")
            if not start.startswith(b"PK"):
                raise error(self.path, f"not a NumNet {what} (not an .npz archive)")
            self._count_members()
            try:
                self.zip = zipfile.ZipFile(self.file)
            except (*ZIP_ERRORS, ValueError, IndexError, KeyError, struct.error) as e:
                raise error(self.path, f"truncated or corrupted file (bad zip data: {e})") from None
            self.members: dict[str, zipfile.ZipInfo] = {}
            for info in self.zip.infolist():
                self._add(info)
        except BaseException:
            self.close()
            raise

    def _count_members(self) -> None:
        """Refuse an archive listing too many members before its listing is parsed."""
        try:
            end = zipfile._EndRecData(self.file)    # the end record: a few dozen bytes
        except (OSError, ValueError, AttributeError, zipfile.BadZipFile, struct.error):
            return
        if end is not None and end[zipfile._ECD_ENTRIES_TOTAL] > MAX_MEMBERS:
            raise self.error(self.path, f"the archive lists {end[zipfile._ECD_ENTRIES_TOTAL]:,} "
                                        f"entries; at most {MAX_MEMBERS:,} are read")

    def _add(self, info: zipfile.ZipInfo) -> None:
        name = info.filename
        if not name.endswith(".npy") or name.startswith("/") or ".." in name.split("/"):
            raise self.error(self.path, f"entry {name[:80]!r} is not a NumPy array (the archive "
                                        "may hold only .npy arrays)")
        key = name[:-4]
        if key in self.members:
            raise self.error(self.path, f"entry '{key[:80]}' appears twice in the archive")
        if info.flag_bits & 0x1:
            raise self.error(self.path, f"entry '{key[:80]}' is encrypted")
        if info.compress_type not in COMPRESSIONS:
            raise self.error(self.path, f"entry '{key[:80]}' uses an unsupported compression "
                                        f"(method {info.compress_type})")
        self.members[key] = info

    @property
    def keys(self) -> list[str]:
        return list(self.members)

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self.zip is not None:
            self.zip.close()
        self.file.close()

    def read(self, key: str, shape: tuple | None, kinds: str, max_size: int | None = None,
             what: str | None = None) -> np.ndarray:
        """Member ``key`` as an array in native byte order.

        ``shape`` is the shape expected (``None`` in it: any length on that axis; ``shape``
        None: any 1-d shape); ``max_size`` caps the number of elements; ``kinds`` are the
        allowed dtype kinds (``"f"`` floating point, ``"u"`` unsigned …). All are checked from
        the header before the data is read.
        """
        what = what or f"entry '{key}'"
        info = self.members[key]
        try:
            with self.zip.open(info) as raw:
                f = _Counting(raw)
                dtype, found, fortran = self._header(f, what)
                if dtype.hasobject:
                    raise self.error(self.path, f"entry '{key}' is a Python object array, which is "
                                                "never loaded (pickle is disabled for safety)")
                self._check(dtype, found, shape, kinds, max_size, what)
                nbytes = math.prod(found) * dtype.itemsize
                if info.file_size != f.n + nbytes:
                    raise self.error(self.path, f"{what} is damaged: the archive declares "
                                                f"{info.file_size:,} bytes but its header describes "
                                                f"{f.n + nbytes:,}")
                data = f.read(nbytes)
                if len(data) != nbytes or f.read(1):
                    raise self.error(self.path, f"{what} is truncated")
        except self.error:
            raise
        except ZIP_ERRORS as e:
            raise self.error(self.path, f"truncated or corrupted file (bad zip data in {what}: "
                                        f"{e})") from None
        a = np.frombuffer(data, dtype=dtype).reshape(found, order="F" if fortran else "C")
        return a if dtype.isnative else a.astype(dtype.newbyteorder("="))

    def _header(self, f, what: str) -> tuple[np.dtype, tuple[int, ...], bool]:
        try:
            version = np.lib.format.read_magic(f)
            if version == (1, 0):
                shape, fortran, dtype = np.lib.format.read_array_header_1_0(f, max_header_size=MAX_HEADER)
            elif version == (2, 0):
                shape, fortran, dtype = np.lib.format.read_array_header_2_0(f, max_header_size=MAX_HEADER)
            else:
                raise self.error(self.path, f"{what} uses .npy format version "
                                            f"{version[0]}.{version[1]}, which is not supported")
        except (self.error, *ZIP_ERRORS):
            raise
        except (ValueError, TypeError, SyntaxError, tokenize.TokenError) as e:
            raise self.error(self.path, f"{what} is not a valid .npy array ({e})") from None
        return dtype, tuple(shape), bool(fortran)

    def _check(self, dtype: np.dtype, found: tuple, shape: tuple | None, kinds: str,
               max_size: int | None, what: str) -> None:
        if dtype.names is not None or dtype.subdtype is not None or dtype.kind not in kinds \
                or dtype.itemsize > 8:
            raise self.error(self.path, f"{what} has dtype {dtype}, expected "
                                        f"{_KIND_NAMES.get(kinds, kinds)}")
        if any(d < 0 for d in found):
            raise self.error(self.path, f"{what} has an invalid shape {found}")
        want = (None,) if shape is None else tuple(shape)
        if len(found) != len(want) or \
                any(w is not None and d != w for d, w in zip(found, want, strict=True)):
            if None in want:
                raise self.error(self.path, f"{what} has shape {found}, expected {_shape_text(want)}")
            raise self.error(self.path, f"{what} has shape {found} but the spec needs {want}")
        if max_size is not None and math.prod(found) > max_size:
            raise self.error(self.path, f"{what} has {math.prod(found):,} values, over the limit "
                                        f"of {max_size:,}")


def _shape_text(shape: tuple) -> str:
    dims = ["n" if d is None else str(d) for d in shape]
    return "a 1-d array" if dims == ["n"] else f"shape ({', '.join(dims)})"
