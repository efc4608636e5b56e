"""The coach: rules that read a run's numbers and give a hint when something looks off.

Each rule is declared once in :data:`RULES` (a :class:`Rule`): its id, its texts (title, a
one-line summary, the "why" in the course notes' terms, what "Apply" changes), the concept of
the notes it belongs to (a key of ``gui.concepts``) and the check that decides whether it
speaks up. Texts are English, marked for translation (context ``"coach"``) and translated
where they are shown; ``{name}`` placeholders are filled from :attr:`Hint.values`.

Everything here is plain data in, plain data out: :func:`hints` takes :class:`Facts` (the
epochs of a :class:`core.run_history.History` or the dicts the GUI receives, the per-step
columns, a :func:`core.layer_stats.layer_stats` result, the spec and the known settings) and
returns :class:`Hint` objects, each with the :class:`Change` its "Apply" makes: run settings
of ``core.live_settings`` and/or a network to rebuild (new weights).
"""
from __future__ import annotations

import copy
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from . import live_settings
from .translatable import QT_TRANSLATE_NOOP

CONTEXT = "coach"

# -- thresholds ----------------------------------------------------------------------------
RISING_EPOCHS = 2            # overfitting: validation loss rose this many epochs in a row ...
CHANCE_MARGIN = 0.05         # at chance: accuracy ≤ 1/n_classes + this, after an epoch
DEAD_SHARE = 0.5             # dead ReLUs: more than this share of a ReLU layer's units
VANISHING_RATIO = 1e-3       # first / last layer's mean |∂L/∂W| below this
FLAT_DECREASE = 0.05         # flat loss: a line fitted to the first epoch's batch losses falls
                             # by less than 5% of their mean
FLAT_MIN_STEPS = 20          # too few batches say nothing
FAST_SECONDS = 5.0           # a run that finished in less than this ...
SLOW_TARGET_SECONDS = 20.0   # ... is slowed to last about this long
LR_FACTOR = 10.0             # lower / raise the learning rate by this factor
FIRST_WEIGHT_DECAY = 1e-4    # the overfitting rule's L2 λ when there was none
MAX_DROPOUT = 0.5


@dataclass
class Facts:
    """What the coach knows of the current network and its runs (all optional).

    ``epochs``: every epoch of the model so far, oldest first: ``core.run_history.Epoch``
    objects or dicts with the same keys. ``run_start``: index in ``epochs`` of the latest
    run's first epoch. ``steps``: per-step columns (at least ``"loss"`` and ``"epoch"``;
    ``"lr"`` too if known) of the latest run's first epoch. ``stats``: the newest
    ``layer_stats`` result. ``settings``: run settings known to be current (name → value;
    missing ones count as their ``live_settings`` default). ``finished``: the latest run
    trained all its epochs. ``best_epoch``: the number of the epoch with the lowest validation
    loss, if the caller keeps count of it as epochs arrive (else it is looked up in ``epochs``,
    which costs a pass over them).
    """

    epochs: Sequence = ()
    run_start: int = 0
    steps: Mapping[str, np.ndarray] | None = None
    stats: dict | None = None
    spec: dict | None = None
    n_classes: int | None = None
    settings: Mapping[str, object] = field(default_factory=dict)
    finished: bool = False
    best_epoch: int | None = None

    def setting(self, name: str):
        value = self.settings.get(name)
        return live_settings.get(name).default if value is None else value

    def lr(self) -> float:
        """The learning rate in use: the newest step's if known, else the setting."""
        if self.steps is not None and len(self.steps.get("lr", ())):
            return float(self.steps["lr"][-1])
        return float(self.setting("lr"))


@dataclass(frozen=True)
class Change:
    """What "Apply" does: run settings to set, and/or a network to build with new weights."""

    settings: dict = field(default_factory=dict)
    spec: dict | None = None

    def __bool__(self) -> bool:
        return bool(self.settings) or self.spec is not None


@dataclass(frozen=True)
class Hint:
    rule: str                       # a key of RULES
    values: dict                    # fills the rule's {placeholders}
    change: Change

    @property
    def about(self) -> Rule:
        return RULES[self.rule]


