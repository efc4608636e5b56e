"""The 2-D playground's engine: a small classifier on a toy set, trained a slice at a time, and
what the panel draws of it — the class probability over the plane and every hidden unit's
picture (its output over the plane). Qt-free; the GUI runs a :class:`Playground` in its own
worker thread and draws the :class:`Frame` copies it hands over.

Each toy set has a :class:`Recipe` (:data:`RECIPES`): a starting network and learning rate
that solve it in a few seconds; :func:`train_recipe` trains one headless (the acceptance
numbers). :func:`stall_hint` says what to try when accuracy stops improving.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

import numpy as np

from . import features as features_mod
from . import spec as spec_mod
from . import toy_data
from .dataset import Dataset
from .layers import Dense
from .network import Network
from .trainer import Diverged, Done, Epoch, Trainer
from .training_config import Config
from .translatable import QT_TRANSLATE_NOOP

GRID_SIZE = 48            # the plane is sampled on GRID_SIZE × GRID_SIZE points …
EXTENT = 1.5              # … covering [-EXTENT, EXTENT]²
MAX_EPOCHS = 10_000       # a run ends here (Config's limit)
MAX_LAYERS = 6
MAX_UNITS = 8             # per hidden layer, as in the Playground: the pictures stay readable


@dataclass(frozen=True)
class Recipe:
    """A network and its training settings (the starting point for a toy set)."""

    hidden: tuple[int, ...] = (4, 2)
    activation: str = "tanh"
    lr: float = 0.03
    batch_size: int = 16
    optimizer: str = "adam"
    features: tuple[str, ...] = features_mod.PLAIN
    epochs: int = 100     # enough to solve the set with the default data (train_recipe)


RECIPES: dict[str, Recipe] = {
    "circle": Recipe((4,), epochs=60),
    "xor": Recipe((6,), epochs=80),
    "gauss": Recipe((2,), epochs=20),
    "moons": Recipe((8,), epochs=80),
    "spiral": Recipe((8, 8, 8, 8), lr=0.01, epochs=400),
}

HINTS = {
    "linear": QT_TRANSLATE_NOOP(
        "playground", "Stuck: without a hidden layer the boundary is a straight line in the "
        "chosen inputs, and no line separates these classes. Add a hidden layer, or inputs such "
        "as x₁² and x₂² (circle) or x₁x₂ (XOR)."),
    "diverged": QT_TRANSLATE_NOOP(
        "playground", "The loss ran away to infinity: lower the learning rate and press Reset."),
    "jumpy": QT_TRANSLATE_NOOP(
        "playground", "The loss jumps up and down instead of falling: lower the learning rate."),
    "slow": QT_TRANSLATE_NOOP(
        "playground", "The loss falls only slowly: raise the learning rate."),
    "overfit": QT_TRANSLATE_NOOP(
        "playground", "The training points are learned but the test points are not (overfitting): "
        "use fewer units, more points or less noise."),
    "noisy": QT_TRANSLATE_NOOP(
        "playground", "The classes overlap (much noise): no boundary can get every point right."),
    "small": QT_TRANSLATE_NOOP(
        "playground", "Stuck: the network may be too small for this shape. Add units or a hidden "
        "layer (the spiral wants about four layers of 8), or try tanh."),
}


def spec_for(n_inputs: int, hidden, activation: str, n_outputs: int = 2,
             loss: str = "softmax_cross_entropy") -> dict:
    """A fully connected network n_inputs → hidden … → n_outputs (identity output layer)."""
    hidden = tuple(int(u) for u in hidden)
    if len(hidden) > MAX_LAYERS:
        raise ValueError(f"at most {MAX_LAYERS} hidden layers, got {len(hidden)}")
    if any(not 1 <= u <= MAX_UNITS for u in hidden):
        raise ValueError(f"a hidden layer has 1 to {MAX_UNITS} units, got {list(hidden)}")
    layers = [{"type": "dense", "units": u, "activation": activation} for u in hidden]
    layers.append({"type": "dense", "units": int(n_outputs)})
    return spec_mod.validate({"input_shape": [int(n_inputs)], "layers": layers, "loss": loss})


def grid(size: int = GRID_SIZE, extent: float = EXTENT) -> tuple[np.ndarray, np.ndarray]:
    """``coords`` float32 ``(size,)`` and the plane's points float32 ``(size², 2)``, row-major:
    point ``i * size + j`` is ``(x₁, x₂) = (coords[j], coords[i])``, so values reshaped to
    ``(size, size)`` form an image whose row ``i`` is the height ``coords[i]``."""
    coords = np.linspace(-extent, extent, size, dtype=np.float32)
    x1, x2 = np.meshgrid(coords, coords)
    return coords, np.column_stack([x1.ravel(), x2.ravel()])


def on_grid(net: Network, names, points: np.ndarray,
            pictures: bool = True) -> tuple[np.ndarray, list[np.ndarray]]:
    """P(class 1) at ``points`` ``(size², 2)`` as an image ``(size, size)``, and each hidden
    layer's outputs there as ``(units, size, size)`` (after the activation), input first."""
    size = int(round(np.sqrt(len(points))))
    record: list[np.ndarray] = []
    x = features_mod.transform(points, names)
    scores = net.forward(x, record=record if pictures else None)
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    proba = (e[:, 1] / e.sum(axis=1)).reshape(size, size)
    hidden = [a.T.reshape(-1, size, size).copy()
              for layer, a in zip(net.layers[:-1], record, strict=False) if isinstance(layer, Dense)]
    return proba.astype(np.float32), hidden


