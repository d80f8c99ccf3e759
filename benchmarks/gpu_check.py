#!/usr/bin/env python3
"""GPU readiness for paper scale, in one short run (≤ 8 minutes on one NVIDIA GPU): Stage I of
NEF-NET v2 at paper width (128 channels, 9.2-s crops, batch 32) — training samples/s in float32
and under bfloat16 autocast, peak GPU memory, the DataLoader's crops/s from a record store of
simulated records, and the loss after a fixed number of paper-width steps (float32 and bf16,
same seed). Writes ``recorded/gpu_check.json``; asserts nothing.

    make venv && .venv/bin/python benchmarks/gpu_check.py
    .venv/bin/python benchmarks/gpu_check.py --tiny     # smoke width on the CPU (the test)
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from pathlib import Path

import torch


def recipe(tiny: bool):
    from nefnet.training.recipes import stage1

    return stage1("smoke" if tiny else "paper", "faithful")


def build_store(n, folder, workers) -> Path:
    from nefnet.data.store.build import build_store as build
    from nefnet.simulate import SimConfig
    from nefnet.simulate.dataset import SimulatedSource
    from nefnet.training.sim_records import TRAIN_SEED

    out = Path(folder) / "store"
    build(
        SimulatedSource(n, SimConfig(), TRAIN_SEED),
        out,
        "gpu-check",
        workers=workers,
        progress=False,
    )
    return out


def loader_rate(ds, cfg, device, workers, batches) -> float:
    """Crops/s of the DataLoader alone, batches moved to ``device``."""
    from nefnet.training.loader import make_loader

    start, n = time.perf_counter(), 0
    for batch in itertools.islice(make_loader(ds, cfg, 0, device, workers), batches):
        n += len({k: v.to(device) for k, v in batch.items()}["inputs"])
    return n / (time.perf_counter() - start)


def steps(rec, ds, device, precision, n, compile_=False, seed=0) -> dict:
    """``n`` training steps from the same initial weights and batches: samples/s after two
    warm-up steps, the last loss, and peak GPU memory (MiB)."""
    from nefnet.training.devices import autocast
    from nefnet.training.loader import make_loader
    from nefnet.training.train import batch_loss

    torch.manual_seed(seed)
    model = rec.new_model().to(device).train()
    run = torch.compile(model) if compile_ else model
    opt = torch.optim.AdamW(model.parameters(), lr=rec.train.learning_rate)
    if device.type == "cuda":
        torch.cuda.reset_peak_memory_stats(device)
    loader = itertools.cycle(make_loader(ds, rec.train, 0, device, 0))
    losses, start, samples = [], None, 0
    for k in range(n + 2):
        batch = {key: v.to(device) for key, v in next(loader).items()}
        if k == 2:
            _sync(device)
            start = time.perf_counter()
        with autocast(device, precision):
            loss = batch_loss(run, batch).float()
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
        samples += len(batch["inputs"]) if k >= 2 else 0
    _sync(device)
    out = {
        "samples_per_s": round(samples / (time.perf_counter() - start), 2),
        "steps": n,
        "first_loss": round(losses[0], 5),
        "loss_after_steps": round(losses[-1], 5),
    }
    if device.type == "cuda":
        out["peak_memory_mib"] = round(torch.cuda.max_memory_allocated(device) / 2**20, 1)
    return out


def _sync(device):
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tiny", action="store_true", help="smoke width, few steps (CPU test)")
    ap.add_argument("--steps", type=int, help="timed steps per precision (default 60; tiny 3)")
    ap.add_argument("--records", type=int, help="records in the store (default 128; tiny 8)")
    ap.add_argument("--compile", action="store_true", help="also time torch.compile in fp32")
    ap.add_argument("--no-record", action="store_true", help="print, write nothing")
    args = ap.parse_args(argv)
    n_steps = args.steps or (3 if args.tiny else 60)
    n_records = args.records or (8 if args.tiny else 128)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if device.type == "cpu" and not args.tiny:
        print("gpu_check: no CUDA device here; run with --tiny for the CPU check", file=sys.stderr)
        return 2
    from nefnet.data.store import RecordStore

    t0 = time.perf_counter()
    rec = recipe(args.tiny)
    results = {"device": torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu"}
    with tempfile.TemporaryDirectory(prefix="nefnet-gpu-check-") as tmp:
        workers = min(8, torch.multiprocessing.cpu_count())
        store = RecordStore(build_store(n_records, tmp, workers))
        ds = rec.dataset(store)
        results["store_records"] = len(store)
        results["loader_crops_per_s"] = {
            w: round(loader_rate(ds, rec.train, device, w, 4 if args.tiny else 20), 1)
            for w in ((0, 2) if args.tiny else (0, 4, 8))
        }
        for precision in ("fp32", "bf16"):
            results[precision] = steps(rec, ds, device, precision, n_steps)
            print(precision, results[precision], flush=True)
        if args.compile:
            results["fp32_compiled"] = steps(rec, ds, device, "fp32", n_steps, compile_=True)
    a, b = results["fp32"]["loss_after_steps"], results["bf16"]["loss_after_steps"]
    results["bf16_loss_relative_difference"] = round(abs(a - b) / abs(a), 5)
    results["wall_s"] = round(time.perf_counter() - t0, 1)
    print(results)
    if not args.no_record:
        from nefnet.reproduce import recorded

        settings = {
            "tiny": args.tiny,
            "steps": n_steps,
            "records": n_records,
            "batch_size": rec.train.batch_size,
            "channels": rec.model.channels,
            "crop_seconds": rec.crop_seconds,
        }
        name = "gpu_check_tiny" if args.tiny else "gpu_check"
        print(f"wrote {recorded.write(name, results, settings)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
