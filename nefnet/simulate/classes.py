"""The nine CPSC2018 rhythm/morphology classes as dipole-kernel recipes.

Each recipe returns beat templates — ``{0: kernels of ordinary beats, 1: kernels of ectopic
beats}`` — plus a rhythm name for :mod:`.rhythm`. Bundle-branch-block recipes follow
reference/baselines_metrics_simulator.md §3.3 (Frank frame, phase units at 60 bpm).
"""

from __future__ import annotations

import numpy as np

from .gaussians import Kernel, frank_kernel, normal_kernels

CLASSES = ("Normal", "AF", "I-AVB", "LBBB", "RBBB", "PAC", "PVC", "STD", "STE")

_LBBB_QRS = [
    ("X", -0.25, 0.25, 0.06),
    ("X", -0.05, 1.0, 0.08),
    ("X", 0.20, 1.0, 0.08),
    ("Z", -0.20, 0.25, 0.06),
    ("Z", 0.05, 0.9, 0.10),
    ("Z", 0.30, 0.5, 0.08),
    ("Y", -0.05, 0.25, 0.08),
    ("Y", 0.20, 0.15, 0.08),
]
_LBBB_T = [
    ("X", 1.3, -0.25, 0.5),
    ("X", 1.6, -0.30, 0.25),
    ("Y", 1.4, -0.10, 0.4),
    ("Z", 1.3, -0.25, 0.5),
    ("Z", 1.55, -0.35, 0.2),
]
_RBBB_TERMINAL = [("X", 0.36, -0.7, 0.10), ("Z", 0.36, -1.1, 0.10)]
_PVC = [
    ("X", -0.02, 1.1, 0.11),
    ("Z", 0.10, 0.9, 0.12),
    ("Y", 0.05, -0.45, 0.12),
    ("X", 1.25, -0.35, 0.35),
    ("Z", 1.25, -0.30, 0.35),
    ("Y", 1.3, 0.1, 0.35),
]
#: ST-segment injury currents, papers' frame (x ant, y left, z sup), mV
_ST_VECTOR = {"STD": (-0.09, -0.06, 0.06), "STE": (0.16, 0.05, -0.10)}


def _waves(kernels, keep):
    return [k for k in kernels if k.wave in keep]


def _frank(rows):
    return [frank_kernel(*row) for row in rows]


def _shift(kernels, seconds):
    return [Kernel(k.amplitude, k.centre + seconds, k.width, k.wave) for k in kernels]


def recipe(label: str, rng: np.random.Generator):
    """``(templates, rhythm)`` for a class label; ``rng`` draws the class's own variability."""
    base = normal_kernels()
    if label == "Normal":
        return {0: base}, "sinus"
    if label == "AF":
        return {0: _waves(base, ("QRS", "T"))}, "af"
    if label == "I-AVB":  # PR prolonged by 100-160 ms: PR > 200 ms
        return {
            0: _shift(_waves(base, ("P",)), -rng.uniform(0.10, 0.16)) + _waves(base, ("QRS", "T"))
        }, "sinus"
    if label == "LBBB":
        return {0: _waves(base, ("P",)) + _frank(_LBBB_QRS) + _frank(_LBBB_T)}, "sinus"
    if label == "RBBB":
        t_disc = [
            k.scaled(-1.0) if k.wave == "T" and abs(k.amplitude[0]) > 0 else k for k in base
        ]  # anterior T component flipped: T discordant to R′
        return {0: t_disc + _frank(_RBBB_TERMINAL)}, "sinus"
    if label == "PAC":  # ectopic atrial focus: inverted, earlier P
        ectopic = [k.scaled(-0.8) for k in _waves(base, ("P",))]
        return {0: base, 1: _shift(ectopic, 0.03) + _waves(base, ("QRS", "T"))}, "pac"
    if label == "PVC":
        return {0: base, 1: _frank(_PVC)}, "pvc"
    if label in _ST_VECTOR:
        scale = rng.uniform(0.8, 1.6)
        st = Kernel(tuple(scale * np.array(_ST_VECTOR[label])), 0.17, 0.06, "ST")
        return {0: base + [st]}, "sinus"
    raise ValueError(f"unknown class {label!r}; expected one of {CLASSES}")
