"""Integrity of what training writes: a digest of a checkpoint's tensors, stored with them and
verified on load, and a training run that stops at the first non-finite loss or weight.

A digest covers every tensor of the model's state (name, dtype, shape and bytes, in name order),
so a flipped byte anywhere in the weights is refused instead of synthesizing signals tens of mV
off. Checkpoints written before digests existed load unverified; the weights shipped with
nefnet are checked against their manifest's SHA-256 instead
(:func:`nefnet.training.checkpoints.load_model`).
"""

from __future__ import annotations

import hashlib
import math
from pathlib import Path

import torch

DIGEST = "digest"


class TrainingDiverged(RuntimeError):
    """A training loss or weight became NaN or infinite (a failure the user's settings cause:
    the command line reports its message alone)."""

    user_error = True


def tensor_digest(tensors: dict) -> str:
    """SHA-256 of a state dict's tensors (name, dtype, shape and bytes, in name order)."""
    h = hashlib.sha256()
    for name in sorted(tensors):
        t = tensors[name]
        if not isinstance(t, torch.Tensor):
            continue
        t = t.detach().cpu().contiguous().reshape(-1)
        h.update(f"{name}|{t.dtype}|{tuple(tensors[name].shape)}|".encode())
        h.update(t.view(torch.uint8).numpy().tobytes() if t.numel() else b"")
    return h.hexdigest()


def seal(state: dict) -> dict:
    """``state`` with the digest of its ``model`` tensors."""
    return state | {DIGEST: tensor_digest(state["model"])}


def sealed(state: dict) -> bool:
    return DIGEST in state


def verify(state: dict, path) -> dict:
    """``state`` if its tensors match the digest stored with them (or it carries none);
    otherwise a one-line refusal naming the file."""
    if DIGEST in state and tensor_digest(state.get("model", {})) != state[DIGEST]:
        raise ValueError(
            f"checkpoint {path} is corrupt: its weights do not match the digest written with "
            "them (the file was damaged or altered after nefnet wrote it); retrain or restore it"
        )
    return state


def check_loss(loss: float, stage: str, epoch: int, step: int):
    """Stop training at a non-finite loss, naming where it happened (1-based)."""
    if not math.isfinite(loss):
        raise TrainingDiverged(
            f"{stage} training diverged: the loss is {loss} at epoch {epoch + 1}, step {step + 1}"
        )


def check_weights(model, stage: str, epoch: int):
    """Stop training when a weight is NaN or infinite after an epoch."""
    for name, p in model.state_dict().items():
        if p.is_floating_point() and not torch.isfinite(p).all():
            raise TrainingDiverged(
                f"{stage} training diverged: weight {name} is not finite after epoch {epoch + 1}"
            )


def diverged(exc: TrainingDiverged, checkpoint) -> TrainingDiverged:
    """``exc`` completed with what was kept of the run."""
    kept = (
        f"the last good checkpoint {checkpoint} is kept"
        if checkpoint is not None and Path(checkpoint).is_file()
        else "no checkpoint was written"
    )
    return TrainingDiverged(f"{exc}; {kept} — lower the learning rate (--lr) and train again")
