"""Toy data, defined once for the CLI, the training panel and the playgrounds.

Three families:

- 2-D, two-class point sets like TensorFlow Playground's (:data:`TOY_SETS`: circle, xor,
  gauss, spiral, moons), made by :func:`make_toy`; :func:`load` makes one with the shared
  defaults, so the CLI and the GUI get the very same points for the same seed.
- Logic gates (:data:`GATES`: AND, NAND, OR, XOR): the four corners of the unit square with
  the gate's truth table as labels, for the perceptron (:func:`make_gate`).
- 1-D regression sets y = f(x) + noise (:data:`FUNCTIONS`: sin, abs, step, poly), for fitting
  a function with an identity output and squared error (:func:`make_function`).

Point sets are float32 ``(n, 2)`` in about [-1, 1]², labels int64 ``(n,)``; regression data
are float32 ``(n, 1)`` inputs and targets on x ∈ [-1, 1]. Randomness comes only from the
``rng`` passed in. Bad arguments raise ``ValueError`` naming the argument and its range.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .dataset import Dataset
from .translatable import QT_TRANSLATE_NOOP

TOY_SETS = ("circle", "xor", "gauss", "spiral", "moons")
TOY_LABELS = {
    "circle": QT_TRANSLATE_NOOP("toy_data", "circle"),
    "xor": QT_TRANSLATE_NOOP("toy_data", "XOR (exclusive or)"),
    "gauss": QT_TRANSLATE_NOOP("toy_data", "two Gaussian clusters"),
    "spiral": QT_TRANSLATE_NOOP("toy_data", "spiral"),
    "moons": QT_TRANSLATE_NOOP("toy_data", "two moons"),
}
# The shared defaults of load(): the CLI, the training panel and the playground use them.
DEFAULT_N = 600
DEFAULT_NOISE = 0.1
DEFAULT_TEST_FRACTION = 0.2
MAX_POINTS = 5000


def _toy_points(name: str, n0: int, n1: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Clean points of class 0 and class 1, float64 ``(n_c, 2)`` in about [-1, 1]²."""
    if name == "circle":  # class 0: ring 0.7 <= r <= 1, class 1: disc r <= 0.5
        r = [rng.uniform(0.7, 1.0, n0), rng.uniform(0.0, 0.5, n1)]
        t = [rng.uniform(0, 2 * np.pi, n0), rng.uniform(0, 2 * np.pi, n1)]
        return [np.column_stack([ri * np.cos(ti), ri * np.sin(ti)]) for ri, ti in zip(r, t, strict=True)]
    if name == "xor":  # class 1 where sign(x) == sign(y); kept 0.05 away from the axes
        out = []
        for m, sign in ((n0, -1.0), (n1, 1.0)):
            sx = rng.choice([-1.0, 1.0], m)
            out.append(rng.uniform(0.05, 1.0, (m, 2)) * np.column_stack([sx, sign * sx]))
        return out
    if name == "gauss":  # blobs around (-0.45, -0.45) and (0.45, 0.45)
        return [rng.normal(c, 0.15, (m, 2)) for c, m in ((-0.45, n0), (0.45, n1))]
    if name == "spiral":  # two arms, half a turn apart
        out = []
        for delta, m in ((0.0, n0), (np.pi, n1)):
            r = rng.uniform(0.05, 1.0, m)
            t = 1.75 * 2 * np.pi * r + delta
            out.append(np.column_stack([r * np.sin(t), r * np.cos(t)]))
        return out
    # moons: the two scikit-learn half moons, centred and scaled into [-1, 1]
    t0, t1 = rng.uniform(0, np.pi, n0), rng.uniform(0, np.pi, n1)
    upper = np.column_stack([np.cos(t0), np.sin(t0)])
    lower = np.column_stack([1 - np.cos(t1), 0.5 - np.sin(t1)])
    return [(p - [0.5, 0.25]) / 1.5 for p in (upper, lower)]


def _check_split(test_fraction: float) -> None:
    if not 0.0 <= test_fraction <= 0.9:
        raise ValueError(f"test_fraction must be between 0 and 0.9, got {test_fraction}")


