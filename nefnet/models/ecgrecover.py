"""ECGRecover (Lence et al., 2025): a 1-D U-Net that completes the missing leads, trained with
a loss that adds to the squared error a correlation term, an amplitude term and a soft-DTW
term, so that a reconstruction keeps the shape, the peak amplitudes and the timing of the
true lead rather than only its mean.

Loss = MSE + ``w_pcc``·(1 − Pearson r) + ``w_amp``·(|max error| + |min error|) +
``w_dtw``·soft-DTW divergence on the signals decimated by ``dtw_stride`` (the batch's shortest
valid length; decimation keeps the DP's cost small). The weights and widths are ours; the
terms are the paper's.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

from .lead_map import LeadMap, LeadMapConfig, masked_mean, valid_mask
from .soft_dtw import soft_dtw_divergence
from .unet1d import UNet1d


@dataclass(frozen=True)
class ECGRecoverConfig(LeadMapConfig):
    baseline: str = "ecgrecover"
    channels: int = 16
    depth: int = 3
    kernel: int = 9
    w_pcc: float = 1.0
    w_amp: float = 0.1
    w_dtw: float = 0.1
    dtw_gamma: float = 0.1
    dtw_stride: int = 16


def pearson_loss(pred, target, mask) -> torch.Tensor:
    """Mean over items and leads of 1 − Pearson r on the valid samples."""
    m = mask.expand_as(pred)
    n = m.sum(-1).clamp_min(1)
    mp = (pred * m).sum(-1) / n
    mt = (target * m).sum(-1) / n
    dp, dt = (pred - mp[..., None]) * m, (target - mt[..., None]) * m
    r = (dp * dt).sum(-1) / ((dp * dp).sum(-1).sqrt() * (dt * dt).sum(-1).sqrt() + 1e-8)
    return (1 - r).mean()


def amplitude_loss(pred, target, mask) -> torch.Tensor:
    """Mean absolute error of each lead's maximum and minimum over the valid samples."""
    m = mask.expand_as(pred) > 0
    hi = lambda a: a.masked_fill(~m, -1e9).amax(-1)  # noqa: E731
    lo = lambda a: a.masked_fill(~m, 1e9).amin(-1)  # noqa: E731
    return ((hi(pred) - hi(target)).abs() + (lo(pred) - lo(target)).abs()).mean()


class ECGRecover(LeadMap):
    def __init__(self, cfg: ECGRecoverConfig):
        super().__init__(cfg)
        self.net = UNet1d(self.n_in, self.n_out, cfg.channels, cfg.depth, cfg.kernel)

    def generate(self, x):
        return self.net(x)[0]

    def training_loss(self, batch):
        cfg = self.cfg
        pred, target = self.generate(batch["inputs"]), batch["targets"]
        mask = valid_mask(batch["length"], pred.shape[-1])
        loss = masked_mean((pred - target) ** 2, mask)
        loss = loss + cfg.w_pcc * pearson_loss(pred, target, mask)
        loss = loss + cfg.w_amp * amplitude_loss(pred, target, mask)
        if cfg.w_dtw:
            n = int(batch["length"].min())
            s = cfg.dtw_stride
            p, t = pred[..., :n:s].flatten(0, 1), target[..., :n:s].flatten(0, 1)
            loss = loss + cfg.w_dtw * soft_dtw_divergence(p, t, cfg.dtw_gamma).mean() / p.shape[1]
        return loss
