"""Dipole least squares as a differentiable torch module with the models' call signature.

``forward(inputs (B, R, T), input_angles (B, R, 2), query_angles (B, Q, 2))`` fits one dipole to
the recorded views along their angles and projects it on the queries. It has no weights, but
gradients flow to the angles — so On-the-fly Calibration can tune electrode angles of this
geometric baseline too (and its tests can check offset recovery exactly).

Used in: notebooks/05_three_stage
"""

from __future__ import annotations

import torch
from torch import nn


def unit_vectors(angles: torch.Tensor) -> torch.Tensor:
    """(…, 2) radians → (…, 3) in the papers' axes (x anterior, y left, z superior)."""
    theta, phi = angles[..., 0], angles[..., 1]
    return torch.stack([torch.sin(theta) * torch.cos(phi), torch.sin(theta) * torch.sin(phi),
                        torch.cos(theta)], dim=-1)


class DipoleLSQModel(nn.Module):
    def __init__(self, ridge: float = 1e-6):
        super().__init__()
        self.ridge = ridge

    def forward(self, inputs, input_angles, query_angles, return_attention=False,
                input_mask=None):
        u_in = unit_vectors(input_angles)  # (B, R, 3)
        if input_mask is not None:
            u_in = u_in * input_mask[..., None]
        gram = u_in.transpose(1, 2) @ u_in + self.ridge * torch.eye(3, dtype=u_in.dtype)
        dipole = torch.linalg.solve(gram, u_in.transpose(1, 2) @ inputs)  # (B, 3, T)
        out = unit_vectors(query_angles) @ dipole  # (B, Q, T)
        return (out, None) if return_attention else out
