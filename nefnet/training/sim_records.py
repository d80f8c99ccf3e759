"""The SimPanobench records the shared models train on and the chapters test on: which seeds,
which devices, how many — so every caller draws the same records."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..paths import records_root
from ..simulate import SIMULATOR_VERSION, SimConfig
from ..simulate.dataset import SimulatedSource, simulate_dataset
from ..simulate.generate import record_label

#: SimPanobench seeds of the shared training and test sets
TRAIN_SEED, TEST_SEED = 100, 200
#: the offset of Stage II's device records from the training seed (apart from Stage I's)
STAGE2_OFFSET = 7
#: the 12-lead devices Stage I pools (one per public dataset of the paper)
DEVICES_12 = ("sim-ptbxl", "sim-cpsc", "sim-tianchi", "sim-chinadb")
#: above this many records a training set is read from a record store on disk (float32, the
#: noisy signals only) instead of held in memory: a record holds 54 views in float64 twice
IN_MEMORY = 400


def _device_seed(sim_device, seed) -> int:
    """The simulator seed of a device's records (each device draws apart)."""
    offset = DEVICES_12.index(sim_device) if sim_device in DEVICES_12 else len(DEVICES_12)
    return seed + 1000 * offset


def _device_source(sim_device, n, seed) -> SimulatedSource:
    """The records :func:`device_records` draws, as a lazy sequence."""
    return SimulatedSource(n, SimConfig(device=sim_device), _device_seed(sim_device, seed))


class TrainingSource(Sequence):
    """Simulated training records one by one, in the order :meth:`SimRecords.load` returns
    them in memory, without what training never reads (the noise-free signals, the sources)."""

    def __init__(self, parts):
        self.parts = list(parts)

    def __len__(self):
        return sum(len(p) for p in self.parts)

    def __getitem__(self, k):
        for part in self.parts:
            if k < len(part):
                return replace(part[k], clean=None, sources=None)
            k -= len(part)
        raise IndexError(k)


def device_records(sim_device, n, seed, progress=False, **config):
    """``n`` SimPanobench records of one simulated device (seeded per device)."""
    return simulate_dataset(
        n,
        SimConfig(device=sim_device, **config),
        _device_seed(sim_device, seed),
        progress=progress,
        workers=2,
    )


def pooled_records(n, seed, devices=DEVICES_12, progress=False):
    """``n`` records split evenly over ``devices`` (Stage I's pooled sources)."""
    per = max(1, n // len(devices))
    return [r for d in devices for r in device_records(d, per, seed, progress)]


def device_labels(sim_device, n, seed) -> list[str]:
    """The classes of :func:`device_records`' records, without simulating them."""
    config, seed = SimConfig(device=sim_device), _device_seed(sim_device, seed)
    return [record_label(config, seed, k) for k in range(n)]


def stage2_labels(sim_device, n) -> list[str]:
    """The classes of :func:`stage2_records`' records, without simulating them."""
    return device_labels(sim_device, n, TRAIN_SEED + STAGE2_OFFSET)


def stage2_records(sim_device, n, progress=False):
    """``n`` training records of Stage II on ``sim_device`` (population regression fits them
    too)."""
    return device_records(sim_device, n, TRAIN_SEED + STAGE2_OFFSET, progress)


@dataclass(frozen=True)
class SimRecords:
    """Which simulated records a recipe trains on: ``n`` records pooled over the 12-lead
    devices (``device`` None) or of one device, from ``seed``."""

    n: int
    seed: int = TRAIN_SEED
    device: str | None = None

    def load(self, progress=False):
        """The records: a list, or above :data:`IN_MEMORY` records a
        :class:`~nefnet.data.store.RecordStore` built once (:meth:`store`)."""
        if self.n > IN_MEMORY:
            return self.store(progress)
        if self.device is None:
            return pooled_records(self.n, self.seed, progress=progress)
        return device_records(self.device, self.n, self.seed, progress)

    def source(self) -> TrainingSource:
        if self.device is None:
            per = max(1, self.n // len(DEVICES_12))
            return TrainingSource(_device_source(d, per, self.seed) for d in DEVICES_12)
        return TrainingSource([_device_source(self.device, self.n, self.seed)])

    def store(self, progress=False):
        """The records in a record store under :func:`~nefnet.paths.records_root` (built,
        resumably, on first use; named by the records and the simulator's version)."""
        from ..data.store import RecordStore, build_store
        from ..data.store.records import outdated

        what = {"n": self.n, "seed": self.seed, "device": self.device, "sim": SIMULATOR_VERSION}
        key = hashlib.sha256(json.dumps(what, sort_keys=True).encode()).hexdigest()[:12]
        folder = records_root() / f"sim-{self.device or 'pooled'}-{self.n}-{key}"
        if outdated(folder):  # this cache's own store, from an older nefnet: rebuilt
            shutil.rmtree(folder)
        store = RecordStore(folder) if (folder / "store.json").is_file() else None
        if store is None or not store.complete:
            build_store(self.source(), folder, f"SimPanobench {what}", workers=2, progress=progress)
            store = RecordStore(folder)
        return store
