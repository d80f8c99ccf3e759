#!/usr/bin/env python3
"""Benchmark: multi-process scaling of Stage I training under torchrun. Runs the same timed
training steps from an on-disk record store with 1 and with 2 processes (gloo on CPU; NCCL
and one GPU per process when CUDA is present) and reports the throughput of each, their ratio,
and the share of a step spent in the gradient all-reduce (steps timed with and without it,
DDP's ``no_sync``). Prints figures and writes them to ``recorded/bench_ddp.json``; asserts
nothing.

    .venv/bin/python benchmarks/bench_ddp.py [--scale book] [--records 64] [--steps 24]
        [--procs 1 2] [--no-record]

On a GPU machine the same command measures NCCL; ``--procs 1 8`` for eight GPUs.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed_steps(model, loader, steps, device, sync=True) -> float:
    """Seconds for ``steps`` training steps (one untimed warm-up step first)."""
    import torch

    from nefnet.training.train import batch_loss

    opt = torch.optim.AdamW(model.parameters(), lr=1e-4)
    it = iter(loader)
    for k in range(steps + 1):
        if k == 1:
            if device.type == "cuda":
                torch.cuda.synchronize()
            start = time.perf_counter()
        batch = {key: v.to(device) for key, v in next(it).items()}
        with contextlib.nullcontext() if sync else model.no_sync():
            loss = batch_loss(model, batch)
            opt.zero_grad()
            loss.backward()
        opt.step()
    if device.type == "cuda":
        torch.cuda.synchronize()
    return time.perf_counter() - start


def rank_main(store, scale, steps, out) -> None:
    """One torchrun process: time the steps with and without the all-reduce."""
    import torch
    import torch.distributed as dist
    from torch.nn.parallel import DistributedDataParallel

    from nefnet.data.store import RecordStore
    from nefnet.training import recipes
    from nefnet.training.loader import make_loader
    from nefnet.training.train import init_distributed

    init_distributed()  # a group of one too, so that both runs pay for DDP alike
    if not dist.is_initialized():
        dist.init_process_group("nccl" if torch.cuda.is_available() else "gloo")
    world, rank = dist.get_world_size(), dist.get_rank()
    local = int(os.environ.get("LOCAL_RANK", 0))
    device = torch.device(f"cuda:{local}" if torch.cuda.is_available() else "cpu")
    recipe = recipes.stage1(scale)
    train_cfg = recipe.train
    ds = recipe.dataset(RecordStore(store))
    ds.epoch_size = 2 * (steps + 1) * train_cfg.batch_size * world
    core = recipe.new_model().to(device)
    model = DistributedDataParallel(core, device_ids=[local] if device.type == "cuda" else None)
    times = {}
    for sync in (True, False):
        loader = make_loader(ds, train_cfg, 0, device, workers=1)
        times[sync] = timed_steps(model, loader, steps, device, sync)
    if rank == 0:
        row = {
            "processes": world,
            "backend": dist.get_backend(),
            "device": device.type,
            "threads_per_process": torch.get_num_threads(),
            "batch_size_per_process": train_cfg.batch_size,
            "step_s": round(times[True] / steps, 4),
            "samples_per_s": round(world * train_cfg.batch_size * steps / times[True], 2),
            "allreduce_share": round(max(0.0, 1 - times[False] / times[True]), 3),
        }
        Path(out).write_text(json.dumps(row))
    dist.barrier()
    dist.destroy_process_group()


def run(procs, threads, store, scale, steps, folder) -> dict:
    torchrun = Path(sys.executable).with_name("torchrun")
    out = Path(folder) / f"rank0-{procs}-{threads}.json"
    cmd = [str(torchrun), "--standalone", f"--nproc_per_node={procs}", __file__, "--rank"]
    cmd += [str(store), scale, str(steps), str(out)]
    env = {**os.environ, "OMP_NUM_THREADS": str(threads)}
    res = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if res.returncode:
        raise SystemExit(f"torchrun with {procs} process(es) failed:\n{res.stderr[-3000:]}")
    return json.loads(out.read_text())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", default="book", choices=("smoke", "book", "paper"))
    ap.add_argument("--records", type=int, default=64)
    ap.add_argument("--steps", type=int, default=24)
    ap.add_argument("--procs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--rank", nargs=4, help=argparse.SUPPRESS)
    ap.add_argument("--no-record", action="store_true")
    args = ap.parse_args(argv)
    if args.rank:
        store, scale, steps, out = args.rank
        rank_main(store, scale, int(steps), out)
        return 0
    from nefnet.data.store.build import build_store
    from nefnet.simulate import SimConfig
    from nefnet.simulate.dataset import SimulatedSource
    from nefnet.training.sim_records import TRAIN_SEED

    cores = os.cpu_count() or 1
    rows = []
    with tempfile.TemporaryDirectory(prefix="nefnet-ddp-") as tmp:
        store = Path(tmp) / "store"
        source = SimulatedSource(args.records, SimConfig(), TRAIN_SEED)
        build_store(source, store, "bench", workers=2, progress=False)
        # one process on every core, one on one core, then the cores shared among processes
        configs = [(1, cores), (1, 1)] + [(p, max(1, cores // p)) for p in args.procs if p > 1]
        for procs, threads in dict.fromkeys(configs):
            rows.append(run(procs, threads, store, args.scale, args.steps, tmp))
            print(rows[-1], flush=True)
    base = rows[0]["samples_per_s"]
    for row in rows:
        row["throughput_ratio_to_one_process_all_cores"] = round(row["samples_per_s"] / base, 3)
    print({r["processes"]: r["throughput_ratio_to_one_process_all_cores"] for r in rows[1:]})
    if not args.no_record:
        from nefnet.reproduce import recorded

        settings = {"scale": args.scale, "records": args.records, "steps": args.steps}
        print(f"wrote {recorded.write('bench_ddp', {'rows': rows}, settings)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
