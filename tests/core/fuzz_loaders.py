"""Fuzzing the loaders: malformed model, run, spec and IDX files, bombs included.

Every case is a seed file (``fuzz_files.make_seeds``) changed by a seeded mutator and fed to
the loader the app uses for it (``checkpoint.load_model`` and ``read_metadata``,
``checkpoint.load_run``, ``spec.load``, ``data.load_idx_folder``). A case passes when it
ends in the project's own error type (``CheckpointError``, ``SpecError``, ``DataError``)
with a message naming the file, or loads something valid in every field (``fuzz_oracle``).
It fails on any other exception, on a pickle that ran, on taking over 10 s, or on trying
to use over 1 GiB (cases run in worker processes whose address space is capped at their
size after start-up plus 1 GiB).

    python -m tests.core.fuzz_loaders --cases 4000 --seed 1      # prints the outcome table

``NUMNET_FUZZ_CASES`` sets the number of cases the test suite runs.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KINDS = ("model", "run", "spec", "idx")
DEFAULT_CASES = 20_000        # about half a minute on two idle cores, a minute when busy
TIMEOUT_S = 10
MEMORY_BYTES = 1 << 30
N_SPECIAL = 7


def default_cases() -> int:
    """``NUMNET_FUZZ_CASES`` from the environment, else DEFAULT_CASES."""
    return int(os.environ.get("NUMNET_FUZZ_CASES", DEFAULT_CASES))


class Hang(BaseException):
    """Raised by the alarm: a case took longer than TIMEOUT_S (not an Exception, so no loader
    can swallow it)."""


# -- making a case --------------------------------------------------------------------------
def make_case(i: int, seed: int, seeds: dict, work: Path, cache: Path) -> tuple[str, str, object]:
    """Case ``i``: (kind, mutation, path); the file is written under ``work``."""
    from tests.core import fuzz_files as ff
    rng = random.Random(f"{seed}-{i}")
    kind = KINDS[i % len(KINDS)]
    n = i // len(KINDS)              # the kind's own case number: the first ones are special
    if n < N_SPECIAL:
        path = ff.special_path(kind, work / "special", n)
        if kind == "idx" and n not in (1, 2, 5):   # a folder whose training images are that path
            folder = work / "idxs"
            ff.write_idx_folder(folder, False)
            target = folder / "train-images-idx3-ubyte"
            target.unlink()
            os.symlink(os.path.abspath(path), target) if n != 0 else os.mkfifo(target)
            path = folder
        return kind, f"special{n}", path
    if kind in ("model", "run"):
        if n < N_SPECIAL + 4:
            bombs = ff.bomb_archives(seeds[kind][0], cache)
            return kind, f"bomb{n - N_SPECIAL}", bombs[(n - N_SPECIAL) % len(bombs)]
        src = rng.choice(seeds[kind])
        out = work / f"case{i}.npz"
        how = ff.mutate_archive(rng, src, out, str(work / "PICKLE_RAN"))
        return kind, how, out
    if kind == "spec":
        return kind, *_spec_case(rng, seeds["spec"], work / f"case{i}.json")
    return kind, *_idx_case(rng, n, work / f"idx{i}", cache)


def _spec_case(rng: random.Random, seeds: list[Path], out: Path) -> tuple[str, Path]:
    from tests.core import fuzz_files as ff
    raw = rng.choice(seeds).read_bytes()
    op = rng.random()
    if op < 0.2:
        out.write_bytes(ff.mutate_bytes(rng, raw))
        return "bytes", out
    spec = json.loads(raw)
    if op < 0.75:
        spec = ff.mutate_json(rng, spec)
        how = "json"
    else:                            # valid-looking but big: many or wide layers, large inputs
        how = "big"
        layers = spec["layers"]
        for cfg in layers:
            for key in ("units", "filters"):
                if key in cfg and rng.random() < 0.7:
                    cfg[key] = rng.choice([1000, 4096, 20_000, 65_536, 2**31])
        if rng.random() < 0.4:
            spec["input_shape"] = rng.choice([[1, 4096, 4096], [3, 1000, 1000], [10**6], [65_536],
                                              [1, 28, 28], [10**30]])
        if rng.random() < 0.3:
            layers[:-1] = layers[:-1] * rng.choice([10, 200, 5000])
    out.write_bytes(ff.meta_text(spec).encode("utf-8", "surrogatepass"))
    return how, out


def _idx_case(rng: random.Random, n: int, folder: Path, cache: Path) -> tuple[str, Path]:
    import numpy as np

    from tests.core import fuzz_files as ff
    arrays = ff.idx_arrays(np_rng(rng))
    files = {k: ff.idx_bytes(a) for k, a in arrays.items()}
    gz = rng.random() < 0.5
    name = rng.choice(list(files))
    if n < N_SPECIAL + 3:            # gzip bombs: a huge declared set, trailing data, a lie
        which = n - N_SPECIAL
        big = (ff.BOMB_BYTES - 16) // 36             # 6×6 images: 1.5 GiB in all
        n_images = [big, 30, 5][which]
        image_header = ff.idx_bytes(arrays["train-images-idx3-ubyte"][:0], (n_images, 6, 6))
        bomb = cache / f"idx_bomb{which}.gz"
        if not bomb.exists():
            header = [image_header, files["train-images-idx3-ubyte"], image_header][which]
            ff.gzip_bomb(bomb, header, 16 + 36 * big if which == 0 else ff.BOMB_BYTES)
        labels = cache / f"idx_bomb{which}_labels.gz"
        if not labels.exists():                      # as many labels: only the size is wrong
            ff.gzip_bomb(labels, ff.idx_bytes(np.zeros(0, np.uint8), (n_images,)), 8 + n_images)
        ff.write_idx_folder(folder, False, files)
        for name in ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"):
            (folder / name).unlink()
        shutil.copy(bomb, folder / "train-images-idx3-ubyte.gz")
        shutil.copy(labels, folder / "train-labels-idx1-ubyte.gz")
        return f"gzbomb{which}", folder
    op = rng.randrange(9)
    how = ["bytes", "dims", "labels", "empty", "zero_size", "type", "count", "missing", "both"][op]
    if op == 0:
        files[name] = ff.mutate_bytes(rng, files[name])
    elif op == 1:
        a = arrays[name]
        dims = tuple(rng.choice([0, 1, d, d + 1, 2**31, 2**32 - 1, 65_536]) for d in a.shape)
        files[name] = ff.idx_bytes(a, dims)
    elif op == 2:
        key = rng.choice(["train-labels-idx1-ubyte", "t10k-labels-idx1-ubyte"])
        y = arrays[key].copy()
        y[rng.randrange(len(y))] = rng.choice([9, 10, 99, 100, 101, 200, 255])
        files[key] = ff.idx_bytes(y)
    elif op == 3:
        split = rng.choice(["train", "t10k"])
        for key in (f"{split}-images-idx3-ubyte", f"{split}-labels-idx1-ubyte"):
            files[key] = ff.idx_bytes(arrays[key][:0])
    elif op == 4:
        for key in ("train-images-idx3-ubyte", "t10k-images-idx3-ubyte"):
            n_img = len(arrays[key])
            files[key] = ff.idx_bytes(arrays[key].reshape(-1)[:0], (n_img, 0, 0))
    elif op == 5:
        files[name] = ff.idx_bytes(arrays[name].astype(">f4"), code=0x0D)
    elif op == 6:
        files[name] = ff.idx_bytes(arrays[name][:-1])
    ff.write_idx_folder(folder, gz, files)
    if op == 7:
        next(folder.glob(name + "*")).unlink()
    if op == 8:                      # both spellings present, different contents
        ff.write_idx_folder(folder, not gz, {name: ff.idx_bytes(arrays[name][:-1])})
    return how, folder


def np_rng(rng: random.Random):
    import numpy as np
    return np.random.default_rng(rng.randrange(2**32))


# -- running a case -------------------------------------------------------------------------
def _has_errors_module() -> bool:
    """Whether the ``core`` being fuzzed has ``core.errors`` (asked of its folder: an editable
    install could otherwise supply the module from another checkout)."""
    import core
    return (Path(core.__file__).parent / "errors.py").exists()


def own_errors() -> tuple[type, ...]:
    if _has_errors_module():
        from core import errors
        return (errors.CheckpointError, errors.SpecError, errors.DataError)
    from core import checkpoint, spec  # before core.errors existed
    return (checkpoint.CheckpointError, spec.SpecError)


def kind_error(kind: str) -> type | None:
    """The one error type a kind of file ends in (None before core.errors existed)."""
    if not _has_errors_module():
        return None
    from core import errors
    return {"model": errors.CheckpointError, "run": errors.CheckpointError,
            "spec": errors.SpecError, "idx": errors.DataError}[kind]


def load(kind: str, path) -> object:
    from core import checkpoint, data
    from core import spec as spec_mod
    if kind == "model":
        net = checkpoint.load_model(path)
        return net, checkpoint.read_metadata(path)
    if kind == "run":
        from tests.core import fuzz_files as ff
        return checkpoint.load_run(path, ff.dataset())
    if kind == "spec":
        if hasattr(spec_mod, "load"):
            return spec_mod.load(path)
        with open(path, encoding="utf-8") as f:        # what the app did before spec.load
            return spec_mod.parse(f.read(), source=str(path))
    return data.load_idx_folder(path)


def _chain(e: BaseException):
    while e is not None:
        yield e
        e = e.__cause__ or e.__context__


def classify(kind: str, path, work: Path, loader=None) -> tuple[str, str]:
    """(outcome, detail) of loading ``path`` (with ``loader(kind, path)``, by default
    :func:`load`) and checking what was loaded."""
    from tests.core import fuzz_oracle
    marker = work / "PICKLE_RAN"
    name = os.path.basename(os.fspath(path)).split("\0")[0]
    signal.alarm(TIMEOUT_S)
    try:
        try:
            loaded = (loader or load)(kind, path)
        except BaseException as e:
            chain = list(_chain(e))
            if any(isinstance(c, Hang) for c in chain):
                return "hang", ""
            if any(isinstance(c, MemoryError) for c in chain):
                return "memory", f"{type(e).__name__}: {str(e)[:150]}"
            if isinstance(e, own_errors()):
                text = str(e)
                expected = kind_error(kind)
                if expected is not None and not isinstance(e, expected):
                    return f"own error, but {type(e).__name__}", text[:200]
                if not text.strip():
                    return "own error, empty message", ""
                if name not in text:
                    return "own error, file not named", text[:200]
                return "own error", text[:200]
            if isinstance(e, ValueError):
                return "ValueError, not own type", f"{type(e).__name__}: {str(e)[:200]}"
            return f"raw {type(e).__name__}", str(e)[:200]
        try:
            problem = fuzz_oracle.check(kind, loaded)
        except BaseException as e:
            chain = list(_chain(e))
            if any(isinstance(c, Hang) for c in chain):
                return "hang", "while using what was loaded"
            if any(isinstance(c, MemoryError) for c in chain):
                return "memory", f"using what was loaded: {type(e).__name__}"
            problem = f"using it raised {type(e).__name__}: {str(e)[:150]}"
        return ("loaded, INVALID", problem) if problem else ("loaded, valid", "")
    finally:
        signal.alarm(0)
        if marker.exists():
            marker.unlink()
            return "PICKLE RAN", ""       # noqa: B012 - this outcome overrides every other


def _on_alarm(_sig, _frame):
    raise Hang()


def worker(seed: int, start: int, stop: int, base: Path) -> None:
    """Run cases start..stop-1, one JSON line each, in this (memory-capped) process."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    import numpy as np
    np.seterr(all="ignore")
    from tests.core import fuzz_files as ff
    seeds = ff.make_seeds(base / "seeds")
    cache = base / "cache"
    cache.mkdir(exist_ok=True)
    with open("/proc/self/status") as f:
        vm = next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmSize:"))
    resource.setrlimit(resource.RLIMIT_AS, (vm + MEMORY_BYTES, resource.RLIM_INFINITY))
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    signal.signal(signal.SIGALRM, _on_alarm)
    for i in range(start, stop):
        work = base / f"w{i}"
        work.mkdir()
        t0 = time.perf_counter()
        try:
            kind, how, path = make_case(i, seed, seeds, work, cache)
        except Exception as e:           # the fuzzer's own bug: shown, never hidden
            print(json.dumps({"i": i, "kind": KINDS[i % len(KINDS)], "how": "?", "seconds": 0,
                              "outcome": "harness error", "detail": f"{type(e).__name__}: {e}"}))
            continue
        outcome, detail = classify(kind, path, work)
        row = {"i": i, "kind": kind, "how": how, "outcome": outcome, "detail": detail,
               "seconds": round(time.perf_counter() - t0, 3)}
        print(json.dumps(row), flush=True)
        shutil.rmtree(work, ignore_errors=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"peak_rss": peak, "baseline_rss": baseline, "baseline_vm": vm}), flush=True)


