"""Where training runs and in what precision: the torch device (``auto``: a GPU when present)
and bfloat16 autocast for the forward pass (weights and optimiser stay float32)."""

from __future__ import annotations

import contextlib

import torch

#: forward-pass precisions of training
PRECISIONS = ("fp32", "bf16")


def default_device(name: str = "auto") -> torch.device:
    """``"auto"``: CUDA when present, else CPU."""
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(name)


def check_device(text: str) -> str:
    """``cpu``, ``cuda``, ``cuda:N`` or ``auto``; a ValueError when this machine has no such
    device."""
    if text == "auto":
        return text
    try:
        device = torch.device(text)
    except (RuntimeError, ValueError):
        raise ValueError(f"unknown device {text!r}; expected cpu, cuda, cuda:N or auto") from None
    if device.type == "cuda":
        if not torch.cuda.is_available():
            raise ValueError(f"{text!r}: this machine has no CUDA device; use cpu or auto")
        if device.index is not None and device.index >= torch.cuda.device_count():
            raise ValueError(f"{text!r}: only {torch.cuda.device_count()} CUDA device(s) here")
    elif device.type != "cpu":
        raise ValueError(f"device {text!r} is not supported; expected cpu or cuda")
    return text


def autocast(device, precision: str = "fp32"):
    """A context for the forward pass: bfloat16 autocast on ``device`` ("bf16"), or nothing."""
    if precision not in PRECISIONS:
        raise ValueError(f"unknown precision {precision!r}; expected one of {PRECISIONS}")
    if precision == "fp32":
        return contextlib.nullcontext()
    return torch.autocast(torch.device(device).type, dtype=torch.bfloat16)
