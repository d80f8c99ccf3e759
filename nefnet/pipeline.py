"""Shared, cached training runs that several chapters use (trained once per configuration).

* Stage I — Any-Pairs Pretraining of NEF-NET v2, pooled over the four SimPanobench 12-lead
  devices (standing in for PTB-XL, CPSC2018, Tianchi and ChinaDB);
* Stage II — Device Calibration: the Stage I weights fine-tuned on one device with the fixed
  input configuration of a protocol (every parameter starts from Stage I).

Used in: notebooks/03_nefnet_v1, notebooks/04_nefnet_v2, notebooks/05_three_stage
"""

from __future__ import annotations

from dataclasses import replace

from .data.protocols import Protocol, get_protocol
from .data.torch_dataset import ViewPairDataset
from .modelio import cached
from .models import NefNetV2Config
from .scales import preset
from .simulate import SimConfig
from .simulate.dataset import simulate_dataset
from .train import TrainConfig
from .views import DERIVED_LIMB

#: SimPanobench seeds of the shared training and test sets
TRAIN_SEED, TEST_SEED = 100, 200
#: the 12-lead devices Stage I pools (one per public dataset of the paper)
DEVICES_12 = ("sim-ptbxl", "sim-cpsc", "sim-tianchi", "sim-chinadb")

#: model variants the chapters train (``options`` of :func:`stage1_model`): the paper's
#: architecture, and ours with a lead path that sees the dipole-LSQ weights, on inputs scaled
#: without a shift (chapter 05 says why: nefnet.models.nefnet_v2.LeadPath,
#: nefnet.normalization)
VARIANTS = {"paper": None,
            "lead-prior": {"lead_path": True, "lead_prior": True, "normalize": "range"}}
#: how tables name them
VARIANT_LABELS = {"paper": "NEF-NET v2", "lead-prior": "NEF-NET v2 + lead prior (ours)"}


def device_records(device, n, seed, progress=False, **config):
    """``n`` SimPanobench records of one device (seeded per device)."""
    offset = DEVICES_12.index(device) if device in DEVICES_12 else len(DEVICES_12)
    return simulate_dataset(n, SimConfig(device=device, **config), seed + 1000 * offset,
                            progress=progress, workers=2)


def pooled_records(n, seed, devices=DEVICES_12, progress=False):
    """``n`` records split evenly over ``devices`` (Stage I's pooled sources)."""
    per = max(1, n // len(devices))
    return [r for d in devices for r in device_records(d, per, seed, progress)]


def stage1_settings(scale=None, options=None):
    """(model config, training config, data description) of the shared Stage I model;
    ``options`` overrides model-configuration fields (e.g. ``{"pair_film": True}``)."""
    p = preset("stage1", scale)
    # deployable variant: inputs normalised by the recorded views, linear output; no angle
    # jitter (a v1 device the v2 paper does not use; without it: +0.65 dB in
    # scripts/investigate_v2.py)
    model_cfg = replace(NefNetV2Config.preset(p["preset"]), output="linear", jitter_deg=0.0,
                        normalize="recorded")
    model_cfg = replace(model_cfg, **(options or {}))
    train_cfg = TrainConfig(epochs=p["epochs"], batch_size=p["batch_size"], lr=p["lr"],
                            lr_step=p["lr_step"])
    data = {"simpanobench": {"records": p["records"], "seed": TRAIN_SEED, "config": "default",
                             "devices": list(DEVICES_12)},
            "crop_seconds": p["crop_seconds"], "normalize_by": model_cfg.normalize,
            "sampling": "any-pairs",
            "queries": p["queries"]}
    return model_cfg, train_cfg, data


def _crop(seconds, records):
    n = int(seconds * records[0].sampling_rate)
    return int(0.8 * n), n


def stage1_model(scale=None, options=None, progress=True):
    """The shared Stage I (Any-Pairs) NEF-NET v2 on SimPanobench: loaded when cached.
    Returns ``(model, checkpoint path)``."""
    model_cfg, train_cfg, data = stage1_settings(scale, options)

    def make():
        recs = pooled_records(data["simpanobench"]["records"], TRAIN_SEED, progress=progress)
        return ViewPairDataset(recs, None, crop=_crop(data["crop_seconds"], recs),
                               normalize_by=model_cfg.normalize, n_queries=data["queries"])
    return cached(model_cfg, train_cfg, data, make, progress=progress)


def training_protocol(protocol: str | Protocol) -> Protocol:
    """The fixed configuration Stage II trains on: the protocol's recorded views → its
    supervised independent leads (the unseen view is never shown; derived limb leads are
    exact functions of I and II)."""
    p = get_protocol(protocol) if isinstance(protocol, str) else protocol
    sup = tuple(v for v in p.supervised if v not in DERIVED_LIMB)
    return Protocol(f"{p.name}-train", p.recorded, sup)


def stage2_model(device, scale=None, protocol="(3,8,1)", options=None, progress=True):
    """Stage II (Device Calibration) of the shared Stage I model on ``device``."""
    p = preset("stage2", scale)
    stage1, _ = stage1_model(scale, options, progress)
    model_cfg, _, data1 = stage1_settings(scale, options)
    train_cfg = TrainConfig(stage="device", epochs=p["epochs"], batch_size=p["batch_size"],
                            lr=p["lr"], lr_step=p["epochs"])
    task = training_protocol(protocol)
    data = {"stage1": data1, "device": device, "records": p["records"], "seed": TRAIN_SEED,
            "protocol": [list(task.recorded), list(task.targets)],
            "crop_seconds": p["crop_seconds"]}

    def make():
        recs = device_records(device, p["records"], TRAIN_SEED + 7, progress)
        return ViewPairDataset(recs, task, crop=_crop(p["crop_seconds"], recs),
                               normalize_by=model_cfg.normalize, seed=1)
    return cached(model_cfg, train_cfg, data, make, init=stage1, progress=progress)
