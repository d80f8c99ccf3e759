"""Layers shared by Nef-Net v1 and NEF-NET v2: channel LayerNorm and the 1-D ResNet basic block
(and where a module's weights live)."""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn


def device_of(module) -> torch.device:
    """Where ``module``'s weights live (CPU for a weightless module such as dipole-LSQ)."""
    return next((p.device for p in module.parameters()), torch.device("cpu"))


class ChannelNorm(nn.Module):
    """LayerNorm over channels at each time step: (B, C, T) → same; length-independent.
    Computed in place along dim 1 (no transposes)."""

    def __init__(self, channels, eps=1e-5):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(channels, 1))
        self.bias = nn.Parameter(torch.zeros(channels, 1))
        self.eps = eps

    def forward(self, x):
        centred = x - x.mean(1, keepdim=True)
        var = (centred * centred).mean(1, keepdim=True)
        return torch.addcmul(self.bias, centred * torch.rsqrt(var + self.eps), self.weight)


class BasicBlock(nn.Module):
    """1-D ResNet basic block (conv–ReLU–dropout–conv + identity)."""

    def __init__(self, c, k, dropout):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv1d(c, c, k, padding=k // 2, bias=False),
            nn.ReLU(),
            nn.Dropout(dropout),
            nn.Conv1d(c, c, k, padding=k // 2, bias=False),
        )

    def forward(self, x):
        return F.relu(x + self.body(x))
