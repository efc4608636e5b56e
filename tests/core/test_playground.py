"""The playground's engine: recipes that solve every toy set, the pictures it draws, hints."""
import numpy as np
import pytest

from core import features, playground, toy_data
from core.network import Network
from core.playground import Playground, Recipe


@pytest.mark.parametrize("name", toy_data.TOY_SETS)
def test_recipe_solves_its_toy_set(name):
    """Acceptance: with the defaults the boundary separates ≥ 95% of the test points (≥ 90%
    for the spiral), in well under 10 s (times are reported by ``python -m core.playground``)."""
    for seed in (0, 1):
        acc, _seconds = playground.train_recipe(name, seed)
        assert acc >= (0.90 if name == "spiral" else 0.95), (name, seed, acc)


def test_every_toy_set_has_a_recipe():
    assert set(playground.RECIPES) == set(toy_data.TOY_SETS)


def test_heatmap_is_predict_proba_on_the_grid():
    pg = Playground(toy_data.load("moons", 0), playground.RECIPES["moons"], seed=0)
    pg.train(epochs=5)
    frame = pg.frame()
    coords, points = playground.grid()
    net = Network.from_spec(frame.spec)
    net.load_snapshot(frame.params)
    proba = net.predict_proba(features.transform(points, frame.features))[:, 1]
    size = len(coords)
    np.testing.assert_allclose(frame.proba, proba.reshape(size, size), rtol=1e-5, atol=1e-6)
    # row i of the image is the height coords[i], column j the abscissa coords[j]
    i, j = 5, 40
    p = net.predict_proba(np.array([[coords[j], coords[i]]], np.float32))[0, 1]
    assert frame.proba[i, j] == pytest.approx(p, rel=1e-5)


def test_pictures_are_the_hidden_activations_on_the_grid():
    recipe = Recipe(hidden=(3, 2), activation="relu", features=("x1", "x2", "x1x2"))
    pg = Playground(toy_data.load("xor", 0), recipe, seed=0)
    pg.train(epochs=3)
    frame = pg.frame()
    assert [p.shape[0] for p in frame.pictures] == [3, 2]
    coords, points = playground.grid()
    x = features.transform(points, frame.features)
    w, b = frame.params["0.W"], frame.params["0.b"]
    first = np.maximum(x @ w + b, 0)                        # unit u of layer 0: relu(x·W[:, u] + b[u])
    second = np.maximum(first @ frame.params["1.W"] + frame.params["1.b"], 0)
    size = len(coords)
    for u in range(3):
        np.testing.assert_allclose(frame.pictures[0][u], first[:, u].reshape(size, size), atol=1e-5)
    for u in range(2):
        np.testing.assert_allclose(frame.pictures[1][u], second[:, u].reshape(size, size), atol=1e-5)


def test_frame_is_a_copy():
    pg = Playground(toy_data.load("gauss", 0), playground.RECIPES["gauss"], seed=0)
    frame = pg.frame()
    before = {k: v.copy() for k, v in frame.params.items()}
    pg.train(epochs=3)
    for k, v in before.items():
        np.testing.assert_array_equal(frame.params[k], v)
    assert len(pg.frame().history) == 3 and len(frame.history) == 0


def test_rebuild_changes_the_network_and_keeps_the_data():
    pg = Playground(toy_data.load("circle", 0), Recipe(hidden=(4,)), seed=0)
    pg.train(epochs=2)
    pg.rebuild(hidden=(5, 3), activation="relu", features=("x1_sq", "x2_sq"))
    assert [layer["units"] for layer in pg.net.spec["layers"]] == [5, 3, 2]
    assert pg.net.spec["input_shape"] == [2] and pg.recipe.activation == "relu"
    assert pg.history == [] and pg.trainable
    pg.rebuild(hidden=())
    assert len(pg.net.layers) == 1
    with pytest.raises(ValueError, match="1 to 8 units"):
        pg.rebuild(hidden=(9,))


def test_set_lr_applies_to_the_running_trainer():
    pg = Playground(toy_data.load("circle", 0), Recipe(), seed=0)
    pg.set_lr(0.001)
    assert pg.trainer.lr == pytest.approx(0.001) and pg.recipe.lr == 0.001


def test_divergence_is_reported_with_the_hint():
    pg = Playground(toy_data.load("circle", 0), Recipe(hidden=(8, 8), activation="relu", lr=100.0,
                                                       optimizer="sgd"), seed=0)
    pg.train(epochs=200)
    frame = pg.frame()
    assert not pg.trainable and frame.diverged
    assert frame.hint == playground.HINTS["diverged"]


def _history(test_acc, train_acc=None, loss=None, n=80):
    train_acc = test_acc if train_acc is None else train_acc
    loss = [0.5] * n if loss is None else loss
    return [(e + 1, loss[e], loss[e], train_acc, test_acc) for e in range(n)]


def test_stall_hints():
    linear = Recipe(hidden=())
    assert playground.stall_hint(_history(0.6), linear, "circle") == playground.HINTS["linear"]
    assert playground.stall_hint(_history(0.6), Recipe(hidden=(2,)), "spiral") == playground.HINTS["small"]
    assert playground.stall_hint(_history(0.99), Recipe(), "spiral") is None           # solved
    assert playground.stall_hint(_history(0.6)[:30], Recipe(), "spiral") is None       # too early
    rising = [(e + 1, 0.5, 0.5, 0.6, 0.5 + e / 200) for e in range(80)]
    assert playground.stall_hint(rising, Recipe(), "spiral") is None                   # improving
    jumpy = [0.2 if e % 2 else 1.0 for e in range(80)]
    assert playground.stall_hint(_history(0.7, loss=jumpy), Recipe(), "moons") == playground.HINTS["jumpy"]
    assert playground.stall_hint(_history(0.8, 1.0), Recipe(), "moons") == playground.HINTS["overfit"]
    assert playground.stall_hint(_history(0.8), Recipe(), "moons", noise=0.5) == playground.HINTS["noisy"]


def test_a_real_stall_gets_the_linear_hint():
    pg = Playground(toy_data.load("xor", 0), Recipe(hidden=()), seed=0)
    pg.train(epochs=80)
    assert pg.frame().hint == playground.HINTS["linear"]
