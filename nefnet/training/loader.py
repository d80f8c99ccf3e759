"""The batches of a training epoch: a seeded shuffle (a shard of it per rank under torchrun),
DataLoader worker processes with their own seeds, pinned memory on CUDA, and the collation of
items with different numbers of recorded views."""

from __future__ import annotations

import functools

import torch
import torch.distributed as dist
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler


def make_loader(dataset, cfg, epoch, device="cpu", workers=0) -> DataLoader:
    """The epoch's batches: a seeded shuffle (under torchrun each rank gets its shard of the
    same permutation), ``workers`` processes each seeded from (seed, epoch, worker), pinned
    memory on CUDA. Items draw their randomness from (seed, epoch, index), so the batches are
    the same for any number of workers. Workers are started per epoch: they see the epoch."""
    seed = cfg.seed * 100_003 + epoch
    gen = torch.Generator().manual_seed(seed)
    sampler = None
    ranks = dist.get_world_size() if dist.is_available() and dist.is_initialized() else 1
    if ranks > 1:  # each rank sees its own shard of the same seeded permutation
        sampler = DistributedSampler(dataset, shuffle=True, seed=cfg.seed)
        sampler.set_epoch(epoch)
    return DataLoader(
        dataset,
        batch_size=cfg.batch_size,
        shuffle=sampler is None,
        generator=gen if sampler is None else None,
        sampler=sampler,
        collate_fn=collate_by_views,
        num_workers=workers,
        worker_init_fn=functools.partial(_seed_worker, seed) if workers else None,
        pin_memory=torch.device(device).type == "cuda",
        prefetch_factor=4 if workers else None,
    )


def _seed_worker(seed, worker_id):
    """A worker's own seed for anything drawn from the global generators."""
    import random

    import numpy as np

    s = (seed * 1_000_003 + worker_id) % 2**32
    random.seed(s)
    np.random.seed(s)
    torch.manual_seed(s)


def collate_by_views(items):
    """Stack items; Any-Pairs items with fewer recorded views are padded with empty views that
    ``input_mask`` marks as absent (the model gives them zero attention)."""
    r = max(it["inputs"].shape[0] for it in items)
    out = {
        k: torch.stack([it[k] for it in items])
        for k in items[0]
        if k not in ("inputs", "input_angles")
    }
    pad = lambda x: torch.cat([x, x.new_zeros((r - len(x),) + x.shape[1:])])  # noqa: E731
    out["inputs"] = torch.stack([pad(it["inputs"]) for it in items])
    out["input_angles"] = torch.stack([pad(it["input_angles"]) for it in items])
    out["input_mask"] = torch.stack([torch.arange(r) < len(it["inputs"]) for it in items])
    return out
