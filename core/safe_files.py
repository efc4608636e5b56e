"""Opening a file the user chose, safely: only regular files, never blocking, with a size cap.

A named pipe opened for reading blocks until someone writes to it, a device such as
``/dev/zero`` never ends, and a NUL character in a path makes ``open`` raise a bare
``ValueError``. :func:`open_regular` opens without blocking (``O_NONBLOCK``), asks the
*opened* file what it is (so it cannot be swapped between the check and the read), and
raises the caller's error type with a message naming the file.
"""
from __future__ import annotations

import os
import stat
from collections.abc import Callable
from typing import BinaryIO

from .errors import LoadError

MakeError = Callable[[str, str], LoadError]   # (path, problem) -> the kind's error type


def shown(path: str | os.PathLike) -> str:
    """``path`` as text for a message: a NUL character is written ``\\0``."""
    try:
        p = os.fspath(path)
    except TypeError:
        return repr(path)
    if isinstance(p, bytes):
        p = p.decode("utf-8", "backslashreplace")
    return p.replace("\0", "\\0")


def check_name(path, error: MakeError) -> str:
    """The path as a str; an error for a path that is not text or holds a NUL character."""
    try:
        p = os.fspath(path)
    except TypeError:
        raise error(repr(path), f"a file name must be text, got {type(path).__name__}") from None
    if isinstance(p, bytes):
        p = os.fsdecode(p)
    if "\0" in p:
        raise error(shown(p), "the file name contains a NUL character, which no file name can hold")
    return p


def describe(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def open_regular(path, error: MakeError, max_bytes: int | None = None,
                 what: str = "a file") -> tuple[BinaryIO, int]:
    """(binary file object, size in bytes) of the regular file ``path``.

    Raises ``error(path, problem)`` for a missing or unreadable file, a folder, a named pipe,
    a device or socket, and for a file over ``max_bytes`` (``what`` names it in the message).
    """
    p = check_name(path, error)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | \
        getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(p, flags)
    except FileNotFoundError:
        raise error(p, "no such file") from None
    except IsADirectoryError:
        raise error(p, "is a folder, not a file") from None
    except PermissionError:
        raise error(p, "cannot read the file (permission denied)") from None
    except OSError as e:
        raise error(p, f"cannot open the file ({e.strerror or e})") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise error(p, f"is {describe(st.st_mode)}, not a regular file")
        if max_bytes is not None and st.st_size > max_bytes:
            raise error(p, f"is too large ({st.st_size:,} bytes; at most {max_bytes:,} are read "
                           f"for {what})")
        return os.fdopen(fd, "rb"), st.st_size
    except BaseException:
        os.close(fd)
        raise


def read_regular(path, error: MakeError, max_bytes: int, what: str = "a file") -> bytes:
    """All bytes of the regular file ``path`` (at most ``max_bytes``)."""
    f, _size = open_regular(path, error, max_bytes, what)
    with f:
        try:
            raw = f.read(max_bytes + 1)
        except OSError as e:
            raise error(os.fspath(path), f"cannot read the file ({e.strerror or e})") from None
    if len(raw) > max_bytes:          # it grew while being read
        raise error(os.fspath(path), f"is too large (over {max_bytes:,} bytes; at most that many "
                                     f"are read for {what})")
    return raw
