"""Messages between the app and its training process, without pickle.

A message is a kind (a short string) and a body: JSON-able values (dicts with string keys,
lists, tuples, strings, numbers, booleans, None) in which NumPy arrays may appear anywhere.
It goes over a ``multiprocessing`` connection as one JSON header (UTF-8 bytes: the kind, the
body with every array replaced by ``{"__array__": i}``, and each array's dtype and shape)
followed by each array's raw bytes (``Connection.send_bytes``). Reading checks every array's
dtype (booleans, integers and floats only: never an object dtype), shape and byte count
before it builds the array, so nothing the other side sends is ever executed.
Tuples arrive as lists, NumPy scalars as Python numbers.
"""
from __future__ import annotations

import json
from typing import Any

import numpy as np

ARRAY = "__array__"
KINDS = "biuf"             # the dtype kinds an array may have
MAX_HEADER = 64 << 20      # bytes
MAX_DIMS = 8


class WireError(ValueError):
    """A message that does not follow the format."""


def _encode(value: Any, arrays: list[np.ndarray]) -> Any:
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in KINDS:
            raise TypeError(f"cannot send an array of dtype {value.dtype}")
        arrays.append(np.ascontiguousarray(value))
        return {ARRAY: len(arrays) - 1}
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if not isinstance(k, str):
                raise TypeError(f"dict keys must be strings, got {k!r}")
            out[k] = _encode(v, arrays)
        return out
    if isinstance(value, (list, tuple)):
        return [_encode(v, arrays) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    raise TypeError(f"cannot send a {type(value).__name__}")


def send(conn, kind: str, body: Any = None) -> int:
    """Send one message (not thread-safe: one sender at a time per connection); returns the
    number of bytes it took."""
    arrays: list[np.ndarray] = []
    encoded = _encode(body, arrays)
    header = {"kind": kind, "body": encoded,
              "arrays": [[a.dtype.str, list(a.shape)] for a in arrays]}
    raw = json.dumps(header, separators=(",", ":")).encode()
    conn.send_bytes(raw)
    for a in arrays:
        conn.send_bytes(memoryview(a.reshape(-1)).cast("B") if a.size else b"")
    return len(raw) + sum(a.nbytes for a in arrays)


def _decode(value: Any, arrays: list[np.ndarray]) -> Any:
    if isinstance(value, dict):
        if set(value) == {ARRAY}:
            i = value[ARRAY]
            if isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < len(arrays):
                raise WireError(f"array reference {i!r}")
            return arrays[i]
        return {k: _decode(v, arrays) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v, arrays) for v in value]
    return value


def _array_spec(spec) -> tuple[np.dtype, tuple[int, ...]]:
    try:
        dtype_str, shape = spec
        dtype = np.dtype(str(dtype_str))
    except (TypeError, ValueError) as e:
        raise WireError(f"array description {spec!r}: {e}") from None
    if dtype.kind not in KINDS or dtype.hasobject or dtype.fields is not None:
        raise WireError(f"array dtype {dtype_str!r} is not allowed")
    if not isinstance(shape, list) or len(shape) > MAX_DIMS or any(
            isinstance(n, bool) or not isinstance(n, int) or n < 0 for n in shape):
        raise WireError(f"array shape {shape!r}")
    return dtype, tuple(shape)


def recv(conn) -> tuple[str, Any]:
    """Receive one message: (kind, body). EOFError when the other side has gone."""
    raw = conn.recv_bytes(MAX_HEADER)
    try:
        header = json.loads(raw)
        kind, body, specs = header["kind"], header["body"], header["arrays"]
    except (ValueError, KeyError, TypeError) as e:
        raise WireError(f"message header: {e}") from None
    if not isinstance(kind, str) or not isinstance(specs, list):
        raise WireError("message header: kind or arrays malformed")
    arrays = []
    for spec in specs:
        dtype, shape = _array_spec(spec)
        n = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
        buf = bytearray(n)
        got = conn.recv_bytes_into(buf) if n else len(conn.recv_bytes(1))
        if got != n:
            raise WireError(f"array of {n} bytes arrived with {got}")
        arrays.append(np.frombuffer(buf, dtype).reshape(shape))
    return kind, _decode(body, arrays)
