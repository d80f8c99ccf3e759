"""The scale ladder: the headline models trained through their one recipe at ×1, ×4, ×16 and ×64
the training items of the ``book`` scale (and at twice the width at ×16), each rung's runs
checkpointed every epoch under ``recorded/scale/`` so a campaign of hours resumes bit-identically
on another machine, with a manifest of what each run cost.

A *run* is one model at one rung and training seed: NEF-NET v2 (``faithful``: the paper's
configuration; ``lead-prior``: ours) is Stage I and then Stage II (3,8,1) on each 12-lead
device; Nef-Net v1 is one window-mode model on the pooled devices.
"""

from __future__ import annotations

import contextlib
import json
import time
from pathlib import Path

from ..paths import recorded_root
from ..training import checkpoints
from ..training.presets import LADDER
from ..training.recipe import fit
from ..training.recipes import stage1, stage2, v1_window
from ..training.sim_records import DEVICES_12
from .recorded import machine

#: rung → × the training items of ``book``
RUNGS = {name: k for name, (k, _) in LADDER.items()}
#: the models of the ladder
MODELS = ("faithful", "lead-prior", "v1-window")
#: the campaign, cheapest evidence first: (rung, model, seed) — every model at ×1 and ×4, the
#: ×1 seeds, then the top rungs with the two NEF-NET v2 models first, Nef-Net v1 after them
PLAN = (
    [(r, m, 0) for r in ("book-x1", "book-x4") for m in MODELS]
    + [("book-x1", m, s) for s in (1, 2) for m in MODELS]
    + [("book-x16", m, 0) for m in MODELS[:2]]
    + [("book-x4", m, s) for s in (1, 2) for m in MODELS]
    + [("book-x64", m, 0) for m in MODELS[:2]]
    + [("book-x16", m, 1) for m in MODELS[:2]]
    + [("book-x16-c64", "faithful", 0), ("book-x16-c64", "lead-prior", 0)]
    + [("book-x64", m, 1) for m in MODELS[:2]]
    + [("book-x16", "v1-window", 0), ("book-x64", "v1-window", 0)]
)
MANIFEST = "manifest.json"


def ladder_dir() -> Path:
    """``recorded/scale``: the runs' checkpoints and the manifest."""
    return recorded_root() / "scale"


def recipes(rung: str, model: str, seed: int = 0) -> list:
    """The recipes of one run, in training order (Stage I before its Stage II models)."""
    if rung not in RUNGS or model not in MODELS:
        raise ValueError(f"unknown run ({rung!r}, {model!r}); rungs {list(RUNGS)}, models {MODELS}")
    if model == "v1-window":
        return [v1_window("(3,8,1)", rung, seed=seed)]
    first = stage1(rung, model, seed)
    return [first] + [stage2(d, rung, model, seed=seed, stage1_seed=seed) for d in DEVICES_12]


def items_seen(recipe) -> int:
    """Training items of a recipe's whole schedule (an item: one crop and its query views)."""
    n = recipe.epoch_size or recipe.records.n
    return n * recipe.train.epochs


def checkpoint_path(recipe) -> Path:
    return ladder_dir() / "checkpoints" / recipe.file_name()


def read_manifest() -> dict:
    path = ladder_dir() / MANIFEST
    return json.loads(path.read_text()) if path.is_file() else {"runs": {}}


@contextlib.contextmanager
def _manifest_locked():
    """One process at a time reads, changes and writes the manifest: two campaign processes
    may run side by side, each on its own runs (``--run``)."""
    import fcntl

    path = ladder_dir() / ".manifest.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def record_run(name: str, fields: dict, merge=False) -> dict:
    """Set the manifest's entry of ``name`` to ``fields`` (``merge``: add them to it), under
    the manifest's lock; returns the manifest."""
    with _manifest_locked():
        manifest = read_manifest()
        runs = manifest["runs"]
        runs[name] = (runs.get(name, {}) | fields) if merge else dict(fields)
        _write_manifest(manifest)
    return manifest


