"""Our addition to NEF-NET v2 (not in the paper): the lead path, a signed, angle-dependent linear
combination of the recorded signals added to the synthesized view.

Why: a view of a (nearly) dipolar field is a linear combination of other views, with weights
that depend on the angles and may be negative. In the paper's architecture the recorded views
reach the output only through an angle-blind encoder, positive attention weights and a
4×-downsampled feature path, so such a combination has to be approximated; here it is a direct
path at full temporal resolution. Chapter 05 measures what it changes.
"""

from __future__ import annotations

import torch
from torch import nn

from .encoding import unit_vectors


class LeadPath(nn.Module):
    """Our addition, off by default: y_q += Σ_r α_qr x_r with signed weights α_qr computed from
    the query's and each recorded view's angle embedding and the mean embedding of the recorded
    set (a dipole projection is exactly such a set-dependent linear map). The synthesis then
    keeps the inputs' full temporal resolution instead of passing everything through the 4×
    down/up-sampling of the feature path. Starts at zero, i.e. as the paper's model.

    With ``prior`` the MLP also gets the dipole least-squares weight of the pair,
    u_qᵀ (UᵀU + λI)⁻¹ u_r from the (calibrated) angles: the geometry a dipole implies, which the
    network may follow, correct or ignore (it is ill-conditioned for nearly coplanar sets)."""

    ridge = 0.05  # λ: bounds the prior's weights for nearly coplanar recorded sets

    def __init__(self, d, prior=False):
        super().__init__()
        self.prior = prior
        self.mlp = nn.Sequential(nn.Linear(3 * d + int(prior), d), nn.GELU(), nn.Linear(d, 1))
        nn.init.zeros_(self.mlp[-1].weight)
        nn.init.zeros_(self.mlp[-1].bias)

    def dipole_weights(self, input_angles, query_angles, mask):
        """Dipole-LSQ weights (B, Q, R) of the recorded views for each query."""
        u_in = unit_vectors(input_angles) * mask[..., None]  # (B, R, 3)
        gram = u_in.transpose(1, 2) @ u_in + self.ridge * torch.eye(
            3, dtype=u_in.dtype, device=u_in.device
        )
        return unit_vectors(query_angles) @ torch.linalg.solve(gram, u_in.transpose(1, 2))

    def forward(
        self, inputs, rec_emb, query_emb, input_mask=None, input_angles=None, query_angles=None
    ):
        # inputs (B, R, T), rec_emb (B, R, d), query_emb (B, Q, d) → (B, Q, T)
        b, r, d = rec_emb.shape
        q = query_emb.shape[1]
        m = torch.ones(b, r, device=inputs.device) if input_mask is None else input_mask.float()
        ctx = (rec_emb * m[..., None]).sum(1) / m.sum(1, keepdim=True)  # (B, d)
        parts = [
            query_emb[:, :, None].expand(b, q, r, d),
            rec_emb[:, None].expand(b, q, r, d),
            ctx[:, None, None].expand(b, q, r, d),
        ]
        if self.prior:
            parts.append(self.dipole_weights(input_angles, query_angles, m)[..., None])
        alpha = self.mlp(torch.cat(parts, dim=-1))[..., 0] * m[:, None]  # (B, Q, R)
        return alpha @ inputs
