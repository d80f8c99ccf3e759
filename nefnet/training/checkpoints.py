"""Saving, loading and naming trained models.

A checkpoint holds the weights, the model configuration and the training configuration; loading
rebuilds the model from its stored configuration. The model cache
(:func:`nefnet.training.recipe.cached`) trains a recipe once — the hash of its model config,
training config and data description names the file — so chapters that need the same model
load it instead of retraining.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import warnings
from dataclasses import asdict
from pathlib import Path

import torch

from ..data.fetch import sha256
from ..models import NefNetV1, NefNetV1Config, NefNetV2, NefNetV2Config
from ..models.deep_baselines import BY_SLUG, DEEP_BASELINES
from ..paths import models_root
from . import integrity
from .stored_config import config_dict
from .train import TrainConfig, default_device, load_checkpoint


def model_cache_dir() -> Path:
    """``$NEFNET_MODELS`` or ``<results>/models`` (:func:`nefnet.paths.models_root`)."""
    return models_root()


#: checkpoint "arch" → (model class, config class); the name prefixes cached files. The deep
#: baselines' arch is their configuration's ``baseline`` field ("e-lstm", "sssd", …)
ARCHES = {"nefnet_v2": (NefNetV2, NefNetV2Config), "nefnet_v1": (NefNetV1, NefNetV1Config)}
ARCHES |= {slug: DEEP_BASELINES[name] for slug, name in BY_SLUG.items()}


def stored_arch(stored: dict) -> str:
    """The architecture of a stored model configuration."""
    if "baseline" in stored:
        if stored["baseline"] not in BY_SLUG:
            raise KeyError(f"unknown baseline {stored['baseline']!r}")
        return stored["baseline"]
    return "nefnet_v1" if "points" in stored else "nefnet_v2"


def arch_of(model_cfg) -> str:
    for name, (_, cfg_cls) in ARCHES.items():
        if isinstance(model_cfg, cfg_cls):
            return name
    raise TypeError(f"no model architecture for configuration {type(model_cfg).__name__}")


#: the shipped weights' manifest (written by ``make weights``)
SHIPPED_MANIFEST = "MANIFEST.json"


def shipped_dir() -> Path:
    """Trained weights shipped with nefnet (``nefnet/weights``, written by ``make weights``)."""
    return Path(__file__).resolve().parent.parent / "weights"


def _shipped_entries() -> dict:
    manifest = shipped_dir() / SHIPPED_MANIFEST
    return json.loads(manifest.read_text()) if manifest.is_file() else {}


def verify_shipped(path: Path):
    """Refuse a file of ``nefnet/weights`` whose SHA-256 is not its manifest's (the shipped
    weights carry no tensor digest); other files pass."""
    path = Path(path)
    if path.resolve().parent != shipped_dir():
        return
    want = {e["file"]: e["sha256"] for e in _shipped_entries().values()}.get(path.name)
    if want is not None and sha256(path) != want:
        raise ValueError(
            f"shipped weights {path} are altered or damaged (SHA-256 differs from "
            f"{SHIPPED_MANIFEST}); restore the file from the repository"
        )


def resolve(checkpoint) -> Path:
    """A checkpoint file, or the file of the shipped model named ``checkpoint``
    (``nefnet/weights/MODEL_CARDS.md``); a name that is neither is refused naming both."""
    path = Path(checkpoint)
    if path.is_file():
        return path
    entries = _shipped_entries()
    if str(checkpoint) in entries:
        return shipped_dir() / entries[str(checkpoint)]["file"]
    raise FileNotFoundError(
        f"checkpoint {checkpoint} not found: expected a checkpoint file or a shipped model's "
        f"name (nefnet/weights/MODEL_CARDS.md lists {len(entries)})"
    )


def is_nefnet_checkpoint(path) -> bool:
    """Whether ``path`` holds a checkpoint nefnet wrote (one ``--overwrite`` may replace)."""
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except Exception:
        return False
    return isinstance(state, dict) and "model_config" in state and "model" in state


def retrain_requested() -> bool:
    """``$NEFNET_RETRAIN`` set (not 0/false): train instead of loading shipped weights."""
    return os.environ.get("NEFNET_RETRAIN", "").strip().lower() not in ("", "0", "false", "no")


_PLANNING = []


@contextlib.contextmanager
def planning():
    """Inside this block :func:`cached` only names the checkpoint it would load or train."""
    _PLANNING.append(True)
    try:
        yield
    finally:
        _PLANNING.pop()


def cache_key(model_cfg, train_cfg: TrainConfig, data: dict) -> str:
    blob = json.dumps(
        {"model": config_dict(model_cfg), "train": asdict(train_cfg), "data": data},
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def load_model(path, device="cpu", expect=None):
    """Rebuild a NEF-NET v2, Nef-Net v1 or deep-baseline model from a checkpoint written by
    :func:`~nefnet.training.train.train` (the architecture is told by its stored configuration),
    in eval mode on ``device``. ``expect`` ("nefnet_v2" or "nefnet_v1") refuses the other
    architecture. The model carries ``trained_on`` (the stored data description, with its
    sampling rate), ``epochs_done`` and ``history`` (per-epoch losses); a partially trained
    checkpoint warns when loaded."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"checkpoint {path} not found")
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
        if not isinstance(state, dict) or "model_config" not in state:
            what = "no model_config" if isinstance(state, dict) else f"a {type(state).__name__}"
            raise ValueError(f"{path} is not a nefnet model checkpoint (it holds {what})")
        stored = state["model_config"]
        arch = stored_arch(stored)
        model_cls, cfg_cls = ARCHES[arch]
        cfg = cfg_cls(**stored)
    except ValueError:
        raise
    except (KeyError, TypeError) as exc:
        raise ValueError(f"{path} is not a nefnet model checkpoint ({exc})") from exc
    except Exception as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0].split(". ")[0]
        raise ValueError(f"checkpoint {path} is unreadable ({first[:120]})") from exc
    integrity.verify(state, path)
    if not integrity.sealed(state):
        verify_shipped(path)
    if expect is not None and arch != expect:
        raise ValueError(f"checkpoint {path} holds a {arch} model; expected a {expect} one")
    model = model_cls(cfg)
    try:
        model.load_state_dict(state["model"])
    except (KeyError, RuntimeError, TypeError, AttributeError) as exc:
        raise ValueError(
            f"checkpoint {path}: its weights do not match its stored {arch} configuration "
            f"({weights_mismatch(model, state['model'])})"
        ) from exc
    model.trained_on = dict(state.get("data") or {})
    model.epochs_done = int(state.get("epoch", 0))
    model.history = [float(x) for x in state.get("history", [])]  # mean loss of each epoch
    planned = int((state.get("train_config") or {}).get("epochs", 0))
    if planned and model.epochs_done < planned:
        warnings.warn(
            f"checkpoint {path} is partially trained ({model.epochs_done} of {planned} epochs); "
            "resume it with --resume to finish",
            stacklevel=2,
        )
    return model.to(default_device(device)).eval()


