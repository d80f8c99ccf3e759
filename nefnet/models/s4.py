"""A structured state-space (S4) layer in its diagonal form (S4D, Gu et al., 2022): per channel,
a linear state-space system x' = Ax + Bu, y = Cx + Du with a diagonal complex A (the S4D-Lin
initialisation, −1/2 + iπn), discretised by zero-order hold with a learned step, applied to
the whole sequence at once as a long convolution computed by FFT. Bidirectional: a second
kernel runs over the reversed sequence, as SSSD's S4 layers do."""

from __future__ import annotations

import math

import torch
from torch import nn

from .layers import ChannelNorm


class S4D(nn.Module):
    """(B, H, L) → (B, H, L): bidirectional diagonal state-space convolution, a D skip term,
    GELU and a pointwise mixing of the channels, added to the input and normalised over the
    channels (SSSD's S4 layer: residual, then LayerNorm). ``state``: the state size N (N/2
    complex conjugate pairs per direction)."""

    def __init__(self, channels: int, state: int = 16, dt_min=1e-3, dt_max=1e-1):
        super().__init__()
        h, n = channels, max(1, state // 2)
        log_dt = torch.rand(h) * (math.log(dt_max) - math.log(dt_min)) + math.log(dt_min)
        self.log_dt = nn.Parameter(log_dt)
        self.log_a_real = nn.Parameter(torch.log(0.5 * torch.ones(2, h, n)))
        self.a_imag = nn.Parameter(math.pi * torch.arange(n).float().repeat(2, h, 1))
        self.c = nn.Parameter(torch.randn(2, h, n, 2) * (0.5**0.5))  # complex as (re, im)
        self.d = nn.Parameter(torch.randn(h))
        self.mix = nn.Conv1d(h, h, 1)
        self.norm = ChannelNorm(h)

    def kernel(self, length: int) -> torch.Tensor:
        """The two convolution kernels (2, H, L) of the discretised systems."""
        dt = self.log_dt.exp()[None, :, None]  # (1, H, 1)
        a = torch.complex(-self.log_a_real.exp(), self.a_imag)  # (2, H, N)
        c = torch.view_as_complex(self.c)
        dta = a * dt
        coef = c * (dta.exp() - 1) / a  # zero-order hold of B = 1
        pos = torch.arange(length, device=a.device)
        vander = (dta[..., None] * pos).exp()  # (2, H, N, L)
        return 2 * torch.einsum("khn,khnl->khl", coef, vander).real

    def _kernel_cached(self, length: int) -> torch.Tensor:
        """The kernel, reused without gradients while the weights stay the same (diffusion
        sampling runs the layer many times on one length)."""
        if torch.is_grad_enabled():
            return self.kernel(length)
        params = (self.log_dt, self.log_a_real, self.a_imag, self.c)
        key = (length, *(p._version for p in params), *(p.data_ptr() for p in params))
        if getattr(self, "_cache", (None,))[0] != key:
            self._cache = (key, self.kernel(length))
        return self._cache[1]

    def forward(self, u):
        length = u.shape[-1]
        k = self._kernel_cached(length)
        n = 2 * length
        k_f = torch.fft.rfft(k, n=n)
        fwd = torch.fft.irfft(torch.fft.rfft(u, n=n) * k_f[0], n=n)[..., :length]
        rev = torch.fft.irfft(torch.fft.rfft(u.flip(-1), n=n) * k_f[1], n=n)[..., :length]
        y = fwd + rev.flip(-1) + u * self.d[:, None]
        return self.norm(u + self.mix(nn.functional.gelu(y)))
