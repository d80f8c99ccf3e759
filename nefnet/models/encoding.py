"""Angle features shared by both models.

* :class:`AngularEncoding` — Nef-Net v1 Eq. 2: for v in (θ, φ, θ+φ, θ−φ) the triple
  (v, sin v, cos v), 12 numbers. sin/cos of θ±φ span the products sinθcosφ and sinθsinφ, so a
  linear layer on top can express the view's unit vector. During training the angles can be
  jittered by ε ~ N(0, σ) (v1 code: σ = 2.5°).
* :class:`RawAngles` — the two angles unchanged (jitter only): v1's ablation without it.
* :class:`AngleEmbedding` — NEF-NET v2: encoding → linear → tanh.
* :class:`AngleOffsets` — learnable, bounded (dθ, dφ) per recorded view (On-the-fly Calibration),
  owned by a model through :class:`CalibratableAngles`.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import torch
from torch import nn

from .layers import device_of


class _JitteredAngles(nn.Module):
    """(…, 2) radians, with N(0, σ) noise of ``jitter_deg`` added in training (ε)."""

    def __init__(self, jitter_deg: float = 0.0):
        super().__init__()
        self.jitter = math.radians(jitter_deg)

    def angles(self, angles: torch.Tensor) -> torch.Tensor:
        if self.training and self.jitter > 0:
            return angles + self.jitter * torch.randn_like(angles)
        return angles


class AngularEncoding(_JitteredAngles):
    """(…, 2) radians → (…, 12) features; ``jitter_deg`` adds N(0, σ) noise in training."""

    out_features = 12

    def forward(self, angles: torch.Tensor) -> torch.Tensor:
        angles = self.angles(angles)
        theta, phi = angles[..., 0], angles[..., 1]
        values = torch.stack([theta, phi, theta + phi, theta - phi], dim=-1)  # (…, 4)
        feats = torch.stack([values, torch.sin(values), torch.cos(values)], dim=-1)
        return feats.flatten(-2)  # (…, 12): v, sin v, cos v interleaved per value


class RawAngles(_JitteredAngles):
    """(…, 2) radians → the same two numbers (the v1 ablation without Angular Encoding), with
    the same training-time jitter ε."""

    out_features = 2

    def forward(self, angles: torch.Tensor) -> torch.Tensor:
        return self.angles(angles)


class AngleEmbedding(nn.Module):
    """NEF-NET v2 Angle Embedding: AngularEncoding → Linear(12, dim) → tanh."""

    def __init__(self, dim: int, jitter_deg: float = 0.0):
        super().__init__()
        self.encode = AngularEncoding(jitter_deg)
        self.project = nn.Linear(AngularEncoding.out_features, dim)

    def forward(self, angles: torch.Tensor) -> torch.Tensor:
        return torch.tanh(self.project(self.encode(angles)))


class AngleOffsets(nn.Module):
    """Learnable (dθ, dφ) per recorded view, bounded to ±``max_deg`` by a tanh; views marked in
    ``fixed`` keep their angle (On-the-fly Calibration holds the limb leads fixed)."""

    def __init__(self, n_views: int, max_deg: float = 30.0, fixed=None):
        super().__init__()
        self.raw = nn.Parameter(torch.zeros(n_views, 2))
        self.bound = math.radians(max_deg)
        fixed = (
            torch.zeros(n_views, dtype=torch.bool)
            if fixed is None
            else torch.as_tensor(fixed, dtype=torch.bool)
        )
        if fixed.shape != (n_views,):
            raise ValueError(
                f"fixed must flag each of the {n_views} views, got {tuple(fixed.shape)}"
            )
        self.register_buffer("free", (~fixed).float()[:, None])  # (n_views, 1)

    @property
    def offsets(self) -> torch.Tensor:
        """(n_views, 2) radians."""
        return self.bound * torch.tanh(self.raw) * self.free

    def forward(self, angles: torch.Tensor) -> torch.Tensor:
        """Add the offsets to recorded angles (…, n_views, 2)."""
        if angles.shape[-2] != self.raw.shape[0]:
            raise ValueError(
                f"{angles.shape[-2]} recorded views but offsets for {self.raw.shape[0]}"
            )
        return angles + self.offsets


class CalibratableAngles:
    """What a model needs for On-the-fly Calibration (Stage III): its own bounded angle offsets,
    applied to the recorded views' angles in ``forward``, and the list of parameters Stage III
    tunes besides them (:meth:`calibration_parameters`)."""

    max_offset_deg: float = 30.0

    def enable_offsets(self, n_views: int, fixed=None) -> AngleOffsets:
        """Attach learnable (dθ, dφ) for ``n_views`` recorded views (zero at first); ``fixed``
        (n_views,) bools mark views whose angle stays as given."""
        self.offsets = AngleOffsets(n_views, self.max_offset_deg, fixed).to(device_of(self))
        return self.offsets

    def calibrated(self, input_angles: torch.Tensor) -> torch.Tensor:
        """The recorded views' angles with the calibration offsets, if any."""
        offsets = getattr(self, "offsets", None)  # an nn.Module attribute once enabled
        return input_angles if offsets is None else offsets(input_angles)

    def calibration_parameters(self) -> list:
        """The network parameters Stage III tunes besides the offsets (none by default)."""
        return []


def unit_vectors(angles: torch.Tensor) -> torch.Tensor:
    """(…, 2) radians → (…, 3) in the papers' axes (x anterior, y left, z superior)."""
    theta, phi = angles[..., 0], angles[..., 1]
    return torch.stack(
        [torch.sin(theta) * torch.cos(phi), torch.sin(theta) * torch.sin(phi), torch.cos(theta)],
        dim=-1,
    )


def identity_table(n=5, seed=0) -> pd.DataFrame:
    """sinθcosφ and sinθsinφ from the sin/cos of θ ± φ at random angles: why a linear layer on
    the encoding can express a view's unit vector."""
    rng = np.random.default_rng(seed)
    theta, phi = rng.uniform(0, np.pi, n), rng.uniform(-np.pi, np.pi, n)
    return pd.DataFrame(
        {
            "theta_deg": np.degrees(theta).round(1),
            "phi_deg": np.degrees(phi).round(1),
            "sinθcosφ": np.sin(theta) * np.cos(phi),
            "[sin(θ+φ)+sin(θ−φ)]/2": (np.sin(theta + phi) + np.sin(theta - phi)) / 2,
            "sinθsinφ": np.sin(theta) * np.sin(phi),
            "[cos(θ−φ)−cos(θ+φ)]/2": (np.cos(theta - phi) - np.cos(theta + phi)) / 2,
        }
    )


def linear_fit_residual(n=2000, seed=0) -> pd.Series:
    """Least-squares fit of the view's unit vector from its 12 Angular-Encoding features over
    random angles: the largest residual per component (≈ 1e-15 when exactly linear)."""
    rng = np.random.default_rng(seed)
    theta, phi = rng.uniform(0, np.pi, n), rng.uniform(-np.pi, np.pi, n)
    angles = torch.as_tensor(np.stack([theta, phi], 1))
    feats = AngularEncoding()(angles).numpy()
    u = unit_vectors(angles).numpy()  # (n, 3)
    design = np.hstack([feats, np.ones((n, 1))])
    coef = np.linalg.lstsq(design, u, rcond=None)[0]
    return pd.Series(np.abs(design @ coef - u).max(0), index=["x", "y", "z"], name="max |residual|")
