"""Seed files and mutators for the loader fuzz test (``tests/core/fuzz_loaders.py``).

Seeds are real files written with the project's own save functions (models and runs as
``.npz`` checkpoints, an architecture JSON, a folder of MNIST-format IDX files); each case
is one seed changed by a seeded mutator: flipped or cut bytes, a JSON field replaced with a
nasty value, an array's values, dtype or shape changed, archive members dropped, doubled or
added, decompression bombs, pickle payloads, and paths that are not regular files.
"""
from __future__ import annotations

import copy
import gzip
import io
import json
import os
import random
import struct
import zipfile
from pathlib import Path

import numpy as np

from core import checkpoint, data
from core.network import Network
from core.trainer import Config, Trainer
from tests.core.fuzz_bombs import BLOCK, BOMB_BYTES, Zeros, gzip_bomb, write_bomb, write_zip  # noqa: F401

DEEP = "\x00DEEP\x00"       # sentinels replaced in the JSON text after dumping
BIGINT = "\x00BIGINT\x00"
NASTY = [None, True, False, 0, -1, 1, 2, 0.5, -0.5, 1.5, 7, 2**31, 2**53 + 1, 2**63, 2**64, -2**64,
         10**30, 1e308, -1e308, 3e38, -3e38, 1e-320, float("nan"), float("inf"), float("-inf"),
         "", "x", "adam", "sgd", "relu", "dense", "\ud800", "a" * 100_000, [], [1, 2], [[1]], {},
         {"a": 1}, DEEP, BIGINT]

MODEL_SPECS = [
    {"input_shape": [6], "layers": [{"type": "dense", "units": 12}, {"type": "batchnorm"},
                                    {"type": "activation", "activation": "relu"},
                                    {"type": "dropout", "rate": 0.25}, {"type": "dense", "units": 3}]},
    {"input_shape": [1, 8, 8], "layers": [
        {"type": "conv2d", "filters": 3, "kernel": 3, "padding": 1, "activation": "relu"},
        {"type": "maxpool", "size": 2}, {"type": "flatten"}, {"type": "dense", "units": 3}]},
]
RUN_OPTIMIZERS = ("adam", "momentum", "adagrad", "rmsprop", "sgd")


def dataset() -> data.Dataset:
    """A small 3-class data set of 6 features (the run seeds were trained on it)."""
    rng = np.random.default_rng(5)
    x = rng.normal(size=(60, 6)).astype(np.float32)
    y = (np.argmax(x[:, :3], axis=1)).astype(np.int64)
    for a in (x, y):
        a.flags.writeable = False
    return data.Dataset("fuzz", x[:40], y[:40], x[40:], y[40:], (6,), 3, 1.0, ("0", "1", "2"))


# -- seeds ----------------------------------------------------------------------------------
def make_seeds(folder: Path) -> dict[str, list[Path]]:
    folder.mkdir(parents=True, exist_ok=True)
    seeds: dict[str, list[Path]] = {"model": [], "run": [], "spec": [], "idx": []}
    for i, spec in enumerate(MODEL_SPECS):
        net = Network.from_spec(spec, rng=np.random.default_rng(i))
        x = np.random.default_rng(9).normal(size=(16, *net.input_shape)).astype(np.float32)
        net.forward(x, training=True)               # move the BatchNorm statistics
        path = folder / f"model{i}.npz"
        checkpoint.save_model(net, path, info={"data": "fuzz", "preset": None, "epochs": 1,
                                               "augment": None, "seed": 0, "test_acc": 0.5})
        seeds["model"].append(path)
    ds = dataset()
    for name in RUN_OPTIMIZERS:
        net = Network.from_spec(MODEL_SPECS[0], rng=np.random.default_rng(1))
        trainer = Trainer(net, ds, Config(epochs=2, batch_size=8, optimizer=name, val_fraction=0.2,
                                          good_every=2))
        events = trainer.run()
        for ev in events:
            if type(ev).__name__ == "Epoch":
                break
        next(events)                                # one step into the second epoch
        path = folder / f"run_{name}.npz"
        checkpoint.save_run(trainer, path)
        seeds["run"].append(path)
    for i, spec in enumerate(MODEL_SPECS + [{"input_shape": [784], "name": "mlp", "layers": [
            {"type": "dense", "units": 100, "activation": "relu", "init": "he"},
            {"type": "dense", "units": 10}], "loss": "mse"}]):
        path = folder / f"spec{i}.json"
        path.write_text(json.dumps(spec, indent=2), encoding="utf-8")
        seeds["spec"].append(path)
    for gz in (False, True):
        sub = folder / f"idx{int(gz)}"
        write_idx_folder(sub, gz)
        seeds["idx"].append(sub)
    return seeds


