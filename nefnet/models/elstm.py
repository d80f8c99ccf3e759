"""E-LSTM (Sohn et al., 2020): a recurrent network that reads the recorded leads sample by
sample and regresses the target leads at every sample.

Our reading of the paper's description: stacked unidirectional LSTM layers over the recorded
leads, a linear read-out of the target leads at each sample, mean squared error. The layer
sizes are ours (``hidden``, ``layers``), set by the training scale.
"""

from __future__ import annotations

from dataclasses import dataclass

from torch import nn

from .lead_map import LeadMap, LeadMapConfig, masked_mean, valid_mask


@dataclass(frozen=True)
class ELSTMConfig(LeadMapConfig):
    baseline: str = "e-lstm"
    hidden: int = 64
    layers: int = 2


class ELSTM(LeadMap):
    def __init__(self, cfg: ELSTMConfig):
        super().__init__(cfg)
        self.lstm = nn.LSTM(self.n_in, cfg.hidden, cfg.layers, batch_first=True)
        self.head = nn.Linear(cfg.hidden, self.n_out)

    def generate(self, x):
        h, _ = self.lstm(x.transpose(1, 2))
        return self.head(h).transpose(1, 2)

    def training_loss(self, batch):
        pred = self.generate(batch["inputs"])
        mask = valid_mask(batch["length"], pred.shape[-1])
        return masked_mean((pred - batch["targets"]) ** 2, mask)
