"""The book-shaped nodes: each backward equals the chain rule, and the matrix nodes agree with
the network's own Dense layer and loss."""
import numpy as np
import pytest

from core import Network
from core.graph_nodes import AddLayer, Affine, MulLayer, Relu, Sigmoid, SoftmaxWithLoss


def test_mul_and_add_layers_as_in_the_book():
    mul_apple, mul_tax = MulLayer(), MulLayer()
    apple_price = mul_apple.forward(100, 2)
    price = mul_tax.forward(apple_price, 1.1)
    assert price == pytest.approx(220, rel=1e-12)
    dapple_price, dtax = mul_tax.backward(1)
    dapple, dapple_num = mul_apple.backward(dapple_price)
    assert (dapple, dapple_num, dtax) == (pytest.approx(2.2), pytest.approx(110), 200)
    add = AddLayer()
    assert add.forward(200, 450) == 650
    assert add.backward(1.1) == (1.1, 1.1)


def test_relu_does_not_modify_the_callers_gradient():
    relu = Relu()
    x = np.array([[1.0, -0.5], [-2.0, 3.0]])
    np.testing.assert_array_equal(relu.forward(x), [[1, 0], [0, 3]])
    dout = np.ones_like(x)
    dx = relu.backward(dout)
    np.testing.assert_array_equal(dx, [[1, 0], [0, 1]])
    np.testing.assert_array_equal(dout, 1)                  # the book's Relu zeroes it in place
    assert relu.forward(2.0) == 2.0 and relu.local_derivatives() == (1.0,)
    assert relu.forward(-2.0) == 0.0 and relu.backward(5.0) == 0.0


def test_sigmoid_backward_is_y_times_one_minus_y():
    sig = Sigmoid()
    y = sig.forward(0.3)
    assert y == pytest.approx(1 / (1 + np.exp(-0.3)))
    assert sig.backward(2.0) == pytest.approx(2.0 * y * (1 - y))
    assert sig.local_derivatives()[0] == pytest.approx(y * (1 - y))


def test_affine_and_softmax_with_loss_equal_the_networks_dense_layer_and_loss():
    spec = {"input_shape": [5], "layers": [{"type": "dense", "units": 3}]}
    net = Network.from_spec(spec, np.random.default_rng(0), dtype=np.float64)
    params = net.parameters()
    params["0.b"][...] = [0.1, -0.2, 0.3]
    rng = np.random.default_rng(1)
    x, labels = rng.standard_normal((4, 5)), np.array([0, 2, 1, 2])
    loss = net.loss(x, labels)
    grads = net.backward()

    affine, last = Affine(params["0.W"], params["0.b"]), SoftmaxWithLoss()
    value = last.forward(affine.forward(x), np.eye(3)[labels])      # one-hot targets, as in the book
    assert value == pytest.approx(loss, rel=1e-14)
    dscores = last.backward(1)
    np.testing.assert_allclose(dscores, (last.y - last.t) / 4, rtol=1e-14)
    affine.backward(dscores)
    np.testing.assert_allclose(affine.dW, grads["0.W"], rtol=1e-13)
    np.testing.assert_allclose(affine.db, grads["0.b"], rtol=1e-13)
    assert last.forward(affine.forward(x), labels) == pytest.approx(loss)   # labels work too
