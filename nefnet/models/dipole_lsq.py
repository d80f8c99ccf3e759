"""Dipole least squares as a differentiable torch module with the models' call signature.

``forward(inputs (B, R, T), input_angles (B, R, 2), query_angles (B, Q, 2))`` fits one dipole to
the recorded views along their angles and projects it on the queries. It has no weights, but
gradients flow to the angles — so On-the-fly Calibration can tune electrode angles of this
geometric baseline too (its own offsets are then the only thing Stage III tunes).
"""

from __future__ import annotations

import torch
from torch import nn

from .encoding import CalibratableAngles, unit_vectors


class DipoleLSQModel(CalibratableAngles, nn.Module):
    def __init__(self, ridge: float = 1e-6):
        super().__init__()
        self.ridge = ridge

    def forward(self, inputs, input_angles, query_angles, return_attention=False, input_mask=None):
        u_in = unit_vectors(self.calibrated(input_angles))  # (B, R, 3)
        if input_mask is not None:
            u_in = u_in * input_mask[..., None]
        eye = torch.eye(3, dtype=u_in.dtype, device=u_in.device)
        gram = u_in.transpose(1, 2) @ u_in + self.ridge * eye
        dipole = torch.linalg.solve(gram, u_in.transpose(1, 2) @ inputs)  # (B, 3, T)
        out = unit_vectors(query_angles) @ dipole  # (B, Q, T)
        return (out, None) if return_attention else out
