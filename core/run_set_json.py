"""Kept runs in a run file: ``meta["runs"]``, a JSON list with one object per kept run, and its
check on load (every field by its rule, ``CheckpointError`` naming the field, e.g.
``runs[1].settings.lr``). Run files without ``runs`` hold no comparison; keys this version does
not know are ignored, a setting the file lacks takes its default.

One kept run::

    {"uid": "3f…", "number": 2, "name": "", "visible": true, "dataset": "mnist",
     "settings": {"lr": 0.01, …}, "spec": {…}, "seconds": 12.5,
     "epochs": {"step": [...], "epoch": [...], "train_loss": [...], "val_acc": [0.91, null], …},
     "steps": {"step": [...], "loss": [...], "acc": [...]},
     "marks": [{"step": 300, "name": "lr", "value": 0.001}]}
"""
from __future__ import annotations

import math

import numpy as np

from . import live_settings, optimizers
from . import spec as spec_mod
from .checkpoint_fields import Fields
from .run_set import EPOCH_KEYS, STEP_KEYS, KeptRun

MAX_RUNS = 1000
MAX_POINTS = 100_000       # per series (a kept run holds at most ~2,048 per-batch points)
MAX_NAME = 200


def _listed(a: np.ndarray) -> list:
    return [None if not math.isfinite(v) else (int(v) if v.is_integer() and abs(v) < 2**53 else v)
            for v in a.tolist()]


def to_json(runs: list[KeptRun]) -> list[dict]:
    """The kept runs as plain JSON values."""
    return [{"uid": r.uid, "number": r.number, "name": r.name, "visible": r.visible,
             "dataset": r.dataset, "settings": dict(r.settings), "spec": r.spec,
             "seconds": float(r.seconds),
             "epochs": {k: _listed(r.epochs[k]) for k in EPOCH_KEYS},
             "steps": {k: _listed(r.steps[k]) for k in STEP_KEYS},
             "marks": [{"step": s, "name": n, "value": v} for s, n, v in r.marks]} for r in runs]


# per-series rules: (low, high, whole numbers, may be null)
_EPOCH_RULES = {"step": (0, 2**53 - 1, True, False), "epoch": (0, 2**53 - 1, True, False),
                "train_loss": (0, math.inf, False, True), "val_loss": (0, math.inf, False, True),
                "train_acc": (0, 1, False, True), "val_acc": (0, 1, False, True),
                "test_acc": (0, 1, False, True)}
_STEP_RULES = {"step": (0, 2**53 - 1, False, False), "loss": (0, math.inf, False, False),
               "acc": (0, 1, False, False)}


def from_json(f: Fields, value) -> list[KeptRun]:
    """The kept runs of a run file's ``runs`` (None: the file holds none), each field checked;
    ``f.fail`` raises the file's CheckpointError naming the field."""
    if value is None:
        return []
    if not isinstance(value, list):
        f.fail("runs", f"must be a list, got {type(value).__name__}")
    if len(value) > MAX_RUNS:
        f.fail("runs", f"holds {len(value):,} runs; at most {MAX_RUNS:,} are read")
    runs, uids = [], set()
    for i, item in enumerate(value):
        run = _run(f, f.mapping(item, f"runs[{i}]"), f"runs[{i}]")
        if run.uid in uids:
            f.fail(f"runs[{i}].uid", "appears twice")
        uids.add(run.uid)
        runs.append(run)
    return runs


def _run(f: Fields, r: dict, at: str) -> KeptRun:
    uid = f.text(r.get("uid"), f"{at}.uid")
    if not 1 <= len(uid) <= 64:
        f.fail(f"{at}.uid", "must be 1 to 64 characters long")
    number = f.whole(r.get("number"), f"{at}.number", 1, 10**6)
    name = f.text(r.get("name", ""), f"{at}.name")
    if len(name) > MAX_NAME:
        f.fail(f"{at}.name", f"must be at most {MAX_NAME} characters long")
    visible = f.flag(r.get("visible", True), f"{at}.visible")
    dataset = f.text(r.get("dataset"), f"{at}.dataset")
    settings = _settings(f, f.mapping(r.get("settings"), f"{at}.settings"), f"{at}.settings")
    try:
        spec = spec_mod.validate(r.get("spec"))
    except spec_mod.SpecError as e:
        f.fail(f"{at}.spec" + (f".{e.field}" if e.field else ""), f"invalid architecture: {e}")
    seconds = f.number(r.get("seconds", 0.0), f"{at}.seconds", 0.0)
    epochs = _series(f, f.mapping(r.get("epochs"), f"{at}.epochs"), f"{at}.epochs", _EPOCH_RULES)
    steps = _series(f, f.mapping(r.get("steps"), f"{at}.steps"), f"{at}.steps", _STEP_RULES)
    marks = _marks(f, r.get("marks", []), f"{at}.marks")
    return KeptRun(number, settings, spec, dataset, epochs, steps, marks, seconds, name, visible, uid)


def _settings(f: Fields, s: dict, at: str) -> dict:
    out = {}
    for setting in live_settings.SETTINGS.values():
        if setting.name not in s:
            out[setting.name] = setting.default
            continue
        v = s[setting.name]
        # a recovery after divergence may halve the rate below the setting's range
        check = optimizers.check_learning_rate if setting.name == "lr" else setting.check
        f.checked(check, v, f"{at}.{setting.name}")
        out[setting.name] = setting.type(v)
    return out


def _series(f: Fields, d: dict, at: str, rules: dict) -> dict[str, np.ndarray]:
    out, n = {}, None
    for key, (low, high, whole, nullable) in rules.items():
        field = f"{at}.{key}"
        values = d.get(key)
        if not isinstance(values, list):
            f.fail(field, f"must be a list of numbers, got {type(values).__name__}")
        if len(values) > MAX_POINTS:
            f.fail(field, f"holds {len(values):,} values; at most {MAX_POINTS:,} are read")
        if n is not None and len(values) != n:
            f.fail(field, f"has {len(values)} values but the other series have {n}")
        n = len(values)
        for j, v in enumerate(values):
            if v is None and nullable:
                continue
            if isinstance(v, bool) or not isinstance(v, (int, float)) or \
                    (whole and not isinstance(v, int)):
                kind = "a whole number" if whole else "a number"
                f.fail(f"{field}[{j}]", f"must be {kind}{' or null' if nullable else ''}, got {v!r:.40}")
            if not (math.isfinite(v) and low <= v <= high):
                f.fail(f"{field}[{j}]", f"must be a number from {low:g} to {high:g}, got {v!r:.40}")
        out[key] = np.array([math.nan if v is None else float(v) for v in values], dtype=float)
    return out


def _marks(f: Fields, marks, at: str) -> list[tuple[int, str, object]]:
    if not isinstance(marks, list):
        f.fail(at, f"must be a list, got {type(marks).__name__}")
    out = []
    for n, m in enumerate(marks):
        m = f.mapping(m, f"{at}[{n}]")
        step = f.whole(m.get("step"), f"{at}[{n}].step")
        name = f.text(m.get("name"), f"{at}[{n}].name", tuple(live_settings.SETTINGS))
        check = optimizers.check_learning_rate if name == "lr" else live_settings.SETTINGS[name].check
        out.append((step, name, f.checked(check, m.get("value"), f"{at}[{n}].value")))
    return out
