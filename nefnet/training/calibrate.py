"""Stage III, On-the-fly Calibration (OF-CAL): adapt a trained model to one examination.

Per record, a copy of the model gets its own bounded (dθ, dφ) for every input view
(:class:`~nefnet.models.encoding.CalibratableAngles`; limb leads I and II stay fixed: their
electrodes are not on the chest). The model says which other parameters Stage III tunes
(``calibration_parameters``: for NEF-NET v2 the angle embeddings, GAA projections and GeoVT
blocks; nothing for dipole-LSQ); everything else stays frozen. They are tuned for ~100 iterations
on random crops of the first seconds. The targets are either the other leads the examination
recorded (the authors' code: with (3,8,1), V1 and V4–V6 are predicted from I, II, V3) or the
input views themselves, each predicted from the others (leave-one-out). The calibrated copy,
offsets included, then synthesizes the rest.

Unlike the authors' code — where the offsets never receive gradients — the offsets are trained
and returned, so the recovered electrode displacement can be compared with the truth.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np
import torch

from ..models.layers import device_of
from ..normalization import model_mode, scaling
from .presets import PAPER_LR


@dataclass(frozen=True)
class CalibrationConfig:
    iterations: int = 100
    lr: float = PAPER_LR["onthefly"]  # network parts (the paper's Stage III rate)
    offset_lr: float = 2e-2  # the angle offsets
    calib_seconds: float = 5.0  # calibration window at the start of the record
    crop_seconds: float = 2.0  # random crops drawn from it
    fixed: tuple = ("I", "II")  # views whose angles are not calibrated
    targets: str = "recorded"  # "recorded": the examination's other recorded leads are the
    # targets (the authors' code); "mutual": the input views predict
    # each other (leave-one-out)
    seed: int = 0

    def __post_init__(self):
        if self.targets not in ("recorded", "mutual"):
            raise ValueError(f"targets must be 'recorded' or 'mutual', got {self.targets!r}")
        if int(self.iterations) < 1:
            raise ValueError(f"calibration iterations must be ≥ 1, got {self.iterations}")
        for name in ("lr", "offset_lr", "calib_seconds", "crop_seconds"):
            value = float(getattr(self, name))
            if not np.isfinite(value) or value <= 0:
                raise ValueError(f"calibration {name} must be a finite number > 0, got {value}")


def _crop(x, n_in, mode, cfg, rng, fs, device):
    """A random crop of the calibration window (all rows of ``x``), scaled as the model was
    trained: by its first ``n_in`` rows (the model's inputs), or jointly ("all")."""
    win = min(x.shape[1], int(cfg.calib_seconds * fs))
    length = min(win, int(cfg.crop_seconds * fs))
    start = int(rng.integers(0, win - length + 1))
    crop = x[:, start : start + length]
    lo, scale = scaling(crop[:n_in], mode, crop[n_in:])
    return torch.as_tensor((crop - lo) / scale, dtype=torch.float32, device=device)


def _calibratable(model, leads, cfg):
    """A copy of ``model`` in eval mode (frozen parts add no dropout noise) with offsets for
    ``leads``; only the offsets and the model's ``calibration_parameters`` can learn. Returns
    (copy, optimiser)."""
    tuned = copy.deepcopy(model).eval()
    for p in tuned.parameters():
        p.requires_grad_(False)
    offsets = tuned.enable_offsets(len(leads), fixed=[v in cfg.fixed for v in leads])
    network = tuned.calibration_parameters()
    for p in network:
        p.requires_grad_(True)
    groups = [{"params": list(offsets.parameters()), "lr": cfg.offset_lr}]
    if network:
        groups.append({"params": network, "lr": cfg.lr})
    return tuned, torch.optim.AdamW(groups, weight_decay=0.0)


def _loss(tuned, crop, r, nominal, q_ang):
    """Mean absolute error of one calibration step on a scaled crop (R [+ Q], T)."""
    if q_ang is None:  # leave-one-out: each input view from the others, (R, 1, T)
        mask = ~torch.eye(r, dtype=torch.bool, device=crop.device)  # (R, R): view j absent
        queries = tuned.offsets(nominal)[:, None]  # (R, 1, 2): each view's calibrated angle
        pred = tuned(
            crop[None].expand(r, r, -1), nominal[None].expand(r, r, 2), queries, input_mask=mask
        )[:, 0]
        return (pred - crop).abs().mean()
    pred = tuned(crop[None, :r], nominal[None], q_ang[None])[0]  # (Q, T)
    return (pred - crop[r:]).abs().mean()


def calibrate(
    model,
    signals,
    leads,
    angles,
    sampling_rate,
    cfg=CalibrationConfig(),
    targets=None,
    target_angles=None,
):
    """Return ``(calibrated model copy, offsets (R, 2) radians, loss history)``.

    ``signals`` (R, T) are the model's input views (mV), ``angles`` (R, 2) their nominal
    angles. The calibration targets are ``targets`` (Q, T) at ``target_angles`` (Q, 2) — other
    leads the examination recorded, as the authors' code does — or, without them, the input
    views themselves, each predicted from the others (leave-one-out). The returned copy applies
    its offsets itself: give it the same nominal ``angles``.
    """
    r = len(leads)
    if targets is None and r < 3:
        raise ValueError(f"leave-one-out calibration needs ≥ 3 input views, got {r}")
    if targets is not None and (target_angles is None or len(targets) != len(target_angles)):
        raise ValueError("give target_angles (Q, 2) for the Q calibration targets")
    torch.manual_seed(cfg.seed)
    tuned, opt = _calibratable(model, leads, cfg)
    device, mode = device_of(tuned), model_mode(model)
    nominal = torch.as_tensor(np.asarray(angles), dtype=torch.float32, device=device)
    q_ang = (
        None
        if targets is None
        else torch.as_tensor(np.asarray(target_angles), dtype=torch.float32, device=device)
    )
    x = np.asarray(signals) if targets is None else np.vstack([signals, targets])
    rng, history = np.random.default_rng(cfg.seed), []
    for _ in range(cfg.iterations):
        loss = _loss(tuned, _crop(x, r, mode, cfg, rng, sampling_rate, device), r, nominal, q_ang)
        opt.zero_grad()
        loss.backward()
        opt.step()
        history.append(loss.item())
    for p in tuned.parameters():
        p.requires_grad_(False)
    return tuned, tuned.offsets.offsets.detach().cpu().numpy(), history
