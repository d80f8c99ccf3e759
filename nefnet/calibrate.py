"""Stage III, On-the-fly Calibration (OF-CAL): adapt a trained model to one examination.

Per record: learnable, bounded (dθ, dφ) for every recorded view (limb leads I and II stay fixed:
their electrodes are not on the chest), View Encoder, query conditioning and reconstruction head
frozen; angle embeddings, GAA projections, GeoVT blocks and the offsets are tuned for ~100
iterations on random crops of the first seconds, each recorded view in turn serving as the
target of the others (leave-one-out). The calibrated copy then synthesizes the rest.

Unlike the authors' code — where the offsets never receive gradients — the offsets are trained
and returned, so the recovered electrode displacement can be compared with the truth.

Used in: notebooks/05_three_stage
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass

import numpy as np
import torch

TRAINABLE_PREFIXES = ("embed_recorded", "embed_query", "w_q", "w_k", "blocks")


@dataclass(frozen=True)
class CalibrationConfig:
    iterations: int = 100
    lr: float = 5e-5            # network parts (the paper's Stage III rate)
    offset_lr: float = 2e-2     # the angle offsets
    calib_seconds: float = 5.0  # calibration window at the start of the record
    crop_seconds: float = 2.0   # random crops drawn from it
    max_offset_deg: float = 30.0
    fixed: tuple = ("I", "II")  # views whose angles are not calibrated
    normalize: bool = True      # joint min–max per crop (False: raw mV, for geometric models)
    seed: int = 0


def _crops(x, n, cfg, rng, fs):
    win = min(x.shape[1], int(cfg.calib_seconds * fs))
    length = min(win, int(cfg.crop_seconds * fs))
    start = int(rng.integers(0, win - length + 1))
    crop = x[:, start:start + length]
    if cfg.normalize:
        lo, hi = crop.min(), crop.max()
        crop = (crop - lo) / (hi - lo)
    return torch.as_tensor(crop, dtype=torch.float32)


def calibrate(model, signals, leads, angles, sampling_rate, cfg=CalibrationConfig()):
    """Return ``(calibrated model copy, offsets (R, 2) radians, loss history)``.

    ``signals`` (R, T) are the recorded views (mV), ``angles`` (R, 2) their nominal angles.
    """
    r = len(leads)
    if r < 3:
        raise ValueError(f"On-the-fly Calibration needs ≥ 3 recorded views, got {r}")
    tuned = copy.deepcopy(model).train()
    torch.manual_seed(cfg.seed)
    net_params = []
    for name, p in tuned.named_parameters():
        p.requires_grad_(name.startswith(TRAINABLE_PREFIXES))
        if p.requires_grad:
            net_params.append(p)
    raw = torch.zeros(r, 2, requires_grad=True)
    free = torch.tensor([[0.0 if v in cfg.fixed else 1.0] for v in leads])
    bound = math.radians(cfg.max_offset_deg)
    groups = [{"params": [raw], "lr": cfg.offset_lr}]
    if net_params:
        groups.append({"params": net_params, "lr": cfg.lr})
    opt = torch.optim.AdamW(groups, weight_decay=0.0)
    nominal = torch.as_tensor(np.asarray(angles), dtype=torch.float32)
    rng = np.random.default_rng(cfg.seed)
    others = torch.tensor([[i for i in range(r) if i != j] for j in range(r)])  # (R, R−1)
    history = []
    for _ in range(cfg.iterations):
        crop = _crops(np.asarray(signals), r, cfg, rng, sampling_rate)  # (R, T)
        ang = nominal + bound * torch.tanh(raw) * free  # (R, 2)
        pred = tuned(crop[others], ang[others], ang[:, None])  # (R, 1, T): leave-one-out
        loss = (pred[:, 0] - crop).abs().mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        history.append(loss.item())
    tuned.eval()
    offsets = (bound * torch.tanh(raw) * free).detach().numpy()
    return tuned, offsets, history


def synthesize(model, signals, angles, query_angles, offsets=None, normalize=True):
    """Synthesize query views (Q, T) in mV from recorded views (R, T) with (calibrated) angles."""
    x = np.asarray(signals, dtype=float)
    ang = np.asarray(angles) + (0 if offsets is None else np.asarray(offsets))
    lo, scale = (x.min(), np.ptp(x)) if normalize else (0.0, 1.0)
    f = lambda a: torch.as_tensor(np.asarray(a), dtype=torch.float32)[None]  # noqa: E731
    model.eval()
    with torch.no_grad():
        y = model(f((x - lo) / scale), f(ang), f(query_angles))[0].numpy()
    return y * scale + lo
