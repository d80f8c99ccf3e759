"""The book's shared NEF-NET v2 models: each the model of one recipe
(:mod:`nefnet.training.recipes`), trained once and cached
(:func:`nefnet.training.recipe.cached`), so chapters and scripts load the same weights:

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

from ..training import recipes
from ..training.recipe import cached
from ..training.recipes import training_protocol  # noqa: F401 (the chapters' name)
from ..training.sim_records import (  # noqa: F401 (the chapters' names)
    DEVICES_12,
    TEST_SEED,
    TRAIN_SEED,
    device_labels,
    device_records,
    pooled_records,
    stage2_labels,
    stage2_records,
)
from .scales import preset

#: the protocols of the Table 2 analogue (chapter 06), reconstruction then synthesis
TABLE2_PROTOCOLS = ("(3,9)", "(8,12)", "(3,8,1)", "(5,6,1)")
#: (recorded, supervised) Panobench sets of the Table 3 analogue at book scale (shipped)
PANOBENCH_GRID = tuple(tuple(cell) for cell in preset("06_panobench", "book")["grid"])
#: device records of the data-efficiency study (Table 9) at book scale: 1, 5, 10, 50, 100 % of
#: Stage II's 200 (shipped)
TABLE9_RECORDS = tuple(preset("07_ablations", "book")["table9_records"])


def stage1_model(scale=None, variant="paper", progress=True, device="cpu", seed=0):
    """The shared Stage I (Any-Pairs) NEF-NET v2 on SimPanobench (``seed``: its training seed;
    0 is the shipped one): loaded when cached. Returns ``(model, checkpoint path)``."""
    return cached(recipes.stage1(scale, variant, seed), progress=progress, device=device)


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
    stage1_seed=0,
):
    """Stage II (Device Calibration) of the shared Stage I model of ``variant`` on the
    SimPanobench device ``sim_device`` (:func:`nefnet.training.recipes.stage2`)."""
    recipe = recipes.stage2(
        sim_device, scale, variant, protocol, records, pretrained, seed, stage1_seed
    )
    return cached(recipe, progress=progress, device=device)


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
    simulated device."""
    recipe = recipes.real_stage2(
        len(records), source, records_digest(records), scale, protocol, variant
    )
    return cached(recipe, records, progress=progress, device=device)


#: the real dataset whose Stage II models the book ships (chapter 10)
REAL_SOURCE = "cinc2021"


def cinc_windows(data_dir=None) -> list:
    """The training windows of chapter 10: the CinC 2021 samples present, split as the chapter
    splits them (empty with fewer than two records)."""
    from ..data.parts import TRAIN_FRACTION, real_windows
    from ..data.samples import real_records

    cinc = real_records(data_dir).get("CinC 2021", [])
    return real_windows(cinc, "train", TRAIN_FRACTION) if len(cinc) > 1 else []


def cinc_stage2_recipe(scale=None, variant="paper", data_dir=None):
    """The recipe of :func:`cinc_stage2_model` (it reads the windows to name their digest)."""
    windows = cinc_windows(data_dir)
    if not windows:
        raise ValueError("no CinC 2021 records: chapter 10's Stage II needs the real samples")
    return recipes.real_stage2(
        len(windows), REAL_SOURCE, records_digest(windows), scale, "(3,8,1)", variant
    )


def cinc_stage2_model(scale=None, variant="paper", data_dir=None, progress=True, device="cpu"):
    """Chapter 10's Stage II of ``variant`` on the CinC 2021 samples' training windows: the
    model :func:`real_stage2_model` trains from them (shipped for the samples nefnet's tests
    use; any other data trains its own)."""
    windows = cinc_windows(data_dir)
    return real_stage2_model(
        windows, REAL_SOURCE, scale, variant=variant, progress=progress, device=device
    )
