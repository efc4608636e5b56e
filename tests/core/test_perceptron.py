"""The perceptron learning rule on the logic gates, and XOR with a hidden layer."""
import numpy as np
import pytest

from core import perceptron, toy_data
from core.perceptron import Perceptron, RuleStepper


@pytest.mark.parametrize("gate", ["and", "nand", "or"])
def test_rule_learns_linear_gates_within_20_epochs(gate):
    """From w = b = 0 and from 300 random starts in [-0.5, 0.5]³, with η = 0.1."""
    ds = toy_data.make_gate(gate)
    rng = np.random.default_rng(0)
    for p in [Perceptron(lr=0.1)] + [Perceptron.random(rng, lr=0.1) for _ in range(300)]:
        epochs = perceptron.train(p, ds.x_train, ds.y_train, max_epochs=20)
        assert epochs is not None and epochs <= 20
        np.testing.assert_array_equal(p.output(ds.x_train), ds.y_train)


def test_rule_never_exceeds_75_percent_on_xor():
    ds = toy_data.make_gate("xor")
    for start in [(0.0, 0.0, 0.0), (0.3, 0.3, -0.2), (1.0, -1.0, 0.0)]:
        p = Perceptron(start[:2], start[2], lr=0.1)
        stepper = RuleStepper(p, ds.x_train, ds.y_train)
        best = 0.0
        for _ in range(4 * 100):                      # 100 epochs, sample by sample
            stepper.step()
            best = max(best, p.accuracy(ds.x_train, ds.y_train))
        assert best <= 0.75
        assert stepper.converged_at is None
    assert perceptron.train(Perceptron(), ds.x_train, ds.y_train, max_epochs=50) is None


def test_one_step_is_the_rule():
    p = Perceptron((0.2, -0.4), 0.1, lr=0.5)
    y, dw, db = p.learn(np.array([1.0, 1.0]), 1)        # z = -0.1 -> output 0, target 1
    assert y == 0
    np.testing.assert_allclose(dw, [0.5, 0.5])
    assert db == 0.5
    np.testing.assert_allclose(p.w, [0.7, 0.1])
    assert p.b == pytest.approx(0.6)
    y, dw, db = p.learn(np.array([1.0, 0.0]), 1)        # right: nothing changes
    assert y == 1 and not dw.any() and db == 0.0


def test_stepper_walks_the_table_in_order_and_counts_epochs():
    ds = toy_data.make_gate("and")
    stepper = RuleStepper(Perceptron(), ds.x_train, ds.y_train)
    updates = [stepper.step() for _ in range(6)]
    assert [u.index for u in updates] == [0, 1, 2, 3, 0, 1]
    assert [u.epoch for u in updates] == [1, 1, 1, 1, 2, 2]
    assert [u.epoch_done for u in updates] == [False, False, False, True, False, False]
    assert updates[3].epoch_mistakes == sum(u.output != u.target for u in updates[:4])


def test_xor_from_two_layers_of_learned_gates():
    learned = {}
    for gate in ("nand", "or", "and"):
        ds = toy_data.make_gate(gate)
        learned[gate] = Perceptron(lr=0.1)
        assert perceptron.train(learned[gate], ds.x_train, ds.y_train) is not None
    net = perceptron.xor_network(learned["nand"], learned["or"], learned["and"])
    xor = toy_data.make_gate("xor")
    out = net.forward(xor.x_train)
    assert out.shape == (4, 1)
    np.testing.assert_array_equal(out[:, 0].astype(np.int64), xor.y_train)
    # the hidden layer computes NAND and OR
    record = []
    net.forward(xor.x_train, record=record)
    np.testing.assert_array_equal(record[0][:, 0], [1, 1, 1, 0])
    np.testing.assert_array_equal(record[0][:, 1], [0, 1, 1, 1])


def test_xor_from_gates_learned_from_random_starts():
    rng = np.random.default_rng(1)
    xor = toy_data.make_gate("xor")
    for _ in range(50):
        gates = []
        for gate in ("nand", "or", "and"):
            ds = toy_data.make_gate(gate)
            gates.append(Perceptron.random(rng, lr=0.1))
            perceptron.train(gates[-1], ds.x_train, ds.y_train)
        net = perceptron.xor_network(*gates)
        np.testing.assert_array_equal(net.forward(xor.x_train)[:, 0].astype(np.int64), xor.y_train)
