"""The training process's loop (core.training_loop) in this process, on a connection that
records what it sends: epochs travel with the steps' flush, and the loop counts its time."""
import numpy as np

from core import Network, Trainer, data, presets, training_loop, wire
from core.trainer import Config


class RecordingConn:
    """What TrainingLoop needs of a connection: sends are kept, no control ever arrives."""

    def __init__(self):
        self.chunks: list[bytes] = []

    def send_bytes(self, b) -> None:
        self.chunks.append(bytes(b))

    def poll(self, timeout=0.0) -> bool:
        return False

    # reading back what was sent (wire.recv)
    def recv_bytes(self, maxlength=None) -> bytes:
        return self.chunks.pop(0)

    def recv_bytes_into(self, buf) -> int:
        chunk = self.chunks.pop(0)
        buf[:len(chunk)] = chunk
        return len(chunk)

    def messages(self) -> list:
        out = []
        while self.chunks:
            out.append(wire.recv(self))
        return out


def _trainer(epochs: int) -> Trainer:
    ds = data.make_toy("moons", n=200, rng=np.random.default_rng(0))
    net = Network.from_spec(presets.get("toy"), rng=np.random.default_rng(0))
    return Trainer(net, ds, Config(epochs=epochs, batch_size=16, lr=0.05, max_eval=50))


def test_epochs_arrive_after_their_steps_in_few_messages():
    conn = RecordingConn()
    tr = _trainer(epochs=20)
    loop = training_loop.TrainingLoop(conn, tr)
    assert loop.run() == "completed"
    messages = conn.messages()
    kinds = [k for k, _ in messages]
    assert "epoch" not in kinds and kinds.count("epochs") < 20     # batched, not one per epoch
    steps_seen, epochs = 0, []
    for kind, body in messages:
        if kind == "steps":
            assert body["step"][0] == steps_seen + 1                # every step once, in order
            steps_seen = int(body["step"][-1])
        elif kind == "epochs":
            assert all(e["step"] <= steps_seen for e in body)       # its steps came first
            epochs += body
    assert steps_seen == tr.step
    assert [e["epoch"] for e in epochs] == list(range(1, 21))


def test_the_loop_counts_where_its_time_goes():
    conn = RecordingConn()
    tr = _trainer(epochs=2)
    loop = training_loop.TrainingLoop(conn, tr)
    loop._control("snapshot", None)
    loop.run()
    t = loop.timing
    assert t.steps == tr.step and t.snapshot_n == 1
    assert t.send_n == len(conn.messages()) and t.send_bytes > 0
    assert 0 < t.train_s and t.send_s > 0
    d = t.as_dict()
    assert d["cpu_s"] > 0 and d["wall_s"] > 0
