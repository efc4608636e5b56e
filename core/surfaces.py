"""2-D test functions for the optimizer lab, driven by the optimizers of core.optimizers.

The default surface is the book's f(x, y) = x²/20 + y² ("Deep Learning from Scratch",
ch06 ``optimizer_compare_naive.py``): elongated along x, so plain SGD zig-zags across
the narrow y direction while it creeps along x. A trajectory is computed with the very
optimizer classes that train MNIST: the point is a float64 2-vector ``{"p": array([x, y])}``
and ``optimizer.update(params, grads)`` moves it in place.

A path that leaves the finite world (a coordinate beyond ``ESCAPE`` or a value that is not
finite) ends at its last good point; ``Path.stop_reason`` says why. No warnings are raised.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import optimizers
from .translatable import QT_TRANSLATE_NOOP

ESCAPE = 1e6          # a path whose coordinates exceed this has diverged
LOG_FLOOR = 1e-16     # f − f_min on a log axis: exact zeros sit on this floor

PRESETS = ("book", "tuned", "same")


@dataclass(frozen=True)
class Surface:
    """A 2-D function with its analytic gradient.

    ``f(x, y)`` and ``grad(x, y)`` accept scalars or arrays of one shape (contour grids);
    ``grad`` returns ``(df/dx, df/dy)``.
    """

    key: str
    name: str                                  # display name with the formula (translatable)
    f: Callable[[np.ndarray, np.ndarray], np.ndarray]
    grad: Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    minima: tuple[tuple[float, float], ...]    # empty: unbounded below (the saddle)
    start: tuple[float, float]
    f_min: float | None = 0.0                  # None: no minimum
    steps: int = 30                            # a good number of steps to watch
    lrs: dict[str, float] | None = None        # rates tuned for this surface by optimizer name
    #                                            (None, or a name missing: the book's)
    note: str = ""                             # what the surface shows a learner (translatable)

    def grid(self, n: int = 200) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Sample f on an n×n grid of pixel centres over the plot range.

        Returns xs (n,), ys (n,) and z (n, n) row-major: ``z[i, j] = f(xs[j], ys[i])``.
        """
        (x0, x1), (y0, y1) = self.x_range, self.y_range
        xs = x0 + (np.arange(n) + 0.5) * (x1 - x0) / n
        ys = y0 + (np.arange(n) + 0.5) * (y1 - y0) / n
        gx, gy = np.meshgrid(xs, ys)
        return xs, ys, self.f(gx, gy)

    def height_map(self, n: int = 200) -> tuple[np.ndarray, bool]:
        """What a contour plot colours, (n, n) row-major like :meth:`grid`, and whether it is log.

        log₁₀(f − f_min + ε) with ε = 10⁻⁴ of the range, so the valley floor keeps its detail;
        f itself for a surface without a minimum.
        """
        z = self.grid(n)[2]
        if self.f_min is None:
            return z, False
        gap = np.maximum(z - self.f_min, 0.0)
        return np.log10(gap + 1e-4 * gap.max()), True

    def gap(self, values: np.ndarray) -> np.ndarray:
        """f − f_min floored at LOG_FLOOR (for a log axis); f itself if there is no minimum."""
        values = np.asarray(values, dtype=np.float64)
        return values if self.f_min is None else np.maximum(values - self.f_min, LOG_FLOOR)


# -- the functions --------------------------------------------------------------------------
def _book(x, y):
    return x ** 2 / 20.0 + y ** 2


def _book_grad(x, y):
    return x / 10.0, 2.0 * y


def _bowl(x, y):
    return x ** 2 + y ** 2


def _bowl_grad(x, y):
    return 2.0 * x, 2.0 * y


def _rosenbrock(x, y):
    return (1.0 - x) ** 2 + 100.0 * (y - x ** 2) ** 2


def _rosenbrock_grad(x, y):
    return -2.0 * (1.0 - x) - 400.0 * x * (y - x ** 2), 200.0 * (y - x ** 2)


def _beale_terms(x, y):
    return 1.5 - x + x * y, 2.25 - x + x * y ** 2, 2.625 - x + x * y ** 3


def _beale(x, y):
    a, b, c = _beale_terms(x, y)
    return a ** 2 + b ** 2 + c ** 2