def idx_bytes(arr: np.ndarray, declared: tuple[int, ...] | None = None, code: int = 0x08) -> bytes:
    dims = arr.shape if declared is None else declared
    return struct.pack(">BBBB", 0, 0, code, len(dims)) + struct.pack(f">{len(dims)}I", *dims) + \
        arr.astype(">u1" if code == 0x08 else arr.dtype.newbyteorder(">")).tobytes()


def idx_arrays(rng: np.random.Generator | None = None) -> dict[str, np.ndarray]:
    rng = rng or np.random.default_rng(3)
    return {"train-images-idx3-ubyte": rng.integers(0, 256, (30, 6, 6), dtype=np.uint8),
            "train-labels-idx1-ubyte": rng.integers(0, 3, 30, dtype=np.uint8),
            "t10k-images-idx3-ubyte": rng.integers(0, 256, (10, 6, 6), dtype=np.uint8),
            "t10k-labels-idx1-ubyte": rng.integers(0, 3, 10, dtype=np.uint8)}


def write_idx_folder(folder: Path, gz: bool, files: dict[str, bytes] | None = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    files = files or {k: idx_bytes(a) for k, a in idx_arrays().items()}
    for name, raw in files.items():
        if gz:
            (folder / (name + ".gz")).write_bytes(gzip.compress(raw, mtime=0))
        else:
            (folder / name).write_bytes(raw)


# -- archives -------------------------------------------------------------------------------
def read_members(path: Path) -> list[tuple[str, np.ndarray]]:
    with zipfile.ZipFile(path) as z:
        return [(n, np.lib.format.read_array(z.open(n), allow_pickle=False)) for n in z.namelist()]


def npy(a: np.ndarray) -> bytes:
    f = io.BytesIO()
    np.lib.format.write_array(f, a, allow_pickle=True)
    return f.getvalue()


def npy_lying(header_shape: tuple, descr: str, body: bytes) -> bytes:
    f = io.BytesIO()
    np.lib.format.write_array_header_1_0(f, {"descr": descr, "fortran_order": False,
                                            "shape": header_shape})
    return f.getvalue() + body


def meta_text(meta) -> str:
    text = json.dumps(meta)
    text = text.replace(json.dumps(DEEP), "[" * 100_000 + "]" * 100_000)
    return text.replace(json.dumps(BIGINT), "9" * 5000)


# -- JSON mutation --------------------------------------------------------------------------
def _paths(obj, prefix=()):
    yield prefix
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj[:6]):
            yield from _paths(v, prefix + (i,))


