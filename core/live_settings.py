"""The run settings, each declared once: name, type, default, range, whether it
may change while training runs (and what it then changes), label and help.

The GUI's settings record (:data:`RunSettings`, saved between launches), the
controller, the training worker and ``Trainer.apply_setting`` all read this
table; nothing else lists the names. A *live* setting changes a running
training: ``Target.TRAINER`` ones through the trainer's setter at the next
mini-batch, ``Target.WORKER`` ones (slow motion) in the GUI's worker loop.
The others are read when a run starts and are locked while it runs.

Labels and help are English, marked for translation (context
``"live_settings"``) and translated where they are shown.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, make_dataclass
from enum import Enum

import numpy as np

from .optimizers import OPTIMIZERS
from .translatable import QT_TRANSLATE_NOOP


class Target(Enum):
    """What a setting changes."""

    START = "start"        # read when a run starts; cannot change while it runs
    TRAINER = "trainer"    # live: ``Trainer.<setter>(value)`` before the next mini-batch
    WORKER = "worker"      # live: ``TrainingWorker.<setter>(value)`` (the GUI's training loop)


def _n(text: str) -> str:
    return QT_TRANSLATE_NOOP("live_settings", text)


@dataclass(frozen=True)
class Setting:
    name: str                       # attribute of RunSettings and the key in saved settings
    type: type                      # int, float or str
    default: int | float | str
    label: str                      # display name (translatable)
    help: str                       # tooltip (translatable)
    low: float | None = None        # the valid range, both ends included (numbers only)
    high: float | None = None
    target: Target = Target.START
    setter: str = ""                # the target's method that applies a live change
    choices: tuple[str, ...] = ()   # the allowed values of a str setting (empty: any text)
    step: float = 1                 # the editor's step and decimals (floats)
    decimals: int = 2
    formula: str = ""               # shown under the help, as the notes write it
    context: str = "live_settings"  # the translation context of label and help
    optimizers: tuple[str, ...] = ()  # a hyperparameter of these optimizers only (empty: any)
    special_low: str = ""           # what the lowest value means, shown instead of it ("all")

    @property
    def live(self) -> bool:
        """May change while training runs (applies from the next mini-batch)."""
        return self.target is not Target.START

    def range_text(self) -> str:
        if self.type is str:
            return "one of " + ", ".join(self.choices) if self.choices else "a text"
        kind = "a whole number" if self.type is int else "a number"
        return f"{kind} from {self.low:g} to {self.high:g}"

    def check(self, value) -> int | float | str:
        """``value`` converted to the setting's type; a ValueError names the setting and its range."""
        if self.type is str:
            ok = isinstance(value, str) and (not self.choices or value in self.choices)
        elif isinstance(value, bool):
            ok = False
        elif self.type is int:
            ok = isinstance(value, (int, np.integer)) and self.low <= value <= self.high
        else:
            ok = (isinstance(value, (int, float, np.integer, np.floating)) and math.isfinite(value)
                  and self.low <= value <= self.high)
        if not ok:
            raise ValueError(f"{self.label} ({self.name}) must be {self.range_text()}, got {value!r}")
        return self.type(value)


DEFAULT_OPTIMIZER = "adam"

def _hyperparameters() -> tuple[Setting, ...]:
    """One setting per optimizer hyperparameter of the registry (momentum α, Adam's β₁ and β₂,
    RMSProp's ρ …), with its range, label and help; each applies to the optimizers that take it."""
    found: dict[str, tuple] = {}
    for name, cls in OPTIMIZERS.items():
        for h in cls.HYPERPARAMETERS:
            hyper, users = found.get(h.name, (h, ()))
            found[h.name] = (hyper, (*users, name))
    return tuple(Setting(h.name, float, h.default, h.label, h.help, low=h.low, high=h.high, step=0.01,
                         decimals=5, context="optimizers", optimizers=users)
                 for h, users in found.values())


