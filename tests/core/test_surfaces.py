"""The optimizer lab's surfaces and trajectories, checked against the book's update rules
written out here independently of core.optimizers."""
import numpy as np
import pytest

from core import optimizers, surfaces

BOOK = surfaces.get("book")
START = (-7.0, 2.0)


def book_grad(p):
    return np.array([p[0] / 10.0, 2.0 * p[1]])


def reference_path(name, lr, steps=30):
    """The update rules of "Deep Learning from Scratch" common/optimizer.py, one by one."""
    p = np.array(START)
    out = [p.copy()]
    v = np.zeros(2)
    h = np.zeros(2)
    m = np.zeros(2)
    for t in range(1, steps + 1):
        g = book_grad(p)
        if name == "sgd":
            p = p - lr * g
        elif name == "momentum":
            v = 0.9 * v - lr * g
            p = p + v
        elif name == "nesterov":
            v = 0.9 * v - lr * g
            p = p + 0.9 * 0.9 * v - (1 + 0.9) * lr * g
        elif name == "adagrad":
            h = h + g * g
            p = p - lr * g / (np.sqrt(h) + 1e-7)
        elif name == "rmsprop":
            h = 0.99 * h + 0.01 * g * g
            p = p - lr * g / (np.sqrt(h) + 1e-7)
        elif name == "adam":
            lr_t = lr * np.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t)
            m = m + 0.1 * (g - m)
            h = h + 0.001 * (g * g - h)
            p = p - lr_t * m / (np.sqrt(h) + 1e-7)
        out.append(p.copy())
    return np.array(out)


@pytest.mark.parametrize("name", optimizers.OPTIMIZERS)
def test_book_preset_matches_the_update_rules(name):
    lr = surfaces.preset("book")[name]
    got = surfaces.trajectory(BOOK, optimizers.make(name, lr), START, 30)
    assert got.shape == (31, 2)
    np.testing.assert_allclose(got, reference_path(name, lr), rtol=1e-9, atol=1e-12)


def test_book_rates_are_the_books():
    lrs = surfaces.preset("book")
    assert (lrs["sgd"], lrs["momentum"], lrs["adagrad"], lrs["adam"]) == (0.95, 0.1, 1.5, 0.3)
    assert surfaces.preset("tuned", BOOK) == lrs
    assert set(surfaces.preset("same", lr=0.05).values()) == {0.05}
    with pytest.raises(ValueError, match="unknown preset"):
        surfaces.preset("fastest")
    with pytest.raises(ValueError, match="learning rate"):
        surfaces.preset("same", lr=-1)


@pytest.mark.parametrize("preset", ["book", "same"])
def test_every_path_on_the_book_surface_gets_closer_to_the_minimum(preset):
    paths = surfaces.race(BOOK, surfaces.preset(preset), START, 30)
    assert set(paths) == set(optimizers.OPTIMIZERS)
    for name, path in paths.items():
        assert not path.stopped, name
        assert np.linalg.norm(path.points[-1]) < np.linalg.norm(START), name
        np.testing.assert_allclose(path.values, BOOK.f(path.points[:, 0], path.points[:, 1]))


@pytest.mark.parametrize("key", list(surfaces.SURFACES))
def test_gradients_match_central_differences(key):
    s = surfaces.get(key)
    rng = np.random.default_rng(1)
    (x0, x1), (y0, y1) = s.x_range, s.y_range
    pts = np.column_stack([rng.uniform(x0, x1, 20), rng.uniform(y0, y1, 20)])
    h = 1e-6
    for x, y in pts:
        gx, gy = s.grad(x, y)
        nx = (s.f(x + h, y) - s.f(x - h, y)) / (2 * h)
        ny = (s.f(x, y + h) - s.f(x, y - h)) / (2 * h)
        scale = max(1.0, abs(nx), abs(ny))
        assert abs(gx - nx) < 1e-5 * scale, (key, x, y, gx, nx)
        assert abs(gy - ny) < 1e-5 * scale, (key, x, y, gy, ny)


@pytest.mark.parametrize("key", list(surfaces.SURFACES))
def test_surface_metadata(key):
    s = surfaces.get(key)
    xs, ys, z = s.grid(50)
    assert xs.shape == (50,) and ys.shape == (50,) and z.shape == (50, 50)
    assert np.isclose(z[3, 7], s.f(xs[7], ys[3]))
    assert s.x_range[0] < s.start[0] < s.x_range[1] and s.y_range[0] < s.start[1] < s.y_range[1]
    for mx, my in s.minima:
        assert np.isclose(s.f(mx, my), s.f_min, atol=1e-9)
        assert np.allclose(s.grad(mx, my), 0.0, atol=1e-4)
    assert (s.f_min is None) == (not s.minima)
    # the rates tuned for the surface take every optimizer all the way without diverging
    for name, path in surfaces.race(s, surfaces.preset("tuned", s), steps=s.steps).items():
        assert not path.stopped, (key, name, path.stop_reason)


def test_divergence_ends_the_path_without_warnings():
    # SGD at the book's rate on Rosenbrock explodes within a few steps; pytest turns any
    # RuntimeWarning into an error, so overflow must be caught quietly
    s = surfaces.get("rosenbrock")
    path = surfaces.run(s, optimizers.SGD(0.95), s.start, 30)
    assert path.stopped and path.stopped_at == path.n_steps + 1 < 30
    assert "diverged" in path.stop_reason
    assert np.isfinite(path.points).all() and np.isfinite(path.values).all()
    assert np.abs(path.points).max() <= surfaces.ESCAPE


def test_a_huge_learning_rate_on_the_saddle_stops_cleanly():
    s = surfaces.get("saddle")
    path = surfaces.run(s, optimizers.Momentum(1e6), s.start, 500)
    assert path.stopped and len(path.points) == path.stopped_at


def test_bad_input():
    with pytest.raises(ValueError, match="unknown surface"):
        surfaces.get("sphere")
    with pytest.raises(ValueError, match="finite"):
        surfaces.run(BOOK, optimizers.SGD(0.1), (np.nan, 0.0), 3)
    with pytest.raises(ValueError, match="steps"):
        surfaces.run(BOOK, optimizers.SGD(0.1), START, -1)
    assert surfaces.trajectory(BOOK, optimizers.SGD(0.1), START, 0).shape == (1, 2)


def test_height_map_and_gap():
    img, is_log = BOOK.height_map(64)
    assert is_log and img.shape == (64, 64) and np.isfinite(img).all()
    assert np.unravel_index(img.argmin(), img.shape) in {(31, 31), (31, 32), (32, 31), (32, 32)}
    np.testing.assert_array_equal(BOOK.gap([0.0, 2.0]), [surfaces.LOG_FLOOR, 2.0])
    saddle = surfaces.get("saddle")
    img, is_log = saddle.height_map(16)
    assert not is_log and img.min() < 0
    np.testing.assert_array_equal(saddle.gap([-3.0]), [-3.0])
