"""The gradient check (梯度确认) of whole networks: every preset passes in float64, a layer broken
on purpose fails alone, kinks are recognised, and ``python -m core gradcheck`` reports it all."""
import json

import numpy as np
import pytest

from core import Network, cli, optimizers, presets, toy_data
from core.gradcheck import TOLERANCE, check_network, check_snapshot, failed_layers, float64_network


def _fresh(key, seed=0):
    spec = presets.get(key)
    spec.pop("name")
    return Network.from_spec(spec, np.random.default_rng(seed))


def _batch(key, mnist, start=0, m=4):
    if key == "toy":
        return toy_data.load("xor", 0).gather("train", np.arange(start, start + m))
    return mnist.gather("train", np.arange(start, start + m))


def _assert_pass(rows):
    for r in rows:
        assert r.ok, (r.name, r.rel_error)
        if r.checked:
            assert r.rel_error < TOLERANCE and r.max_rel_error < 1e-4, r


@pytest.mark.parametrize("key", list(presets.PRESETS))
def test_every_preset_passes_as_built(mnist, key):
    net = _fresh(key)
    x, y = _batch(key, mnist)
    rows = check_snapshot(net.spec, net.snapshot(), x, y, max_entries=20)
    assert [r.name for r in rows] == list(net.parameters())
    _assert_pass(rows)
    convolutional = any(layer.kind == "conv2d" for layer in net.layers)
    for r in rows:
        if not convolutional:
            assert r.checked > 0 and r.at_kink == 0, r
        elif not (net.layers[r.layer].kind == "conv2d" and r.name.endswith(".b")):
            # ties in max pooling (straight strokes make equal patches) are left out too
            assert r.checked >= r.at_kink, r


@pytest.mark.parametrize("key", ["cnn", "simple_conv_net", "mlp"])
def test_every_row_is_compared_once_the_network_has_trained(mnist, key):
    """A fresh convolution's biases are 0, so on blank patches of an MNIST image z = b = 0
    exactly: the ReLU's kink, where ±h gives two different slopes. After a few steps the
    biases have moved and every parameter is compared."""
    net = _fresh(key)
    opt = optimizers.Adam(lr=0.001)
    for s in range(5):
        x, y = mnist.gather("train", np.arange(100 + 32 * s, 132 + 32 * s))
        net.loss(x, y)
        opt.update(net.parameters(), net.backward())
    rows = check_snapshot(net.spec, net.snapshot(), *_batch(key, mnist, 1000), max_entries=20)
    _assert_pass(rows)
    assert all(r.checked >= r.at_kink and r.checked > 0 for r in rows)


def test_fresh_convolution_biases_sit_on_the_kink(mnist):
    net = _fresh("cnn")
    rows = {r.name: r for r in check_snapshot(net.spec, net.snapshot(), *_batch("cnn", mnist))}
    assert rows["0.b"].at_kink == 16 and rows["0.b"].checked == 0 and rows["0.b"].ok
    # without leaving them out, the central difference would measure half of the one-sided jump
    f64 = float64_network(net.spec, net.snapshot())
    x, y = _batch("cnn", mnist)
    f64.loss(x, y)
    analytic = f64.backward()["0.b"][0]
    b = f64.parameters()["0.b"]
    b[0] = 1e-5
    up = f64.loss(x, y)
    b[0] = -1e-5
    down = f64.loss(x, y)
    assert abs((up - down) / 2e-5 - analytic) > 1e-4 * abs(analytic)


def test_kink_recognised_in_a_tiny_dense_net():
    spec = {"input_shape": [2], "layers": [{"type": "dense", "units": 2, "activation": "relu"},
                                           {"type": "dense", "units": 2}]}
    net = Network.from_spec(spec, np.random.default_rng(0), dtype=np.float64)
    x = np.array([[0.0, 0.0], [1.0, -0.5]])        # the first sample gives z = b = 0 exactly
    rows = {r.name: r for r in check_network(net, x, np.array([0, 1]))}
    assert rows["0.b"].at_kink == 2 and rows["0.W"].at_kink == 0
    net.parameters()["0.b"][...] = 0.3
    rows = {r.name: r for r in check_network(net, x, np.array([0, 1]))}
    assert all(r.at_kink == 0 and r.ok for r in rows.values())


