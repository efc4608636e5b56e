"""Issue 13's acceptance: fuzzing every loader with malformed files, bombs included.

The fuzz run itself takes about a minute (``NUMNET_FUZZ_CASES`` runs more, e.g. 100000;
``NUMNET_FUZZ_SEED`` picks other cases); the small tests check that the harness can fail:
its bombs really declare gigabytes, and its classifier calls a raw exception, a memory
error hidden behind our own error type, an unnamed file and an invalid load what they are.
"""
from __future__ import annotations

import gzip
import os
import zipfile
from pathlib import Path

import numpy as np

from core.errors import CheckpointError, SpecError
from tests.core import fuzz_files as ff
from tests.core import fuzz_loaders as fl


def test_every_malformed_file_ends_in_a_clear_error_or_a_valid_load():
    n = fl.default_cases()
    rows, workers = fl.run(n, seed=int(os.environ.get("NUMNET_FUZZ_SEED", 0)))
    assert len(rows) == n
    bad = [r for r in rows if r["outcome"] not in fl.GOOD]
    examples = "\n".join(f"  [{r['kind']} #{r['i']} {r['how']}] {r['outcome']}: {r['detail']}"
                         for r in bad[:20])
    assert not bad, f"\n{fl.table(rows)}\n{examples}"
    for kind in fl.KINDS:          # the mutators reach both outcomes for every kind of file
        outcomes = {r["outcome"] for r in rows if r["kind"] == kind}
        assert outcomes == set(fl.GOOD), (kind, outcomes)
    hows = {r["how"] for r in rows}
    assert {"special0", "bomb0", "bomb1", "bomb2", "gzbomb0", "gzbomb1", "pickle"} <= hows
    assert max(r["seconds"] for r in rows) < fl.TIMEOUT_S
    assert workers and all(w["peak_rss"] - w["baseline_rss"] < fl.MEMORY_BYTES for w in workers)


def test_the_bombs_declare_gigabytes_in_a_few_megabytes(tmp_path):
    seed = ff.make_seeds(tmp_path / "seeds")["model"][0]
    for bomb in ff.bomb_archives(seed, tmp_path):
        assert bomb.stat().st_size < 16 << 20
        with zipfile.ZipFile(bomb) as z:
            assert z.testzip() is None                          # well-formed, CRCs right
            assert max(i.file_size for i in z.infolist()) >= ff.BOMB_BYTES
    gz = tmp_path / "bomb.gz"
    ff.gzip_bomb(gz, b"HEAD", 3 * ff.BLOCK + 5)
    assert gzip.decompress(gz.read_bytes()) == b"HEAD" + bytes(3 * ff.BLOCK + 1)


def _raising(exc: BaseException):
    def loader(kind, path):
        raise exc
    return loader


def test_the_classifier_names_what_went_wrong(tmp_path):
    path = tmp_path / "model.npz"
    hidden = CheckpointError(path, "unreadable")
    hidden.__context__ = MemoryError("Unable to allocate 3 GiB")
    cases = [
        (RecursionError("deep"), "raw RecursionError"),
        (ValueError("embedded null byte"), "ValueError, not own type"),
        (hidden, "memory"),
        (CheckpointError(None, "units must be a whole number"), "own error, file not named"),
        (SpecError("units must be a whole number", path=path), "own error, but SpecError"),
        (CheckpointError(path, "no such file"), "own error"),
        (fl.Hang(), "hang"),
    ]
    for exc, outcome in cases:
        assert fl.classify("model", path, tmp_path, _raising(exc))[0] == outcome, exc


def test_the_oracle_catches_an_invalid_load(tmp_path):
    from core.network import Network
    net = Network.from_spec(ff.MODEL_SPECS[0], rng=np.random.default_rng(0))
    assert fl.classify("model", "m.npz", tmp_path, lambda k, p: (net, {}))[0] == "loaded, valid"
    net.buffers()["1.running_var"][0] = -1.0
    outcome, detail = fl.classify("model", "m.npz", tmp_path, lambda k, p: (net, {}))
    assert (outcome, detail) == ("loaded, INVALID", "1.running_var negative")


def test_a_pickle_that_ran_is_reported(tmp_path):
    def loader(kind, path):
        (tmp_path / "PICKLE_RAN").write_text("")
        raise CheckpointError(path, "object array")
    assert fl.classify("model", Path("x.npz"), tmp_path, loader)[0] == "PICKLE RAN"
