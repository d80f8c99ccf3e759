"""The training presets of the shared models, one per stage and scale — the numbers every
:mod:`recipe <nefnet.training.recipes>` is built from, and nowhere else.

Scales: ``smoke`` (tests), ``book`` (the built book) and ``paper`` (the papers' settings, for a
GPU). :func:`resolve` turns ``None`` into ``$NEFNET_SCALE`` or ``"book"``.

The rungs of the scale ladder (:data:`LADDER`: ``book-x1`` … ``book-x64``, and ``book-x16-c64``
at twice the width) are training scales only: ``book`` with k× the training items, the number
of distinct records growing with them up to a cap (:func:`rung_budget`). ``book-x1`` is the
original ``book`` budget under a name that stays fixed whatever the book later trains with;
:data:`PROMOTED` moves a model's ``book`` budget to its best rung.
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
    # the deep baselines of NEF-NET v2's Table 2 (E-LSTM, ECGRecover, EKGAN, SSSD), each from
    # scratch on a protocol's fixed leads, pooled over the four 12-lead devices; "size" picks the
    # model sizes of nefnet.models.deep_baselines.SIZES; SSSD trains diffusion_factor × the
    # epochs at diffusion_lr (a denoiser learns every noise level: 15 epochs of 200 crops are
    # 195 steps)
    "deep": {
        "smoke": {
            "size": "smoke",
            "diffusion_factor": 1,
            "diffusion_lr": 1e-3,
            "records": 16,
            "epochs": 1,
            "batch_size": 8,
            "crop_seconds": 1.25,
            "lr": 1e-3,
            "lr_step": 20,
        },
        "book": {
            "size": "book",
            "diffusion_factor": 4,
            "diffusion_lr": 2e-3,
            "records": 200,
            "epochs": 15,
            "batch_size": 16,
            "crop_seconds": 2.5,
            "lr": 1e-3,
            "lr_step": 8,
        },
        "paper": {
            "size": "paper",
            "diffusion_factor": 1,
            "diffusion_lr": 1e-3,
            "records": 20000,
            "epochs": 100,
            "batch_size": 32,
            "crop_seconds": 9.2,
            "lr": 1e-3,
            "lr_step": 40,
        },
    },
}


#: ladder rung → (× training items of ``book``, model width preset)
LADDER = {
    "book-x1": (1, "book"),
    "book-x4": (4, "book"),
    "book-x16": (16, "book"),
    "book-x64": (64, "book"),
    "book-x16-c64": (16, "book-c64"),
}
#: the most distinct records a rung trains on, per stage (×16 of ``book`` for Stage I); beyond
#: it a rung trains more epochs on them
RECORD_CAP = {
    "stage1": 6400,
    "stage2": 1600,
    "window": 1600,
    "beat": 960,
    "ablation": 1600,
    "deep": 1600,
}


def rung_budget(records: int, epochs: int, lr_step: int, k: int, cap: int):
    """``(records, epochs, lr_step)`` of ``k``× the items of (records, epochs): the records grow
    with ``k`` up to ``cap``, the epochs make up the rest; the learning-rate step stays at the
    same fraction of the schedule."""
    n = min(records * k, max(cap, records))
    total = records * epochs * k
    if total % n:
        raise ValueError(f"{k}× {records} records × {epochs} epochs does not divide by {n}")
    e = total // n
    return n, e, max(1, round(lr_step * e / epochs))


def _rung(stage: str, k: int, width: str) -> dict:
    """The ``book`` preset of ``stage`` with ``k``× its training items at model width ``width``."""
    p = dict(TRAINING[stage]["book"])
    if stage == "stage1":  # the width is Stage I's model (Stage II keeps it)
        p["preset"] = width
    if stage == "v1":
        for prefix, cap in (("", "beat"), ("window_", "window")):
            r, e, s = rung_budget(
                p[f"{prefix}records"],
                p[f"{prefix}epochs"],
                p[f"{prefix}lr_step"],
                k,
                RECORD_CAP[cap],
            )
            p |= {f"{prefix}records": r, f"{prefix}epochs": e, f"{prefix}lr_step": s}
        r, e, _ = rung_budget(
            p["ablation_records"], p["ablation_epochs"], 1, k, RECORD_CAP["ablation"]
        )
        return p | {"ablation_records": r, "ablation_epochs": e}
    r, e, s = rung_budget(
        p["records"], p["epochs"], p.get("lr_step", p["epochs"]), k, RECORD_CAP[stage]
    )
    return p | {"records": r, "epochs": e} | ({"lr_step": s} if "lr_step" in p else {})


for _name, (_k, _width) in LADDER.items():
    for _stage in TRAINING:
        TRAINING[_stage][_name] = _rung(_stage, _k, _width)

#: the rung whose budget the ``book`` scale trains each of the ladder's models with: its best
#: rung on the ladder's scores so far (chapter 12; ``tests/test_promotion.py`` checks the choice
#: against ``recorded/scale/scores.json``); a model not named trains at ``book-x1``
PROMOTED = {"v1-window": "book-x4", "lead-prior": "book-x16"}
#: the preset keys a promotion sets where a model has its own keys in a shared preset: model →
#: (stage, key prefix); a NEF-NET v2 variant (a key of PROMOTED not here) shares Stage I's and
#: Stage II's presets with the other variants, so its recipes read the rung's presets instead
#: (:func:`variant_scale`)
PROMOTED_KEYS = {"v1-window": ("v1", "window_")}


def _promote(model: str, rung: str):
    stage, prefix = PROMOTED_KEYS[model]
    keys = {k: v for k, v in TRAINING[stage][rung].items() if k.startswith(prefix)}
    TRAINING[stage]["book"] = TRAINING[stage]["book"] | keys


for _model, _to in PROMOTED.items():
    if _model in PROMOTED_KEYS:
        _promote(_model, _to)


def variant_scale(scale, variant: str) -> str:
    """The scale whose Stage I and Stage II presets a NEF-NET v2 ``variant`` trains with at
    ``scale``: its promoted rung at ``book``, else ``scale`` itself (a rung stays a rung)."""
    if scale in LADDER:
        return scale
    scale = resolve(scale)
    if scale == "book" and variant in PROMOTED and variant not in PROMOTED_KEYS:
        return PROMOTED[variant]
    return scale


def resolve(scale=None) -> str:
    """``scale`` if given, else ``$NEFNET_SCALE``, else ``"book"``; validated."""
    value = scale if scale is not None else os.environ.get("NEFNET_SCALE") or "book"
    if value not in SCALES:
        raise ValueError(f"unknown scale {value!r}; expected one of {SCALES}")
    return value


def training_preset(stage: str, scale=None) -> MappingProxyType:
    """The read-only training preset of ``stage`` ("stage1", "stage2", "v1", "deep") at
    ``scale``."""
    if stage not in TRAINING:
        raise ValueError(f"no training preset {stage!r}; known: {sorted(TRAINING)}")
    scale = scale if scale in LADDER else resolve(scale)
    return MappingProxyType(dict(TRAINING[stage][scale]))
