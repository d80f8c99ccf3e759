#!/usr/bin/env python3
"""Benchmark: what the record store's checksums cost. Writes a store of 12-lead, 10-s, 500-Hz
records (random signals: only their bytes matter here), then opens it and reads every record
with verification (index and per-record CRC-32, as nefnet always reads) and without, repeated;
prints the medians and their ratio and writes them to ``recorded/bench_store_integrity.json``;
asserts nothing.

    .venv/bin/python benchmarks/bench_store_integrity.py [--records 5000] [--repeats 5]
        [--no-record]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

LEADS = ("I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6")


def build(folder: Path, n: int):
    from nefnet.data.record import Record
    from nefnet.data.store import StoreWriter

    rng = np.random.default_rng(0)
    with StoreWriter(folder, source="bench") as writer:
        for k in range(n):
            signals = rng.standard_normal((len(LEADS), 5000)).astype(np.float32)
            writer.append(Record(signals, 500.0, LEADS, name=f"r{k:05d}"))


def read_all(folder: Path, verify: bool) -> tuple[float, float]:
    """Seconds to open the store, and to read every record."""
    from nefnet.data.store import RecordStore

    start = time.perf_counter()
    store = RecordStore(folder, verify=verify)
    opened = time.perf_counter()
    for i in range(len(store)):
        store[i]
    return opened - start, time.perf_counter() - opened


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=5000)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--no-record", action="store_true", help="print only")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "store"
        t0 = time.perf_counter()
        build(folder, args.records)
        build_s = time.perf_counter() - t0
        size = sum(p.stat().st_size for p in folder.iterdir())
        runs = {True: [], False: []}
        for _ in range(args.repeats):  # interleaved, so drift hits both alike
            for verify in (False, True):
                runs[verify].append(read_all(folder, verify))
    out = {"records": args.records, "store_mb": round(size / 1e6, 1), "build_s": round(build_s, 2)}
    for verify, name in ((True, "verified"), (False, "unverified")):
        out[f"open_s_{name}"] = round(statistics.median(r[0] for r in runs[verify]), 4)
        out[f"read_s_{name}"] = round(statistics.median(r[1] for r in runs[verify]), 3)
        out[f"records_per_s_{name}"] = round(args.records / out[f"read_s_{name}"])
    out["read_time_ratio"] = round(out["read_s_verified"] / out["read_s_unverified"], 3)
    for k, v in out.items():
        print(f"{k:28s} {v}")
    if not args.no_record:
        from nefnet.reproduce import recorded

        settings = {"records": args.records, "repeats": args.repeats}
        print(f"wrote {recorded.write('bench_store_integrity', out, settings)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
