"""Checkpoints: models and training runs as one ``.npz`` archive + JSON, never pickle.

A checkpoint is a plain NumPy ``.npz`` (a zip of ``.npy`` arrays) holding

* ``meta`` — the JSON header as UTF-8 bytes in a 1-d uint8 array:
  ``{"format": "numnet", "version": 1, "kind": "model" | "run", "created": …,
  "spec": …, "n_params": …, "dtype": "float32", …}``;
* ``param/<name>`` — every parameter (``param/0.W``, ``param/0.b`` …);
* ``buffer/<name>`` — non-trained state (BatchNorm running statistics);
* run files only: ``opt/<param>/<slot>`` — optimizer state (``opt/all/m``), and
  ``trainer/good`` — the trainer's last good weights, when they differ from
  the current ones.

No pickle is ever read. Loading opens only a regular file, reads a member only
when the file's kind needs it and only after its ``.npy`` header matched the
spec (``core.checkpoint_read``: a small file cannot make it allocate
gigabytes), and checks every header field and every array's values with its
rule (``core.checkpoint_fields``) before a network is filled, so a bad file
raises :class:`CheckpointError` naming the file, the field and the rule, and
never half-loads. Saving writes a temporary file in
the target's folder, syncs it and renames it over the target, so a failed or
refused save leaves an existing file untouched; the temporary file is removed
on any failure, and one left behind by a killed process is removed by the next
save to the same name. ``path`` is used exactly as given (no ``.npz`` is
appended).
"""
from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
import time
from datetime import datetime, timezone
from typing import Any

import numpy as np

from . import run_set_json
from . import spec as spec_mod
from .checkpoint_fields import MAX_SQUARE, MAX_WEIGHT, Fields, check_values, parse_header
from .checkpoint_read import Archive
from .data import Dataset
from .errors import CheckpointError
from .network import Network
from .run_set import KeptRun
from .safe_files import check_name
from .trainer import Config, Trainer

FORMAT_NAME = "numnet"
FORMAT_VERSION = 1
COMPRESS = True   # zlib: a trained 784-100-10 MLP shrinks by ~8 %, run histories far more
KINDS = ("model", "run")
PathLike = str | os.PathLike


# -- saving ------------------------------------------------------------------------------
def save_model(net: Network, path: PathLike, *, info: dict | None = None) -> None:
    """Save ``net``'s spec, parameters and buffers to ``path`` (a ``"model"`` file).

    ``info`` is optional JSON-able data stored as ``meta["info"]`` (e.g. the
    data set's class names). A network holding NaN or ±inf is refused with
    :class:`CheckpointError`, so a diverged model never replaces a good file.
    """
    meta = _model_meta(net, "model")
    if info is not None:
        meta["info"] = info
    _write(path, meta, _model_arrays(net, path))


def save_run(trainer: Trainer, path: PathLike, runs: list[KeptRun] | None = None) -> None:
    """Save a training run: the model plus everything needed to continue it exactly.

    Stores the optimizer (name, hyperparameters, step count ``t``, state
    arrays), the trainer's config, epoch, step, batch size, weight decay,
    dropout rates, both random generators' states and the metric history with
    its setting marks (``meta["history"]["marks"]``). A run saved in the middle
    of an epoch (``meta["trainer"]["epoch_complete"]`` false) also stores where
    the epoch stands (``position``, ``order_rng``, ``epoch_sums``) and resumes
    there, bit-exact (files without them resume at the next epoch). ``runs``: the runs kept
    for comparison (``core.run_set``), stored as ``meta["runs"]``.
    """
    net = trainer.net
    arrays = _model_arrays(net, path)
    values, state = trainer.state_dict()
    for key, a in state.items():
        what = "the trainer's last good weights" if key == "good" else f"optimizer state {key[4:]}"
        _check_finite(path, a, what)
        arrays["trainer/good" if key == "good" else key] = a
    ds = trainer.data
    meta = _model_meta(net, "run")
    meta.update(values)
    meta["dataset"] = {"name": ds.name, "n_train": len(ds.y_train), "n_test": len(ds.y_test),
                       "n_classes": ds.n_classes, "input_shape": list(ds.input_shape)}
    if runs:
        meta["runs"] = run_set_json.to_json(runs)
    _write(path, meta, arrays)