# -- the parent -----------------------------------------------------------------------------
def run(n_cases: int, seed: int = 0, workers: int = 2) -> tuple[list[dict], list[dict]]:
    """Run ``n_cases`` in ``workers`` processes; a case that kills its worker is recorded as
    ``crash`` and the worker restarted after it. Returns (case rows, worker summaries)."""
    rows: list[dict] = []
    summaries: list[dict] = []
    bounds = [(k * n_cases // workers, (k + 1) * n_cases // workers) for k in range(workers)]
    with tempfile.TemporaryDirectory(prefix="numnet-fuzz-") as tmp:
        pending = {}
        for k, (a, b) in enumerate(bounds):
            if a < b:
                pending[k] = (a, b)
        while pending:
            procs = {k: _spawn(seed, a, b, Path(tmp) / f"p{k}_{a}") for k, (a, b) in pending.items()}
            pending = {}
            for k, p in procs.items():
                out, err = p.communicate()
                done = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
                cases = [r for r in done if "i" in r]
                rows += cases
                summaries += [r for r in done if "peak_rss" in r]
                a, b = p.args_range
                last = max((r["i"] for r in cases), default=a - 1)
                if p.returncode != 0 and last + 1 < b:
                    rows.append({"i": last + 1, "kind": KINDS[(last + 1) % len(KINDS)], "how": "?",
                                 "outcome": "crash", "detail": err.strip().splitlines()[-1:],
                                 "seconds": 0})
                    if last + 2 < b:
                        pending[k] = (last + 2, b)
    return sorted(rows, key=lambda r: r["i"]), summaries


def _spawn(seed: int, a: int, b: int, base: Path) -> subprocess.Popen:
    base.mkdir(parents=True)
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", PYTHONPATH=str(ROOT))
    p = subprocess.Popen([sys.executable, "-m", "tests.core.fuzz_loaders", "--worker",
                          "--seed", str(seed), "--start", str(a), "--stop", str(b), "--dir", str(base)],
                         cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    p.args_range = (a, b)
    return p


GOOD = ("own error", "loaded, valid")


def table(rows: list[dict]) -> str:
    """Outcomes per file kind, as a Markdown table."""
    counts = Counter((r["kind"], r["outcome"]) for r in rows)
    outcomes = sorted({o for _, o in counts}, key=lambda o: (o not in GOOD, o))
    lines = ["| outcome | " + " | ".join(KINDS) + " | all |", "|---" * (len(KINDS) + 2) + "|"]
    for o in outcomes:
        cells = [counts.get((k, o), 0) for k in KINDS]
        lines.append(f"| {o} | " + " | ".join(map(str, cells)) + f" | {sum(cells)} |")
    totals = [sum(v for (k, _), v in counts.items() if k == kind) for kind in KINDS]
    lines.append("| **cases** | " + " | ".join(map(str, totals)) + f" | {sum(totals)} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=default_cases())
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--worker", action="store_true")
    ap.add_argument("--start", type=int)
    ap.add_argument("--stop", type=int)
    ap.add_argument("--dir", type=Path)
    ap.add_argument("--show", type=int, default=3, help="examples shown per bad outcome")
    ap.add_argument("--jsonl", type=Path, help="write every case's row here")
    args = ap.parse_args(argv)
    if args.worker:
        worker(args.seed, args.start, args.stop, args.dir)
        return 0
    t0 = time.perf_counter()
    rows, summaries = run(args.cases, args.seed, args.workers)
    print(table(rows))
    peak = max((s["peak_rss"] for s in summaries), default=0)
    slow = max(rows, key=lambda r: r["seconds"], default=None)
    print(f"\n{len(rows)} cases in {time.perf_counter() - t0:.1f} s; peak RSS of a worker "
          f"{peak / 2**20:.0f} MiB; slowest case {slow and slow['seconds']} s ({slow and slow['how']})")
    shown = Counter()
    for r in rows:
        key = (r["kind"], r["outcome"])
        if r["outcome"] not in GOOD and shown[key] < args.show:
            shown[key] += 1
            print(f"  [{r['kind']} #{r['i']} {r['how']}] {r['outcome']}: {r['detail']}")
    if args.jsonl:
        args.jsonl.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
