#!/usr/bin/env python3
"""Benchmark: memory flat in dataset size. For each size N (default 200 and 5,000 records):
``nefnet simulate --format store`` streams N SimPanobench records to an on-disk store with
worker processes, then one Stage I training epoch (``book`` width, one crop per record) reads
them back from the store — each step in its own process, whose peak RSS is reported (the
simulation's worker processes too). Target: the peak RSS at 5,000 records within 15 % of that
at 200. Prints figures and writes them to ``recorded/bench_memory.json``; asserts nothing.

    .venv/bin/python benchmarks/bench_memory.py [--sizes 200 5000] [--workers 2] [--folder DIR]
        [--no-record]

Needs about 2.2 MB of disk per record (float32: 54 views × 5,000 samples, noisy and clean).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 1.15


def peak_mb(who=resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kB on Linux


def simulate(n, out, workers) -> dict:
    from nefnet.cli import main

    start = time.perf_counter()
    argv = ["simulate", "--n", str(n), "--out", str(out), "--format", "store", "--quiet"]
    code = main([*argv, "--workers", str(workers), "--seed", "100"])
    if code:
        raise SystemExit(f"nefnet simulate failed with {code}")
    disk = sum(p.stat().st_size for p in Path(out).glob("shard-*.bin"))
    return {
        "seconds": round(time.perf_counter() - start, 1),
        "records_per_s": round(n / (time.perf_counter() - start), 1),
        "disk_gb": round(disk / 1e9, 2),
        "peak_rss_mb": round(peak_mb(), 1),
        "peak_rss_mb_workers": round(peak_mb(resource.RUSAGE_CHILDREN), 1),
    }


def epoch(store) -> dict:
    import torch

    from nefnet.data.store import RecordStore
    from nefnet.training import recipes
    from nefnet.training.train import train_epoch

    torch.set_num_threads(2)
    recipe = recipes.stage1("book")
    ds, train_cfg = recipe.dataset(RecordStore(store)), recipe.train
    model = recipe.new_model()
    opt = torch.optim.AdamW(model.parameters(), lr=train_cfg.learning_rate)
    before = peak_mb()
    start = time.perf_counter()
    loss = train_epoch(model, ds, train_cfg, opt, 0, torch.device("cpu"), workers=0)
    return {
        "items": len(ds),
        "seconds": round(time.perf_counter() - start, 1),
        "samples_per_s": round(len(ds) / (time.perf_counter() - start), 1),
        "loss": round(loss, 4),
        "peak_rss_mb_before_epoch": round(before, 1),
        "peak_rss_mb": round(peak_mb(), 1),
    }


def child(what, *args) -> dict:
    cmd = [sys.executable, __file__, "--child", what, *map(str, args)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[200, 5000])
    ap.add_argument("--workers", type=int, default=2, help="simulator processes")
    ap.add_argument("--folder", type=Path, help="where the stores go (default: a temp folder)")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    ap.add_argument("--no-record", action="store_true")
    args = ap.parse_args(argv)
    if args.child:
        what, *rest = args.child
        row = (
            simulate(int(rest[0]), rest[1], int(rest[2])) if what == "simulate" else epoch(rest[0])
        )
        print(json.dumps(row))
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="nefnet-mem-", dir=args.folder))
    rows = []
    try:
        for n in args.sizes:
            store = tmp / f"store-{n}"
            row = {"records": n, "simulate": child("simulate", n, store, args.workers)}
            row["epoch"] = child("epoch", store)
            rows.append(row)
            print(row, flush=True)
            shutil.rmtree(store)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    small, large = rows[0], rows[-1]
    summary = {
        "epoch_peak_rss_ratio": round(
            large["epoch"]["peak_rss_mb"] / small["epoch"]["peak_rss_mb"], 3
        ),
        "simulate_peak_rss_ratio": round(
            large["simulate"]["peak_rss_mb"] / small["simulate"]["peak_rss_mb"], 3
        ),
        "target_ratio": TARGET,
    }
    summary["met"] = bool(
        max(summary["epoch_peak_rss_ratio"], summary["simulate_peak_rss_ratio"]) <= TARGET
    )
    print(summary)
    if not args.no_record:
        from nefnet.reproduce import recorded

        settings = {"sizes": args.sizes, "workers": args.workers}
        print(
            f"wrote {recorded.write('bench_memory', {'rows': rows, 'summary': summary}, settings)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