def is_planning() -> bool:
    """Whether a :func:`planning` block is open."""
    return bool(_PLANNING)


def complete(path, model_cfg, train_cfg) -> bool:
    """Whether the checkpoint at ``path`` (made with these settings) finished its epochs."""
    state = load_checkpoint(path, config_dict(model_cfg), asdict(train_cfg))
    return int(state["epoch"]) >= train_cfg.epochs


def weights_mismatch(model, weights) -> str:
    """What differs between ``model``'s tensors and ``weights``, in a few words: counts of
    missing, unexpected and reshaped tensors with the first of each."""
    if not isinstance(weights, dict):
        return f"the weights are a {type(weights).__name__}, not a table of tensors"
    want = model.state_dict()
    parts = []
    for what, names in (
        ("missing", [k for k in want if k not in weights]),
        ("unexpected", [k for k in weights if k not in want]),
        (
            "of another shape",
            [
                k
                for k in want
                if k in weights and tuple(getattr(weights[k], "shape", ())) != tuple(want[k].shape)
            ],
        ),
    ):
        if names:
            more = f" and {len(names) - 2} more" if len(names) > 2 else ""
            parts.append(f"{len(names)} {what}: {', '.join(names[:2])}{more}")
    return "; ".join(parts) or "the tensors do not load"
