"""Archives and gzip files that are small on disk and huge once decompressed (for the loader
fuzz test), written by hand so that making one costs no more than its few megabytes.

After a full flush, deflating a block of zeros always gives the same bytes, so a member of
1.5 GiB of zeros is one compressed block repeated; the CRC-32 of zeros is computed by
doubling (zlib's ``crc32_combine``), never over the data.
"""
from __future__ import annotations

import struct
import zlib
from pathlib import Path

BOMB_BYTES = 3 << 29        # 1.5 GiB declared, a few MB on disk: more than a case may use


class Zeros:
    """Member content ``header`` followed by zeros up to ``total`` bytes, never held in memory."""

    def __init__(self, header: bytes, total: int = BOMB_BYTES):
        self.header, self.total = header, total


def _crc32_combine(crc1: int, crc2: int, len2: int) -> int:
    """The CRC-32 of A + B from crc(A), crc(B) and len(B) (zlib's crc32_combine)."""
    def times(mat, vec):
        s, i = 0, 0
        while vec:
            if vec & 1:
                s ^= mat[i]
            vec >>= 1
            i += 1
        return s

    def square(mat):
        return [times(mat, mat[n]) for n in range(32)]

    if len2 <= 0:
        return crc1
    odd = [0xEDB88320] + [1 << n for n in range(31)]
    even = square(odd)
    odd = square(even)
    while True:
        even = square(odd)
        if len2 & 1:
            crc1 = times(even, crc1)
        len2 >>= 1
        if not len2:
            break
        odd = square(even)
        if len2 & 1:
            crc1 = times(odd, crc1)
        len2 >>= 1
        if not len2:
            break
    return crc1 ^ crc2


BLOCK = 1 << 22


def _zero_crc(n: int) -> int:
    """CRC-32 of ``n`` zero bytes, by doubling."""
    crc, piece, size = 0, zlib.crc32(b"\0"), 1
    while n:
        if n & 1:
            crc = _crc32_combine(crc, piece, size)
        piece, size, n = _crc32_combine(piece, piece, size), 2 * size, n >> 1
    return crc


def _deflate(content) -> tuple[list[bytes], int, int]:
    """(raw deflate chunks, CRC-32, size) of bytes or ``Zeros`` (written block by block: after a
    full flush a block of zeros always compresses to the same bytes)."""
    def chunk(raw: bytes) -> bytes:
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        return c.compress(raw) + c.flush(zlib.Z_FULL_FLUSH)

    end = zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    if not isinstance(content, Zeros):
        return [chunk(content), end], zlib.crc32(content), len(content)
    n = content.total - len(content.header)
    zero_block = chunk(bytes(BLOCK))
    chunks = [chunk(content.header)] + [zero_block] * (n // BLOCK) + [chunk(bytes(n % BLOCK)), end]
    crc = _crc32_combine(zlib.crc32(content.header), _zero_crc(n), n)
    return chunks, crc, content.total


def write_zip(path: Path, entries: list[tuple[str, object]]) -> None:
    """A zip archive of deflated ``entries`` (bytes or ``Zeros``); duplicate names allowed."""
    central, offset = [], 0
    with open(path, "wb") as f:
        for name, content in entries:
            chunks, crc, size = _deflate(content)
            csize = sum(map(len, chunks))
            fname = name.encode("utf-8")
            head = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x800, 8, 0, 0x21, crc, csize, size,
                               len(fname), 0)
            f.write(head + fname)
            for c in chunks:
                f.write(c)
            central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0x800, 8, 0, 0x21,
                                       crc, csize, size, len(fname), 0, 0, 0, 0, 0o644 << 16, offset)
                           + fname)
            offset += len(head) + len(fname) + csize
        cd = b"".join(central)
        f.write(cd + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), len(cd),
                                 offset, 0))


def write_bomb(path: Path, entries: list[tuple[str, bytes]], bomb_name: str, header: bytes) -> None:
    """An archive with ``entries`` plus member ``bomb_name``: ``header`` then zeros up to
    BOMB_BYTES once decompressed, a few MB on disk."""
    write_zip(path, [(n, raw) for n, raw in entries if n != bomb_name] + [(bomb_name, Zeros(header))])


def gzip_bomb(path: Path, header: bytes, total: int = BOMB_BYTES) -> None:
    """A gzip file whose content is ``header`` then zeros up to ``total`` bytes."""
    chunks, crc, size = _deflate(Zeros(header, total))
    with open(path, "wb") as f:
        f.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff")
        for c in chunks:
            f.write(c)
        f.write(struct.pack("<II", crc, size & 0xFFFFFFFF))
