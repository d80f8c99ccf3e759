"""NEF-NET v2: direct view-to-view ECG synthesis with a Geometric View Transformer.

    recorded views x_i (R, T) ──► View Encoder (ResNet) ─► FiLM by the query embedding ─► f_i
    query angles A_q ──────────────► Angle Embedding ─► GAA = softmax(F_q W_q (F_k W_k)ᵀ/√d′)
    v⁰ = Σ_i GAA_i f_i;  L blocks: F ← tanh(Linear F);
                         v ← v ⊙ (1 − σ(G)) + SE(Σ_i GAA_i F_i) ⊙ σ(G)
    reconstruction head: linear upsampling → spectral-norm conv → LayerNorm (channels) → GELU

Deviations from the authors' code (reference/upstream_code_facts.md §3, §7), each to follow the
paper or to make the paper's claims possible:

* FiLM (γ, β from the query embedding) as the paper says; the code concatenates a channel instead
  (``film=False`` selects that variant).
* GAA with the learned W_q, W_k of Eq. 1 (the code has none).
* Normalisation over channels at each time step, never over time, so one model runs on any
  length (the code's LayerNorm(2304) fixes the input to 4,608 samples).
* Learnable angle offsets (dθ, dφ) that really receive gradients in On-the-fly Calibration.
* The papers normalise each crop by the range of *all* its leads, targets included — information a
  deployed model does not have. ``output="linear"`` with inputs scaled by the recorded views
  only (``normalize="recorded"`` or ``"range"``, :mod:`nefnet.normalization`) is deployable.

Our additions, off by default (chapter 05 measures them): ``lead_path`` adds a signed,
angle-weighted sum of the recorded signals to the output, ``lead_prior`` lets it see the weights
dipole least squares would use, ``pair_film`` conditions the features on the (query, view) pair.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils.parametrizations import spectral_norm

from .encoding import AngleEmbedding, CalibratableAngles
from .geovt import GeoVTBlock
from .layers import BasicBlock, ChannelNorm
from .lead_path import LeadPath
from .v2_config import NefNetV2Config

__all__ = ["NefNetV2", "NefNetV2Config"]


class ViewEncoder(nn.Module):
    """One recorded lead (N, 1, T) → features (N, C, T/4): strided stem + ResNet basic blocks.

    Query-independent, so it runs once per recorded view whatever the number of queries."""

    def __init__(self, cfg: NefNetV2Config):
        super().__init__()
        c = cfg.channels
        self.stem = nn.Sequential(
            nn.Conv1d(1, c, 15, stride=2, padding=7, bias=False), nn.ReLU(), nn.MaxPool1d(3, 2, 1)
        )
        self.blocks = nn.Sequential(
            *[BasicBlock(c, cfg.kernel, cfg.dropout) for _ in range(cfg.res_blocks)]
        )

    def forward(self, x):
        return self.blocks(self.stem(x))


class QueryConditioning(nn.Module):
    """Modulate view features (N, R, C, T') by query embeddings (N, Q, d) → (N, Q, R, C, T').

    FiLM (paper): f·(1 + γ_q) + β_q. The code's variant concatenates a query channel and mixes
    with a 1×1 convolution (``film=False``).

    With ``pair_film`` (our addition) γ, β come from the query *and* the recorded view's
    embedding. The View Encoder is shared and angle-blind and the GAA weights are positive, so
    with query-only FiLM every recorded view enters the mixture with the same per-channel
    modulation: the model cannot give one view a negative and another a positive weight, which
    a projection of the heart vector between directions generally needs."""

    def __init__(self, cfg: NefNetV2Config):
        super().__init__()
        c = cfg.channels
        if cfg.pair_film and not cfg.film:
            raise ValueError("pair_film needs film=True (the pairwise modulation is a FiLM)")
        self.film, self.pair = cfg.film, cfg.pair_film
        d_in = 2 * cfg.angle_dim if cfg.pair_film else cfg.angle_dim
        self.condition = nn.Linear(d_in, 2 * c if cfg.film else c)
        self.mix = None if cfg.film else nn.Conv1d(2 * c, c, 1, bias=False)

    def forward(self, feats, query_emb, rec_emb=None):
        n, r, c, t = feats.shape
        q = query_emb.shape[1]
        if self.pair:  # (N, Q, R, 2d) → (N, Q, R, 2C)
            pair = torch.cat(
                [query_emb[:, :, None].expand(n, q, r, -1), rec_emb[:, None].expand(n, q, r, -1)],
                dim=-1,
            )
            gamma, beta = self.condition(pair)[..., None].chunk(2, dim=3)  # (N, Q, R, C, 1)
            return feats[:, None] * (1 + gamma) + beta
        cond = self.condition(query_emb)  # (N, Q, 2C or C)
        if self.film:
            gamma, beta = cond[:, :, None, :, None].chunk(2, dim=3)  # (N, Q, 1, C, 1)
            return feats[:, None] * (1 + gamma) + beta
        both = torch.cat(
            [feats[:, None].expand(n, q, r, c, t), cond[:, :, None, :, None].expand(n, q, r, c, t)],
            dim=3,
        )
        return self.mix(both.reshape(n * q * r, 2 * c, t)).reshape(n, q, r, c, t)


class UpBlock(nn.Module):
    """Linear-interpolation upsampling → [spectral-norm conv → ChannelNorm → GELU] × 2 + skip."""

    def __init__(self, c_in, c_out):
        super().__init__()
        self.body = nn.Sequential(
            spectral_norm(nn.Conv1d(c_in, c_out, 3, padding=1)),
            ChannelNorm(c_out),
            nn.GELU(),
            spectral_norm(nn.Conv1d(c_out, c_out, 3, padding=1)),
            ChannelNorm(c_out),
            nn.GELU(),
        )
        self.skip = nn.Identity() if c_in == c_out else nn.Conv1d(c_in, c_out, 1)
        self.scale = nn.Parameter(torch.tensor(1.0))

    def forward(self, x, size):
        # the 1×1 skip and linear interpolation are both linear and act on different axes, so
        # they commute: reducing channels first is exact and cheaper
        skip = F.interpolate(self.skip(x), size=size, mode="linear", align_corners=False)
        x = F.interpolate(x, size=size, mode="linear", align_corners=False)
        return skip + self.scale * self.body(x)


class NefNetV2(CalibratableAngles, nn.Module):
    """NEF-NET v2. ``forward(inputs (B, R, T), input_angles (B, R, 2), query_angles (B, Q, 2))``
    → synthesized query views (B, Q, T), on the scale of the inputs (``cfg.normalize``; with
    ``output="sigmoid"`` squashed into [0, 1] as the papers' joint min–max targets are)."""

    def __init__(self, cfg: NefNetV2Config | None = None):
        super().__init__()
        self.cfg = cfg = cfg if cfg is not None else NefNetV2Config()
        c, d = cfg.channels, cfg.angle_dim
        self.embed_recorded = AngleEmbedding(d, cfg.jitter_deg)
        self.embed_query = AngleEmbedding(d, cfg.jitter_deg)
        self.w_q = nn.Linear(d, d, bias=False)
        self.w_k = nn.Linear(d, d, bias=False)
        self.encoder = ViewEncoder(cfg)
        self.condition = QueryConditioning(cfg)
        self.blocks = nn.ModuleList(GeoVTBlock(c) for _ in range(cfg.geovt_layers))
        self.up1, self.up2 = UpBlock(c, c), UpBlock(c, c // 2)
        self.head = nn.Conv1d(c // 2, 1, 3, padding=1)
        if cfg.lead_prior and not cfg.lead_path:
            raise ValueError("lead_prior needs lead_path=True (the prior is an input of it)")
        self.lead_path = LeadPath(d, cfg.lead_prior) if cfg.lead_path else None
        self.w_content = nn.Linear(c, d, bias=False) if cfg.attention == "content" else None
        if cfg.embedding == "fixed":  # the Angular Encoding through a projection never trained
            for emb in (self.embed_recorded, self.embed_query):
                emb.project.requires_grad_(False)

    @property
    def max_offset_deg(self) -> float:
        """Bound of the On-the-fly Calibration offsets (:class:`CalibratableAngles`)."""
        return self.cfg.max_offset_deg

    def calibration_parameters(self) -> list:
        """What Stage III tunes besides the angle offsets: the angle embeddings, the GAA
        projections and the GeoVT blocks. The View Encoder, query conditioning, lead path and
        reconstruction head stay frozen."""
        parts = (self.embed_recorded, self.embed_query, self.w_q, self.w_k, self.blocks)
        return [p for part in parts for p in part.parameters()]

    def recorded_embedding(self, input_angles):
        """Angle embeddings of the recorded views (with the calibration offsets, if any)."""
        return self.embed_recorded(self.calibrated(input_angles))

    def attention(self, input_angles, query_emb, input_mask=None, rec_emb=None, feats=None):
        """Geometric Angular Attention (Eq. 1): (B, Q, R), rows sum to 1 over present views.
        The ablations weight every view alike (``attention="mean"``) or take the keys from the
        views' features ``feats`` (B, R, C, T') instead of their angles (``"content"``)."""
        if rec_emb is None:
            rec_emb = self.recorded_embedding(input_angles)
        if self.cfg.attention == "content":
            keys = self.w_content(feats.mean(-1))  # (B, R, d)
        else:
            keys = self.w_k(rec_emb)  # (B, R, d)
        queries = self.w_q(query_emb)  # (B, Q, d)
        if self.cfg.attention == "mean":
            queries = queries * 0.0  # equal logits: a uniform average over the present views
        logits = queries @ keys.transpose(1, 2) / keys.shape[-1] ** 0.5
        if input_mask is not None:
            logits = logits.masked_fill(~input_mask[:, None, :], float("-inf"))
        return torch.softmax(logits, dim=-1)

    #: at inference, queries are synthesized in groups of this size: the full-resolution
    #: head is memory-bound and smaller working sets stay in cache (benchmarks/bench_inference.py)
    query_chunk = 8

    def forward(self, inputs, input_angles, query_angles, return_attention=False, input_mask=None):
        b, r, t = inputs.shape
        q = query_angles.shape[1]
        if not torch.is_grad_enabled() and q > self.query_chunk:
            parts = [
                self.forward(
                    inputs,
                    input_angles,
                    query_angles[:, i : i + self.query_chunk],
                    return_attention,
                    input_mask,
                )
                for i in range(0, q, self.query_chunk)
            ]
            if return_attention:
                return torch.cat([p[0] for p in parts], 1), torch.cat([p[1] for p in parts], 1)
            return torch.cat(parts, 1)
        if input_angles.shape != (b, r, 2) or query_angles.shape[::2] != (b, 2):
            raise ValueError(
                f"angle shapes {tuple(input_angles.shape)}, "
                f"{tuple(query_angles.shape)} do not match inputs {(b, r, t)}"
            )
        if t < 16:
            raise ValueError(f"input of {t} samples is too short; need at least 16")
        query_emb = self.embed_query(query_angles)  # (B, Q, d)
        rec_emb = self.recorded_embedding(input_angles)
        feats = self.encoder(inputs.reshape(b * r, 1, t))
        feats = feats.reshape(b, r, *feats.shape[1:])  # (B, R, C, T')
        gaa = self.attention(input_angles, query_emb, input_mask, rec_emb, feats)  # (B, Q, R)
        feats = self.condition(feats, query_emb, rec_emb)  # (B, Q, R, C, T')
        feats = feats.reshape(b * q, r, *feats.shape[3:])  # (BQ, R, C, T')
        y = self.decode_views(
            feats,
            gaa.reshape(b * q, r),
            query_emb,
            rec_emb,
            inputs,
            input_mask,
            input_angles,
            query_angles,
        )
        return (y, gaa) if return_attention else y

    def decode_views(
        self, feats, a, query_emb, rec_emb, inputs, input_mask, input_angles, query_angles
    ):
        """The query side after conditioning: conditioned features (BQ, R, C, T') mixed by the
        attention ``a`` (BQ, R), refined, up-sampled and headed into the views (B, Q, T)."""
        b, q, t = inputs.shape[0], query_angles.shape[1], inputs.shape[-1]
        v = torch.einsum("nr,nrct->nct", a, feats)
        for block in self.blocks:
            v, feats = block(v, feats, a)
        h = self.up2(self.up1(v, size=(t + 1) // 2), size=t)
        y = self.head(h).reshape(b, q, t)
        if self.lead_path is not None:
            y = y + self.lead_path(
                inputs, rec_emb, query_emb, input_mask, self.calibrated(input_angles), query_angles
            )
        return torch.sigmoid(y / 3.0) if self.cfg.output == "sigmoid" else y
