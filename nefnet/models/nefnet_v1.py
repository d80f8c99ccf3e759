"""Nef-Net (IJCAI 2021): an electrocardio-field representation built from per-view encodings.

    view x_i ─► encoder ─► ⊙ angle feature (viewpoint removal) ─► split ─► z1 → Z_b (basic)
                                                                       └► z2 → ROIAlign along
                time over the 7 deflection regions → deflection convs → reverse ROIAlign → Z_d
    field = [mean_i Z_b,i ; mean_i Z_d,i] ⊙ query angle feature ─► decoder ─► view at (θ_q, φ_q)

Standin learning (v1 Eq. 3–4): the field built with one random view's Z_b (or Z_d) standing in
for the average must decode to the same signal: L = L1(out, y) + ½ L1(sg(out), out_b) + ½
L1(sg(out), out_d).

Two modes: **beat mode** (P-on to next P-on, boundaries from wave annotations, as v1) and the
**continuous-window mode** NEF-NET v2's authors used to re-run Nef-Net on 10-s recordings:
windows span several beats, so no single set of wave boundaries exists; the seven ROIs then
split the window evenly (:func:`~nefnet.beats.even_bounds`) — the deflection branch
becomes a coarse, fixed temporal pooling. This is our reading; the v2 code has no Nef-Net
training loop.

Deviations from the authors' code (reference/upstream_code_facts.md §2, §7): ROIAlign samples the
time axis (theirs samples a width-1 axis, so no deflection content was pooled); one encoder is
shared by all views (their grouped convolutions fix the number of views; their own PR #13 does
the same), so any number of recorded views works; the decoder uses the length-independent
channel LayerNorm of NEF-NET v2's head instead of BatchNorm.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from ..normalization import check_mode
from .encoding import AngularEncoding, RawAngles
from .layers import BasicBlock, ChannelNorm
from .roi import DEFLECTIONS, roi_align, roi_unalign

ANGLE_ENCODINGS = {"angular": AngularEncoding, "raw": RawAngles}
#: what the Standin terms anchor at: the averaged field, one random view's, or no term
STANDIN_ANCHORS = ("average", "random", "off")


@dataclass(frozen=True)
class NefNetV1Config:
    channels: int = 128  # encoder channels (the field has 2 × channels)
    res_blocks: int = 3
    kernel: int = 7
    points: int = 16  # ROIAlign samples per deflection
    dropout: float = 0.2
    jitter_deg: float = 2.5  # training-time angle perturbation ε
    standin_weight: float = 0.5  # weight of each Standin term
    output: str = "sigmoid"  # "sigmoid": sigmoid(y/3) as the code; "linear" for inputs
    # normalised by the recorded views only
    deflection_only: bool = False  # the v1 §4 variant for synthesis from scratch: Z_b ≡ 0
    normalize: str = "all"  # input scaling in window mode (nefnet.normalization)
    # the v1 Table 3 ablation switches (nefnet.models.variants.V1_ABLATIONS)
    angle_encoding: str = "angular"  # "angular" (Eq. 2) or "raw": the two angles as they are
    deflections: bool = True  # False: z2 becomes a second basic half (no ROIAlign, no Z_d)
    standin_basic: str = "average"  # L_Zb anchor: "average" (Eq. 3), "random" (L'_Zb) or "off"
    standin_deflection: str = "average"  # L_Zd anchor, the same choices

    def __post_init__(self):
        check_mode(self.normalize)
        if self.angle_encoding not in ANGLE_ENCODINGS:
            raise ValueError(
                f"unknown angle_encoding {self.angle_encoding!r}; expected one of "
                f"{sorted(ANGLE_ENCODINGS)}"
            )
        for name in ("standin_basic", "standin_deflection"):
            if getattr(self, name) not in STANDIN_ANCHORS:
                raise ValueError(
                    f"unknown {name} {getattr(self, name)!r}; expected one of {STANDIN_ANCHORS}"
                )
        if self.deflection_only and not self.deflections:
            raise ValueError("deflection_only needs the deflection branch (deflections=True)")

    @classmethod
    def preset(cls, name: str) -> NefNetV1Config:
        presets = {
            "paper": cls(),
            "book": cls(channels=32, res_blocks=2),
            "smoke": cls(channels=16, res_blocks=1, points=8),
        }
        if name not in presets:
            raise ValueError(f"unknown preset {name!r}; expected one of {sorted(presets)}")
        return presets[name]


def _conv_block(c_in, c_out):
    return nn.Sequential(nn.Conv1d(c_in, c_out, 3, padding=1), ChannelNorm(c_out), nn.ReLU())


class NefNetV1(nn.Module):
    """``forward(inputs (B, R, T), input_angles (B, R, 2), query_angles (B, Q, 2), bounds (B, 8))``
    → (B, Q, T); ``bounds`` are the 8 deflection boundaries in samples (see models.roi)."""

    def __init__(self, cfg: NefNetV1Config = NefNetV1Config()):
        super().__init__()
        self.cfg = cfg
        c = cfg.channels
        encoding = ANGLE_ENCODINGS[cfg.angle_encoding]
        self.encode_angle = encoding(cfg.jitter_deg)
        self.view_angle = nn.Linear(encoding.out_features, c)
        self.query_angle = nn.Linear(encoding.out_features, 2 * c)
        self.encoder = nn.Sequential(
            nn.Conv1d(1, c, 15, stride=2, padding=7, bias=False),
            nn.ReLU(),
            nn.MaxPool1d(3, 2, 1),
            *[BasicBlock(c, cfg.kernel, cfg.dropout) for _ in range(cfg.res_blocks)],
        )
        self.local = BasicBlock(c, 3, cfg.dropout)
        self.z1_conv = nn.Sequential(nn.Conv1d(c // 2, c, 3, padding=1), nn.ReLU())
        self.z2_conv = nn.Sequential(nn.Conv1d(c // 2, c, 3, padding=1), nn.ReLU())
        # deflection-wise processing: convolution over the sample points of each deflection,
        # its own weights per deflection (groups)
        n = len(DEFLECTIONS)
        if cfg.deflections:
            self.deflection_conv = nn.Sequential(
                nn.Conv1d(n * c, n * c, 3, padding=1, groups=n),
                nn.ReLU(),
                nn.Conv1d(n * c, n * c, 3, padding=1, groups=n),
            )
        self.decoder = nn.ModuleList([_conv_block(2 * c, c), _conv_block(c, c // 2)])
        self.head = nn.Conv1d(c // 2, 1, 3, padding=1)

    def represent(self, inputs, input_angles, bounds):
        """Per-view basic and deflection representations: two (B, R, C, T')."""
        zb, d, rb = self._encode(inputs, input_angles, bounds)
        if not self.cfg.deflections:
            return zb, d
        b, r = inputs.shape[:2]
        zd = roi_unalign(d.flatten(0, 1), rb, zb.shape[-1])
        return zb, zd.reshape(b, r, *zd.shape[1:])

    def deflection_latent(self, inputs, input_angles, bounds):
        """Deflection representation before reverse ROIAlign, averaged over views: (B, C, 7, P).
        Boundary-free, so it can be stored, averaged per class and re-timed (synthesis from
        scratch)."""
        self._need_deflections("a deflection latent")
        return self._encode(inputs, input_angles, bounds)[1].mean(1)

    def generate(self, latent, bounds, query_angles, length):
        """Deflection-only synthesis from scratch: latent (B, C, 7, P) laid out on new
        boundaries (B, 8) in samples → beats (B, Q, length); the basic representation is 0."""
        tp = (length + 3) // 4
        rb = bounds.to(latent.dtype) * tp / length
        zd = roi_unalign(latent, rb, tp)
        field = torch.cat([torch.zeros_like(zd), zd], dim=1)
        return self.decode(field, query_angles, length)

    def _need_deflections(self, what):
        if not self.cfg.deflections:
            raise ValueError(
                f"{what} needs the deflection branch; this model has deflections=False"
            )

    def _encode(self, inputs, input_angles, bounds):
        """(Z_b (B, R, C, T'), deflections (B, R, C, 7, P), scaled bounds (B·R, 8)); without the
        deflection branch the second half is z2 itself, (B, R, C, T'), and no bounds."""
        b, r, t = inputs.shape
        w = self.encoder(inputs.reshape(b * r, 1, t))  # (BR, C, T')
        cond = self.view_angle(self.encode_angle(input_angles)).reshape(b * r, -1, 1)
        w = self.local(w * cond)  # viewpoint removal by the angle feature
        z1, z2 = w.chunk(2, dim=1)
        zb = self.z1_conv(z1)
        z2 = self.z2_conv(z2)
        tp = z2.shape[-1]
        if not self.cfg.deflections:
            return zb.reshape(b, r, -1, tp), z2.reshape(b, r, -1, tp), None
        rb = (bounds.to(z2.dtype) * tp / t).repeat_interleave(r, dim=0)  # (BR, 8)
        d = roi_align(z2, rb, self.cfg.points)  # (BR, C, 7, P)
        n, c, p = d.shape[2], d.shape[1], d.shape[3]
        d = self.deflection_conv(d.transpose(1, 2).reshape(b * r, n * c, p))
        d = d.reshape(b * r, n, c, p).transpose(1, 2)  # (BR, C, 7, P)
        return zb.reshape(b, r, c, tp), d.reshape(b, r, c, n, p), rb

    def decode(self, field, query_angles, length):
        """Field (B, 2C, T') and queries (B, Q, 2) → (B, Q, length)."""
        b, q = query_angles.shape[:2]
        mod = self.query_angle(self.encode_angle(query_angles))  # (B, Q, 2C)
        h = (field[:, None] * mod[..., None]).reshape(b * q, *field.shape[1:])
        for i, block in enumerate(self.decoder):
            size = length if i == len(self.decoder) - 1 else (length + 1) // 2
            h = block(F.interpolate(h, size=size, mode="linear", align_corners=False))
        y = self.head(h).reshape(b, q, length)
        return torch.sigmoid(y / 3.0) if self.cfg.output == "sigmoid" else y

    def forward(self, inputs, input_angles, query_angles, bounds, standin=False):
        """The query views; with ``standin`` also the Standin pairs (stand-in output, anchor)
        that :meth:`loss` compares, one per active term."""
        zb, zd = self.represent(inputs, input_angles, bounds)
        if self.cfg.deflection_only:
            zb = torch.zeros_like(zb)
        field = torch.cat([zb.mean(1), zd.mean(1)], dim=1)
        out = self.decode(field, query_angles, inputs.shape[-1])
        if not standin:
            return out
        return out, self._standin_pairs(zb, zd, out, query_angles, inputs.shape[-1])

    def _standin_pairs(self, zb, zd, out, query_angles, length):
        """Eq. 3 with one random view k standing in (as the code): the field with Z_b^(k) (or
        Z_d^(k)) must decode like the averaged field — or, for the "random" anchors of the
        ablation (L'), like the field with another random view j's representation."""
        r = zb.shape[1]
        k = int(torch.randint(r, (1,)))  # one random view stands in for all
        pairs = []
        for part, anchor in ((0, self.cfg.standin_basic), (1, self.cfg.standin_deflection)):
            if anchor == "off" or (part == 1 and not self.cfg.deflections):
                continue
            parts = [zb.mean(1), zd.mean(1)]
            own = (zb, zd)[part]
            parts[part] = own[:, k]
            pred = self.decode(torch.cat(parts, 1), query_angles, length)
            target = out
            if anchor == "random":
                j = (k + 1 + int(torch.randint(max(r - 1, 1), (1,)))) % r if r > 1 else k
                parts[part] = own[:, j]
                target = self.decode(torch.cat(parts, 1), query_angles, length)
            pairs.append((pred, target.detach()))
        return pairs

    def loss(self, outputs, target, mask=None):
        """Standin learning loss (v1 Eq. 3–4) on the valid samples (``mask`` (B, 1, T)): MAE to
        the target plus ``standin_weight`` × MAE of each stand-in output to its anchor."""
        out, pairs = outputs
        m = torch.ones_like(target) if mask is None else mask.expand_as(target).float()
        l1 = lambda a, y: ((a - y).abs() * m).sum() / m.sum()  # noqa: E731
        w = self.cfg.standin_weight
        return l1(out, target) + sum(w * l1(pred, anchor) for pred, anchor in pairs)


def mix_latents(a, b, rng=None):
    """Beta(1, 1) mixing of two deflection latents (synthesis from scratch, v1 §4):
    λ·a + (1 − λ)·b with λ ~ Beta(1, 1). Returns (mixed, λ)."""
    lam = (
        float(torch.distributions.Beta(1.0, 1.0).sample())
        if rng is None
        else float(rng.beta(1.0, 1.0))
    )
    return lam * a + (1 - lam) * b, lam
