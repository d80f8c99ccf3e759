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
from ..models.v1_ablations import V1_ABLATIONS
from ..models.variants import ABLATIONS
from ..training import checkpoints, integrity
from . import pipeline, pipeline_deep, pipeline_v1

MANIFEST = checkpoints.SHIPPED_MANIFEST
CARDS = "MODEL_CARDS.md"
COMMAND = "make weights"
#: the NEF-NET v2 variants the chapters train, by their short names
V2_VARIANTS = {"paper": "paper", "ours": "lead-prior"}
V1_ABLATION_PREFIX = "v1-ablation-"
#: the v1 ablation's benchmark row, and the extra training seeds that measure its seed spread
FULL_V1, V1_EXTRA_SEEDS = "(a) full", (1, 2)
#: the extra training seeds of chapter 06's seed study (seed 0: the models above)
SEEDS = (1, 2)


def registry() -> dict[str, tuple[str, dict]]:
    """Shipped model name → (pipeline function, keyword arguments), for the ``book`` scale."""
    out = {}
    for short, variant in V2_VARIANTS.items():
        out[f"v2-{short}-stage1"] = ("stage1_model", {"variant": variant})
        for device in pipeline.DEVICES_12:
            kwargs = {"sim_device": device, "variant": variant}
            out[f"v2-{short}-stage2-{device}"] = ("stage2_model", kwargs)
    for protocol in pipeline.TABLE2_PROTOCOLS:  # (3,8,1): the models above
        out[f"v1-window-{protocol}"] = ("v1_window_model", {"protocol": protocol})
        if protocol == "(3,8,1)":
            continue
        for short, variant in V2_VARIANTS.items():
            for device in pipeline.DEVICES_12:
                kwargs = {"sim_device": device, "variant": variant, "protocol": protocol}
                out[f"v2-{short}-stage2-{device}-{protocol}"] = ("stage2_model", kwargs)
    for name in ABLATIONS:  # "D" is the paper variant, shipped above
        if name == "D":
            continue
        slug, variant = name.lower().replace(" ", "-"), f"ablation {name}"
        out[f"v2-ablation-{slug}-stage1"] = ("stage1_model", {"variant": variant})
        kwargs = {"sim_device": "sim-cpsc", "variant": variant}
        out[f"v2-ablation-{slug}-stage2-sim-cpsc"] = ("stage2_model", kwargs)
    for n in pipeline.TABLE9_RECORDS:  # data efficiency, with and without Stage I
        for pretrained in (True, False):
            if pretrained and n == pipeline.TABLE9_RECORDS[-1]:
                continue  # the standard Stage II model
            kwargs = {"sim_device": "sim-cpsc", "variant": "paper", "records": n}
            kwargs |= {} if pretrained else {"pretrained": False}
            tag = f"{n}-records" + ("" if pretrained else "-scratch")
            out[f"v2-paper-stage2-sim-cpsc-{tag}"] = ("stage2_model", kwargs)
    for n_in, n_sup in pipeline.PANOBENCH_GRID:
        protocol, device = f"panobench({n_in},{n_sup})", "sim-panobench"
        kwargs = {"sim_device": device, "variant": "paper", "protocol": protocol}
        out[f"v2-paper-stage2-{device}-{protocol}"] = ("stage2_model", kwargs)
        kwargs = {"sim_device": device, "protocol": protocol}
        out[f"v1-window-{device}-{protocol}"] = ("v1_window_model", kwargs)
    for task, (recorded, supervised) in pipeline_v1.V1_BEAT_TASKS.items():
        kwargs = {"recorded": list(recorded), "supervised": list(supervised)}
        out[f"v1-beat-{task}"] = ("v1_beat_model", kwargs)
    recorded, supervised = pipeline_v1.V1_BEAT_TASKS["(8,12)"]
    kwargs = {"recorded": list(recorded), "supervised": list(supervised), "deflection_only": True}
    out["v1-beat-(8,12)-deflection-only"] = ("v1_beat_model", kwargs)
    for seed in SEEDS:  # chapter 06's seed study: Table 2's (3,8,1) models with more seeds
        for device in pipeline.DEVICES_12:
            kwargs = {"sim_device": device, "variant": "paper", "seed": seed}
            out[f"v2-paper-stage2-{device}-seed-{seed}"] = ("stage2_model", kwargs)
        out[f"v1-window-(3,8,1)-seed-{seed}"] = ("v1_window_model", {"seed": seed})
    for protocol in pipeline_deep.DEEP_PROTOCOLS:  # NEF-NET v2 Table 2's deep baselines
        for name in pipeline_deep.deep_runs(protocol):
            kwargs = {"name": name, "protocol": protocol}
            out[f"deep-{name.lower()}-{protocol}"] = ("deep_baseline_model", kwargs)
    for short, variant in V2_VARIANTS.items():  # chapter 10's Stage II on the real samples
        out[f"v2-{short}-stage2-{pipeline.REAL_SOURCE}"] = (
            "cinc_stage2_model",
            {"variant": variant},
        )
    for row in V1_ABLATIONS:  # the v1 Table 3 ablation; the full model with two more seeds
        for seed in (0, *V1_EXTRA_SEEDS) if row == FULL_V1 else (0,):
            tag = f"-seed-{seed}" if seed else ""
            out[f"{V1_ABLATION_PREFIX}{_slug(row)}{tag}"] = (
                "v1_ablation_model",
                {"name": row} | ({"seed": seed} if seed else {}),
            )
    return out