def _write_manifest(manifest: dict):
    path = ladder_dir() / MANIFEST
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    tmp.replace(path)


def _entry(recipe, rung, model, seed) -> dict:
    """What the manifest says of every recipe: its run, stage, device and budget."""
    return {
        "rung": rung,
        "factor": RUNGS[rung],
        "model": model,
        "seed": seed,
        "stage": recipe.train.stage,
        "device": recipe.data.get("device"),
        "items": items_seen(recipe),
        "records": recipe.records.n if recipe.records else None,
        "epochs": recipe.train.epochs,
    }


def train_recipe(recipe, rung, model, seed, command, progress=True):
    """Train (or resume) one recipe of a run into its checkpoint, recording its epochs, losses
    and wall time in the manifest after every epoch; returns the trained model."""
    path = checkpoint_path(recipe)
    path.parent.mkdir(parents=True, exist_ok=True)
    name = recipe.file_name()
    entry = read_manifest()["runs"].get(name, {})
    if entry.get("done") and path.is_file():
        return checkpoints.load_model(path)
    shipped = checkpoints.shipped_dir() / name
    if shipped.is_file():  # the same recipe shipped with nefnet: its model, not a retrain
        return _adopt_shipped(shipped, recipe, rung, model, seed)
    init = None
    if recipe.init is not None:
        init = checkpoints.load_model(checkpoint_of(recipe.init))
    wall0, t0 = float(entry.get("wall_s", 0.0)), time.perf_counter()

    def record(epoch, loss, done=False):
        entry = _entry(recipe, rung, model, seed) | {
            "epochs_done": epoch,
            "last_loss": loss,
            "wall_s": round(wall0 + time.perf_counter() - t0, 1),
            "machine": machine(),
            "command": command,
            "done": done,
        }
        record_run(name, entry)

    model_, history = fit(
        recipe,
        init=init,
        checkpoint=path,
        resume=True,
        progress=progress,
        on_epoch=lambda done, loss: record(done, float(loss)),
    )
    strip_optimizer(path)
    record(len(history), float(history[-1]), done=True)
    losses = {"first_loss": float(history[0]), "final_loss": float(history[-1])}
    record_run(name, losses, merge=True)
    return model_


def strip_optimizer(path: Path):
    """Drop the optimizer and scheduler state of a finished checkpoint (a third of its size;
    only a resume needs them), atomically."""
    import torch

    state = torch.load(path, map_location="cpu", weights_only=True)
    keep = {k: v for k, v in state.items() if k not in ("optimizer", "scheduler")}
    tmp = path.with_name(path.name + ".tmp")
    torch.save(keep, tmp)
    tmp.replace(path)


def _adopt_shipped(shipped, recipe, rung, model, seed):
    """Record a model shipped with nefnet as the run's (it is this recipe's model)."""
    import torch

    state = torch.load(shipped, map_location="cpu", weights_only=True)
    history = [float(x) for x in state.get("history", [])]
    entry = _entry(recipe, rung, model, seed) | {
        "epochs_done": int(state.get("epoch", 0)),
        "first_loss": history[0] if history else None,
        "final_loss": history[-1] if history else None,
        "shipped": True,
        "done": True,
    }
    record_run(recipe.file_name(), entry)
    return checkpoints.load_model(shipped)


def checkpoint_of(recipe) -> Path:
    """Where a run's trained model is: its checkpoint here, else the shipped file."""
    path = checkpoint_path(recipe)
    shipped = checkpoints.shipped_dir() / recipe.file_name()
    return path if path.is_file() or not shipped.is_file() else shipped


def run(rung, model, seed=0, command="", progress=True):
    """Every recipe of one run, resumably."""
    for recipe in recipes(rung, model, seed):
        train_recipe(recipe, rung, model, seed, command, progress)
