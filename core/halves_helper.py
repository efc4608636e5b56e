"""The helper process of ``process_halves``: it trains the second half of every batch.

Started by the parent as ``python -m core.halves_helper SOCKET_FD MEMORY_FD SIZE PARENT_PID``
with one BLAS thread (also in its environment, before NumPy loads its BLAS). It reads the
network's description (JSON: spec, dtype, the block's sizes, each layer's ``need_dx`` and
``method``), builds the *twin* network from the same spec with its parameters and
gradients in the shared block (``halves_block``), and says ``R`` (ready). Then, for every
``S n`` (step, the half's size): forward and loss of the ``n`` samples in the block, its
scores into the block and ``F loss`` back; at once the backward pass into the block's
gradients and ``G``. ``Q`` or the end of the connection (the parent closed it or died) ends
it, and so does a parent that is no longer its parent (looked at every ``POLL_S``). Any error
is printed to stderr, answered with ``E`` and ends it. It ignores Ctrl-C (SIGINT): that is
for the parent to act on.
"""
from __future__ import annotations

import json
import os
import select
import signal
import socket
import sys

from .halves_block import THREAD_VARS, poll, send, unpack

POLL_S = 1.0


def build_twin(config: dict, buf):
    """The twin network, its parameters and gradients views into the shared block."""
    import numpy as np

    from .halves_block import Block
    from .network import Network
    twin = Network(config["spec"], rng=np.random.default_rng(0), dtype=np.dtype(config["dtype"]))
    block = Block(buf, twin.n_params, config["capacity"], config["per_sample"], config["n_classes"],
                  twin.dtype)
    if twin.n_params != config["n_params"]:
        raise ValueError(f"the twin has {twin.n_params} parameters, the parent {config['n_params']}")
    twin.flat_params, twin.flat_grads = block.params, block.grads
    offset = 0
    named = {}
    for name, p in twin._params.items():
        named[name] = (block.params[offset:offset + p.size].reshape(p.shape),
                       block.grads[offset:offset + p.size].reshape(p.shape))
        twin._params[name], twin._grads[name] = named[name]
        offset += p.size
    for i, (layer, how) in enumerate(zip(twin.layers, config["layers"], strict=True)):
        for k in layer.params:
            layer.params[k], layer.grads[k] = named[f"{i}.{k}"]
        layer.need_dx = bool(how["need_dx"])
        if how.get("method") is not None:
            layer.method = how["method"]
    return twin, block


def serve(sock: socket.socket, twin, block, parent_pid: int, spin_s: float = 0.0) -> None:
    """Answer steps until told to quit or the parent has gone. After each step the next ``S``
    is waited for busy (``halves_block.poll``) for ``spin_s`` seconds, then blocking."""
    shape = twin.input_shape
    spin = 0.0                  # nothing to wait for busy before the first step
    while True:
        msg = poll(sock, spin) if spin else None
        if msg is None:         # block: an idle helper uses no CPU
            spin = 0.0
            if not select.select([sock], [], [], POLL_S)[0]:
                if os.getppid() != parent_pid:
                    return
                continue
            msg = sock.recv(64)
        spin = spin_s
        if not msg:
            return
        cmd, n, _ = unpack(msg)
        if cmd != b"S":
            return
        block.scores[:n], loss = twin.part_loss(block.x[:n].reshape((n,) + shape), block.y[:n])
        send(sock, b"F", n, float(loss))
        twin.part_backward()
        send(sock, b"G", n)


def main(argv: list[str]) -> int:
    # Ctrl-C in a terminal reaches the whole process group: the parent decides what it means
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sock_fd, mem_fd, size, parent_pid = (int(v) for v in argv)
    for name in THREAD_VARS:
        os.environ[name] = "1"
    sock = socket.socket(fileno=sock_fd)
    try:
        from . import halves_block, threads
        threads.set_blas_threads(1)
        buf = halves_block.attach(mem_fd, size)
        msg = sock.recv(1 << 20)
        if not msg:
            return 0
        config = json.loads(msg.decode("utf-8"))
        twin, block = build_twin(config, buf)
        send(sock, b"R")
        serve(sock, twin, block, parent_pid, float(config.get("spin_s", 0.0)))
    except (ConnectionError, EOFError):
        return 0
    except Exception:       # noqa: BLE001 - told to the parent, which goes on without us
        import traceback
        traceback.print_exc()
        try:
            send(sock, b"E")
        except OSError:
            pass
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
