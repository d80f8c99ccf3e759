"""EKGAN (Joo et al., 2023): a conditional GAN with two generators. The *label generator*
encodes and reconstructs the true target leads; the *inference generator* maps the recorded
leads to the target leads and is pulled, at its bottleneck, towards the label generator's
code of the same beat; a convolutional discriminator judges (recorded, target) pairs.

Generator loss = ``lam``·L1 + adversarial + ``alpha``·L1(bottlenecks), ``lam`` = 100 and
``alpha`` = 0.1 as the NEF-NET v2 authors' re-implementation; the label generator learns by L1
reconstruction; the discriminator by binary cross-entropy. All three are updated in one
optimiser step on the sum of their losses: the generator's adversarial term sees the
discriminator's weights detached, and the discriminator sees the generator's output detached,
so each part gets only its own gradients (simultaneous rather than alternating updates).
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn
from torch.func import functional_call

from .lead_map import LeadMap, LeadMapConfig, masked_mean, valid_mask
from .unet1d import UNet1d


@dataclass(frozen=True)
class EKGANConfig(LeadMapConfig):
    baseline: str = "ekgan"
    channels: int = 16
    depth: int = 4
    kernel: int = 9
    disc_channels: int = 16
    lam: float = 100.0
    alpha: float = 0.1


def _discriminator(c_in, c, k):
    """A patch discriminator: strided convolutions → one logit per patch."""
    return nn.Sequential(
        nn.Conv1d(c_in, c, k, stride=2, padding=k // 2),
        nn.LeakyReLU(0.2),
        nn.Conv1d(c, 2 * c, k, stride=2, padding=k // 2),
        nn.LeakyReLU(0.2),
        nn.Conv1d(2 * c, 4 * c, k, stride=2, padding=k // 2),
        nn.LeakyReLU(0.2),
        nn.Conv1d(4 * c, 1, k, padding=k // 2),
    )


class EKGAN(LeadMap):
    def __init__(self, cfg: EKGANConfig):
        super().__init__(cfg)
        unet = dict(channels=cfg.channels, depth=cfg.depth, kernel=cfg.kernel)
        self.inference = UNet1d(self.n_in, self.n_out, **unet)
        self.label = UNet1d(self.n_out, self.n_out, **unet)
        self.disc = _discriminator(self.n_in + self.n_out, cfg.disc_channels, cfg.kernel)

    def generate(self, x):
        return self.inference(x)[0]

    def _judge(self, x, y, frozen=False):
        pair = torch.cat([x, y], dim=1)
        if not frozen:
            return self.disc(pair)
        params = {k: v.detach() for k, v in self.disc.named_parameters()}
        return functional_call(self.disc, params, (pair,))

    def training_loss(self, batch):
        cfg = self.cfg
        x, y = batch["inputs"], batch["targets"]
        mask = valid_mask(batch["length"], y.shape[-1])
        fake, code = self.inference(x)
        fake = fake * mask  # padding stays zero, as in the true leads
        rebuilt, label_code = self.label(y)
        l1 = masked_mean((fake - y).abs(), mask)
        fooled = self._judge(x, fake, frozen=True)
        adversarial = F.binary_cross_entropy_with_logits(fooled, torch.ones_like(fooled))
        latent = (code - label_code.detach()).abs().mean()
        generator = cfg.lam * l1 + adversarial + cfg.alpha * latent
        label = cfg.lam * masked_mean((rebuilt - y).abs(), mask)
        real, forged = self._judge(x, y), self._judge(x, fake.detach())
        disc = 0.5 * (
            F.binary_cross_entropy_with_logits(real, torch.ones_like(real))
            + F.binary_cross_entropy_with_logits(forged, torch.zeros_like(forged))
        )
        return generator + label + disc