def mutate_json(rng: random.Random, obj):
    """``obj`` with 1-3 of its fields changed (replaced, removed, added, scaled, retyped)."""
    obj = copy.deepcopy(obj)
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        paths = [p for p in _paths(obj) if p]
        if not paths:
            return rng.choice(NASTY)
        path = rng.choice(paths)
        parent = obj
        for k in path[:-1]:
            parent = parent[k]
        key, value = path[-1], parent[path[-1]]
        op = rng.random()
        if op < 0.55:
            parent[key] = rng.choice(NASTY)
        elif op < 0.65 and isinstance(parent, dict):
            del parent[key]
        elif op < 0.72 and isinstance(parent, dict):
            parent[rng.choice(["zz", "extra", "param", "good_every", "1"])] = rng.choice(NASTY)
        elif isinstance(value, bool):
            parent[key] = not value
        elif isinstance(value, (int, float)):
            parent[key] = rng.choice([-value, value * 1e6, value + 0.5, value * 2 + 1, -1e-9,
                                      str(value), [value], value * 1e40 if value else 1e40])
        elif isinstance(value, str):
            parent[key] = rng.choice([value.upper(), value + "\ud800", value * 3, 1, [value], ""])
        elif isinstance(value, list):
            parent[key] = rng.choice([value[:-1], value + value, value * 50, [rng.choice(NASTY)] + value,
                                      list(reversed(value)), value[:1]])
        else:
            parent[key] = rng.choice(NASTY)
    return obj


