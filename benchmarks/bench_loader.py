#!/usr/bin/env python3
"""Benchmark: does loading keep up with training? From an on-disk record store of simulated
records, for Stage I (Any-Pairs) and Stage II (Device Calibration) at ``book`` and ``paper``
width: the DataLoader's crops/s with 0, 1 and 2 worker processes, next to the model's
training-step throughput (samples/s, batches already in memory) and, at ``book`` width, the
end-to-end epoch throughput; and how fast ``nefnet cache build`` converts a WFDB folder of
12-lead records. Prints figures and writes them to ``recorded/bench_loader.json``; asserts
nothing.

    .venv/bin/python benchmarks/bench_loader.py [--records 64] [--items 256] [--threads 2]
        [--store DIR] [--no-record]
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from pathlib import Path

import torch

WORKERS = (0, 1, 2)


def recipe_of(stage, scale):
    from nefnet.training import recipes

    return recipes.stage1(scale) if stage == "stage1" else recipes.stage2("sim-ptbxl", scale)


def dataset(stage, scale, store, items):
    ds = recipe_of(stage, scale).dataset(store)
    ds.epoch_size = items
    return ds


def model_of(stage, scale):
    recipe = recipe_of(stage, scale)
    return recipe.new_model(), recipe.train


def loader_rate(ds, train_cfg, workers) -> float:
    """Crops/s of one pass of the DataLoader (no model)."""
    from nefnet.training.loader import make_loader

    start, n = time.perf_counter(), 0
    for batch in make_loader(ds, train_cfg, 0, "cpu", workers):
        n += len(batch["inputs"])
    return n / (time.perf_counter() - start)


def step_rate(model, ds, train_cfg, steps) -> float:
    """Samples/s of training steps on batches already in memory (one warm-up step)."""
    from nefnet.training.loader import make_loader
    from nefnet.training.train import batch_loss

    batches = list(itertools.islice(make_loader(ds, train_cfg, 0), steps + 1))
    opt = torch.optim.AdamW(model.parameters(), lr=1e-4)
    model.train()
    for k, batch in enumerate(batches):
        if k == 1:
            start = time.perf_counter()
        loss = batch_loss(model, batch)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return sum(len(b["inputs"]) for b in batches[1:]) / (time.perf_counter() - start)


def epoch_rate(model, ds, train_cfg, workers) -> float:
    """Samples/s of a whole training epoch, loading included."""
    from nefnet.training.train import train_epoch

    opt = torch.optim.AdamW(model.parameters(), lr=1e-4)
    start = time.perf_counter()
    train_epoch(model, ds, train_cfg, opt, 0, torch.device("cpu"), workers)
    return len(ds) / (time.perf_counter() - start)


def measure(store, scale, stage, items, steps) -> dict:
    ds = dataset(stage, scale, store, items)
    model, train_cfg = model_of(stage, scale)
    row = {"stage": stage, "scale": scale, "batch_size": train_cfg.batch_size}
    row["crop_samples"] = ds.crop[1]
    for w in WORKERS:
        row[f"loader_crops_per_s_{w}_workers"] = round(loader_rate(ds, train_cfg, w), 1)
    row["step_samples_per_s"] = round(step_rate(model, ds, train_cfg, steps), 2)
    if scale == "book":  # a whole epoch at paper width takes too long on a CPU
        for w in (0, 2):
            row[f"epoch_samples_per_s_{w}_workers"] = round(epoch_rate(model, ds, train_cfg, w), 2)
    return row


def conversion(store, n, folder) -> dict:
    """``nefnet cache build`` speed on a WFDB folder of ``n`` 12-lead, 10-s, 500-Hz records
    (the layout of PTB-XL's records500): records/s and stored bytes per record."""
    from nefnet.data.kinds import FolderSource
    from nefnet.data.readers.wfdb_io import write_wfdb
    from nefnet.data.record import Record
    from nefnet.data.store.build import build_store
    from nefnet.views import LEADS_12

    wfdb_dir, out = Path(folder) / "wfdb", Path(folder) / "converted"
    for k in range(n):
        rec = store[k % len(store)]
        write_wfdb(Record(rec.select(LEADS_12), rec.sampling_rate, LEADS_12, f"r{k:05d}"), wfdb_dir)
    start = time.perf_counter()
    build_store(FolderSource("wfdb", wfdb_dir), out, "bench", progress=False)
    seconds = time.perf_counter() - start
    size = sum(p.stat().st_size for p in out.glob("shard-*.bin"))
    raw = sum(p.stat().st_size for p in wfdb_dir.glob("*.dat"))
    return {
        "records": n,
        "records_per_s": round(n / seconds, 1),
        "stored_bytes_per_record": size // n,
        "wfdb_bytes_per_record": raw // n,
    }


def build(n, folder) -> Path:
    from nefnet.data.store.build import build_store
    from nefnet.simulate import SimConfig
    from nefnet.simulate.dataset import SimulatedSource
    from nefnet.training.sim_records import TRAIN_SEED

    out = Path(folder) / "store"
    build_store(SimulatedSource(n, SimConfig(), TRAIN_SEED), out, "bench", workers=2)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", type=int, default=64, help="simulated records in the store")
    ap.add_argument("--items", type=int, default=256, help="crops per loader pass")
    ap.add_argument("--steps", type=int, default=4, help="timed training steps")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--store", type=Path, help="an existing store of simulated records")
    ap.add_argument("--no-record", action="store_true")
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    from nefnet.data.store import RecordStore

    with tempfile.TemporaryDirectory(prefix="nefnet-bench-") as tmp:
        store = RecordStore(args.store or build(args.records, tmp))
        rows = []
        for scale, stage in itertools.product(("book", "paper"), ("stage1", "stage2")):
            rows.append(measure(store, scale, stage, args.items, args.steps))
            print(rows[-1], flush=True)
        convert = conversion(store, args.items, tmp)
        print(convert)
    if not args.no_record:
        from nefnet.reproduce import recorded

        settings = {"records": len(store), "items": args.items, "threads": args.threads}
        results = {"rows": rows, "conversion": convert}
        print(f"wrote {recorded.write('bench_loader', results, settings)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
