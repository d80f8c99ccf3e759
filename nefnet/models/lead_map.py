"""Lead-to-lead models: the deep baselines of NEF-NET v2's Table 2 (E-LSTM, ECGRecover, EKGAN,
SSSD). Each maps one fixed set of recorded leads to one fixed set of target leads — it knows
lead names, not viewing angles, so it reconstructs the leads it was trained on and cannot
synthesize any other view.

They share the calling convention of the view models (``model(inputs, input_angles,
target_angles)``, angles ignored), so the one training loop, the model cache, the checkpoints
and the scoring code serve them; each defines its own ``training_loss(batch)``. Inputs are
scaled by the recorded leads' min–max (``normalize="recorded"``), so a deployed model needs
nothing but the recorded leads.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from ..normalization import check_mode


@dataclass(frozen=True)
class LeadMapConfig:
    """What every lead-to-lead model knows: its recorded and target leads, in order."""

    recorded: tuple = ()
    targets: tuple = ()
    normalize: str = "recorded"

    def __post_init__(self):
        object.__setattr__(self, "recorded", tuple(self.recorded))
        object.__setattr__(self, "targets", tuple(self.targets))
        check_mode(self.normalize)
        if not self.recorded or not self.targets:
            raise ValueError("a lead-to-lead model needs its recorded and target leads")


def valid_mask(length, t: int) -> torch.Tensor:
    """(B, 1, T) float mask of each item's valid (unpadded) samples."""
    return (torch.arange(t, device=length.device)[None] < length[:, None]).float()[:, None]


def masked_mean(values, mask) -> torch.Tensor:
    """Mean of ``values`` (B, Q, T) over the valid samples of ``mask`` (B, 1, T)."""
    mask = mask.expand_as(values)
    return (values * mask).sum() / mask.sum()


def pad_to(x, multiple: int):
    """``x`` (B, C, T) zero-padded on the right to a multiple of ``multiple`` samples, and T."""
    t = x.shape[-1]
    extra = (-t) % multiple
    return (nn.functional.pad(x, (0, extra)) if extra else x), t


class LeadMap(nn.Module):
    """Base of the lead-to-lead models: ``generate(x (B, R, T)) → (B, Q, T)``."""

    def __init__(self, cfg: LeadMapConfig):
        super().__init__()
        self.cfg = cfg

    @property
    def n_in(self) -> int:
        return len(self.cfg.recorded)

    @property
    def n_out(self) -> int:
        return len(self.cfg.targets)

    def forward(self, inputs, input_angles=None, target_angles=None, input_mask=None):
        if inputs.shape[1] != self.n_in:
            raise ValueError(
                f"this model maps {self.n_in} recorded leads {list(self.cfg.recorded)}; "
                f"got {inputs.shape[1]}"
            )
        if target_angles is not None and target_angles.shape[1] != self.n_out:
            raise ValueError(
                f"this model reconstructs {self.n_out} leads {list(self.cfg.targets)}; "
                f"asked for {target_angles.shape[1]}"
            )
        return self.generate(inputs)

    def generate(self, x):
        raise NotImplementedError

    def training_loss(self, batch):
        """The model's loss on a training batch (inputs, targets, length)."""
        raise NotImplementedError