# -- byte mutation --------------------------------------------------------------------------
def mutate_bytes(rng: random.Random, raw: bytes) -> bytes:
    b = bytearray(raw)
    op = rng.random()
    if op < 0.5 and b:
        for _ in range(rng.randint(1, 16)):
            b[rng.randrange(len(b))] = rng.randrange(256)
    elif op < 0.75:
        b = b[:rng.randrange(len(b) + 1)]
    elif op < 0.9 and b:
        i = rng.randrange(len(b))
        b[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
    else:
        i, j = sorted(rng.randrange(len(b) + 1) for _ in range(2))
        b[i:j] = b""
    return bytes(b)


# -- array mutation -------------------------------------------------------------------------
def mutate_array(rng: random.Random, a: np.ndarray) -> bytes:
    """The .npy bytes of a changed ``a``: values, dtype, shape, or a header that lies."""
    op = rng.randrange(12)
    a = np.array(a)
    if op <= 3 and a.size and a.dtype.kind == "f":
        flat = a.reshape(-1)
        for _ in range(rng.randint(1, 3)):
            flat[rng.randrange(flat.size)] = rng.choice([np.nan, np.inf, -np.inf, 3e38, -3e38, 1e30,
                                                         -1.0, -1e-3, 1e7, -1e7])
        return npy(a)
    if op == 4 and a.dtype.kind == "f":
        return npy(-np.abs(a) - 1e-3)                 # negative variances / second moments
    if op == 5:
        return npy(a.astype(rng.choice([np.float16, np.float64, np.int32, np.complex64, bool, "<U3"])))
    if op == 6:
        return npy(rng.choice([a.reshape(-1)[:-1], a.T.copy(), a[None], np.zeros((0,), a.dtype),
                               np.array(1.0, a.dtype), np.concatenate([a.reshape(-1)] * 2)]))
    if op == 7:
        return npy(np.asfortranarray(a.reshape(a.shape[::-1]) if a.ndim > 1 else a))
    if op == 8:       # header declares another shape than the data holds
        shape = rng.choice([(10**6,), (2**31, 2**31), (a.size + 1,), (0,), (-1,), (2**62,), ()])
        return npy_lying(shape, a.dtype.descr[0][1] if a.dtype.names is None else "<f4", a.tobytes())
    if op == 9:
        return npy_lying(a.shape, rng.choice(["|O", "<V8", "[('a', '<f4')]", "<m8", "bogus"]),
                         a.tobytes())
    if op == 10:
        return npy(a)[:rng.randrange(len(npy(a)))]
    return mutate_bytes(rng, npy(a))


class Payload:
    """Unpickling this creates ``marker`` (a pickle that ran leaves a trace)."""

    def __init__(self, marker: str):
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


def pickle_npy(marker: str) -> bytes:
    a = np.empty(2, dtype=object)
    a[0] = a[1] = Payload(marker)
    f = io.BytesIO()
    np.lib.format.write_array(f, a, allow_pickle=True)
    return f.getvalue()


def mutate_archive(rng: random.Random, seed: Path, out: Path, marker: str) -> str:
    """Write a mutated copy of checkpoint ``seed`` to ``out``; returns what was done."""
    members = read_members(seed)
    entries = [(n, npy(a)) for n, a in members]
    names = [n for n, _ in members]
    op = rng.random()
    if op < 0.15:
        out.write_bytes(mutate_bytes(rng, seed.read_bytes()))
        return "bytes"
    if op < 0.5:
        meta = json.loads(members[names.index("meta.npy")][1].tobytes())
        text = meta_text(mutate_json(rng, meta))
        raw = np.frombuffer(text.encode("utf-8", "surrogatepass"), dtype=np.uint8)
        entries[names.index("meta.npy")] = ("meta.npy", npy(raw))
        write_zip(out, entries)
        return "meta"
    if op < 0.8:
        i = rng.choice([k for k, n in enumerate(names) if n != "meta.npy"])
        entries[i] = (names[i], mutate_array(rng, members[i][1]))
        write_zip(out, entries)
        return "array"
    if op < 0.85:
        i = rng.randrange(len(entries))
        entries[i] = (names[i], pickle_npy(marker))
        write_zip(out, entries)
        return "pickle"
    kind = rng.randrange(5)
    if kind == 0:
        del entries[rng.randrange(len(entries))]
    elif kind == 1:
        entries.append(rng.choice(entries))                    # a duplicated name
    elif kind == 2:
        entries.append((rng.choice(["junk.npy", "param/9.W.npy", "opt/all/zz.npy", "buffer/x.npy",
                                    "trainer/good.npy", "meta", "../evil.npy"]),
                        npy(np.ones(rng.choice([1, 7, 1000]), np.float32))))
    elif kind == 3:
        rng.shuffle(entries)
    else:
        entries = [(n.removesuffix(".npy"), raw) for n, raw in entries]
    write_zip(out, entries)
    return "members"


def bomb_archives(seed: Path, folder: Path) -> list[Path]:
    """Checkpoints that hold 1.5 GiB once decompressed: an unused member, a parameter, the
    header, and an optimizer slot (run files only)."""
    members = read_members(seed)
    entries = [(n, npy(a)) for n, a in members]
    out = []
    n_f32 = BOMB_BYTES // 4
    plans = [("junk.npy", npy_lying((BOMB_BYTES,), "|u1", b"")),
             (next(n for n, _ in members if n.startswith("param/")), npy_lying((n_f32,), "<f4", b"")),
             ("meta.npy", npy_lying((BOMB_BYTES,), "|u1", b""))]
    opt = [n for n, _ in members if n.startswith("opt/")]
    if opt:
        plans.append((opt[0], npy_lying((n_f32,), "<f4", b"")))
    for i, (name, header) in enumerate(plans):
        path = folder / f"{seed.stem}_bomb{i}.npz"
        if not path.exists():
            write_bomb(path, entries, name, header)
        out.append(path)
    return out


def special_path(kind: str, folder: Path, which: int) -> Path | str:
    """A path that is not a regular file: a named pipe, a folder, a NUL in the name, a
    device, a symlink loop, a missing file, a 2 GiB sparse file."""
    folder.mkdir(parents=True, exist_ok=True)
    which %= 7
    p = folder / f"special{which}"
    if which == 0:
        if not p.exists():
            os.mkfifo(p)
        return p
    if which == 1:
        p.mkdir(exist_ok=True)
        return p
    if which == 2:
        return str(folder / "bad\0name")
    if which == 3:
        if not p.is_symlink():
            p.symlink_to("/dev/zero")
        return p
    if which == 4:
        if not p.is_symlink():
            p.symlink_to(p)
        return p
    if which == 5:
        return folder / "missing"
    with open(p, "wb") as f:
        f.truncate(1 << 31)
    return p
