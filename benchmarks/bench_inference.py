#!/usr/bin/env python3
"""Benchmark: NEF-NET v2 inference of a 48-view, 10-s panorama (500 Hz) from 3 recorded leads
on the CPU (target ≤ 100 ms at the book preset). Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bench_inference.py [--preset book] [--threads 2]
"""

import argparse
import statistics
import time

import torch

from nefnet.geometry import view_angles
from nefnet.models import NefNetV2, NefNetV2Config
from nefnet.views import PANOBENCH_48


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--preset", default="book", choices=("smoke", "book", "paper"))
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=10)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    model = NefNetV2(NefNetV2Config.preset(args.preset)).eval()
    recorded = ("I", "II", "view-28")
    x = torch.rand(1, 3, 5000)
    a = torch.as_tensor(view_angles(recorded), dtype=torch.float32)[None]
    q = torch.as_tensor(view_angles(PANOBENCH_48), dtype=torch.float32)[None]
    times = []
    with torch.inference_mode():
        model(x, a, q)  # warm-up
        for _ in range(args.repeats):
            start = time.perf_counter()
            model(x, a, q)
            times.append(1000 * (time.perf_counter() - start))
    params = sum(p.numel() for p in model.parameters())
    print(f"NEF-NET v2 [{args.preset}, {params:,} parameters]: 48 views × 5000 samples from 3 "
          f"leads on {args.threads} CPU thread(s): median {statistics.median(times):.0f} ms "
          f"(min {min(times):.0f}, max {max(times):.0f}) over {args.repeats} runs")


if __name__ == "__main__":
    main()
