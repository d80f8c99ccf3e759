#!/usr/bin/env python3
"""Benchmark: SimPanobench throughput (target: 1,000 ten-second 500-Hz records of 54 views in
≤ 60 s on 2 cores). Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bench_simulate.py [--n 1000] [--workers 2]
"""

import argparse
import os
import time

import numpy as np

from nefnet.simulate import SimConfig
from nefnet.simulate.dataset import simulate_dataset


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000, help="records (default 1000)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes")
    args = ap.parse_args()
    config = SimConfig(duration=10.0, device="sim-ptbxl")
    simulate_dataset(2, config, seed=99, progress=False)  # warm-up (imports, caches)
    start = time.perf_counter()
    recs = simulate_dataset(args.n, config, seed=0, progress=False, workers=args.workers)
    wall = time.perf_counter() - start
    views, samples = recs[0].signals.shape
    gb = sum(r.signals.nbytes + r.clean.nbytes for r in recs) / 1e9
    print(
        f"SimPanobench: {args.n} records × {views} views × {samples} samples "
        f"({recs[0].sampling_rate:.0f} Hz, 10 s) in {wall:.1f} s with {args.workers} "
        f"worker(s): {args.n / wall:.1f} records/s, {1000 * wall / args.n:.1f} ms/record; "
        f"noisy+clean arrays {gb:.2f} GB; classes drawn: "
        f"{dict(zip(*np.unique([r.label for r in recs], return_counts=True)))}"
    )


if __name__ == "__main__":
    main()
