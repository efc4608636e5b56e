"""Losses: values against naive formulas, stability, gradients."""

import math
import warnings

import numpy as np
import pytest

from core import losses
from core.losses import MeanSquaredError, SoftmaxCrossEntropy


def naive_softmax_row(row):
    e = [math.exp(v) for v in row]
    return [v / sum(e) for v in e]


def numerical_score_gradient(loss, scores, labels, h=1e-6):
    g = np.zeros_like(scores)
    for idx in np.ndindex(scores.shape):
        s = scores.copy()
        s[idx] += h
        up = loss.forward(s, labels)
        s[idx] -= 2 * h
        down = loss.forward(s, labels)
        g[idx] = (up - down) / (2 * h)
    return g


def test_cross_entropy_is_minus_log_p_of_the_true_class():
    scores = np.array([[2.0, 1.0, 0.1], [0.5, 2.5, -1.0], [0.0, 0.0, 0.0], [-3.0, 4.0, 1.0]])
    labels = np.array([0, 2, 1, 1])
    expected = 0.0
    for row, t in zip(scores.tolist(), labels.tolist(), strict=True):
        expected += -math.log(naive_softmax_row(row)[t])
    expected /= len(labels)
    value = SoftmaxCrossEntropy().forward(scores, labels)
    assert isinstance(value, float)
    assert value == pytest.approx(expected, rel=1e-12)


def test_cross_entropy_of_uniform_scores_is_log_k():
    assert SoftmaxCrossEntropy().forward(np.zeros((3, 10)), np.array([0, 4, 9])) == pytest.approx(
        math.log(10), rel=1e-12)


def test_cross_entropy_is_stable_for_huge_scores():
    loss = SoftmaxCrossEntropy()
    scores = np.array([[1e4, 0.0, -1e4], [1e4, 0.0, -1e4], [1e4, 1e4, 0.0]])
    with warnings.catch_warnings(), np.errstate(all="raise", under="ignore"):
        warnings.simplefilter("error")
        right = loss.forward(scores[:1], np.array([0]))
        wrong = loss.forward(scores[1:2], np.array([1]))
        tied = loss.forward(scores[2:], np.array([1]))
        grad = loss.backward()
        value32 = loss.forward(scores.astype(np.float32), np.array([0, 2, 0]))
    assert right == pytest.approx(0.0, abs=1e-12)
    assert wrong == pytest.approx(1e4, rel=1e-12)          # -log p = 1e4 − 0 exactly
    assert tied == pytest.approx(math.log(2), rel=1e-12)
    np.testing.assert_allclose(grad, [[0.5, -0.5, 0.0]], atol=1e-12)
    assert np.isfinite(value32)
    assert value32 == pytest.approx((0 + 2e4 + math.log(2)) / 3, rel=1e-6)


def test_cross_entropy_gradient_is_p_minus_onehot_over_n():
    rng = np.random.default_rng(0)
    scores = rng.standard_normal((5, 4))
    labels = np.array([0, 3, 1, 1, 2])
    loss = SoftmaxCrossEntropy()
    loss.forward(scores, labels)
    p = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
    onehot = np.eye(4)[labels]
    np.testing.assert_allclose(loss.backward(), (p - onehot) / 5, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(loss.backward(), numerical_score_gradient(loss, scores, labels),
                               rtol=1e-6, atol=1e-10)


def test_cross_entropy_backward_does_not_change_with_repeated_calls():
    loss = SoftmaxCrossEntropy()
    loss.forward(np.array([[1.0, 2.0]]), np.array([1]))
    first = loss.backward().copy()
    np.testing.assert_array_equal(loss.backward(), first)


def test_mse_is_half_the_squared_distance_of_softmax_from_onehot():
    scores = np.array([[2.0, 1.0, 0.1], [0.5, 2.5, -1.0], [-3.0, 4.0, 1.0]])
    labels = np.array([0, 2, 1])
    expected = 0.0
    for row, t in zip(scores.tolist(), labels.tolist(), strict=True):
        p = naive_softmax_row(row)
        expected += 0.5 * sum((pk - (1.0 if k == t else 0.0)) ** 2 for k, pk in enumerate(p))
    expected /= len(labels)
    assert MeanSquaredError().forward(scores, labels) == pytest.approx(expected, rel=1e-12)


def test_mse_gradient_matches_finite_differences():
    rng = np.random.default_rng(1)
    scores = rng.standard_normal((4, 5)) * 2
    labels = np.array([4, 0, 2, 2])
    loss = MeanSquaredError()
    loss.forward(scores, labels)
    np.testing.assert_allclose(loss.backward(), numerical_score_gradient(loss, scores, labels),
                               rtol=1e-6, atol=1e-10)


def test_mse_is_stable_for_huge_scores():
    loss = MeanSquaredError()
    with warnings.catch_warnings(), np.errstate(all="raise", under="ignore"):
        warnings.simplefilter("error")
        value = loss.forward(np.array([[1e4, 0.0, -1e4]]), np.array([1]))
        grad = loss.backward()
    assert value == pytest.approx(0.5 * (1 + 1), rel=1e-12)     # p = (1, 0, 0), target (0, 1, 0)
    assert np.all(np.isfinite(grad))


def test_get_by_name_and_unknown_loss():
    assert isinstance(losses.get("softmax_cross_entropy"), SoftmaxCrossEntropy)
    assert isinstance(losses.get("mse"), MeanSquaredError)
    assert repr(losses.get("mse")) == "mse"
    with pytest.raises(ValueError, match="unknown loss 'hinge'"):
        losses.get("hinge")


def test_predicted_classes_are_the_argmax_of_the_scores_forward_saw_or_of_others():
    rng = np.random.default_rng(5)
    scores = rng.standard_normal((30, 7)).astype(np.float32)
    labels = rng.integers(0, 7, 30)
    sce = SoftmaxCrossEntropy()
    assert np.array_equal(sce.predicted(scores), scores.argmax(axis=1))      # before any forward
    sce.forward(scores, labels)
    found = sce._argmax_of[1]                                               # found on the way
    assert sce.predicted(scores) is found
    assert np.array_equal(found, scores.argmax(axis=1))
    scores[:, 3] += 100                   # the same array, new scores (a reused output buffer)
    assert np.array_equal(sce.predicted(scores), np.full(30, 3))              # not the old ones
    other = rng.standard_normal((30, 7)).astype(np.float32)
    assert np.array_equal(sce.predicted(other), other.argmax(axis=1))        # not what it saw
    assert np.array_equal(sce.predicted(other[:5]), other[:5].argmax(axis=1))
    mse = MeanSquaredError()
    mse.forward(scores, labels)
    assert np.array_equal(mse.predicted(scores), scores.argmax(axis=1))
