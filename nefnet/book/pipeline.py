"""The book's shared trained models, each trained once per configuration and cached
(:func:`nefnet.training.checkpoints.cached`), so chapters and scripts load the same weights:

* Stage I — Any-Pairs Pretraining of a NEF-NET v2 variant, pooled over the four SimPanobench
  12-lead devices (standing in for PTB-XL, CPSC2018, Tianchi and ChinaDB);
* Stage II — Device Calibration: the Stage I weights fine-tuned on one device with the fixed
  input configuration of a protocol (every parameter starts from Stage I);
* Nef-Net v1 lives in :mod:`nefnet.book.pipeline_v1`.

``device`` is where training runs and where the model is returned ("auto": a GPU when present).
"""

from __future__ import annotations

import hashlib

import numpy as np

from ..data.protocols import Protocol, get_protocol
from ..data.torch_dataset import ViewPairDataset
from ..models import NefNetV2Config
from ..simulate import SIMULATOR_VERSION, SimConfig
from ..simulate.dataset import simulate_dataset
from ..training.checkpoints import cached
from ..training.train import TrainConfig
from ..views import DERIVED_LIMB
from .scales import preset

#: SimPanobench seeds of the shared training and test sets
TRAIN_SEED, TEST_SEED = 100, 200
#: the protocols of the Table 2 analogue (chapter 06), reconstruction then synthesis
TABLE2_PROTOCOLS = ("(3,9)", "(8,12)", "(3,8,1)", "(5,6,1)")
#: (recorded, supervised) Panobench sets of the Table 3 analogue at book scale (shipped)
PANOBENCH_GRID = tuple(tuple(cell) for cell in preset("06_panobench", "book")["grid"])
#: device records of the data-efficiency study (Table 9) at book scale: 1, 5, 10, 50, 100 % of
#: Stage II's 200 (shipped)
TABLE9_RECORDS = tuple(preset("07_ablations", "book")["table9_records"])
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


def crop_range(seconds, records):
    """Training crops of 80–100 % of ``seconds``, in samples of the records' rate."""
    n = int(seconds * records[0].sampling_rate)
    return int(0.8 * n), n


def stage1_settings(scale=None, variant="paper"):
    """(model config, training config, data description) of the shared Stage I model of a
    variant (:data:`nefnet.models.VARIANTS`)."""
    p = preset("stage1", scale)
    model_cfg = NefNetV2Config.variant(variant, p["preset"])
    train_cfg = TrainConfig(
        epochs=p["epochs"], batch_size=p["batch_size"], lr=p["lr"], lr_step=p["lr_step"]
    )
    data = {
        "simpanobench": {
            "records": p["records"],
            "seed": TRAIN_SEED,
            "simulator": SIMULATOR_VERSION,
            "config": "default",
            "devices": list(DEVICES_12),
        },
        "crop_seconds": p["crop_seconds"],
        "normalize_by": model_cfg.normalize,
        "sampling": "any-pairs",
        "queries": p["queries"],
    }
    return model_cfg, train_cfg, data


def stage1_model(scale=None, variant="paper", progress=True, device="cpu"):
    """The shared Stage I (Any-Pairs) NEF-NET v2 on SimPanobench: loaded when cached.
    Returns ``(model, checkpoint path)``."""
    model_cfg, train_cfg, data = stage1_settings(scale, variant)

    def make():
        recs = pooled_records(data["simpanobench"]["records"], TRAIN_SEED, progress=progress)
        return stage1_dataset(recs, scale, variant)

    return cached(model_cfg, train_cfg, data, make, progress=progress, device=device)


def stage1_dataset(records, scale=None, variant="paper") -> ViewPairDataset:
    """Stage I's training items (Any-Pairs crops with several queries) over ``records``."""
    model_cfg, _, data = stage1_settings(scale, variant)
    return ViewPairDataset(
        records,
        None,
        crop=crop_range(data["crop_seconds"], records),
        normalize_by=model_cfg.normalize,
        n_queries=data["queries"],
    )


def training_protocol(protocol: str | Protocol) -> Protocol:
    """The fixed configuration Stage II trains on: the protocol's recorded views → its
    supervised independent leads (the unseen view is never shown; derived limb leads are
    exact functions of I and II)."""
    p = get_protocol(protocol) if isinstance(protocol, str) else protocol
    sup = tuple(v for v in p.supervised if v not in DERIVED_LIMB)
    return Protocol(f"{p.name}-train", p.recorded, sup)


