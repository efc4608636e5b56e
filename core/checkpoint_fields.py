"""The rule of every field of a checkpoint, checked before anything is built from it.

A model file's header (``meta``) holds the format, the spec and what the arrays must look
like; a run file's adds the optimizer, the config, the trainer's counters, the random
generators' states, the history and the data set it was trained on. Each check raises
``CheckpointError(path, problem, field)`` naming the field (``optimizer.beta1``,
``history.steps[3].loss``, ``param/0.W``) and its rule. Arrays are checked for values too:
finite, no larger than ``MAX_WEIGHT`` (trained weights are of order 1; beyond this a few
layers' products overflow float32, so such a file can only be damaged), and non-negative
where they are variances or sums of squares (BatchNorm's running variance, AdaGrad's and
RMSProp's ``h``, Adam's ``v``: a negative one gives NaN predictions).

Keys this version does not know are ignored (a newer app may add some); a known key that
breaks its rule never is.
"""
from __future__ import annotations

import json
import math
from dataclasses import MISSING, fields

import numpy as np

from . import live_settings, optimizers
from . import spec as spec_mod
from .errors import CheckpointError
from .layers import Dropout
from .training_config import Config, check_batch_size, check_weight_decay

MAX_WEIGHT = 1e6          # parameters, buffers, the last good weights, Adam's m, velocities
MAX_SQUARE = 1e12         # variances and sums of squared gradients (MAX_WEIGHT²)
MAX_COUNTER = 2**53 - 1   # steps, epochs, optimizer t: the largest whole number JSON keeps exactly
MAX_SEED = 2**64 - 1
PCG64_LIMIT = 2**128


