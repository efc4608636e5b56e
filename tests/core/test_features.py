"""Input features of 2-D points (the Playground's x₁², x₂², x₁x₂, sin)."""
import numpy as np
import pytest

from core import features, playground, toy_data


def test_transform_computes_each_feature():
    x = np.array([[0.5, -2.0], [1.0, 0.25]], dtype=np.float32)
    out = features.transform(x, list(features.FEATURES))
    expected = np.column_stack([x[:, 0], x[:, 1], x[:, 0] ** 2, x[:, 1] ** 2, x[:, 0] * x[:, 1],
                                np.sin(np.pi * x[:, 0]), np.sin(np.pi * x[:, 1])])
    assert out.dtype == np.float32 and out.shape == (2, 7)
    np.testing.assert_allclose(out, expected, rtol=1e-6, atol=1e-6)


def test_choice_is_kept_in_registry_order():
    assert features.check(["x1x2", "x1"]) == ("x1", "x1x2")


@pytest.mark.parametrize(("names", "message"), [
    ([], "at least one"), (["x3"], "unknown input feature"), (["x1", "x1"], "twice")])
def test_bad_choices(names, message):
    with pytest.raises(ValueError, match=message):
        features.check(names)


def test_with_features_keeps_labels_and_changes_inputs():
    ds = toy_data.load("circle", seed=0)
    f = features.with_features(ds, ["x1_sq", "x2_sq"])
    assert f.input_shape == (2,) and f.x_train.shape == ds.x_train.shape
    np.testing.assert_array_equal(f.y_train, ds.y_train)
    np.testing.assert_allclose(f.x_test, ds.x_test ** 2, rtol=1e-6)


def test_squares_let_a_network_without_hidden_layer_solve_the_circle():
    ds = toy_data.load("circle", seed=0)
    plain = playground.Playground(ds, playground.Recipe(hidden=()), seed=0)
    plain.train(epochs=60)
    squares = playground.Playground(ds, playground.Recipe(hidden=(), features=("x1_sq", "x2_sq")), seed=0)
    squares.train(epochs=60)
    assert plain.test_accuracy() < 0.8           # a line cannot cut a disc out of a ring
    assert squares.test_accuracy() >= 0.95