_DECLARED = (
    Setting("dataset", str, "mnist", _n("Data"), _n(
        "What the network learns from: MNIST (60,000 handwritten digits, 28×28), a toy 2-D set "
        "of points in two classes, to see decision boundaries, or a folder of IDX files "
        "(Fashion-MNIST or your own data).")),
    Setting("optimizer", str, DEFAULT_OPTIMIZER, _n("Optimizer"), _n(
        "How the weights move along the gradient. SGD takes plain steps; Momentum and Nesterov add "
        "velocity; AdaGrad, RMSProp and Adam adapt the step size per weight. Takes effect at the "
        "next batch."),
        target=Target.TRAINER, setter="set_optimizer", choices=tuple(OPTIMIZERS)),
    Setting("lr", float, OPTIMIZERS[DEFAULT_OPTIMIZER].default_lr, _n("Learning rate"), _n(
        "Learning rate η, a hyperparameter: the step size of gradient descent. Too small learns "
        "slowly; too large overshoots and diverges. Arrows step 1-2-5; takes effect at the next "
        "batch."),
        low=1e-6, high=1e3, target=Target.TRAINER, setter="set_learning_rate", formula="W ← W − η ∂L/∂W"),
    *_hyperparameters(),
    Setting("lr_decay", float, 1.0, _n("Learning-rate decay"), _n(
        "After every epoch the learning rate is multiplied by this factor: big steps first, then "
        "finer ones. 1 keeps it constant."),
        low=0.05, high=1.0, step=0.05, formula="η ← γ·η"),
    Setting("batch_size", int, 64, _n("Batch size"), _n(
        "Samples per mini-batch: one gradient step per batch. Smaller batches give noisier but "
        "more frequent steps."),
        low=1, high=4096, target=Target.TRAINER, setter="set_batch_size"),
    Setting("epochs", int, 5, _n("Epochs"), _n("How many passes over the training data (epochs)."),
            low=1, high=1000),
    Setting("weight_decay", float, 0.0, _n("L2 (weight decay)"), _n(
        "L2 regularization λ (weight decay): adds ½λ·ΣW² to the loss, pulling weights toward zero "
        "to fight overfitting."),
        low=0.0, high=1.0, target=Target.TRAINER, setter="set_weight_decay", step=0.0001, decimals=7,
        formula="L = L₀ + ½λ ΣW²;  ∂L/∂W = ∂L₀/∂W + λW"),
    # applied to every dropout layer once changed; until then the architecture's rate stands
    Setting("dropout", float, 0.0, _n("Dropout rate"), _n(
        "Fraction of units switched off at random during training, in every dropout layer (add "
        "one in the architecture editor). The kept ones are scaled by 1/(1 − rate)."),
        low=0.0, high=0.9, target=Target.TRAINER, setter="set_dropout", step=0.05),
    Setting("seed", int, 0, _n("Seed"), _n(
        "Random seed for the initial weights, the data split and the batch order: the same seed "
        "gives the same run."),
        low=0, high=2**31 - 1),
    Setting("val_fraction", float, 0.1, _n("Validation fraction"), _n(
        "Part of the training data held out to check for overfitting (validation data); it is "
        "never trained on."),
        low=0.0, high=0.5, step=0.05),
    Setting("train_size", int, 0, _n("Training samples"), _n(
        "Train on only this many samples of the (shuffled) training data; \"all\" uses every one. "
        "Few samples make overfitting easy to see: the book's experiment trains on 300."),
        low=0, high=1_000_000, step=100, special_low=_n("all")),
    Setting("patience", int, 0, _n("Early stopping"), _n(
        "Stop when the validation loss has not improved for this many epochs (\"off\": train "
        "every epoch). The epoch with the lowest validation loss is remembered: Training › "
        "Restore best epoch puts its weights back."),
        low=0, high=1000, special_low=_n("off")),
    Setting("delay_ms", int, 0, _n("Slow motion"), _n(
        "Pause after every mini-batch (milliseconds), to watch learning in slow motion."),
        low=0, high=1000, target=Target.WORKER, setter="set_delay_ms"),
)

SETTINGS: dict[str, Setting] = {s.name: s for s in _DECLARED}


def get(name: str) -> Setting:
    """The declaration of ``name``; a ValueError lists the known names."""
    try:
        return SETTINGS[name]
    except KeyError:
        raise ValueError(f"unknown setting {name!r}; the settings are {', '.join(SETTINGS)}") from None


def optimizer_args(values) -> dict[str, float]:
    """Every optimizer hyperparameter, read from ``values`` (a RunSettings); the trainer hands each
    optimizer the ones it takes."""
    return {s.name: getattr(values, s.name) for s in SETTINGS.values() if s.optimizers}


def for_target(target: Target) -> list[Setting]:
    return [s for s in SETTINGS.values() if s.target is target]


def _check_all(self) -> None:
    """Raise ValueError for the first field outside its declared range."""
    for s in SETTINGS.values():
        s.check(getattr(self, s.name))


RunSettings = make_dataclass(
    "RunSettings",
    [(s.name, s.type, field(default=s.default)) for s in SETTINGS.values()],
    namespace={"__doc__": "Every run setting of :data:`SETTINGS`, with its default; the GUI "
                          "keeps one and saves it between launches.",
               "check": _check_all},
)
RunSettings.__module__ = __name__