@dataclass
class Frame:
    """What the panel draws: copies, owned by whoever receives them."""

    spec: dict
    params: dict[str, np.ndarray]
    features: tuple[str, ...]
    epoch: int
    step: int
    proba: np.ndarray                       # (size, size) P(class 1) on grid()
    pictures: list[np.ndarray]              # per hidden layer (units, size, size); [] if not asked
    history: np.ndarray                     # (epochs, 5): epoch, train loss, test loss, train acc, test acc
    hint: str | None = None                 # an English HINTS text (translate in context "playground")
    diverged: str | None = None

    @property
    def last(self) -> np.ndarray | None:
        return self.history[-1] if len(self.history) else None


@dataclass
class Playground:
    """A toy set, a network and its trainer; every change takes effect at once."""

    dataset: Dataset
    recipe: Recipe = field(default_factory=Recipe)
    seed: int = 0
    noise: float = toy_data.DEFAULT_NOISE

    def __post_init__(self):
        self.points = grid()[1]
        self.rebuild()

    # -- changes (each keeps training going if it was) ------------------------------------------
    def rebuild(self, **changes) -> None:
        """New network from the recipe with ``changes`` (hidden, activation, features, lr, …);
        fresh weights drawn with the seed, a fresh trainer."""
        recipe = replace(self.recipe, **changes)
        recipe = replace(recipe, features=features_mod.check(recipe.features))
        spec = spec_for(len(recipe.features), recipe.hidden, recipe.activation, self.dataset.n_classes)
        net = Network.from_spec(spec, rng=np.random.default_rng(self.seed))
        data = features_mod.with_features(self.dataset, recipe.features)
        config = Config(epochs=MAX_EPOCHS, batch_size=recipe.batch_size, optimizer=recipe.optimizer,
                        lr=recipe.lr, val_fraction=0.0, seed=self.seed)
        self.recipe, self.net = recipe, net
        self.trainer = Trainer(net, data, config)
        self._events = self.trainer.run()
        self.history: list[tuple[float, ...]] = []
        self.diverged: str | None = None
        self.done = False

    def set_data(self, dataset: Dataset, noise: float | None = None) -> None:
        self.dataset = dataset
        if noise is not None:
            self.noise = float(noise)
        self.rebuild()

    def reset(self, seed: int | None = None) -> None:
        """Fresh weights (with a new seed, if given) and an empty history."""
        if seed is not None:
            self.seed = int(seed)
        self.rebuild()

    def set_lr(self, lr: float) -> None:
        self.trainer.set_learning_rate(lr)
        self.recipe = replace(self.recipe, lr=float(lr))

    # -- training ---------------------------------------------------------------------------------
    @property
    def trainable(self) -> bool:
        return not self.done

    def train(self, seconds: float | None = None, epochs: int | None = None) -> None:
        """Train for about ``seconds`` (ends after a step) or ``epochs`` more epochs."""
        end = None if seconds is None else time.perf_counter() + seconds
        target = None if epochs is None else len(self.history) + epochs
        while not self.done:
            ev = next(self._events)
            if isinstance(ev, Epoch):
                self.history.append((ev.epoch, ev.train_loss, ev.test_loss, ev.train_acc, ev.test_acc))
                if target is not None and len(self.history) >= target:
                    return
            elif isinstance(ev, Diverged):
                self.diverged = ev.message
            elif isinstance(ev, Done):
                self.done = True
                return
            if end is not None and time.perf_counter() >= end:
                return

    def frame(self, pictures: bool = True) -> Frame:
        proba, hidden = on_grid(self.net, self.recipe.features, self.points, pictures)
        hint = HINTS["diverged"] if self.diverged else stall_hint(
            self.history, self.recipe, self.dataset.name, self.noise)
        return Frame(spec=self.net.spec, params=self.net.snapshot(), features=self.recipe.features,
                     epoch=self.trainer.epoch, step=self.trainer.step, proba=proba, pictures=hidden,
                     history=np.array(self.history, dtype=np.float64).reshape(-1, 5), hint=hint,
                     diverged=self.diverged)

    def test_accuracy(self) -> float:
        """Share of the test points on the right side of the boundary (from the last epoch)."""
        return float(self.history[-1][4]) if self.history else 0.0


