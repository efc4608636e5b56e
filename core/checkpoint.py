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

Everything is read with ``allow_pickle=False``. Loading checks the header,
the spec and every array (presence, shape, dtype, finiteness) before a
network is filled, so a bad file raises :class:`CheckpointError` naming the
file and the problem and never half-loads. Saving writes a temporary file in
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
import zipfile
import zlib
from datetime import datetime, timezone
from typing import Any

import numpy as np

from . import spec as spec_mod
from .data import Dataset
from .network import Network
from .trainer import Config, Trainer

FORMAT_NAME = "numnet"
FORMAT_VERSION = 1
COMPRESS = True   # zlib: a trained 784-100-10 MLP shrinks by ~8 %, run histories far more
KINDS = ("model", "run")
PathLike = str | os.PathLike


class CheckpointError(ValueError):
    """A checkpoint that cannot be saved or loaded; ``str(e)`` is ``"<path>: <problem>"``."""

    def __init__(self, path: PathLike, problem: str):
        self.path = os.fspath(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")

    def __reduce__(self):
        return type(self), (self.path, self.problem)


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


def save_run(trainer: Trainer, path: PathLike) -> None:
    """Save a training run: the model plus everything needed to continue it exactly.

    Stores the optimizer (name, hyperparameters, step count ``t``, state
    arrays), the trainer's config, epoch, step, batch size, weight decay,
    dropout rates, both random generators' states and the metric history with
    its setting marks (``meta["history"]["marks"]``). A run saved in the middle
    of an epoch (``meta["trainer"]["epoch_complete"]`` false) also stores where
    the epoch stands (``position``, ``order_rng``, ``epoch_sums``) and resumes
    there, bit-exact (files without them resume at the next epoch).
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
    p = os.fspath(path)
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
def read_metadata(path: PathLike) -> dict:
    """The checked JSON header of a model or run file (no arrays are read).

    Keys include ``format``, ``version``, ``kind`` (``"model"``/``"run"``),
    ``created`` (ISO 8601, UTC), ``spec``, ``n_params``; run files add
    ``optimizer``, ``config``, ``trainer``, ``dataset`` and ``history``.
    """
    meta, _ = _read(path, arrays=False)
    return meta


def load_model(path: PathLike, rng: np.random.Generator | None = None) -> Network:
    """A Network rebuilt from a model file (or the model inside a run file).

    ``rng`` becomes the network's generator (dropout masks); by default a fresh one.
    """
    meta, arrays = _read(path)
    return _build_model(path, meta, arrays, rng)


def load_run(path: PathLike, dataset: Dataset) -> Trainer:
    """A Trainer restored from a run file, ready to continue with ``run()``.

    ``dataset`` must be the data set the run was trained on; the split is
    re-created from ``config.seed``. Continuing gives exactly the losses an
    uninterrupted run would have given (for a run saved between epochs).
    """
    meta, arrays = _read(path)
    if meta["kind"] != "run":
        raise CheckpointError(path, "is a model file, not a training run (it holds no optimizer "
                                    "state or history); open it as a model instead")
    net = _build_model(path, meta, arrays, None)
    try:
        return _build_trainer(path, meta, arrays, net, dataset)
    except CheckpointError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as e:
        what = f"missing entry {e}" if isinstance(e, KeyError) else str(e)
        raise CheckpointError(path, f"damaged run data ({what})") from None


def _read(path: PathLike, arrays: bool = True) -> tuple[dict, dict[str, np.ndarray]]:
    """Open, check the header, and (optionally) read every array into memory."""
    p = os.fspath(path)
    try:
        f = open(p, "rb")
    except FileNotFoundError:
        raise CheckpointError(p, "no such file") from None
    except IsADirectoryError:
        raise CheckpointError(p, "is a folder, not a checkpoint file") from None
    except OSError as e:
        raise CheckpointError(p, f"cannot read file ({e.strerror or e})") from None
    member = "meta"
    with f:
        try:
            npz = np.load(f, allow_pickle=False)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as e:
            raise CheckpointError(p, _zip_problem(f, e)) from None
        except ValueError:
            raise CheckpointError(p, "not a NumNet checkpoint (not an .npz archive)") from None
        except Exception as e:   # any other parser failure is still a bad file, never a crash
            raise CheckpointError(p, f"unreadable file ({type(e).__name__}: {e})") from None
        if not isinstance(npz, np.lib.npyio.NpzFile):
            raise CheckpointError(p, "not a NumNet checkpoint (a single .npy array, not an .npz archive)")
        with npz:
            try:
                if "meta" not in npz.files:
                    raise CheckpointError(p, "not a NumNet checkpoint (no 'meta' entry)")
                meta = _parse_meta(p, npz["meta"])
                out = {}
                for member in npz.files if arrays else ():
                    if member != "meta":
                        out[member] = npz[member]
            except CheckpointError:
                raise
            except ValueError as e:
                if "allow_pickle" in str(e) or "Object arrays" in str(e):
                    raise CheckpointError(p, f"entry '{member}' is a Python object array, which is "
                                             "never loaded (pickle is disabled for safety)") from None
                raise CheckpointError(p, f"corrupted entry '{member}' ({e})") from None
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as e:
                raise CheckpointError(p, f"truncated or corrupted file (bad zip data in '{member}': "
                                         f"{e})") from None
            except Exception as e:
                raise CheckpointError(p, f"corrupted entry '{member}' ({type(e).__name__}: "
                                         f"{e})") from None
    for name, a in out.items():
        if not isinstance(a, np.ndarray):
            raise CheckpointError(p, f"entry '{name}' is not a NumPy array")
    return meta, out


def _zip_problem(f, e: Exception) -> str:
    with contextlib.suppress(OSError):
        f.seek(0)
        if not f.read(1):
            return "empty file (0 bytes)"
    return f"truncated or corrupted file (bad zip data: {e})"


def _parse_meta(p: str, raw: np.ndarray) -> dict:
    if not isinstance(raw, np.ndarray) or raw.dtype != np.uint8 or raw.ndim > 1:
        raise CheckpointError(p, "damaged header: 'meta' is not a uint8 byte array")
    try:
        meta = json.loads(raw.tobytes().decode("utf-8"))
    except UnicodeDecodeError:
        raise CheckpointError(p, "damaged header: 'meta' is not UTF-8 text") from None
    except json.JSONDecodeError as e:
        raise CheckpointError(p, f"damaged header: 'meta' is not valid JSON ({e.msg} at line "
                                 f"{e.lineno}, column {e.colno})") from None
    if not isinstance(meta, dict):
        raise CheckpointError(p, "damaged header: 'meta' is not a JSON object")
    if meta.get("format") != FORMAT_NAME:
        raise CheckpointError(p, f"not a NumNet checkpoint (format {meta.get('format')!r})")
    version = meta.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise CheckpointError(p, f"unsupported format version {version!r}")
    if version > FORMAT_VERSION:
        raise CheckpointError(p, f"format version {version} is newer than this app supports "
                                 f"({FORMAT_VERSION}); update NumNet Studio to open it")
    if meta.get("kind") not in KINDS:
        raise CheckpointError(p, f"unknown kind {meta.get('kind')!r} (expected 'model' or 'run')")
    if meta.get("dtype", "float32") not in ("float32", "float64"):
        raise CheckpointError(p, f"unsupported dtype {meta.get('dtype')!r}")
    try:
        meta["spec"] = spec_mod.validate(meta.get("spec"))
    except spec_mod.SpecError as e:
        raise CheckpointError(p, f"invalid architecture in the file: {e}") from None
    return meta


def _checked(p: PathLike, a: np.ndarray, what: str, shape: tuple, dtype: np.dtype) -> np.ndarray:
    if a.dtype.kind != "f":
        raise CheckpointError(p, f"{what} has dtype {a.dtype}, expected floating point")
    if a.shape != tuple(shape):
        raise CheckpointError(p, f"{what} has shape {a.shape} but the spec needs {tuple(shape)}")
    if not np.isfinite(a).all():
        raise CheckpointError(p, f"contains non-finite values in {what}")
    return a.astype(dtype, copy=False)


def _build_model(p: PathLike, meta: dict, arrays: dict, rng: np.random.Generator | None) -> Network:
    """A fully checked Network: every array is checked against the spec's shapes
    before anything is allocated, and the network is filled only after all passed."""
    dtype = np.dtype(meta.get("dtype", "float32"))
    infos = spec_mod.infer(meta["spec"])
    expected = {"param": {f"{i.index}.{k}": s for i in infos for k, s in i.params.items()},
                "buffer": {f"{i.index}.{k}": s for i in infos for k, s in i.layer.buffer_shapes().items()}}
    values = {}
    for prefix, label in (("param", "parameter"), ("buffer", "buffer")):
        group = expected[prefix]
        for name, shape in group.items():
            a = arrays.get(f"{prefix}/{name}")
            if a is None:
                raise CheckpointError(p, f"missing {label} {name}")
            values[name] = _checked(p, a, f"{label} {name}", shape, dtype)
        extra = sorted(k.split("/", 1)[1] for k in arrays
                       if k.startswith(prefix + "/") and k.split("/", 1)[1] not in group)
        if extra:
            raise CheckpointError(p, f"unexpected {label} {extra[0]} (the spec has no such entry)")
    net = Network(meta["spec"], rng=rng, dtype=dtype)
    net.load_snapshot(values)
    return net


def _build_trainer(p: PathLike, meta: dict, arrays: dict, net: Network, dataset: Dataset) -> Trainer:
    """Check every part of a run, then assemble the Trainer (nothing escapes half-built)."""
    ds = meta["dataset"]
    if (ds["name"], ds["n_train"], ds["n_classes"]) != (dataset.name, len(dataset.y_train),
                                                         dataset.n_classes):
        raise CheckpointError(p, f"this run was trained on {ds['name']!r} ({ds['n_train']} training "
                                 f"samples, {ds['n_classes']} classes), not on {dataset.name!r} "
                                 f"({len(dataset.y_train)} samples, {dataset.n_classes} classes)")
    config = Config(**meta["config"])
    config.check()
    shapes = {"all": net.flat_params.shape} | {k: v.shape for k, v in net.parameters().items()}
    state = {}
    for key, a in arrays.items():
        if key.startswith("opt/"):
            name = key[4:]
            param = name.rsplit("/", 1)[0]
            if "/" not in name or param not in shapes:
                raise CheckpointError(p, f"optimizer state {name} belongs to no parameter")
            state[key] = _checked(p, a, f"optimizer state {name}", shapes[param], net.dtype)
    good = arrays.get("trainer/good")
    if good is not None:
        state["good"] = _checked(p, good, "the last good weights", net.flat_params.shape, net.dtype)
    try:
        trainer = Trainer(net, dataset, config)
    except ValueError as e:
        raise CheckpointError(p, f"cannot continue this run on {dataset.name!r}: {e}") from None
    try:
        trainer.load_state_dict(meta, state)
    except (ValueError, TypeError, OverflowError) as e:
        raise CheckpointError(p, f"damaged run data ({e})") from None
    except KeyError as e:
        raise CheckpointError(p, f"damaged run data (missing {e})") from None
    return trainer
