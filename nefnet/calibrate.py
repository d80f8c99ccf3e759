"""Stage III, On-the-fly Calibration (OF-CAL): adapt a trained model to one examination.

Per record: learnable, bounded (dθ, dφ) for every input view (limb leads I and II stay fixed:
their electrodes are not on the chest), View Encoder, query conditioning, lead path and
reconstruction head frozen; angle embeddings, GAA projections, GeoVT blocks and the offsets are
tuned for ~100 iterations on random crops of the first seconds. The targets are either the other
leads the examination recorded (the authors' code: with (3,8,1), V1 and V4–V6 are predicted from
I, II, V3) or the input views themselves, each predicted from the others (leave-one-out). The
calibrated copy then synthesizes the rest.

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

from .normalization import model_mode, scaling

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
    targets: str = "recorded"   # "recorded": the examination's other recorded leads are the
                                # targets (the authors' code); "mutual": the input views predict
                                # each other (leave-one-out)
    seed: int = 0

    def __post_init__(self):
        if self.targets not in ("recorded", "mutual"):
            raise ValueError(f"targets must be 'recorded' or 'mutual', got {self.targets!r}")


def _crop(x, n_in, mode, cfg, rng, fs):
    """A random crop of the calibration window (all rows of ``x``), scaled as the model was
    trained: by its first ``n_in`` rows (the model's inputs), or jointly ("all")."""
    win = min(x.shape[1], int(cfg.calib_seconds * fs))
    length = min(win, int(cfg.crop_seconds * fs))
    start = int(rng.integers(0, win - length + 1))
    crop = x[:, start:start + length]
    lo, scale = scaling(crop[:n_in], mode, crop[n_in:])
    return torch.as_tensor((crop - lo) / scale, dtype=torch.float32)


def _trainable(model):
    """A copy of ``model`` with only the angle-related parts trainable (eval mode: the frozen
    parts add no dropout noise). Returns (copy, its trainable parameters)."""
    tuned = copy.deepcopy(model).eval()
    params = []
    for name, p in tuned.named_parameters():
        p.requires_grad_(name.startswith(TRAINABLE_PREFIXES))
        if p.requires_grad:
            params.append(p)
    return tuned, params


def calibrate(model, signals, leads, angles, sampling_rate, cfg=CalibrationConfig(),
              targets=None, target_angles=None):
    """Return ``(calibrated model copy, offsets (R, 2) radians, loss history)``.

    ``signals`` (R, T) are the model's input views (mV), ``angles`` (R, 2) their nominal
    angles. The calibration targets are ``targets`` (Q, T) at ``target_angles`` (Q, 2) — other
    leads the examination recorded, as the authors' code does — or, without them, the input
    views themselves, each predicted from the others (leave-one-out).
    """
    r = len(leads)
    if targets is None and r < 3:
        raise ValueError(f"leave-one-out calibration needs ≥ 3 input views, got {r}")
    if targets is not None and (target_angles is None or len(targets) != len(target_angles)):
        raise ValueError("give target_angles (Q, 2) for the Q calibration targets")
    mode = model_mode(model)
    tuned, net_params = _trainable(model)
    torch.manual_seed(cfg.seed)
    raw = torch.zeros(r, 2, requires_grad=True)
    free = torch.tensor([[0.0 if v in cfg.fixed else 1.0] for v in leads])
    bound = math.radians(cfg.max_offset_deg)
    groups = [{"params": [raw], "lr": cfg.offset_lr}]
    if net_params:
        groups.append({"params": net_params, "lr": cfg.lr})
    opt = torch.optim.AdamW(groups, weight_decay=0.0)
    nominal = torch.as_tensor(np.asarray(angles), dtype=torch.float32)
    rng = np.random.default_rng(cfg.seed)
    x = np.asarray(signals) if targets is None else np.vstack([signals, targets])
    q_ang = None if targets is None else torch.as_tensor(np.asarray(target_angles),
                                                          dtype=torch.float32)
    others = torch.tensor([[i for i in range(r) if i != j] for j in range(r)])  # (R, R−1)
    history = []
    for _ in range(cfg.iterations):
        crop = _crop(x, r, mode, cfg, rng, sampling_rate)  # (R [+ Q], T)
        ang = nominal + bound * torch.tanh(raw) * free  # (R, 2)
        if targets is None:  # each input view from the others: (R, 1, T)
            pred, goal = tuned(crop[others], ang[others], ang[:, None])[:, 0], crop
        else:  # the other recorded leads from the inputs: (1, Q, T)
            pred, goal = tuned(crop[None, :r], ang[None], q_ang[None])[0], crop[r:]
        loss = (pred - goal).abs().mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        history.append(loss.item())
    offsets = (bound * torch.tanh(raw) * free).detach().numpy()
    return tuned, offsets, history


def synthesize(model, signals, angles, query_angles, offsets=None):
    """Synthesize query views (Q, T) in mV from recorded views (R, T) with (calibrated) angles,
    the inputs scaled as ``model`` was trained. A model trained on the papers' joint range
    ("all") gets the recorded views' range: the targets' range is unknown at deployment."""
    x = np.asarray(signals, dtype=float)
    ang = np.asarray(angles) + (0 if offsets is None else np.asarray(offsets))
    mode = model_mode(model)
    lo, scale = scaling(x, "recorded" if mode == "all" else mode)
    f = lambda a: torch.as_tensor(np.asarray(a), dtype=torch.float32)[None]  # noqa: E731
    model.eval()
    with torch.no_grad():
        y = model(f((x - lo) / scale), f(ang), f(query_angles))[0].numpy()
    return y * scale + lo
