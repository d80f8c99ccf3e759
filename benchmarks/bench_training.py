#!/usr/bin/env python3
"""Benchmark: training throughput of every stage at a scale's width, the peak memory of each,
and the size of every model. Each stage runs in its own process (so its peak RSS is its own):
Stage I (Any-Pairs) and Stage II (Device Calibration) of both NEF-NET v2 variants, Stage III
(On-the-fly Calibration) iterations, and Nef-Net v1 in beat and window mode — one warm-up
epoch, then a timed one, over ``--records`` pooled SimPanobench records. Prints figures and
writes them to ``recorded/bench_training.json``; asserts nothing.

    .venv/bin/python benchmarks/bench_training.py [--scale book] [--records 64] [--threads 2]
        [--only stage1-ours ...] [--no-record]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

import torch

STAGES = (
    "stage1-paper",
    "stage1-ours",
    "stage2-paper",
    "stage2-ours",
    "stage3-ours",
    "v1-beat",
    "v1-window",
)
#: the recorded → supervised views of the v1 beat task and of Stage III's targets
RECORDED, TARGETS = ("I", "II", "V3"), ("V1", "V4", "V5", "V6")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def variant_of(stage: str) -> str:
    return {"paper": "paper", "ours": "lead-prior"}.get(stage.split("-")[1], "")


def recipe_of(stage, scale):
    """The recipe of one stage at ``scale`` (the same recipe the book trains)."""
    from nefnet.training import recipes

    if stage.startswith(("stage1", "stage3")):
        return recipes.stage1(scale, variant_of(stage))
    if stage.startswith("stage2"):
        return recipes.stage2("sim-ptbxl", scale, variant_of(stage))
    if stage == "v1-beat":
        return recipes.v1_beat(RECORDED, TARGETS, scale)
    return recipes.v1_window("(3,8,1)", scale)


def model_of(stage, scale):
    """(model, training config, target views per item) of one stage at ``scale``."""
    recipe = recipe_of(stage, scale)
    views = recipe.queries if recipe.protocol is None else len(recipe.protocol.targets)
    return recipe.new_model(), recipe.train, views


def dataset_of(stage, scale, records):
    return recipe_of(stage, scale).dataset(records)


def stage3(model, record, iterations=20) -> dict:
    """On-the-fly Calibration of ``model`` to one record, against its other recorded leads."""
    from nefnet.geometry import view_angles
    from nefnet.training.calibrate import CalibrationConfig, calibrate

    args = (record.select(RECORDED), RECORDED, view_angles(RECORDED), record.sampling_rate)
    kw = {"targets": record.select(TARGETS), "target_angles": view_angles(TARGETS)}
    calibrate(model.eval(), *args, CalibrationConfig(iterations=2), **kw)  # warm-up
    start = time.perf_counter()
    calibrate(model, *args, CalibrationConfig(iterations=iterations), **kw)
    seconds = time.perf_counter() - start
    return {
        "iterations_per_s": round(iterations / seconds, 2),
        "seconds_per_record_at_100_iterations": round(100 * seconds / iterations, 2),
    }


def epoch_throughput(model, ds, train_cfg, views) -> dict:
    """One warm-up epoch, then a timed one."""
    from nefnet.training.train import train_epoch

    opt = torch.optim.AdamW(model.parameters(), lr=train_cfg.learning_rate)
    train_epoch(model, ds, train_cfg, opt, 0, torch.device("cpu"))
    start = time.perf_counter()
    train_epoch(model, ds, train_cfg, opt, 1, torch.device("cpu"))
    seconds = time.perf_counter() - start
    steps = -(-len(ds) // train_cfg.batch_size)
    return {
        "batch_size": train_cfg.batch_size,
        "items_per_epoch": len(ds),
        "samples_per_s": round(len(ds) / seconds, 2),
        "target_views_per_s": round(len(ds) * views / seconds, 2),
        "step_ms": round(1000 * seconds / steps, 1),
    }


def measure(stage, scale, n_records) -> dict:
    """Measure one stage in this process."""
    from nefnet.training.sim_records import TRAIN_SEED, pooled_records

    records = pooled_records(n_records, TRAIN_SEED)
    data_mb = peak_mb()
    model, train_cfg, views = model_of(stage, scale)
    if stage.startswith("stage3"):
        row = stage3(model, records[0])
    else:
        row = epoch_throughput(model, dataset_of(stage, scale, records), train_cfg, views)
    return {"stage": stage, **row, "records_in_memory": len(records)} | {
        "peak_rss_mb_after_data": round(data_mb, 1),
        "peak_rss_mb": round(peak_mb(), 1),
    }


def model_sizes(scale) -> list[dict]:
    """Parameters and float32 size of each architecture at ``scale``; the shipped files."""
    from nefnet.book.weights import manifest
    from nefnet.training.checkpoints import shipped_dir

    rows = []
    for stage in ("stage1-paper", "stage1-ours", "v1-beat", "v1-window"):
        n = sum(p.numel() for p in model_of(stage, scale)[0].parameters())
        rows.append(
            {
                "model": stage.replace("stage1-", "v2-"),
                "parameters": n,
                "fp32_mb": round(4 * n / 2**20, 3),
            }
        )
    files = [shipped_dir() / e["file"] for e in manifest().values()]
    total = sum(f.stat().st_size for f in files if f.is_file())
    rows.append(
        {"model": f"shipped weights ({len(files)} files)", "file_mb": round(total / 2**20, 2)}
    )
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", default="book", choices=("smoke", "book", "paper"))
    ap.add_argument("--records", type=int, default=64, help="pooled records (default 64)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--only", nargs="+", choices=STAGES, default=list(STAGES))
    ap.add_argument("--child", choices=STAGES, help=argparse.SUPPRESS)
    ap.add_argument("--no-record", action="store_true")
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    if args.child:
        print(json.dumps(measure(args.child, args.scale, args.records)))
        return 0
    rows = []
    for stage in args.only:
        cmd = [
            sys.executable,
            __file__,
            "--child",
            stage,
            "--scale",
            args.scale,
            "--records",
            str(args.records),
            "--threads",
            str(args.threads),
        ]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        rows.append(json.loads(out.strip().splitlines()[-1]))
        print(rows[-1], flush=True)
    sizes = model_sizes(args.scale)
    for row in sizes:
        print(row)
    if not args.no_record:
        from nefnet.reproduce import recorded

        settings = {"scale": args.scale, "records": args.records, "threads": args.threads}
        print(
            f"wrote {recorded.write('bench_training', {'stages': rows, 'models': sizes}, settings)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