def _slug(row: str) -> str:
    """ "(d) L'_Zb only" → "d-lp-zb-only"."""
    text = (
        row.replace("ε", "eps")
        .replace("'", "p ")
        .replace("(", "")
        .replace(")", "")
        .replace("+", "")
    )
    return "-".join(text.lower().replace("_", "-").split()).replace("--", "-")


def half_precision(name: str) -> bool:
    """Whether a shipped model is stored in float16 (the v1 ablation rows and the extra seeds,
    to stay within the weights budget; loading casts back to float32)."""
    return name.startswith(V1_ABLATION_PREFIX) or "-seed-" in name


def _entry(name):
    table = registry()
    if name not in table:
        raise ValueError(f"unknown pretrained model {name!r}; expected one of {sorted(table)}")
    return table[name]


def recipe(name: str, scale="book"):
    """The recipe (:mod:`nefnet.training.recipes`) that trains the shipped model ``name`` at
    ``scale`` — what the book's cache, ``nefnet train --recipe NAME`` and ``make weights``
    run."""
    function, kwargs = _entry(name)
    return recipe_builder(function)(scale=scale, **kwargs)


def recipe_builder(function: str):
    """The recipe builder behind a pipeline function of the registry."""
    from ..training import recipes

    builders = {
        "stage1_model": recipes.stage1,
        "stage2_model": recipes.stage2,
        "v1_window_model": recipes.v1_window,
        "v1_beat_model": recipes.v1_beat,
        "v1_ablation_model": v1_ablation_recipe,
        "deep_baseline_model": recipes.deep_baseline,
        "cinc_stage2_model": pipeline.cinc_stage2_recipe,
    }
    return builders[function]


def v1_ablation_recipe(name, scale="book", seed=0):
    """The recipe of one row of the v1 Table 3 ablation (:func:`pipeline_v1.v1_ablation_model`)."""
    from ..training import recipes

    task = pipeline_v1.V1_ABLATION_TASK
    return recipes.v1_beat(task.recorded, task.supervised, scale, ablation=name, seed=seed)


def plan(name: str, scale="book") -> Path:
    """The checkpoint the chapters load for ``name`` at ``scale`` (nothing is trained)."""
    function, kwargs = _entry(name)
    with checkpoints.planning():
        _, path = trainer(function)(scale=scale, progress=False, **kwargs)
    return path


def train(name: str, scale="book", progress=True):
    """Train (or load from the model cache) ``name`` at ``scale``: ``(model, checkpoint)``."""
    function, kwargs = _entry(name)
    return trainer(function)(scale=scale, progress=progress, **kwargs)


def trainer(function: str):
    """The pipeline function of a registry entry (NEF-NET v2, Nef-Net v1 or deep baselines)."""
    for module in (pipeline, pipeline_v1, pipeline_deep):
        if hasattr(module, function):
            return getattr(module, function)
    raise ValueError(f"no pipeline function {function!r}")


def export(checkpoint, folder, half=False) -> Path:
    """Write the weights-only copy of a training checkpoint (no optimiser state) to ``folder``
    under the same name, atomically; ``half`` stores its floating-point weights as float16."""
    state = torch.load(checkpoint, map_location="cpu", weights_only=True)
    keep = (
        "model",
        "model_config",
        "train_config",
        "data",
        "epoch",
        "history",
        "first_epoch_steps",
    )
    if half:
        state["model"] = {
            k: v.half() if v.is_floating_point() else v for k, v in state["model"].items()
        }
    out = Path(folder) / Path(checkpoint).name
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    try:
        torch.save(integrity.seal({k: state[k] for k in keep if k in state}), tmp)
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
