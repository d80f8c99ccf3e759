"""The training presets of the shared models, one per stage and scale — the numbers every
:mod:`recipe <nefnet.training.recipes>` is built from, and nowhere else.

Scales: ``smoke`` (tests), ``book`` (the built book) and ``paper`` (the papers' settings, for a
GPU). :func:`resolve` turns ``None`` into ``$NEFNET_SCALE`` or ``"book"``.
"""

from __future__ import annotations

import os
from types import MappingProxyType

SCALES = ("smoke", "book", "paper")

#: the papers' AdamW learning rates of Stage I, II and III (upstream code facts)
PAPER_LR = {"pretrain": 1e-3, "device": 5e-4, "onthefly": 5e-5}

#: stage → scale → settings; every scale of a stage defines the same keys
TRAINING = {
    # the shared NEF-NET v2 Stage I model (chapters 04 and 05 load the same cached model)
    "stage1": {
        # queries: query views per item (the encoder's work is shared by them)
        "smoke": {
            "preset": "smoke",
            "records": 24,
            "epochs": 2,
            "batch_size": 8,
            "crop_seconds": 1.25,
            "lr": 2e-3,
            "lr_step": 15,
            "queries": 2,
        },
        "book": {
            "preset": "book",
            "records": 400,
            "epochs": 20,
            "batch_size": 16,
            "crop_seconds": 2.5,
            "lr": 2e-3,
            "lr_step": 14,
            "queries": 4,
        },
        "paper": {
            "preset": "paper",
            "records": 20000,
            "epochs": 200,
            "batch_size": 32,
            "crop_seconds": 9.2,
            "lr": PAPER_LR["pretrain"],
            "lr_step": 50,
            "queries": 4,
        },
    },
    # Stage II (Device Calibration) of the shared Stage I model, per device
    "stage2": {
        "smoke": {"records": 16, "epochs": 1, "batch_size": 8, "crop_seconds": 1.25, "lr": 5e-4},
        "book": {"records": 200, "epochs": 4, "batch_size": 16, "crop_seconds": 2.5, "lr": 5e-4},
        "paper": {
            "records": 5000,
            "epochs": 50,
            "batch_size": 32,
            "crop_seconds": 9.2,
            "lr": PAPER_LR["device"],
        },
    },
    # Nef-Net v1 training runs (chapter 03; the window-mode model also in chapter 05)
    "v1": {
        # beat mode (chapter 03) and continuous-window mode (chapter 05, window_*)
        "smoke": {
            "preset": "smoke",
            "records": 16,
            "epochs": 1,
            "batch_size": 16,
            "lr": 1e-3,
            "lr_step": 20,
            "beat_length": 512,
            "window_records": 16,
            "window_epochs": 1,
            "window_lr": 1e-3,
            "window_lr_step": 20,
            "ablation_records": 16,
            "ablation_epochs": 1,
        },
        "book": {
            "preset": "book",
            "records": 60,
            "epochs": 6,
            "batch_size": 16,
            "lr": 2e-3,
            "lr_step": 5,
            "beat_length": 512,
            "window_records": 200,
            "window_epochs": 15,
            "window_lr": 1e-3,
            "window_lr_step": 8,
            "ablation_records": 100,
            "ablation_epochs": 15,
        },
        "paper": {
            "preset": "paper",
            "records": 20000,
            "epochs": 100,
            "batch_size": 64,
            "lr": 1e-3,
            "lr_step": 40,
            "beat_length": 512,
            "window_records": 20000,
            "window_epochs": 100,
            "window_lr": 1e-3,
            "window_lr_step": 40,
            "ablation_records": 20000,
            "ablation_epochs": 100,
        },
    },
}


def resolve(scale=None) -> str:
    """``scale`` if given, else ``$NEFNET_SCALE``, else ``"book"``; validated."""
    value = scale if scale is not None else os.environ.get("NEFNET_SCALE") or "book"
    if value not in SCALES:
        raise ValueError(f"unknown scale {value!r}; expected one of {SCALES}")
    return value


def training_preset(stage: str, scale=None) -> MappingProxyType:
    """The read-only training preset of ``stage`` ("stage1", "stage2", "v1") at ``scale``."""
    if stage not in TRAINING:
        raise ValueError(f"no training preset {stage!r}; known: {sorted(TRAINING)}")
    return MappingProxyType(dict(TRAINING[stage][resolve(scale)]))