def stage2_records(sim_device, n, progress=False):
    """``n`` training records of Stage II on ``sim_device`` (population regression fits them
    too)."""
    return device_records(sim_device, n, TRAIN_SEED + 7, progress)


def simulated_data(records: int, task: Protocol, **extra) -> dict:
    """The cache description of ``records`` pooled or device records simulated from
    :data:`TRAIN_SEED` for ``task`` (the simulator's version included, so a physics change
    retrains), plus ``extra`` settings."""
    return {
        "records": records,
        "seed": TRAIN_SEED,
        "simulator": SIMULATOR_VERSION,
        "protocol": [list(task.recorded), list(task.targets)],
        **extra,
    }


def stage2_settings(scale=None, variant="paper", protocol="(3,8,1)", seed=0):
    """Stage II's preset, model configuration, Stage I data description, training
    configuration (``seed``: its batch order and dropout) and training protocol — the same on a
    simulated device and on real records."""
    p = preset("stage2", scale)
    model_cfg, _, data1 = stage1_settings(scale, variant)
    train_cfg = TrainConfig(
        stage="device",
        epochs=p["epochs"],
        batch_size=p["batch_size"],
        lr=p["lr"],
        lr_step=p["epochs"],
        seed=seed,
    )
    return p, model_cfg, data1, train_cfg, training_protocol(protocol)


def stage2_model(
    sim_device,
    scale=None,
    protocol="(3,8,1)",
    variant="paper",
    progress=True,
    device="cpu",
    records=None,
    pretrained=True,
    seed=0,
):
    """Stage II (Device Calibration) of the shared Stage I model of ``variant`` on the
    SimPanobench device ``sim_device``. ``records`` (default: the preset's) trains on fewer
    device records with the same number of crops per epoch; ``pretrained=False`` starts from
    random weights instead of Stage I (the data-efficiency study); ``seed`` is Stage II's
    training seed (the seed study of chapter 06)."""
    p, model_cfg, data1, train_cfg, task = stage2_settings(scale, variant, protocol, seed)
    n = p["records"] if records is None else int(records)
    stage1 = stage1_model(scale, variant, progress, device)[0] if pretrained else None
    extra = {} if n == p["records"] else {"epoch_size": p["records"]}
    data = simulated_data(
        n,
        task,
        stage1=data1 if pretrained else None,
        device=sim_device,
        crop_seconds=p["crop_seconds"],
        **extra,
    )

    def make():
        recs = stage2_records(sim_device, n, progress)
        return stage2_dataset(recs, scale, variant, protocol, epoch_size=extra.get("epoch_size"))

    return cached(model_cfg, train_cfg, data, make, init=stage1, progress=progress, device=device)


def stage2_dataset(records, scale=None, variant="paper", protocol="(3,8,1)", epoch_size=None):
    """Stage II's training items over ``records``: crops of the protocol's training
    configuration (``epoch_size`` crops an epoch; default one per record)."""
    p, model_cfg, _, _, task = stage2_settings(scale, variant, protocol)
    return ViewPairDataset(
        records,
        task,
        crop=crop_range(p["crop_seconds"], records),
        normalize_by=model_cfg.normalize,
        seed=1,
        epoch_size=epoch_size,
    )


def records_digest(records) -> str:
    """SHA-256 (16 hex digits) of the records' names and signals: a cache key that changes
    when the data does."""
    h = hashlib.sha256()
    for r in records:
        h.update(r.name.encode())
        h.update(np.ascontiguousarray(r.signals, dtype=np.float32).tobytes())
    return h.hexdigest()[:16]


def real_stage2_model(
    records, source, scale=None, protocol="(3,8,1)", variant="paper", progress=True, device="cpu"
):
    """Stage II (Device Calibration) of the shared Stage I model of ``variant`` on real
    ``records`` (preprocessed windows of the dataset ``source``): the same budget as on a
    simulated device — an epoch draws as many crops as the simulated device has records."""
    p, model_cfg, data1, train_cfg, task = stage2_settings(scale, variant, protocol)
    stage1, _ = stage1_model(scale, variant, progress, device)
    data = {
        "stage1": data1,
        "real": source,
        "windows": len(records),
        "content": records_digest(records),
        "protocol": [list(task.recorded), list(task.targets)],
        "crop_seconds": p["crop_seconds"],
        "epoch_size": p["records"],
    }

    def make():
        return stage2_dataset(records, scale, variant, protocol, epoch_size=p["records"])

    return cached(model_cfg, train_cfg, data, make, init=stage1, progress=progress, device=device)
