"""The trained models the chapters share, shipped with nefnet.

Each is named here with the pipeline call that trains it (:mod:`nefnet.book.pipeline`). The
file of a shipped model is named by its cache key — the hash of its model configuration,
training configuration and data description (simulator version included) — so the chapters'
model cache loads it exactly when the code would train the same model, and a stale file is
never picked up. ``make weights`` (``scripts/make_weights.py``) retrains and exports them, with
``MANIFEST.json`` (SHA-256, configuration, scores, command) and ``MODEL_CARDS.md`` beside them.
"""

from __future__ import annotations

import json
from pathlib import Path

import torch

from ..data.fetch import sha256
from ..training import checkpoints
from . import pipeline

MANIFEST = "MANIFEST.json"
CARDS = "MODEL_CARDS.md"
COMMAND = "make weights"
#: the NEF-NET v2 variants the chapters train, by their short names
V2_VARIANTS = {"paper": "paper", "ours": "lead-prior"}


def registry() -> dict[str, tuple[str, dict]]:
    """Shipped model name → (pipeline function, keyword arguments), for the ``book`` scale."""
    out = {}
    for short, variant in V2_VARIANTS.items():
        out[f"v2-{short}-stage1"] = ("stage1_model", {"variant": variant})
        for device in pipeline.DEVICES_12:
            kwargs = {"sim_device": device, "variant": variant}
            out[f"v2-{short}-stage2-{device}"] = ("stage2_model", kwargs)
    out["v1-window-(3,8,1)"] = ("v1_window_model", {"protocol": "(3,8,1)"})
    for task, (recorded, supervised) in pipeline.V1_BEAT_TASKS.items():
        kwargs = {"recorded": list(recorded), "supervised": list(supervised)}
        out[f"v1-beat-{task}"] = ("v1_beat_model", kwargs)
    recorded, supervised = pipeline.V1_BEAT_TASKS["(8,12)"]
    kwargs = {"recorded": list(recorded), "supervised": list(supervised), "deflection_only": True}
    out["v1-beat-(8,12)-deflection-only"] = ("v1_beat_model", kwargs)
    return out


def _entry(name):
    table = registry()
    if name not in table:
        raise ValueError(f"unknown pretrained model {name!r}; expected one of {sorted(table)}")
    return table[name]


def plan(name: str, scale="book") -> Path:
    """The checkpoint the chapters load for ``name`` at ``scale`` (nothing is trained)."""
    function, kwargs = _entry(name)
    with checkpoints.planning():
        _, path = getattr(pipeline, function)(scale=scale, progress=False, **kwargs)
    return path


def train(name: str, scale="book", progress=True):
    """Train (or load from the model cache) ``name`` at ``scale``: ``(model, checkpoint)``."""
    function, kwargs = _entry(name)
    return getattr(pipeline, function)(scale=scale, progress=progress, **kwargs)


def export(checkpoint, folder) -> Path:
    """Write the weights-only copy of a training checkpoint (no optimiser state) to ``folder``
    under the same name, atomically."""
    state = torch.load(checkpoint, map_location="cpu", weights_only=True)
    keep = ("model", "model_config", "train_config", "data", "epoch", "history")
    out = Path(folder) / Path(checkpoint).name
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    try:
        torch.save({k: state[k] for k in keep if k in state}, tmp)
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    return out


def manifest(folder=None) -> dict:
    """The shipped models' manifest (``{}`` when none are shipped)."""
    path = Path(folder or checkpoints.shipped_dir()) / MANIFEST
    return json.loads(path.read_text()) if path.is_file() else {}


def pretrained(name: str, device="cpu"):
    """A shipped model by name (see ``nefnet/weights/MODEL_CARDS.md``), loaded with
    ``weights_only=True`` after checking its SHA-256."""
    entries = manifest()
    if name not in entries:
        raise ValueError(
            f"no shipped model {name!r}; shipped: {sorted(entries) or 'none (run make weights)'}"
        )
    path = checkpoints.shipped_dir() / entries[name]["file"]
    if not path.is_file() or sha256(path) != entries[name]["sha256"]:
        raise ValueError(f"shipped weights {path} are missing or altered (SHA-256 mismatch)")
    return checkpoints.load_model(path, device)
