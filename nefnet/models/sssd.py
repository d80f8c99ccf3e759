"""SSSD (Alcaraz & Strodthoff, 2022) as a lead reconstructor: a denoising diffusion model whose
network is a stack of residual blocks with S4 layers (SSSD-S4), conditioned on the recorded
leads, generating the target leads from noise.

The network reads the noisy target leads beside the recorded ones (SSSD's imputer reads the
observed channels in place). Each residual block adds the diffusion step's embedding, runs an
S4 layer, adds the
conditioning (the recorded leads, projected), runs a second S4 layer, gates (tanh · sigmoid)
and splits into a residual and a skip path. Training predicts the noise added at a random step
(mean squared error on the valid samples of the generated leads); generation runs the
ancestral DDPM sampler through every step from seeded noise, so the same input gives the
same output. Only the target leads are generated — in (8,12), which scores the recorded leads
too, every output lead is.

The ``paper`` scale uses the original's 200 diffusion steps and larger S4 state; ``book``
runs a reduced configuration (fewer steps, smaller state and width) so that sampling fits 2
CPU cores — stated with the results.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
from torch import nn

from .lead_map import LeadMap, LeadMapConfig, masked_mean, valid_mask
from .s4 import S4D


@dataclass(frozen=True)
class SSSDConfig(LeadMapConfig):
    baseline: str = "sssd"
    channels: int = 32
    layers: int = 4
    state: int = 16
    steps: int = 50
    beta_start: float = 1e-4
    beta_end: float = 0.05
    sample_seed: int = 0
    revision: int = 2  # of the network (2: reads the recorded leads at its input); names the file


def step_embedding(t, dim: int) -> torch.Tensor:
    """Sinusoidal embedding (B, dim) of diffusion steps ``t`` (B,)."""
    half = dim // 2
    freq = torch.exp(-math.log(10000.0) * torch.arange(half, device=t.device) / max(half - 1, 1))
    arg = t.float()[:, None] * freq[None]
    return torch.cat([arg.sin(), arg.cos()], dim=1)


class _Block(nn.Module):
    def __init__(self, c, c_cond, state):
        super().__init__()
        self.step = nn.Linear(c, c)
        self.expand = nn.Conv1d(c, 2 * c, 1)
        self.s4_a = S4D(2 * c, state)
        self.cond = nn.Conv1d(c_cond, 2 * c, 1)
        self.s4_b = S4D(2 * c, state)
        self.res = nn.Conv1d(c, c, 1)
        self.skip = nn.Conv1d(c, c, 1)

    def forward(self, x, emb, cond):
        h = self.expand(x + self.step(emb)[:, :, None])
        h = self.s4_b(self.s4_a(h) + self.cond(cond))
        a, b = h.chunk(2, dim=1)
        g = torch.tanh(a) * torch.sigmoid(b)
        return (x + self.res(g)) / math.sqrt(2.0), self.skip(g)


class SSSD(LeadMap):
    def __init__(self, cfg: SSSDConfig):
        super().__init__(cfg)
        c = cfg.channels
        self.embed = nn.Sequential(nn.Linear(c, c), nn.SiLU(), nn.Linear(c, c))
        # the network reads the recorded leads beside the noisy targets, as SSSD's imputer
        # reads the observed channels in place
        self.front = nn.Sequential(nn.Conv1d(self.n_out + self.n_in, c, 1), nn.ReLU())
        self.blocks = nn.ModuleList(_Block(c, self.n_in, cfg.state) for _ in range(cfg.layers))
        self.out = nn.Sequential(nn.Conv1d(c, c, 1), nn.ReLU(), nn.Conv1d(c, self.n_out, 1))
        nn.init.zeros_(self.out[-1].weight)
        nn.init.zeros_(self.out[-1].bias)
        betas = torch.linspace(cfg.beta_start, cfg.beta_end, cfg.steps, dtype=torch.float64)
        alpha_bar = torch.cumprod(1 - betas, 0)
        self.register_buffer("betas", betas.float(), persistent=False)
        self.register_buffer("alpha_bar", alpha_bar.float(), persistent=False)

    def noise_estimate(self, noisy, t, cond):
        """The network: ε̂ (B, Q, T) from the noisy target leads at steps ``t`` (B,)."""
        emb = self.embed(step_embedding(t, self.cfg.channels))
        h, skips = self.front(torch.cat([noisy, cond], dim=1)), 0.0
        for block in self.blocks:
            h, s = block(h, emb, cond)
            skips = skips + s
        return self.out(skips / math.sqrt(len(self.blocks)))

    @staticmethod
    def _to_unit(y):  # the recorded leads' min–max puts them in [0, 1]; diffusion uses ±1
        return 2 * y - 1

    def training_loss(self, batch):
        x, y = batch["inputs"], self._to_unit(batch["targets"])
        t = torch.randint(0, self.cfg.steps, (len(y),), device=y.device)
        noise = torch.randn_like(y)
        ab = self.alpha_bar[t][:, None, None]
        noisy = ab.sqrt() * y + (1 - ab).sqrt() * noise
        mask = valid_mask(batch["length"], y.shape[-1])
        return masked_mean((self.noise_estimate(noisy, t, x) - noise) ** 2, mask)

    def generate(self, x):
        gen = torch.Generator(device=x.device).manual_seed(self.cfg.sample_seed)
        shape = (len(x), self.n_out, x.shape[-1])
        h = torch.randn(shape, generator=gen, device=x.device)
        for step in reversed(range(self.cfg.steps)):
            t = torch.full((len(x),), step, device=x.device)
            beta, ab = self.betas[step], self.alpha_bar[step]
            eps = self.noise_estimate(h, t, x)
            h = (h - beta / (1 - ab).sqrt() * eps) / (1 - beta).sqrt()
            if step:
                var = beta * (1 - self.alpha_bar[step - 1]) / (1 - ab)
                h = h + var.sqrt() * torch.randn(shape, generator=gen, device=x.device)
        return (h + 1) / 2
