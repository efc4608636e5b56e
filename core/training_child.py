"""The training process: what the app starts (``multiprocessing``, spawn) to train a run
outside its own interpreter, so that drawing and training never wait for each other's lock.

``main(conn, parent_pid)`` sets one BLAS thread, reads the run (``start``: network, data,
trainer state, whether it starts paused, slow motion; ``core.trainer_transfer``),
says ``ready`` (with the seconds it took to build the trainer), runs
``core.training_loop.TrainingLoop`` and sends the trainer's full state back (``state``),
then ``finished`` with the reason. An error sends ``error`` with its traceback first (and
``finished("error")``). If the app goes away (the connection's end, or another parent
process) the process ends at once: it never outlives the app.
"""
from __future__ import annotations

import os
import time

ENV_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
SEND_BUFFER = 4 << 20     # bytes: a snapshot goes out at once (the system may allow less)


def _large_send_buffer(conn) -> None:
    """Let a weight snapshot (hundreds of KB) go into the socket in one write instead of
    waiting, 200 KB at a time, for the app's receiving thread (which shares the app's
    interpreter lock with drawing)."""
    import socket
    try:
        sock = socket.socket(fileno=os.dup(conn.fileno()))
    except OSError:                       # not a socket: nothing to set
        return
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, SEND_BUFFER)
    except OSError:
        pass
    finally:
        sock.close()


def main(conn, parent_pid: int) -> None:
    for name in ENV_THREADS:              # before NumPy loads its BLAS
        os.environ[name] = "1"
    from . import threads, trainer_transfer, training_loop, wire
    threads.set_blas_threads(1)
    _large_send_buffer(conn)
    reason = "error"
    try:
        try:
            kind, run = wire.recv(conn)
            if kind != "start":
                raise wire.WireError(f"expected the run, got {kind!r}")
            t0 = time.perf_counter()
            trainer = trainer_transfer.build_trainer(
                run["spec"], run["dtype"], trainer_transfer.unpack_dataset(run["data"]), run["state"])
            wire.send(conn, "ready", {"build_s": time.perf_counter() - t0})
            loop = training_loop.TrainingLoop(
                conn, trainer, paused=bool(run["paused"]),
                delay_s=float(run["delay_ms"]) / 1000.0, parent_pid=parent_pid)
            reason = loop.run()
            loop.send("state", trainer_transfer.pack_state(trainer))
        except training_loop.Gone:
            os._exit(0)
        except (EOFError, OSError):
            os._exit(0)
        except Exception as e:                          # reported to the app
            wire.send(conn, "error", training_loop.error_text(e))
            reason = "error"
        wire.send(conn, "finished", reason)
    except (BrokenPipeError, EOFError, OSError):
        os._exit(0)
    conn.close()