def _beale_grad(x, y):
    a, b, c = _beale_terms(x, y)
    dx = 2 * a * (y - 1) + 2 * b * (y ** 2 - 1) + 2 * c * (y ** 3 - 1)
    dy = 2 * a * x + 4 * b * x * y + 6 * c * x * y ** 2
    return dx, dy


def _himmelblau(x, y):
    return (x ** 2 + y - 11) ** 2 + (x + y ** 2 - 7) ** 2


def _himmelblau_grad(x, y):
    a, b = x ** 2 + y - 11, x + y ** 2 - 7
    return 4 * x * a + 2 * b, 2 * a + 4 * y * b


def _saddle(x, y):
    return x ** 2 - y ** 2


def _saddle_grad(x, y):
    return 2.0 * x, -2.0 * y


SURFACES: dict[str, Surface] = {s.key: s for s in (
    Surface("book", QT_TRANSLATE_NOOP("surfaces", "x²/20 + y² (the book)"), _book, _book_grad,
            (-10.0, 10.0), (-5.0, 5.0), ((0.0, 0.0),), (-7.0, 2.0),
            note=QT_TRANSLATE_NOOP("surfaces", "20 times flatter along x than along y: SGD zig-zags "
                                               "across y while it creeps along x.")),
    Surface("rosenbrock", QT_TRANSLATE_NOOP("surfaces", "Rosenbrock (1 − x)² + 100(y − x²)²"), _rosenbrock,
            _rosenbrock_grad, (-2.0, 2.0), (-1.0, 3.0), ((1.0, 1.0),), (-1.2, 1.0),
            steps=200, lrs={"sgd": 0.004, "momentum": 0.001, "nesterov": 0.001,
                            "adagrad": 1.5, "rmsprop": 0.1, "adam": 0.6},
            note=QT_TRANSLATE_NOOP("surfaces", "A long curved valley: easy to find, hard to follow to "
                                               "(1, 1).")),
    Surface("beale", QT_TRANSLATE_NOOP("surfaces", "Beale"), _beale, _beale_grad,
            (-4.5, 4.5), (-4.5, 4.5), ((3.0, 0.5),), (1.0, 1.5),
            steps=100, lrs={"sgd": 0.02, "momentum": 0.003, "nesterov": 0.003,
                            "adagrad": 1.0, "rmsprop": 0.1, "adam": 0.3},
            note=QT_TRANSLATE_NOOP("surfaces", "Flat plateaus and steep walls; the minimum is at "
                                               "(3, 0.5).")),
    Surface("himmelblau", QT_TRANSLATE_NOOP("surfaces", "Himmelblau (x² + y − 11)² + (x + y² − 7)²"),
            _himmelblau, _himmelblau_grad, (-5.0, 5.0), (-5.0, 5.0),
            ((3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126)),
            (0.0, -0.5),
            steps=50, lrs={"sgd": 0.01, "momentum": 0.002, "nesterov": 0.004,
                           "adagrad": 0.5, "rmsprop": 0.05, "adam": 0.3},
            note=QT_TRANSLATE_NOOP("surfaces", "Four equally deep minima: which one is reached depends "
                                               "on the path.")),
    Surface("saddle", QT_TRANSLATE_NOOP("surfaces", "Saddle x² − y²"), _saddle, _saddle_grad,
            (-2.0, 2.0), (-2.0, 2.0), (), (-1.8, 0.01), f_min=None,
            lrs={"sgd": 0.1, "momentum": 0.05, "nesterov": 0.05,
                 "adagrad": 0.5, "rmsprop": 0.05, "adam": 0.1},
            note=QT_TRANSLATE_NOOP("surfaces", "No minimum: a saddle point at (0, 0). A good optimizer "
                                               "escapes along y.")),
    Surface("bowl", QT_TRANSLATE_NOOP("surfaces", "Bowl x² + y²"), _bowl, _bowl_grad,
            (-5.0, 5.0), (-5.0, 5.0), ((0.0, 0.0),), (-4.0, 3.0),
            lrs={"sgd": 0.1, "momentum": 0.05, "nesterov": 0.05,
                 "adagrad": 1.0, "rmsprop": 0.1, "adam": 0.3},
            note=QT_TRANSLATE_NOOP("surfaces", "Round: every direction is equally steep.")),
)}
DEFAULT = "book"


