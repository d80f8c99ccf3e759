"""Angle features shared by both models.

* :class:`AngularEncoding` — Nef-Net v1 Eq. 2: for v in (θ, φ, θ+φ, θ−φ) the triple
  (v, sin v, cos v), 12 numbers. sin/cos of θ±φ span the products sinθcosφ and sinθsinφ, so a
  linear layer on top can express the view's unit vector. During training the angles can be
  jittered by ε ~ N(0, σ) (v1 code: σ = 2.5°).
* :class:`AngleEmbedding` — NEF-NET v2: encoding → linear → tanh.
* :class:`AngleOffsets` — learnable, bounded (dθ, dφ) per recorded view (On-the-fly Calibration).

Used in: notebooks/03_nefnet_v1, notebooks/04_nefnet_v2
"""

from __future__ import annotations

import math

import torch
from torch import nn


class AngularEncoding(nn.Module):
    """(…, 2) radians → (…, 12) features; ``jitter_deg`` adds N(0, σ) noise in training."""

    out_features = 12

    def __init__(self, jitter_deg: float = 0.0):
        super().__init__()
        self.jitter = math.radians(jitter_deg)

    def forward(self, angles: torch.Tensor) -> torch.Tensor:
        if self.training and self.jitter > 0:
            angles = angles + self.jitter * torch.randn_like(angles)
        theta, phi = angles[..., 0], angles[..., 1]
        values = torch.stack([theta, phi, theta + phi, theta - phi], dim=-1)  # (…, 4)
        feats = torch.stack([values, torch.sin(values), torch.cos(values)], dim=-1)
        return feats.flatten(-2)  # (…, 12): v, sin v, cos v interleaved per value


class AngleEmbedding(nn.Module):
    """NEF-NET v2 Angle Embedding: AngularEncoding → Linear(12, dim) → tanh."""

    def __init__(self, dim: int, jitter_deg: float = 0.0):
        super().__init__()
        self.encode = AngularEncoding(jitter_deg)
        self.project = nn.Linear(AngularEncoding.out_features, dim)

    def forward(self, angles: torch.Tensor) -> torch.Tensor:
        return torch.tanh(self.project(self.encode(angles)))


class AngleOffsets(nn.Module):
    """Learnable (dθ, dφ) per recorded view, bounded to ±``max_deg`` by a tanh."""

    def __init__(self, n_views: int, max_deg: float = 30.0):
        super().__init__()
        self.raw = nn.Parameter(torch.zeros(n_views, 2))
        self.bound = math.radians(max_deg)

    @property
    def offsets(self) -> torch.Tensor:
        """(n_views, 2) radians."""
        return self.bound * torch.tanh(self.raw)

    def forward(self, angles: torch.Tensor) -> torch.Tensor:
        """Add the offsets to recorded angles (…, n_views, 2)."""
        if angles.shape[-2] != self.raw.shape[0]:
            raise ValueError(f"{angles.shape[-2]} recorded views but offsets for "
                             f"{self.raw.shape[0]}")
        return angles + self.offsets