def _frozen(*arrays: np.ndarray) -> None:
    for a in arrays:
        a.flags.writeable = False


def make_toy(name: str, n: int = 500, noise: float = 0.1,
             rng: np.random.Generator | None = None,
             test_fraction: float = 0.2) -> Dataset:
    """Make a 2-D, two-class toy set like TensorFlow Playground's.

    Parameters
    ----------
    name : str
        One of :data:`TOY_SETS`: ``"circle"`` (class 1 = disc r <= 0.5 inside
        class 0 = ring 0.7 <= r <= 1), ``"xor"`` (class 1 where x*y > 0),
        ``"gauss"`` (two blobs), ``"spiral"`` (two arms), ``"moons"``.
    n : int
        Total number of points (>= 4), split evenly between the classes.
    noise : float
        0 (clean) to 1; Gaussian jitter with standard deviation ``noise / 2``
        (the data spans about [-1, 1]).
    rng : np.random.Generator, optional
        Source of randomness; default ``np.random.default_rng(0)``.
    test_fraction : float
        Share of each class put in the test split, in [0, 0.9].

    Returns
    -------
    Dataset
        float32 ``x`` ``(n_split, 2)``, int64 ``y``, ``input_shape (2,)``.
    """
    if name not in TOY_SETS:
        raise ValueError(f"unknown toy data set {name!r}; valid names: {', '.join(TOY_SETS)}")
    if isinstance(n, bool) or int(n) != n or n < 4:
        raise ValueError(f"toy data set needs n >= 4 points, got {n}")
    if n > MAX_POINTS:
        raise ValueError(f"toy data set takes at most {MAX_POINTS} points, got {n}")
    if not 0.0 <= noise <= 1.0:
        raise ValueError(f"noise must be between 0 and 1, got {noise}")
    _check_split(test_fraction)
    rng = np.random.default_rng(0) if rng is None else rng
    n = int(n)
    parts = _toy_points(name, n // 2, n - n // 2, rng)
    train, test = [], []
    for cls, p in enumerate(parts):
        p = p + rng.normal(0.0, noise / 2, p.shape) if noise > 0 else p
        p = p[rng.permutation(len(p))]
        k = round(len(p) * float(test_fraction))
        test.append((p[:k], np.full(k, cls)))
        train.append((p[k:], np.full(len(p) - k, cls)))

    def stack(pairs: list) -> tuple[np.ndarray, np.ndarray]:
        x = np.concatenate([a for a, _ in pairs]).astype(np.float32)
        y = np.concatenate([b for _, b in pairs]).astype(np.int64)
        order = rng.permutation(len(y))
        return x[order], y[order]

    (x_train, y_train), (x_test, y_test) = stack(train), stack(test)
    _frozen(x_train, y_train, x_test, y_test)
    return Dataset(name, x_train, y_train, x_test, y_test, (2,), 2, 1.0, ("0", "1"))


def load(name: str, seed: int = 0, n: int = DEFAULT_N, noise: float = DEFAULT_NOISE,
         test_fraction: float = DEFAULT_TEST_FRACTION) -> Dataset:
    """The toy set ``name`` with the shared defaults, drawn with ``default_rng(seed)``.

    The CLI (``--data spiral --seed 3``), the training panel and the playground call this,
    so the same name and seed give the same points everywhere.
    """
    return make_toy(name, n=n, noise=noise, rng=np.random.default_rng(seed),
                    test_fraction=test_fraction)


# -- logic gates ---------------------------------------------------------------------------------

CORNERS = np.array([[0, 0], [1, 0], [0, 1], [1, 1]], dtype=np.float32)   # (x₁, x₂) rows


@dataclass(frozen=True)
class Gate:
    name: str
    label: str                 # display name (translatable, context "toy_data")
    outputs: tuple[int, ...]   # the truth table: the output for each row of CORNERS
    linear: bool               # whether one straight line separates its 0s from its 1s


GATES: dict[str, Gate] = {g.name: g for g in (
    Gate("and", QT_TRANSLATE_NOOP("toy_data", "AND gate"), (0, 0, 0, 1), True),
    Gate("nand", QT_TRANSLATE_NOOP("toy_data", "NAND gate"), (1, 1, 1, 0), True),
    Gate("or", QT_TRANSLATE_NOOP("toy_data", "OR gate"), (0, 1, 1, 1), True),
    Gate("xor", QT_TRANSLATE_NOOP("toy_data", "XOR gate"), (0, 1, 1, 0), False),
)}


def make_gate(name: str) -> Dataset:
    """The truth table of gate ``name`` as a data set: the four corners (0, 0), (1, 0),
    (0, 1), (1, 1) float32 ``(4, 2)`` with the gate's outputs as int64 labels ``(4,)``;
    the test split is the same four rows (a truth table has nothing to hold out)."""
    gate = GATES.get(name)
    if gate is None:
        raise ValueError(f"unknown gate {name!r}; valid names: {', '.join(GATES)}")
    x = CORNERS.copy()
    y = np.array(gate.outputs, dtype=np.int64)
    _frozen(x, y)
    return Dataset(name, x, y, x, y, (2,), 2, 1.0, ("0", "1"))


# -- 1-D regression --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Function:
    name: str
    label: str                 # display name (translatable, context "toy_data")
    formula: str
    f: Callable[[np.ndarray], np.ndarray]


FUNCTIONS: dict[str, Function] = {fn.name: fn for fn in (
    Function("sin", QT_TRANSLATE_NOOP("toy_data", "sine"), "y = sin(πx)", lambda x: np.sin(np.pi * x)),
    Function("abs", QT_TRANSLATE_NOOP("toy_data", "absolute value"), "y = |x|", np.abs),
    Function("step", QT_TRANSLATE_NOOP("toy_data", "step"), "y = 1 if x > 0, else 0",
             lambda x: (x > 0).astype(np.float64)),
    Function("poly", QT_TRANSLATE_NOOP("toy_data", "polynomial"), "y = 4x³ − 3x",
             lambda x: 4 * x ** 3 - 3 * x),
)}
FUNCTION_N = 200


@dataclass(frozen=True, eq=False)
class FunctionData:
    """Samples of y = f(x) + noise: float32 inputs and targets ``(n, 1)``, read-only."""

    name: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    noise: float                # standard deviation of the Gaussian noise on y

    @property
    def noise_variance(self) -> float:
        """σ²: the mean squared error a perfect fit still makes on noisy targets."""
        return self.noise ** 2

    def clean(self, x: np.ndarray) -> np.ndarray:
        """f(x) without noise, same shape as ``x``."""
        return FUNCTIONS[self.name].f(np.asarray(x, dtype=np.float64))


def make_function(name: str, n: int = FUNCTION_N, noise: float = 0.1,
                  rng: np.random.Generator | None = None,
                  test_fraction: float = 0.2) -> FunctionData:
    """``n`` points x uniform in [-1, 1] with y = f(x) + N(0, noise²), split into train and test.

    ``noise`` is the standard deviation of y's noise (0 to 1); the targets are float32 ``(n, 1)``.
    """
    fn = FUNCTIONS.get(name)
    if fn is None:
        raise ValueError(f"unknown function {name!r}; valid names: {', '.join(FUNCTIONS)}")
    if isinstance(n, bool) or int(n) != n or not 4 <= n <= MAX_POINTS:
        raise ValueError(f"a function needs 4 to {MAX_POINTS} points, got {n}")
    if not 0.0 <= noise <= 1.0:
        raise ValueError(f"noise must be between 0 and 1, got {noise}")
    _check_split(test_fraction)
    rng = np.random.default_rng(0) if rng is None else rng
    x = rng.uniform(-1.0, 1.0, int(n))
    y = fn.f(x) + (rng.normal(0.0, noise, x.shape) if noise > 0 else 0.0)
    k = round(int(n) * float(test_fraction))
    x, y = x[:, None].astype(np.float32), y[:, None].astype(np.float32)
    parts = (x[k:], y[k:], x[:k], y[:k])
    _frozen(*parts)
    return FunctionData(name, *parts, float(noise))
