#!/usr/bin/env python3
"""Benchmark: `nefnet synthesize` on Holter-length recordings (3 recorded leads, 500 Hz, one
synthesized view) with the shipped NEF-NET v2 (ours, Stage II sim-ptbxl). For each length it
writes a test record (a simulated 10-s record repeated), runs the command in a fresh process
and reports wall time, throughput (recorded hours per minute) and the process's peak RSS.
Prints figures and writes them to ``recorded/bench_holter.json``; asserts nothing.

    .venv/bin/python benchmarks/bench_holter.py [--hours 1 24] [--no-record]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MODEL = "v2-ours-stage2-sim-ptbxl"
PEAK = (
    "import resource, runpy, sys; sys.argv = ['nefnet'] + sys.argv[1:]\n"
    "try:\n    runpy.run_module('nefnet.cli', run_name='__main__')\n"
    "finally:\n    print('peak_rss_kb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
    "file=sys.stderr)\n"
)


def write_record(folder: Path, hours: float) -> Path:
    """A 3-lead record of ``hours`` at 500 Hz, streamed (memory flat in its length)."""
    from nefnet.data.readers.wfdb_stream import WfdbStream
    from nefnet.simulate import SimConfig, simulate_record

    rec = simulate_record(SimConfig(duration=10.0), 0, 0)
    block = rec.select(["I", "II", "V3"])
    with WfdbStream(folder, f"holter{hours:g}h", 500.0, ["I", "II", "V3"]) as stream:
        for _ in range(int(round(hours * 360))):
            stream.append(block)
        return stream.close()


def run(record: Path, out: Path) -> dict:
    from nefnet.book.weights import manifest
    from nefnet.training.checkpoints import shipped_dir

    ckpt = shipped_dir() / manifest()[MODEL]["file"]
    cmd = [
        sys.executable,
        "-c",
        PEAK,
        "synthesize",
        "--record",
        str(record),
        "--views",
        "90,10",
        "--checkpoint",
        str(ckpt),
        "--out",
        str(out),
        "--quiet",
    ]
    start = time.perf_counter()
    res = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ))
    seconds = time.perf_counter() - start
    if res.returncode != 0:
        raise RuntimeError(res.stderr)
    peak = next(int(ln.split()[1]) for ln in res.stderr.splitlines() if ln.startswith("peak_rss"))
    return {"seconds": round(seconds, 1), "peak_rss_mb": round(peak / 1024, 1)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--hours", type=float, nargs="+", default=[1.0, 24.0])
    ap.add_argument("--no-record", action="store_true", help="print only")
    args = ap.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for hours in args.hours:
            record = write_record(Path(tmp), hours)
            row = {"hours": hours} | run(record, Path(tmp) / "out")
            row["hours_per_minute"] = round(hours * 60 / row["seconds"], 2)
            rows.append(row)
            print(
                f"{hours:g} h: {row['seconds']} s, {row['hours_per_minute']} recorded h/min, "
                f"peak RSS {row['peak_rss_mb']} MB",
                flush=True,
            )
            for f in Path(tmp).glob("*"):
                if f.is_file():
                    f.unlink()
    if not args.no_record:
        from nefnet.reproduce import recorded

        settings = {
            "model": MODEL,
            "recorded": "I,II,V3",
            "views": 1,
            "rate_hz": 500,
            "window_s": 10,
            "overlap_s": 1,
        }
        print(f"wrote {recorded.write('bench_holter', rows, settings)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
