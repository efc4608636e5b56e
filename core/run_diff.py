"""What differs between runs: the settings (``core.live_settings``) and networks that are not the
same in all of them, named by the registries' labels ("Learning rate 0.01 vs 0.001").

An optimizer hyperparameter counts only for runs whose optimizer takes it (momentum α means
nothing to Adam); a setting that does not change the result (slow motion) never counts. The
texts are built with a ``translate(context, text)`` function (the GUI passes
``QCoreApplication.translate``; the default keeps the English), so this module needs no Qt.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

from . import activations, live_settings, optimizers
from .layers import LAYER_TYPES
from .translatable import QT_TRANSLATE_NOOP

Translate = Callable[[str, str], str]
NETWORK = "network"           # the pseudo-setting for the network's spec
NETWORK_LABEL = QT_TRANSLATE_NOOP("run_diff", "Network")


def _english(context: str, text: str) -> str:
    return text


def compared_settings() -> list[live_settings.Setting]:
    """The settings that can make two runs differ: all but those of the GUI's loop (slow motion)."""
    return [s for s in live_settings.SETTINGS.values() if s.target is not live_settings.Target.WORKER]


def effective(settings: dict, name: str):
    """The value of setting ``name`` in a run's ``settings``; None when it does not apply (a
    hyperparameter of another optimizer) or is missing."""
    s = live_settings.SETTINGS[name]
    if s.optimizers and settings.get("optimizer") not in s.optimizers:
        return None
    return settings.get(name)


def _same_spec(a: dict | None, b: dict | None) -> bool:
    def strip(s: dict | None) -> dict:
        return {k: v for k, v in (s or {}).items() if k != "name"}
    return strip(a) == strip(b)


def differing(runs) -> list[str]:
    """Names of the settings (registry order, then ``NETWORK``) whose values are not the same in
    all ``runs`` (objects with ``settings`` and ``spec``). Empty for fewer than two runs."""
    if len(runs) < 2:
        return []
    names = [s.name for s in compared_settings()
             if len({repr(effective(r.settings, s.name)) for r in runs}) > 1]
    if any(not _same_spec(runs[0].spec, r.spec) for r in runs[1:]):
        names.append(NETWORK)
    return names


def label(name: str, translate: Translate = _english) -> str:
    """The display name of a setting (its registry label) or of the network."""
    if name == NETWORK:
        return translate("run_diff", NETWORK_LABEL)
    s = live_settings.SETTINGS[name]
    return translate(s.context, s.label)


def value_text(name: str, value, translate: Translate = _english) -> str:
    """A setting's value as shown: optimizers by their registry label, numbers short."""
    if name == NETWORK:
        return network_summary(value, translate)
    if name == "optimizer" and value in optimizers.OPTIMIZERS:
        return translate("optimizers", optimizers.OPTIMIZERS[value].label)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def network_summary(spec: dict | None, translate: Translate = _english) -> str:
    """A network in a few characters: input size, then each layer ("784-100 ReLU-10")."""
    if not spec:
        return "?"
    parts = [str(int(np.prod(spec.get("input_shape", [0]))))]
    for cfg in spec.get("layers", []):
        kind = cfg.get("type")
        cls = LAYER_TYPES.get(kind)
        size = cfg.get("units", cfg.get("filters"))
        text = str(size) if kind == "dense" and size is not None else \
            (translate("layers", cls.label) if cls else str(kind)) + (f" {size}" if size else "")
        act = activations.ACTIVATIONS.get(cfg.get("activation") or "identity")
        if cfg.get("activation") and act is not None:
            text += " " + translate("activations", act.label)
        parts.append(text)
    return "-".join(parts)


def _value(run, name: str):
    return run.spec if name == NETWORK else effective(run.settings, name)


def describe(run, names: list[str], translate: Translate = _english) -> str:
    """``run``'s own values of the settings ``names``: "Learning rate 0.01, Batch size 64"."""
    parts = []
    for name in names:
        v = _value(run, name)
        if v is not None:
            parts.append(f"{label(name, translate)} {value_text(name, v, translate)}")
    return translate("run_diff", QT_TRANSLATE_NOOP("run_diff", ", ")).join(parts)


def diff_text(runs, translate: Translate = _english) -> str:
    """What differs between ``runs``, one setting after another: "Learning rate 0.01 vs 0.001;
    Batch size 64 vs 128" (each distinct value once, in the runs' order). Empty if nothing does."""
    vs = translate("run_diff", QT_TRANSLATE_NOOP("run_diff", " vs "))
    parts = []
    for name in differing(runs):
        shown: list[str] = []
        for r in runs:
            v = _value(r, name)
            text = "—" if v is None else value_text(name, v, translate)
            if text not in shown:
                shown.append(text)
        parts.append(f"{label(name, translate)} {vs.join(shown)}")
    return translate("run_diff", QT_TRANSLATE_NOOP("run_diff", "; ")).join(parts)


SUMMARY = ("optimizer", "lr", "batch_size", "epochs")


def summary(run, translate: Translate = _english) -> str:
    """The run's main settings, for a run that is compared with nothing."""
    return describe(run, [n for n in SUMMARY if n in live_settings.SETTINGS], translate)
