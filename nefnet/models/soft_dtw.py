"""Soft dynamic time warping (Cuturi & Blondel, 2017) of univariate sequences, differentiable,
computed one anti-diagonal at a time (2L steps, each vectorised over the batch and the
diagonal), and its divergence ``D(x, y) = S(x, y) − (S(x, x) + S(y, y)) / 2`` (zero when
``x == y``, never negative in practice)."""

from __future__ import annotations

import torch

#: stands in for +∞ outside the alignment grid (finite, so no NaN gradients)
BIG = 1e10


def soft_dtw(x, y, gamma: float = 0.1) -> torch.Tensor:
    """Soft-DTW of each pair of rows of ``x`` (N, L) and ``y`` (N, M) under the squared
    difference cost, smoothed by ``gamma`` > 0: (N,)."""
    if gamma <= 0:
        raise ValueError(f"gamma must be > 0, got {gamma}")
    n, l_x = x.shape
    l_y = y.shape[1]
    cost = (x[:, :, None] - y[:, None, :]) ** 2  # (N, L, M)
    i = torch.arange(1, l_x + 1, device=x.device)
    big = torch.full((n, l_x), BIG, dtype=x.dtype, device=x.device)
    # diagonals k = i + j hold R[i, k - i] for i = 1..L; the boundary R[0, 0] = 0
    prev2 = None  # diagonal k − 2
    prev1 = big  # diagonal k − 1 (k = 2: R[i, 1 - i] lies outside the grid)
    for k in range(2, l_x + l_y + 1):
        j = k - i
        inside = (j >= 1) & (j <= l_y)
        d = cost[:, i - 1, (j - 1).clamp(0, l_y - 1)]
        up_left = _corner(big) if prev2 is None else _shift(prev2, BIG)  # R[i - 1, j - 1]
        up = _shift(prev1, BIG)  # R[i - 1, j]
        left = prev1  # R[i, j - 1]
        stacked = torch.stack([up_left, up, left]) / -gamma
        soft_min = -gamma * torch.logsumexp(stacked, dim=0)
        new = torch.where(inside[None], d + soft_min, big)
        prev2, prev1 = prev1, new
    return prev1[:, -1]


def _shift(diag, first):
    """``diag`` moved one place along i (entry i takes i − 1), ``first`` entering at i = 1."""
    pad = torch.full_like(diag[:, :1], first)
    return torch.cat([pad, diag[:, :-1]], dim=1)


def _corner(big):
    """Diagonal k − 2 = 0 seen from k = 2: R[0, 0] = 0 at i = 1, outside elsewhere."""
    out = big.clone()
    out[:, 0] = 0.0
    return out


def soft_dtw_divergence(x, y, gamma: float = 0.1) -> torch.Tensor:
    """The soft-DTW divergence of each pair of rows (N,)."""
    return soft_dtw(x, y, gamma) - 0.5 * (soft_dtw(x, x, gamma) + soft_dtw(y, y, gamma))
