"""Recorded views encoded once, queried at any angle many times: what an explorer needs to
redraw a virtual lead on every slider move without re-running the view encoder.

:class:`EncodedRecord` splits NEF-NET v2's forward pass (inference only) into the part that
depends on the recorded views alone — the view encoder's features and the recorded views'
angle embedding — and the part that depends on the query. Its output equals the model's
forward pass (tested).
"""

from __future__ import annotations

import numpy as np
import torch

from ..normalization import model_mode, scaling
from .layers import device_of


class EncodedRecord:
    """``model`` (NEF-NET v2) with ``signals`` (R, T) mV at ``angles`` (R, 2) radians encoded;
    :meth:`synthesize` gives the views at any query angles in mV."""

    def __init__(self, model, signals, angles):
        mode = model_mode(model)
        if mode == "all":
            raise ValueError(
                "this model was trained on the papers' joint normalisation, which needs the "
                "targets' range; encode with a model scaled by its recorded views"
            )
        self.model = model.eval()
        x = np.asarray(signals, dtype=float)
        self.lo, self.scale = scaling(x, mode)
        device = device_of(model)
        self.inputs = torch.as_tensor((x - self.lo) / self.scale, dtype=torch.float32)[None]
        self.inputs = self.inputs.to(device)
        self.angles = torch.as_tensor(np.asarray(angles), dtype=torch.float32, device=device)[None]
        b, r, t = self.inputs.shape
        with torch.no_grad():
            self.rec_emb = model.recorded_embedding(self.angles)
            feats = model.encoder(self.inputs.reshape(b * r, 1, t))
            self.feats = feats.reshape(b, r, *feats.shape[1:])

    def synthesize(self, query_angles) -> np.ndarray:
        """Views (Q, T) in mV at ``query_angles`` (Q, 2) radians."""
        m = self.model
        q_ang = torch.as_tensor(np.asarray(query_angles), dtype=torch.float32)[None]
        q_ang = q_ang.to(self.inputs.device)
        b, r, t = self.inputs.shape
        q = q_ang.shape[1]
        with torch.no_grad():
            query_emb = m.embed_query(q_ang)
            a = m.attention(self.angles, query_emb, None, self.rec_emb, self.feats)
            a = a.reshape(b * q, r)
            feats = m.condition(self.feats, query_emb, self.rec_emb)
            feats = feats.reshape(b * q, r, *feats.shape[3:])
            y = m.decode_views(
                feats, a, query_emb, self.rec_emb, self.inputs, None, self.angles, q_ang
            )
        return y[0].cpu().numpy() * self.scale + self.lo