class Fields:
    """Checks on one file's header; ``fail(field, rule)`` raises the file's error, its
    message starting with ``prefix``."""

    def __init__(self, path: str, prefix: str = ""):
        self.path, self.prefix = path, prefix

    def fail(self, field: str, rule: str):
        raise CheckpointError(self.path, f"{self.prefix}{field}: {rule}", field=field)

    # -- single values ---------------------------------------------------------------------
    def mapping(self, v, field: str) -> dict:
        if not isinstance(v, dict):
            self.fail(field, f"must be an object, got {_short(v)}")
        return v

    def whole(self, v, field: str, low: int = 0, high: int = MAX_COUNTER) -> int:
        if isinstance(v, bool) or not isinstance(v, int) or not low <= v <= high:
            self.fail(field, f"must be a whole number from {low:,} to {high:,}, got {_short(v)}")
        return v

    def number(self, v, field: str, low: float = -math.inf, high: float = math.inf) -> float:
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) \
                or not low <= v <= high:
            rng = "a finite number" if (low, high) == (-math.inf, math.inf) else \
                f"a number from {low:g} to {high:g}"
            self.fail(field, f"must be {rng}, got {_short(v)}")
        return float(v)

    def text(self, v, field: str, choices=None) -> str:
        if not isinstance(v, str) or (choices is not None and v not in choices):
            rule = f"one of {', '.join(choices)}" if choices is not None else "a text"
            self.fail(field, f"must be {rule}, got {_short(v)}")
        return v

    def flag(self, v, field: str) -> bool:
        if not isinstance(v, bool):
            self.fail(field, f"must be true or false, got {_short(v)}")
        return v

    def checked(self, check, v, field: str):
        """``check(v)`` from a registry (raises ValueError); its message becomes the rule."""
        try:
            return check(v)
        except (ValueError, TypeError) as e:
            self.fail(field, str(e))

    # -- a model file --------------------------------------------------------------------------
    def model_header(self, meta: dict, n_params: int, shapes: dict[str, dict]) -> None:
        """``n_params``, ``params``, ``buffers`` (when present) agree with the spec; ``info``."""
        if "n_params" in meta:
            self.whole(meta["n_params"], "n_params", n_params, n_params)
        for group in ("params", "buffers"):
            if group in meta:
                given = self.mapping(meta[group], group)
                want = {k: list(s) for k, s in shapes[group].items()}
                if given != want:
                    self.fail(group, "the array shapes listed do not match the architecture")
        for key in ("created", "app_version"):
            if key in meta:
                self.text(meta[key], key)
        if meta.get("info") is not None:
            self.info(self.mapping(meta["info"], "info"))

    def info(self, info: dict) -> None:
        """What a model says of itself (``save_model(info=…)``): the known keys' types."""
        for key in ("data", "preset", "augment"):
            if info.get(key) is not None:
                self.text(info[key], f"info.{key}")
        for key in ("epochs", "seed"):
            if info.get(key) is not None:
                self.whole(info[key], f"info.{key}", 0, MAX_SEED)
        if info.get("test_acc") is not None:
            self.number(info["test_acc"], "info.test_acc", 0.0, 1.0)

    # -- a run file --------------------------------------------------------------------------
    def run_header(self, meta: dict, layers: list) -> optimizers.Optimizer:
        """Every field of a run's header; returns the optimizer class's instance it names
        (for its state slots)."""
        opt = self.optimizer(self.mapping(meta.get("optimizer"), "optimizer"))
        self.config(self.mapping(meta.get("config"), "config"))
        self.trainer(self.mapping(meta.get("trainer"), "trainer"), layers)
        rng = self.mapping(meta.get("rng"), "rng")
        for which in ("trainer", "net"):
            self.rng_state(rng.get(which), f"rng.{which}")
        self.history(self.mapping(meta.get("history"), "history"))
        ds = self.mapping(meta.get("dataset"), "dataset")
        self.text(ds.get("name"), "dataset.name")
        for key, low in (("n_train", 1), ("n_test", 0), ("n_classes", 2)):
            self.whole(ds.get(key), f"dataset.{key}", low)
        return opt

    def optimizer(self, o: dict) -> optimizers.Optimizer:
        name = o.get("name")
        if not isinstance(name, str) or name not in optimizers.OPTIMIZERS:
            self.fail("optimizer.name", f"unknown optimizer {_short(name)}; choose one of "
                                        f"{', '.join(optimizers.OPTIMIZERS)}")
        cls = optimizers.OPTIMIZERS[name]
        hp = self.mapping(o.get("hyperparameters"), "optimizer.hyperparameters")
        known = {h.name: h for h in cls.HYPERPARAMETERS}
        for key, v in hp.items():
            field = f"optimizer.{key}"
            if key == "lr":
                self.checked(optimizers.check_learning_rate, self.number(v, field), field)
            elif key in known:
                self.checked(known[key].check, self.number(v, field), field)
            else:
                self.fail(field, f"{name} has no hyperparameter {key!r}")
        self.whole(o.get("t"), "optimizer.t")
        return cls

    def config(self, c: dict) -> None:
        declared = {f.name: f for f in fields(Config)}
        for key, v in c.items():
            if key not in declared:
                self.fail(f"config.{key}", "is not a setting of a training run")
            self._typed(v, str(declared[key].type), f"config.{key}")
        for key in ("good_every", "max_train", "max_eval"):
            if c.get(key) is not None:
                self.whole(c[key], f"config.{key}", 1)
        if c.get("seed") is not None:
            self.whole(c["seed"], "config.seed", 0, MAX_SEED)
        if "optimizer" in c:
            self.text(c["optimizer"], "config.optimizer", tuple(optimizers.OPTIMIZERS))
        if c.get("lr") is not None:
            self.checked(optimizers.check_learning_rate, c["lr"], "config.lr")
        for key, v in self.mapping(c.get("optimizer_args", {}), "config.optimizer_args").items():
            self.number(v, f"config.optimizer_args.{key}")
        missing = [f.name for f in declared.values()
                   if f.name not in c and f.default is MISSING and f.default_factory is MISSING]
        if missing:
            self.fail(f"config.{missing[0]}", "is missing")
        self.checked(lambda cfg: Config(**cfg).check(), c, "config")

    def _typed(self, v, annotation: str, field: str) -> None:
        """``v`` has one of the types a dataclass field's annotation (a string) names."""
        allowed = [t.strip() for t in annotation.split("|")]
        ok = (v is None and "None" in allowed) or \
            (isinstance(v, bool) and "bool" in allowed) or \
            (not isinstance(v, bool) and (
                (isinstance(v, int) and ("int" in allowed or "float" in allowed)) or
                (isinstance(v, float) and "float" in allowed and math.isfinite(v)) or
                (isinstance(v, str) and "str" in allowed) or
                (isinstance(v, dict) and "dict" in allowed)))
        if not ok:
            self.fail(field, f"must be {' or '.join(allowed)}, got {_short(v)}")

    def trainer(self, t: dict, layers: list) -> None:
        self.whole(t.get("epoch"), "trainer.epoch")
        self.whole(t.get("step"), "trainer.step")
        self.checked(check_batch_size, t.get("batch_size"), "trainer.batch_size")
        self.checked(check_weight_decay, self.number(t.get("weight_decay"), "trainer.weight_decay"),
                     "trainer.weight_decay")
        for key in ("epoch_complete", "diverged"):
            if key in t:
                self.flag(t[key], f"trainer.{key}")
        for i, rate in self.mapping(t.get("dropout", {}), "trainer.dropout").items():
            field = f"trainer.dropout.{i}"
            if not (i.isascii() and i.isdecimal() and int(i) < len(layers)
                    and isinstance(layers[int(i)], Dropout)):
                self.fail(field, "names no dropout layer of the network")
            if self.number(rate, field, 0.0, 1.0) >= 1:
                self.fail(field, f"a dropout rate must be below 1, got {rate}")
        if "position" in t:
            self.whole(t["position"], "trainer.position")
        if "order_rng" in t:
            self.rng_state(t["order_rng"], "trainer.order_rng")
        if "epoch_sums" in t:
            sums = t["epoch_sums"]
            if not isinstance(sums, list) or len(sums) != 4:
                self.fail("trainer.epoch_sums", f"must be a list of 4 numbers, got {_short(sums)}")
            for k, v in enumerate(sums):
                self.number(v, f"trainer.epoch_sums[{k}]", 0.0)

    def rng_state(self, s, field: str) -> None:
        """A PCG64 bit generator's state as ``bit_generator.state`` gives it."""
        saved, self.prefix = self.prefix, f"{self.prefix}random generator state "
        try:
            self._rng_state(s, field)
        finally:
            self.prefix = saved

    def _rng_state(self, s, field: str) -> None:
        s = self.mapping(s, field)
        self.text(s.get("bit_generator"), f"{field}.bit_generator", ("PCG64",))
        inner = self.mapping(s.get("state"), f"{field}.state")
        self.whole(inner.get("state"), f"{field}.state.state", 0, PCG64_LIMIT - 1)
        inc = self.whole(inner.get("inc"), f"{field}.state.inc", 0, PCG64_LIMIT - 1)
        if inc % 2 == 0:
            self.fail(f"{field}.state.inc", f"must be odd (a PCG64 increment), got {inc}")
        self.whole(s.get("has_uint32"), f"{field}.has_uint32", 0, 1)
        self.whole(s.get("uinteger"), f"{field}.uinteger", 0, 2**32 - 1)

    def history(self, h: dict) -> None:
        from .run_history import Epoch, Step
        for key, cls in (("steps", Step), ("epochs", Epoch)):
            records = h.get(key)
            if not isinstance(records, list):
                self.fail(f"history.{key}", f"must be a list, got {_short(records)}")
            for n, rec in enumerate(records):
                self.record(self.mapping(rec, f"history.{key}[{n}]"), cls, f"history.{key}[{n}]")
        marks = h.get("marks", [])
        if not isinstance(marks, list):
            self.fail("history.marks", f"must be a list, got {_short(marks)}")
        for n, m in enumerate(marks):
            m = self.mapping(m, f"history.marks[{n}]")
            if set(m) != {"step", "name", "value"}:
                self.fail(f"history.marks[{n}]", "must have exactly step, name and value")
            self.whole(m["step"], f"history.marks[{n}].step")
            name = self.text(m["name"], f"history.marks[{n}].name", tuple(live_settings.SETTINGS))
            # a recovery after divergence may halve the rate below the setting's range
            check = optimizers.check_learning_rate if name == "lr" else live_settings.SETTINGS[name].check
            self.checked(check, m["value"], f"history.marks[{n}].value")

    def record(self, rec: dict, cls, field: str) -> None:
        """One Step or Epoch record: exactly its fields, each of its type and range."""
        names = {f.name: str(f.type) for f in fields(cls)}
        needed = {f.name for f in fields(cls) if f.default is MISSING}   # newer fields may be absent
        if not needed <= set(rec) <= set(names):
            odd = sorted((needed - set(rec)) | (set(rec) - set(names)))[0]
            self.fail(f"{field}.{odd}", "is missing" if odd in names else "is not a field of it")
        for key, annotation in names.items():
            if key not in rec:
                continue
            v, f = rec[key], f"{field}.{key}"
            self._typed(v, annotation, f)
            if v is None or annotation == "bool":
                continue
            if annotation.startswith("int"):
                self.whole(v, f)
            elif key.endswith("acc") or key == "epoch_progress":
                self.number(v, f, 0.0, 1.0)
            elif key == "lr":
                self.checked(optimizers.check_learning_rate, v, f)
            else:                                # losses, seconds, samples per second
                self.number(v, f, 0.0)