def stall_hint(history, recipe: Recipe, name: str, noise: float = 0.0,
               window: int = 30) -> str | None:
    """What to try when test accuracy has stopped improving (one of :data:`HINTS`), else None.

    ``history`` rows are (epoch, train loss, test loss, train acc, test acc), one per epoch.
    """
    if len(history) < 2 * window:
        return None
    h = np.asarray(history, dtype=np.float64)
    recent, before = h[-window:], h[:-window]
    test_acc = np.nan_to_num(h[:, 4], nan=0.0)
    if test_acc[-window:].max() > test_acc[:-window].max() + 0.005 or recent[:, 4].mean() >= 0.95:
        return None                                     # still improving, or solved
    if not recipe.hidden and set(recipe.features) <= set(features_mod.PLAIN) and name != "gauss":
        return HINTS["linear"]
    loss = recent[:, 1]
    if loss.mean() > 0.1 and (loss.std() > 0.3 * loss.mean() or loss.mean() > 1.5 * before[:, 1].min()):
        return HINTS["jumpy"]                           # high and bouncing, or back up
    if recent[:, 3].mean() >= 0.97 and recent[:, 4].mean() < recent[:, 3].mean() - 0.07:
        return HINTS["overfit"]
    if noise >= 0.3:
        return HINTS["noisy"]
    if recipe.lr < 0.003 and loss[0] - loss[-1] > 0.01 * loss[0]:
        return HINTS["slow"]
    return HINTS["small"]


def train_recipe(name: str, seed: int = 0, dataset: Dataset | None = None) -> tuple[float, float]:
    """Train toy set ``name``'s recipe on ``toy_data.load(name, seed)`` headless:
    (test accuracy, seconds)."""
    data = dataset if dataset is not None else toy_data.load(name, seed)
    recipe = RECIPES[name]
    t0 = time.perf_counter()
    pg = Playground(data, recipe, seed=seed)
    pg.train(epochs=recipe.epochs)
    return pg.test_accuracy(), time.perf_counter() - t0


def main() -> None:
    """``python -m core.playground``: each toy set's recipe trained from five seeds."""
    from . import threads
    threads.set_blas_threads(1)
    for name in toy_data.TOY_SETS:
        runs = [train_recipe(name, seed) for seed in range(5)]
        r = RECIPES[name]
        print(f"{name:7s} {'-'.join(map(str, (len(r.features), *r.hidden, 2)))} {r.activation} "
              f"lr {r.lr:g}, {r.epochs} epochs: test accuracy "
              + ", ".join(f"{100 * a:.1f}%" for a, _ in runs)
              + f"; {min(t for _, t in runs):.2f}–{max(t for _, t in runs):.2f} s")


if __name__ == "__main__":
    main()