def _model_meta(net: Network, kind: str) -> dict[str, Any]:
    from . import __version__
    return {"format": FORMAT_NAME, "version": FORMAT_VERSION, "kind": kind,
            "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "app_version": __version__, "spec": net.spec, "n_params": net.n_params,
            "dtype": net.dtype.name,
            "params": {k: list(p.shape) for k, p in net.parameters().items()},
            "buffers": {k: list(b.shape) for k, b in net.buffers().items()}}


def _model_arrays(net: Network, path: PathLike) -> dict[str, np.ndarray]:
    out = {}
    for prefix, group in (("param", net.parameters()), ("buffer", net.buffers())):
        label = "parameter" if prefix == "param" else "buffer"
        for name, a in group.items():
            _check_finite(path, a, f"{label} {name} in {net.describe_layer(name)}")
            out[f"{prefix}/{name}"] = a
    return out


def _check_finite(path: PathLike, a: np.ndarray, what: str) -> None:
    if not np.isfinite(a).all():
        raise CheckpointError(path, f"refusing to save: {what} contains NaN or infinite values "
                                    "(the model diverged); any existing file was left unchanged")


def _json_default(o: Any) -> Any:
    if isinstance(o, np.generic):
        return o.item()
    if isinstance(o, (tuple, np.ndarray)):
        return list(o)
    raise TypeError(f"{type(o).__name__} is not JSON-serialisable")


def _write(path: PathLike, meta: dict, arrays: dict[str, np.ndarray]) -> None:
    """Write atomically: temp file in the same folder → flush + fsync → rename."""
    p = check_name(path, CheckpointError)
    try:
        text = json.dumps(meta, default=_json_default, ensure_ascii=False)
    except (TypeError, ValueError) as e:
        raise CheckpointError(p, f"cannot save: the header is not JSON-serialisable ({e})") from None
    payload = {"meta": np.frombuffer(text.encode("utf-8"), dtype=np.uint8), **arrays}
    target = os.path.realpath(p)          # write through a symlink, don't replace it
    folder = os.path.dirname(target)
    if os.path.isdir(target):
        raise CheckpointError(p, "cannot save: this is a folder, not a file name")
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mode = 0o666 & ~_umask()
    else:   # replacing the file would succeed in a writable folder: respect its read-only mode
        if not mode & 0o222 or not os.access(target, os.W_OK):   # root may write anything
            raise CheckpointError(p, "cannot save: the file is read-only; it was left unchanged "
                                     "(choose another name, or make it writable first)")
    _remove_stale_temporaries(folder, os.path.basename(target))
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(target)}.{os.getpid()}.",
                                   suffix=".tmp")
    except FileNotFoundError:
        raise CheckpointError(p, f"cannot save: the folder {folder} does not exist") from None
    except OSError as e:
        raise CheckpointError(p, f"cannot save: {e.strerror or e}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            (np.savez_compressed if COMPRESS else np.savez)(f, **payload)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError):
            raise CheckpointError(p, f"cannot save ({e.strerror or e}); any existing file was left "
                                     "unchanged") from e
        raise
    with contextlib.suppress(OSError, AttributeError):   # make the rename durable (POSIX)
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


STALE_AFTER_S = 3600     # a temporary file this old is left over, whoever made it


def _remove_stale_temporaries(folder: str, name: str) -> None:
    """Delete temporary files that an interrupted save of ``name`` left in ``folder`` (a killed
    process cannot clean up after itself): those whose process is gone, and any over an hour
    old. A save in progress elsewhere keeps its file."""
    prefix, now = f".{name}.", time.time()
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
                continue
            pid = entry.name[len(prefix):-4].split(".")[0]
            with contextlib.suppress(OSError):
                if now - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER_S or \
                        (pid.isdigit() and not _alive(int(pid))):
                    os.unlink(entry.path)


def _alive(pid: int) -> bool:
    """Whether process ``pid`` runs (always True where that cannot be asked safely)."""
    if os.name != "posix" or pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:            # e.g. another user's process
        return True
    return True


def _umask() -> int:
    with contextlib.suppress(OSError, ValueError, StopIteration):
        with open("/proc/self/status") as f:
            return int(next(line for line in f if line.startswith("Umask:")).split()[1], 8)
    return 0o022


# -- loading -----------------------------------------------------------------------------
MAX_META_BYTES = 64 << 20       # the JSON header; a run's history is ~100 bytes a step


def read_metadata(path: PathLike) -> dict:
    """The checked JSON header of a model or run file (no arrays are read).

    Keys include ``format``, ``version``, ``kind`` (``"model"``/``"run"``),
    ``created`` (ISO 8601, UTC), ``spec``, ``n_params``; run files add
    ``optimizer``, ``config``, ``trainer``, ``dataset`` and ``history``, and ``runs`` (the runs
    kept for comparison, ``core.run_set_json``) when there are any.
    """
    with Archive(path) as archive:
        return _read_meta(archive)[0]


def load_model(path: PathLike, rng: np.random.Generator | None = None) -> Network:
    """A Network rebuilt from a model file (or the model inside a run file).

    ``rng`` becomes the network's generator (dropout masks); by default a fresh one.
    """
    with Archive(path) as archive:
        meta, shapes = _read_meta(archive)
        values = _read_model_arrays(archive, meta, shapes)
    return _build_model(archive.path, meta, values, rng)


def load_run(path: PathLike, dataset: Dataset) -> Trainer:
    """A Trainer restored from a run file, ready to continue with ``run()``.

    ``dataset`` must be the data set the run was trained on; the split is
    re-created from ``config.seed``. Continuing gives exactly the losses an
    uninterrupted run would have given (for a run saved between epochs).
    """
    return load_run_and_kept(path, dataset)[0]


def load_run_and_kept(path: PathLike, dataset: Dataset) -> tuple[Trainer, list[KeptRun]]:
    """:func:`load_run`, and the runs kept for comparison in the file (an empty list for files
    without them); a bad ``runs`` field raises CheckpointError naming it."""
    with Archive(path) as archive:
        p = archive.path
        meta, shapes = _read_meta(archive)
        if meta["kind"] != "run":
            raise CheckpointError(p, "is a model file, not a training run (it holds no optimizer "
                                     "state or history); open it as a model instead")
        values = _read_model_arrays(archive, meta, shapes)
        net = _build_model(p, meta, values, None)
        opt = Fields(p, "damaged run data: ").run_header(meta, net.layers)
        kept = run_set_json.from_json(Fields(p, "damaged kept runs: "), meta.get("runs"))
        state = _read_run_arrays(archive, net, opt)
    try:
        return _build_trainer(p, meta, state, net, dataset), kept
    except CheckpointError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, OverflowError) as e:
        what = f"missing entry {e}" if isinstance(e, KeyError) else str(e)
        raise CheckpointError(p, f"damaged run data ({what})") from None