@dataclass(frozen=True)
class Rule:
    id: str
    title: str                      # translatable, context "coach"
    summary: str                    # one line, {placeholders} from Hint.values
    why: str                        # the explanation, with the notes' terms
    apply: str                      # what Apply changes (the button's tooltip), {placeholders}
    concept: str                    # a gui.concepts key
    check: Callable[[Facts], Hint | None]


def _n(text: str) -> str:
    return QT_TRANSLATE_NOOP("coach", text)


def _get(epoch, key: str):
    return epoch.get(key) if isinstance(epoch, Mapping) else getattr(epoch, key, None)


def _finite(x) -> bool:
    return x is not None and math.isfinite(x)


def _clip(name: str, value: float) -> float:
    s = live_settings.get(name)
    return s.type(min(max(value, s.low), s.high))


def _round(x: float) -> float:
    """Three significant digits: 0.000100000002 → 0.0001."""
    return float(f"{x:.3g}")


# -- spec changes (copies; the caller's spec is never changed) --------------------------------
def _weight_layers(spec: dict) -> list[dict]:
    return [layer for layer in spec.get("layers", []) if layer.get("type") in ("dense", "conv2d")]


def relu_to_leaky(spec: dict) -> dict:
    """``spec`` with every ReLU layer made leaky ReLU and He-initialised."""
    out = copy.deepcopy(spec)
    for layer in _weight_layers(out):
        if layer.get("activation") == "relu":
            layer["activation"] = "leaky_relu"
            layer["init"] = "he"
    return out


def saturating_to_relu(spec: dict) -> dict:
    """``spec`` with sigmoid, tanh and step hidden layers made ReLU, He-initialised; if there
    were none, with batch normalization after every hidden dense or convolution layer."""
    out = copy.deepcopy(spec)
    hidden = _weight_layers(out)[:-1]
    changed = False
    for layer in hidden:
        if layer.get("activation") in ("sigmoid", "tanh", "step"):
            layer["activation"], layer["init"] = "relu", "he"
            changed = True
    if not changed and not any(layer.get("type") == "batchnorm" for layer in out["layers"]):
        layers = []
        for layer in out["layers"]:
            layers.append(layer)
            if any(layer is h for h in hidden):
                layers.append({"type": "batchnorm"})
        out["layers"] = layers
    return out


def _spec_if_changed(spec: dict | None, new: dict | None) -> dict | None:
    return new if spec is not None and new != spec else None


# -- the checks --------------------------------------------------------------------------
def _overfitting(f: Facts) -> Hint | None:
    k = RISING_EPOCHS
    recent = list(f.epochs[-(k + 1):])
    if len(recent) < k + 1:
        return None
    val = [_get(e, "val_loss") for e in recent]
    train = [_get(e, "train_loss") for e in recent]
    if not all(_finite(v) for v in val + train):
        return None
    rising = all(b > a for a, b in zip(val[:-1], val[1:], strict=True))
    if not (rising and train[-1] < train[0]):
        return None
    change = {}
    wd = float(f.setting("weight_decay"))
    change["weight_decay"] = _clip("weight_decay", wd * LR_FACTOR if wd > 0 else FIRST_WEIGHT_DECAY)
    rates = [layer.get("rate", 0.5) for layer in (f.spec or {}).get("layers", [])
             if layer.get("type") == "dropout"]
    if rates:
        rate = float(f.settings.get("dropout", max(rates)))
        if rate < MAX_DROPOUT:
            change["dropout"] = _round(min(rate + 0.2, MAX_DROPOUT))
    best = f.best_epoch
    if best is None:
        best = _get(min((e for e in f.epochs if _finite(_get(e, "val_loss"))),
                        key=lambda e: _get(e, "val_loss")), "epoch")
    return Hint("overfitting", {"epochs": k, "best": best}, Change(change))