def parse_header(p: str, raw: np.ndarray, format_name: str, format_version: int,
                 kinds: tuple[str, ...]) -> dict:
    """The JSON header (``meta``) of the file ``p``: format, version, kind, dtype and spec
    checked (the spec normalised by ``core.spec.validate``)."""
    try:
        meta = json.loads(raw.tobytes().decode("utf-8"))
    except UnicodeDecodeError:
        raise CheckpointError(p, "damaged header: 'meta' is not UTF-8 text") from None
    except json.JSONDecodeError as e:
        raise CheckpointError(p, f"damaged header: 'meta' is not valid JSON ({e.msg} at line "
                                 f"{e.lineno}, column {e.colno})") from None
    except RecursionError:
        raise CheckpointError(p, "damaged header: 'meta' is nested too deeply") from None
    except ValueError as e:          # e.g. an integer of thousands of digits
        raise CheckpointError(p, f"damaged header: 'meta' is not valid JSON ({e})") from None
    if not isinstance(meta, dict):
        raise CheckpointError(p, "damaged header: 'meta' is not a JSON object")
    if meta.get("format") != format_name:
        raise CheckpointError(p, f"not a NumNet checkpoint (format {_short(meta.get('format'))})",
                              field="format")
    version = meta.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise CheckpointError(p, f"unsupported format version {_short(version)}", field="version")
    if version > format_version:
        raise CheckpointError(p, f"format version {version} is newer than this app supports "
                                 f"({format_version}); update NumNet Studio to open it", field="version")
    if meta.get("kind") not in kinds:
        raise CheckpointError(p, f"unknown kind {_short(meta.get('kind'))} (expected 'model' or "
                                 "'run')", field="kind")
    if meta.get("dtype", "float32") not in ("float32", "float64"):
        raise CheckpointError(p, f"unsupported dtype {_short(meta.get('dtype'))}", field="dtype")
    try:
        meta["spec"] = spec_mod.validate(meta.get("spec"))
    except spec_mod.SpecError as e:
        raise CheckpointError(p, f"invalid architecture in the file: {e}",
                              field="spec" + (f".{e.field}" if e.field else "")) from None
    return meta


def check_values(path: str, a: np.ndarray, what: str, field: str, nonnegative: bool = False,
                 limit: float = MAX_WEIGHT) -> None:
    """An array's values: finite, within ±``limit`` (or ``[0, limit]``)."""
    with np.errstate(all="ignore"):
        if not np.isfinite(a).all():
            raise CheckpointError(path, f"contains non-finite values in {what}", field=field)
        if nonnegative and a.size and a.min() < 0:
            raise CheckpointError(path, f"{what} has a negative value ({float(a.min()):g}), but it "
                                        "holds variances or squares, which cannot be negative",
                                  field=field)
        peak = float(np.abs(a).max()) if a.size else 0.0
    if peak > limit:
        raise CheckpointError(path, f"{what} holds a value of size {peak:.3g}, over the limit of "
                                    f"{limit:g} (a damaged file or a diverged model)", field=field)


def _short(v, limit: int = 60) -> str:
    r = repr(v)
    return r if len(r) <= limit else r[:limit - 1] + "…"
