"""The Geometric View Transformer's blocks (NEF-NET v2 Eq. 2): per-time-step projection,
GAA-weighted fusion of the recorded views, a squeeze-and-excitation extractor and a learnable
spatial gate."""

from __future__ import annotations

import torch
from torch import nn


class SqueezeExcite(nn.Module):
    def __init__(self, c, reduction=16):
        super().__init__()
        hidden = max(c // reduction, 4)
        self.gate = nn.Sequential(
            nn.Linear(c, hidden, bias=False),
            nn.ReLU(),
            nn.Linear(hidden, c, bias=False),
            nn.Sigmoid(),
        )

    def forward(self, x):  # (N, C, T)
        return x * self.gate(x.mean(-1))[..., None]


class GeoVTBlock(nn.Module):
    """One view-transformation block with spatial gating (Eq. 2)."""

    def __init__(self, c):
        super().__init__()
        self.project = nn.Conv1d(c, c, 1)  # the per-time-step Linear of the paper
        self.extract = nn.Sequential(nn.Conv1d(c, c, 1), SqueezeExcite(c))
        self.gate = nn.Parameter(torch.tensor(0.5))

    def forward(self, v, feats, gaa):
        # feats (N, R, C, T'), gaa (N, R), v (N, C, T')
        n, r, c, t = feats.shape
        feats = torch.tanh(self.project(feats.reshape(n * r, c, t))).reshape(n, r, c, t)
        fused = self.extract((gaa[:, :, None, None] * feats).sum(1))
        g = torch.sigmoid(self.gate)
        return v * (1 - g) + fused * g, feats