def _chance_accuracy(f: Facts) -> tuple[float, float] | None:
    """(accuracy, chance) if the newest epoch's accuracy is no better than guessing."""
    if not f.epochs or not f.n_classes or f.n_classes < 2:
        return None
    last = f.epochs[-1]
    acc = _get(last, "val_acc")
    acc = acc if _finite(acc) else _get(last, "train_acc")
    chance = 1.0 / f.n_classes
    return (acc, chance) if _finite(acc) and acc <= chance + CHANCE_MARGIN else None


def _linear_at_chance(f: Facts) -> bool:
    """A network with one weight layer draws straight lines: at chance it may be for good (XOR),
    and no learning rate helps."""
    return f.spec is not None and len(_weight_layers(f.spec)) < 2 and _chance_accuracy(f) is not None


def _at_chance(f: Facts) -> Hint | None:
    found = _chance_accuracy(f)
    if found is None or _linear_at_chance(f) or _flat_loss(f) is not None:
        return None           # a flat loss at chance wants a larger step, not a smaller one
    acc, chance = found
    lr = f.lr()
    return Hint("at_chance", {"acc": round(100 * acc, 1), "chance": round(100 * chance, 1),
                              "lr": _round(lr), "new_lr": _round(_clip("lr", lr / LR_FACTOR))},
                Change({"lr": _round(_clip("lr", lr / LR_FACTOR))},
                       copy.deepcopy(f.spec) if f.spec is not None else None))


def _dead_relus(f: Facts) -> Hint | None:
    layers = (f.stats or {}).get("layers", [])
    dead = [(layer["dead_fraction"], layer) for layer in layers
            if layer.get("activation") == "relu" and _finite(layer.get("dead_fraction"))
            and layer["dead_fraction"] > DEAD_SHARE]
    if not dead:
        return None
    share, worst = max(dead, key=lambda d: d[0])
    lr = f.lr()
    settings = {"lr": _round(_clip("lr", lr / LR_FACTOR))}
    return Hint("dead_relus", {"layer": worst["name"], "index": worst.get("index"),
                               "kind": worst.get("kind"), "percent": round(100 * share),
                               "new_lr": settings["lr"]},
                Change(settings, _spec_if_changed(f.spec, relu_to_leaky(f.spec) if f.spec else None)))


def _vanishing(f: Facts) -> Hint | None:
    layers = (f.stats or {}).get("layers", [])
    if len(layers) < 2:
        return None
    first, last = layers[0].get("mean_abs_grad"), layers[-1].get("mean_abs_grad")
    if not (_finite(first) and _finite(last)) or last <= 0 or first / last >= VANISHING_RATIO:
        return None
    new = saturating_to_relu(f.spec) if f.spec else None
    return Hint("vanishing", {"ratio": f"{first / last:.1e}"}, Change({}, _spec_if_changed(f.spec, new)))


def _flat_loss(f: Facts) -> Hint | None:
    if f.steps is None or len(f.epochs) <= f.run_start:
        return None                     # the run's first epoch is not over yet
    if _linear_at_chance(f):
        return None                     # flat because one layer cannot do better
    loss = np.asarray(f.steps.get("loss", ()), dtype=np.float64)
    loss = loss[np.isfinite(loss)]
    if loss.size < FLAT_MIN_STEPS:
        return None
    # a straight line through the batch losses: far less noisy than any two batches
    slope, start = np.polyfit(np.arange(loss.size), loss, 1)
    end = start + slope * (loss.size - 1)
    if start <= 0 or (start - end) / float(loss.mean()) >= FLAT_DECREASE:
        return None
    lr = f.lr()
    new_lr = _round(_clip("lr", lr * LR_FACTOR))
    if new_lr <= lr:
        return None
    return Hint("flat_loss", {"start": _round(float(start)), "end": _round(float(end)), "lr": _round(lr),
                              "new_lr": new_lr}, Change({"lr": new_lr}))


def _too_fast(f: Facts) -> Hint | None:
    run = list(f.epochs[f.run_start:])
    if not f.finished or not run:
        return None
    seconds = sum(_get(e, "seconds") or 0.0 for e in run)
    before = _get(f.epochs[f.run_start - 1], "step") if f.run_start > 0 else 0
    steps = int(_get(run[-1], "step")) - int(before or 0)
    if seconds >= FAST_SECONDS or steps < 1:
        return None
    delay = int(_clip("delay_ms", math.ceil(1000 * SLOW_TARGET_SECONDS / steps)))
    return Hint("too_fast", {"seconds": float(f"{seconds:.2g}"), "steps": steps, "delay": delay},
                Change({"delay_ms": delay}))


