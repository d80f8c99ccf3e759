"""The one model runner: numpy in millivolts → a trained model → numpy in millivolts.

Every place that runs a model on signals (evaluation, Stage III, the CLI, the chapters) goes
through :func:`synthesize`, which scales the inputs the way the model was trained
(:mod:`nefnet.normalization`), runs it without gradients on the model's own device and scales the
output back.
"""

from __future__ import annotations

import numpy as np
import torch

from ..models.layers import device_of
from ..normalization import check_mode, model_mode, scaling


def run_model(model, inputs, input_angles, query_angles, bounds=None) -> np.ndarray:
    """One forward pass on already-scaled arrays: inputs (R, T), angles (R, 2) and (Q, 2)
    radians → (Q, T). Nef-Net v1 also takes its 8 deflection boundaries (samples); without
    them it runs in continuous-window mode (seven even regions,
    :func:`~nefnet.beats.even_bounds`)."""
    device = device_of(model)

    def tensor(a):
        return torch.as_tensor(np.asarray(a), dtype=torch.float32, device=device)[None]

    args = [tensor(inputs), tensor(input_angles), tensor(query_angles)]
    if hasattr(model, "deflection_latent"):  # Nef-Net v1
        from ..beats import even_bounds

        args.append(
            even_bounds(np.shape(inputs)[-1]).to(device) if bounds is None else tensor(bounds)
        )
    model.eval()
    with torch.no_grad():
        return model(*args)[0].cpu().numpy()


def synthesize(
    model, signals, angles, query_angles, *, joint=None, bounds=None, normalize_by=None
) -> np.ndarray:
    """Query views (Q, T) in mV from recorded views ``signals`` (R, T) in mV at ``angles``
    (R, 2) radians, looking in ``query_angles`` (Q, 2) radians.

    The inputs are scaled as the model was trained (``normalize_by`` overrides it): by the
    recorded views (``"recorded"``, ``"range"``), not at all (``"none"``, geometric models), or by
    the papers' joint range of recorded *and* target views (``"all"``), which must then be given
    as ``joint=(offset, scale)`` — a deployed model does not know its targets' range."""
    x = np.asarray(signals, dtype=float)
    mode = model_mode(model) if normalize_by is None else check_mode(normalize_by)
    if mode == "all":
        if joint is None:
            raise ValueError(
                "a model trained on the papers' joint normalisation needs the "
                "targets' range (joint=); it cannot run on recorded views alone"
            )
        lo, scale = joint
    else:
        lo, scale = scaling(x, mode)
    return run_model(model, (x - lo) / scale, angles, query_angles, bounds) * scale + lo
