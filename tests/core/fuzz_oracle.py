"""Is what a loader returned valid in every field? (The fuzz test's oracle.)

Written from the rules, independently of the loaders' own checks: a loaded model has
finite parameters of sane size, non-negative variances and gives finite probabilities; a
run's optimizer, config, counters, random generators and history are in range and it
trains on; a spec builds, runs and survives saving; a data set has samples, pixels and a
sane number of classes. Returns "" or the first problem found.
"""
from __future__ import annotations

import json
import math
from dataclasses import fields

import numpy as np

MAX_ABS = 1e6            # no trained weight comes near this; beyond it float32 products overflow
MAX_COUNTER = 2**53
MAX_CLASSES = 100


def check(kind: str, loaded) -> str:
    if kind == "model":
        net, meta = loaded
        return check_model(net) or check_info(meta)
    if kind == "run":
        return check_run(loaded)
    if kind == "spec":
        return check_spec(loaded)
    return check_dataset(loaded)


def _is_int(v, low=0, high=MAX_COUNTER) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and low <= v <= high


def _is_num(v, low=-math.inf, high=math.inf) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and \
        low <= v <= high


def check_model(net) -> str:
    from core import spec as spec_mod
    try:
        spec_mod.validate(net.spec)
    except ValueError as e:
        return f"spec: {e}"
    for group in (net.parameters(), net.buffers()):
        for name, a in group.items():
            if a.dtype != net.dtype:
                return f"{name} dtype {a.dtype}"
            if not np.isfinite(a).all():
                return f"{name} not finite"
            variance = name.endswith("running_var")
            limit = MAX_ABS ** 2 if variance else MAX_ABS
            if np.abs(a).max(initial=0) > limit:
                return f"{name} has |value| {np.abs(a).max():.3g} > {limit:g}"
            if variance and (a < 0).any():
                return f"{name} negative"
    x = np.random.default_rng(0).normal(size=(4, *net.input_shape)).astype(np.float32)
    p = net.predict_proba(x)
    if not np.isfinite(p).all():
        return "predictions not finite"
    return ""


def check_info(meta: dict) -> str:
    info = meta.get("info")
    if info is None:
        return ""
    if not isinstance(info, dict):
        return f"info is {type(info).__name__}"
    acc = info.get("test_acc")
    if acc is not None and not _is_num(acc, 0, 1):
        return f"info test_acc {acc!r}"
    return ""


def check_run(trainer) -> str:
    from core import optimizers
    problem = check_model(trainer.net)
    if problem:
        return problem
    opt = trainer.optimizer
    try:
        optimizers.check_learning_rate(opt.lr)
        for h in type(opt).HYPERPARAMETERS:
            if not _is_num(getattr(opt, h.name), h.low, h.high):
                return f"{h.name} = {getattr(opt, h.name)!r}"
        trainer.config.check()
    except ValueError as e:
        return str(e)
    if not _is_int(opt.t):
        return f"optimizer t = {opt.t!r}"
    nonneg = {"adagrad": "h", "rmsprop": "h", "adam": "v"}.get(opt.name)
    for key, slots in opt.state.items():
        for slot, a in slots.items():
            if not np.isfinite(a).all() or np.abs(a).max(initial=0) > MAX_ABS ** 2:
                return f"optimizer state {key}/{slot} not finite or huge"
            if slot == nonneg and (a < 0).any():
                return f"optimizer state {key}/{slot} negative"
    c = trainer.config
    for name in ("good_every",):
        if not _is_int(getattr(c, name), 1):
            return f"config {name} = {getattr(c, name)!r}"
    for name in ("max_train", "max_eval"):
        v = getattr(c, name)
        if v is not None and not _is_int(v, 1):
            return f"config {name} = {v!r}"
    if not _is_int(c.seed, 0, 2**64) or not isinstance(c.evaluate_test, bool):
        return f"config seed {c.seed!r} / evaluate_test {c.evaluate_test!r}"
    for name in ("epoch", "step", "batch_size"):
        if not _is_int(getattr(trainer, name)):
            return f"trainer {name} = {getattr(trainer, name)!r}"
    problem = _check_history(trainer.history)
    if problem:
        return problem
    events = trainer.run()
    for _ in range(3):
        ev = next(events, None)
        if ev is None:
            break
        loss = getattr(ev, "loss", 0.0)
        if type(ev).__name__ == "Step" and not math.isfinite(loss):
            return f"training step loss {loss}"
    return ""


def _check_history(history) -> str:
    steps, epochs = getattr(history, "steps", None), getattr(history, "epochs", None)
    if not isinstance(steps, list) or not isinstance(epochs, list):
        return ""                      # a compact history: the trainer's own business
    for rec in steps + epochs:
        for f in fields(rec):
            v = getattr(rec, f.name)
            optional = "None" in str(f.type)
            if v is None and optional:
                continue
            if str(f.type).startswith("int") and not _is_int(v):
                return f"history {type(rec).__name__}.{f.name} = {v!r}"
            if str(f.type).startswith("float") and not _is_num(v):
                return f"history {type(rec).__name__}.{f.name} = {v!r}"
    return ""


def check_spec(spec) -> str:
    from core import spec as spec_mod
    from core.network import Network
    if not isinstance(spec, dict):
        return f"spec is {type(spec).__name__}"
    try:
        again = spec_mod.validate(json.loads(json.dumps(spec)))
        json.dumps(spec, ensure_ascii=False).encode("utf-8")       # as a checkpoint saves it
    except (ValueError, UnicodeError) as e:
        return f"round trip: {type(e).__name__}: {e}"
    if again != spec:
        return "round trip changed the spec"
    net = Network.from_spec(spec, rng=np.random.default_rng(0))
    x = np.zeros((2, *net.input_shape), np.float32)
    if not np.isfinite(net.predict_proba(x)).all():
        return "predictions not finite"
    return ""


def check_dataset(ds) -> str:
    for split in ("train", "test"):
        x, y = getattr(ds, "x_" + split), getattr(ds, "y_" + split)
        if x.dtype != np.uint8 or x.ndim != 3 or min(x.shape) < 1:
            return f"x_{split} {x.dtype} {x.shape}"
        if y.shape != (len(x),) or y.dtype.kind not in "iu":
            return f"y_{split} {y.dtype} {y.shape}"
        if len(y) and (y.min() < 0 or y.max() >= ds.n_classes):
            return f"y_{split} outside 0..{ds.n_classes - 1}"
    if not 2 <= ds.n_classes <= MAX_CLASSES:
        return f"{ds.n_classes} classes"
    if ds.x_train.shape[1:] != ds.x_test.shape[1:] or tuple(ds.input_shape) != (1, *ds.x_train.shape[1:]):
        return f"shapes {ds.x_train.shape} {ds.x_test.shape} {ds.input_shape}"
    return ""
