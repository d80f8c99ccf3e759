"""How a model's inputs are scaled: one place for the three conventions.

* ``"all"`` — min–max to [0, 1] over the recorded *and* the query views of the crop: the papers'
  loaders. It uses the targets' range, which a deployed model does not have.
* ``"recorded"`` — min–max over the recorded views only (deployable).
* ``"range"`` — divide by the recorded views' range and shift nothing, so 0 mV stays 0. A lead
  that is a linear combination of others in mV (Einthoven, a dipole projection) is then the same
  linear combination of the scaled signals; with a shift it would also need the offset term
  (Σα − 1)·min/range, i.e. where 0 mV lies in the crop — which a convolutional model can only
  guess from the flat segments around it.

A model's configuration names its mode (``cfg.normalize``), so evaluation, calibration and the
CLI scale its inputs the way it was trained. Models without one (the geometric baselines) work
on millivolts: ``"none"``.
"""

from __future__ import annotations

import numpy as np

from .metrics import minmax_normalize

#: the scalings a model can be trained with; "none" (millivolts) is for the geometric baselines
TRAINING_MODES = ("all", "recorded", "range")
MODES = TRAINING_MODES + ("none",)


def check_mode(mode: str) -> str:
    if mode not in MODES:
        raise ValueError(f"unknown normalisation {mode!r}; expected one of {MODES}")
    return mode


def model_mode(model) -> str:
    """The normalisation ``model`` was trained with (``"none"`` for models without one)."""
    cfg = getattr(getattr(model, "model", model), "cfg", None)  # FastSynthesizer wraps a model
    return check_mode(getattr(cfg, "normalize", "none"))


def _range(x):
    """``(min, max − min)`` of ``x`` with the checks of :func:`nefnet.metrics.minmax_normalize`
    (NaN/inf, flat line)."""
    _, lo, span = minmax_normalize(x)
    return float(lo.ravel()[0]), float(span.ravel()[0])


def scaling(recorded, mode: str, targets=None) -> tuple[float, float]:
    """``(offset, scale)`` with ``normalised = (mV − offset) / scale`` for the recorded views
    (R, T) and, in mode ``"all"``, the targets (Q, T) too."""
    check_mode(mode)
    if mode == "none":
        return 0.0, 1.0
    if mode == "all":
        if targets is None:
            raise ValueError("normalisation 'all' needs the targets (the papers' joint range)")
        recorded = np.vstack([recorded, targets])
    lo, span = _range(recorded)
    return (0.0 if mode == "range" else lo), span
