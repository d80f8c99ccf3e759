"""ROIAlign along time and its reverse — the deflection machinery of Nef-Net v1.

A beat's seven consecutive regions of interest (pre-P, P, PR, QRS, ST, T, TP) are given by eight
boundaries b0 ≤ … ≤ b7 in samples. :func:`roi_align` samples each region at ``points`` evenly
spaced positions (bin centres) with linear interpolation **along time** — the authors' code
samples a width-1 axis instead, so its "deflections" carry no temporal content
(reference/upstream_code_facts.md §2.4). :func:`roi_unalign` maps per-region features back onto
the time axis, each region stretched to its own length; zero-length regions vanish.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from ..beats import DEFLECTIONS, even_bounds  # noqa: F401 (the ROIs: re-exported here)


def _check(bounds, length):
    if bounds.ndim != 2 or bounds.shape[1] != len(DEFLECTIONS) + 1:
        raise ValueError(
            f"ROI boundaries must be (B, {len(DEFLECTIONS) + 1}), got {tuple(bounds.shape)}"
        )
    if (bounds[:, 1:] < bounds[:, :-1]).any() or (bounds < 0).any() or (bounds > length).any():
        raise ValueError(f"ROI boundaries must be non-decreasing within 0..{length}")


def roi_align(feats, bounds, points=16):
    """feats (B, C, T), bounds (B, 8) in the same time units → (B, C, 7, points)."""
    b, c, t = feats.shape
    bounds = bounds.to(feats.dtype)
    _check(bounds, t)
    start, end = bounds[:, :-1], bounds[:, 1:]  # (B, 7)
    frac = (torch.arange(points, dtype=feats.dtype) + 0.5) / points  # bin centres
    pos = start[..., None] + (end - start)[..., None] * frac  # (B, 7, P) continuous time
    x = 2.0 * pos / t - 1.0  # align_corners=False: sample i sits at (2i + 1)/T − 1
    grid = torch.stack([x, torch.zeros_like(x)], dim=-1).reshape(b, 1, -1, 2)
    out = F.grid_sample(
        feats[:, :, None], grid, mode="bilinear", padding_mode="border", align_corners=False
    )  # (B, C, 1, 7P)
    return out.reshape(b, c, len(DEFLECTIONS), points)


def roi_unalign(deflections, bounds, length):
    """(B, C, 7, P) per-region features → (B, C, length); each time step takes the features of
    the region containing it, linearly interpolated; steps outside every region are 0."""
    b, c, n, p = deflections.shape
    bounds = bounds.to(deflections.dtype)
    _check(bounds, length)
    t = torch.arange(length, dtype=deflections.dtype) + 0.5  # sample centres
    region = (t[None, :, None] >= bounds[:, None, :-1]) & (t[None, :, None] < bounds[:, None, 1:])
    inside = region.any(-1)  # (B, T)
    j = region.float().argmax(-1)  # (B, T) region index
    s, e = bounds[:, :-1].gather(1, j), bounds[:, 1:].gather(1, j)
    u = ((t[None] - s) / (e - s).clamp_min(1e-6)).clamp(0, 1)  # position within the region
    idx = (u * p - 0.5).clamp(0, p - 1) + j * p  # continuous index into the flattened 7·P axis
    x = 2.0 * idx / (n * p - 1) - 1.0 if n * p > 1 else torch.zeros_like(idx)
    grid = torch.stack([x, torch.zeros_like(x)], dim=-1)[:, None]  # (B, 1, T, 2)
    flat = deflections.reshape(b, c, 1, n * p)
    out = F.grid_sample(flat, grid, mode="bilinear", padding_mode="border", align_corners=True)
    return out[:, :, 0] * inside[:, None]
