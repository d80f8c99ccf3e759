#!/usr/bin/env python3
"""Benchmark: the live panorama explorer (chapter 11) on the CPU — the time to encode a record's
recorded views once, and the time of one slider move (synthesis by the shipped NEF-NET v2 from
the encoded views, dipole-LSQ, the simulator's truth, the trace update; target ≤ 50 ms), next to
a full forward pass. Prints figures and writes them to ``recorded/bench_explorer.json``.

    .venv/bin/python benchmarks/bench_explorer.py [--threads 2] [--moves 50] [--no-record]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import torch


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--moves", type=int, default=50)
    ap.add_argument("--no-record", action="store_true")
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    import nefnet
    from nefnet.geometry import view_angles
    from nefnet.plots.live_explorer import live_explorer
    from nefnet.scoring.synthesis import synthesize
    from nefnet.training import panorama as explorer

    model = nefnet.pretrained(explorer.MODEL)
    records = explorer.examples()
    live = live_explorer(model, records)
    for k in range(args.moves):
        live.phi.value = -175 + (350 * k) / args.moves
    rec = records["SimPanobench Normal"]
    x, a = rec.select(["I", "II", "V3"]), view_angles(["I", "II", "V3"])
    full = []
    for k in range(args.moves):
        start = time.perf_counter()
        synthesize(model, x, a, [[1.5, k / args.moves]])
        full.append(1000 * (time.perf_counter() - start))
    row = {
        "update_ms_median": round(statistics.median(live.update_ms[-args.moves :]), 2),
        "update_ms_max": round(max(live.update_ms[-args.moves :]), 2),
        "encode_ms": round(live.views.encode_ms, 2),
        "full_forward_ms_median": round(statistics.median(full), 2),
    }
    print(f"explorer, {args.threads} threads, {args.moves} moves of a 10-s record: {row}")
    if not args.no_record:
        from nefnet.reproduce import recorded

        settings = {"model": explorer.MODEL, "threads": args.threads, "moves": args.moves}
        print(f"wrote {recorded.write('bench_explorer', row, settings)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