# -- the registry ------------------------------------------------------------------------------
RULES: dict[str, Rule] = {r.id: r for r in (
    Rule("overfitting", _n("Overfitting"),
         _n("Validation loss rose for {epochs} epochs while the training loss fell."),
         _n("The network is memorising its training data (overfitting): it keeps getting "
            "better on them but worse on the validation data it never trains on. Regularization "
            "fights this: weight decay (L2) pulls the weights towards zero and dropout "
            "switches off random neurons. Early stopping keeps the epoch with the lowest "
            "validation loss, here epoch {best}."),
         _n("Raises L2 (weight decay) and, if the network has dropout layers, the dropout rate; "
            "they apply from the next batch."),
         "overfitting", _overfitting),
    Rule("at_chance", _n("Accuracy at chance"),
         _n("Accuracy is {acc}% after an epoch: guessing gives {chance}%."),
         _n("The network has learned nothing yet. A learning rate that is too large makes "
            "gradient descent overshoot and can wreck the weights, e.g. drive every ReLU to zero "
            "output. A smaller step and fresh initial weights usually get it "
            "learning."),
         _n("Sets the learning rate from {lr} to {new_lr} and rebuilds the network with new "
            "initial weights (the run so far is discarded)."),
         "gradient_descent", _at_chance),
    Rule("dead_relus", _n("Dead ReLUs"),
         _n("{percent}% of the units of {layer} never fire on the probe batch."),
         _n("A ReLU unit whose weighted sum is negative for every input outputs 0 and passes back "
            "a gradient of 0 in backpropagation, so it never recovers: it is dead. Large learning-rate "
            "steps kill units; leaky ReLU keeps a small slope below 0, and He initialization "
            "(σ = √(2/n)) starts the units in a healthy range."),
         _n("Sets the learning rate to {new_lr} and rebuilds the network with leaky ReLU and He "
            "initialization (new weights)."),
         "activation", _dead_relus),
    Rule("vanishing", _n("Vanishing gradients"),
         _n("The first layer's gradients are {ratio} times the last layer's."),
         _n("Backpropagation multiplies the derivatives of every layer (the chain rule). "
            "Sigmoid's derivative is at most 0.25, so through many layers the gradient shrinks "
            "towards 0 and the first layers barely learn. ReLU passes a slope of 1, He "
            "initialization keeps the signal's size, and batch normalization keeps every layer's "
            "inputs well scaled."),
         _n("Rebuilds the network with ReLU and He initialization, or with batch normalization "
            "after each hidden layer if it already uses ReLU (new weights)."),
         "backprop", _vanishing),
    Rule("flat_loss", _n("Loss is flat"),
         _n("The loss went only from {start} to {end} over the first epoch."),
         _n("Gradient descent moves the weights by the learning rate times the "
            "gradient. With a learning rate of {lr} the steps are so small that the loss barely "
            "changes: the learning rate is a hyperparameter you have to choose."),
         _n("Sets the learning rate from {lr} to {new_lr}; it applies from the next batch."),
         "gradient_descent", _flat_loss),
    Rule("too_fast", _n("Too fast to watch"),
         _n("The run took only {seconds} s for {steps} iterations."),
         _n("Training this small finishes before the plots can show how it learns. Slow motion "
            "pauses after every mini-batch, so you can watch the loss fall and the weights change "
            "iteration by iteration."),
         _n("Sets slow motion to {delay} ms per mini-batch for the next run."),
         "minibatch", _too_fast),
)}


def hints(facts: Facts) -> list[Hint]:
    """Every rule's hint for ``facts``, in the order of :data:`RULES`."""
    out = []
    for rule in RULES.values():
        hint = rule.check(facts)
        if hint is not None:
            out.append(hint)
    return out
