"""The SimPanobench records the shared models train on and the chapters test on: which seeds,
which devices, how many — so every caller draws the same records."""

from __future__ import annotations

from dataclasses import dataclass

from ..simulate import SimConfig
from ..simulate.dataset import simulate_dataset

#: SimPanobench seeds of the shared training and test sets
TRAIN_SEED, TEST_SEED = 100, 200
#: the offset of Stage II's device records from the training seed (apart from Stage I's)
STAGE2_OFFSET = 7
#: the 12-lead devices Stage I pools (one per public dataset of the paper)
DEVICES_12 = ("sim-ptbxl", "sim-cpsc", "sim-tianchi", "sim-chinadb")


def device_records(sim_device, n, seed, progress=False, **config):
    """``n`` SimPanobench records of one simulated device (seeded per device)."""
    offset = DEVICES_12.index(sim_device) if sim_device in DEVICES_12 else len(DEVICES_12)
    return simulate_dataset(
        n,
        SimConfig(device=sim_device, **config),
        seed + 1000 * offset,
        progress=progress,
        workers=2,
    )


def pooled_records(n, seed, devices=DEVICES_12, progress=False):
    """``n`` records split evenly over ``devices`` (Stage I's pooled sources)."""
    per = max(1, n // len(devices))
    return [r for d in devices for r in device_records(d, per, seed, progress)]


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

    def load(self, progress=False) -> list:
        if self.device is None:
            return pooled_records(self.n, self.seed, progress=progress)
        return device_records(self.device, self.n, self.seed, progress)