def _read_meta(archive: Archive) -> tuple[dict, dict[str, dict]]:
    """The header, parsed and checked, and the shapes of the arrays its spec needs
    (``{"params": {name: shape}, "buffers": …}``); every member's name is checked too."""
    p = archive.path
    if "meta" not in archive.members:
        raise CheckpointError(p, "not a NumNet checkpoint (no 'meta' entry)")
    raw = archive.read("meta", None, "u", MAX_META_BYTES, what="the header ('meta')")
    if raw.dtype != np.uint8:
        raise CheckpointError(p, "damaged header: 'meta' is not a uint8 byte array")
    meta = parse_header(p, raw, FORMAT_NAME, FORMAT_VERSION, KINDS)
    infos = spec_mod.infer(meta["spec"])
    shapes = {"params": {f"{i.index}.{k}": s for i in infos for k, s in i.params.items()},
              "buffers": {f"{i.index}.{k}": s for i in infos
                          for k, s in i.layer.buffer_shapes().items()}}
    Fields(p).model_header(meta, sum(i.n_params for i in infos), shapes)
    for key in archive.keys:
        group, _, name = key.partition("/")
        ok = key == "meta" or (group == "param" and name in shapes["params"]) or \
            (group == "buffer" and name in shapes["buffers"]) or \
            (meta["kind"] == "run" and (group == "opt" or key == "trainer/good"))
        if not ok:
            label = {"param": "parameter", "buffer": "buffer"}.get(group)
            if label:
                raise CheckpointError(p, f"unexpected {label} {name[:80]} (the spec has no such entry)")
            raise CheckpointError(p, f"unexpected entry '{key[:80]}' in a {meta['kind']} file")
    return meta, shapes


