"""A 1-D U-Net: an encoder of strided convolutions, a decoder of transposed ones with skip
connections from the encoder at each resolution, and the bottleneck returned beside the
output (EKGAN matches two generators' bottlenecks). ECGRecover's and EKGAN's generators."""

from __future__ import annotations

import torch
from torch import nn

from .layers import ChannelNorm
from .lead_map import pad_to


def _down(c_in, c_out, k):
    return nn.Sequential(
        nn.Conv1d(c_in, c_out, k, stride=2, padding=k // 2), ChannelNorm(c_out), nn.LeakyReLU(0.2)
    )


def _up(c_in, c_out):
    return nn.Sequential(
        nn.ConvTranspose1d(c_in, c_out, 4, stride=2, padding=1), ChannelNorm(c_out), nn.ReLU()
    )


class UNet1d(nn.Module):
    """(B, C_in, T) → ((B, C_out, T), bottleneck (B, C_deep, T / 2^depth)); T any length."""

    def __init__(self, c_in, c_out, channels=16, depth=3, kernel=9, max_channels=128):
        super().__init__()
        widths = [min(channels * 2**d, max_channels) for d in range(depth)]
        self.depth = depth
        self.stem = nn.Sequential(nn.Conv1d(c_in, channels, kernel, padding=kernel // 2), nn.ReLU())
        ins = [channels] + widths[:-1]
        self.downs = nn.ModuleList(_down(a, b, kernel) for a, b in zip(ins, widths))
        # decoder level d maps the deeper features (+ its skip) to the width of level d − 1
        outs = [channels] + widths[:-1]
        self.ups = nn.ModuleList(
            _up(widths[d] * (1 if d == depth - 1 else 2), outs[d]) for d in range(depth)
        )
        self.head = nn.Conv1d(2 * channels, c_out, kernel, padding=kernel // 2)

    def forward(self, x):
        x, t = pad_to(x, 2**self.depth)
        h = self.stem(x)
        skips = [h]
        for down in self.downs:
            h = down(h)
            skips.append(h)
        bottleneck = h
        for d in reversed(range(self.depth)):
            if d != self.depth - 1:
                h = torch.cat([h, skips[d + 1]], dim=1)
            h = self.ups[d](h)
        out = self.head(torch.cat([h, skips[0]], dim=1))
        return out[..., :t], bottleneck
