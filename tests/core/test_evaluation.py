"""core.evaluation against loops and a direct prediction."""
import numpy as np
import pytest

from core import evaluation
from tests.core.test_layer_stats import small_mnist_net


def test_confusion_matrix_and_per_class_accuracy_match_loops():
    rng = np.random.default_rng(5)
    t, p = rng.integers(0, 4, 300), rng.integers(0, 4, 300)
    t[t == 3] = 2                                              # class 3 never occurs
    cm = evaluation.confusion_matrix(t, p, 4)
    ref = np.zeros((4, 4), int)
    for a, b in zip(t, p, strict=True):
        ref[a, b] += 1
    np.testing.assert_array_equal(cm, ref)
    acc = evaluation.per_class_accuracy(cm)
    for c in range(3):
        assert acc[c] == pytest.approx(np.mean(p[t == c] == c))
    assert np.isnan(acc[3])
    with pytest.raises(ValueError):
        evaluation.confusion_matrix([0, 5], [0, 1], 4)


def test_misclassified_sorted_by_confidence_of_the_wrong_answer():
    proba = np.array([[0.9, 0.1], [0.2, 0.8], [0.4, 0.6], [0.05, 0.95], [0.7, 0.3]])
    y = np.array([0, 0, 0, 1, 1])
    assert evaluation.misclassified(y, proba).tolist() == [1, 4, 2]
    assert evaluation.misclassified(y, proba, k=2).tolist() == [1, 4]
    assert evaluation.cell_indices(y, proba, 0, 1).tolist() == [1, 2]
    assert evaluation.cell_indices(y, proba, 1, 1).tolist() == [3]


def test_evaluate_equals_direct_prediction(mnist):
    net, _, _ = small_mnist_net(mnist, steps=10)
    x, y = mnist.gather("test", np.arange(700))
    res = evaluation.evaluate(net, x, y, chunk=256)
    proba = net.predict_proba(x)
    np.testing.assert_allclose(res["proba"], proba, rtol=1e-5, atol=1e-6)
    pred = proba.argmax(axis=1)
    np.testing.assert_array_equal(res["pred"], pred)
    np.testing.assert_array_equal(res["cm"], evaluation.confusion_matrix(y, pred, 10))
    assert res["accuracy"] == pytest.approx(np.mean(pred == y))
    assert res["cm"].sum() == 700
