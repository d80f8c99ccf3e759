"""Shared, cached training runs that several chapters use (trained once per configuration).

Used in: notebooks/04_nefnet_v2, notebooks/05_three_stage
"""

from __future__ import annotations

from dataclasses import replace

from .data.torch_dataset import ViewPairDataset
from .modelio import cached
from .models import NefNetV2Config
from .scales import preset
from .simulate import SimConfig
from .simulate.dataset import simulate_dataset
from .train import TrainConfig

#: SimPanobench seeds of the shared training and test sets
TRAIN_SEED, TEST_SEED = 100, 200


def stage1_settings(scale=None):
    """(model config, training config, data description) of the shared Stage I model."""
    p = preset("stage1", scale)
    # deployable variant: inputs normalised by the recorded views, linear output
    model_cfg = replace(NefNetV2Config.preset(p["preset"]), output="linear")
    train_cfg = TrainConfig(epochs=p["epochs"], batch_size=p["batch_size"], lr=p["lr"],
                            lr_step=p["lr_step"])
    data = {"simpanobench": {"records": p["records"], "seed": TRAIN_SEED, "config": "default"},
            "crop_seconds": p["crop_seconds"], "normalize_by": "recorded", "sampling": "any-pairs"}
    return model_cfg, train_cfg, data


def stage1_model(scale=None, progress=True):
    """The shared Stage I (Any-Pairs) NEF-NET v2 on SimPanobench: loaded when cached."""
    model_cfg, train_cfg, data = stage1_settings(scale)

    def make():
        recs = simulate_dataset(data["simpanobench"]["records"], SimConfig(), TRAIN_SEED,
                                progress=progress, workers=2)
        n = int(data["crop_seconds"] * recs[0].sampling_rate)
        return ViewPairDataset(recs, None, crop=(int(0.8 * n), n), normalize_by="recorded")
    return cached(model_cfg, train_cfg, data, make, progress=progress)