def get(key: str) -> Surface:
    try:
        return SURFACES[key]
    except KeyError:
        raise ValueError(f"unknown surface {key!r}; choose one of {', '.join(SURFACES)}") from None


# -- trajectories -------------------------------------------------------------------------------
@dataclass
class Path:
    """An optimizer's path on a surface.

    points : (n + 1, 2) float64, the start and the point after each of the n steps taken;
    values : (n + 1,) f at those points. ``stopped_at`` is the step that failed when the path
    ended early (n = stopped_at − 1), else None; ``stop_reason`` says why in a few words.
    """

    points: np.ndarray
    values: np.ndarray
    stopped_at: int | None = None
    stop_reason: str = ""

    @property
    def stopped(self) -> bool:
        return self.stopped_at is not None

    @property
    def n_steps(self) -> int:
        return len(self.points) - 1


def run(surface: Surface, optimizer: optimizers.Optimizer, start, steps: int) -> Path:
    """Follow ``optimizer`` (fresh) for up to ``steps`` steps from ``start = (x, y)``.

    The point is ``params = {"p": array([x, y])}`` (float64), moved in place by
    ``optimizer.update(params, grads)``.
    """
    steps = int(steps)
    if steps < 0:
        raise ValueError(f"number of steps must be ≥ 0, got {steps}")
    p = np.array(start, dtype=np.float64).reshape(2)
    if not np.isfinite(p).all():
        raise ValueError(f"start point must be finite, got {tuple(start)}")
    params, grads = {"p": p}, {"p": np.zeros(2)}
    points = np.empty((steps + 1, 2))
    points[0] = p
    n, stopped_at, reason = 0, None, ""
    with np.errstate(all="ignore"):            # overflow is detected below, not warned about
        for step in range(1, steps + 1):
            grads["p"][:] = surface.grad(p[0], p[1])
            if not np.isfinite(grads["p"]).all():
                stopped_at, reason = step, "the gradient overflowed"
                break
            optimizer.update(params, grads)
            if not np.isfinite(p).all() or np.abs(p).max() > ESCAPE:
                stopped_at, reason = step, f"diverged: the point flew off beyond {ESCAPE:.0e}"
                break
            points[step] = p
            n = step
        points = points[:n + 1].copy()
        values = surface.f(points[:, 0], points[:, 1])
    return Path(points, values, stopped_at, reason)


def trajectory(surface: Surface, optimizer: optimizers.Optimizer, start, steps: int) -> np.ndarray:
    """Points (steps + 1, 2) of the path; fewer rows if it diverged (see :func:`run`)."""
    return run(surface, optimizer, start, steps).points


def make_optimizer(name: str, lr: float) -> optimizers.Optimizer:
    """A fresh optimizer with the core defaults (momentum 0.9, ρ 0.99, β 0.9/0.999)."""
    return optimizers.make(name, lr)


def race(surface: Surface, lrs: dict[str, float], start=None, steps: int = 30) -> dict[str, Path]:
    """One path per optimizer in ``lrs`` (name -> learning rate), all from the same start."""
    start = surface.start if start is None else start
    return {name: run(surface, make_optimizer(name, lr), start, steps) for name, lr in lrs.items()}


def preset(name: str, surface: Surface | None = None, lr: float = 0.1) -> dict[str, float]:
    """Learning rates per optimizer (a fresh dict).

    ``"book"``: the book's rates for x²/20 + y²; ``"tuned"``: rates tuned for ``surface``
    (the book's for the book's surface); ``"same"``: ``lr`` for every optimizer.
    """
    book = {key: cls.book_lr for key, cls in optimizers.OPTIMIZERS.items()}
    if name == "book":
        return book
    if name == "tuned":
        # an optimizer without a tuned rate for this surface takes its book rate
        return book if surface is None or surface.lrs is None else {**book, **surface.lrs}
    if name == "same":
        optimizers.check_learning_rate(lr)
        return dict.fromkeys(optimizers.OPTIMIZERS, float(lr))
    raise ValueError(f"unknown preset {name!r}; choose one of {', '.join(PRESETS)}")
