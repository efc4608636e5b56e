"""Messages to and from the training process (``core.wire``) and a trainer's whole state as one
message (``core.trainer_transfer``): exact round trips, and nothing but plain data accepted."""
import json
import multiprocessing

import numpy as np
import pytest

from core import Network, Trainer, data, presets, trainer_transfer, wire
from core.trainer import Config, Step


@pytest.fixture
def pipe():
    a, b = multiprocessing.Pipe()
    yield a, b
    a.close()
    b.close()


def test_round_trip_of_nested_values_and_arrays(pipe):
    a, b = pipe
    body = {"x": np.arange(12, dtype=np.float32).reshape(3, 4), "n": np.int64(7),
            "list": [1, 2.5, None, "s", True, (np.zeros(0, np.uint8), np.array([True, False]))],
            "nan": float("nan"), "nested": {"y": np.array([[1, 2]], dtype=np.int16)}}
    wire.send(a, "k", body)
    kind, got = wire.recv(b)
    assert kind == "k" and got["n"] == 7 and isinstance(got["n"], int)
    np.testing.assert_array_equal(got["x"], body["x"])
    assert got["x"].dtype == np.float32 and got["x"].flags.writeable
    assert got["list"][:5] == [1, 2.5, None, "s", True] and np.isnan(got["nan"])
    empty, flags = got["list"][5]                       # a tuple arrives as a list
    assert empty.shape == (0,) and empty.dtype == np.uint8 and flags.tolist() == [True, False]
    assert got["nested"]["y"].dtype == np.int16 and got["nested"]["y"].tolist() == [[1, 2]]


def test_only_plain_data_can_be_sent(pipe):
    a, _ = pipe
    with pytest.raises(TypeError, match="dtype object"):
        wire.send(a, "k", np.array([object()]))
    with pytest.raises(TypeError, match="keys must be strings"):
        wire.send(a, "k", {1: 2})
    with pytest.raises(TypeError, match="cannot send a set"):
        wire.send(a, "k", {"s": {1}})


@pytest.mark.parametrize("spec", [["|O", [1]], ["<V8", [1]], ["nonsense", [1]], ["<f4", [-1]],
                                  ["<f4", "3"], ["<f4", [1.5]]])
def test_a_bad_array_description_is_refused_before_any_array_is_built(pipe, spec):
    a, b = pipe
    a.send_bytes(json.dumps({"kind": "k", "body": {"__array__": 0}, "arrays": [spec]}).encode())
    a.send_bytes(b"\0" * 8)
    with pytest.raises(wire.WireError):
        wire.recv(b)


def test_a_wrong_byte_count_or_reference_is_refused(pipe):
    a, b = pipe
    a.send_bytes(json.dumps({"kind": "k", "body": None, "arrays": [["<f4", [2]]]}).encode())
    a.send_bytes(b"\0" * 4)
    with pytest.raises(wire.WireError, match="8 bytes arrived with 4"):
        wire.recv(b)
    a.send_bytes(json.dumps({"kind": "k", "body": {"__array__": 3}, "arrays": []}).encode())
    with pytest.raises(wire.WireError, match="array reference"):
        wire.recv(b)
    a.send_bytes(b"not json")
    with pytest.raises(wire.WireError, match="header"):
        wire.recv(b)


def _trainer(epochs=3):
    ds = data.make_toy("moons", n=400, rng=np.random.default_rng(0))
    net = Network.from_spec(presets.get("toy"), rng=np.random.default_rng(0))
    return Trainer(net, ds, Config(epochs=epochs, batch_size=16, optimizer="adam", lr=0.01))


def test_a_trainer_sent_over_the_wire_continues_exactly_like_the_original(pipe):
    a, b = pipe
    t = _trainer()
    gen = t.run()
    for ev in gen:                                      # into the second epoch, mid-way
        if isinstance(ev, Step) and ev.epoch == 2 and ev.epoch_progress > 0.4:
            break
    gen.close()
    t.apply_setting("lr", 0.003)
    wire.send(a, "start", trainer_transfer.pack_run(t))
    _, run = wire.recv(b)
    copy = trainer_transfer.build_trainer(run["spec"], run["dtype"],
                                          trainer_transfer.unpack_dataset(run["data"]), run["state"])
    assert copy.net is not t.net and (copy.step, copy.epoch, copy.best_epoch) == (t.step, t.epoch, 1)
    assert copy.best_val_loss == t.best_val_loss and copy._first_loss == t._first_loss
    rest = [[e.loss for e in tr.run() if isinstance(e, Step)] for tr in (t, copy)]
    assert rest[0] == rest[1] and len(rest[0]) > 0
    np.testing.assert_array_equal(copy.net.flat_params, t.net.flat_params)
    assert copy.history.marks == t.history.marks


def test_the_state_that_comes_back_is_applied_to_the_apps_trainer(pipe):
    a, b = pipe
    app, child = _trainer(epochs=2), _trainer(epochs=2)
    for _ in child.run():
        pass
    wire.send(a, "state", trainer_transfer.pack_state(child))
    _, state = wire.recv(b)
    trainer_transfer.apply_state(app, state)
    np.testing.assert_array_equal(app.net.flat_params, child.net.flat_params)
    assert (app.step, app.epochs_done, app.finished) == (child.step, 2, True)
    assert app.best_epoch == child.best_epoch and app.optimizer.t == child.optimizer.t
    assert len(app.history.epochs) == 2
    assert app.restore_best() == child.best_epoch        # the best weights came back too
