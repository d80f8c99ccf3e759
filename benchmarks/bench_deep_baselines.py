#!/usr/bin/env python3
"""Benchmark: what training each of the paper's deep baselines (E-LSTM, ECGRecover, EKGAN,
SSSD) costs at the book's recipe, on this machine. Each shipped recipe is trained twice from
the command line, for one epoch and for two (``nefnet train --recipe NAME --until-epoch N``);
the difference is one epoch, the rest is the set-up (simulating the records, building the
model), and the full training is estimated as set-up + epochs × one epoch. Prints figures and
writes them to ``recorded/bench_deep_baselines.json``; asserts nothing.

    .venv/bin/python benchmarks/bench_deep_baselines.py [--threads 2] [--only NAME ...]
        [--no-record]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def shipped() -> dict:
    """The shipped deep-baseline models: name → epochs of their recipe."""
    from nefnet.book.weights import manifest

    return {n: m["epochs"] for n, m in manifest().items() if n.startswith("deep-")}


def timed_train(name: str, epochs: int, threads: int) -> float:
    """Seconds of ``nefnet train --recipe name --until-epoch epochs`` in a fresh process."""
    env = dict(os.environ, OMP_NUM_THREADS=str(threads))
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "nefnet.cli", "train", "--recipe", name, "--quiet"]
        cmd += ["--until-epoch", str(epochs), "--out", str(Path(tmp) / "m.pt")]
        start = time.perf_counter()
        subprocess.run(cmd, check=True, env=env, capture_output=True, text=True)
        return time.perf_counter() - start


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--only", nargs="*", default=None, help="model names (default: all)")
    ap.add_argument("--no-record", action="store_true")
    args = ap.parse_args(argv)
    models = shipped()
    unknown = sorted(set(args.only or ()) - set(models))
    if unknown:
        ap.error(f"unknown deep-baseline model(s) {unknown}; shipped: {sorted(models)}")
    rows = []
    for name in args.only or sorted(models):
        one, two = (timed_train(name, n, args.threads) for n in (1, 2))
        epoch = max(two - one, 0.0)
        row = {
            "model": name,
            "epochs": models[name],
            "epoch_s": round(epoch, 1),
            "setup_s": round(one - epoch, 1),
            "estimated_training_min": round((one - epoch + models[name] * epoch) / 60, 1),
        }
        rows.append(row)
        print(row, flush=True)
    if not args.no_record:
        from nefnet.reproduce import recorded

        settings = {"threads": args.threads, "method": "two runs: until epoch 1 and 2"}
        print(f"wrote {recorded.write('bench_deep_baselines', {'models': rows}, settings)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
