"""Damaged copies of files for the integrity and adversarial tests."""

from __future__ import annotations

from pathlib import Path

import torch


def flip_a_weight_byte(src: Path, dst: Path, offset: int = 3, bit: int = 0x10) -> None:
    """Copy the checkpoint ``src`` to ``dst`` with one byte inside its largest stored weight
    tensor flipped (``offset`` bytes into it, by ``bit``)."""
    weight = torch.load(src, weights_only=True)["model"]
    name = max(weight, key=lambda k: weight[k].numel())
    raw = weight[name].contiguous().view(-1).view(torch.uint8).numpy().tobytes()[:64]
    blob = bytearray(Path(src).read_bytes())
    at = blob.find(raw)
    assert at > 0, "the tensor's bytes are stored as they are"
    blob[at + offset] ^= bit
    Path(dst).write_bytes(bytes(blob))