def _read_model_arrays(archive: Archive, meta: dict, shapes: dict) -> dict[str, np.ndarray]:
    """Every parameter and buffer the spec needs, each checked against its shape before it
    is read and for its values after; nothing else is read."""
    p, dtype = archive.path, np.dtype(meta.get("dtype", "float32"))
    net_layers = spec_mod.infer(meta["spec"])
    nonneg = {f"{i.index}.{b}" for i in net_layers for b in i.layer.nonnegative_buffers}
    values = {}
    for prefix, label, group in (("param", "parameter", "params"), ("buffer", "buffer", "buffers")):
        for name, shape in shapes[group].items():
            key = f"{prefix}/{name}"
            if key not in archive.members:
                raise CheckpointError(p, f"missing {label} {name}", field=key)
            a = archive.read(key, shape, "f", what=f"{label} {name}")
            square = name in nonneg
            check_values(p, a, f"{label} {name}", key, nonnegative=square,
                         limit=MAX_SQUARE if square else MAX_WEIGHT)
            values[name] = a.astype(dtype, copy=False)
    return values


def _read_run_arrays(archive: Archive, net: Network, opt) -> dict[str, np.ndarray]:
    """The optimizer's state (``opt/<param or all>/<slot>``, slots of the run's optimizer) and
    the last good weights, each checked before it is read."""
    p = archive.path
    shapes = {"all": net.flat_params.shape} | {k: v.shape for k, v in net.parameters().items()}
    state = {}
    for key in archive.keys:
        if key.startswith("opt/"):
            name = key[4:]
            param, _, slot = name.rpartition("/")
            if param not in shapes:
                raise CheckpointError(p, f"optimizer state {name[:80]} belongs to no parameter",
                                      field=key)
            if slot not in opt.SLOTS:
                raise CheckpointError(p, f"optimizer state {name[:80]}: {opt.name} keeps no state "
                                         f"'{slot[:40]}'" + (f" (only {', '.join(opt.SLOTS)})"
                                                             if opt.SLOTS else ""), field=key)
            a = archive.read(key, shapes[param], "f", what=f"optimizer state {name}")
            check_values(p, a, f"optimizer state {name}", key,
                         nonnegative=slot in opt.NONNEGATIVE_SLOTS, limit=MAX_SQUARE)
            state[key] = a.astype(net.dtype)
    if "trainer/good" in archive.members:
        a = archive.read("trainer/good", net.flat_params.shape, "f", what="the last good weights")
        check_values(p, a, "the last good weights", "trainer/good")
        state["good"] = a.astype(net.dtype)
    return state


def _build_model(p: str, meta: dict, values: dict, rng: np.random.Generator | None) -> Network:
    """The Network, filled only after every array passed; its output on a probe batch must
    be finite (weights within the limits can still overflow through many layers)."""
    net = Network(meta["spec"], rng=rng, dtype=np.dtype(meta.get("dtype", "float32")))
    net.load_snapshot(values)
    probe = np.random.default_rng(0).random((2, *net.input_shape)).astype(net.dtype)
    with np.errstate(all="ignore"):
        finite = np.isfinite(net.predict_proba(probe)).all()
    if not finite:
        raise CheckpointError(p, "the network's output overflows (NaN or infinite) on ordinary "
                                 "inputs: its weights are damaged or diverged")
    return net


def _build_trainer(p: str, meta: dict, state: dict, net: Network, dataset: Dataset) -> Trainer:
    """Check the run against ``dataset``, then assemble the Trainer (nothing escapes half-built)."""
    ds = meta["dataset"]
    if (ds["name"], ds["n_train"], ds["n_classes"]) != (dataset.name, len(dataset.y_train),
                                                         dataset.n_classes):
        raise CheckpointError(p, f"this run was trained on {ds['name'][:80]!r} ({ds['n_train']} "
                                 f"training samples, {ds['n_classes']} classes), not on "
                                 f"{dataset.name!r} ({len(dataset.y_train)} samples, "
                                 f"{dataset.n_classes} classes)")
    config = Config(**meta["config"])
    try:
        trainer = Trainer(net, dataset, config)
    except ValueError as e:
        raise CheckpointError(p, f"cannot continue this run on {dataset.name!r}: {e}") from None
    try:
        trainer.load_state_dict(meta, state)
    except (ValueError, TypeError, OverflowError, IndexError, AttributeError) as e:
        raise CheckpointError(p, f"damaged run data ({e})") from None
    except KeyError as e:
        raise CheckpointError(p, f"damaged run data (missing {e})") from None
    return trainer