@pytest.mark.parametrize("key,layer", [("mlp", 1), ("mlp", 0), ("deep", 3), ("cnn", 2)])
def test_a_layer_broken_on_purpose_fails_alone(mnist, key, layer):
    net = _fresh(key)
    x, y = _batch(key, mnist)
    rows = check_snapshot(net.spec, net.snapshot(), x, y, max_entries=10, break_layer=layer, factor=0.9)
    assert failed_layers(rows) == [layer]
    for r in rows:
        if r.layer == layer and r.checked:
            # a and n = a / 0.9 apart: ‖a − n‖ / (‖a‖ + ‖n‖) = 0.1 / 1.9
            assert r.rel_error == pytest.approx(0.1 / 1.9, rel=1e-4)
    # the check leaves the network's backward as it was
    f64 = float64_network(net.spec, net.snapshot())
    assert "backward" not in vars(f64.layers[layer])


def test_only_a_layer_with_parameters_can_be_broken(mnist):
    net = _fresh("cnn")
    x, y = _batch("cnn", mnist, m=2)
    with pytest.raises(ValueError, match="no parameters"):
        check_snapshot(net.spec, net.snapshot(), x, y, break_layer=1)         # max pooling
    with pytest.raises(ValueError, match="no layer 9"):
        check_snapshot(net.spec, net.snapshot(), x, y, break_layer=9)


def test_cli_prints_the_table_and_exits_0(capsys):
    assert cli.main(["gradcheck", "--preset", "mlp"]) == 0
    out = capsys.readouterr().out
    for name, shape in (("0.W", "(784, 100)"), ("0.b", "(100,)"), ("1.W", "(100, 10)"), ("1.b", "(10,)")):
        line = next(line for line in out.splitlines() if line.startswith(name + " "))
        assert shape in line and line.endswith("pass")
        assert float(line.split()[-2]) < 1e-6          # the relative error column
    assert "(L(w + h) − L(w − h)) / 2h" in out and "all 4 parameters pass" in out


def test_cli_exits_1_when_a_check_fails(capsys):
    assert cli.main(["gradcheck", "--preset", "mlp", "--break-layer", "1"]) == 1
    out = capsys.readouterr().out
    assert "FAILED: 1.W, 1.b" in out
    assert cli.main(["gradcheck", "--preset", "toy", "--json", "--break-layer", "0"]) == 1
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["ok"] for r in rows] == [False, False, True, True, True, True]


def test_cli_refuses_bad_input(capsys, tmp_path):
    assert cli.main(["gradcheck", "--preset", "mlp", "--break-layer", "5"]) == 2
    assert "from 0 to 1" in capsys.readouterr().err
    assert cli.main(["gradcheck", "--preset", "toy", "--data", "mnist"]) == 2
    assert "expects (2,)" in capsys.readouterr().err
    bad = tmp_path / "net.json"
    bad.write_text("{", encoding="utf-8")
    assert cli.main(["gradcheck", "--spec", str(bad)]) == 2
    with pytest.raises(SystemExit) as e:
        cli.main(["gradcheck", "--batch", "0"])
    assert e.value.code == 2
    assert "at least 1" in capsys.readouterr().err


def test_cli_checks_a_saved_model_and_random_data(capsys, tmp_path):
    from core import checkpoint
    net = _fresh("toy", seed=3)
    path = tmp_path / "toy.npz"
    checkpoint.save_model(net, path)
    assert cli.main(["gradcheck", "--model", str(path), "--data", "random", "--batch", "3"]) == 0
    out = capsys.readouterr().out
    assert "3 random samples" in out and "all 6 parameters pass" in out
